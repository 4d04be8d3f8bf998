#!/usr/bin/env python3
"""Writers and readers against two `rapat serve` instances while bench/faults.sh breaks things.

Usage: faults.py BASE_A BASE_B TOKEN SECONDS NIPS_FILE OUT_JSON [--year Y]
Eight threads for SECONDS: each POSTs a meeting at a time slot no other request uses (so every refusal is a fault,
not a double booking) and GETs it back, alternating between the instances. Every request's outcome is recorded
with its time: status (0 for a refused or broken connection, -1 for a timeout), the Retry-After header of a 503,
and the id of each acknowledged (201) meeting. The JSON file holds them all; faults.sh reads it.
"""
import datetime
import itertools
import json
import sys
import threading
import time
import urllib.error
import urllib.request


def main():
    base_a, base_b, token, seconds, nips_file, out = sys.argv[1:7]
    year = int(sys.argv[sys.argv.index("--year") + 1]) if "--year" in sys.argv else 2022
    nips = [line.strip() for line in open(nips_file) if line.strip()]
    # Weekday slots of half an hour from 08:00 to 15:00, in order: each used once.
    def slots():
        day = datetime.date(year, 1, 3)
        while True:
            if day.weekday() < 5:
                for minute in range(8 * 60, 15 * 60 + 1, 30):
                    yield day, minute
            day += datetime.timedelta(days=1)
    source, lock = slots(), threading.Lock()
    records, counter = [], itertools.count()
    start = time.monotonic()
    deadline = start + float(seconds)

    def call(method, url, body=None):
        request = urllib.request.Request(url, method=method, data=body, headers={
            "Authorization": "Bearer " + token, "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read(), None
        except urllib.error.HTTPError as e:
            return e.code, e.read(), e.headers.get("Retry-After")
        except TimeoutError:
            return -1, b"", None
        except (urllib.error.URLError, ConnectionError, OSError):
            return 0, b"", None

    def worker(n):
        while time.monotonic() < deadline:
            with lock:
                day, minute = next(source)
            i = next(counter)
            base = base_a if i % 2 == 0 else base_b
            start_text = f"{day.isoformat()} {minute // 60:02d}:{minute % 60:02d}"
            end = minute + 30
            body = json.dumps({"title": f"Rapat uji gangguan {i}", "chair": nips[i % len(nips)], "participants": [],
                               "start": start_text, "end": f"{end // 60:02d}:{end % 60:02d}"}).encode()
            at = time.monotonic() - start
            status, payload, retry = call("POST", base + "/api/meetings", body)
            record = {"at": round(at, 3), "base": base, "kind": "write", "status": status, "retryAfter": retry}
            if status == 201:
                record["id"] = json.loads(payload)["id"]
            records.append(record)
            if status == 0:
                time.sleep(0.05)  # an instance that is gone refuses at once: do not spin
            at = time.monotonic() - start
            status, _, retry = call("GET", base + "/api/meetings?limit=1")
            records.append({"at": round(at, 3), "base": base, "kind": "read", "status": status, "retryAfter": retry})

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    json.dump(records, open(out, "w"))


if __name__ == "__main__":
    main()
