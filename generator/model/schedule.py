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

from ..i18n import N_, _, babel_locale, ngettext
from .catalog import Recurrence, Run
from .dates import When

DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
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
            weekdays = sorted({d for _n, d in by_day}) or [first.weekday()]
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
    return words[0] if len(words) == 1 else _("{list} and {last}").format(list=", ".join(words[:-1]), last=words[-1])


# The rule's words; day and month names come from the active language's CLDR data.
_ORDINAL_DAY = {1: N_("first {day}"), 2: N_("second {day}"), 3: N_("third {day}"), 4: N_("fourth {day}"),
                5: N_("fifth {day}"), -1: N_("last {day}"), -2: N_("second-to-last {day}")}
_EVERY = {"daily": N_("every day"), "weekly": N_("every week"), "monthly": N_("every month"),
          "yearly": N_("every year")}


def _every(frequency: str, interval: int) -> str:
    if interval == 1:
        return _(_EVERY[frequency])
    # Translators: a repeating series' interval, always 2 or more in English ("every 2 weeks").
    if frequency == "daily":
        text = ngettext("every {n} day", "every {n} days", interval)
    elif frequency == "weekly":
        text = ngettext("every {n} week", "every {n} weeks", interval)
    elif frequency == "monthly":
        text = ngettext("every {n} month", "every {n} months", interval)
    else:
        text = ngettext("every {n} year", "every {n} years", interval)
    return text.format(n=interval)


def _day_name(day: int) -> str:
    return str(babel_locale().days["format"]["wide"][day])


def _month_name(month: int) -> str:
    return str(babel_locale().months["format"]["wide"][month])


def describe(run: Run) -> str:
    """The rule in words, e.g. 'last Thursday of each month, except August and December'."""
    rec = run.recurrence
    if rec is None:
        return ""
    first = When.parse(run.start).first_day()
    by_day = _by_day(rec)
    period = _every(rec.frequency, rec.interval)
    if rec.frequency == "monthly" and by_day and all(n is not None for n, _day in by_day):
        days = _list([_(_ORDINAL_DAY[n]).format(day=_day_name(d)) if n in _ORDINAL_DAY else f"{n} {_day_name(d)}"
                      for n, d in by_day])
        text = (_("{days} of each month").format(days=days) if rec.interval == 1
                else _("{days} of {period}").format(days=days, period=period))
    elif rec.frequency in ("weekly", "monthly") and (by_day or rec.frequency == "weekly"):
        names = _list([_day_name(d) for _n, d in by_day] or [_day_name(first.weekday())])
        text = (_("every {days}").format(days=names) if rec.interval == 1 and rec.frequency == "weekly"
                else _("{period}, on {days}").format(period=period, days=names))
    elif rec.frequency == "monthly":
        text = _("{period}, on day {day}").format(period=period, day=first.day)
    elif rec.frequency == "yearly":
        day = When.parse(first.isoformat()).words(year=False)
        text = _("{period}, on {date}").format(period=period, date=day)
    else:
        text = period
    if rec.except_months and rec.frequency != "yearly":
        text = _("{rule}, except {months}").format(
            rule=text, months=_list([_month_name(m) for m in sorted(rec.except_months)]))
    if rec.count:
        text = ngettext("{rule}, {n} session", "{rule}, {n} sessions", rec.count).format(rule=text, n=rec.count)
    if rec.until:
        text = _("{rule}, until {date}").format(rule=text, date=When.parse(rec.until).words())
    if rec.except_dates:
        text = _("{rule}; no session on {dates}").format(
            rule=text, dates=_list([When.parse(d).words() for d in sorted(rec.except_dates)]))
    return text
