"""Redirect pages for renamed entries and pathways, so that old links keep working.

An entry's or pathway's ``aliases`` are its former ids. At each former URL
(and its former embed URL) we publish a tiny HTML page: a meta refresh, a
canonical link for search engines and a plain link for everyone else. A
static host cannot send a 301, and no script is needed or allowed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..pages import urls
from ..pages.html import esc, rel
from .api import all_pathways
from .common import link

if TYPE_CHECKING:
    from ..site.outputs import Outputs

log = logging.getLogger("generator")


def redirect_page(outputs: Outputs, old_url: str, new_url: str, title: str) -> str:
    """A page at ``old_url`` that sends readers on to ``new_url`` (both site URLs)."""
    target = rel(old_url, new_url)  # relative, so it also works on previews and mirrors
    canonical = link(outputs, old_url, new_url)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Moved: {esc(title)}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{esc(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={esc(target)}">\n'
        "</head>\n<body>\n"
        f'<p>This page has moved to <a href="{esc(target)}">{esc(title)}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def _aliases(kind: str, items: list[tuple[str, str, tuple[str, ...]]],
             page: Callable[[str], str]) -> Iterator[tuple[str, str, str]]:
    """(old page URL, new page URL, title) for every usable alias; clashes are skipped with a warning."""
    current = {item_id for item_id, _title, _aliases in items}
    claimed: dict[str, str] = {}
    for item_id, title, aliases in items:
        for alias in aliases:
            if alias in current:
                log.warning("%s '%s': former id '%s' is a current id; no redirect made", kind, item_id, alias)
            elif alias in claimed:
                log.warning("%s '%s': former id '%s' is already redirected to '%s'; no redirect made",
                            kind, item_id, alias, claimed[alias])
            else:
                claimed[alias] = item_id
                yield page(alias), page(item_id), title


def redirect_files(outputs: Outputs) -> Iterator[tuple[str, str]]:
    """Redirects at former page URLs and former embed URLs, as (path in site, HTML)."""
    entries = [(e.id, e.title, e.aliases) for e in outputs.catalog.entries.values()]
    pathways = [(p.id, p.title, p.aliases) for p in all_pathways(outputs)]
    for old, new, title in [*_aliases("entry", entries, urls.entry), *_aliases("pathway", pathways, urls.pathway)]:
        yield old + "index.html", redirect_page(outputs, old, new, title)
        yield urls.embed(old) + "index.html", redirect_page(outputs, urls.embed(old), urls.embed(new), title)
