// Rapat — progressive enhancement only: every page works without this file.
"use strict";
document.documentElement.classList.add("has-js");
document.addEventListener("DOMContentLoaded", function () {
  // Forms that ask before they act: data-confirm holds the question.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });

  meetingRoom();
  keepDrafts();

  var plan = document.getElementById("form-rapat");
  if (!plan) { return; }

  // The agenda's running total against the meeting's length.
  function minutesBetween(a, b) {
    if (!a || !b) { return 0; }
    var x = a.split(":"), y = b.split(":");
    return (parseInt(y[0], 10) * 60 + parseInt(y[1], 10)) - (parseInt(x[0], 10) * 60 + parseInt(x[1], 10));
  }
  var total = document.getElementById("total-acara");
  function updateTotal() {
    var sum = 0;
    plan.querySelectorAll("input.box").forEach(function (box) { sum += parseInt(box.value || "0", 10) || 0; });
    var length = parseInt(document.getElementById("durasi").value || "0", 10) ||
      minutesBetween(document.getElementById("mulai").value, document.getElementById("selesai").value);
    total.textContent = length > 0 ? sum + " / " + length : String(sum);
    total.classList.toggle("over", length > 0 && sum > length);
  }
  plan.addEventListener("input", updateTotal);
  updateTotal();

  // Participants: filter the OPD groups as one types, unfolding those with a match; an empty search folds
  // back every OPD in which nobody is chosen.
  var find = document.getElementById("cari-peserta");
  if (find) {
    find.addEventListener("input", function () {
      var q = find.value.toLowerCase().trim();
      plan.querySelectorAll("details.opd").forEach(function (group) {
        var opd = group.querySelector("summary").textContent.toLowerCase();
        var any = false;
        group.querySelectorAll(".person").forEach(function (p) {
          var show = !q || opd.indexOf(q) >= 0 || p.textContent.toLowerCase().indexOf(q) >= 0;
          p.hidden = !show;
          any = any || show;
        });
        group.hidden = !any;
        group.open = q ? any : group.querySelector("input:checked") !== null;
      });
    });
  }

  // The planning rules, asked of the server before saving; each refusal shown beside its field.
  var checking = null;
  function showErrors(errors) {
    plan.querySelectorAll(".field-error.live").forEach(function (e) { e.remove(); });
    plan.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
    Object.keys(errors).forEach(function (field) {
      var target = document.getElementById(field);
      if (!target) { return; }
      var note = document.createElement("span");
      note.className = "field-error live";
      note.id = field + "-periksa";
      note.setAttribute("role", "alert");
      note.textContent = errors[field];
      if (target.tagName === "FIELDSET") { target.insertBefore(note, target.children[1] || null); }
      else { target.setAttribute("aria-invalid", "true"); target.insertAdjacentElement("afterend", note); }
    });
  }
  function check() {
    var body = new URLSearchParams(new FormData(plan));
    fetch(plan.getAttribute("data-check"), { method: "POST", body: body, credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" } })
      .then(function (r) { return r.json(); })
      .then(function (j) { showErrors(j.errors || {}); })
      .catch(function () { /* the form still works: the server checks again on submit */ });
  }
  plan.addEventListener("change", function () {
    if (checking) { clearTimeout(checking); }
    checking = setTimeout(check, 400);
  });
});
// Orang and Impor kalender: a chosen file is read into the text area (the form itself sends text, so it works without this).
document.addEventListener("DOMContentLoaded", function () {
  [["berkas-csv", "csv"], ["berkas-ics", "ics"]].forEach(function (ids) {
    var file = document.getElementById(ids[0]), area = document.getElementById(ids[1]);
    if (!file || !area) { return; }
    file.addEventListener("change", function () {
      if (!file.files.length) { return; }
      var reader = new FileReader();
      reader.onload = function () { area.value = reader.result; };
      reader.readAsText(file.files[0]);
    });
  });
});

// Ruang rapat: the server's clock moved on in the browser (offset from the time each page or event carries),
// countdowns and the predicted end redrawn every second, the live part replaced on every event the server
// sends, and the late-start reason asked in a dialog before the form goes.
function meetingRoom() {
  var room = document.getElementById("ruang");
  if (!room) { return; }
  var zone = room.getAttribute("data-zone");
  var lang = document.documentElement.lang === "en" ? "en-GB" : "id-ID";
  var offset = 0;
  function live() { return document.getElementById("langsung"); }
  function number(el, name) {
    var v = el && el.getAttribute(name);
    return v ? parseInt(v, 10) : NaN;
  }
  function sync() { var n = number(live(), "data-now"); if (!isNaN(n)) { offset = n - Date.now(); } }
  function now() { return Date.now() + offset; }
  var clock = new Intl.DateTimeFormat(lang, { timeZone: zone, hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
  var hm = new Intl.DateTimeFormat(lang, { timeZone: zone, hour: "2-digit", minute: "2-digit", hour12: false });
  function span(ms) {
    var s = Math.floor(Math.abs(ms) / 1000), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, r = s % 60;
    function two(x) { return (x < 10 ? "0" : "") + x; }
    return (h > 0 ? h + ":" + two(m) : two(m)) + ":" + two(r);
  }
  function label(name) { return room.getAttribute("data-label-" + name) || ""; }
  function tick() {
    var t = now();
    document.getElementById("jam").textContent = clock.format(new Date(t)) + " " + (room.getAttribute("data-zone-suffix") || "");
    var l = live();
    if (!l) { return; }
    var down = document.getElementById("hitung-mundur");
    if (down) {
      var left = number(down, "data-deadline") - t;
      // Time left counts whole seconds up (00:01 until the deadline); time over counts whole seconds passed.
      var over = left <= 0;
      down.textContent = (over ? label("over") : label("left")) + " " + span(over ? Math.floor(-left / 1000) * 1000 : Math.ceil(left / 1000) * 1000);
      down.classList.toggle("over", over);
    }
    if (isNaN(number(l, "data-ended"))) {
      var from = number(l, "data-remaining-from");
      var predicted = Math.max(t, isNaN(from) ? t : from) + number(l, "data-remaining") * 1000;
      var end = document.getElementById("perkiraan-selesai");
      if (end) { end.textContent = hm.format(new Date(predicted)).replace(":", lang === "id-ID" ? "." : ":") + " " + (end.getAttribute("data-suffix") || ""); }
      var delta = Math.round((predicted - number(l, "data-scheduled-end")) / 60000);
      var note = document.getElementById("selisih-jadwal");
      if (note) { note.textContent = delta === 0 ? "" : "(" + Math.abs(delta) + " " + label("minutes") + " " + (delta < 0 ? label("ahead") : label("behind")) + ")"; }
    }
  }
  function showFor(status) {
    room.querySelectorAll("[data-when]").forEach(function (el) {
      el.hidden = el.getAttribute("data-when").split(" ").indexOf(status) < 0;
    });
  }
  sync();
  tick();
  setInterval(tick, 250);

  // The late start: the reason is asked before the form goes (the server asks again if it must).
  var start = document.getElementById("form-mulai");
  var dialog = document.getElementById("dialog-alasan");
  var reason = document.getElementById("alasan");
  if (start && dialog && reason) {
    start.addEventListener("submit", function (event) {
      var late = now() - number(room, "data-start") > number(room, "data-grace") * 1000 + 59999;
      if (late && reason.value.trim() === "") {
        event.preventDefault();
        reason.required = true;
        if (typeof dialog.showModal === "function") { if (!dialog.open) { dialog.showModal(); } } else { dialog.setAttribute("open", ""); }
        reason.focus();
      }
    });
    document.getElementById("tutup-alasan").addEventListener("click", function () {
      reason.required = false;
      dialog.close ? dialog.close() : dialog.removeAttribute("open");
    });
  }

  if (!window.EventSource) { return; }
  var lost = document.getElementById("sambungan");
  var source = new EventSource(room.getAttribute("data-events"));
  source.addEventListener("ruang", function (event) {
    var data = JSON.parse(event.data);
    lost.hidden = true;
    var current = live();
    var focused = document.activeElement && document.activeElement.id;
    if (current && current.outerHTML !== data.html) {
      var holder = document.createElement("div");
      holder.innerHTML = data.html;
      var fresh = holder.firstElementChild;
      if (fresh) { current.replaceWith(fresh); }
      if (focused && document.getElementById(focused)) { document.getElementById(focused).focus(); }
    }
    offset = data.now - Date.now();
    showFor(data.status);
    tick();
  });
  source.addEventListener("error", function () { lost.hidden = false; });
  source.addEventListener("open", function () { lost.hidden = true; });
}

// Notula drafts: what is typed in a form marked data-draft is kept in this browser (per page, form and field)
// until the form is sent, so a reload or a lost connection loses nothing; a form holding a draft is opened.
function keepDrafts() {
  var forms = document.querySelectorAll("form[data-draft]");
  if (!forms.length || !window.localStorage) { return; }
  function key(form, field) { return "rapat-draft:" + location.pathname + ":" + form.id + ":" + field.name; }
  forms.forEach(function (form) {
    var fields = form.querySelectorAll("textarea, input:not([type=hidden]), select");
    fields.forEach(function (field) {
      var saved = localStorage.getItem(key(form, field));
      if (saved !== null && field.value === "") {
        field.value = saved;
        var details = form.closest("details");
        if (details) { details.open = true; }
      }
      field.addEventListener("input", function () {
        if (field.value === "") { localStorage.removeItem(key(form, field)); } else { localStorage.setItem(key(form, field), field.value); }
      });
    });
    form.addEventListener("submit", function () {
      fields.forEach(function (field) { localStorage.removeItem(key(form, field)); });
    });
  });
}
