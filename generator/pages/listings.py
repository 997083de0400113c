"""Paginated listing pages: the catalog, and one per tier, profession, setting and audience.

A listing page never grows with the catalog: it shows ``page_size`` entries
and links to the other pages, so every page stays small on a phone.
"""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import _, compose, localized, mark, mark_format, ngettext, pgettext
from ..model.portal import BROWSABLE
from ..model import Catalog, Entry
from . import urls
from .badges import entry_card
from .html import a, block, esc, front_matter, heading as page_heading



def paginate(items: list[Entry], size: int) -> list[list[Entry]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def pager(here: str, page: int, pages: int, url_of: Callable[[int], str]) -> str:
    if pages <= 1:
        return ""
    links = []
    if page > 1:
        links.append(a(here, url_of(page - 1), pgettext("page of a list", "Previous"), rel="prev"))
    # A window of page numbers keeps the pager small however long the list.
    window = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    last = 0
    for n in window:
        if n - last > 1:
            links.append("<span>…</span>")
        links.append(f'<span aria-current="page">{n}</span>' if n == page else a(here, url_of(n), str(n)))
        last = n
    if page < pages:
        links.append(a(here, url_of(page + 1), pgettext("page of a list", "Next"), rel="next"))
    return f'<nav class="portal-pager" aria-label="{esc(pgettext("pages of a list", "Pages"))}">{" ".join(links)}</nav>'


def listing_pages(catalog: Catalog, entries: list[Entry], url_of: Callable[[int], str], title: str,
                  intro: str | Callable[[str], str], size: int, meta: dict[str, object],
                  hide: list[str] | None = None) -> dict[str, str]:
    """Markdown for each page of a listing, keyed by URL; an intro with links is made per page (``intro(here)``)."""
    chunks = paginate(entries, size)
    out = {}
    for n, chunk in enumerate(chunks, 1):
        here = url_of(n)
        heading = title if n == 1 else compose(_("{title} (page {n} of {pages})"), title=title, n=n, pages=len(chunks))
        start = (n - 1) * size + 1
        if len(chunks) > 1:
            count = mark(ngettext("{count} entry; showing {first} to {last}.", "{count} entries; showing {first} to {last}.",
                                  len(entries)).format(count=len(entries), first=start, last=start + len(chunk) - 1))
        else:
            count = mark(ngettext("{count} entry.", "{count} entries.", len(entries)).format(count=len(entries)))
        count = f"<p>{count}</p>"
        if not entries:
            # Translators: {link} is a link whose text is "contribute page".
            gap = _("This is a gap in the catalog: suggest a resource on the {link}.")
            count = (f"<p><strong>{mark(_('No entries yet.'))}</strong> "
                     + mark(gap).replace("{link}", a(here, "contribute/", _("contribute page"))) + "</p>")
        body = block(
            page_heading(heading) + (intro(here) if callable(intro) else intro) + count
            + '<ul class="portal-list" data-search-exclude>' + "".join(entry_card(catalog, here, e) for e in chunk) + "</ul>"
            + pager(here, n, len(chunks), url_of),
            "portal-listing",
        )
        shown = {"hide": hide} if hide else {}
        out[here] = front_matter(heading, search={"exclude": n > 1}, portal=meta, **shown) + body
    return out


def catalog_pages(catalog: Catalog, size: int) -> dict[str, str]:
    entries = sorted(catalog.active_entries, key=lambda e: (e.title.lower(), e.id))

    def intro(here: str) -> str:  # per page: links are relative to the page they are on
        ways = " · ".join([
            *(a(here, urls.tier(n), _("Tier {number}").format(number=n)) for n in sorted(catalog.framework.tiers)),
            *(a(here, urls.facet_index(k), catalog.portal.name(k).browse) for k in catalog.portal.facets),
            a(here, urls.competencies(), _("By competency")),
        ])
        return (f'<p class="portal-browse">{mark(_("Browse:"))} {ways}</p>'
                '<div id="portal-search-app" class="portal-search-app" hidden></div>')

    # The catalog needs the width for its filters beside the results: no site menu or contents column.
    return listing_pages(catalog, entries, urls.catalog, _("Catalog"), intro, size, {"kind": "catalog"},
                         hide=["navigation", "toc"])


def tier_pages(catalog: Catalog, size: int, *, coverage: bool = True) -> dict[str, str]:
    out: dict[str, str] = {}
    for number, tier in sorted(catalog.framework.tiers.items()):
        entries = [e for e in catalog.active_entries if number in e.tiers]
        learners = "".join(f"<li>{mark(localized(x))}</li>" for x in tier.learners)
        top = f"<p>{mark(tier.summary)}</p>" + (f"<p>{mark(_('Usually suits:'))}</p><ul>{learners}</ul>" if learners else "")

        def intro(here: str, top: str = top) -> str:  # links relative to each page
            return top + (f'<p>{a(here, urls.coverage(), _("How well this tier is covered"))}</p>' if coverage else "")

        out.update(listing_pages(catalog, entries, lambda n, t=number: urls.tier(t, n),
                                 compose(_("Tier {number}: {name}"), number=number, name=tier.name), intro, size, {"kind": "tier", "tier": number}))
    return out


def facet_pages(catalog: Catalog, size: int) -> dict[str, str]:
    out: dict[str, str] = {}
    for kind in BROWSABLE:  # every term has its page; `facet` only decides what the catalog offers to browse by
        word, label = catalog.portal.name(kind).name, catalog.portal.name(kind).browse
        index_url = urls.facet_index(kind)
        rows = []
        for term in catalog.vocab[kind].values():
            entries = [e for e in catalog.active_entries if term.id in getattr(e, kind)]
            rows.append(f"<li>{a(index_url, urls.facet(kind, term.id), term.label)} "
                        f'<span class="portal-count">({len(entries)})</span></li>')
            intro = f"<p>{mark(term.description)}</p>" if term.description else ""
            if term.source:
                intro += f'<p class="portal-meta">{mark_format(_("Source: {source}"), source=localized(term.source))}</p>'
            out.update(listing_pages(catalog, entries, lambda n, k=kind, t=term.id: urls.facet(k, t, n),
                                     compose(_("{kind}: {term}"), kind=word, term=term.label), intro, size, {"kind": kind, "id": term.id}))
        out[index_url] = front_matter(catalog.portal.name(kind).browse_all) + block(
            f'<ul class="portal-terms">{"".join(rows)}</ul>', "portal-listing")
    return out
