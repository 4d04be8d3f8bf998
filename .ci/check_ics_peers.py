#!/usr/bin/env python3
"""Peer validation of Rapat's iCalendar output.

Every .ics under the given folders that has a sibling .json (what Rapat says the file holds) is read
by python icalendar, vobject, recurring-ical-events and libical (through GObject introspection, under
the system python that has `gi`). Each peer must find the same UIDs, DTSTART instants in the right
zone, attendees, alarms and, for a series, the same expanded occurrences; libical's iTIP restriction
check must be clean for REQUEST and CANCEL.

Usage: check_ics_peers.py DIR...            (run with a python that has icalendar, vobject, recurring-ical-events)
       check_ics_peers.py --libical FILE    (internal: run by the system python with gi)
"""
import datetime as dt
import json
import pathlib
import subprocess
import sys

UTC = dt.timezone.utc


def iso(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).astimezone(UTC)


def libical_report(path):
    import gi
    gi.require_version("ICalGLib", "3.0")
    from gi.repository import ICalGLib as I
    text = pathlib.Path(path).read_text(encoding="utf-8")
    comp = I.Component.new_from_string(text)
    if comp is None:
        return {"error": "libical could not parse"}
    method = comp.get_method()
    restriction_ok = True
    if method in (I.PropertyMethod.REQUEST, I.PropertyMethod.CANCEL):
        restriction_ok = bool(I.restriction_check(comp))
    errors = []
    def collect(c):
        p = c.get_first_property(I.PropertyKind.XLICERROR_PROPERTY)
        while p is not None:
            errors.append(p.as_ical_string().strip())
            p = c.get_next_property(I.PropertyKind.XLICERROR_PROPERTY)
        child = c.get_first_component(I.ComponentKind.ANY_COMPONENT)
        while child is not None:
            collect(child)
            child = c.get_next_component(I.ComponentKind.ANY_COMPONENT)
    collect(comp)
    events = []
    ev = comp.get_first_component(I.ComponentKind.VEVENT_COMPONENT)
    while ev is not None:
        start = ev.get_dtstart()
        tz = start.get_timezone()
        events.append({"uid": ev.get_uid(), "start": start.as_timet_with_zone(tz) if tz else start.as_timet(),
                       "tzid": tz.get_tzid() if tz else None,
                       "attendees": ev.count_properties(I.PropertyKind.ATTENDEE_PROPERTY),
                       "alarms": ev.count_components(I.ComponentKind.VALARM_COMPONENT)})
        ev = comp.get_next_component(I.ComponentKind.VEVENT_COMPONENT)
    return {"restriction_ok": restriction_ok, "errors": errors, "events": events}


def expected_meetings(meta):
    if isinstance(meta, list):
        return meta, None
    if "series" in meta:
        return meta["meetings"], meta["series"]
    return [meta], None


def check(path, failures):
    import icalendar
    import recurring_ical_events
    import vobject

    data = path.read_bytes()
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    meetings, series = expected_meetings(meta)
    name = path.name
    def fail(msg):
        failures.append(f"{name}: {msg}")

    cal = icalendar.Calendar.from_ical(data)
    method = str(cal.get("METHOD", "")) or None
    events = cal.walk("VEVENT")
    vcal = vobject.readOne(data.decode("utf-8"))
    v_events = list(vcal.vevent_list)
    lib = json.loads(subprocess.run(["/usr/bin/python3", __file__, "--libical", str(path)], check=True,
                                    capture_output=True, text=True).stdout)
    if "error" in lib:
        fail(lib["error"])
        return
    if lib["errors"]:
        fail("libical reports " + "; ".join(lib["errors"]))
    if not lib["restriction_ok"]:
        fail(f"libical iTIP restriction check failed for METHOD:{method}")
    if not (len(events) == len(v_events) == len(lib["events"])):
        fail(f"event counts differ: icalendar {len(events)}, vobject {len(v_events)}, libical {len(lib['events'])}")
        return

    if series is None:
        # One VEVENT per meeting, in order.
        if len(events) != len(meetings):
            fail(f"{len(events)} events for {len(meetings)} meetings")
            return
        for e, v, l, m in zip(events, v_events, lib["events"], meetings):
            start = e.decoded("DTSTART")
            if start.astimezone(UTC) != iso(m["start"]) or v.dtstart.value.astimezone(UTC) != iso(m["start"]):
                fail(f"{m['id']}: DTSTART {start} is not {m['start']}")
            if l["start"] != int(iso(m["start"]).timestamp()):
                fail(f"{m['id']}: libical DTSTART {l['start']} is not {m['start']}")
            if str(start.tzinfo) != m["timeZone"] and getattr(start.tzinfo, "key", None) != m["timeZone"]:
                fail(f"{m['id']}: zone {start.tzinfo} is not {m['timeZone']}")
            if l["tzid"] != m["timeZone"]:
                fail(f"{m['id']}: libical zone {l['tzid']} is not {m['timeZone']}")
            people = 1 + (1 if m.get("notulis") else 0) + len(m["participants"])
            attendees = len(e.get("ATTENDEE", [])) if isinstance(e.get("ATTENDEE"), list) else (1 if e.get("ATTENDEE") else 0)
            if not (attendees == people == l["attendees"] == len(getattr(v, "attendee_list", []))):
                fail(f"{m['id']}: attendees icalendar {attendees}, vobject {len(getattr(v, 'attendee_list', []))}, libical {l['attendees']}, expected {people}")
            alarms = 0 if m["status"] == "cancelled" else 2
            if not (len(e.walk("VALARM")) == alarms == l["alarms"]):
                fail(f"{m['id']}: alarms {len(e.walk('VALARM'))} / libical {l['alarms']}, expected {alarms}")
            if (str(e.get("STATUS")) == "CANCELLED") != (m["status"] == "cancelled"):
                fail(f"{m['id']}: STATUS {e.get('STATUS')} for a {m['status']} meeting")
        return

    # A series: every peer must expand to the meetings Rapat holds.
    held = [m for m in meetings if m["status"] != "cancelled"]
    want = sorted(iso(m["start"]) for m in held)
    first, last = min(want) - dt.timedelta(days=1), max(want) + dt.timedelta(days=1)
    got = sorted(o.decoded("DTSTART").astimezone(UTC) for o in recurring_ical_events.of(cal).between(first, last))
    if got != want:
        fail(f"recurring-ical-events expands to {[g.isoformat() for g in got]}, Rapat holds {[w.isoformat() for w in want]}")
    master = next(v for v in v_events if not hasattr(v, "recurrence_id"))
    originals = sorted(d.astimezone(UTC) for d in master.getrruleset(addRDate=True))
    want_originals = sorted(iso(m.get("occurrenceStart") or m["start"]) for m in held)
    if originals != want_originals:
        fail(f"vobject rruleset {[o.isoformat() for o in originals]} differs from the occurrences {[w.isoformat() for w in want_originals]}")
    uids = {str(e.get("UID")) for e in events} | {l["uid"] for l in lib["events"]}
    if len(uids) != 1:
        fail(f"a series must share one UID, found {uids}")


def main(argv):
    if len(argv) == 3 and argv[1] == "--libical":
        print(json.dumps(libical_report(argv[2])))
        return 0
    files = sorted(p for d in argv[1:] for p in pathlib.Path(d).glob("*.ics") if p.with_suffix(".json").exists())
    if not files:
        print("no .ics files with expectations found", file=sys.stderr)
        return 1
    passed = failed = 0
    for path in files:
        failures = []
        try:
            check(path, failures)
        except Exception as exc:  # a peer that cannot read the file is a failure of that file
            failures.append(f"{path.name}: {type(exc).__name__}: {exc}")
        if failures:
            failed += 1
            print("FAIL " + "\n     ".join(failures))
        else:
            passed += 1
            print(f"ok   {path}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
