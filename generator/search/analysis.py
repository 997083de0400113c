"""Text into index terms, exactly as lunr.js analyses it: shared by the index and the synonyms."""

from __future__ import annotations

import re
from functools import lru_cache

from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token

from .stemmer import stem

# lunr.js splits text on /[\s\-]+/ (JavaScript's \s) and its trimmer strips ASCII
# non-word characters at both ends of a token. lunr.py's tokenizer splits on fewer
# spaces and its trimmer is Unicode-aware (and leaves "e.g." alone), so the index
# would hold terms the browser never looks up. Text is therefore analysed here
# with lunr.js's rules, lunr.py's stop word list and lunr.js's stemmer (ported in
# stemmer.py: lunr.py's differs), and handed to builder.py as terms.
_SEPARATOR = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff-]+")
_LEAD = re.compile(r"^\W+", re.ASCII)
_TRAIL = re.compile(r"\W+$", re.ASCII)


@lru_cache(maxsize=None)
def index_term(word: str) -> str | None:
    """One lowercased word as lunr.js's index pipeline (trimmer, stop words, stemmer) leaves it."""
    word = _TRAIL.sub("", _LEAD.sub("", word))
    if not word or stop_word_filter(Token(word)) is None:
        return None
    return stem(word)


def analyse(text: str) -> list[str]:
    """The index terms of ``text``, in order, as lunr.js would produce them."""
    out = []
    for word in _SEPARATOR.split(text.lower()):
        if word and (term := index_term(word)) is not None:
            out.append(term)
    return out
