"""The python icalendar peer of `rapat-bench ics`: parse an .ics file with Calendar.from_ical and
serialize it again with to_ical, printing events/s and peak memory (the same columns as rapat-bench)."""
import resource
import sys
import time

import icalendar


def main() -> int:
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} FILE.ics", file=sys.stderr)
        return 2
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    t0 = time.perf_counter()
    cal = icalendar.Calendar.from_ical(data)
    t1 = time.perf_counter()
    events = sum(1 for c in cal.subcomponents if c.name == "VEVENT")
    t2 = time.perf_counter()
    out = cal.to_ical()
    t3 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"python-icalendar parse      {events:7d}  {t1 - t0:10.3f}  {events / (t1 - t0):10.0f}  {peak:9.1f}")
    print(f"python-icalendar serialize  {events:7d}  {t3 - t2:10.3f}  {events / (t3 - t2):10.0f}  {peak:9.1f}  ({len(out)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
