"""What the exports add to the portal's own pages: head tags and the embed snippet.

The plugin calls these for every page. Entry and pathway pages (marked by
``portal: {kind, id}`` in their front matter) get oEmbed discovery, Open Graph
and Twitter card tags, schema.org JSON-LD and a copy-and-paste embed snippet;
every other page gets Atom feed discovery. Values are returned raw for the theme
template to escape, except the JSON-LD <script> element, which is built here
with JSON that cannot close it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ..i18n import _, mark
from ..model import Entry, Pathway
from ..pages import urls
from ..pages.html import esc, rel
from .common import absolute, script_json, short
from .embeds import card_title, embed_heights, iframe
from .feeds import feed_title
from .jsonld import BARE, FULL, LEAN, MINIMAL, entry_jsonld, pathway_jsonld

if TYPE_CHECKING:
    from ..outputs import Outputs

log = logging.getLogger("generator")

PAGE_BUDGET = 30_000  # bytes of HTML per page (see the working agreement)
PREVIEW_CHARS = 200  # about what link previews show of a description


def _item(outputs: Outputs, meta: Any) -> Entry | Pathway | None:
    """The entry or pathway a page shows, from its ``portal:`` front matter."""
    if not isinstance(meta, dict):
        return None
    kind, item_id = meta.get("kind"), meta.get("id")
    if kind == "entry":
        return outputs.catalog.entries.get(str(item_id))
    if kind == "pathway" and isinstance(item_id, str):
        # As all_pathways: a curated id wins over a generated one.
        return outputs.catalog.pathways.get(item_id) or next(
            (p for p in outputs.generated_pathways if p.id == item_id), None)
    return None


def _page_url(item: Entry | Pathway) -> str:
    return urls.entry(item.id) if isinstance(item, Entry) else urls.pathway(item.id)


def head(outputs: Outputs, meta: Any) -> dict[str, Any]:
    """Tags for a page's <head>: {'links': [...], 'meta': [...], 'jsonld': '<script ...>' or None}."""
    item = _item(outputs, meta)
    if item is None:
        feed = {"rel": "alternate", "type": "application/atom+xml", "href": absolute(outputs, urls.atom_feed()),
                "title": feed_title(outputs)}
        return {"links": [feed], "meta": [], "jsonld": None}
    # Entry and pathway pages are the heaviest, so they carry only what previews and embeds need.
    page_url = _page_url(item)
    links = [{"rel": "alternate", "type": "application/json+oembed", "href": absolute(outputs, urls.oembed(page_url)),
              "title": item.title}]
    description = short(item.summary, PREVIEW_CHARS)
    meta_tags = [
        {"property": "og:type", "content": "website"},
        {"property": "og:site_name", "content": outputs.site_name},
        {"property": "og:title", "content": item.title},
        {"property": "og:description", "content": description},
        {"property": "og:url", "content": absolute(outputs, page_url)},
        # Twitter/X falls back to og:title and og:description; repeating them would only add weight.
        {"name": "twitter:card", "content": "summary"},
    ]
    return {"links": links, "meta": meta_tags, "jsonld": jsonld_tag(outputs, item, FULL)}


def jsonld_tag(outputs: Outputs, item: Entry | Pathway, detail: int) -> str:
    data = entry_jsonld(outputs, item, detail) if isinstance(item, Entry) else pathway_jsonld(outputs, item, detail)
    return f'<script type="application/ld+json">{script_json(data)}</script>'


def fit(outputs: Outputs, meta: Any, html: str) -> str:
    """The finished page, with leaner JSON-LD if the full one would take it over the page budget."""
    if len(html.encode("utf-8")) <= PAGE_BUDGET:
        return html
    item = _item(outputs, meta)
    if item is None:
        return html
    full = jsonld_tag(outputs, item, FULL)
    if full not in html:
        return html
    leaner = html
    for detail in (LEAN, MINIMAL, BARE):
        leaner = html.replace(full, jsonld_tag(outputs, item, detail), 1)
        if len(leaner.encode("utf-8")) <= PAGE_BUDGET:
            return leaner
    # Not fatal (the page is heavy without us), but the owner of its content should know.
    log.warning("%s: %d bytes of HTML, over the %d-byte page budget even with the barest JSON-LD",
                _page_url(item), len(leaner.encode("utf-8")), PAGE_BUDGET)
    return leaner


def _textarea_text(text: str) -> str:
    """Text for a <textarea>: only '&' and '<' need escaping there, and the snippet's many quotes stay as they are."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def snippet(outputs: Outputs, meta: Any) -> str:
    """The 'Embed or share' block for the end of an entry or pathway page; '' for other pages."""
    item = _item(outputs, meta)
    if item is None:
        return ""
    page_url = _page_url(item)
    heights = embed_heights(outputs, item)
    narrow, *wider = sorted(heights)
    code = iframe(outputs, page_url, str(card_title(item)), heights[narrow])
    is_entry = isinstance(item, Entry)
    api = urls.api_entry(item.id) if is_entry else urls.api_pathway(item.id)
    fits = ", ".join(f"{w} px: {heights[w]}" for w in wider)
    guide = esc(rel(page_url, "open-data/"))
    summary = _("Embed or share this entry") if is_entry else _("Embed or share this pathway")
    label = _("HTML to embed this entry") if is_entry else _("HTML to embed this pathway")
    # Translators: {narrow} is a width in pixels, {fits} the heights for wider columns, {script} a link "a script".
    paste = mark(_("Paste this into your page for a card linking here. It fits columns of {narrow} px or more "
                   "({fits}); {script} fits any width.")).replace("{narrow}", str(narrow)).replace(
        "{fits}", esc(fits)).replace("{script}", f'<a href="{guide}">{mark(_("a script"))}</a>')
    # No script (CSP): readers copy the text themselves from a readonly textarea.
    return (
        f'<details class="portal-embed"><summary>{mark(summary)}</summary>'
        f"<p>{paste}</p>"
        f'<textarea class="portal-embed-code" readonly rows="4" spellcheck="false" '
        f'aria-label="{esc(label)}">{_textarea_text(code)}</textarea>'
        f'<p class="portal-meta"><a href="{esc(rel(page_url, urls.embed(page_url)))}">{mark(_("Preview"))}</a> · '
        f'<a href="{esc(rel(page_url, api))}">JSON</a> · '
        f'<a href="{guide}">{mark(_("About embeds"))}</a></p></details>'
    )
