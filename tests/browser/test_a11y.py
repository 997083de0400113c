"""WCAG 2.2 A and AA: axe-core finds nothing on any kind of page, light or dark; the catalog works by keyboard.

axe-core comes from npm (``make test`` runs ``npm ci``) and is added to every
page by Playwright before the page's own scripts, which the site's
Content-Security-Policy does not block. Page kinds come from the built site's
URLs (page_kinds.py), so an embed page, the coverage report or any later page
type is checked as soon as it is built.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import NEXT_FRAME, ROOT, settle
from .page_kinds import group_pages, url_of

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Material's palette: the reader's toggle sets data-md-color-scheme on <body>.
SCHEMES = {"light": "default", "dark": "slate"}
# The kinds the issue names; embed and coverage pages join through page_kinds when they are built.
REQUIRED = {"home": "/", "entry": "catalog/*/", "competency": "competencies/*/", "tier": "tiers/*/",
            "audience": "audiences/*/", "pathway": "pathways/*/", "catalog": "catalog/"}

OPEN_FILTERS = """() => {
  const app = document.querySelector('#portal-search-app, .portal-search-app, [data-portal-filters]');
  const scope = app || document.querySelector('main') || document;
  scope.querySelectorAll('details').forEach(d => d.open = true);
  scope.querySelectorAll('[aria-expanded="false"]').forEach(b => b.click());
  return app ? {hidden: app.hidden, controls: app.querySelectorAll('input, select, button').length} : null;
}"""
RUN_AXE = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').slice(0, 2).join(' '))})))"""


@pytest.fixture(scope="module")
def axe_source() -> Path:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test`, which runs `npm ci` for the test tools")
    return AXE


def _site_prefix(site_dir: Path) -> str:
    """The path part of site_url ('/portal/'), which 404.html uses for its absolute links."""
    page = (site_dir / "404.html").read_text(encoding="utf-8") if (site_dir / "404.html").is_file() else ""
    match = re.search(r'href="(/[^"]*?)assets/stylesheets/', page)
    return match[1] if match else "/"


def _targets(site_dir: Path) -> list[tuple[str, str]]:
    """(kind, url path) for the first page of every kind, and the catalog again with a query."""
    targets = [(kind, url_of(pages[0])) for kind, pages in group_pages(site_dir).items()]
    targets.append(("catalog, filtered", "catalog/?q=care"))
    return targets


WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


# A constructed style sheet: not an inline <style>, so even the embed pages' strict style-src allows it.
NO_FADE = """() => { const sheet = new CSSStyleSheet();
  sheet.replaceSync('*, *::before, *::after { transition: none !important; animation: none !important; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }"""


def axe_tour(browser, base_url: str, targets: list[tuple[str, str]], axe_source: Path,
             prefix: str = "/") -> dict[str, dict[str, object]]:
    """Each (kind, path) of a site served at ``base_url``, once, as a reader sees it in each colour scheme:
    axe-core's findings per scheme, and any Content-Security-Policy violation or request off the machine while
    the page loaded. ``prefix`` is the path of the site's own address (404.html links absolutely to it)."""
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(axe_source))
    context.add_init_script(WATCH)
    outside: list[str] = []

    def route(r) -> None:
        url = r.request.url
        if prefix != "/" and url.startswith(base_url.rstrip("/") + prefix):
            # 404.html links absolutely to site_url's path; serve those from the test server's root.
            r.continue_(url=url.replace(prefix, "/", 1))
        elif url.startswith(base_url):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    found: dict[str, dict[str, object]] = {"light": {}, "dark": {}, "csp": {}}
    for kind, path in targets:
        outside.clear()
        page.goto(base_url + path, wait_until="load")
        settle(page)
        # Colours fade between schemes; contrast must be measured on the final ones, not mid-fade.
        page.evaluate(NO_FADE)
        if kind.startswith("catalog"):
            page.evaluate(OPEN_FILTERS)
        for scheme, value in SCHEMES.items():
            page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", value)
            page.evaluate(NEXT_FRAME)
            violations = page.evaluate(RUN_AXE, TAGS)
            if violations:
                found[scheme][f"{kind} ({path})"] = violations
        blocked = page.evaluate("() => window.__violations")
        if blocked or outside:
            found["csp"][f"{kind} ({path})"] = {"violations": blocked, "outside": outside[:]}
    context.close()
    return found


@pytest.fixture(scope="module")
def tour(browser, site_dir: Path, base_url: str, axe_source: Path) -> dict[str, dict[str, object]]:
    """Every kind of page of the test site, through :func:`axe_tour`."""
    return axe_tour(browser, base_url, _targets(site_dir), axe_source, _site_prefix(site_dir))


def test_every_required_kind_of_page_is_built(site_dir: Path) -> None:
    kinds = group_pages(site_dir)
    missing = {name: kind for name, kind in REQUIRED.items() if kind not in kinds}
    assert missing == {}, f"no page of these kinds to check: {missing}; kinds built: {sorted(kinds)}"


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_axe_finds_no_wcag_violation_on_any_kind_of_page(tour, scheme: str) -> None:
    assert tour[scheme] == {}, json.dumps(tour[scheme], indent=1)


def test_no_kind_of_page_breaks_the_policy_or_leaves_the_site(tour) -> None:
    # Every kind of page under the Content-Security-Policy: no violation, no third-party request.
    assert tour["csp"] == {}, json.dumps(tour["csp"], indent=1)


FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const ringOf = el => { const s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; };
  let shown = e.getClientRects().length > 0 && e.getBoundingClientRect().width > 1 && e.getBoundingClientRect().height > 1;
  let ring = ringOf(e);
  // A visually hidden radio or checkbox shows its focus on the label drawn next to it (Material's toggles).
  const next = e.nextElementSibling;
  if (!shown && /^(radio|checkbox)$/.test(e.type || '') && next && next.tagName === 'LABEL' && next.getClientRects().length) {
    shown = true; ring = ringOf(next);
  }
  const r = e.getBoundingClientRect();
  return {tag: e.tagName.toLowerCase(), type: e.type || '', href: e.href || '',
          text: (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 60),
          inApp: !!e.closest('#portal-search-app, .portal-search-app, [data-portal-filters]'),
          inList: !!e.closest('.portal-list'), ring, shown,
          key: e.tagName + '#' + [...document.querySelectorAll(e.tagName)].indexOf(e)};
}"""


def _tab_until(page, want, limit: int = 400) -> tuple[list[dict], dict | None]:
    """Press Tab until ``want(focused)``; every stop on the way, and the one that matched."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS)
        if info is None:
            continue
        stops.append(info)
        if want(info):
            return stops, info
    return stops, None


def _walk_round(page, limit: int = 800) -> tuple[list[dict], bool]:
    """Tab from the top until focus returns to the first stop; every stop, and whether it came round."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS)
        if info is None:
            continue
        if stops and info["key"] == stops[0]["key"]:
            return stops, True
        stops.append(info)
    return stops, False


def test_catalog_can_be_used_with_the_keyboard_alone(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "catalog/")
    settle(page)
    app_controls = page.evaluate("""() => {
      const app = document.querySelector('#portal-search-app, .portal-search-app, [data-portal-filters]');
      if (!app || app.hidden) return [];
      return [...app.querySelectorAll('input:not([type=hidden]), select, button, a[href], textarea')]
        .filter(e => !e.disabled && e.getClientRects().length)
        .map(e => e.tagName + '#' + [...document.querySelectorAll(e.tagName)].indexOf(e));
    }""")
    # Walk the whole page once, until focus comes round to where it started: every stop must show
    # where focus is, and no stop may trap it.
    stops, came_round = _walk_round(page)
    assert stops, "Tab never moved focus onto anything"
    assert came_round, f"focus never came back to the top after {len(stops)} Tab stops: a trap, or a very long page"
    hidden_focus = [s for s in stops if not s["shown"]]
    no_ring = [s for s in stops if s["shown"] and not s["ring"]]
    assert hidden_focus == [], f"focus went to invisible elements: {hidden_focus[:5]}"
    assert no_ring == [], f"focused elements without a visible focus indicator: {no_ring[:5]}"
    reached = {s["key"] for s in stops}
    assert [c for c in app_controls if c not in reached] == [], "filter controls that Tab never reaches"
    assert any(s["inList"] for s in stops), "Tab never reaches the catalog's entries"

    # Use it: type a query where the filters offer a text box, then open an entry with Enter.
    page.goto(base_url + "catalog/")
    settle(page)
    if any(c.startswith("INPUT") for c in app_controls):
        _, box = _tab_until(page, lambda f: f["inApp"] and f["tag"] == "input" and f["type"] in ("search", "text"))
        if box is not None:
            page.keyboard.type("care")
            page.wait_for_selector("#portal-search-app[data-state=done]")
            assert "q=care" in page.url
    entry = re.compile(re.escape(base_url) + r"catalog/(?!page-\d+/)[a-z0-9]+(-[a-z0-9]+)*/$")
    _, link = _tab_until(page, lambda f: f["tag"] == "a" and (f["inList"] or f["inApp"]) and bool(entry.match(f["href"])))
    assert link is not None, "no entry link can be reached with Tab"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/catalog/[a-z0-9-]+/$"))
    assert page.locator("a.portal-out").count() == 1
    context.close()
