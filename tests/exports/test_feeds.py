"""The Atom feed (read with xml.etree) and the iCalendar feed (read with the icalendar package)."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from export_support import SITE_URL, make_outputs
from generator.exports.feeds import atom_feed, calendar_feed, fold, ical_text
from generator.outputs import Outputs

A = "{http://www.w3.org/2005/Atom}"
PORTAL_ID = "exports-test"  # mkdocs.yml's portal_id, never the host name


# --- Atom -------------------------------------------------------------------------------------

def test_atom_feed_has_the_required_elements(site: Path) -> None:
    feed = ET.parse(site / "feeds/entries.atom").getroot()
    assert feed.tag == f"{A}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{A}{required}") is not None and feed.find(f"{A}{required}").text, required
    assert feed.find(f"{A}author/{A}name").text == "Exports Test Portal"
    self_link = [link for link in feed.findall(f"{A}link") if link.get("rel") == "self"]
    assert self_link[0].get("href") == SITE_URL + "feeds/entries.atom"
    entries = feed.findall(f"{A}entry")
    assert len(entries) == 4
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{A}{required}").text, required
        assert entry.find(f"{A}id").text.startswith("urn:uuid:")
        datetime.fromisoformat(entry.find(f"{A}updated").text.replace("Z", "+00:00"))  # RFC 3339
        alternates = [link for link in entry.findall(f"{A}link") if link.get("rel") == "alternate"]
        assert len({(link.get("type"), link.get("hreflang")) for link in alternates}) == len(alternates)


def test_atom_entries_are_newest_check_first_with_text_intact(site: Path) -> None:
    feed = ET.parse(site / "feeds/entries.atom").getroot()
    entries = feed.findall(f"{A}entry")
    updated = [e.find(f"{A}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.find(f"{A}updated").text == updated[0] == "2026-11-01T00:00:00Z"
    titles = [e.find(f"{A}title").text for e in entries]
    assert 'Symptom control <masterclass> & "more"' in titles, "XML escaping round-trips"
    assert "A course that has closed (retired)" in titles
    pages = {link.get("href") for e in entries for link in e.findall(f"{A}link")
             if link.get("rel") == "alternate" and link.get("type") == "text/html"}
    for href in pages:
        assert (site / href.removeprefix(SITE_URL) / "index.html").is_file()


def test_atom_ids_do_not_depend_on_the_host(epoch: str) -> None:
    one = ET.fromstring(atom_feed(make_outputs(site_url=SITE_URL)))
    two = ET.fromstring(atom_feed(make_outputs(site_url="https://mirror.example.net/")))
    assert [e.text for e in one.iter(f"{A}id")] == [e.text for e in two.iter(f"{A}id")]


# --- iCalendar ---------------------------------------------------------------------------------

def events(text: bytes | str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_calendar_has_upcoming_runs_with_stable_uids(site: Path) -> None:
    found = events((site / "feeds/sessions.ics").read_bytes())
    assert set(found) == {
        f"autumn-2030.echo-series@{PORTAL_ID}", f"monthly-2031.echo-series@{PORTAL_ID}",
        f"cancelled-2030.echo-series@{PORTAL_ID}", f"masterclass-2030.paid-course@{PORTAL_ID}",
    }, "the 2020 run is past and the retired entry's run is left out"
    assert all(str(e["DTSTAMP"].to_ical(), "ascii") == "20260921T141320Z" for e in found.values())


def test_calendar_times_are_in_the_runs_own_time_zones(site: Path) -> None:
    found = events((site / "feeds/sessions.ics").read_bytes())
    autumn = found[f"autumn-2030.echo-series@{PORTAL_ID}"]
    start = autumn.decoded("DTSTART")
    assert start == datetime(2030, 10, 3, 12, 0, tzinfo=ZoneInfo("America/Toronto"))
    assert start.utcoffset() == timedelta(hours=-4)
    assert autumn["DTSTART"].params["TZID"] == "America/Toronto"
    assert autumn.decoded("DTEND") - start == timedelta(hours=1)
    rule = autumn["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["INTERVAL"] == [2] and rule["COUNT"] == [6] and rule["BYDAY"] == ["TH"]
    monthly = found[f"monthly-2031.echo-series@{PORTAL_ID}"]
    until = monthly["RRULE"]["UNTIL"][0]
    assert until.utcoffset() == timedelta(0), "UNTIL is UTC when DTSTART has a TZID (RFC 5545)"
    assert until.astimezone(ZoneInfo("Europe/London")).date() == date(2031, 6, 30)
    assert str(found[f"cancelled-2030.echo-series@{PORTAL_ID}"]["STATUS"]) == "CANCELLED"
    masterclass = found[f"masterclass-2030.paid-course@{PORTAL_ID}"]
    assert str(masterclass["SUMMARY"]) == 'Symptom control <masterclass> & "more"'
    assert str(masterclass["LOCATION"]) == "Example Hospice, Leeds"
    assert "Register by 2030-11-01 17:00" in str(masterclass["DESCRIPTION"])


def test_calendar_defines_every_time_zone_it_uses(site: Path) -> None:
    calendar = icalendar.Calendar.from_ical((site / "feeds/sessions.ics").read_bytes())
    defined = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    used = {e["DTSTART"].params["TZID"] for e in calendar.walk("VEVENT")}
    assert used == defined == {"America/Toronto", "Europe/London"}
    london = next(tz for tz in calendar.walk("VTIMEZONE") if tz["TZID"] == "Europe/London")
    offsets = {(str(c.name), c["TZOFFSETTO"].to_ical()) for c in london.subcomponents}
    assert offsets == {("STANDARD", "+0000"), ("DAYLIGHT", "+0100")}


def test_calendar_lines_are_folded_crlf_lines_of_75_octets(site: Path) -> None:
    data = (site / "feeds/sessions.ics").read_bytes()
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert b"\n" not in b"".join(lines), "only CRLF line ends"
    assert max(len(line) for line in lines) <= 75
    long = "é" * 100  # two octets each: a fold must not split one
    for part in fold("SUMMARY:" + long).split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
        part.encode("utf-8").decode("utf-8")
    assert ical_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def _move_run(outputs: Outputs, entry_id: str, run_id: str, start: str, end: str) -> None:
    entry = outputs.catalog.entries[entry_id]
    entry.runs = tuple(dataclasses.replace(r, start=start, end=end) if r.id == run_id else r for r in entry.runs)


def test_calendar_uids_survive_a_move_to_another_host(epoch: str) -> None:
    here = events(calendar_feed(make_outputs(site_url=SITE_URL)))
    moved = events(calendar_feed(make_outputs(site_url="https://education.example.net/")))
    assert set(here) == set(moved) and here
    assert all(uid.endswith(f"@{PORTAL_ID}") and "example" not in uid for uid in here)


def test_changing_a_runs_date_keeps_its_uid(outputs: Outputs) -> None:
    before = events(calendar_feed(outputs))
    _move_run(outputs, "paid-course", "masterclass-2030", "2030-12-04T09:00", "2030-12-04T16:30")
    after = events(calendar_feed(outputs))
    uid = f"masterclass-2030.paid-course@{PORTAL_ID}"
    assert set(before) == set(after), "the same events, so a subscriber's calendar updates them in place"
    assert before[uid].decoded("DTSTART").date() == date(2030, 11, 20)
    assert after[uid].decoded("DTSTART").date() == date(2030, 12, 4)


def test_calendar_is_deterministic_and_follows_source_date_epoch(outputs: Outputs,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    assert calendar_feed(outputs) == calendar_feed(make_outputs())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2031, 1, 1).timestamp())))
    later = events(calendar_feed(outputs))
    assert set(later) == {f"monthly-2031.echo-series@{PORTAL_ID}"}, "by 2031 only the monthly clinic is still to come"


def test_a_run_of_whole_days_ends_after_its_last_day(outputs: Outputs) -> None:
    # A three-day congress written as dates: iCalendar's DTEND is exclusive, so it must be the day after.
    _move_run(outputs, "paid-course", "masterclass-2030", "2030-11-20", "2030-11-22")
    event = events(calendar_feed(outputs))[f"masterclass-2030.paid-course@{PORTAL_ID}"]
    assert event.decoded("DTSTART") == date(2030, 11, 20)
    assert event.decoded("DTEND") == date(2030, 11, 23)
