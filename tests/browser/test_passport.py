"""The learning passport in a real browser: ticks persist locally, travel by file, print, and need no JS."""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.browser

TICKS = ".portal-steps > li .portal-tick"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def first_pathway(page, base_url) -> str:
    """The URL of the first curated pathway, found the way a reader would: from the pathways page."""
    page.goto(base_url + "pathways/")
    href = page.locator(".portal-pathways ul li a").first.get_attribute("href")
    return base_url + "pathways/" + href


def ready(page) -> None:
    """Wait until passport.js has restored the saved progress and listens (its own ready state)."""
    page.wait_for_selector(".portal-passport[data-passport-state=ready]", state="attached")


def tick(page, n: int):
    return page.locator(TICKS).nth(n).locator('input[type="checkbox"]')


def date(page, n: int):
    return page.locator(TICKS).nth(n).locator('input[type="date"]')


def test_a_tick_and_the_name_survive_a_reload_and_nothing_is_sent(page, base_url):
    url = first_pathway(page, base_url)
    page.goto(url)
    ready(page)
    sent = []
    page.on("request", lambda r: sent.append((r.method, r.url)))
    assert page.locator(".portal-passport-actions").is_visible()
    tick(page, 0).check()
    assert DATE.match(date(page, 0).input_value()), "ticking dates the step"
    page.fill("#passport-learner", "Alex Example")
    # Late static files (a favicon) may still load; nothing may carry data out: no POST, no query, no other host.
    leaks = [(m, u) for m, u in sent if m != "GET" or not u.startswith(base_url) or "?" in u or "Alex" in u]
    assert leaks == [], "progress must never leave the browser"
    page.reload()
    ready(page)
    assert tick(page, 0).is_checked()
    assert DATE.match(date(page, 0).input_value())
    assert page.input_value("#passport-learner") == "Alex Example"
    if page.locator(TICKS).count() > 1:
        assert not tick(page, 1).is_checked(), "only the step ticked is ticked"
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('peolc-passport:'))")
    assert len(stored) == 1
    tick(page, 0).uncheck()
    assert date(page, 0).input_value() == ""
    assert page.js_errors == []


def test_export_then_import_into_a_fresh_browser_restores_progress(page, browser, base_url, tmp_path):
    url = first_pathway(page, base_url)
    page.goto(url)
    ready(page)
    page.fill("#passport-learner", "Sam Learner")
    date(page, 0).fill("2026-01-15")
    date(page, 0).dispatch_event("change")
    assert tick(page, 0).is_checked(), "a completion date ticks the step"
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    data = json.loads(saved.read_text("utf-8"))
    assert data["format"] == "peolc-learning-passport" and data["version"] == 1
    assert data["learner"] == "Sam Learner"
    assert data["steps"][0]["done"] is True and data["steps"][0]["date"] == "2026-01-15"
    # Each step is kept under its entry's id, the one its title links to (stable if steps are reordered).
    first_link = page.locator(".portal-steps > li h3 a").first.get_attribute("href")
    assert data["steps"][0]["entry"] == first_link.rstrip("/").rsplit("/", 1)[1] != ""
    assert saved.stat().st_size < 5000

    fresh = browser.new_context()  # another device: empty storage
    try:
        other = fresh.new_page()
        other.goto(url)
        ready(other)
        assert not tick(other, 0).is_checked()
        other.set_input_files("#passport-import", str(saved))
        other.locator(".portal-passport-status", has_text="Progress imported").wait_for()
        assert tick(other, 0).is_checked()
        assert date(other, 0).input_value() == "2026-01-15"
        assert other.input_value("#passport-learner") == "Sam Learner"
        other.reload()
        ready(other)
        assert tick(other, 0).is_checked(), "imported progress is kept"

        # A file for another pathway is refused, not merged.
        data["pathway"] = "some-other-pathway"
        wrong = tmp_path / "wrong.json"
        wrong.write_text(json.dumps(data), "utf-8")
        other.set_input_files("#passport-import", str(wrong))
        other.locator(".portal-passport-status", has_text="another pathway").wait_for()
    finally:
        fresh.close()


def test_without_javascript_the_checklist_is_there_to_print(page_nojs, base_url):
    url = first_pathway(page_nojs, base_url)
    page_nojs.goto(url)
    steps = page_nojs.locator(".portal-steps > li").count()
    assert steps >= 1
    assert page_nojs.locator(f'{TICKS} input[type="checkbox"]').count() == steps
    assert page_nojs.locator(f'{TICKS} input[type="date"]').count() == steps
    assert page_nojs.locator("#passport-learner").is_visible()
    assert not page_nojs.locator(".portal-passport-actions").is_visible(), "buttons that need JS stay hidden"
    # Plain form fields still work without the script.
    page_nojs.locator(TICKS).first.locator('input[type="checkbox"]').check()
    assert page_nojs.locator(TICKS).first.locator('input[type="checkbox"]').is_checked()


def test_the_printed_passport_keeps_the_checklist_and_drops_the_screen_furniture(page, base_url):
    url = first_pathway(page, base_url)
    page.goto(url)
    ready(page)
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".portal-why").first.is_visible()
    assert not page.locator(".portal-passport-actions").is_visible()
    assert page.locator(TICKS).first.is_visible()
    # Each step's line of facts prints with it, ending with its provider (the text after the badges).
    facts = page.locator(".portal-steps > li").first.locator(".portal-badges")
    assert facts.is_visible()
    badges = "".join(facts.locator("span").all_inner_texts())
    assert len(facts.inner_text().replace(" ", "")) > len(badges.replace(" ", "")), "the provider is there"
    assert page.locator("#passport-learner").is_visible()
    assert page.get_by_text("Checked by (appraiser or supervisor)").is_visible()
    page.emulate_media(media="screen")
    assert not page.get_by_text("Checked by (appraiser or supervisor)").is_visible()
