"""Small, escaping HTML helpers shared by the page renderers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from ..i18n import Fallback, escape_html, mark


def esc(text: object) -> str:
    """Escape text for HTML content and attribute values."""
    return escape_html(str(text))


def short(text: str, limit: int = 300) -> str:
    """Text cut at a word boundary: descriptions in page heads and cards, where every byte counts."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


# How much of a summary a page's meta description carries: about what search results and link previews show.
DESCRIPTION_CHARS = 200


def safe_url(url: str) -> str:
    """An external URL, or '#' when its scheme is not http(s) or it cannot be read (the validator refuses both)."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:  # an unclosed '[' in the host, for one
        return "#"
    return url.strip() if scheme in ("http", "https") else "#"


def rel(from_url: str, to_url: str) -> str:
    """A relative link between two site URLs such as 'catalog/x/' and 'tiers/1/'.

    Plain string work, as posixpath.relpath would give: relpath asks the OS for
    the working folder on every call, and this runs for every link of every page.
    """
    here, there = _folder_parts(from_url), _target_parts(to_url)
    common = 0
    for mine, theirs in zip(here, there):
        if mine != theirs:
            break
        common += 1
    path = "/".join([".."] * (len(here) - common) + list(there[common:])) or "."
    if to_url.endswith("/") and path != ".":
        path += "/"
    return "./" if path == "." else path


# A build writes hundreds of thousands of links between a few tens of thousands of pages: each page's folder and
# each target are split once.
@lru_cache(maxsize=65536)
def _folder_parts(from_url: str) -> tuple[str, ...]:
    base = from_url.rstrip("/") if from_url.endswith("/") else from_url.rstrip("/").rpartition("/")[0]
    return tuple(p for p in base.split("/") if p and p != ".")


@lru_cache(maxsize=65536)
def _target_parts(to_url: str) -> tuple[str, ...]:
    return tuple(p for p in (to_url.rstrip("/") or ".").split("/") if p and p != ".")


def lang_of(text: str) -> str:
    """A ``lang`` attribute for an element whose whole text is ``text``, when that is in another language than the
    page's (an ``<option>`` or an SVG ``<text>``, which cannot hold a marked ``<span>``); '' otherwise."""
    return f' lang="{esc(text.lang)}"' if isinstance(text, Fallback) else ""


def a(from_url: str, to_url: str, text: str, **attrs: str) -> str:
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return f'<a href="{esc(rel(from_url, to_url))}"{extra}>{mark(text)}</a>'


def ext(url: str, text: str, cls: str = "") -> str:
    """A link out of the portal."""
    klass = f' class="{cls}"' if cls else ""
    return f'<a href="{esc(safe_url(url))}" rel="noopener external"{klass}>{mark(text)}</a>'


def ul(items: Iterable[str], cls: str = "") -> str:
    items = list(items)
    if not items:
        return ""
    klass = f' class="{cls}"' if cls else ""
    return f"<ul{klass}>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def front_matter(title: str, **meta: object) -> str:
    """YAML front matter; values are written as JSON, which YAML reads back exactly.

    The title and description are escaped because Material prints ``page.meta.title`` and
    ``page.meta.description`` unescaped (the latter inside an attribute: a quote would break out).
    """
    lines = ["---", f"title: {json.dumps(esc(title))}"]
    if mark(title) != esc(title):  # words in another language: the header shows them marked (theme/partials/header.html)
        lines.append(f"portal_title_html: {json.dumps(mark(title))}")
    for key, value in meta.items():
        if key == "description" and isinstance(value, str):
            value = esc(value)
        lines.append(f"{key}: {json.dumps(value, sort_keys=True)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def heading(title: str) -> str:
    """The page's own ``<h1>`` when its title holds words in another language than the page's, marked with it;
    otherwise nothing, and the theme writes the title from the front matter as it always has."""
    marked = mark(title)
    return f"<h1>{marked}</h1>" if marked != esc(title) else ""


def block(inner: str, cls: str) -> str:
    """One raw HTML block; Markdown leaves a block-level element alone up to its closing tag.

    No ``markdown="0"``: md_in_html leaves unmarked elements raw anyway, and keeps the
    attribute in the output, where it is invalid HTML. The comments mark the block for
    the plugin, which keeps it away from Markdown altogether (generator/site/rawhtml.py).
    """
    return f'<!--portal-raw--><div class="{cls}">{inner}</div><!--/portal-raw-->\n\n'
