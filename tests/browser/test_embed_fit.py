"""Every embed, pasted from its page into a partner's page on another origin, shows its whole card.

The portal is served on one loopback origin with the CORS header GitHub Pages sends; the partner's pages on
another (``localhost``, another port), under ``default-src 'self'`` plus the CSP lines the published open-data
page gives (docs/open-data.md, with the portal's own address filled in).
One page per column width, host theme and with/without ``embed/host.js`` holds every entry and pathway embed
of the shipped portal; each card's measured content is checked against its frame. Waits are on the pages' own
events (iframe ``load``, the frames' heights being set), never on time.
"""

from __future__ import annotations

import functools
import html
import json
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .conftest import ROOT, build_portal

pytestmark = pytest.mark.browser

WIDTHS = (280, 400, 560)
SNIPPET = re.compile(r'<textarea class="portal-embed-code"[^>]*>(.*?)</textarea>', re.S)
SITE_URL = re.compile(r'src="(https?://[^"]*?/)embed/')
# Marks each iframe when it has loaded (runs before the host page's own scripts; test instrumentation only).
MARK_LOADS = """
document.addEventListener('load', e => {
  if (e.target instanceof HTMLIFrameElement) e.target.setAttribute('data-test-loaded', '');
}, true);
"""
# Frames in the viewport that have loaded (and, with the host script, been sized from their cards' reports).
# Lazy frames load, and offscreen cross-origin frames report their size, only as they come into view, so the
# tests scroll through the page a screen at a time and wait for this at each step.
READY_IN_VIEW = """
sized => [...document.querySelectorAll('iframe')].filter(frame => {
  const box = frame.getBoundingClientRect();
  return box.bottom > 0 && box.top < innerHeight;
}).every(frame => frame.hasAttribute('data-test-loaded') && (!sized || frame.style.height !== ''))
"""
MEASURE_CARD = """
() => {
  const bottom = sel => { const el = document.querySelector(sel); return el ? el.getBoundingClientRect().bottom : null; };
  const steps = document.querySelectorAll('ol li');
  return {
    content: document.documentElement.getBoundingClientRect().height,
    viewport: innerHeight, width: innerWidth, scrollWidth: document.documentElement.scrollWidth,
    action: bottom('.go'), footer: bottom('footer'),
    lastStep: steps.length ? steps[steps.length - 1].getBoundingClientRect().bottom : 0,
    steps: steps.length, background: getComputedStyle(document.body).backgroundColor,
    attribution: document.querySelector('footer').textContent,
  };
}
"""
WAIT_MS = 240_000
GRID = "main{display:grid;grid-template-columns:repeat(auto-fill,%dpx);gap:24px;align-items:start}"


class _Handler(SimpleHTTPRequestHandler):
    """A static server that sends the given headers with every response."""

    extra: dict[str, str] = {}

    def end_headers(self) -> None:
        for name, value in self.extra.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from the stdlib
        pass


def serve(directory: Path, host: str, headers: dict[str, str]) -> tuple[ThreadingHTTPServer, str]:
    handler = type("Handler", (_Handler,), {"extra": headers})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}/"


def documented_csp(site: Path, origin: str) -> str:
    """``default-src 'self'`` plus the lines the published open-data page tells partners to add, for ``origin``."""
    page = (site / "open-data/index.html").read_text(encoding="utf-8")
    # The section's heading (not its entry in the table of contents), then the first code block after it.
    block = re.split(r"<h2[^>]*>Content-Security-Policy lines for your site", page, maxsplit=1)[1]
    code = re.search(r"<pre\b[^>]*>\s*<code\b[^>]*>(.*?)</code>", block, re.S).group(1)
    code = html.unescape(re.sub(r"<[^>]+>", "", code))
    lines = [line.strip() for line in code.strip().splitlines()]
    assert [line.split()[0] for line in lines] == ["frame-src", "script-src", "connect-src"], lines
    # The page names the portal's own origin, from its site_url.
    published = json.loads((site / "api/v1/index.json").read_text(encoding="utf-8"))["portal"]["url"]
    own = "/".join(published.split("/")[:3])
    assert all(line.split()[1:] == [own] for line in lines), (own, lines)
    extra = [line.replace(own, origin.rstrip("/")) for line in lines]
    # The partner keeps 'self' in each directive it adds.
    return "; ".join(["default-src 'self'", *(f"{d.split()[0]} 'self' {' '.join(d.split()[1:])}" for d in extra)])


@pytest.fixture(scope="module")
def portal(site_dir: Path) -> Iterator[str]:
    """The shipped portal on its own origin, sending CORS headers as GitHub Pages does."""
    server, url = serve(site_dir, "127.0.0.1", {"Access-Control-Allow-Origin": "*"})
    yield url
    server.shutdown()


def partner_site(folder: Path, portal: str, site: Path) -> tuple[ThreadingHTTPServer, str]:
    """The partner's site: another origin, with a strict CSP header naming the portal as the docs say."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "favicon.ico").write_bytes(b"")
    for width in WIDTHS:
        (folder / f"col-{width}.css").write_text(f".col{{width:{width}px;margin:0 0 24px}}", encoding="utf-8")
        (folder / f"grid-{width}.css").write_text(GRID % width, encoding="utf-8")
    (folder / "dark.css").write_text(":root{color-scheme:dark;background:#121212;color:#eee}", encoding="utf-8")
    (folder / "light.css").write_text(":root{color-scheme:light;background:#fff;color:#111}", encoding="utf-8")
    (folder / "host.css").write_text("body{font-family:Georgia,serif;color:rgb(10, 80, 40)}", encoding="utf-8")
    return serve(folder, "localhost", {"Content-Security-Policy": documented_csp(site, portal)})


@pytest.fixture(scope="module")
def partner(tmp_path_factory: pytest.TempPathFactory, portal: str, site_dir: Path) -> Iterator[tuple[Path, str]]:
    folder = tmp_path_factory.mktemp("partner")
    server, url = partner_site(folder, portal, site_dir)
    yield folder, url
    server.shutdown()


def snippets(site_dir: Path, portal: str) -> list[tuple[str, str]]:
    """(page, snippet) for every entry and pathway page, the snippet as copied from the page's textarea."""
    found = []
    for kind in ("catalog", "pathways"):
        for page in sorted((site_dir / kind).glob("*/index.html")):
            match = SNIPPET.search(page.read_text(encoding="utf-8"))
            if match:
                code = html.unescape(match.group(1))
                site_url = SITE_URL.search(code).group(1)
                found.append((page.parent.relative_to(site_dir).as_posix(), code.replace(site_url, portal)))
    return found


def host_page(folder: Path, name: str, portal: str, body: str, *, width: int = 560, theme: str = "light",
              script: str = "", grid: bool = False) -> str:
    """A partner's page: ``body`` in columns ``width`` px wide (in a grid of such columns, if ``grid``)."""
    scripts = f'<script src="{portal}embed/{script}" defer></script>' if script else ""
    layout = f"grid-{width}.css" if grid else f"col-{width}.css"
    (folder / name).write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner intranet</title>'
        f'<link rel="stylesheet" href="{layout}"><link rel="stylesheet" href="{theme}.css">'
        f'<link rel="stylesheet" href="host.css">{scripts}</head>'
        f"<body><main>{body}</main></body></html>", encoding="utf-8")
    return name


def visit_all(page, *, sized: bool) -> int:
    """Scroll through the page a screen at a time until every frame has loaded (and been sized); how many."""
    y = 0
    while True:
        page.evaluate("y => window.scrollTo(0, y)", y)
        # Generous: on a busy machine, dozens of frames load at each step.
        page.wait_for_function(f"() => ({READY_IN_VIEW})({'true' if sized else 'false'})", timeout=WAIT_MS)
        y += page.evaluate("() => innerHeight")
        if y >= page.evaluate("() => document.documentElement.scrollHeight"):
            break
    page.evaluate("() => window.scrollTo(0, 0)")
    return page.evaluate("() => document.querySelectorAll('iframe[data-test-loaded]').length")


def open_page(browser, url: str, scheme: str, viewport_width: int = 1000, viewport_height: int = 900):
    context = browser.new_context(viewport={"width": viewport_width, "height": viewport_height}, color_scheme=scheme)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(f"{msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    page.add_init_script(MARK_LOADS)
    page.goto(url)
    return context, page, problems


@pytest.fixture(scope="module")
def all_snippets(site_dir: Path, portal: str) -> list[tuple[str, str]]:
    found = snippets(site_dir, portal)
    assert len([p for p, _ in found if p.startswith("catalog/")]) > 50
    assert len([p for p, _ in found if p.startswith("pathways/")]) > 5
    return found


def check_cards(page, sources: list[tuple[str, str]], width: int, steps: dict[str, int], *, script: bool) -> None:
    """Every frame is as wide as its column and shows its whole card: primary action, every step, attribution.

    A card's content height at a given width does not depend on its frame's height, so a page with the host
    script also shows whether each snippet's own height (the page without the script) holds its card.
    """
    cut, short = [], []
    for index, ((source, code), handle) in enumerate(zip(sources, page.query_selector_all("iframe"), strict=True)):
        card = handle.content_frame().evaluate(MEASURE_CARD)
        if script:  # host.js makes the frame as tall as the card's content, from the card's latest report
            page.wait_for_function("([i, h]) => Math.abs(document.querySelectorAll('iframe')[i]"
                                   ".getBoundingClientRect().height - h) <= 1", arg=[index, card["content"]],
                                   timeout=WAIT_MS)
            card = handle.content_frame().evaluate(MEASURE_CARD)
        box = handle.bounding_box()
        assert abs(box["width"] - width) < 0.5, (source, box)
        snippet_height = int(re.search(r'height="(\d+)"', code).group(1))
        if script:
            assert abs(box["height"] - card["content"]) <= 1, (source, box, card)
        else:
            assert box["height"] == snippet_height, (source, box)
        visible = card["viewport"]
        if not (card["content"] <= visible and card["footer"] <= visible and card["action"] <= visible
                and card["lastStep"] <= visible):
            cut.append((source, box["height"], card["content"]))
        if card["content"] > snippet_height:
            short.append((source, snippet_height, card["content"]))
        assert card["scrollWidth"] <= card["width"], (source, "the card scrolls sideways", card)
        assert "Full details" in card["attribution"] and "CC BY 4.0" in card["attribution"], source
        assert card["background"] == "rgb(255, 255, 255)", (source, "light unless the snippet asks")
        assert card["steps"] == steps.get(source, 0), (source, "every step is on the card")
    assert not cut, f"cards cut off at {width} px (page, frame height, content height): {cut[:5]} ({len(cut)})"
    assert not short, f"snippet heights too small at {width} px (page, snippet, content): {short[:5]} ({len(short)})"
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"), "no sideways scrolling"


def paste_and_check(browser, partner, portal: str, sources: list[tuple[str, str]], steps: dict[str, int],
                    width: int, *, theme: str, script: bool) -> None:
    """Paste ``sources`` into one partner page (a grid of columns ``width`` px wide) and check every card."""
    folder, url = partner
    body = "".join(f'<div class="col">{code}</div>' for _page, code in sources)
    name = host_page(folder, f"paste-{width}-{theme}-{script}-{len(sources)}.html", portal, body, width=width,
                     theme=theme, script="host.js" if script else "", grid=True)
    context, page, problems = open_page(browser, url + name, theme, viewport_width=2400, viewport_height=2400)
    try:
        assert visit_all(page, sized=script) == len(sources)
        check_cards(page, sources, width, steps, script=script)
        assert not problems, problems
    finally:
        context.close()


@pytest.fixture(scope="module")
def step_counts(site_dir: Path) -> dict[str, int]:
    return {f"pathways/{p.stem}": json.loads(p.read_text(encoding="utf-8"))["step_count"]
            for p in (site_dir / "api/v1/pathways").glob("*.json")}


# Every embed in one page per column width (a dark page with the host script): each card's content against its
# frame and against its snippet's own height. The host's theme and script cannot change a card's layout (the
# frame isolates it), so the other pairings are checked on a sample below, the longest pathways among them.
@pytest.mark.parametrize("width", WIDTHS)
def test_every_embed_shows_its_whole_card(browser, partner, portal: str, all_snippets, step_counts,
                                          width: int) -> None:
    paste_and_check(browser, partner, portal, all_snippets, step_counts, width, theme="dark", script=True)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("theme", "script"), [("light", False), ("dark", False), ("light", True)],
                         ids=["light-no-script", "dark-no-script", "light-host-script"])
def test_a_sample_in_the_other_pairings(browser, partner, portal: str, all_snippets, step_counts, width: int,
                                        theme: str, script: bool) -> None:
    sample = [s for s in all_snippets if s[0].startswith("catalog/")][:4] + \
        sorted((s for s in all_snippets if s[0].startswith("pathways/")), key=lambda s: -step_counts[s[0]])[:4]
    paste_and_check(browser, partner, portal, sample, step_counts, width, theme=theme, script=script)


def test_host_script_follows_a_column_that_changes_width(browser, partner, portal: str, all_snippets) -> None:
    folder, url = partner
    source, code = next((s, c) for s, c in all_snippets if s.startswith("pathways/"))
    name = host_page(folder, "resize.html", portal, f'<div class="col">{code}</div>', width=560, script="host.js")
    context, page, problems = open_page(browser, url + name, "light")
    try:
        visit_all(page, sized=True)
        frame = page.locator("iframe")
        wide = frame.bounding_box()["height"]
        card = frame.element_handle().content_frame()
        # The column narrows (a sidebar, a phone turned upright): the card grows and its frame with it.
        page.set_viewport_size({"width": 300, "height": 900})
        page.add_style_tag(url=url + "col-280.css")
        page.wait_for_function(
            "h => parseFloat(document.querySelector('iframe').style.height) > h", arg=wide)
        page.wait_for_function(
            "() => Math.abs(document.querySelector('iframe').getBoundingClientRect().width - 280) < 1")
        narrow = card.evaluate("document.documentElement.getBoundingClientRect().height")
        page.wait_for_function("h => Math.abs(parseFloat(document.querySelector('iframe').style.height) - h) <= 1",
                               arg=narrow)
        assert narrow > wide, source
        assert not problems, problems
    finally:
        context.close()


@pytest.mark.parametrize(("suffix", "scheme", "background"), [
    ("", "dark", "rgb(255, 255, 255)"), ("#dark", "light", "rgb(22, 27, 34)"),
    ("#auto", "dark", "rgb(22, 27, 34)"), ("#auto", "light", "rgb(255, 255, 255)"),
])
def test_theme_is_the_partners_choice(browser, partner, portal: str, all_snippets, suffix: str, scheme: str,
                                      background: str) -> None:
    folder, url = partner
    _source, code = all_snippets[0]
    code = re.sub(r'src="([^"]*)"', lambda m: f'src="{m.group(1)}{suffix}"', code, count=1)
    name = host_page(folder, f"theme{suffix.strip('#')}-{scheme}.html", portal, f'<div class="col">{code}</div>',
                     theme=scheme)
    context, page, problems = open_page(browser, url + name, scheme)
    try:
        visit_all(page, sized=False)
        card = page.locator("iframe").element_handle().content_frame()
        assert card.evaluate("getComputedStyle(document.body).backgroundColor") == background
        assert card.evaluate("scrollY") == 0, "the theme's fragment does not scroll the card"
        assert not problems, problems
    finally:
        context.close()


def _native_pathway(portal: str, site_dir: Path):
    """A pathway drawn in the host's style, beside a block that names another portal's API."""
    pathway_id = sorted(p.stem for p in (ROOT / "catalog/pathways").glob("*.yaml"))[0]
    data = json.loads((site_dir / f"api/v1/pathways/{pathway_id}.json").read_text(encoding="utf-8"))
    api = f"{portal}api/v1/pathways/{pathway_id}.json"
    body = (f'<div id="native" data-portal-api="{api}"><a href="{portal}pathways/{pathway_id}/">See it</a></div>'
            f'<div id="foreign" data-portal-api="https://elsewhere.example/api.json">kept</div>')

    def check(page, context, requests: list[str], url: str) -> None:
        native = page.locator("#native")
        assert native.locator("h3").inner_text() == data["title"]
        steps = native.locator("ol li")
        assert steps.count() == len(data["steps"]) > 0
        assert [steps.nth(i).locator("a").inner_text() for i in range(steps.count())] == \
            [s["title"] for s in data["steps"]]
        attribution = native.locator(".portal-native-attribution").inner_text()
        assert data["portal"]["name"] in attribution and "CC BY 4.0" in attribution
        assert data["reviewed"] and f"Last reviewed {data['reviewed']}" in attribution
        style = native.locator("h3").evaluate("el => [getComputedStyle(el).fontFamily, getComputedStyle(el).color]")
        assert style == ["Georgia, serif", "rgb(10, 80, 40)"], "the host's font and colour"
        assert page.locator("#foreign").get_attribute("data-portal-state") == "refused"
        assert page.locator("#foreign").inner_text() == "kept", "only the portal the script came from is read"
        assert all(r.startswith((url, portal)) for r in requests), requests
        assert context.cookies() == []

    return "native.html", body, check


def _native_entry(portal: str, site_dir: Path):
    """An entry with modules and dated runs: its dates and modules drawn."""
    entry_id = next(p.stem for p in sorted((ROOT / "catalog").glob("*.yaml")) if "\nparts:" in p.read_text("utf-8")
                    and "\nruns:" in p.read_text("utf-8"))
    data = json.loads((site_dir / f"api/v1/entries/{entry_id}.json").read_text(encoding="utf-8"))
    body = f'<div id="native" data-portal-api="{portal}api/v1/entries/{entry_id}.json">Loading</div>'

    def check(page, context, requests: list[str], url: str) -> None:
        facts = page.locator("#native dl").inner_text()
        assert f"{len(data['modules'])} modules or sessions:" in facts
        for module in data["modules"]:
            assert module["title"] in facts
        shown = [r for r in data["runs"] if not r["past"]] or data["runs"][-1:]
        assert shown and all(r["text"] in facts for r in shown), facts

    return "native-entry.html", body, check


def _native_french_pathway(portal: str, site_dir: Path):
    """The French side's script and API on an English page: the card speaks French and marks English data."""
    pathway_id = sorted(p.stem for p in (ROOT / "catalog/pathways").glob("*.yaml"))[0]
    data = json.loads((site_dir / f"fr/api/v1/pathways/{pathway_id}.json").read_text(encoding="utf-8"))
    body = f'<div id="native" data-portal-api="{portal}fr/api/v1/pathways/{pathway_id}.json">Loading</div>'

    def check(page, context, requests: list[str], url: str) -> None:
        card = page.locator("#native section")
        assert card.get_attribute("lang") == "fr", "the card's words are French on the host's English page"
        assert card.locator(".portal-native-kicker").inner_text() == f"Parcours d’apprentissage · Niveau {data['tier']}"
        title = card.locator("h3 a")
        shown = data["shown"]["title"]
        assert title.inner_text() == shown["text"]
        assert title.get_attribute("lang") == (None if shown["lang"].startswith("fr") else shown["lang"])
        steps = card.locator("ol li a")
        assert steps.count() == len(data["steps"]) > 0
        for i, step in enumerate(data["steps"]):
            lang = step["shown"]["title"]["lang"]
            assert steps.nth(i).inner_text() == step["shown"]["title"]["text"]
            assert steps.nth(i).get_attribute("lang") == (None if lang.startswith("fr") else lang)
        attribution = card.locator(".portal-native-attribution").inner_text()
        assert attribution.startswith(f"Source\u00a0: {data['portal']['name']}. Texte\u00a0: "), attribution
        assert "Tous les détails. Figurer au catalogue n’est pas une recommandation." in attribution
        assert "Listing is not endorsement" not in attribution and "Full details" not in attribution

    return "native-french.html", body, check, "fr/"


@pytest.mark.parametrize("native", [_native_pathway, _native_entry, _native_french_pathway],
                         ids=["pathway-in-the-hosts-style", "entry-with-dates-and-modules", "french-side"])
def test_native_render_draws_a_document(browser, partner, portal: str, site_dir: Path, native) -> None:
    folder, url = partner
    file_name, body, check, *side = native(portal, site_dir)
    name = host_page(folder, file_name, portal + "".join(side), body, script="native.js")
    context, page, problems = open_page(browser, url + name, "light")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.wait_for_selector("#native[data-portal-state=done]")
        check(page, context, requests, url)
        assert not problems, problems
    finally:
        context.close()


def test_the_api_is_readable_from_another_origin_only_with_the_header(browser, partner, portal: str,
                                                                      base_url: str) -> None:
    """With the CORS header (as GitHub Pages sends), a partner's script reads the API; without it, it cannot."""
    folder, url = partner
    name = host_page(folder, "cors.html", portal, "<p>API</p>")
    context, page, problems = open_page(browser, url + name, "light")
    try:
        read = page.evaluate("u => fetch(u).then(r => r.json()).then(d => d.count)", portal + "api/v1/catalog.json")
        assert read > 50
        blocked = page.evaluate("u => fetch(u).then(() => 'read', () => 'blocked')",
                                base_url + "api/v1/catalog.json")
        assert blocked == "blocked", "the server without the header is refused, so the header is what makes it work"
    finally:
        context.close()


def test_renamed_ids_keep_their_embed_oembed_and_api_in_the_snippets_sandbox(browser, tmp_path_factory,
                                                                            site_dir: Path) -> None:
    """The exports fixture renamed 'rural-echo' to 'echo-series' and 'nurse-first-steps' to 'first-steps'."""
    site = build_portal(ROOT / "tests/fixtures/exports", tmp_path_factory.mktemp("renamed") / "site")
    server, origin = serve(site, "127.0.0.1", {"Access-Control-Allow-Origin": "*"})
    folder = tmp_path_factory.mktemp("renamed-partner")
    host, url = partner_site(folder, origin, site_dir)  # the partner follows the shipped portal's open-data page
    try:
        page_html = (site / "catalog/echo-series/index.html").read_text(encoding="utf-8")
        code = html.unescape(SNIPPET.search(page_html).group(1))
        code = code.replace(SITE_URL.search(code).group(1), origin)
        old = code.replace("embed/catalog/echo-series/", "embed/catalog/rural-echo/")
        assert old != code
        old_pathway = re.sub(r'src="[^"]*"', f'src="{origin}embed/pathways/nurse-first-steps/"', old, count=1)
        body = f'<div class="col">{old}</div><div class="col">{old_pathway}</div>'
        name = host_page(folder, "renamed.html", origin, body)
        context, page, problems = open_page(browser, url + name, "light")
        try:
            visit_all(page, sized=False)
            frames = page.query_selector_all("iframe")
            entry, pathway = (f.content_frame() for f in frames)
            assert entry.locator("h1").inner_text() == "Palliative care ECHO for rural teams"
            assert entry.locator("link[rel=canonical]").get_attribute("href").endswith("/catalog/echo-series/")
            assert pathway.locator("ol li").count() == 3
            oembed = page.evaluate("u => fetch(u).then(r => r.json())", origin + "embed/catalog/rural-echo/oembed.json")
            assert "embed/catalog/echo-series/" in oembed["html"]
            api = page.evaluate("u => fetch(u).then(r => r.json())", origin + "api/v1/entries/rural-echo.json")
            assert api["id"] == "echo-series"
            assert not problems, problems
        finally:
            context.close()
    finally:
        host.shutdown()
        server.shutdown()
