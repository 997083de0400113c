"""``portal check-site``: every link inside the built site resolves, checked offline.

Walks the site's HTML files and checks that each relative ``href``/``src``
(and ``srcset`` and ``<meta http-equiv=refresh>`` redirect) names a file in
the site, and that each ``#fragment`` names an id on the target page. Links
out of the site (any scheme, or ``//host``) are for ``portal check-links``.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that make the browser load or navigate to a URL.
URL_ATTRS = {("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
             ("iframe", "src"), ("source", "src"), ("video", "src"), ("audio", "src"), ("track", "src"),
             ("embed", "src"), ("form", "action"), ("video", "poster"), ("object", "data")}
_REFRESH = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*['\"]?([^'\"]+)", re.I)


@dataclass(frozen=True, order=True)
class Broken:
    page: str
    line: int
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: broken link '{self.url}': {self.reason}"


class _Links(HTMLParser):
    """Collects (line, url) for every URL-bearing attribute, and every id and name on the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str]] = []
        self.ids: set[str] = set()
        self.canonical = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {k: v or "" for k, v in attrs}
        for key in ("id", "name") if tag in ("a", "map") else ("id",):
            if values.get(key):
                self.ids.add(values[key])
        for name, value in attrs:
            if value is None:
                continue
            if (tag, name) in URL_ATTRS:
                self.links.append((line, value.strip()))
            elif name == "srcset":
                self.links += [(line, part.strip().split()[0]) for part in value.split(",") if part.strip()]
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH.match(values.get("content", ""))
            if match:
                self.links.append((line, match[1].strip()))
        if tag == "link" and values.get("rel", "").lower() == "canonical":
            self.canonical = values.get("href", "")

    handle_startendtag = handle_starttag


@cache
def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def _external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme) or url.startswith("//")


def detect_base_path(site: Path) -> str:
    """The URL path the site is served under, from the home page's canonical link ('/' if none)."""
    home = site / "index.html"
    if home.is_file():
        canonical = _parse(home.resolve()).canonical
        if canonical:
            path = urlsplit(canonical).path or "/"
            return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
    return "/"


def _target(site: Path, page_rel: str, url_path: str, base_path: str) -> Path | None:
    """The file a link's path leads to, or None when it leaves the site."""
    path = unquote(url_path)
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        joined = posixpath.normpath(path[len(base_path):] or ".")
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), path))
    if joined == ".." or joined.startswith("../"):
        return None
    target = site / joined
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def check_page(site: Path, page: Path, *, base_path: str = "/", fragments: bool = True) -> list[Broken]:
    """Broken links on one page of the site."""
    page_rel = page.relative_to(site).as_posix()
    parsed = _parse(page.resolve())
    broken = []
    for line, url in parsed.links:
        if not url or _external(url) or url.startswith(("javascript:", "mailto:", "tel:", "data:")):
            continue
        parts = urlsplit(url)
        if not parts.path:
            target = page  # '#fragment' or '?query' on this page
        else:
            found = _target(site, page_rel, parts.path, base_path)
            if found is None:
                broken.append(Broken(page_rel, line, url, "points outside the site"))
                continue
            target = found
        if not target.is_file():
            shown = target.relative_to(site).as_posix() if target.is_relative_to(site) else str(target)
            broken.append(Broken(page_rel, line, url, f"no file {shown} in the site"))
            continue
        fragment = unquote(parts.fragment)
        if fragments and fragment and target.suffix == ".html" and fragment not in _parse(target.resolve()).ids:
            broken.append(Broken(page_rel, line, url, f"no id '{fragment}' on {target.relative_to(site).as_posix()}"))
    return broken


def check_site(site: Path, *, base_path: str | None = None, fragments: bool = True) -> tuple[list[Broken], int]:
    """(broken links, pages checked) for the built site in ``site``."""
    site = site.resolve()
    _parse.cache_clear()
    base = base_path if base_path is not None else detect_base_path(site)
    base = "/" + base.strip("/") + "/" if base.strip("/") else "/"
    pages = sorted(site.rglob("*.html"))
    broken: list[Broken] = []
    for page in pages:
        broken += check_page(site, page, base_path=base, fragments=fragments)
    _parse.cache_clear()  # the cache only lives for one run: pages change between builds
    return sorted(broken), len(pages)
