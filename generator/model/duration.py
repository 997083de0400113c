"""Lengths of study: '45m', '1h30m', '8h', '6w' or ISO 8601 ('PT8H', 'P6W')."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..i18n import _, ngettext

_SHORT = re.compile(r"^(?:(?P<w>\d+(?:\.\d+)?)w)?(?:(?P<d>\d+(?:\.\d+)?)d)?(?:(?P<h>\d+(?:\.\d+)?)h)?(?:(?P<m>\d+)m)?$")
_ISO = re.compile(r"^P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?)?$")

# The longest length accepted: about five years of full-time study, and five years on the
# calendar (the schema's cap on 'weeks'). Nothing real comes near; the caps keep a slip such as
# a long run of zeros from overflowing the arithmetic done with lengths later on.
MAX_HOURS = 10_000
MAX_WEEKS = 260


class TooLong(ValueError):
    """A well-formed length beyond MAX_HOURS of study or MAX_WEEKS on the calendar."""


@dataclass(frozen=True)
class Length:
    """Hours and minutes are study time; weeks and days are how long it runs on the calendar."""

    minutes: int = 0
    days: float = 0.0

    @classmethod
    def parse(cls, text: str) -> Length:
        match = _SHORT.match(text) or _ISO.match(text)
        if not match or not any(match.groupdict().values()):
            raise ValueError(f"not a length: {text!r}")
        g = {k: float(v) if v else 0.0 for k, v in match.groupdict().items()}
        # float() turns hundreds of digits into inf rather than failing, so compare before rounding.
        minutes, days = g["h"] * 60 + g["m"], g["w"] * 7 + g["d"]
        if minutes > MAX_HOURS * 60 or days > MAX_WEEKS * 7:
            raise TooLong(f"length too long: {text[:40]!r}")
        return cls(minutes=round(minutes), days=days)


@dataclass(frozen=True)
class Duration:
    """How long an entry takes: study minutes (if known) and calendar span (if any)."""

    minutes: int | None = None
    span_days: float | None = None
    sessions: int | None = None
    per_session_minutes: int | None = None
    note: str = ""

    @classmethod
    def from_data(cls, value: Any) -> Duration | None:
        if value is None:
            return None
        if isinstance(value, str):
            length = Length.parse(value)
            return cls(minutes=length.minutes or None, span_days=length.days or None)
        total = Length.parse(value["total"]) if "total" in value else None
        per = Length.parse(value["per_session"]) if "per_session" in value else None
        sessions = value.get("sessions")
        minutes = total.minutes if total and total.minutes else None
        if minutes is None and per and sessions:
            minutes = per.minutes * sessions
        span = value.get("weeks", 0) * 7 or (total.days if total else 0) or None
        return cls(minutes=minutes, span_days=span, sessions=sessions,
                   per_session_minutes=per.minutes if per else None, note=value.get("note", ""))

    def describe(self) -> str:
        """Plain words, e.g. '1 h 30 min' or '6 sessions of 1 h 30 min over 6 weeks'."""
        parts = []
        if self.sessions and self.per_session_minutes:
            parts.append(ngettext("{n} session of {time}", "{n} sessions of {time}", self.sessions).format(
                n=self.sessions, time=format_minutes(self.per_session_minutes)))
        elif self.per_session_minutes and not self.minutes:
            parts.append(_("{time} per session").format(time=format_minutes(self.per_session_minutes)))
        elif self.minutes:
            parts.append(format_minutes(self.minutes))
        if self.span_days:
            weeks = self.span_days / 7
            if weeks >= 1 and weeks == int(weeks):
                span = ngettext("{n} week", "{n} weeks", weeks).format(n=f"{weeks:g}")
            else:
                span = ngettext("{n} day", "{n} days", self.span_days).format(n=f"{self.span_days:g}")
            parts.append(_("over {span}").format(span=span) if parts else span)
        text = " ".join(parts)
        if self.note:
            text = f"{text} ({self.note})" if text else self.note
        return text


def format_minutes(minutes: int) -> str:
    hours, mins = divmod(int(minutes), 60)
    # Translators: hours and minutes of study time, in the short form ("1 h 30 min").
    if hours and mins:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=mins)
    if hours:
        return _("{hours} h").format(hours=hours)
    return _("{minutes} min").format(minutes=mins)
