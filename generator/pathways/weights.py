"""What an entry "costs" a learner, as an integer weight for set cover.

Every step costs ``STEP`` (finding it, enrolling, finishing it), so the
cover first keeps the number of steps small. Smaller penalties then prefer
entries that are free, shorter and openly accessible; even the most
expensive entry (``MAX_WEIGHT``) weighs less than two of the cheapest steps, so a pathway never grows a
step just to dodge one fee. Integers keep comparisons exact and the output
byte-for-byte reproducible.
"""

from __future__ import annotations

from ..model import Entry

STEP = 100

# By cost model. Unknown cost sits between "free for eligible staff" and "members only".
MONEY = {"free": 0, "free-registration": 5, "free-eligible-staff": 25, "": 30, "member-only": 40, "paid": 45}

# Sign-in that a learner cannot arrange alone (an employer's, a member body's or a code).
CLOSED_SIGN_IN = frozenset({"openathens", "institutional-login", "registration-code", "membership"})
CLOSED = 15

# Time: 1 per 20 minutes of study, at most 40 (13 h 20 min or more).
MINUTES_PER_POINT = 20
TIME_CAP = 40
# Most catalog entries do not state their time. Assume a few hours rather than zero, so that an
# entry with a stated short time wins over an unknown one, and a long calendar span counts as long.
UNKNOWN_TIME = 20
SPAN_ONLY = 30

MAX_WEIGHT = STEP + max(MONEY.values()) + CLOSED + TIME_CAP
MIN_WEIGHT = STEP + 1


def weight(entry: Entry) -> int:
    """The entry's weight: ``STEP`` plus money, access and time penalties (see the module docstring)."""
    money = MONEY.get(entry.cost, MONEY[""])
    access = CLOSED if set(entry.sign_in) & CLOSED_SIGN_IN else 0
    minutes = entry.minutes
    if minutes:
        time = min(TIME_CAP, -(-minutes // MINUTES_PER_POINT))
    elif entry.duration and entry.duration.span_days:
        time = SPAN_ONLY
    else:
        time = UNKNOWN_TIME
    return STEP + money + access + time
