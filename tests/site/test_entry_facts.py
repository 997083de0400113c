"""Every kind of fact the format holds reaches the entry page, and nothing the curator did not write.

The fixture portal (tests/fixtures/format/) adds one entry per awkward real-world shape to the
mini portal; the site is built as on 10 January 2027, so "next" and "past" are fixed.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest

from generator.pages.urls import calendar_feed
from tests.site.conftest import TESTS, assemble

BUILD_DAY = dt.datetime(2027, 1, 10, tzinfo=dt.UTC)
EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "generator" / "schemas" / "examples"
EXAMPLES = sorted(EXAMPLE_DIR.glob("*.yaml"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.settings import load_settings
    from generator.site.plugin_build import build_site

    root = assemble(tmp_path_factory.mktemp("format") / "portal")
    shutil.copytree(TESTS / "fixtures" / "format" / "catalog", root / "catalog", dirs_exist_ok=True)
    # The field reference's worked examples are entries of the fixture portal too: they must build and show.
    for example in EXAMPLES:
        shutil.copyfile(EXAMPLE_DIR / example.name, root / "catalog" / example.name)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(int(BUILD_DAY.timestamp())))
        assert build_site(load_settings(root), root / "site", strict=True) == 0
    return root / "site"


def test_the_worked_examples_are_there() -> None:
    assert [p.stem for p in EXAMPLES] == ["echo-monthly-december-break", "french-mooc", "postgraduate-diploma",
                                          "prison-peer-caregivers"]


def _page(site: Path, entry_id: str) -> str:
    return (site / "catalog" / entry_id / "index.html").read_text(encoding="utf-8")


def _text(markup: str) -> str:
    """The page's words, tags dropped and whitespace collapsed, for reading facts as a person would."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _fact(markup: str, label: str) -> str:
    """The text of one row of the facts list."""
    found = re.search(rf"<dt>{re.escape(label)}</dt><dd>(.*?)</dd>", markup)
    assert found, f"no '{label}' row"
    return _text(found[1])


def test_series_with_a_break_in_words_with_its_next_dates(site: Path) -> None:
    page = _page(site, "echo-monthly-december-break")
    words = _text(page)
    assert "Last Thursday of each month, except August and December, until 30 November 2027" in words
    assert "no session on 29 April 2027" in words
    # 29 April is skipped: the fourth next date is in May.
    assert "Next: 28 January 2027, 25 February 2027, 25 March 2027, 27 May 2027" in words
    assert "12:30 to 13:30 (Europe/London), time zone assumed" in words
    assert "Register by 21 January 2027, 17:00 (Europe/London)" in words
    assert _fact(page, "Countries") == "Wales"
    assert _fact(page, "Credits") == "None"
    assert _fact(page, "Record of taking part") == "Record of attendance"
    assert _fact(page, "Provider") == "Example Hospice (host); Example Health Board (funder)"
    # No booking status was given, so none is shown.
    assert "Booking open" not in words and "open" not in _text(page.split('class="portal-runs"')[1].split("</ul>")[0])


def test_title_in_another_language_regional_languages_and_topics(site: Path) -> None:
    page = _page(site, "french-mooc")
    assert '<h1 lang="fr">Soins palliatifs et fin de vie</h1>' in page
    assert page.count("<h1") == 1
    assert _fact(page, "Language") == "French (France), French (Canada)"
    assert _fact(page, "Countries") == "France, Quebec"
    assert _fact(page, "Learners") == "Members of the public, Family carers"
    assert _fact(page, "Patients") == "Adults"
    assert _fact(page, "Assessment") == "Quiz"
    assert _fact(page, "Time") == "About 12 h over 6 weeks"
    assert _fact(page, "Provider") == "Exemple Université, part of Exemple Alliance universitaire; Exemple FUN (platform)"
    assert '<a href="../?q=soins%20palliatifs">soins palliatifs</a>' in page
    # No professions were given, and no 'Who it is for: Any' is made up.
    assert "<dt>Who it is for</dt>" not in page and ">Any<" not in page


def test_programme_for_people_in_prison(site: Path) -> None:
    page = _page(site, "prison-peer-caregivers")
    assert _fact(page, "Learners") == "Peer caregivers, People in prison"
    assert _fact(page, "Cost") == "Not applicable"
    access = _fact(page, "Access")
    assert access.startswith("By invitation or nomination only.")
    assert "Who may enrol: People in prisons taking part in the scheme" in access
    assert "Curator’s note: The provider's page does not say how long the training lasts" in _text(page)
    assert _fact(page, "Recognition") == ("Listed in the service's approved learning scheme · "
                                          "by Example Prison Service")
    assert _fact(page, "Assessment") == ("Observed practice: Observed by the hospice's education team "
                                         "during placements.")
    assert _fact(page, "Time") == "Not stated"


def test_postgraduate_diploma_with_modules_and_a_month_only_intake(site: Path) -> None:
    page = _page(site, "postgraduate-diploma")
    words = _text(page)
    assert _fact(page, "Credits") == "120 CATS credits at SCQF 11"
    assert "Entry requirements: A first degree and current professional registration." in _fact(page, "Access")
    assert "Starts September 2027 · Register by June 2027" in words
    assert "Europe/" not in page.split('class="portal-runs"')[1].split("</ul>")[0], "no zone was given or needed"
    modules = _text(page.split('class="portal-parts"')[1].split("</ol>")[0])
    assert "PC101: Foundations of palliative care · 60 CATS credits at SCQF 11" in modules
    assert "PC103: Research methods · 30 CATS credits · optional" in modules
    assert "Induction · 2 h · no credit" in modules


def test_finished_pilot_stays_findable_and_says_so(site: Path) -> None:
    page = _page(site, "finished-pilot")
    words = _text(page)
    assert "Finished in June 2024." in words
    assert "Past" in _text(page.split('class="portal-runs"')[1].split("</ul>")[0])
    assert "Booking closed" in words
    assert _fact(page, "Dates") == "Launched 2023, finished June 2024"
    # The label comes from the entry's type, not from its first resource type (video).
    assert '<p class="portal-kicker">Course</p>' in page
    assert "Later edition: " in words and 'href="../mini-basics/"' in page
    assert "Inferred by the curator rather than read in a source: duration." in words
    assert _fact(page, "Time") == "6 h (the curator's estimate)"
    # Listed in the catalog, out of the calendar of upcoming sessions.
    assert "finished-pilot" in (site / "catalog" / "index.html").read_text(encoding="utf-8")
    assert "finished-pilot" not in (site / calendar_feed()).read_text(encoding="utf-8")


def test_item_on_a_shared_programme_page_says_how_to_find_it(site: Path) -> None:
    page = _page(site, "shared-url-session")
    assert "How to find it there: Search for session 04_23 on the programme's site." in _text(page)
    assert "Go to the provider’s site" in page
    assert _fact(page, "Countries") == "World"


def test_entries_without_the_new_facts_state_nothing_extra(site: Path) -> None:
    page = _page(site, "mini-toolkit")
    for absent in ("Curator’s note", "<dt>Learners</dt>", "<dt>Assessment</dt>", "<dt>Recognition</dt>",
                   "Modules and sessions", "How to find it there", "Booking open"):
        assert absent not in page, absent
