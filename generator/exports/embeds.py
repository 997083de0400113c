"""Chrome-less embed pages, their oEmbed JSON, and the copy-and-paste snippet.

An embed page is one small standalone HTML file (not a Material page): its
own few lines of CSS, no scripts at all, a Content-Security-Policy that allows
nothing but that CSS, attribution and a link back to the full page. Partners
put it in an iframe; the snippet adds ``sandbox`` so that even a future bug in
the card could not script their page.
"""

from __future__ import annotations

import base64
import hashlib
from html import unescape
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..model import Entry, Pathway
from ..pages import urls
from ..pages.entry import (cost_text, countries_text, credit_text, lang_attr, status_text, tiers_text, time_text,
                           title_language)
from ..pages.html import esc, safe_url
from ..pages.pathway import is_retired, retired_text, step_time_text, totals
from ..model.duration import format_minutes
from .api import all_pathways
from .common import absolute, dumps, link, short

if TYPE_CHECKING:
    from ..site.outputs import Outputs

WIDTH = 560
ENTRY_HEIGHT = 380
STEP_HEIGHT = 56
MAX_HEIGHT = 900
SUMMARY_CHARS = 280

CSS = (
    ":root{color-scheme:light dark;--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--link:#3f51b5;--bg:#fff}"
    "@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9da7b3;--line:#3d444d;--link:#8c9eff;--bg:#161b22}}"
    "*{box-sizing:border-box}"
    "body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--fg);background:var(--bg)}"
    ".card{border:1px solid var(--line);border-radius:6px;padding:14px 16px;max-width:100%}"
    "h1{font-size:18px;margin:0 0 6px}a{color:var(--link)}"
    ".kicker,.meta,footer{color:var(--muted);font-size:13px}.kicker{margin:0 0 4px;text-transform:uppercase;letter-spacing:.04em}"
    "dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:10px 0}dt{font-weight:600}dd{margin:0}"
    "ol{padding-left:22px;margin:8px 0}li{margin:0 0 6px}"
    ".go{display:inline-block;margin:4px 0 8px;padding:6px 12px;border-radius:4px;background:var(--link);color:var(--bg);"
    "text-decoration:none;font-weight:600}"
    "footer{border-top:1px solid var(--line);margin-top:10px;padding-top:8px}"
)
# No script may run; the one <style> is allowed by its hash, so nothing else can be injected.
CSP = ("default-src 'none'; style-src 'sha256-" + base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
       + "'; img-src 'none'; base-uri 'none'; form-action 'none'")


def _page(outputs: Outputs, here: str, page_url: str, title: str, body: str) -> str:
    """The whole embed document; links open outside the iframe, in a new tab."""
    home = link(outputs, here, "")
    back = link(outputs, here, page_url)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n'
        '<meta name="referrer" content="strict-origin-when-cross-origin">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{esc(title)} | {esc(outputs.site_name)}</title>\n"
        f'<link rel="canonical" href="{esc(back)}">\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n"
        f'<article class="card">\n{body}\n'
        f'<footer>From <a href="{esc(home)}" target="_blank" rel="noopener">{esc(outputs.site_name)}</a>. '
        f'<a href="{esc(back)}" target="_blank" rel="noopener">Full details</a>. Listing is not endorsement.</footer>\n'
        "</article>\n</body>\n</html>\n"
    )


def entry_embed(outputs: Outputs, entry: Entry) -> str:
    catalog = outputs.catalog
    page_url = urls.entry(entry.id)
    here = urls.embed(page_url)
    kind = entry.type.replace("-", " ").capitalize()  # the curator's type, not a guess from resource types
    who = ", ".join([*(catalog.vocab.label("professions", p) for p in entry.professions),
                     *(catalog.vocab.label("learners", x) for x in entry.learners)]) or "Not stated"
    facts = [("Who it is for", who), ("Time", time_text(entry)), ("Cost", cost_text(catalog, entry)),
             ("Credits", unescape("; ".join(credit_text(catalog, entry))) or "Not stated"),
             ("Countries", countries_text(entry)), ("Provider", entry.provider or "Not stated")]
    status = {"paused": "Paused: not taking new learners at the moment.",
              "finished": f"{status_text(entry).split('. ')[0]}: it has ended.",
              "retired": "Retired: no longer offered."}.get(entry.status)
    body = (
        f'<p class="kicker">{esc(kind)} · {esc(tiers_text(entry))}</p>\n'
        f'<h1{lang_attr(title_language(entry))}><a href="{esc(link(outputs, here, page_url))}" target="_blank" '
        f'rel="noopener">{esc(entry.title)}</a></h1>\n'
        + (f"<p><strong>{esc(status)}</strong></p>\n" if status else "")
        + f"<p>{esc(short(entry.summary, SUMMARY_CHARS))}</p>\n"
        + "<dl>" + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts) + "</dl>\n"
        + f'<a class="go" href="{esc(safe_url(entry.url))}" target="_blank" rel="noopener external">'
          f"Go to the provider’s site</a>"
    )
    return _page(outputs, here, page_url, entry.title, body)


def pathway_embed(outputs: Outputs, pathway: Pathway) -> str:
    catalog = outputs.catalog
    page_url = urls.pathway(pathway.id)
    here = urls.embed(page_url)
    t = totals(catalog, pathway)
    time = format_minutes(t["minutes"]) if t["minutes"] else "Not stated"  # type: ignore[arg-type]
    if t["minutes"] and t["estimated_steps"]:
        time = f"About {time} (partly the curator's estimate)"
    if t["unknown_time"]:
        time += " (some steps do not say)"
    cost = "Free" if not t["paid"] else "Some steps cost money or need an account"
    steps = []
    for step in pathway.steps:
        e = catalog.entries.get(step.entry)
        if e is None:
            continue
        optional = " (optional)" if step.optional else ""
        # A retired step says so instead of giving a time for a course that is gone, as the pathway page does.
        detail = retired_text(e) if is_retired(catalog, step) else step_time_text(catalog, step)
        steps.append(f'<li><a href="{esc(link(outputs, here, urls.entry(e.id)))}" target="_blank" rel="noopener">'
                     f'{esc(e.title)}</a>{esc(optional)}<br><span class="meta">{esc(e.provider)} · '
                     f"{esc(detail)}</span></li>")
    kind = "Generated pathway" if pathway.generated else "Learning pathway"
    body = (
        f'<p class="kicker">{kind} · Tier {pathway.tier}</p>\n'
        f'<h1><a href="{esc(link(outputs, here, page_url))}" target="_blank" rel="noopener">{esc(pathway.title)}</a></h1>\n'
        f"<p>{esc(short(pathway.summary, SUMMARY_CHARS))}</p>\n"
        f"<dl><dt>Total time</dt><dd>{esc(time)}</dd><dt>Cost</dt><dd>{esc(cost)}</dd></dl>\n"
        f"<ol>{''.join(steps)}</ol>"
    )
    return _page(outputs, here, page_url, pathway.title, body)


def embed_height(pathway: Pathway | None = None) -> int:
    if pathway is None:
        return ENTRY_HEIGHT
    return min(MAX_HEIGHT, 300 + STEP_HEIGHT * len(pathway.steps))


def iframe(outputs: Outputs, page_url: str, title: str, height: int) -> str:
    """The HTML a partner pastes: a sandboxed, lazily loaded iframe of the embed page."""
    src = absolute(outputs, urls.embed(page_url))
    return (f'<iframe src="{esc(src)}" title="{esc(title)} ({esc(outputs.site_name)})" width="{WIDTH}" '
            f'height="{height}" loading="lazy" style="border:0;max-width:100%" '
            f'sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>')


def oembed(outputs: Outputs, page_url: str, title: str, height: int) -> dict[str, Any]:
    """oEmbed 1.0 'rich' response for one page, prebuilt because a static host cannot answer ?url=."""
    data: dict[str, Any] = {
        "version": "1.0", "type": "rich", "title": title, "provider_name": outputs.site_name,
        "html": iframe(outputs, page_url, title, height), "width": WIDTH, "height": height, "cache_age": 86400,
    }
    if outputs.site_url:
        data["provider_url"] = outputs.site_url
    return data


def embed_files(outputs: Outputs) -> Iterator[tuple[str, str]]:
    """Every embed page and oEmbed document, as (path in site, text)."""
    for entry in outputs.catalog.entries.values():
        page_url = urls.entry(entry.id)
        yield urls.embed(page_url) + "index.html", entry_embed(outputs, entry)
        yield urls.oembed(page_url), dumps(oembed(outputs, page_url, entry.title, embed_height()))
    for pathway in all_pathways(outputs):
        page_url = urls.pathway(pathway.id)
        yield urls.embed(page_url) + "index.html", pathway_embed(outputs, pathway)
        yield urls.oembed(page_url), dumps(oembed(outputs, page_url, pathway.title, embed_height(pathway)))
