"""Redirect pages for renamed entries and pathways, so that old links keep working.

An entry's or pathway's ``aliases`` are its former ids. At each former page URL
we publish a tiny HTML page: a meta refresh, a canonical link for search engines
and a plain link for everyone else. A static host cannot send a 301, and no
script is needed or allowed. Former embed, oEmbed and API addresses are not
redirects: a sandboxed iframe or a script cannot follow a meta refresh, so the
embeds and the API publish the current content there too (see :func:`renames`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..i18n import _, current_language, mark
from ..pages import urls
from ..pages.html import esc, rel
from .api import all_pathways, entry_document, pathway_document
from .common import dumps, link

if TYPE_CHECKING:
    from ..outputs import Outputs

log = logging.getLogger("generator")


def redirect_page(outputs: Outputs, old_url: str, new_url: str, title: str) -> str:
    """A page at ``old_url`` that sends readers on to ``new_url`` (both site URLs)."""
    target = rel(old_url, new_url)  # relative, so it also works on previews and mirrors
    canonical = link(outputs, old_url, new_url)
    moved = mark(_("This page has moved to {link}.")).replace("{link}", f'<a href="{esc(target)}">{esc(title)}</a>')
    return (
        f'<!doctype html>\n<html lang="{esc(current_language())}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(_('Moved: {title}').format(title=title))}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{esc(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={esc(target)}">\n'
        "</head>\n<body>\n"
        f"<p>{moved}</p>\n"
        "</body>\n</html>\n"
    )


def _aliases(kind: str, items: list[tuple[str, str, tuple[str, ...]]],
             page: Callable[[str], str], warn: bool) -> Iterator[tuple[str, str, str]]:
    """(old page URL, new page URL, title) for every usable alias; clashes are skipped with a warning."""
    current = {item_id for item_id, _title, _aliases in items}
    claimed: dict[str, str] = {}
    for item_id, title, aliases in items:
        for alias in aliases:
            if alias in current or alias in claimed:
                if warn:
                    why = "is a current id" if alias in current else f"is already redirected to '{claimed[alias]}'"
                    log.warning("%s '%s': former id '%s' %s; no redirect made", kind, item_id, alias, why)
            else:
                claimed[alias] = item_id
                yield page(alias), page(item_id), title


def _renamed(outputs: Outputs, *, warn: bool = False) -> list[tuple[str, str, str]]:
    """(old page URL, new page URL, title) for every usable alias of an entry or a pathway."""
    entries = [(e.id, e.title, e.aliases) for e in outputs.catalog.entries.values()]
    pathways = [(p.id, p.title, p.aliases) for p in all_pathways(outputs)]
    return [*_aliases("entry", entries, urls.entry, warn), *_aliases("pathway", pathways, urls.pathway, warn)]


def renames(outputs: Outputs) -> dict[str, list[str]]:
    """The usable former ids of each renamed entry or pathway, keyed by its current page URL."""
    found: dict[str, list[str]] = {}
    for old, new, _title in _renamed(outputs):  # redirect_files reports unusable aliases; once is enough
        found.setdefault(new, []).append(old.rstrip("/").rsplit("/", 1)[1])
    return found


def redirect_files(outputs: Outputs) -> Iterator[tuple[str, str]]:
    """Redirects at former page URLs, as (path in site, HTML)."""
    for old, new, title in _renamed(outputs, warn=True):
        yield old + "index.html", redirect_page(outputs, old, new, title)


def former_api_files(outputs: Outputs) -> Iterator[tuple[str, str]]:
    """The current API document at each former entry or pathway address: a script cannot follow a redirect page."""
    former = renames(outputs)
    for entry in outputs.catalog.entries.values():
        for old in former.get(urls.entry(entry.id), []):
            yield urls.api_entry(old), dumps(entry_document(outputs, entry))
    for pathway in all_pathways(outputs):
        for old in former.get(urls.pathway(pathway.id), []):
            yield urls.api_pathway(old), dumps(pathway_document(outputs, pathway))
