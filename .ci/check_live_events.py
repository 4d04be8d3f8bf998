"""Two `rapat serve` instances on one PostgreSQL: a change posted through one reaches a browser's event stream
(Server-Sent Events) on the other. Usage: check_live_events.py URL_A URL_B MEETING_ID NIP USERNAME PASSWORD"""
import http.cookiejar
import json
import re
import socket
import sys
import time
import urllib.parse
import urllib.request

a, b, meeting, nip, username, password = sys.argv[1:7]


def signed_in(base):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/masuk", timeout=10).read().decode()
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    opener.open(base + "/masuk", data=urllib.parse.urlencode({"_csrf": token, "username": username, "password": password}).encode(), timeout=10)
    return opener


def events(response):
    """The `ruang` events of a stream, as dicts."""
    name = None
    while True:
        line = response.readline()
        if not line:
            return
        line = line.decode().rstrip("\n")
        if line.startswith("event: "):
            name = line[7:]
        elif line.startswith("data: ") and name == "ruang":
            yield json.loads(line[6:])


on_a, on_b = signed_in(a), signed_in(b)
stream = on_b.open(f"{b}/rapat/{meeting}/ruang/langsung", timeout=10)
assert stream.headers["Content-Type"].startswith("text/event-stream"), stream.headers["Content-Type"]
heard = events(stream)
first = next(heard)
assert "izin" not in first["html"], "the participant is not yet recorded"
room = on_a.open(f"{a}/rapat/{meeting}/ruang", timeout=10).read().decode()
token = re.search(r'name="_csrf" value="([^"]+)"', room).group(1)
posted = time.monotonic()
on_a.open(f"{a}/rapat/{meeting}/ruang/kehadiran",
          data=urllib.parse.urlencode({"_csrf": token, "nip": nip, "kategori": "izin", "catatan": "Cuti tahunan"}).encode(), timeout=10)
# Events that come first may be redraws from before the change (the instance's LISTEN being set up says
# "read again"); the one that counts shows the attendance.
try:
    while True:
        event = next(heard)
        if "izin" in event["html"] and "Cuti tahunan" in event["html"]:
            break
        if time.monotonic() - posted > 10:
            raise StopIteration
except (socket.timeout, StopIteration):
    sys.exit("FAIL: no event showing the attendance recorded through instance A reached instance B within 10 s")
latency = time.monotonic() - posted
print(f"live event across instances: posted through A, heard on B's stream after {latency * 1000:.0f} ms")
if latency > 1.0:
    sys.exit("FAIL: the event took more than a second")
