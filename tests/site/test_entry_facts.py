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
    assert _fact(page, "Provider") == "Example Care Centre (host); Example Health Board (funder)"
    # No booking status was given, so none is shown.
    assert "Booking open" not in words and "open" not in _text(page.split('class="portal-runs"')[1].split("</ul>")[0])


def test_title_in_another_language_regional_languages_and_topics(site: Path) -> None:
    page = _page(site, "french-mooc")
    assert '<h1 lang="fr">Prendre soin au quotidien</h1>' in page
    assert page.count("<h1") == 1
    assert _fact(page, "Language") == "French (France), French (Canada)"
    assert _fact(page, "Countries") == "France, Quebec"
    assert _fact(page, "Learners") == "Members of the public, Family carers"
    assert _fact(page, "Patients") == "Adults"
    assert _fact(page, "Assessment") == "Quiz"
    assert _fact(page, "Time") == "About 12 h over 6 weeks"
    assert _fact(page, "Provider") == "Exemple Université, part of Exemple Alliance universitaire; Exemple FUN (platform)"
    assert '<a href="../?q=prendre%20soin">prendre soin</a>' in page
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
    assert _fact(page, "Assessment") == ("Observed practice: Observed by the charity's education team "
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
    assert "PC101: Foundations of advanced practice · 60 CATS credits at SCQF 11" in modules
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


def _card(site: Path, entry_id: str) -> str:
    """The words of an entry's embed card, with each fact row as 'Label: value'."""
    markup = (site / "embed" / "catalog" / entry_id / "index.html").read_text(encoding="utf-8")
    return _text(re.sub(r"<dt>(.*?)</dt>", r" \1: ", markup.split("<article", 1)[1]))


def _api(site: Path, entry_id: str) -> dict:
    import json
    return json.loads((site / "api" / "v1" / "entries" / f"{entry_id}.json").read_text(encoding="utf-8"))


# Each class of fact the format holds: the entry that has it, what its embed card says, and where the API has it.
FACT_CLASSES = [
    ("modules", "postgraduate-diploma",
     ["Modules: 4 modules or sessions:", "1. PC101: Foundations of advanced practice (60 CATS credits at SCQF 11)",
      "3. PC103: Research methods (30 CATS credits · optional)", "4. Induction (2 h · no credit)"],
     lambda d: [m["code"] for m in d["modules"]] == ["PC101", "PC102", "PC103", None]),
    ("month-only intake", "postgraduate-diploma", ["When: Starts September 2027. Register by June 2027."],
     lambda d: (d["runs"][0]["start"], d["runs"][0]["precision"]) == ("2027-09", "month")),
    ("academic credit", "postgraduate-diploma", ["Credits: 120 CATS credits at SCQF 11"],
     lambda d: d["credits"][0]["level"] == "SCQF 11"),
    ("recurrence and next dates", "echo-monthly-december-break",
     ["Last Thursday of each month, except August and December, until 30 November 2027; no session on 29 April 2027.",
      "Next: 28 January 2027, 25 February 2027, 25 March 2027, each at 12:30 (Europe/London), time zone assumed.",
      "Register by 21 January 2027, 17:00 (Europe/London)."],
     lambda d: d["runs"][0]["recurrence"]["except_months"] == [8, 12]),
    ("attendance record", "echo-monthly-december-break", ["Attendance: Record of attendance"],
     lambda d: d["attendance_record"] == "record"),
    ("provider roles", "echo-monthly-december-break",
     ["Provider: Example Care Centre (host); Example Health Board (funder)"],
     lambda d: [p["role"] for p in d["providers"]] == ["host", "funder"]),
    ("finished status and precise dates", "finished-pilot",
     ["Finished in June 2024: it has ended.", "Dates: Launched 2023, finished June 2024",
      "When: Past: Starts 15 January 2024 to 17 June 2024. Booking closed."],
     lambda d: (d["status"], d["launched"], d["finished_on"]) == ("finished", "2023", "2024-06")),
    ("inferred", "finished-pilot", ["Inferred by the curator rather than read in a source: duration."],
     lambda d: d["inferred"] == ["duration"]),
    ("related", "finished-pilot", ["Related: Later edition: Basics of end of life care"],
     lambda d: d["related"] == [{"id": "mini-basics", "relation": "later-edition"}]),
    ("approximate", "french-mooc", ["Time: About 12 h over 6 weeks", "Approximate: duration."],
     lambda d: d["approximate"] == ["duration"]),
    ("learners and age groups", "french-mooc",
     ["Who it is for: Members of the public, Family carers", "Patients: Adults"],
     lambda d: (d["learners"], d["age_groups"]) == (["public", "family-carers"], ["adults"])),
    ("regional language", "french-mooc", ["Language: French (France), French (Canada)"],
     lambda d: d["languages"] == ["fr-FR", "fr-CA"] and d["title_lang"] == "fr"),
    ("countries", "french-mooc", ["Countries: France, Quebec"], lambda d: d["countries"] == ["FR", "CA-QC"]),
    ("recognition", "prison-peer-caregivers",
     ["Recognition: Listed in the service's approved learning scheme · by Example Prison Service"],
     lambda d: d["recognition"][0]["body"] == "Example Prison Service"),
    ("eligibility and access", "prison-peer-caregivers",
     ["Access: By invitation or nomination only. Who may enrol: People in prisons taking part in the scheme"],
     lambda d: d["access"]["enrolment"] == "invitation" and d["access"]["eligible"].startswith("People in prisons")),
    ("note", "prison-peer-caregivers",
     ["Curator’s note: The provider's page does not say how long the training lasts"],
     lambda d: d["note"].startswith("The provider's page does not say")),
]


@pytest.mark.parametrize(("fact", "entry_id", "on_card", "in_api"), FACT_CLASSES, ids=[c[0] for c in FACT_CLASSES])
def test_each_class_of_fact_reaches_the_embed_card_and_the_api(site: Path, fact: str, entry_id: str,
                                                               on_card: list[str], in_api) -> None:
    card = _card(site, entry_id)
    for words in on_card:
        assert words in card, (fact, words, card)
    assert in_api(_api(site, entry_id)), fact


def test_a_card_states_nothing_the_curator_did_not_write(site: Path) -> None:
    card = _card(site, "mini-toolkit")
    for absent in ("Curator’s note:", "Modules:", "Recognition:", "Patients:", "Access:", "When:", "Related:",
                   "Inferred", "Approximate", "Booking"):
        assert absent not in card, absent
    # A title in another language than the card's is marked (WCAG 3.1.2), as on the page.
    assert '<h1 lang="fr">' in (site / "embed/catalog/french-mooc/index.html").read_text(encoding="utf-8")


def test_a_pattern_the_curator_worked_out_is_marked_wherever_the_rule_is_given_in_words() -> None:
    # The entry page, the embed card and the API (runs[].recurrence.text) all give the rule through run_rule.
    from generator.model.catalog import Recurrence, Run
    from generator.pages.entry import run_rule

    run = Run("r", "2026-01-09T13:00", "Europe/London", recurrence=Recurrence("monthly", by_day=("-1FR",)),
              inferred=("recurrence",))
    assert run_rule(run) == "Last Friday of each month (pattern worked out by the curator, not announced)"
    announced = Run("r", "2026-01-09T13:00", "Europe/London", recurrence=Recurrence("monthly", by_day=("-1FR",)))
    assert run_rule(announced) == "Last Friday of each month"
