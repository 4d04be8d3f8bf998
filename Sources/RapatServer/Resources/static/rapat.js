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
// Orang: a chosen CSV file is read into the text area (the form itself sends text, so it works without this).
document.addEventListener("DOMContentLoaded", function () {
  var file = document.getElementById("berkas-csv"), area = document.getElementById("csv");
  if (!file || !area) { return; }
  file.addEventListener("change", function () {
    if (!file.files.length) { return; }
    var reader = new FileReader();
    reader.onload = function () { area.value = reader.result; };
    reader.readAsText(file.files[0]);
  });
});
