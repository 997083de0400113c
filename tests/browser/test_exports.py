"""A partner pastes an entry's embed snippet into their own page: the card shows, styled, running only its own file.

The snippet's URLs are absolute (site_url); here they are pointed at the local server instead.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_pasted_snippet_shows_a_styled_card_without_breaking_its_csp(page, base_url):
    page.goto(base_url + "catalog/")
    page.locator(".portal-list .portal-card a").first.click()
    title = page.locator("h1").inner_text().strip()
    page.locator(".portal-embed summary").click()
    code = page.locator("textarea.portal-embed-code")
    assert code.is_visible() and code.get_attribute("readonly") is not None
    snippet = code.input_value()
    assert snippet.startswith("<iframe ") and "sandbox=" in snippet and " style=" not in snippet
    site_url = snippet.split('src="', 1)[1].split("embed/", 1)[0]
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
    page.set_content(f"<!doctype html><title>Partner</title><h1>Our training</h1>"
                     f"{snippet.replace(site_url, base_url)}")
    frame_element = page.locator("iframe")
    frame = frame_element.content_frame
    card = frame.locator("article.card")
    card.wait_for()
    assert title in frame.locator("h1").inner_text()
    # The card's own <style> is allowed by its hash in the card's CSP: if it were not, there would be no border.
    assert card.evaluate("el => getComputedStyle(el).borderTopWidth") == "1px"
    assert [frame.locator("script").nth(i).get_attribute("src") for i in range(frame.locator("script").count())] \
        == ["../../card.js"], "only the card's height reporter, from the portal itself"
    assert "Full details" in frame.locator("footer").inner_text()
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
