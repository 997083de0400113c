"""Feeds people subscribe to: Atom for new and updated entries, iCalendar for upcoming sessions.

Both are deterministic. Atom dates come from the data (``reviewed`` or the
newest source check); the calendar's DTSTAMP and the cut-off for "upcoming"
come from SOURCE_DATE_EPOCH. Event UIDs are built from the run id and the
entry id, so when a curator changes a run's date, subscribers' calendars move
the event instead of adding a second one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import MAXYEAR, UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from ..i18n import _, current_language
from ..model import Entry, Run
from ..model.catalog import PERIOD_DAYS
from ..model.dates import When
from ..pages import urls
from .common import absolute, build_time, entry_updated, review_text, stable_uuid
from .timezones import parse_local, vtimezone, zone

if TYPE_CHECKING:
    from ..outputs import Outputs

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_LIMIT = 50
_FREQ = {"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY", "yearly": "YEARLY"}
# Stands for "after the end of the calendar": a series that would end there is upcoming for as long as can be said.
_END_OF_TIME = datetime.max.replace(tzinfo=UTC)
# The last day an UNTIL may name: its end of day still converts to UTC from any zone.
_LAST_UNTIL = date(MAXYEAR, 12, 30)


# --- runs ---------------------------------------------------------------------------------------

# The software that wrote the feeds, as Atom's <generator> and iCalendar's PRODID name it.
GENERATOR = "portal-generator"


def _aware(value: datetime | date, tz_name: str, *, end_of_day: bool = False) -> datetime:
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.max if end_of_day else time.min)
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(tz_name) or UTC)
    return value


def last_moment(run: Run) -> datetime | None:
    """When the run's last session ends (an upper bound for counted repeats); None if it repeats forever."""
    start = parse_local(run.start, run.timezone)
    rec = run.recurrence
    if rec is None:
        last = When.parse(run.end or run.start)
        # A month or a year lasts to its last day: 'September 2027' is upcoming all September.
        value = parse_local(last.text, run.timezone) if last.time else last.last_day()
        return _aware(value, run.timezone, end_of_day=True)
    if rec.until:
        return _aware(date.fromisoformat(rec.until), run.timezone, end_of_day=True)
    if rec.count:
        try:
            span = timedelta(days=PERIOD_DAYS[rec.frequency] * rec.interval * rec.count)
            return _aware(start, run.timezone, end_of_day=True) + span
        except OverflowError:
            return _END_OF_TIME  # the bound passes the last representable day; the series is still upcoming
    return None


def is_upcoming(run: Run, now: datetime) -> bool:
    last = last_moment(run)
    return last is None or last >= now


# --- Atom ---------------------------------------------------------------------------------------

def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"


# Characters XML 1.0 does not allow at all, even escaped; one of them makes the whole feed unreadable.
_NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 forbids (stray control characters, U+FFFE, U+FFFF)."""
    return _NOT_XML.sub("", value)


def _sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text:
        el.text = xml_text(text)
    return el


atom_sub = _sub  # for the other Atom feed, the open data's changelog


def feed_title(outputs: Outputs) -> str:
    """The Atom feed's title, as the feed and the pages' head links give it."""
    return _("{site}: new and updated entries").format(site=outputs.site_name)


def atom_feed(outputs: Outputs, limit: int = ATOM_LIMIT) -> str:
    """The ``limit`` most recently checked entries, newest first."""
    dated = [(entry_updated(e), e) for e in outputs.catalog.entries.values()]
    dated = sorted(((d, e) for d, e in dated if d), key=lambda de: (de[0], de[1].id), reverse=True)[:limit]
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": current_language()})
    _sub(feed, "id", f"urn:uuid:{stable_uuid(outputs, 'atom', 'entries')}")
    _sub(feed, "title", feed_title(outputs))
    _sub(feed, "subtitle", _("Catalog entries, newest check first."))
    _sub(feed, "updated", _stamp(dated[0][0]) if dated else f"{build_time():%Y-%m-%dT%H:%M:%SZ}")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=absolute(outputs, urls.atom_feed()))
    _sub(feed, "link", rel="alternate", type="text/html", href=absolute(outputs, urls.catalog()))
    author = _sub(feed, "author")
    _sub(author, "name", outputs.site_name)
    if outputs.site_url:
        _sub(author, "uri", outputs.site_url)
    licence = outputs.settings.licence
    if licence:
        _sub(feed, "link", rel="license", href=licence.url)  # RFC 4946
        _sub(feed, "rights", _("Catalog text: {licence} ({url})").format(licence=licence.name, url=licence.url))
    _sub(feed, "generator", GENERATOR)
    for day, entry in dated:
        _atom_entry(outputs, feed, entry, day)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _atom_entry(outputs: Outputs, feed: ET.Element, entry: Entry, day: str) -> None:
    item = _sub(feed, "entry")
    _sub(item, "id", f"urn:uuid:{stable_uuid(outputs, 'atom', 'entry', entry.id)}")
    status = {"paused": _("(paused)"), "finished": _("(finished)"), "retired": _("(retired)")}.get(entry.status, "")
    _sub(item, "title", f"{entry.title} {status}" if status else entry.title)
    _sub(item, "updated", _stamp(day))
    if len(entry.launched) == 10 and entry.launched <= day:
        _sub(item, "published", _stamp(entry.launched))
    _sub(item, "link", rel="alternate", type="text/html", href=absolute(outputs, urls.entry(entry.id)))
    _sub(item, "link", rel="related", href=entry.url)
    _sub(item, "link", rel="alternate", type="application/json", href=absolute(outputs, urls.api_entry(entry.id)))
    _sub(item, "summary", entry.summary, type="text")  # <updated> is its last review (see entry_updated)
    for tier in entry.tiers:
        _sub(item, "category", term=f"tier-{tier}", label=_("Tier {number}").format(number=tier))
    _sub(item, "category", term=entry.type, label=entry.type.replace("-", " "))


# --- iCalendar ----------------------------------------------------------------------------------

# Every line break a reader might honour: CRLF, a bare CR or LF, NEL and the Unicode line and paragraph
# separators. Left raw, any of them would end the content line and let the text after it act as a property.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# Other control characters (tab is allowed in TEXT): RFC 5545 excludes them from content lines.
_ICAL_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def ical_text(value: str) -> str:
    """RFC 5545 TEXT escaping; every line break becomes an escaped newline, other control characters go."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _ICAL_CONTROL.sub("", _LINE_BREAK.sub(lambda _: "\\n", value))


def ical_uri(value: str) -> str:
    """A URI property value: no escaping applies, so anything that could break the line is removed."""
    return _ICAL_CONTROL.sub("", _LINE_BREAK.sub("", value))


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _when(prop: str, value: datetime | date, tz_name: str) -> str:
    if not isinstance(value, datetime):
        return f"{prop};VALUE=DATE:{value:%Y%m%d}"
    if zone(tz_name) is None:
        return f"{prop}:{value:%Y%m%dT%H%M%S}"  # unknown zone: floating local time
    return f"{prop};TZID={tz_name}:{value:%Y%m%dT%H%M%S}"


def _rrule(run: Run, start: datetime | date) -> str:
    rec = run.recurrence
    assert rec is not None
    parts = [f"FREQ={_FREQ[rec.frequency]}"]
    if rec.interval > 1:
        parts.append(f"INTERVAL={rec.interval}")
    if rec.count:
        parts.append(f"COUNT={rec.count}")
    elif rec.until:
        until = min(date.fromisoformat(rec.until), _LAST_UNTIL)
        if isinstance(start, datetime) and zone(run.timezone) is not None:
            # With a TZID start, UNTIL must be UTC: the end of that local day.
            last = datetime.combine(until, time(23, 59, 59), tzinfo=zone(run.timezone)).astimezone(UTC)
            parts.append(f"UNTIL={last:%Y%m%dT%H%M%SZ}")
        elif isinstance(start, datetime):
            parts.append(f"UNTIL={until:%Y%m%d}T235959")
        else:
            parts.append(f"UNTIL={until:%Y%m%d}")
    if rec.by_day:
        parts.append("BYDAY=" + ",".join(rec.by_day))
    if rec.except_months and rec.frequency != "yearly":
        # BYMONTH limits the repeats to the months that have sessions (a December break).
        parts.append("BYMONTH=" + ",".join(str(m) for m in range(1, 13) if m not in rec.except_months))
    return "RRULE:" + ";".join(parts)


def _exdates(run: Run, start: datetime | date) -> list[str]:
    """EXDATE lines for the single dates a series skips, in the form of its DTSTART."""
    rec = run.recurrence
    if rec is None or not rec.except_dates:
        return []
    days = sorted(date.fromisoformat(d) for d in rec.except_dates)
    if isinstance(start, datetime):
        return [_when("EXDATE", datetime.combine(d, start.timetz()), run.timezone) for d in days]
    return [_when("EXDATE", d, run.timezone) for d in days]


def event_uid(outputs: Outputs, entry: Entry, run: Run) -> str:
    """The portal id, not the host name: a portal that moves to a new address keeps its subscribers' events."""
    return f"{run.id}.{entry.id}@{outputs.settings.portal_id}"


def _event(outputs: Outputs, entry: Entry, run: Run, stamp: str) -> list[str]:
    start = parse_local(run.start, run.timezone)
    page = absolute(outputs, urls.entry(entry.id))
    lines = ["BEGIN:VEVENT", f"UID:{event_uid(outputs, entry, run)}", f"DTSTAMP:{stamp}",
             _when("DTSTART", start, run.timezone)]
    if run.end:
        end = parse_local(run.end, run.timezone)
        if not isinstance(end, datetime):
            # A date-only DTEND is exclusive (RFC 5545 3.6.1): the curator's last day plus one.
            end += timedelta(days=1)
        lines.append(_when("DTEND", end, run.timezone))
    elif isinstance(start, datetime) and entry.duration and entry.duration.per_session_minutes:
        lines.append(f"DURATION:PT{entry.duration.per_session_minutes}M")
    if run.recurrence:
        lines.append(_rrule(run, start))
        lines += _exdates(run, start)
    title = f"{entry.title}: {run.title}" if run.title else entry.title
    description = entry.summary
    if run.url:
        description += "\n\n" + _("Details and booking: {url}").format(url=run.url)
    if run.registration_deadline:
        zone_name = f" ({run.timezone})" if run.timezone else ""
        description += "\n" + _("Register by {date}.").format(
            date=f"{run.registration_deadline.replace('T', ' ')}{zone_name}")
    description += "\n" + _("In the portal: {url}").format(url=page)
    if review_text(entry):
        description += "\n" + _("Listing: {review}.").format(review=review_text(entry))
    if outputs.settings.licence:
        description += "\n" + _("Listing text: {licence} ({url}).").format(licence=outputs.settings.licence.name,
                                                                           url=outputs.settings.licence.url)
    lines += [f"SUMMARY:{ical_text(title)}", f"DESCRIPTION:{ical_text(description)}"]
    location = run.location or (_("Online") if run.online else "")
    if location:
        lines.append(f"LOCATION:{ical_text(location)}")
    lines.append(f"URL:{ical_uri(run.url or page)}")
    if run.status == "cancelled":
        lines.append("STATUS:CANCELLED")
    elif run.status:
        lines.append("STATUS:CONFIRMED")
    updated = entry_updated(entry)
    if updated:
        lines.append(f"LAST-MODIFIED:{updated.replace('-', '')}T000000Z")
    lines.append("END:VEVENT")
    return lines


def calendar_feed(outputs: Outputs) -> str:
    """Every upcoming run of an entry that is not retired, as one subscribable calendar."""
    now = build_time()
    stamp = f"{now:%Y%m%dT%H%M%SZ}"
    # A run known only to the month or year has no day a calendar could show.
    runs = sorted(((r, e) for e in outputs.catalog.entries.values() if e.status not in ("retired", "finished")
                   for r in e.runs if When.parse(r.start).has_day and is_upcoming(r, now)),
                  key=lambda re: (re[0].start.replace(" ", "T"), re[1].id, re[0].id))
    years: dict[str, tuple[int, int]] = {}
    for run, _entry in runs:
        first = int(run.start[:4])
        last = last_moment(run)
        final = min(last.year if last else first + 2, first + 10)
        lo, hi = years.get(run.timezone, (first, final))
        years[run.timezone] = (min(lo, first), max(hi, final))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{ical_text(outputs.site_name)}//{GENERATOR}//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{ical_text(_('{site}: sessions').format(site=outputs.site_name))}",
             f"X-WR-CALDESC:{ical_text(_('Upcoming dated sessions (ECHO series, cohorts, webinars) from the catalog.'))}",
             "REFRESH-INTERVAL;VALUE=DURATION:PT12H", "X-PUBLISHED-TTL:PT12H"]
    for tz_name in sorted(years):
        lines += vtimezone(tz_name, *years[tz_name])
    for run, entry in runs:
        lines += _event(outputs, entry, run, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
