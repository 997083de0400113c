"""Catalog search in a real Chromium: bytes before the first result, and time per query; Pagefind alongside.

``measure(site_dir)`` serves a built site on 127.0.0.1 and, for each query of
QUERIES, opens ``/catalog/?q=QUERY`` in a fresh browser context (empty cache)
and records every file the page had fetched when the first results appeared
(the catalog app's ``portal-search:results`` event). Sizes are those of the
files on disk ("raw") and gzip level 6 of each ("gzip", what a static host
that compresses would send; a file that gzip does not shrink counts as raw).
``search`` sizes count the search feature's own files (lunr.js, the search
scripts and stylesheet, and the index files); ``page`` adds the catalog page and
the theme's files, which any visitor fetches anyway.

Time per query is measured in one warm page: each query runs the catalog app's
whole path (search, facet counts, ranking the shown results with lunr.js,
result rows and rendering) with the shards already fetched but their postings
decoded afresh; the median of 5 runs per query. The first, cold run of each
query (fetching its shards over loopback) is reported separately.

``pagefind_measure(site_dir)`` indexes the same entry pages with Pagefind
(``pagefind[bin]``; output to a temporary folder, the site is not touched) and
measures the same way through its browser API: the bytes of every Pagefind
file fetched until the fragments of the first PAGE results are loaded, and the
median time of ``pagefind.search`` plus those fragments.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

QUERIES = (
    "pain", "dementia", "advance care planning", "communication skills", "last days of life",
    "breathlessness", "bereavement support", "symptom management", "end of life care", "paramedic",
    "spiritual care", "homelessness",
)
PAGE = 10          # results on screen, for both: the catalog app shows 10 per page
RUNS = 5           # timed runs per query
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
_SEARCH_FILE = re.compile(r"^(assets/search/|search/catalog/)")
_BENCH_PAGE = "__bench__.html"  # a blank page without the site's CSP (Pagefind needs WebAssembly)


class _Handler(SimpleHTTPRequestHandler):
    extra: dict[str, Path] = {}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def translate_path(self, path: str) -> str:
        rel = unquote(urlsplit(path).path).lstrip("/")
        for prefix, folder in self.extra.items():
            if rel.startswith(prefix):
                return str(folder / rel[len(prefix):])
        return super().translate_path(path)

    def do_GET(self) -> None:
        if urlsplit(self.path).path == "/" + _BENCH_PAGE:
            body = b"<!doctype html><meta charset=utf-8><title>bench</title>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


@contextmanager
def _serve(site_dir: Path, extra: dict[str, Path] | None = None) -> Iterator[str]:
    handler = type("Handler", (_Handler,), {"extra": extra or {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def _browser(executable: str, running: object | None = None) -> Iterator[object]:
    if running is not None:  # a caller's browser (e.g. the test suite's), left open for it
        yield running
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@functools.lru_cache(maxsize=None)
def _sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), min(len(data), len(gzip.compress(data, 6)))


def _local(url: str, base: str, roots: dict[str, Path]) -> tuple[str, Path] | None:
    """The site path of a fetched URL and the file behind it."""
    if not url.startswith(base):
        return None
    rel = unquote(urlsplit(url).path).lstrip("/")
    for prefix, folder in roots.items():
        if prefix and rel.startswith(prefix):
            return rel, folder / rel[len(prefix):]
    target = roots[""] / rel
    if rel == "" or rel.endswith("/"):
        target = target / "index.html"
    return rel, target


def _total(files: list[tuple[str, Path]]) -> dict[str, int]:
    raw = gz = 0
    for _, path in files:
        r, g = _sizes(path)
        raw += r
        gz += g
    return {"raw": raw, "gzip": gz, "files": len(files)}


def _summary(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 2), "max": round(max(values), 2),
            "min": round(min(values), 2)}


_SNAPSHOT = """
document.addEventListener("portal-search:results", () => {
  if (window.__firstResult) return;
  window.__firstResult = {at: performance.now(),
    urls: [location.href, ...performance.getEntriesByType("resource").map(e => e.name)]};
}, true);
"""

_TIME_QUERY = """
async ([query, runs]) => {
  const app = window.PortalCatalog;
  const state = {q: query, f: {}, page: 1};
  let t = performance.now();
  await app.run(state);                      // cold: fetches this query's shards
  const cold = performance.now() - t;
  const times = [];
  for (let i = 0; i < runs; i++) {
    app.engine.decoded.clear();                  // decode the shards' postings again, as for new text
    t = performance.now();
    await app.run(state);
    times.push(performance.now() - t);
  }
  const found = await app.engine.search(query);
  return {cold, times, results: found.docs.length};
}
"""


def measure(site_dir: Path, browser_executable: str = "/usr/bin/chromium", *,
            browser: object | None = None) -> dict[str, object]:
    """Bytes before the first result and time per query for the catalog search of a built site.

    ``browser``: an already launched Playwright browser to use instead of launching Chromium.
    """
    site_dir = Path(site_dir)
    meta = json.loads((site_dir / "search" / "catalog" / "meta.json").read_text(encoding="utf-8"))
    index_files = [p for p in (site_dir / "search" / "catalog").rglob("*.json")]
    per_query = []
    timings = []
    with _serve(site_dir) as base, _browser(browser_executable, browser) as browser:
        for query in QUERIES:
            # The site's CSP forbids eval, which Playwright's waiting helpers use; it changes no byte.
            context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
            page = context.new_page()
            page.add_init_script(_SNAPSHOT)
            page.goto(f"{base}catalog/?q={quote(query)}")
            page.wait_for_function("window.__firstResult !== undefined", timeout=60_000)
            snap = page.evaluate("window.__firstResult")
            files = [f for u in dict.fromkeys(snap["urls"]) if (f := _local(u, base, {"": site_dir}))]
            search = [f for f in files if _SEARCH_FILE.match(f[0])]
            per_query.append({"query": query, "ms": round(snap["at"], 1), "page": _total(files),
                              "search": _total(search),
                              "index_files": sum(1 for rel, _ in search if rel.startswith("search/catalog/"))})
            context.close()
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        page.goto(f"{base}catalog/")
        page.wait_for_function("window.PortalCatalog !== undefined", timeout=60_000)
        for query in QUERIES:
            got = page.evaluate(_TIME_QUERY, [query, RUNS])
            timings.append({"query": query, "results": got["results"], "cold_ms": round(got["cold"], 2),
                            "ms": round(statistics.median(got["times"]), 2)})
        context.close()
    return {
        "entries": meta["count"],
        "queries": list(QUERIES),
        "first_result_bytes": {
            "search_raw": _summary([q["search"]["raw"] for q in per_query]),
            "search_gzip": _summary([q["search"]["gzip"] for q in per_query]),
            "page_raw": _summary([q["page"]["raw"] for q in per_query]),
            "page_gzip": _summary([q["page"]["gzip"] for q in per_query]),
            "per_query": per_query,
        },
        "query_ms": {**_summary([t["ms"] for t in timings]),
                     "cold": _summary([t["cold_ms"] for t in timings]), "per_query": timings},
        "index_on_disk": {"files": len(index_files), "raw": sum(_sizes(p)[0] for p in index_files),
                          "gzip": sum(_sizes(p)[1] for p in index_files)},
    }


def _entry_pages(site_dir: Path, dest: Path) -> int:
    """Hard-link (or copy) each entry page into ``dest``, keeping its path; listing pages are left out."""
    count = 0
    for page in sorted((site_dir / "catalog").glob("*/index.html")):
        if re.fullmatch(r"page-\d+", page.parent.name):
            continue
        target = dest / "catalog" / page.parent.name / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(page, target)
        except OSError:
            shutil.copy2(page, target)
        count += 1
    return count


_PAGEFIND_FIRST = """
async ([query, page]) => {
  const pf = window.__pf = await import("/pagefind/pagefind.js");
  await pf.options({});
  const t = performance.now();
  const found = await pf.search(query);
  await Promise.all(found.results.slice(0, page).map(r => r.data()));
  return {cold: performance.now() - t, results: found.results.length};
}
"""

_PAGEFIND_TIMED = """
async ([query, page, runs]) => {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const found = await window.__pf.search(query + " ".repeat(i + 1));   // a new string: no cached answer
    await Promise.all(found.results.slice(0, page).map(r => r.data()));
    times.push(performance.now() - t);
  }
  return times;
}
"""


def pagefind_measure(site_dir: Path, browser_executable: str = "/usr/bin/chromium") -> dict[str, object]:
    """The same measures for a Pagefind index of the same entry pages."""
    from pagefind_bin import get_executable

    site_dir = Path(site_dir)
    with tempfile.TemporaryDirectory(prefix="pagefind-bench-") as tmp:
        pages = Path(tmp) / "site"
        out = Path(tmp) / "pagefind"
        count = _entry_pages(site_dir, pages)
        started = time.perf_counter()
        subprocess.run([str(get_executable()), "--site", str(pages), "--output-path", str(out),
                        "--root-selector", "article", "--silent"], check=True, timeout=3600)
        build_s = time.perf_counter() - started
        index_files = [p for p in out.rglob("*") if p.is_file()]
        index_bytes = sum(p.stat().st_size for p in index_files)
        per_query = []
        timings = []
        roots = {"": site_dir, "pagefind/": out}
        with _serve(site_dir, {"pagefind/": out}) as base, _browser(browser_executable) as browser:
            for query in QUERIES:
                context = browser.new_context()
                page = context.new_page()
                page.goto(base + _BENCH_PAGE)
                # Pagefind fetches from a worker too, which the page's resource timing does not list.
                fetched: list[str] = []
                context.on("requestfinished", lambda request, into=fetched: into.append(request.url))
                got = page.evaluate(_PAGEFIND_FIRST, [query, PAGE])
                files = [f for u in dict.fromkeys(fetched) if (f := _local(u, base, roots))
                         and f[0].startswith("pagefind/")]
                times = page.evaluate(_PAGEFIND_TIMED, [query, PAGE, RUNS])
                per_query.append({"query": query, "search": _total(files), "results": got["results"],
                                  "fetched": [rel for rel, _ in files]})
                timings.append({"query": query, "results": got["results"], "cold_ms": round(got["cold"], 2),
                                "ms": round(statistics.median(times), 2)})
                context.close()
    return {
        "entries": count,
        "queries": list(QUERIES),
        "index_build_s": round(build_s, 2),
        "first_result_bytes": {
            "search_raw": _summary([q["search"]["raw"] for q in per_query]),
            "search_gzip": _summary([q["search"]["gzip"] for q in per_query]),
            "per_query": per_query,
        },
        "query_ms": {**_summary([t["ms"] for t in timings]),
                     "cold": _summary([t["cold_ms"] for t in timings]), "per_query": timings},
        "index_on_disk": {"files": len(index_files), "raw": index_bytes},
    }


def compare(site_dir: Path, browser_executable: str = "/usr/bin/chromium") -> dict[str, object]:
    """Both measures and the ratios the issue's budget is about (ours / Pagefind's; below 1 is better)."""
    ours = measure(site_dir, browser_executable)
    theirs = pagefind_measure(site_dir, browser_executable)

    def ratio(a: float, b: float) -> float:
        return round(a / b, 3) if b else float("inf")

    fb, pb = ours["first_result_bytes"], theirs["first_result_bytes"]
    return {
        "portal": ours, "pagefind": theirs,
        "ratios": {
            "first_result_gzip_median": ratio(fb["search_gzip"]["median"], pb["search_gzip"]["median"]),
            "first_result_gzip_max": ratio(fb["search_gzip"]["max"], pb["search_gzip"]["max"]),
            "first_result_raw_median": ratio(fb["search_raw"]["median"], pb["search_raw"]["median"]),
            "query_ms_median": ratio(ours["query_ms"]["median"], theirs["query_ms"]["median"]),
        },
        "budget": {
            "bytes_within_pagefind": fb["search_gzip"]["max"] <= pb["search_gzip"]["max"],
            "query_under_50ms": ours["query_ms"]["max"] < 50,
        },
    }


if __name__ == "__main__":  # python -m benchmarks.search_bench SITE_DIR
    import sys

    print(json.dumps(compare(Path(sys.argv[1])), indent=2))
