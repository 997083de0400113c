"""The hostile portal (tests/security/hostile_portal.py) in Chromium: no dialog, no injected global, no CSP violation.

It lives here, not in tests/security/, because Playwright's sync API allows one
running instance per process: this module shares tests/browser's ``browser``.

Each page that shows hostile text is opened twice: once with the
Content-Security-Policy bypassed, so that escaping alone is tested, and once
under it, where any violation would mean something tried to run. Every element
then gets mouse and focus events, so that an injected handler would fire.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import build_portal, header_search, serve, settle
from .page_kinds import group_pages

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "security"))
from hostile_portal import make_hostile_portal, pages_with_markers  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    hostile = make_hostile_portal(tmp_path_factory.mktemp("hostile-browser") / "portal")
    return build_portal(hostile.root, hostile.root / "site")


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    server, url = serve(hostile_site)
    yield url
    server.shutdown()


# Collected by a script Playwright adds before the page's own (not subject to the page's CSP).
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sample || '')));
"""
POKE = """() => {
  for (const el of document.querySelectorAll('body *')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'click']) {
      if (type === 'click' && (el.closest('a[href]') || el.matches('button, input, label, summary'))) continue;
      el.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
}"""
INJECTED = "() => Object.keys(window).filter(k => /^XSS\\d+$/.test(k))"


def _visit_all(browser, urls: list[str], *, bypass_csp: bool) -> dict[str, dict[str, list[str]]]:
    """Open each URL in one tab; what each page did: dialogs, errors, requests off the machine, globals."""
    context = browser.new_context(bypass_csp=bypass_csp, service_workers="block")
    page = context.new_page()
    seen: dict[str, list[str]] = {}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.route("**/*", lambda route: (route.continue_() if route.request.url.startswith("http://127.0.0.1")
                                      else (seen["outside"].append(route.request.url), route.abort())))
    page.add_init_script(WATCH)
    report = {}
    for url in urls:
        seen = {"dialogs": [], "errors": [], "outside": []}
        page.goto(url, wait_until="load")
        settle(page)  # results drawn by script after load are what a stored attack would target
        page.evaluate(POKE)
        seen["globals"] = page.evaluate(INJECTED)
        seen["violations"] = page.evaluate("() => window.__violations")
        report[url] = seen
    context.close()
    return report


def _hostile_pages(site: Path) -> list[str]:
    """One page of each kind that shows hostile text (every page of a kind is rendered alike)."""
    pages = {p for p, _ in pages_with_markers(site)}
    assert len(pages) >= 4
    picked = [next(p for p in members if p in pages) for members in group_pages(site).values()
              if any(p in pages for p in members)]
    for must in ("catalog/hostile-entry/index.html", "catalog/hostile-entry-two/index.html",
                 "pathways/hostile-pathway/index.html"):
        if must not in picked:
            picked.append(must)
    return picked


def test_hostile_pages_run_nothing_injected(browser, hostile_site: Path, hostile_url: str) -> None:
    urls = [hostile_url + rel.removesuffix("index.html") for rel in _hostile_pages(hostile_site)]
    problems = []
    for bypass in (True, False):
        for url, seen in _visit_all(browser, urls, bypass_csp=bypass).items():
            label = f"{url.removeprefix(hostile_url) or '/'} ({'CSP bypassed' if bypass else 'under CSP'})"
            for key in ("dialogs", "globals", "outside"):
                if seen[key]:
                    problems.append(f"{label}: {key}: {seen[key]}")
            if not bypass and seen["violations"]:
                problems.append(f"{label}: CSP violations: {seen['violations']}")
            injected_errors = [e for e in seen["errors"] if "XSS" in e]
            if injected_errors:
                problems.append(f"{label}: injected code ran: {injected_errors}")
    assert problems == []


def test_searching_for_hostile_text_renders_it_inert(browser, hostile_url: str) -> None:
    # Search results are drawn by script from the index: the classic place for stored XSS.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.add_init_script(WATCH)
    page.goto(hostile_url)
    # The hostile entries' cards (title, provider, time, cost) are indexed through the listing pages.
    block = header_search(page, "Plain provider")
    assert block.get_attribute("data-state") == "done"
    page.locator(".md-search-result__item").first.wait_for()   # Material's own page results
    page.evaluate(POKE)
    assert dialogs == []
    assert page.evaluate(INJECTED) == []
    assert page.evaluate("() => window.__violations") == []
    # The catalog's own filters, where present, read the query from the shared URL.
    page.goto(hostile_url + "catalog/?q=XSS10")
    page.wait_for_selector("#portal-search-app[data-state=done]")
    page.evaluate(POKE)
    assert dialogs == []
    assert page.evaluate(INJECTED) == []
    assert page.evaluate("() => window.__violations") == []
    context.close()
