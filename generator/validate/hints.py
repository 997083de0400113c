"""'Did you mean ...?' suggestions for misspelt names and values.

Suggestions cost bounded work however large the list of known values is and
however many values are unknown: a short list is compared in full, as before;
a long one is first narrowed, through an index of the runs of three letters in each
known value, to the few values that share the rarest runs of letters with the word.
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

# Lists up to this long are compared in full, value by value.
_SMALL = 64
# For longer lists: how many index postings one word may visit, and how many
# of the best-sharing candidates are then compared letter by letter.
_BUDGET = 1_500
_CANDIDATES = 8
# Nothing longer than this is a typo of a known id; it is not compared at all.
_LONGEST_WORD = 200
_CUTOFF = 0.72


def closest(word: str, options: Iterable[str]) -> str | None:
    """The known option nearest to ``word``, if one is close enough to be a likely typo."""
    known = _Known.of(tuple(options))
    lowered = word.lower()
    if lowered in known.lowered:
        return known.lowered[lowered]
    if len(word) > _LONGEST_WORD:
        return None
    pool = list(known.lowered) if len(known.order) <= _SMALL else known.candidates(lowered)
    found = difflib.get_close_matches(lowered, pool, n=1, cutoff=_CUTOFF)
    if found:
        return known.lowered[found[0]]
    # A plural, a prefix or a word inside a slug ("nurse" for "registered-nurse").
    if len(word) >= 4:
        return known.prefix_or_part(lowered)
    return None


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` or an empty string."""
    hit = closest(word, options)
    return f"; did you mean '{hit}'?" if hit and hit != word else ""


def _runs(text: str) -> set[str]:
    """The runs of three letters in ``text``, its start and end marked."""
    padded = f"^{text}$"
    return {padded[i:i + 3] for i in range(max(1, len(padded) - 2))}


@dataclass
class _Known:
    """A list of known values, indexed once for suggestions."""

    order: tuple[str, ...]
    lowered: dict[str, str] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)
    postings: dict[str, list[str]] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)
    sorted_options: list[str] = field(default_factory=list)

    @staticmethod
    @lru_cache(maxsize=32)
    def of(options: tuple[str, ...]) -> _Known:
        known = _Known(options)
        for i, option in enumerate(options):
            low = option.lower()
            known.lowered.setdefault(low, option)
            known.rank.setdefault(option, i)
            for part in option.split("-"):
                known.parts.setdefault(part, option)
        if len(options) > _SMALL:
            for low in known.lowered:
                for run in _runs(low):
                    known.postings.setdefault(run, []).append(low)
            known.sorted_options = sorted(options)
        return known

    def candidates(self, lowered: str) -> list[str]:
        """The few known values sharing the most of ``lowered``'s rarest runs of letters."""
        lists = sorted((self.postings[p] for p in _runs(lowered) if p in self.postings), key=len)
        shared: Counter[str] = Counter()
        budget = _BUDGET
        for posting in lists:
            if len(posting) > budget:
                break
            budget -= len(posting)
            shared.update(posting)
        # Ties keep the order the runs were visited in, which depends on the inputs alone.
        return [low for low, _ in shared.most_common(_CANDIDATES)]

    def prefix_or_part(self, lowered: str) -> str | None:
        """The earliest-listed option that starts with ``lowered`` or has it as a hyphenated part."""
        hits = []
        if lowered in self.parts:
            hits.append(self.parts[lowered])
        if self.sorted_options:
            start = bisect.bisect_left(self.sorted_options, lowered)
            for option in self.sorted_options[start:start + _CANDIDATES]:
                if not option.startswith(lowered):
                    break
                hits.append(option)
        else:
            hits += [o for o in self.order if o.startswith(lowered)]
        return min(hits, key=self.rank.__getitem__) if hits else None
