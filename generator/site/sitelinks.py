"""Internal links of the pages being built: every one must lead to a file of the site (and an id on it).

The plugin hands each rendered page to :meth:`LinkBook.add` and, once the site is
written, asks :meth:`LinkBook.broken` for the links that lead nowhere, so that a
broken link fails the build instead of shipping. Only the page's content (Material's
``<article>``) is read: the header, navigation and footer come from the theme and
from mkdocs.yml's nav, which MkDocs checks itself. Reading the page already in
memory with two regular expressions keeps this cheap on catalogs of 10,000 entries;
``portal check-site`` does the slower, complete check of a built site.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

_CONTENT = re.compile(r'<article class="md-content__inner[^"]*">')
# Attributes as ``\s(?:href|src)="([^"]*)"`` and ``\sid="([^"]*)"`` would find them, each pattern starting with
# a literal, which re finds far faster; the character before each match is checked instead (``_attributes``).
_HREF = re.compile(r'href="([^"]*)"')
_SRC = re.compile(r'src="([^"]*)"')
_ID = re.compile(r'id="([^"]*)"')


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: broken link '{self.url}': {self.reason}"


@dataclass
class LinkBook:
    """Links and ids of every page of one build, keyed by the page's file in the site."""

    links: dict[str, list[str]] = field(default_factory=dict)
    ids: dict[str, frozenset[str]] = field(default_factory=dict)

    def add(self, dest: str, html: str) -> None:
        """Record the links in a page's content and the ids anywhere on it."""
        found = _CONTENT.search(html)
        end = html.find("</article>", found.end()) if found else -1
        urls = _attributes(html, (_HREF, _SRC), found.end(), end) if found and end >= 0 else []
        self.links[dest] = [u for u in dict.fromkeys(urls) if _internal(u)]
        self.ids[dest] = frozenset(_attributes(html, (_ID,), 0, len(html)))

    def broken(self, site: Path) -> list[BrokenLink]:
        """Every recorded link whose file (or id) is missing from the built ``site``."""
        files = _files(site)
        out = []
        for dest, urls in self.links.items():
            for url in urls:
                reason = self._check(dest, url, files)
                if reason:
                    out.append(BrokenLink(dest, url, reason))
        return sorted(out)

    def _check(self, dest: str, url: str, files: set[str]) -> str | None:
        # An internal link has no scheme or host (see _internal): its path, query and fragment are cut
        # as urlsplit would, without its cost on tens of thousands of links.
        rest, _, fragment = url.partition("#")
        path = rest.partition("?")[0]
        target = dest
        if path:
            if path.startswith("/"):
                return None  # absolute paths depend on where the site is served; check-site knows the base
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(dest), unquote(path) if "%" in path else path))
            if joined == ".." or joined.startswith("../"):
                return "points outside the site"
            target = joined
            if path.endswith("/") or (target not in files and f"{target}/index.html" in files):
                target = "index.html" if target == "." else f"{target}/index.html"
            if target not in files:
                return f"no file {target} in the site"
        fragment = unquote(fragment) if "%" in fragment else fragment
        if fragment and target in self.ids and fragment not in self.ids[target]:
            return f"no id '{fragment}' on {target}"
        return None


def _attributes(html: str, patterns: tuple[re.Pattern[str], ...], start: int, end: int) -> list[str]:
    """The values, unescaped, of the attributes ``patterns`` find between ``start`` and ``end``, each after white
    space, in the order they come."""
    found = sorted((m.start(), m[1]) for pattern in patterns for m in pattern.finditer(html, start, end)
                   if m.start() > start and html[m.start() - 1].isspace())
    return [unescape(value) if "&" in value else value for _, value in found]


@lru_cache(maxsize=65536)
def _internal(url: str) -> bool:
    if not url or url.startswith("//"):
        return False
    return not urlsplit(url).scheme


def _files(site: Path) -> set[str]:
    """Every file of the built site, as a path relative to it."""
    found = set()
    for folder, _, names in os.walk(site):
        rel = os.path.relpath(folder, site)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        found.update(prefix + name for name in names)
    return found
