"""The feeds stay well-formed whatever the text holds, and never crash on a date the validator accepts."""

from __future__ import annotations

import dataclasses
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import icalendar
import pytest

from export_support import HERE
from generator.exports.feeds import atom_feed, calendar_feed, ical_text, is_upcoming, last_moment, xml_text
from generator.exports.timezones import vtimezone
from generator.model import Run
from generator.model.catalog import Recurrence
from generator.settings import Settings, load_settings
from generator.site.plugin_build import build_site
from generator.outputs import Outputs
from generator.validate import validate_project

A = "{http://www.w3.org/2005/Atom}"
REPO = HERE.parent.parent
# Every way a reader may end a line: a content line must contain none of them raw.
BREAKS = ["\r\n", "\r", "\n", "\x85", "\u2028", "\u2029"]
ANY_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029\x0b\x0c\x1c\x1d\x1e]")


# --- iCalendar text -------------------------------------------------------------------------------

@pytest.mark.parametrize("brk", BREAKS, ids=["crlf", "cr", "lf", "nel", "line-sep", "para-sep"])
def test_every_line_break_becomes_an_escaped_newline(brk: str) -> None:
    assert ical_text(f"one{brk}X-INJECTED:1") == "one\\nX-INJECTED:1"


def test_other_control_characters_are_dropped_and_tab_kept() -> None:
    assert ical_text("a\x00b\x07c\x0bd\x0ce\x1bf\x1eg\x7fh\x9bi\tj") == "abcdefghi\tj"
    assert ical_text("a,b;c\\d\r\ne") == "a\\,b\\;c\\\\d\\ne"


def _content_lines(feed: str) -> list[str]:
    """The feed as any lenient reader might split it: at every kind of line break, after unfolding."""
    return ANY_BREAK.split(feed.replace("\r\n ", ""))


def test_a_bare_carriage_return_cannot_inject_a_property(outputs: Outputs) -> None:
    entry = outputs.catalog.entries["paid-course"]
    entry.summary = "Line one\rX-INJECTED:summary\u2028BEGIN:VALARM\x85ACTION:AUDIO"
    entry.title = "Title\rUID:evil@example.org"
    entry.runs = tuple(dataclasses.replace(r, location="Leeds\rX-INJECTED:location", title="Run\u2029X-INJECTED:run")
                       for r in entry.runs)
    feed = calendar_feed(outputs)
    starts = [line.split(":", 1)[0] for line in _content_lines(feed)]
    assert "X-INJECTED" not in starts
    assert "UID" in starts and all(not line.startswith("UID:evil") for line in _content_lines(feed))
    assert starts.count("BEGIN") == feed.count("\r\nBEGIN:") + 1  # no BEGIN:VALARM of the text's making
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(feed).walk("VEVENT")}
    event = next(e for uid, e in events.items() if uid.startswith("masterclass-2030.paid-course@"))
    assert "X-INJECTED" not in event
    assert str(event["DESCRIPTION"]).startswith("Line one\nX-INJECTED:summary\nBEGIN:VALARM\nACTION:AUDIO")
    assert str(event["SUMMARY"]) == "Title\nUID:evil@example.org: Run\nX-INJECTED:run"
    assert str(event["LOCATION"]) == "Leeds\nX-INJECTED:location"


def test_a_control_character_in_a_run_url_does_not_break_the_line(outputs: Outputs) -> None:
    entry = outputs.catalog.entries["paid-course"]
    entry.runs = tuple(dataclasses.replace(r, url="https://example.org/a\rX-INJECTED:url") for r in entry.runs)
    feed = calendar_feed(outputs)
    assert "X-INJECTED" not in [line.split(":", 1)[0] for line in _content_lines(feed)]
    assert "URL:https://example.org/aX-INJECTED:url" in feed.replace("\r\n ", "")


# --- Atom -----------------------------------------------------------------------------------------

def test_characters_xml_forbids_never_reach_the_atom_feed(outputs: Outputs) -> None:
    entry = outputs.catalog.entries["paid-course"]
    entry.title = "Symptoms\x01\x0b\x0c\x1f\ufffe\uffff control"
    entry.summary = "A \x00summary\x08 with\x1b stray characters \U0001F600"
    entry.url = "https://learn.example.com/\x02symptoms"
    feed = ET.fromstring(atom_feed(outputs))  # ill-formed XML would raise here
    mine = next(e for e in feed.findall(f"{A}entry") if e.find(f"{A}title").text.startswith("Symptoms"))
    assert mine.find(f"{A}title").text == "Symptoms control"
    assert mine.find(f"{A}summary").text == "A summary with stray characters \U0001F600"
    related = [link.get("href") for link in mine.findall(f"{A}link") if link.get("rel") == "related"]
    assert related == ["https://learn.example.com/symptoms"]


def test_xml_text_keeps_everything_xml_allows() -> None:
    allowed = "tab\tline\ncr\r é \u2028 \ud7ff \ue000 \ufffd \U00010000 \U0010ffff \x85 \x7f"
    assert xml_text(allowed) == allowed
    assert xml_text("".join(map(chr, range(0x20)))) == "\t\n\r"


# --- dates at and beyond the ends of the calendar -------------------------------------------------

def _run(start: str, tz: str = "Europe/London", end: str = "", **rec: object) -> Run:
    recurrence = Recurrence(**rec) if rec else None  # type: ignore[arg-type]
    return Run("edge", start, tz, end=end, recurrence=recurrence)


@pytest.mark.parametrize("run", [
    _run("9999-12-30T10:00", end="9999-12-30T11:00", frequency="weekly", count=6),
    _run("9999-12-31", frequency="yearly", interval=52, count=500),
    _run("2027-03-04T10:00", frequency="yearly", interval=52, count=500),
    _run("0001-01-04T10:00", frequency="weekly"),
    _run("0001-01-01", "America/Toronto"),
], ids=["end-of-calendar", "date-only-end", "centuries-long", "year-one-forever", "year-one-once"])
def test_last_moment_never_overflows(run: Run) -> None:
    last = last_moment(run)
    assert last is None or last.tzinfo is not None
    is_upcoming(run, datetime.now().astimezone())


@pytest.mark.parametrize(("first", "last"), [(1, 2), (0, 1), (9998, 9999), (9999, 10010)])
def test_vtimezone_stays_on_the_calendar(first: int, last: int) -> None:
    lines = vtimezone("America/Toronto", first, last)
    assert lines[0] == "BEGIN:VTIMEZONE" and lines[-1] == "END:VTIMEZONE"


def test_calendar_with_runs_past_the_ends_of_the_calendar(outputs: Outputs) -> None:
    # The validator refuses these; the feed still must not crash if handed them.
    paid = outputs.catalog.entries["paid-course"]
    paid.runs = (dataclasses.replace(_run("9999-12-30T10:00", end="9999-12-30T11:00", frequency="weekly", count=6),
                                     id="late"),)
    echo = outputs.catalog.entries["echo-series"]
    echo.runs = (dataclasses.replace(_run("0001-01-04T10:00", "Asia/Tokyo", frequency="weekly"), id="early"),
                 dataclasses.replace(_run("2030-01-06T10:00", "America/Toronto", frequency="monthly",
                                          until="9999-12-31"), id="until-the-end"))
    feed = calendar_feed(outputs)
    assert feed.count("BEGIN:VEVENT") == 3
    assert "UNTIL=99991231T045959Z" in feed.replace("\r\n ", ""), "the end of 30 December 9999 in Toronto, in UTC"


EDGES = """\
id: calendar-edges
type: event
title: Sessions at the edges of the years allowed
url: https://example.org/edges
provider: Example
summary: Runs at the first and last moments the validator accepts.
tiers: [1]
competencies: [communication-t1]
countries: [GB]
review_by: 2200-12-31
launched: 1900-01-01
runs:
  - id: first
    start: 1900-01-01T00:00
    timezone: Pacific/Kiritimati
    recurrence:
      frequency: weekly
  - id: last
    start: 2200-12-31T23:30
    end: 2200-12-31T23:59
    timezone: Pacific/Pago_Pago
  - id: last-series
    start: 2200-12-01T09:00
    timezone: America/Adak
    recurrence:
      frequency: daily
      until: 2200-12-31
  - id: counted
    start: 2200-01-01
    end: 2200-01-01
    timezone: Asia/Kolkata
    recurrence:
      frequency: yearly
      count: 1
"""


def test_a_site_with_runs_at_the_edges_of_the_window_builds(tmp_path: Path) -> None:
    root = tmp_path / "portal"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "catalog" / "calendar-edges.yaml").write_text(EDGES, encoding="utf-8")
    result = validate_project(Settings(root=root))
    assert result.problems == [], result.problems
    assert build_site(load_settings(root), root / "site") == 0
    calendar = icalendar.Calendar.from_ical((root / "site" / "feeds" / "sessions.ics").read_bytes())
    uids = {str(e["UID"]).split("@")[0] for e in calendar.walk("VEVENT")}
    assert {"first.calendar-edges", "last.calendar-edges", "last-series.calendar-edges",
            "counted.calendar-edges"} <= uids
    ET.parse(root / "site" / "feeds" / "entries.atom")
