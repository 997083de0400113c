"""The Content-Security-Policy: on every page, strict for scripts, and the site still works under it.

Static checks read every built page; the browser checks use the site's real
features (header search, the palette toggle, the catalog's filters) and fail
on any ``securitypolicyviolation`` event or any request that leaves 127.0.0.1.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from .conftest import header_search, settle

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', re.I)
SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sample || '')));
"""


def policy(page: str) -> dict[str, list[str]]:
    found = META.findall(page)
    assert len(found) == 1, f"expected one CSP <meta>, found {len(found)}"
    directives = {}
    for part in html.unescape(found[0]).split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def _pages(site_dir: Path) -> list[Path]:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 50
    return pages


def test_every_page_has_a_strict_script_policy(site_dir: Path) -> None:
    bad = []
    for path in _pages(site_dir):
        rel = path.relative_to(site_dir).as_posix()
        text = path.read_text(encoding="utf-8")
        try:
            rules = policy(text)
        except AssertionError as exc:
            bad.append(f"{rel}: {exc}")
            continue
        scripts = rules.get("script-src", rules.get("default-src"))
        if scripts is None:
            bad.append(f"{rel}: no script-src or default-src")
            continue
        loose = [s for s in scripts if s.strip("'") in ("unsafe-inline", "unsafe-eval", "*") or "://" in s
                 or s in ("http:", "https:", "data:", "blob:")]
        if loose:
            bad.append(f"{rel}: script sources {loose}")
        # The policy governs what follows it: it must come before any script in the page.
        first_script = text.lower().find("<script")
        if first_script != -1 and first_script < text.find('http-equiv="Content-Security-Policy"'):
            bad.append(f"{rel}: a script comes before the policy")
    assert bad == []


def test_no_page_has_inline_script_code_or_handlers(site_dir: Path) -> None:
    bad = []
    for path in _pages(site_dir):
        rel = path.relative_to(site_dir).as_posix()
        text = path.read_text(encoding="utf-8")
        for attrs in SCRIPT.findall(text):
            kind = re.search(r'type="([^"]*)"', attrs)
            if "src=" in attrs:
                if re.search(r'src="(https?:)?//', attrs):
                    bad.append(f"{rel}: a script from another site: {attrs.strip()}")
            elif not kind or kind[1] not in ("application/json", "application/ld+json"):
                bad.append(f"{rel}: inline script <script{attrs}>")
        if HANDLER.search(text):
            bad.append(f"{rel}: an inline event handler: {HANDLER.search(text)[0][:80]}")
    assert bad == []


@pytest.fixture
def watched(browser, base_url: str):
    """A desktop-sized tab that records CSP violations, dialogs and requests leaving 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH)
    page = context.new_page()
    page.outside = []
    page.console_csp = []
    page.route("**/*", lambda route: (route.continue_() if route.request.url.startswith(base_url)
                                      else (page.outside.append(route.request.url), route.abort())))
    page.on("console", lambda m: page.console_csp.append(m.text) if "Content Security Policy" in m.text else None)
    yield page
    context.close()


def _clean(page) -> None:
    assert page.evaluate("() => window.__violations") == []
    assert page.console_csp == []
    assert page.outside == []


@pytest.mark.browser
def test_header_search_works_under_the_policy(watched, base_url: str) -> None:
    watched.goto(base_url)
    block = header_search(watched, "pain")
    assert block.get_attribute("data-state") == "done"
    assert block.locator(".portal-hs__list a").count() > 0
    watched.locator(".md-search-result__item").first.wait_for()   # Material's page results, from its worker
    _clean(watched)


@pytest.mark.browser
def test_palette_toggle_works_under_the_policy_and_is_remembered(watched, base_url: str) -> None:
    watched.goto(base_url + "catalog/")
    before = watched.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    watched.locator("label.md-header__button[for^=__palette]:visible").first.click()
    watched.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') !== s", arg=before)
    after = watched.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    # md-palette.js (Material's inline snippet, moved into a file) restores the choice on the next page.
    watched.goto(base_url + "pathways/")
    assert watched.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == after
    _clean(watched)


@pytest.mark.browser
def test_catalog_filters_work_under_the_policy(watched, base_url: str) -> None:
    watched.goto(base_url + "catalog/")
    settle(watched)
    app = watched.locator("#portal-search-app")
    box = app.locator("input[type=search]")
    box.fill("dementia")
    box.press("Enter")
    watched.wait_for_selector("#portal-search-app[data-state=done]")
    assert "q=dementia" in watched.url
    assert "dementia" in app.locator("#portal-search-status").inner_text()
    checkbox = app.locator("input[type=checkbox]").first
    checkbox.check()
    watched.wait_for_function("() => new URLSearchParams(location.search).has('tier')"
                              " && document.getElementById('portal-search-app').dataset.state === 'done'")
    assert checkbox.is_checked()
    _clean(watched)


# Every kind of page is loaded under the policy in test_a11y.py's tour, which fails on any violation.
