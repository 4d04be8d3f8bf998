#!/usr/bin/env python3
"""Browser journeys: real Chromium (Debian's chromium + chromium-driver) through selenium, against a
`rapat serve --demo` on loopback. Each journey saves screenshots; a failing step prints the page's text.
axe-core (axe-selenium-python) checks every page visited against WCAG 2.1 A and AA.

Usage: journeys.py BASE_URL OUT_DIR     (OUT_DIR receives screenshots, the downloaded invitation and its meeting id)
With RAPAT_BIN and RAPAT_DATABASE set, the punctuality report of the meeting run in the room is compared with
`rapat report punctuality --json` on the same archive.
"""
import datetime
import json
import os
import pathlib
import re
import subprocess
import sys
import threading
import time
import traceback
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE, OUT = sys.argv[1].rstrip("/"), pathlib.Path(sys.argv[2])
OUT.mkdir(parents=True, exist_ok=True)
PASSWORD = "rapat-demo-2020"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
checked_pages = set()


def axe_source():
    """axe-core 4.x (with the WCAG 2.1 rules), as axe-playwright-python ships it on PyPI (installed without its
    dependencies: only the script is used); axe-selenium-python's bundled axe-core 3 lacks the 2.1 tags."""
    import importlib.util
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec and spec.submodule_search_locations:
        path = pathlib.Path(list(spec.submodule_search_locations)[0]) / "axe.min.js"
        if path.exists():
            return path.read_text(encoding="utf-8")
    import axe_selenium_python
    return (pathlib.Path(axe_selenium_python.__file__).parent / "node_modules/axe-core/axe.min.js").read_text(encoding="utf-8")


AXE_SOURCE = axe_source()
failures = []


def browser(width=1280, phone=False):
    o = Options()
    for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},1000", "--lang=id-ID"]:
        o.add_argument(a)
    o.add_experimental_option("prefs", {"intl.accept_languages": "id-ID,id"})
    if phone:
        o.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 360, "height": 740, "pixelRatio": 2}})
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    d.set_script_timeout(60)  # axe-core runs as an async script
    return d


class Journey:
    def __init__(self, name, driver):
        self.name, self.d, self.step = name, driver, 0

    def shot(self, label):
        self.step += 1
        self.d.save_screenshot(str(OUT / f"{self.name}-{self.step:02d}-{label}.png"))

    def go(self, path, label):
        self.d.get(BASE + path)
        self.after(label)

    def after(self, label):
        self.shot(label)
        self.axe()

    def axe(self):
        page = re.sub(r"RP-\d{4}-\d{4}", "ID", self.d.current_url.split("?")[0])
        if page in checked_pages:
            return
        checked_pages.add(page)
        self.d.execute_script(AXE_SOURCE)
        result = self.d.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, arguments[0]).then(function (r) { done(r); }).catch(function (e) { done({error: String(e)}); });", WCAG)
        if "error" in result:
            failures.append(f"axe {self.d.current_url}: could not run: {result['error']}")
            return
        for v in result["violations"]:
            nodes = "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:3])
            failures.append(f"axe {self.d.current_url}: {v['id']} ({v['impact']}): {v['help']} — {nodes}")

    def text(self):
        return self.d.find_element(By.TAG_NAME, "body").text

    def expect(self, condition, what):
        if not condition:
            raise AssertionError(f"{self.name}: {what}\n--- page {self.d.current_url} ---\n{self.text()}")

    def sign_in(self, username, password=PASSWORD):
        self.go("/masuk", "masuk")
        self.d.find_element(By.ID, "username").send_keys(username)
        self.d.find_element(By.ID, "password").send_keys(password)
        self.d.find_element(By.CSS_SELECTOR, "form button.primary").click()
        self.after("setelah-masuk")

    def cookie_header(self):
        return "; ".join(f"{c['name']}={c['value']}" for c in self.d.get_cookies())


def fetch(url, cookie=None, data=None):
    req = urllib.request.Request(url, data=data, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def fill_plan(j, date, start, end, agenda_minutes):
    d = j.d
    fields = [("judul", "Rapat Koordinasi Percepatan Belanja Daerah"), ("tanggal", date), ("mulai", start), ("selesai", end)]
    # Set by script (date and time inputs take no typing in every locale), then read back until every value holds:
    # a page still settling after a refusal may put its own value back once (seen once in CI: the old date was sent).
    deadline = time.time() + 10
    while True:
        for field, value in fields:
            el = d.find_element(By.ID, field)
            if el.get_attribute("value") != value:
                d.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", el, value)
        time.sleep(0.1)
        if all(d.find_element(By.ID, f).get_attribute("value") == v for f, v in fields) or time.time() > deadline:
            break
    chair = d.find_element(By.ID, "pimpinan")
    chair.clear()
    chair.send_keys(GOVERNOR)
    find = d.find_element(By.ID, "cari-peserta")
    find.clear()
    find.send_keys("BPKAD")
    for box in d.find_elements(By.CSS_SELECTOR, "details.opd:not([hidden]) input[name=peserta]"):
        if not box.is_selected():
            box.click()
    d.find_element(By.ID, "acara-0").clear()
    d.find_element(By.ID, "acara-0").send_keys("Paparan realisasi belanja")
    minutes = d.find_element(By.ID, "menit-0")
    minutes.clear()
    minutes.send_keys(str(agenda_minutes))


def secretariat():
    global GOVERNOR
    j = Journey("sekretariat", browser())
    try:
        j.sign_in("sekretariat")
        j.expect("Beranda" in j.text(), "home page after sign-in")
        j.go("/rapat/baru", "rapat-baru")
        # The chair is picked from the list of people ("name · NIP"), as typing a name and choosing does.
        GOVERNOR = next(o.get_attribute("value") for o in j.d.find_elements(By.CSS_SELECTOR, "#daftar-orang option")
                        if o.get_attribute("textContent").startswith("Gubernur"))
        # The Governor chairs the rapat pimpinan of 16 December 2020, 09.00–11.00: a meeting at 10.00 double-books him.
        fill_plan(j, "2020-12-16", "10:00", "11:00", 45)
        j.d.find_element(By.CSS_SELECTOR, "form#form-rapat button.primary").click()
        j.after("bentrok")
        summary = j.d.find_element(By.ID, "ringkasan-galat").text
        j.expect(re.search(r"RP-2020-\d{4}", summary) and "Rapat Pimpinan" in summary, "the refusal names the other meeting")
        j.expect(j.d.find_element(By.ID, "pimpinan").get_attribute("aria-invalid") == "true", "the chair field is marked")
        # Fix the day; then an agenda that does not fit: the running total says so before saving.
        fill_plan(j, "2020-12-17", "10:00", "11:00", 90)
        total = j.d.find_element(By.ID, "total-acara")
        WebDriverWait(j.d, 5).until(lambda d: "over" in total.get_attribute("class"))
        j.expect(total.text.strip() == "90 / 60", f"running total shows 90 / 60, not {total.text!r}")
        WebDriverWait(j.d, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".field-error.live"))
        j.shot("acara-terlalu-panjang")
        j.expect("90" in j.d.find_element(By.CSS_SELECTOR, ".field-error.live").text, "the server's check flags the agenda")
        minutes = j.d.find_element(By.ID, "menit-0")
        minutes.clear()
        minutes.send_keys("45")
        j.d.find_element(By.CSS_SELECTOR, "form#form-rapat button.primary").click()
        j.after("tersimpan")
        meeting = re.search(r"/rapat/(RP-\d{4}-\d{4})$", j.d.current_url)
        j.expect(meeting, "saved: the meeting's page opens")
        mid = meeting.group(1)
        status, ics = fetch(f"{BASE}/rapat/{mid}/undangan.ics", j.cookie_header())
        j.expect(status == 200 and ics.startswith("BEGIN:VCALENDAR"), "the invitation downloads")
        (OUT / f"undangan-{mid}.ics").write_text(ics, encoding="utf-8")
        (OUT / "meeting-id").write_text(mid)
        import icalendar
        event = next(c for c in icalendar.Calendar.from_ical(ics).walk("VEVENT"))
        j.expect(str(event["SUMMARY"]) == "Rapat Koordinasi Percepatan Belanja Daerah", "python icalendar reads the invitation")
        for path, label in [("/rapat", "rapat"), ("/arsip?q=penyerapan+anggaran", "arsip"), ("/kalender", "kalender"),
                            ("/laporan?dari=2020-01-01&sampai=2020-12-31", "laporan"), ("/orang", "orang"), ("/orang/baru", "orang-baru")]:
            j.go(path, label)
            if label == "laporan":
                j.expect(j.d.find_elements(By.CSS_SELECTOR, "svg.chart[role=img]") and "Dinkes" in j.text(), "reports show charts with tables")
        return mid
    finally:
        j.d.quit()


def participant(other_meeting):
    j = Journey("peserta", browser(phone=True))
    try:
        j.sign_in("kadinkes")
        j.go("/rapat", "rapat")
        j.expect(other_meeting not in j.d.page_source, "another OPD's meeting is not listed")
        j.go(f"/rapat/{other_meeting}", "rapat-lain")
        j.expect("Tidak diizinkan" in j.text() and "Traceback" not in j.text() and "error" not in j.d.title.lower(), "a 403 page, not a stack trace")
        j.go("/kalender", "kalender")
        j.d.find_element(By.CSS_SELECTOR, "form[action='/kalender'] button.primary").click()
        j.after("tautan")
        url = j.d.find_element(By.ID, "https").get_attribute("value")
        status, feed = fetch(url)
        j.expect(status == 200 and "BEGIN:VCALENDAR" in feed and "Rapat Koordinasi Percepatan Penyerapan Anggaran" in feed, "the feed serves their meetings")
        j.expect(other_meeting not in feed, "the feed holds only their meetings")
    finally:
        j.d.quit()


def archivist():
    j = Journey("arsiparis", browser())
    try:
        j.sign_in("arsiparis")
        j.go("/arsip?q=penyerapan+anggaran", "cari")
        hits = j.d.find_elements(By.CSS_SELECTOR, "ol.hits li a")
        j.expect(hits, "search finds approved minutes")
        opd_link = j.d.find_elements(By.CSS_SELECTOR, ".facets a")
        j.expect(opd_link, "OPD facets are offered")
        opd_link[0].click()
        j.after("saring-opd")
        j.expect("opd=" in j.d.current_url and j.d.find_elements(By.CSS_SELECTOR, "ol.hits li a"), "filtered by OPD")
        j.d.find_elements(By.CSS_SELECTOR, "ol.hits li a")[0].click()
        j.after("notula")
        j.expect("Disetujui oleh" in j.text(), "approved minutes open")
        xml_link = j.d.find_element(By.CSS_SELECTOR, "a[href$='notula.xml']").get_attribute("href")
        status, xml = fetch(xml_link, j.cookie_header())
        j.expect(status == 200 and "urn:rapat:minutes:1" in xml and "signature=" in xml, "the approved minutes download as signed XML")
        j.go("/rapat/RP-2021-0001", "draf")
        j.expect("Tidak diizinkan" in j.text(), "a draft (January, not approved) is not shown")
    finally:
        j.d.quit()


GUEST_CALENDAR = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Rapat journeys//ID\r
BEGIN:VEVENT\r
UID:audiensi-dprd@journeys\r
DTSTART;TZID=Asia/Jakarta:20201221T130000\r
DTEND;TZID=Asia/Jakarta:20201221T140000\r
SUMMARY:Audiensi Komisi V DPRD\r
ORGANIZER;CN="H. Ahmad Fauzi":mailto:ahmad.fauzi@dprd.example.go.id\r
END:VEVENT\r
END:VCALENDAR\r
"""


def guests():
    """A calendar from the DPRD, imported in the browser, brings a guest (no NIP); the secretariat sees them on
    Orang and links them to a registered person."""
    j = Journey("tamu", browser())
    try:
        j.sign_in("sekretariat")
        j.go("/kalender", "kalender")
        j.d.find_element(By.CSS_SELECTOR, "a[href='/kalender/impor']").click()
        j.after("impor")
        j.d.execute_script("document.getElementById('ics').value = arguments[0]", GUEST_CALENDAR)
        j.d.find_element(By.ID, "uji").click()
        j.d.find_element(By.CSS_SELECTOR, "form[action='/kalender/impor'] button.primary").click()
        j.after("uji-coba")
        j.expect("Uji coba" in j.text() and "Tamu baru: 1" in j.text(), "the dry run reports the event and its guest")
        j.d.find_element(By.CSS_SELECTOR, "form[action='/kalender/impor'] button.primary").click()
        j.after("hasil")
        j.expect("Hasil impor" in j.text() and "Dibuat: 1" in j.text(), "the import creates the meeting")
        j.go("/orang", "orang")
        j.expect("Tamu (tanpa NIP)" in j.text() and "H. Ahmad Fauzi" in j.text(), "the imported guest is listed as a guest")
        j.d.find_element(By.CSS_SELECTOR, "a[href^='/orang/G'][href$='/ubah']").click()
        j.after("tamu")
        j.expect("Kunci tamu" in j.text() and "Tautkan ke orang terdaftar" in j.text(), "the guest's page offers the link")
        person = j.d.execute_script("return document.querySelector('#daftar-orang option').value")
        j.d.find_element(By.ID, "tautan").send_keys(person)
        j.d.find_element(By.CSS_SELECTOR, "form[action$='/tautkan'] button").click()
        j.after("ditautkan")
        j.expect("ditautkan ke" in j.text() and "1 rapat kini menyebutnya" in j.text(), "the guest is linked and the meeting names the person")
    finally:
        j.d.quit()


def security():
    j = Journey("keamanan", browser())
    try:
        for _ in range(5):
            j.sign_in("tamu", "salah-sekali-123")
        j.expect("salah" in j.text(), "wrong password said")
        j.sign_in("tamu", "salah-sekali-123")
        j.expect("terlalu banyak" in j.text().lower(), "sign-in throttled after repeated failures")
        j.sign_in("sekretariat")
        # A form posted without its CSRF token (another site's form) is refused.
        status, body = fetch(f"{BASE}/rapat/baru", j.cookie_header(), data=b"judul=x")
        j.expect(status == 403 and "token" in body, f"a form without its token is refused ({status})")
        j.d.find_element(By.CSS_SELECTOR, "form.signout button").click()
        j.after("keluar")
        j.go("/", "setelah-keluar")
        j.expect("/masuk" in j.d.current_url, "signed out: pages ask to sign in again")
    finally:
        j.d.quit()


def wait(driver, seconds, condition, poll=0.1):
    """Waits for `condition`, reading again an element replaced meanwhile (a page loading, a live part redrawn)."""
    return WebDriverWait(driver, seconds, poll_frequency=poll,
                         ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(condition)


def room():
    """Ruang rapat: the secretariat runs the demo's meeting (due seven minutes ago) on a console while Kepala Dinkes
    follows on a phone; what one does reaches the other without reload."""
    j = Journey("ruang", browser())
    p = Journey("ruang-peserta", browser(phone=True))
    try:
        j.sign_in("sekretariat")
        j.go("/rapat?status=scheduled", "rapat-terjadwal")
        link = next(a for a in j.d.find_elements(By.CSS_SELECTOR, "a") if "Evaluasi Penyerapan Anggaran OPD" in a.text)
        mid = re.search(r"(RP-\d{4}-\d{4})", link.get_attribute("href")).group(1)
        j.go(f"/rapat/{mid}/ruang", "konsol")
        j.expect(j.d.find_element(By.ID, "jam").text.strip() != "", "the server's clock shows")
        # Seven minutes late: starting asks for the reason in a dialog, and the reason is required.
        j.d.find_element(By.ID, "mulai").click()
        dialog = j.d.find_element(By.ID, "dialog-alasan")
        wait(j.d, 5, lambda d: dialog.get_attribute("open") is not None)
        j.shot("alasan-terlambat")
        j.d.find_element(By.ID, "mulai-dengan-alasan").click()
        j.expect(j.d.execute_script("return document.getElementById('alasan').validity.valueMissing"), "an empty reason is refused by the form")
        j.expect("/ruang" in j.d.current_url and dialog.get_attribute("open") is not None, "the dialog stays open without a reason")
        j.d.find_element(By.ID, "alasan").send_keys("Menunggu sambungan video Gubernur")
        j.d.find_element(By.ID, "mulai-dengan-alasan").click()
        wait(j.d, 5, lambda d: "terlambat" in d.find_element(By.ID, "langsung").text)
        j.shot("dimulai")
        started = j.d.find_element(By.ID, "mulai-aktual").text
        j.expect(re.search(r"terlambat (7|8) menit: Menunggu sambungan video Gubernur", started), f"the late start and its reason show: {started!r}")
        # The first item (a one-minute time box) opens; its countdown runs.
        j.d.find_element(By.ID, "berikutnya").click()
        wait(j.d, 5, lambda d: d.find_elements(By.ID, "hitung-mundur"))
        j.expect("sisa" in j.d.find_element(By.ID, "hitung-mundur").text, "the running item counts down")
        predicted = j.d.find_element(By.ID, "perkiraan-selesai").text
        # The participant checks in on a phone; the console shows it within a second, without reload.
        p.sign_in("kadinkes")
        p.go(f"/rapat/{mid}/ruang", "ruang-peserta")
        j.d.execute_script("window.__notReloaded = true")
        p.d.find_element(By.ID, "hadir-daring").click()
        clicked = time.monotonic()
        wait(j.d, 1.5, lambda d: "hadir daring" in d.find_element(By.ID, "langsung").text, poll=0.02)
        seen = time.monotonic() - clicked
        j.expect(j.d.execute_script("return window.__notReloaded === true"), "the console was not reloaded")
        print(f"room: the participant's check-in reached the console after {seen * 1000:.0f} ms")
        j.expect(seen <= 1.0, f"the check-in reached the console within a second (took {seen:.2f} s)")
        p.after("tercatat")
        p.expect("Anda tercatat: hadir daring" in p.text() and not p.d.find_elements(By.ID, "hadir-daring"), "the participant sees their attendance, once")
        # The item overruns: the count turns into an overrun; a minute over, the predicted end has moved a minute on
        # (and the report counts the item as overrun: it ran two minutes of its one).
        wait(j.d, 75, lambda d: "over" in d.find_element(By.ID, "hitung-mundur").get_attribute("class"), poll=0.5)
        j.expect("lewat" in j.d.find_element(By.ID, "hitung-mundur").text, "the overrun shows")
        wait(j.d, 75, lambda d: re.search(r"lewat (0[1-9]|[1-9]\d):", d.find_element(By.ID, "hitung-mundur").text), poll=0.5)
        j.shot("melewati-waktu")

        def minutes(text):
            h, m = re.match(r"(\d\d)[.:](\d\d)", text).groups()
            return int(h) * 60 + int(m)
        moved = (minutes(j.d.find_element(By.ID, "perkiraan-selesai").text) - minutes(predicted)) % 1440
        j.expect(1 <= moved <= 3, f"the predicted end moved later (from {predicted} to {j.d.find_element(By.ID, 'perkiraan-selesai').text})")
        j.d.find_element(By.ID, "berikutnya").click()
        wait(j.d, 5, lambda d: "2. " in d.find_element(By.ID, "langsung").text)
        j.d.find_element(By.ID, "selesai").click()
        wait(j.d, 5, lambda d: d.switch_to.alert)
        j.expect("Akhiri rapat" in j.d.switch_to.alert.text, "ending asks first")
        j.d.switch_to.alert.accept()
        wait(j.d, 5, lambda d: "Selesai pukul" in d.find_element(By.ID, "langsung").text)
        j.shot("selesai")
        # The participant's phone heard the end too.
        wait(p.d, 2, lambda d: "Selesai pukul" in d.find_element(By.ID, "langsung").text)
        p.shot("selesai")
        # The punctuality report shows what the CLI reports for the same archive.
        today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7))).date()
        period = f"dari={today - datetime.timedelta(days=1)}&sampai={today + datetime.timedelta(days=1)}"
        j.go(f"/laporan?{period}", "laporan-ketepatan")
        row = j.d.find_element(By.XPATH, f"//a[contains(@href, '/rapat/{mid}')]/ancestor::tr").find_elements(By.TAG_NAME, "td")
        web = [c.text.strip() for c in row]
        if os.environ.get("RAPAT_BIN") and os.environ.get("RAPAT_DATABASE"):
            report = json.loads(subprocess.check_output([os.environ["RAPAT_BIN"], "report", "punctuality", "--database", os.environ["RAPAT_DATABASE"],
                                                         "--from", str(today - datetime.timedelta(days=1)), "--to", str(today + datetime.timedelta(days=1)), "--json"]))
            cli = next(m for m in report["meetings"] if m["id"] == mid)
            expected = [f"{cli['startDelayMinutes']} menit", f"{cli['overrunItems']}/{cli['agendaItems']}", f"{cli['present']}/{cli['invited']}"]
            j.expect([web[2], web[4], web[5]] == expected, f"the web report {web} shows the CLI's figures {expected}")
            print(f"room: report row {web[2]} late, {web[4]} items over, {web[5]} present — as `rapat report punctuality`")
        return mid
    finally:
        j.d.quit()
        p.d.quit()


def notula(mid):
    """The notula of the meeting just run: the minute-taker writes notes, a decision and an action item (a reload
    loses nothing typed), the chair approves, the notula is read-only, a correction shows in the comparison."""
    j = Journey("notula", browser())
    c = Journey("notula-pimpinan", browser())
    try:
        j.sign_in("sekretariat")
        j.go(f"/rapat/{mid}/notula", "editor")
        note = j.d.find_element(By.ID, "catatan-2")
        note.send_keys("Penyerapan anggaran Dinkes baru 71 % dari target 88 %.")
        j.d.find_element(By.ID, "pembicara-2").send_keys("Kepala BPKAD")
        # A reload before sending: the draft is still there.
        j.d.refresh()
        wait(j.d, 5, lambda d: d.find_element(By.ID, "catatan-2").get_attribute("value").startswith("Penyerapan anggaran Dinkes"))
        j.shot("draf-setelah-muat-ulang")
        j.d.find_element(By.CSS_SELECTOR, "#form-catatan-2 button").click()
        wait(j.d, 5, lambda d: "Kepala BPKAD: Penyerapan anggaran Dinkes" in d.find_element(By.ID, "acara-2").text)
        j.expect(j.d.find_element(By.ID, "catatan-2").get_attribute("value") == "", "the sent draft is gone from the form")
        j.d.find_element(By.CSS_SELECTOR, "#acara-2 details:nth-of-type(1) summary").click()
        j.d.find_element(By.ID, "keputusan-2").send_keys("Dinkes mempercepat realisasi belanja modal sebelum 20 Desember.")
        j.d.find_element(By.CSS_SELECTOR, "#form-keputusan-2 button").click()
        wait(j.d, 5, lambda d: "Dinkes mempercepat realisasi" in d.find_element(By.ID, "acara-2").text)
        j.d.find_element(By.CSS_SELECTOR, "#acara-2 details:nth-of-type(2) summary").click()
        j.d.find_element(By.ID, "tugas-2").send_keys("Laporan mingguan realisasi belanja kepada Sekda")
        j.d.find_element(By.ID, "pemilik-2").send_keys("Dinkes")
        j.d.execute_script("document.getElementById('tenggat-2').value = '2030-01-31'")
        j.d.find_element(By.CSS_SELECTOR, "#form-tugas-2 button").click()
        wait(j.d, 5, lambda d: "Laporan mingguan realisasi belanja" in d.find_element(By.ID, "acara-2").text)
        j.d.refresh()
        j.expect("Penyerapan anggaran Dinkes" in j.text() and "Laporan mingguan" in j.text(), "a reload shows everything saved")
        j.shot("tersimpan")
        # The chair approves; the notula becomes read-only.
        c.sign_in("gubernur")
        c.go(f"/rapat/{mid}/notula", "sebelum-disetujui")
        c.d.find_element(By.ID, "setujui").click()
        wait(c.d, 5, lambda d: d.find_elements(By.ID, "disetujui"))
        c.after("disetujui")
        c.expect(not c.d.find_elements(By.ID, "form-catatan-2") and not c.d.find_elements(By.ID, "setujui"), "approved minutes offer no editing")
        j.d.refresh()
        j.expect(not j.d.find_elements(By.ID, "form-catatan-2") and "disegel" in j.text(), "the minute-taker sees them read-only too")
        # A correction is a new version with a reason; the comparison shows what changed.
        c.d.find_element(By.ID, "alasan-koreksi").send_keys("Tanggal tenggat salah ketik")
        c.d.find_element(By.CSS_SELECTOR, "#nomor-keputusan option[value='1']").click()
        c.d.find_element(By.ID, "keputusan-ganti").send_keys("Dinkes mempercepat realisasi belanja modal sebelum 18 Desember.")
        c.d.find_element(By.CSS_SELECTOR, "#form-koreksi button.primary").click()
        wait(c.d, 5, lambda d: d.find_elements(By.ID, "form-bandingkan"))
        c.d.find_element(By.CSS_SELECTOR, "#form-bandingkan button").click()
        wait(c.d, 5, lambda d: d.find_elements(By.ID, "ringkasan-perubahan"))
        c.after("perbandingan-versi")
        removed = [e.text for e in c.d.find_elements(By.CSS_SELECTOR, "li.diff-removed")]
        added = [e.text for e in c.d.find_elements(By.CSS_SELECTOR, "li.diff-added")]
        c.expect(any("20 Desember" in t for t in removed) and any("18 Desember" in t for t in added),
                 f"the comparison shows the replaced decision (removed {removed}, added {added})")
        documents(j, mid)
    finally:
        j.d.quit()
        c.d.quit()


def documents(j, mid):
    """The official documents: in the browser (axe-checked), and printed to PDF by Chromium through the CLI;
    pdftotext finds the kop, the number, the subject, the signature with NIP, the agenda and the decisions."""
    j.go(f"/rapat/{mid}/dokumen/undangan", "dokumen-undangan")
    number = j.d.find_element(By.ID, "nomor-surat").text.strip()
    j.expect(re.fullmatch(r"005/\d{4}-Biro Umum/\d{4}", number), f"the undangan has a number from the register: {number!r}")
    j.go(f"/rapat/{mid}/dokumen/notula", "dokumen-notula")
    j.go(f"/rapat/{mid}/dokumen/daftar-hadir", "dokumen-daftar-hadir")
    if not (os.environ.get("RAPAT_BIN") and os.environ.get("RAPAT_DATABASE")):
        return
    texts = {}
    for document in ["undangan", "notula"]:
        pdf = OUT / f"{document}-{mid}.pdf"
        subprocess.run([os.environ["RAPAT_BIN"], "minutes", "render", mid, "--document", document, "--format", "pdf", "--out", str(pdf),
                        "--database", os.environ["RAPAT_DATABASE"]], check=True)
        texts[document] = subprocess.check_output(["pdftotext", "-layout", str(pdf), "-"]).decode()
        pages = re.search(r"Pages:\s+(\d+)", subprocess.check_output(["pdfinfo", str(pdf)]).decode()).group(1)
        size = re.search(r"Page size:.*\((\w+)\)", subprocess.check_output(["pdfinfo", str(pdf)]).decode())
        j.expect(size and size.group(1) == "A4", f"the {document} PDF is A4")
        print(f"documents: {document} PDF, {pages} page(s), A4")
        if document == "undangan":
            j.expect(pages == "1", f"a short undangan is one A4 page, not {pages}")
    u, n = texts["undangan"], texts["notula"]
    for part in ["PEMERINTAH PROVINSI BANTEN", "SEKRETARIAT DAERAH", number, "Undangan Rapat Pimpinan Virtual", "NIP 197002051995021001",
                 "Evaluasi penyerapan anggaran per OPD", "Tembusan"]:
        j.expect(part in u, f"the undangan PDF holds {part!r}")
    for part in ["NOTULA RAPAT", "Dinkes mempercepat realisasi belanja modal sebelum 18 Desember", "Laporan mingguan realisasi belanja",
                 "NIP 197002051995021001", "SHA-256"]:
        j.expect(part in " ".join(n.split()), f"the notula PDF holds {part!r}")


GOVERNOR = None
status = 0


def meeting_room_journeys():
    """The room and the notula wait on the clock (a one-minute item running over): they run beside the others."""
    global status
    try:
        notula(room())
    except (AssertionError, WebDriverException, StopIteration):
        traceback.print_exc()
        status = 1


beside = threading.Thread(target=meeting_room_journeys)
beside.start()
try:
    mid = secretariat()
    participant(mid)
    archivist()
    guests()
    security()
except (AssertionError, WebDriverException, StopIteration) as e:
    traceback.print_exc()
    status = 1
beside.join()
for f in failures:
    print("FAIL", f)
print(f"journeys: {len(checked_pages)} pages checked by axe-core, {len(failures)} WCAG 2.1 AA violations; screenshots in {OUT}")
sys.exit(1 if status or failures else 0)
