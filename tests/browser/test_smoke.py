"""A clinician's first visit: home page, into the catalog, onto an entry, and out to the provider."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_home_to_entry_page_shows_what_a_clinician_needs(page, base_url):
    page.goto(base_url)
    # The tab names the site once; the main heading says what the portal is for, not "Home".
    assert "Education Portal" in page.title() and " - " not in page.title()
    assert page.locator("h1").inner_text().strip() not in ("Home", page.title())
    assert page.get_by_role("heading", name="By role").is_visible()
    page.get_by_role("link", name="The whole catalog").click()
    page.wait_for_url(re.compile(r"/catalog/$"))
    first = page.locator(".portal-list .portal-card a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/catalog/[a-z0-9-]+/$"))
    assert page.locator("h1").inner_text().strip() == title.strip()
    facts = page.locator(".portal-facts").inner_text()
    for label in ("Who it is for", "Tier", "Time", "Cost", "Credits", "Format", "Language", "Provider"):
        assert label in facts
    out = page.locator("a.portal-out")
    assert out.get_attribute("href").startswith(("https://", "http://"))
    assert page.locator(".portal-competencies a").count() >= 1
    assert "not endorsement" in page.locator(".portal-provenance").inner_text()
    assert page.js_errors == []


def test_competency_link_from_entry_leads_to_what_teaches_it(page, base_url):
    page.goto(base_url + "catalog/")
    page.locator(".portal-list .portal-card a").first.click()
    entry_title = page.locator("h1").inner_text().strip()
    page.locator(".portal-competencies a").first.click()
    page.wait_for_url(re.compile(r"/competencies/[a-z0-9-]+/$"))
    listed = page.locator(".portal-list .portal-card a").all_inner_texts()
    assert entry_title in [t.strip() for t in listed]


def test_catalog_is_browsable_without_javascript(page_nojs, base_url, site_dir):
    page_nojs.goto(base_url + "catalog/")
    links = page_nojs.locator(".portal-list .portal-card a")
    assert links.count() >= 1
    href = links.first.get_attribute("href")
    page_nojs.goto(base_url + "catalog/" + href)
    assert page_nojs.locator("a.portal-out").count() == 1


@pytest.mark.parametrize("path", ["", "pathways/dementia-end-of-life/"])
def test_the_theme_icons_are_drawn_from_the_sprite(page, base_url, path):
    page.goto(base_url + path)
    icons = page.locator("svg use")
    assert icons.count() >= 8
    # A reference the sprite cannot satisfy draws nothing (an empty box); wait until every icon on screen
    # (not those of the closed search dialog or the hidden palette toggle) has its shape.
    shown = "[...document.querySelectorAll('svg use')].filter(u => u.closest('svg').getClientRects().length)"
    assert page.evaluate(f"() => {shown}.length") >= 4
    page.wait_for_function(f"() => {shown}.every(u => u.getBBox().width > 0)")
    sizes = page.evaluate(f"() => {shown}.map(u => u.closest('svg').getBoundingClientRect().height)")
    assert min(sizes) >= 12, "each icon at the theme's size"
    assert page.js_errors == []
