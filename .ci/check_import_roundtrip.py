#!/usr/bin/env python3
"""Imports calendar files into fresh archives and checks what Rapat keeps against the files themselves.

For every .ics file given (or every .ics under a folder): a new SQLite archive, `rapat import ics` (default
settings plus a registered chair for events that name nobody Rapat knows), `rapat export ics --all`, and a
comparison read with python icalendar + recurring-ical-events: every occurrence of every imported event,
as (UTC start, duration, all-day), must be in the export and nothing else, up to the import window. Prints a
line per file (imported, skipped and why, warnings) and the totals; exits 1 when a round trip differs.

usage: check_import_roundtrip.py RAPAT_BIN FILE_OR_FOLDER... [--quiet]
"""
import collections
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import zoneinfo

import icalendar
import recurring_ical_events

CHAIR = "197002051995021001"
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def instants(calendar, uids, until, cut):
    """(uid, UTC start, seconds, all-day) of every occurrence of the events named, up to `until`/the event's cut."""
    zone = calendar.get("X-WR-TIMEZONE")
    try:
        floating = zoneinfo.ZoneInfo(str(zone)) if zone else JAKARTA
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        floating = JAKARTA
    found = collections.Counter()
    start = datetime.datetime(1900, 1, 1)
    for e in recurring_ical_events.of(calendar, skip_bad_series=True).between(start, until):
        if str(e.get("STATUS", "")).upper() == "CANCELLED":
            continue
        uid = str(e.get("UID", ""))
        key = next((u for u in uids if u == uid or uid.endswith("-" + u)), None)
        if key is None:
            continue
        s, end = e.get("DTSTART").dt, e.get("DTEND").dt if e.get("DTEND") else None
        all_day = not isinstance(s, datetime.datetime)
        if all_day:
            first = s
            length = ((end - s).days if end else 1) * 86400
            moment = datetime.datetime.combine(first, datetime.time(), floating)
        else:
            moment = s if s.tzinfo else s.replace(tzinfo=floating)
            length = int(((end if end.tzinfo else end.replace(tzinfo=floating)) - moment).total_seconds()) if end else 0
            if e.get("DURATION") and not e.get("DTEND"):
                length = int(e.get("DURATION").dt.total_seconds())
        utc = moment.astimezone(datetime.timezone.utc)
        if key in cut and utc >= cut[key]:
            continue
        found[(key, utc.isoformat(), length, all_day)] += 1
    return found


def check(binary, path, quiet):
    work = tempfile.mkdtemp()
    db = os.path.join(work, "rapat.db")
    run([binary, "person", "add", "--nip", CHAIR, "--name", "Gubernur", "--jabatan", "Gubernur", "--opd", "Setda", "--email", "gubernur@example.go.id",
         "--database", db], check=True)
    imported = run([binary, "import", "ics", path, "--chair", CHAIR, "--json", "--lang", "en", "--database", db])
    if imported.returncode != 0 and not imported.stdout.startswith("{"):  # exit 1 with a report: events were skipped
        return {"file": path, "refused": imported.stderr.strip().splitlines()[-1] if imported.stderr.strip() else "refused"}
    report = json.loads(imported.stdout)["summary"]
    out = os.path.join(work, "all.ics")
    run([binary, "export", "ics", "--all", "--out", out, "--database", db], check=True)
    with open(path, "rb") as f:
        raw = f.read()
    result = {"file": path, "created": len(report["created"]), "updated": len(report["updated"]),
              "skipped": report["skipped"], "warnings": report["warnings"], "other": report["otherComponents"]}
    try:
        original = icalendar.Calendar.from_ical(raw.decode("utf-8-sig", "replace"))
    except Exception as error:  # the peer cannot read the file: nothing to compare against
        result["peer"] = f"icalendar cannot read it: {error}"
        return result
    with open(out, "rb") as f:
        exported = icalendar.Calendar.from_ical(f.read())
    skipped = {n["uid"] for n in report["skipped"] if n.get("occurrence") is None}
    exported_uids = {str(e.get("UID")) for e in exported.walk("VEVENT")}
    uids = set()
    for e in original.walk("VEVENT"):
        uid = str(e.get("UID", ""))
        if uid and uid not in skipped and any(x == uid or x.endswith("-" + uid) for x in exported_uids):
            uids.add(uid)
    cut = {}
    for n in report["warnings"]:
        if "past what is imported" in n["reason"]:
            cut[n["uid"]] = datetime.datetime.max.replace(tzinfo=datetime.timezone.utc)
    until = datetime.datetime.now() + datetime.timedelta(days=2 * 366)
    try:
        before = instants(original, uids, until, {})
    except Exception as error:
        result["peer"] = f"recurring-ical-events cannot expand it: {error}"
        return result
    after = instants(exported, uids, until, {})
    # An event cut at the window (or at 1000 occurrences) is compared up to its last stored occurrence.
    for uid in cut:
        last = max((k[1] for k in after if k[0] == uid), default=None)
        before = collections.Counter({k: v for k, v in before.items() if k[0] != uid or (last and k[1] <= last)})
    occurrence_skips = collections.Counter((n["uid"]) for n in report["skipped"] if n.get("occurrence"))
    result["occurrences"] = sum(after.values())
    missing, extra = before - after, after - before
    if missing or extra:
        missing_uids = {k[0] for k in missing} - set(occurrence_skips)
        if missing_uids or extra:
            result["differs"] = {"missing": sorted(missing)[:5], "extra": sorted(extra)[:5]}
    return result


def main():
    binary = sys.argv[1]
    quiet = "--quiet" in sys.argv
    paths = []
    for arg in sys.argv[2:]:
        if arg == "--quiet":
            continue
        if os.path.isdir(arg):
            paths += sorted(os.path.join(arg, f) for f in os.listdir(arg) if f.endswith(".ics"))
        else:
            paths.append(arg)
    totals = collections.Counter()
    reasons = collections.Counter()
    warnings = collections.Counter()
    differs = []
    for path in paths:
        r = check(binary, path, quiet)
        totals["files"] += 1
        if "refused" in r:
            totals["files refused"] += 1
            reasons[r["refused"][:100]] += 1
            if not quiet:
                print(f"{path}: refused: {r['refused']}")
            continue
        totals["files with a meeting"] += r["created"] > 0
        totals["meetings"] += r["created"]
        totals["skipped"] += len(r["skipped"])
        for n in r["skipped"]:
            reasons[n["reason"].split(": ", 1)[-1][:100]] += 1
        for n in r["warnings"]:
            warnings[re.sub(r"\([^)]*\)", "(…)", re.sub(r"[0-9]", "#", n["reason"]))[:70]] += 1
        for name, count in r["other"].items():
            totals[f"passed over {name}"] += count
        if "peer" in r:
            totals["not comparable (peer)"] += 1
        if "differs" in r:
            differs.append(r)
        if not quiet:
            state = "DIFFERS" if "differs" in r else ("not compared: " + r["peer"] if "peer" in r else "round trip equal")
            print(f"{path}: {r['created']} meetings, {len(r['skipped'])} skipped, {len(r['warnings'])} warnings; {state}")
    print("totals:", dict(totals))
    if reasons:
        print("skipped or refused, by reason:")
        for reason, n in reasons.most_common(15):
            print(f"  {n:4d}  {reason}")
    if warnings:
        print("warnings, by kind:")
        for reason, n in warnings.most_common(10):
            print(f"  {n:4d}  {reason}")
    for r in differs:
        print(f"FAIL: round trip of {r['file']} differs: {r['differs']}")
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
