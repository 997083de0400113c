"""The shipped portal in French: no interface string left in English, and the framework's and the
vocabularies' own French words on the French pages, their English words on the English ones."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.i18n.check import untranslated
from generator.model import Catalog

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORK = yaml.safe_load((ROOT / "competencies" / "framework.yaml").read_text(encoding="utf-8"))
VOCABULARIES = yaml.safe_load((ROOT / "competencies" / "vocabularies.yaml").read_text(encoding="utf-8"))

# Vocabularies with a page per term (``/<vocabulary>/<id>/``) in the shipped portal.
TERM_PAGES = ("professions", "settings", "audiences")
# An entry's terms, by the entry's field and the vocabulary its ids come from, as its page lists them.
ENTRY_TERMS = {"professions": "professions", "settings": "settings", "audiences": "audiences",
               "formats": "formats", "languages": "languages", "learners": "learners",
               "age_groups": "age_groups", "disease_groups": "disease_groups", "sign_in": "sign_in"}


def _words(value: Any, lang: str) -> str:
    """The text a label or description gives in ``lang`` ('' when it gives none), spaces normalised."""
    return _normal(value.get(lang, "")) if isinstance(value, dict) else ""


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=None)
def _text(page: Path) -> str:
    """A page's HTML with character references resolved and spaces normalised, for finding words in it."""
    return _normal(html.unescape(page.read_text(encoding="utf-8")))


def _both(site: Path, path: str) -> tuple[str, str]:
    """The English and the French version of one page."""
    english, french = site / path / "index.html", site / "fr" / path / "index.html"
    assert english.is_file() and french.is_file(), f"{path} is missing in one language"
    return _text(english), _text(french)


def _check(found: list[str], text: str, words: str, where: str) -> None:
    if words and words not in text:
        found.append(f"{where}: {words!r}")


def test_every_french_page_has_its_interface_in_french(real_site: Path) -> None:
    pages = sorted((real_site / "fr").rglob("*.html"))
    assert len(pages) > 300, "the French side of the shipped portal is missing pages"
    left: dict[str, list[str]] = {}
    for page in pages:
        path = page.relative_to(real_site / "fr").as_posix()
        found = untranslated(page.read_text(encoding="utf-8"), "fr")
        if found:
            left[path] = sorted({leftover.message for leftover in found})
    assert left == {}


def test_the_english_side_is_not_taken_for_french(real_site: Path) -> None:
    """The check above reads English pages as having nothing to translate, and finds what a French page
    would leave in English: a French page whose interface was not translated fails it."""
    english = (real_site / "catalog" / "index.html").read_text(encoding="utf-8")
    assert untranslated(english, "en") == []
    assert untranslated(english, "fr", skip_marked=False), "an English page read as French shows no English string"


def test_the_framework_speaks_french_on_the_french_side(real_site: Path) -> None:
    missing: list[str] = []
    english_index, french_index = _both(real_site, "competencies")
    for kind in ("domains", "subjects"):
        for item in FRAMEWORK[kind]:
            _check(missing, french_index, _words(item["name"], "fr"), f"fr/competencies/ {kind} {item['id']}")
            _check(missing, english_index, _words(item["name"], "en"), f"competencies/ {kind} {item['id']}")
    for domain in FRAMEWORK["domains"]:
        _check(missing, french_index, _words(domain["summary"], "fr"), f"fr/competencies/ {domain['id']}")
    for tier in FRAMEWORK["tiers"]:
        english, french = _both(real_site, f"tiers/{tier['tier']}")
        for key in ("name", "summary"):
            _check(missing, french, _words(tier[key], "fr"), f"fr/tiers/{tier['tier']}/ {key}")
            _check(missing, english, _words(tier[key], "en"), f"tiers/{tier['tier']}/ {key}")
    subjects = {subject["id"]: subject for subject in FRAMEWORK["subjects"]}
    for competency in FRAMEWORK["competencies"]:
        english, french = _both(real_site, f"competencies/{competency['id']}")
        subject = subjects[competency["subject"]]
        for lang, text, where in (("fr", french, "fr/"), ("en", english, "")):
            _check(missing, text, _words(competency["statement"], lang), f"{where}competencies/{competency['id']}/")
            _check(missing, text, _words(subject["name"], lang), f"{where}competencies/{competency['id']}/ subject")
    assert not missing, "\n".join(missing)


def test_every_framework_text_has_its_french() -> None:
    """Every name, summary and statement of the shipped framework is given in English and in French."""
    texts = [(kind, item.get("id", item.get("tier")), key, item[key])
             for kind, keys in (("tiers", ("name", "summary")), ("domains", ("name", "summary")),
                                ("subjects", ("name", "summary")), ("competencies", ("statement",)))
             for item in FRAMEWORK[kind] for key in keys]
    assert len(texts) == 2 * (len(FRAMEWORK["tiers"]) + len(FRAMEWORK["domains"]) + len(FRAMEWORK["subjects"])) + len(
        FRAMEWORK["competencies"])
    assert [t[:3] for t in texts if not (_words(t[3], "en") and _words(t[3], "fr"))] == []


@pytest.mark.parametrize("vocabulary", sorted(VOCABULARIES))
def test_every_term_has_its_french_label(vocabulary: str) -> None:
    terms = VOCABULARIES[vocabulary]
    assert terms
    assert [t["id"] for t in terms if not (_words(t["label"], "en") and _words(t["label"], "fr"))] == []
    assert [t["id"] for t in terms if "description" in t and not _words(t["description"], "fr")] == []


def test_term_pages_show_their_label_and_description_in_each_language(real_site: Path) -> None:
    missing: list[str] = []
    for vocabulary in TERM_PAGES:
        for term in VOCABULARIES[vocabulary]:
            english, french = _both(real_site, f"{vocabulary}/{term['id']}")
            for key in ("label", "description"):
                _check(missing, french, _words(term[key], "fr"), f"fr/{vocabulary}/{term['id']}/ {key}")
                _check(missing, english, _words(term[key], "en"), f"{vocabulary}/{term['id']}/ {key}")
            french_label, english_label = _words(term["label"], "fr"), _words(term["label"], "en")
            if french_label != english_label and french_label in english:
                missing.append(f"{vocabulary}/{term['id']}/ shows the French label on the English side")
    assert not missing, "\n".join(missing)


def test_entry_pages_list_their_terms_in_each_language(real_site: Path, catalog: Catalog) -> None:
    labels = {vocabulary: {t["id"]: t["label"] for t in terms} for vocabulary, terms in VOCABULARIES.items()}
    missing: list[str] = []
    seen: set[tuple[str, str]] = set()
    for entry in catalog.entries.values():
        if not (real_site / "fr" / "catalog" / entry.id / "index.html").is_file():
            continue
        english, french = _both(real_site, f"catalog/{entry.id}")
        for field, vocabulary in ENTRY_TERMS.items():
            for tag in getattr(entry, field):
                # A regional language (en-GB) is named by its language's label.
                term = tag if tag in labels[vocabulary] else tag.split("-")[0]
                seen.add((vocabulary, term))
                _check(missing, french, _words(labels[vocabulary][term], "fr"), f"fr/catalog/{entry.id}/ {field}")
                _check(missing, english, _words(labels[vocabulary][term], "en"), f"catalog/{entry.id}/ {field}")
    assert len(seen) > 80, "the shipped entries use too few terms for this check to mean anything"
    assert not missing, "\n".join(missing)


def test_places_without_a_french_name_are_marked_english_on_the_french_side(real_site: Path) -> None:
    """England, Scotland and Wales have no name in CLDR's French: shown in English, marked so."""
    seen, unmarked = 0, []
    for page in sorted((real_site / "fr").rglob("*.html")):
        for name in ("England", "Scotland", "Wales", "Northern Ireland"):
            text = _text(page)
            # In the portal's own words (badges, facts, "Pour ..."), not inside an English entry's summary.
            # (A provider such as "Northern Ireland Hospice" is a name of its own.)
            for found in re.finditer(rf"(?:Pour |pb-country\">|<dd>)(<span lang=\"en\">)?{name}(?=</|,|\.)", text):
                seen += 1
                if not found.group(1):
                    unmarked.append(f"{page.relative_to(real_site)}: {found.group(0)}")
    assert seen > 10, "the check finds the places it looks for"
    assert unmarked == []
