"""The French side of the two-language fixture portal (tests/fixtures/site-french on the mini catalog): no
interface string left in English, and every word of the catalog's, framework's and vocabularies' data that has
no French version marked as English where it is shown (WCAG 3.1.2), while French words stay French."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.i18n import Fallback, active, localized
from generator.i18n.browser import CONTEXT_SEPARATOR, browser_messages
from generator.i18n.check import untranslated
from generator.model import Catalog
from generator.settings import load_settings
from generator.validate.run import validate_project

from tests.site_support import build

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SPACE = re.compile(r"\s+")


@pytest.fixture(scope="module")
def french_portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("french") / "portal"
    for part in ("mini", "site-small", "site-french"):
        shutil.copytree(FIXTURES / part, root, dirs_exist_ok=True)
    build(root, root / "site")
    return root


@pytest.fixture(scope="module")
def catalog(french_portal: Path) -> Catalog:
    result = validate_project(load_settings(french_portal))
    assert result.catalog is not None
    return result.catalog


def french_pages(site: Path) -> list[Path]:
    return sorted((site / "fr").rglob("*.html"))


def test_the_french_side_has_every_kind_of_page(french_portal: Path) -> None:
    names = {p.relative_to(french_portal / "site" / "fr").as_posix() for p in french_pages(french_portal / "site")}
    for page in ("index.html", "404.html", "catalog/index.html", "catalog/mini-basics/index.html",
                 "pathways/index.html", "pathways/mini-route/index.html", "competencies/index.html",
                 "coverage/index.html", "audiences/older-frail/index.html", "about/index.html"):
        assert page in names
    assert any(n.startswith("pathways/for-") for n in names)  # generated pathways
    assert any(n.startswith("competencies/") and n.count("/") == 2 for n in names)


def test_no_french_page_shows_an_interface_string_in_english(french_portal: Path) -> None:
    left = {}
    for page in french_pages(french_portal / "site"):
        found = untranslated(page.read_text(encoding="utf-8"), "fr")
        if found:
            left[page.relative_to(french_portal / "site").as_posix()] = sorted({x.message for x in found})
    assert left == {}


class _Languages(HTMLParser):
    """Each text of the page's body with the language it is declared in (its nearest ``lang``), leaving out what
    cannot carry a part in another language: the head (title, meta), scripts (JSON-LD among them), styles and
    code to copy."""

    # A textarea holds the embed code to copy; code shows ids ("communication-t1"), not words in a language.
    SKIP = {"head", "title", "script", "style", "template", "textarea", "code"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = []
        self.texts: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang") or (self.stack[-1][1] if self.stack else "")
        skip = tag in self.SKIP or bool(self.stack and self.stack[-1][2])
        self.stack.append((tag, lang or "", skip))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and not self.stack[-1][2] and data.strip():
            self.texts.append((SPACE.sub(" ", data), self.stack[-1][1]))


def declared(page: str) -> list[tuple[str, str]]:
    parser = _Languages()
    parser.feed(page)
    parser.close()
    return parser.texts


def _base(tag: str) -> str:
    return tag.split("-")[0].lower()


def occurrences(text: str, words: str) -> bool:
    """Whether ``words`` stand in ``text`` as words of their own (not inside a longer word)."""
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text) is not None


def english_data(catalog: Catalog) -> set[str]:
    """The fixture's framework, vocabulary, entry and pathway words that have no French version."""
    fw, out = catalog.framework, set()
    with active("fr", default="en"):
        texts = [*(x for t in fw.tiers.values() for x in (t.name, t.summary)),
                 *(x for d in fw.domains.values() for x in (d.name, d.summary)),
                 *(x for s in fw.subjects.values() for x in (s.name, s.summary)),
                 *(c.statement for c in fw.competencies.values()),
                 *(localized(v) for c in fw.competencies.values() for _key, vs in c.crosswalk for v in vs),
                 *(x for name in catalog.vocab.lists for t in catalog.vocab[name].values()
                   for x in (t.label, t.description)),
                 *(x for e in catalog.entries.values() for x in (e.words("title"), e.words("summary"))),
                 *(x for p in catalog.pathways.values() for x in (p.words("title"), p.words("summary")))]
    for text in texts:
        if isinstance(text, Fallback) and _base(text.lang) == "en" and len(text) >= 8:
            out.add(SPACE.sub(" ", str(text)).strip())
    return out


def test_the_fixture_has_english_data_without_french_words_and_french_entries(catalog: Catalog) -> None:
    data = english_data(catalog)
    assert "General awareness" in data and "Basics of end of life care" in data
    assert any(e.languages == ("fr",) for e in catalog.entries.values())


def words_in(site: Path, folder: str, data: list[str], wanted: str) -> tuple[int, dict[str, set[str]]]:
    """How often ``data`` stand in the pages of the site's ``folder`` (the embed cards among them), and where they
    stand in another language than ``wanted`` (by page)."""
    found = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(d) for d in sorted(data, key=len, reverse=True)) + r")(?!\w)")
    seen, wrong = 0, {}
    for page in sorted((site / folder).rglob("*.html")):
        name = page.relative_to(site).as_posix()
        for text, lang in declared(page.read_text(encoding="utf-8")):
            for match in found.finditer(text):
                seen += 1
                if _base(lang) != wanted:
                    wrong.setdefault(name, set()).add(match.group(0))
    return seen, wrong


def test_every_english_word_of_the_data_on_a_french_page_is_marked_english(french_portal: Path,
                                                                           catalog: Catalog) -> None:
    seen, unmarked = words_in(french_portal / "site", "fr", sorted(english_data(catalog)), "en")
    assert seen > 500  # the check reads the pages' data, not nothing
    assert unmarked == {}


def test_french_words_an_entry_gives_are_never_marked_english(french_portal: Path, catalog: Catalog) -> None:
    french = [SPACE.sub(" ", x).strip() for e in catalog.entries.values() if e.languages == ("fr",)
              for x in (e.title, e.summary)]
    seen, wrong = words_in(french_portal / "site", ".", french, "fr")
    assert seen >= 8  # each French entry's title and summary, on both sides
    assert wrong == {}


def _card(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_a_french_card_is_declared_french_writes_no_english_and_marks_its_english_data(french_portal: Path) -> None:
    card = _card(french_portal / "site", "fr/embed/catalog/mini-basics")
    assert '<html lang="fr">' in card
    assert untranslated(card, "fr") == []
    # Not even marked as English: every interface word of this card has its French version.
    assert untranslated(card, "fr", skip_marked=False) == []
    texts = declared(card)
    assert ("Basics of end of life care", "en") in texts  # the entry's title, which has no French version
    assert any(lang == "en" and text.startswith("What everyone who meets dying people") for text, lang in texts)
    assert ("Tous les détails", "fr") in texts and ("Aller sur le site de l’organisme", "fr") in texts


def test_a_generated_pathway_card_marks_each_english_word_of_its_title(french_portal: Path) -> None:
    card = _card(french_portal / "site", "fr/embed/pathways/for-volunteer-tier-1")
    assert '<span lang="en">Volunteer</span>\u00a0: parcours de niveau 1</a></h1>' in card
    assert untranslated(card, "fr") == []


def test_the_english_card_keeps_its_words_and_marks_only_data_in_another_language(french_portal: Path) -> None:
    site = french_portal / "site"
    card = _card(site, "embed/catalog/mini-basics")
    assert '<html lang="en">' in card and " lang=" not in card.split("<body>")[1], "nothing in another language"
    assert '<p class="kicker">Course · Tier 1</p>' in card
    assert ">Go to the provider’s site</a></p>" in card
    assert ('<footer>From <a href="https://portal.example.org/" target="_blank" rel="noopener">Fixture Portal</a>. '
            "Last reviewed 2026-06-30. ") in card
    assert '/catalog/mini-basics/" target="_blank" rel="noopener">Full details</a>. Listing is not endorsement.' in card
    french = _card(site, "embed/catalog/mini-aidants")
    assert '<h1 lang="fr">' in french and '<p><span lang="fr">Comment reconnaître' in french


def test_the_french_api_says_its_language_and_gives_each_text_as_the_french_pages_show_it(french_portal: Path) -> None:
    site = french_portal / "site"

    def doc(path: str) -> dict:
        return json.loads((site / path).read_text(encoding="utf-8"))

    english = doc("fr/api/v1/entries/mini-basics.json")
    assert english["language"] == "fr" and doc("api/v1/entries/mini-basics.json")["language"] == "en"
    assert english["shown"]["title"] == {"text": "Basics of end of life care", "lang": "en"}
    assert english["shown"]["note"] is None
    french = doc("fr/api/v1/entries/mini-aidants.json")
    assert french["shown"]["title"] == {"text": french["title"], "lang": "fr"}
    assert doc("api/v1/entries/mini-aidants.json")["shown"]["summary"]["lang"] == "fr"  # French on either side
    curated = doc("fr/api/v1/pathways/mini-route.json")
    assert curated["shown"]["title"] == {"text": curated["title"], "lang": "en"}
    assert {s["shown"]["title"]["lang"] for s in curated["steps"]} == {"en"}
    generated = doc("fr/api/v1/pathways/for-volunteer-tier-1.json")
    assert generated["shown"]["title"]["lang"] == "fr" and "parcours de niveau 1" in generated["shown"]["title"]["text"]


def test_the_french_native_script_has_every_one_of_its_words_in_french(french_portal: Path) -> None:
    script = (french_portal / "site/fr/embed/native.js").read_text(encoding="utf-8")
    with active("fr"):
        words = browser_messages(["native.js"])
    assert words is not None
    written = json.dumps(words, ensure_ascii=False, sort_keys=True)
    assert f"var words = {written};" in script
    messages = words["messages"]
    assert messages[f"embed card{CONTEXT_SEPARATOR}From {{site}}."] == "Source\u00a0: {site}."
    assert messages[f"a step{CONTEXT_SEPARATOR}(optional)"] == "(facultative)"
    assert messages["{n} module or session:"] == ["{n} module ou séance\u00a0:", "{n} modules ou séances\u00a0:"]
    # Every message the script asks for, with or without a context, is there: none falls back to English.
    string = r'"(?:[^"\\]|\\.)*"'
    asked = re.findall(rf"(?<![\w.])(_|pgettext|ngettext)\(({string})(?:,\s*({string}))?", _source("native.js"))
    assert len(asked) >= 14  # every call is read, not only some
    for function, first, second in asked:
        key = f"{json.loads(first)}{CONTEXT_SEPARATOR}{json.loads(second)}" if function == "pgettext" \
            else json.loads(first)
        assert key in messages, key


def _source(name: str) -> str:
    return (Path(__file__).resolve().parents[2] / "generator/assets/embed" / name).read_text(encoding="utf-8")


def test_find_my_pathway_data_gives_the_runs_of_words_in_another_language_than_the_sides(french_portal: Path) -> None:
    def rows(side: str) -> dict[str, dict]:
        data = json.loads((french_portal / "site" / side / "search/pathways.json").read_text(encoding="utf-8"))
        return {p["id"]: p for p in data["pathways"]}

    french, english = rows("fr"), rows(".")
    assert french["mini-route"]["title_marks"] == [["A first route through end of life care", "en"]]
    generated = french["for-volunteer-tier-1"]
    assert generated["title_marks"] == [["Volunteer", "en"], ["\u00a0: parcours de niveau 1", ""]]
    assert "".join(words for words, _lang in generated["summary_marks"]) == generated["summary"]
    assert ["General awareness", "en"] in generated["summary_marks"]
    # On the English side, only the pathway written in French has words in another language: its summary.
    assert [(p, "title_marks" in row) for p, row in english.items() if "title_marks" in row or "summary_marks" in row] \
        == [("mini-parcours", False)]
    assert {lang for _words, lang in english["mini-parcours"]["summary_marks"]} == {"fr"}
    assert "title_marks" not in french["mini-parcours"] and "summary_marks" not in french["mini-parcours"]


def test_a_pathway_written_in_french_is_french_on_both_sides_and_gives_its_english_title(french_portal: Path) -> None:
    site = french_portal / "site"

    def shown(page: str, words: str, lang: str) -> bool:
        html = (site / page / "index.html").read_text(encoding="utf-8")
        return any(_base(text_lang) == lang and text.strip().startswith(words) for text, text_lang in declared(html))

    for words in ("Accompagner l'aidant, en français", "Un court parcours en français", "Pour reconnaître l'épuis",
                  "Les bénévoles et le personnel"):
        assert shown("fr/pathways/mini-parcours", words, "fr"), words
        assert not shown("fr/pathways/mini-parcours", words, "en"), words
    assert shown("pathways/mini-parcours", "Supporting the family carer, in French", "en")  # its translation
    for words in ("Un court parcours en français", "Pour travailler avec l'équipe", "Les bénévoles et le personnel"):
        assert shown("pathways/mini-parcours", words, "fr"), words
    assert shown("pathways", "Supporting the family carer, in French", "en")
    assert shown("fr/pathways", "Accompagner l'aidant, en français", "fr")
    api = json.loads((site / "api/v1/pathways/mini-parcours.json").read_text(encoding="utf-8"))
    assert api["shown"]["title"] == {"text": "Supporting the family carer, in French", "lang": "en"}
    assert api["shown"]["summary"]["lang"] == "fr" and api["title"] == "Accompagner l'aidant, en français"


def test_search_result_rows_carry_the_runs_of_words_in_another_language(french_portal: Path) -> None:
    def rows(side: str) -> dict[str, list]:
        files = sorted((french_portal / "site" / side / "search/catalog/d").glob("*.json"))
        return {row[0]: row for f in files for row in json.loads(f.read_text(encoding="utf-8"))}

    french, english = rows("fr"), rows(".")
    basics = french["mini-basics"]
    assert basics[6]["t"] == [[basics[1], "en"]] and {lang for _w, lang in basics[6]["s"]} == {"en"}
    assert "".join(w for w, _l in basics[6]["s"]) == basics[3]
    assert ["cost", "Free with registration", [["Free with registration", "en"]]] in basics[5]
    assert "t" not in french["mini-aidants"][6] and "s" not in french["mini-aidants"][6]
    assert english["mini-aidants"][6]["t"] == [["Soutenir l'aidant en soins palliatifs", "fr"]]
    assert all(len(row) == 6 for key, row in english.items() if key not in ("mini-aidants", "mini-equipe"))
