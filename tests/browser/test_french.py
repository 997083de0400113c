"""The French side of a two-language portal in Chromium: search in French, the switcher, and WCAG on every kind
of French page (tests/fixtures/site-french: the mini catalog with two entries written in French)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, build_portal, header_search, serve, settle
from .page_kinds import group_pages, url_of
from .test_a11y import SCHEMES, axe_tour

pytestmark = pytest.mark.browser

FIXTURES = ROOT / "tests" / "fixtures"
APP = "#portal-search-app"


@pytest.fixture(scope="module")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("french") / "portal"
    for part in ("mini", "site-small", "site-french"):
        shutil.copytree(FIXTURES / part, root, dirs_exist_ok=True)
    return build_portal(root, root / "site")


@pytest.fixture(scope="module")
def french_url(french_site: Path) -> Iterator[str]:
    server, url = serve(french_site)
    yield url
    server.shutdown()


def search_catalog(page, url: str, query: str) -> list[str]:
    """Type ``query`` into the catalog's box and wait for the app's own answer; the entries found, in order."""
    page.goto(url + "catalog/")
    page.wait_for_selector(f"{APP}[data-state=done], {APP}[data-state=idle]")
    page.fill("#portal-q", query)
    page.wait_for_function(
        """q => { const app = document.querySelector('#portal-search-app');
                  return app.dataset.state === 'done' && new URLSearchParams(location.search).get('q') === q; }""",
        arg=query)
    hrefs = page.locator(".portal-results .portal-list a").evaluate_all("els => els.map(a => a.href)")
    return [re.search(r"/catalog/([^/]+)/$", h)[1] for h in hrefs]


@pytest.mark.parametrize("query, expected", [
    ("l'aidant", "mini-aidants"),       # elision: "l'aidant" finds "aidant"
    ("L’aidant", "mini-aidants"),       # with a typographic apostrophe too
    ("soins palliatifs", "mini-aidants"),
    ("épuisement", "mini-aidants"),
    ("equipe", "mini-equipe"),          # without its accent, "équipe" is still found
    ("équipes", "mini-equipe"),         # and its plural
])
def test_french_search_finds_french_words(page, french_url: str, query: str, expected: str) -> None:
    found = search_catalog(page, french_url + "fr/", query)
    assert found and found[0] == expected, found
    assert page.js_errors == []


def test_the_english_side_keeps_english_search(page, french_url: str) -> None:
    assert search_catalog(page, french_url, "symptoms") == ["mini-advanced"]
    assert search_catalog(page, french_url, "managing symptom") == ["mini-advanced"]
    assert page.evaluate("() => typeof window.lunr.fr") == "undefined"  # lunr.js's own English rules only
    assert page.js_errors == []


def test_the_header_search_on_a_french_page_uses_french_rules(page, french_url: str) -> None:
    page.goto(french_url + "fr/about/")
    settle(page)
    block = header_search(page, "l'aidant")
    assert block.locator("a[href*='mini-aidants']").count() == 1
    assert page.js_errors == []


def test_the_switcher_leads_to_the_same_page_in_the_other_language(page, french_url: str) -> None:
    page.goto(french_url + "fr/catalog/mini-basics/")
    settle(page)
    assert page.locator("html").get_attribute("lang") == "fr"
    link = page.locator("a.portal-language")  # two languages: one link, to the other
    assert (link.get_attribute("hreflang"), link.get_attribute("lang"), link.inner_text()) == ("en", "en", "English")
    assert link.is_visible()
    link.click()
    page.wait_for_url(french_url + "catalog/mini-basics/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text().strip() == "Basics of end of life care"


@pytest.fixture(scope="module")
def french_tour(browser, french_site: Path, french_url: str) -> dict[str, dict[str, object]]:
    """Every kind of French page, in each colour scheme: axe-core's findings, and any policy violation or
    request that leaves the machine."""
    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not axe.is_file():
        pytest.fail(f"{axe} is missing: run `make test`, which runs `npm ci` for the test tools")
    targets = [(kind, "fr/" + url_of(pages[0])) for kind, pages in group_pages(french_site / "fr").items()]
    targets.append(("catalog, searched", "fr/catalog/?q=soins"))
    return axe_tour(browser, french_url, targets, axe)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_axe_finds_no_wcag_violation_on_any_kind_of_french_page(french_tour, scheme: str) -> None:
    assert french_tour[scheme] == {}, json.dumps(french_tour[scheme], indent=1)


def test_no_kind_of_french_page_breaks_the_policy_or_leaves_the_site(french_tour) -> None:
    assert french_tour["csp"] == {}, json.dumps(french_tour["csp"], indent=1)


def test_find_my_pathway_marks_the_english_words_of_its_french_suggestions(page, french_url: str) -> None:
    page.goto(french_url + "fr/find-my-pathway/")
    page.wait_for_selector("#portal-find:not([hidden])")
    assert page.locator("#pf-role option[value=registered-nurse]").get_attribute("lang") == "en"
    page.select_option("#pf-role", "registered-nurse")
    page.locator("#portal-find button").first.click()
    result = page.locator("#portal-find-result")
    result.locator(".portal-suggestion").first.wait_for()
    data = page.evaluate("() => fetch('../search/pathways.json').then(r => r.json())")
    rows = {p["url"].rstrip("/").rsplit("/", 1)[-1]: p for p in data["pathways"]}
    runs = "el => [...el.childNodes].map(n => [n.textContent, n.nodeType === 1 ? n.lang : ''])"
    shown = result.locator(".portal-suggestion").all()
    assert shown
    for item in shown:
        row = rows[item.locator("h3 a").get_attribute("href").rstrip("/").rsplit("/", 1)[-1]]
        assert item.locator("h3 a").evaluate(runs) == row.get("title_marks", [[row["title"], ""]])
        assert item.locator("p").nth(1).evaluate(runs) == row.get("summary_marks", [[row["summary"], ""]])
    assert "mini-route" in {i.locator("h3 a").get_attribute("href").rstrip("/").rsplit("/", 1)[-1] for i in shown}
    assert rows["mini-route"]["title_marks"] == [[rows["mini-route"]["title"], "en"]]
    # The role's English label inside a French reason is marked too.
    assert "registered nurse" in result.locator("li span[lang=en]").all_inner_texts()
    assert page.js_errors == []


def test_french_search_results_mark_english_words_as_the_pages_do(page, french_url: str) -> None:
    found = search_catalog(page, french_url + "fr/", "symptoms")
    assert "mini-advanced" in found, found
    card = page.locator(".portal-results .portal-list li").nth(found.index("mini-advanced"))
    assert card.locator("a > span[lang=en]").inner_text() == "Managing symptoms at the end of life"
    assert card.locator("p > span[lang=en]").inner_text().startswith("Assessing and managing common symptoms")
    assert card.locator(".pb-format > span[lang=en]").inner_text() == "Online, facilitated"
    # The header search's list marks them too.
    page.goto(french_url + "fr/about/")
    settle(page)
    block = header_search(page, "aidant")
    assert block.locator("a[href*='mini-aidants'] .portal-hs__title").inner_text() == "Soutenir l'aidant en soins palliatifs"
    assert block.locator("a[href*='mini-aidants'] .portal-hs__title [lang]").count() == 0  # French on the French side
    assert page.js_errors == []
