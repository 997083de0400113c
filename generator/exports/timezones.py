"""Local times of dated runs, and VTIMEZONE blocks for calendar feeds.

Runs are written in the catalog as local wall-clock times plus an IANA zone
('2027-03-04T10:00', 'Europe/London'): that is what the provider announces,
and it stays right when daylight saving starts or ends between sessions.
"""

from __future__ import annotations

from datetime import MAXYEAR, MINYEAR, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..model.dates import When


@cache
def zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a region ('Europe') is a folder of the zone database, not a zone file,
        # and an over-long name is refused by the file system.
        return None


def parse_local(value: str, tz_name: str) -> datetime | date:
    """'2027-03-04T10:00' in ``tz_name`` as an aware datetime; a bare '2027-03-04' stays a date.

    A month or a year ('2027-09') gives its first day: callers that need the
    whole period use ``When.last_day``.
    """
    parsed = When.parse(value)
    if parsed.time is None:
        return parsed.first_day()
    dt = datetime.combine(parsed.first_day(), parsed.time)
    tz = zone(tz_name)
    return dt.replace(tzinfo=tz) if tz else dt


def iso(value: datetime | date) -> str:
    """ISO 8601 with the zone's UTC offset at that moment, e.g. '2027-03-04T10:00:00+00:00'."""
    return value.isoformat()


def _offset(tz: ZoneInfo, utc: datetime) -> timedelta:
    return tz.fromutc(utc.replace(tzinfo=tz)).utcoffset() or timedelta(0)


def _transitions(tz: ZoneInfo, first_year: int, last_year: int) -> list[tuple[datetime, timedelta, timedelta]]:
    """(UTC instant, offset before, offset after) for each change of UTC offset in the years given."""
    out = []
    day = datetime(first_year, 1, 1)
    end = datetime(last_year + 1, 1, 1)
    before = _offset(tz, day)
    while day < end:
        nxt = day + timedelta(days=1)
        after = _offset(tz, nxt)
        if after != before:
            lo, hi = day, nxt  # bisect to the minute: zones change on the hour or half hour
            while hi - lo > timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                if _offset(tz, mid) == before:
                    lo = mid
                else:
                    hi = mid
            out.append((hi.replace(second=0, microsecond=0), before, after))
            before = after
        day = nxt
    return out


def _fmt_offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{mins:02d}"


def vtimezone(tz_name: str, first_year: int, last_year: int) -> list[str]:
    """A VTIMEZONE for ``tz_name`` listing every offset change from ``first_year`` to ``last_year``.

    Explicit transitions (no RRULE) are exact for the years the feed covers and
    need no guessing about a zone's rules; calendars that know the IANA name
    use their own data anyway.
    """
    tz = zone(tz_name)
    if tz is None:
        return []
    # Transitions are looked for from the year before to the year after, and each UTC instant is
    # moved by the zone's offset: keep all of that on the calendar Python can represent.
    first_year = min(max(first_year, MINYEAR + 2), MAXYEAR - 1)
    last_year = min(max(last_year, first_year), MAXYEAR - 1)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tz_name}"]
    # From the year before: its last change is the one in force on 1 January of the first year.
    changes = _transitions(tz, first_year - 1, last_year)
    if not changes:
        start = datetime(first_year, 1, 1, tzinfo=tz)
        offset = _fmt_offset(start.utcoffset() or timedelta(0))
        lines += ["BEGIN:STANDARD", f"DTSTART:{first_year}0101T000000", f"TZOFFSETFROM:{offset}",
                  f"TZOFFSETTO:{offset}", f"TZNAME:{start.tzname()}", "END:STANDARD"]
    for instant, before, after in changes:
        local = instant + before  # DTSTART is in the local time in force before the change
        kind = "DAYLIGHT" if (tz.fromutc(instant.replace(tzinfo=tz)).dst() or timedelta(0)) else "STANDARD"
        name = tz.fromutc(instant.replace(tzinfo=tz)).tzname()
        lines += [f"BEGIN:{kind}", f"DTSTART:{local:%Y%m%dT%H%M%S}", f"TZOFFSETFROM:{_fmt_offset(before)}",
                  f"TZOFFSETTO:{_fmt_offset(after)}", f"TZNAME:{name}", f"END:{kind}"]
    lines.append("END:VTIMEZONE")
    return lines
