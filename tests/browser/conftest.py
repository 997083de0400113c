"""Real-browser fixtures: the shipped portal, built once, served on loopback, driven in Chromium.

Debian's chromium is used through Playwright (which cannot download its own
browsers here); ``make test`` installs it when it is missing.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def build_portal(root: Path, site_dir: Path) -> Path:
    """Build the project at ``root`` into ``site_dir`` the way ``make site`` does."""
    from generator.settings import load_settings
    from generator.site.plugin_build import build_site

    code = build_site(load_settings(root), site_dir, strict=True)
    assert code == 0, "the portal did not build"
    return site_dir


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_portal(ROOT, tmp_path_factory.mktemp("browser") / "site")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from the stdlib
        pass


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    server, url = serve(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a small phone
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors
    yield pg
    context.close()


@pytest.fixture
def page_nojs(browser: object) -> Iterator[object]:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


def header_search(page, text: str) -> object:
    """Type ``text`` into the header search as a person would, and wait for the catalog block's answer.

    Keystrokes, not ``fill``: Material's own search reads the box on key-up, so a filled box
    may never be searched. Returns the block (``.portal-hs``), settled for exactly ``text``.
    """
    box = page.locator(".md-search__input")
    if not box.is_visible():  # on a phone the box opens from its icon
        page.locator(".md-header label[for=__search]").first.click()
    box.focus()
    box.press_sequentially(text)
    block = page.locator(".md-search-result > .portal-hs")
    page.wait_for_function(
        """q => { const b = document.querySelector('.md-search-result > .portal-hs');
                  return b && b.dataset.query === q && b.dataset.state !== 'busy'; }""", arg=text.strip())
    return block


# A page's own scripts have finished drawing: the catalog app (where there is one) has answered
# the URL's state, and "Find my pathway" has shown its form.
SETTLED = """() => {
  const app = document.getElementById('portal-search-app');
  if (app && !['done', 'idle', 'error'].includes(app.dataset.state)) return false;
  const find = document.getElementById('portal-find');
  return !find || !find.hidden;
}"""
# One rendered frame: styles changed by script are computed and painted.
NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"


def settle(page) -> None:
    """Wait for the page's load event, then for its scripts' own 'finished' states."""
    page.wait_for_load_state("load")
    page.wait_for_function(SETTLED)
