"""French search terms: the build analyses French text as lunr-languages' lunr.fr.js does in the browser.

lunr_fr_stems.json holds, for a sample of a French dictionary (Debian's wfrench, every 150th word) and words of
this portal's field, what lunr.fr.js 1.22.0 itself gives (trimmer, stop words, accent folding, stemmer; null for
a stop word), recorded with node from the vendored files' npm package.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.i18n import active
from generator.search import stemmer_fr
from generator.search.analysis import _FR_STOP, analyse, index_term

HERE = Path(__file__).resolve().parent
ASSETS = HERE.parents[1] / "generator" / "assets" / "search"
STEMS = json.loads((HERE / "lunr_fr_stems.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("word", sorted(STEMS))
def test_french_terms_are_lunr_fr_terms(word: str) -> None:
    with active("fr"):
        assert index_term(word) == STEMS[word]


def test_newer_snowball_french_stemmers_differ_which_is_why_lunr_fr_is_ported() -> None:
    assert STEMS["bijoux"] == "bijoux" and stemmer_fr.stem("bijoux") == "bijoux"
    assert STEMS["albanaise"] == "albanais"  # Snowball 2's French stemmer says "alban"


def test_stop_words_are_lunr_fr_stop_words() -> None:
    source = (ASSETS / "lunr.fr.min.js").read_text(encoding="utf-8")
    listed = re.search(r'generateStopWordFilter\("([^"]*)"\.split\(" "\)\)', source)
    assert listed, "lunr.fr.min.js no longer has its stop word list where expected"
    assert set(listed[1].split(" ")) == set(_FR_STOP)


@pytest.mark.parametrize("text, terms", [
    ("l'aidant", ["aid"]),
    ("L’aidant de l’équipe", ["aid", "equip"]),  # typographic apostrophes, as French text is typed
    ("qu'elle jusqu'au lorsqu'il", []),  # elided stop words leave nothing
    ("soins palliatifs", ["soin", "palliat"]),
    ("équipe equipe ÉQUIPE", ["equip", "equip", "equip"]),  # accents or none, one term
    ("aujourd'hui", ["aujourd'hui"]),  # not an elision: the word stays whole
])
def test_french_text_is_analysed_with_elision_and_accent_folding(text: str, terms: list[str]) -> None:
    with active("fr"):
        assert analyse(text) == terms


@pytest.mark.parametrize("lang", ["en", "cy", "de"])
def test_other_languages_keep_lunr_js_english_rules(lang: str) -> None:
    with active(lang):
        assert analyse("Pathways for l'aidant") == ["pathway", "l'aidant"]
        assert index_term("palliative") == "palli"


def test_french_rules_serve_regional_french_too() -> None:
    with active("fr-CA"):
        assert analyse("l'aidant") == ["aid"]
