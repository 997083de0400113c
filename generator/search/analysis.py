"""Text into index terms, exactly as lunr.js analyses it: shared by the index and the synonyms.

The rules are the active language's (generator.i18n): lunr.js's own English pipeline, or for French
lunr-languages' (trimmer, stop words, accent folding, stemmer), which the browser runs on a French page.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token

from ..i18n import current_language
from . import stemmer_fr
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


# lunr-languages' French rules (lunr.fr.js 1.22.0): what a word is made of, its stop words and its accent
# folding. Elision ("l'aidant", "qu'elle") is this portal's own step, the same in search-core.js: lunr keeps
# "l'aidant" whole, so it would never meet "aidant".
_FR_WORD = ("A-Za-z\xAA\xBA\xC0-\xD6\xD8-\xF6\xF8-\u02B8\u02E0-\u02E4\u1D00-\u1D25\u1D2C-\u1D5C\u1D62-\u1D65"
            "\u1D6B-\u1D77\u1D79-\u1DBE\u1E00-\u1EFF\u2071\u207F\u2090-\u209C\u212A\u212B\u2132\u214E"
            "\u2160-\u2188\u2C60-\u2C7F\uA722-\uA787\uA78B-\uA7AD\uA7B0-\uA7B7\uA7F7-\uA7FF\uAB30-\uAB5A"
            "\uAB5C-\uAB64\uFB00-\uFB06\uFF21-\uFF3A\uFF41-\uFF5A")
_FR_LEAD = re.compile(f"^[^{_FR_WORD}]+")
_FR_TRAIL = re.compile(f"[^{_FR_WORD}]+$")
_FR_ELISION = re.compile("^(?:l|m|t|qu|n|s|j|d|c|jusqu|quoiqu|lorsqu|puisqu)['\u2019]")
_FR_STOP = frozenset(
    "ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions aurons auront aux "
    "avaient avais avait avec avez aviez avions avons ayant ayez ayons c ce ceci celà ces cet cette d dans de des "
    "du elle en es est et eu eue eues eurent eus eusse eussent eusses eussiez eussions eut eux eûmes eût eûtes "
    "furent fus fusse fussent fusses fussiez fussions fut fûmes fût fûtes ici il ils j je l la le les leur leurs "
    "lui m ma mais me mes moi mon même n ne nos notre nous on ont ou par pas pour qu que quel quelle quelles "
    "quels qui s sa sans se sera serai seraient serais serait seras serez seriez serions serons seront ses soi "
    "soient sois soit sommes son sont soyez soyons suis sur t ta te tes toi ton tu un une vos votre vous y à "
    "étaient étais était étant étiez étions été étée étées étés êtes".split())
_FR_FOLD = str.maketrans({**dict.fromkeys("àáâäÀÁÂÄ", "a"), **dict.fromkeys("çÇ", "c"),
                          **dict.fromkeys("éèêëÉÈÊË", "e"), **dict.fromkeys("îïÎÏ", "i"),
                          **dict.fromkeys("ôöÔÖ", "o"), **dict.fromkeys("ùûüÙÛÜ", "u"),
                          **dict.fromkeys("\u0178ÿ", "y"), "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe"})
# The names lunr registers each language's query stemmer under, for the serialised index's pipeline.
PIPELINES = {"en": ("stemmer",), "fr": ("stemmer-fr",)}


def rules_language() -> str:
    """Whose rules analyse text in this build: ``fr`` for French (fr, fr-CA, ...), lunr.js's English otherwise."""
    return "fr" if current_language().split("-")[0].lower() == "fr" else "en"


@lru_cache(maxsize=None)
def _english_term(word: str) -> str | None:
    word = _TRAIL.sub("", _LEAD.sub("", word))
    if not word or stop_word_filter(Token(word)) is None:
        return None
    return stem(word)


@lru_cache(maxsize=None)
def _french_term(word: str) -> str | None:
    word = _FR_ELISION.sub("", _FR_TRAIL.sub("", _FR_LEAD.sub("", word)))
    if not word or word in _FR_STOP:
        return None
    return stemmer_fr.stem(word.translate(_FR_FOLD))


def index_term(word: str) -> str | None:
    """One lowercased word as lunr's index pipeline for the build's language leaves it (trimmer, stop words,
    stemmer; for French also elision and accent folding), or None for a stop word."""
    return (_french_term if rules_language() == "fr" else _english_term)(word)


def analyse(text: str) -> list[str]:
    """The index terms of ``text``, in order, as lunr.js would produce them."""
    term = _french_term if rules_language() == "fr" else _english_term
    out = []
    for word in _SEPARATOR.split(text.lower()):
        if word and (found := term(word)) is not None:
            out.append(found)
    return out
