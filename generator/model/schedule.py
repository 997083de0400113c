"""Repeating runs: their sessions' dates, and the rule in plain words.

The rule is the one the calendar export publishes (RFC 5545): months a series
skips act as BYMONTH (skipped months do not use up a count), single skipped
dates as EXDATE (they do).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from .catalog import Recurrence, Run
from .dates import MONTHS, When

DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last", -2: "second-to-last"}
_BY_DAY = re.compile(r"^(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")
# How many periods to look through at most: a rule that matches nothing ends the search.
_MAX_PERIODS = 2000


def _by_day(rec: Recurrence) -> list[tuple[int | None, int]]:
    out = []
    for code in rec.by_day:
        m = _BY_DAY.match(code)
        if m:
            out.append((int(m[1]) if m[1] else None, DAYS[m[2]]))
    return out


def _nth_weekday(year: int, month: int, n: int, weekday: int) -> dt.date | None:
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if dt.date(year, month, d).weekday() == weekday]
    try:
        return dt.date(year, month, days[n - 1 if n > 0 else n])
    except IndexError:
        return None


def _add_months(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _candidates(run: Run, first: dt.date) -> Iterator[dt.date]:
    """Every date the rule makes, in order, before counts, ends and exceptions."""
    rec = run.recurrence
    assert rec is not None
    by_day = _by_day(rec)
    for period in range(_MAX_PERIODS):
        step = period * rec.interval
        if rec.frequency == "daily":
            yield first + dt.timedelta(days=step)
        elif rec.frequency == "weekly":
            week_start = first - dt.timedelta(days=first.weekday()) + dt.timedelta(weeks=step)
            weekdays = sorted({d for _, d in by_day}) or [first.weekday()]
            yield from (week_start + dt.timedelta(days=d) for d in weekdays)
        elif rec.frequency == "monthly":
            year, month = _add_months(first, step)
            if by_day:
                found: set[dt.date] = set()
                for n, weekday in by_day:
                    if n is None:
                        found |= {dt.date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)
                                  if dt.date(year, month, d).weekday() == weekday}
                    elif (day := _nth_weekday(year, month, n, weekday)) is not None:
                        found.add(day)
                yield from sorted(found)
            elif first.day <= calendar.monthrange(year, month)[1]:
                yield dt.date(year, month, first.day)
        else:  # yearly
            year = first.year + step
            if first.day <= calendar.monthrange(year, first.month)[1]:
                yield dt.date(year, first.month, first.day)


def session_dates(run: Run) -> Iterator[dt.date]:
    """The dates of a run's sessions, in order (one date for a run that does not repeat)."""
    start = When.parse(run.start)
    first = start.first_day()
    rec = run.recurrence
    if rec is None or not start.has_day:
        yield first
        return
    until = dt.date.fromisoformat(rec.until) if rec.until else None
    skipped = {dt.date.fromisoformat(d) for d in rec.except_dates}
    made = 0
    for day in _candidates(run, first):
        if day < first or day.month in rec.except_months and rec.frequency != "yearly":
            continue
        if (until and day > until) or (rec.count and made >= rec.count):
            return
        made += 1
        if day not in skipped:
            yield day


def next_dates(run: Run, today: dt.date, limit: int = 4) -> list[dt.date]:
    """Up to ``limit`` session dates on or after ``today``."""
    out = []
    for day in session_dates(run):
        if day >= today:
            out.append(day)
            if len(out) == limit:
                break
    return out


def _list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def describe(run: Run) -> str:
    """The rule in words, e.g. 'last Thursday of each month, except August and December'."""
    rec = run.recurrence
    if rec is None:
        return ""
    first = When.parse(run.start).first_day()
    by_day = _by_day(rec)
    every = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year"}[rec.frequency]
    period = f"every {rec.interval} {every}s" if rec.interval > 1 else f"every {every}"
    if rec.frequency == "monthly" and by_day and all(n is not None for n, _ in by_day):
        days = _list([f"{ORDINALS.get(n or 0, str(n))} {DAY_NAMES[d]}" for n, d in by_day])
        text = f"{days} of {'each month' if rec.interval == 1 else period}"
    elif rec.frequency in ("weekly", "monthly") and (by_day or rec.frequency == "weekly"):
        names = _list([f"{DAY_NAMES[d]}" for _, d in by_day] or [DAY_NAMES[first.weekday()]])
        text = f"every {names}" if rec.interval == 1 and rec.frequency == "weekly" else f"{period}, on {names}"
    elif rec.frequency == "monthly":
        text = f"{period}, on day {first.day}"
    elif rec.frequency == "yearly":
        text = f"{period}, on {first.day} {MONTHS[first.month - 1]}"
    else:
        text = period
    if rec.except_months and rec.frequency != "yearly":
        text += ", except " + _list([MONTHS[m - 1] for m in sorted(rec.except_months)])
    if rec.count:
        text += f", {rec.count} sessions"
    if rec.until:
        text += f", until {When.parse(rec.until).words()}"
    if rec.except_dates:
        text += "; no session on " + _list([When.parse(d).words() for d in sorted(rec.except_dates)])
    return text
