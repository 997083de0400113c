"""Measuring tools for the benchmark: child processes, page sizes, and what a browser fetches."""

from __future__ import annotations

import functools
import gzip
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# A header-search result: Material's own, or the portal's (generator/search).
RESULT = ".md-search-result__item, .md-search-result a, [data-portal-result], .portal-search-result"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@dataclass
class Run:
    seconds: float  # wall
    cpu: float  # user + system: steadier than wall time when other work shares the machine
    peak_mb: float
    code: int
    output: str


def run_child(args: list[str], cwd: Path, *, timeout: float = 1800) -> Run:
    """Run a command; its wall and CPU time and its own peak resident memory (from wait4's rusage)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "CI": "1"}
    started = time.perf_counter()
    with subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as proc:
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        output = proc.stdout.read() if proc.stdout else b""
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode,
               output.decode("utf-8", "replace"))


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


# --- pages ---------------------------------------------------------------------------------------

def kind_of(rel: str) -> str:
    """'catalog/x/index.html' -> 'catalog/*/'; 'tiers/2/page-3/index.html' -> 'tiers/*/page-N/'."""
    parts = rel.split("/")
    if parts[-1] != "index.html":
        return rel if len(parts) == 1 else parts[0] + "/…/" + re.sub(r"[^.]+", "*", parts[-1], count=1)
    segs = parts[:-1]
    key = [segs[0]] if segs else []
    for seg in segs[1:]:
        key.append("page-N" if re.fullmatch(r"page-\d+", seg) else "*")
    return "/".join(key) + "/" if key else "/"


@dataclass
class Sizes:
    pages: int
    total_bytes: int
    by_kind: dict[str, tuple[int, int, int, str]]  # kind -> (count, median, max, largest page)
    largest: tuple[int, str]
    over_30kb: list[tuple[int, str]]


def page_sizes(site: Path) -> Sizes:
    sizes: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        sizes[kind_of(rel)].append((path.stat().st_size, rel))
    by_kind = {}
    for kind, items in sorted(sizes.items()):
        items.sort()
        by_kind[kind] = (len(items), int(statistics.median(s for s, _ in items)), items[-1][0], items[-1][1])
    everything = [item for items in sizes.values() for item in items]
    return Sizes(len(everything), sum(s for s, _ in everything), by_kind, max(everything),
                 sorted((item for item in everything if item[0] > 30 * 1024), reverse=True))


# --- the browser ---------------------------------------------------------------------------------

class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@dataclass
class Fetched:
    requests: int
    raw_bytes: int
    gzip_bytes: int
    outside: list[str]
    files: list[tuple[int, int, str]]  # (raw, gzip, url path)


def _fetched(responses: list[tuple[str, bytes]], base: str) -> Fetched:
    files = []
    for url, body in responses:
        files.append((len(body), len(gzip.compress(body, 6)) if body else 0, url.removeprefix(base)))
    outside = [u for u, _ in responses if not u.startswith(base)]
    files.sort(reverse=True)
    return Fetched(len(files), sum(f[0] for f in files), sum(f[1] for f in files), outside, files)


def browse(site: Path, search_query: str | None = None) -> dict[str, Fetched | float | None]:
    """A first visit to the home page in Chromium (empty cache), then optionally one header search.

    Returns what the home page fetched and, for the search, what was fetched from typing to the
    first result appearing, plus the seconds that took. Sizes are bodies as served (no compression
    here) and gzip-equivalent, since static hosts serve text gzipped.
    """
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict[str, Fetched | float | None] = {"home": None, "search": None, "search_seconds": None}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            seen: list[tuple[str, bytes]] = []
            outside: list[str] = []

            def route(r):  # never leave the machine; count any attempt
                if r.request.url.startswith(base):
                    r.continue_()
                else:
                    outside.append(r.request.url)
                    r.abort()

            def collect(response):
                try:
                    seen.append((response.url, response.body()))
                except Exception:  # redirects and aborted requests have no body
                    seen.append((response.url, b""))

            page.route("**/*", route)
            page.on("response", collect)
            page.goto(base, wait_until="networkidle")
            home = _fetched(seen, base)
            home.outside = outside[:]
            out["home"] = home
            if search_query:
                seen.clear()
                query = page.locator("input[name=query]")
                if query.count():
                    started = time.perf_counter()
                    page.locator("label[for=__search]").first.click()
                    query.fill(search_query)
                    try:
                        page.wait_for_selector(RESULT, timeout=60_000)
                    except Exception as exc:  # report the rest even if the search UI changed
                        out["search_error"] = f"no search result appeared: {exc.__class__.__name__}"
                    else:
                        out["search_seconds"] = time.perf_counter() - started
                        page.wait_for_load_state("networkidle")
                        out["search"] = _fetched(seen, base)
            context.close()
            browser.close()
    finally:
        server.shutdown()
    return out
