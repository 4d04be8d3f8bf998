#!/usr/bin/env python3
"""What `rapat import ics` makes of calendars written by others, with the default settings.

The collection is every .ics file shipped in the PyPI wheels of `icalendar` and `recurring-ical-events`
(real exports from Google Calendar, Outlook/Exchange, Thunderbird, Apple Calendar, Lotus Notes, Etar and
others, the RFC 5545 examples and the files of those projects' bug reports). Each file is imported alone into a
new SQLite archive, as a new user would: `rapat import ics FILE --json`, no --chair.

Usage: bench/real-calendars.py RAPAT_BIN [SITE_PACKAGES]   (SITE_PACKAGES holding both packages; default: this
python's). Prints a per-file line with --verbose, then the totals: files, files with events, files that imported
every event, meetings created, events skipped (by reason), files refused whole (by first line of the message), and
crashes (a signal or an exit status other than 0 and 1) -- which must be none.
"""
import collections
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile


def collection(site):
    roots = [site / "icalendar" / "tests", site / "recurring_ical_events" / "test"]
    return sorted(p for root in roots if root.is_dir() for p in root.rglob("*.ics"))


def reason_kind(reason):
    # Numbers, quoted names and times vary per event; the kind of reason is what is left.
    text = re.sub(r"'[^']*'", "'…'", reason)
    text = re.sub(r"\d+", "N", text)
    return text[:110]


def main():
    args = [a for a in sys.argv[1:] if a != "--verbose"]
    verbose = "--verbose" in sys.argv
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(args[0])
    site = pathlib.Path(args[1]) if len(args) > 1 else pathlib.Path(next(p for p in sys.path if p.endswith("site-packages")))
    files = collection(site)
    totals = collections.Counter()
    skipped = collections.Counter()
    refused = collections.Counter()
    crashes = []
    with tempfile.TemporaryDirectory() as work:
        for index, path in enumerate(files):
            db = os.path.join(work, f"a{index}.db")
            run = subprocess.run([binary, "import", "ics", str(path), "--json", "--database", db, "--lang", "en"],
                                 capture_output=True, text=True, timeout=120)
            name = str(path.relative_to(site))
            totals["files"] += 1
            if run.returncode not in (0, 1):
                crashes.append((name, run.returncode, run.stderr.strip()[:200]))
                continue
            try:
                report = json.loads(run.stdout)["summary"]
            except (ValueError, KeyError):
                message = (run.stderr.strip().splitlines() or ["(no message)"])[0]
                # "FILE:LINE: what" -- the file is known; the kind of message is what counts.
                refused[reason_kind(message.replace(str(path), "FILE"))] += 1
                totals["refused"] += 1
                if verbose:
                    print(f"{name}: refused: {message}")
                continue
            created = len(report["created"]) + len(report["updated"])
            skips = report["skipped"]
            events = created + len(report["cancelled"]) + len(skips)
            totals["meetings"] += created
            totals["skipped events"] += len(skips)
            totals["guests"] += len(report.get("guests", []))
            totals["warnings"] += len(report["warnings"])
            if events:
                totals["files with events"] += 1
                if not skips:
                    totals["files imported whole"] += 1
                elif created:
                    totals["files imported in part"] += 1
                else:
                    totals["files with nothing imported"] += 1
            else:
                totals["files without events"] += 1
            for note in skips:
                skipped[reason_kind(note["reason"])] += 1
            if verbose:
                print(f"{name}: {created} meetings, {len(skips)} skipped, {len(report['warnings'])} warnings")
    print(f"collection: {totals['files']} .ics files from {site}")
    for key in ["files with events", "files imported whole", "files imported in part", "files with nothing imported",
                "files without events", "refused", "meetings", "guests", "warnings", "skipped events"]:
        print(f"  {key}: {totals[key]}")
    if skipped:
        print("skipped events by reason:")
        for reason, count in skipped.most_common():
            print(f"  {count:4}  {reason}")
    if refused:
        print("files refused whole, by message:")
        for reason, count in refused.most_common():
            print(f"  {count:4}  {reason}")
    print(f"crashes: {len(crashes)}")
    for name, code, err in crashes:
        print(f"  {name}: exit {code}: {err}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
