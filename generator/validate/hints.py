"""'Did you mean ...?' suggestions for misspelt names and values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, options: Iterable[str]) -> str | None:
    """The known option nearest to ``word``, if one is close enough to be a likely typo."""
    options = list(options)
    lowered = {o.lower(): o for o in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.72)
    if found:
        return lowered[found[0]]
    # A plural, a prefix or a word inside a slug ("nurse" for "registered-nurse").
    for option in options:
        if len(word) >= 4 and (option.startswith(word.lower()) or word.lower() in option.split("-")):
            return option
    return None


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` or an empty string."""
    hit = closest(word, options)
    return f"; did you mean '{hit}'?" if hit and hit != word else ""
