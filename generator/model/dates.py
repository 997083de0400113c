"""Dates as precise as their source: a year, a month, a day, or a day and a local time.

Curators write what the provider says ('2027', '2027-09', '2027-09-14',
'2027-09-14T10:00'); nothing here invents the missing parts. Exports and
pages ask for the first or last day the value can mean, or for words.
"""

from __future__ import annotations

import calendar
import os
import datetime as dt
import re
from dataclasses import dataclass

from babel.dates import format_date

from ..i18n import _, babel_locale, pgettext

def _format(day: dt.date, pattern: str) -> str:
    """A date in the active language's month names; the pattern itself comes from the message catalog."""
    return format_date(day, str(pattern), locale=babel_locale())


_WHEN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?)?)?$")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True)
class When:
    """A parsed date of known precision; ``text`` is the value as written (normalised to text)."""

    text: str
    year: int
    month: int | None = None
    day: int | None = None
    time: dt.time | None = None

    @classmethod
    def parse(cls, value: str | int) -> When:
        """``value`` as written in a catalog file; ValueError when it is not a real date."""
        text = str(value).strip()
        m = _WHEN.match(text)
        if not m:
            raise ValueError(f"not a date: {text!r}")
        year, month, day, hour, minute, second = m.groups()
        if month and not 1 <= int(month) <= 12:
            raise ValueError(f"month {month} does not exist")
        if day:
            dt.date(int(year), int(month), int(day))  # raises ValueError for 31 April
        at = dt.time(int(hour), int(minute), int(second or 0)) if hour else None
        return cls(text.replace(" ", "T"), int(year), int(month) if month else None, int(day) if day else None, at)

    @property
    def precision(self) -> str:
        """'year', 'month', 'day' or 'time'."""
        if self.time is not None:
            return "time"
        return "day" if self.day else "month" if self.month else "year"

    @property
    def has_day(self) -> bool:
        return self.day is not None

    @property
    def date_text(self) -> str:
        """The date part as written: '2027', '2027-09' or '2027-09-14'."""
        return self.text[:10]

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def local(self) -> dt.datetime | dt.date:
        """A naive local date-time when a time is given, else the first day."""
        return dt.datetime.combine(self.first_day(), self.time) if self.time else self.first_day()

    def words(self, *, time: bool = True, year: bool = True) -> str:
        """'2027', 'September 2027', '14 September 2027' or '14 September 2027, 10:00', in the active language
        (``year=False``: '14 September')."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            # Translators: a month and year, as a CLDR date pattern (LLLL is the month's name).
            return _format(dt.date(self.year, self.month, 1), pgettext("date pattern", "LLLL y"))
        day = dt.date(self.year, self.month, self.day)
        # Translators: a day of a month and year, as a CLDR date pattern (MMMM is the month's name).
        text = _format(day, pgettext("date pattern", "d MMMM y") if year else pgettext("date pattern", "d MMMM"))
        if time and self.time is not None:
            text = _("{date}, {time}").format(date=text, time=f"{self.time:%H:%M}")
        return text


def when(value: str | int) -> When | None:
    """``When.parse`` that gives None for text that is not a date (validation reports it)."""
    try:
        return When.parse(value)
    except ValueError:
        return None


def as_text(value: str | int | None) -> str:
    """A date field as text: YAML reads a bare year such as 2027 as a number."""
    return "" if value is None else str(value)


def in_words(value: str, *, time: bool = True) -> str:
    """``value`` in words, or as written when it is not a date."""
    parsed = when(value) if value else None
    return parsed.words(time=time) if parsed else value


def build_day() -> dt.date:
    """The build's date (UTC) from SOURCE_DATE_EPOCH, as the exports take it: pages say 'next' and 'past' by it."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "0").strip()
    return dt.datetime.fromtimestamp(int(value) if value.isdigit() else 0, dt.UTC).date()
