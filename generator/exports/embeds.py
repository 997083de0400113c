"""Chrome-less embed cards, their oEmbed JSON, the copy-and-paste snippet and the partners' scripts.

An embed card is one small standalone HTML file (not a Material page): its own
few lines of CSS, one script file that reports the card's height to the host
page, a Content-Security-Policy that allows nothing else, attribution, the
content licence and a link back to the full page. Partners put it in an iframe
whose ``sandbox`` lets it run that script in an opaque origin, never touch
their page. A host that adds ``embed/host.js`` gets frames that follow their
cards' heights; without it, the snippet's height, worked out per card from its
text (:mod:`.cardsize`), still holds the whole card. ``embed/native.js`` draws
an entry or pathway from the JSON API straight into the host page instead.
"""

from __future__ import annotations

import base64
import hashlib
from html import unescape
from collections.abc import Callable, Iterator
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..i18n import _, current_language, ngettext, pgettext
from ..model import Catalog, Entry, Pathway
from ..model.dates import When, build_day
from ..model.duration import format_minutes
from ..pages import urls
from ..pages.entry import (access_lines, attendance_text, cost_text, countries_text, credit_text, dates_text,
                           labels, lang_attr, languages_text, marks_text, ordered_parts, part_details, providers_text,
                           recognition_lines, relations, run_deadline, run_is_past, run_next, run_rule, run_status,
                           run_when, status_text, tiers_text, time_text, title_language)
from ..pages.html import esc, rel, safe_url
from ..pages.pathway import is_retired, retired_text, step_time_text, totals
from . import cardsize
from .api import all_pathways
from .common import absolute, dumps, entry_updated, link, or_none, review_text, short
from .redirects import renames

if TYPE_CHECKING:
    from ..outputs import Outputs

WIDTH = 560
SUMMARY_CHARS = 280
THEMES = ("light", "dark", "auto")
CARD_JS = "embed/card.js"
HOST_JS = "embed/host.js"
NATIVE_JS = "embed/native.js"
RESIZER_LICENCE = "embed/open-iframe-resizer.LICENSE.txt"

_Z = cardsize
_LIGHT = "--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--link:#3f51b5;--bg:#fff;color-scheme:light"
_DARK = "--fg:#e6edf3;--muted:#9da7b3;--line:#3d444d;--link:#8c9eff;--bg:#161b22;color-scheme:dark"
CSS = (
    # Light unless the partner asks otherwise in the snippet's address: #dark, or #auto to follow the reader.
    f":root{{{_LIGHT}}}:root:has(#dark:target){{{_DARK}}}"
    f"@media (prefers-color-scheme:dark){{:root:has(#auto:target){{{_DARK}}}}}"
    "*{box-sizing:border-box}"
    f"body{{margin:0;font:{_Z.FONT}px/{_Z.LINE} system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
    "color:var(--fg);background:var(--bg);overflow-wrap:anywhere}"
    f".card{{border:{_Z.BORDER}px solid var(--line);border-radius:6px;padding:{_Z.PAD_Y}px {_Z.PAD_X}px}}"
    f"h1{{font-size:{_Z.TITLE}px;line-height:{_Z.TITLE_LINE};margin:0 0 6px}}a{{color:var(--link)}}"
    f"p{{margin:0 0 {_Z.GAP}px}}"
    f".kicker,.meta,footer{{color:var(--muted);font-size:{_Z.SMALL}px}}"
    ".kicker{margin:0 0 4px;text-transform:uppercase;letter-spacing:.04em}"
    f"dl{{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:{_Z.GAP}px 0}}"
    f"@media (max-width:{_Z.STACK_BELOW - 1}px){{dl{{grid-template-columns:1fr;gap:0}}dd{{margin-bottom:4px}}}}"
    "dt{font-weight:600}dd{margin:0}"
    f"ol{{padding-left:{_Z.LIST_INDENT}px;margin:{_Z.GAP}px 0}}li{{margin:0 0 6px}}"
    f".go{{display:inline-block;margin:4px 0 0;padding:{_Z.BUTTON_Y}px {_Z.BUTTON_X}px;border-radius:4px;"
    "background:var(--link);color:var(--bg);text-decoration:none;font-weight:600}"
    "footer{border-top:1px solid var(--line);margin-top:10px;padding-top:8px}"
)
# Only the card's own script file may run (it reports the card's height); the one <style> is allowed by its hash.
CSP = ("default-src 'none'; script-src 'self'; style-src 'sha256-"
       + base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
       + "'; img-src 'none'; base-uri 'none'; form-action 'none'")


def _attribution(outputs: Outputs, here: str, page_url: str, reviewed: str = "") -> tuple[str, str]:
    """The footer every card ends with, as (HTML, plain text): source, licence, last review, link back."""
    home = link(outputs, here, "")
    back = link(outputs, here, page_url)
    licence = outputs.settings.licence
    parts_html = [f'From <a href="{esc(home)}" target="_blank" rel="noopener">{esc(outputs.site_name)}</a>.']
    parts_text = [f"From {outputs.site_name}."]
    if licence:
        parts_html.append(f'Text: <a href="{esc(safe_url(licence.url))}" target="_blank" rel="noopener license">'
                          f"{esc(licence.name)}</a>.")
        parts_text.append(f"Text: {licence.name}.")
    if reviewed:
        parts_html.append(f"{esc(reviewed)}.")
        parts_text.append(f"{reviewed}.")
    parts_html.append(f'<a href="{esc(back)}" target="_blank" rel="noopener">Full details</a>. '
                      "Listing is not endorsement.")
    parts_text.append("Full details. Listing is not endorsement.")
    return " ".join(parts_html), " ".join(parts_text)


def _page(outputs: Outputs, here: str, page_url: str, title: str, body: str, footer: str) -> str:
    """The whole embed document; links open outside the iframe, in a new tab."""
    back = link(outputs, here, page_url)
    script = rel(here, CARD_JS)  # beside the card wherever the site is served (a preview, a mirror)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n'
        '<meta name="referrer" content="strict-origin-when-cross-origin">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{esc(title)} | {esc(outputs.site_name)}</title>\n"
        f'<link rel="canonical" href="{esc(back)}">\n'
        f"<style>{CSS}</style>\n"
        f'<script src="{esc(script)}" defer></script>\n</head>\n<body>\n'
        # Targets of the #dark and #auto theme choices (see CSS): empty, and first, so nothing scrolls.
        '<span id="dark" hidden></span><span id="auto" hidden></span>\n'
        f'<article class="card">\n{body}\n<footer>{footer}</footer>\n</article>\n</body>\n</html>\n'
    )


def _title(outputs: Outputs, here: str, page_url: str, title: str, lang: str = "") -> str:
    return (f'<h1{lang_attr(lang)}><a href="{esc(link(outputs, here, page_url))}" target="_blank" rel="noopener">'
            f"{esc(title)}</a></h1>")


# How many runs a card lists before it sends the reader to the full page, and how many next dates per run.
CARD_RUNS = 3
CARD_NEXT = 3


def _runs_lines(entry: Entry) -> list[str]:
    """The runs still to come (or, when all are past, the latest), each in the entry page's words."""
    today = build_day()
    ordered = sorted(entry.runs, key=lambda r: (When.parse(r.start).first_day(), r.id))
    shown = [r for r in ordered if not run_is_past(r, today)] or ordered[-1:]
    out = []
    for r in shown[:CARD_RUNS]:
        past = _("Past: ") if run_is_past(r, today) else ""
        line = f"{past}{r.title + ': ' if r.title else ''}{run_when(r)}."
        if r.recurrence:
            line += f" {run_rule(r)}."
            upcoming = run_next(r, today, CARD_NEXT)
            if upcoming:
                line += f" {upcoming}."
        out.append(line + "".join(f" {x}." for x in (run_deadline(r), run_status(r)) if x))
    hidden = len(ordered) - len(shown[:CARD_RUNS])
    if hidden:
        out.append(ngettext("{n} other date on the full page.", "{n} other dates on the full page.", hidden)
                   .format(n=hidden))
    return out


def _modules_lines(catalog: Catalog, entry: Entry) -> list[str]:
    """The modules as a count, then one line each with its code, time, credits and whether it is optional."""
    n = len(entry.parts)
    out = [ngettext("{n} module or session:", "{n} modules or sessions:", n).format(n=n)]
    for i, part in enumerate(ordered_parts(entry), 1):
        details = part_details(catalog, part)
        out.append(f"{i}. {part.code + ': ' if part.code else ''}{part.title}" + (f" ({details})" if details else ""))
    return out


def _entry_card(outputs: Outputs, entry: Entry, here: str) -> tuple[str, str, cardsize.Card]:
    """The entry card's body and footer HTML, and what the size estimate needs; the primary action comes early.

    Every kind of fact the entry page shows has its line here when the curator gave it, in the page's
    words; a value of several lines keeps them apart (one per run, module or access rule).
    """
    catalog = outputs.catalog
    page_url = urls.entry(entry.id)
    kind = entry.type.replace("-", " ").capitalize()  # the curator's type, not a guess from resource types
    who = ", ".join([*(catalog.vocab.label("professions", p) for p in entry.professions),
                     *(catalog.vocab.label("learners", x) for x in entry.learners)]) or "Not stated"
    facts: list[tuple[str, str]] = [("Who it is for", who)]
    if entry.age_groups:
        facts.append((_("Patients"), labels(catalog, "age_groups", entry.age_groups)))
    facts += [("Time", time_text(entry)), ("Cost", cost_text(catalog, entry)),
              ("Credits", "\n".join(unescape(c) for c in credit_text(catalog, entry)) or "Not stated")]
    if entry.recognition:
        facts.append((_("Recognition"), "\n".join(recognition_lines(entry))))
    if entry.attendance_record:
        facts.append((_("Attendance"), attendance_text(entry)))
    facts += [(pgettext("fact", "Language"), languages_text(catalog, entry)), ("Countries", countries_text(entry)),
              ("Provider", providers_text(entry) or "Not stated")]
    if access_lines(catalog, entry):
        facts.append((_("Access"), "\n".join(access_lines(catalog, entry))))
    if dates_text(entry):
        facts.append((pgettext("fact", "Dates"), dates_text(entry)))
    if entry.runs:
        facts.append((_("When"), "\n".join(_runs_lines(entry))))
    if entry.parts:
        facts.append((_("Modules"), "\n".join(_modules_lines(catalog, entry))))
    linked = [f"{how}{sep} {catalog.entries[eid].title}" for how, sep, eid in relations(entry) if eid in catalog.entries]
    if linked:
        facts.append((_("Related"), "\n".join(linked)))
    if entry.note:
        facts.append((_("Curator’s note"), entry.note))
    status = {"paused": "Paused: not taking new learners at the moment.",
              "finished": f"{status_text(entry).split('. ')[0]}: it has ended.",
              "retired": "Retired: no longer offered."}.get(entry.status, "")
    kicker = f"{kind} · {tiers_text(entry)}"
    action = "Go to the provider’s site"
    summary = short(entry.summary, SUMMARY_CHARS)
    marks = marks_text(entry)  # which facts the curator inferred or gave as approximate
    body = (
        f'<p class="kicker">{esc(kicker)}</p>\n{_title(outputs, here, page_url, str(entry.words("title")), title_language(entry))}\n'
        + (f"<p><strong>{esc(status)}</strong></p>\n" if status else "")
        + f'<p><a class="go" href="{esc(safe_url(entry.url))}" target="_blank" rel="noopener external">'
          f"{action}</a></p>\n"
        # What it is before the facts, which may run long (every run, module and access rule).
        + f"<p>{esc(summary)}</p>\n" + _facts_html(facts)
        + (f'\n<p class="meta">{esc(marks)}</p>' if marks else "")
    )
    footer, footer_text = _attribution(outputs, here, page_url, review_text(entry))
    size = cardsize.Card(kicker=kicker, title=entry.title, action=action, status=status, facts=facts,
                         summary=summary, notes=[marks] if marks else [], footer=footer_text)
    return body, footer, size


def _facts_html(facts: list[tuple[str, str]]) -> str:
    """The facts as a description list; a value's lines stay apart."""
    return "<dl>" + "".join(f"<dt>{esc(k)}</dt><dd>{'<br>'.join(esc(x) for x in v.split(chr(10)))}</dd>"
                            for k, v in facts) + "</dl>"


def _pathway_card(outputs: Outputs, pathway: Pathway, here: str) -> tuple[str, str, cardsize.Card]:
    catalog = outputs.catalog
    page_url = urls.pathway(pathway.id)
    t = totals(catalog, pathway)
    time = format_minutes(t["minutes"]) if t["minutes"] else "Not stated"  # type: ignore[arg-type]
    if t["minutes"] and t["estimated_steps"]:
        time = f"About {time} (partly the curator's estimate)"
    if t["unknown_time"]:
        time += " (some steps do not say)"
    cost = "Free" if not t["paid"] else "Some steps cost money or need an account"
    steps, step_text = [], []
    for step in pathway.steps:
        e = catalog.entries.get(step.entry)
        if e is None:
            continue
        optional = " (optional)" if step.optional else ""
        # A retired step says so instead of giving a time for a course that is gone, as the pathway page does.
        detail = f"{e.provider} · " + (retired_text(e) if is_retired(catalog, step) else step_time_text(catalog, step))
        steps.append(f'<li><a href="{esc(link(outputs, here, urls.entry(e.id)))}" target="_blank" rel="noopener">'
                     f'{esc(e.title)}</a>{esc(optional)}<br><span class="meta">{esc(detail)}</span></li>')
        step_text.append((e.title + optional, detail))
    kicker = f"{'Generated pathway' if pathway.generated else 'Learning pathway'} · Tier {pathway.tier}"
    action = f"Open the pathway: {len(steps)} step{'s' if len(steps) != 1 else ''}"
    facts = [("Total time", time), ("Cost", cost)]
    summary = short(pathway.summary, SUMMARY_CHARS)
    body = (
        f'<p class="kicker">{esc(kicker)}</p>\n{_title(outputs, here, page_url, pathway.title)}\n'
        f'<p><a class="go" href="{esc(link(outputs, here, page_url))}" target="_blank" rel="noopener">'
        f"{esc(action)}</a></p>\n"
        + _facts_html(facts) + "\n"
        f"<p>{esc(summary)}</p>\n<ol>{''.join(steps)}</ol>"
    )
    footer, footer_text = _attribution(outputs, here, page_url,
                                       _("Last reviewed {date}").format(date=pathway.reviewed) if pathway.reviewed else "")
    size = cardsize.Card(kicker=kicker, title=pathway.title, action=action, facts=facts, summary=summary,
                         steps=step_text, footer=footer_text)
    return body, footer, size


def _card(outputs: Outputs, item: Entry | Pathway, here: str) -> tuple[str, str, cardsize.Card]:
    """The card's body, footer and measurements, drawn once per build and language (its file, its oEmbed
    height and its page's snippet all need it)."""
    return _remembered(outputs, ("embed card", current_language(), here), item, lambda: (
        _entry_card(outputs, item, here) if isinstance(item, Entry) else _pathway_card(outputs, item, here)))


def _remembered(outputs: Outputs, key: tuple[object, ...], item: Entry | Pathway, work: Callable[[], Any]) -> Any:
    """``work()`` for ``item``, done once per build: remembered with the item itself, so that another item
    (even one with the same id) never gets its result."""
    slot = (*key, id(item))
    kept = outputs.memo.get(slot)
    if kept is None or kept[0] is not item:  # type: ignore[index]
        kept = outputs.memo[slot] = (item, work())
    return kept[1]  # type: ignore[index]


def page_url_of(item: Entry | Pathway, item_id: str = "") -> str:
    """The page URL of an entry or pathway, or the one it had under a former id."""
    return (urls.entry if isinstance(item, Entry) else urls.pathway)(item_id or item.id)


def embed_page(outputs: Outputs, item: Entry | Pathway, here: str = "") -> str:
    """The card of an entry or pathway, as published at ``here`` (its embed URL, or a former one)."""
    page_url = page_url_of(item)
    here = here or urls.embed(page_url)
    body, footer, _size = _card(outputs, item, here)
    return _page(outputs, here, page_url, item.title, body, footer)


def embed_heights(outputs: Outputs, item: Entry | Pathway) -> dict[int, int]:
    """The frame height that holds the whole card, per column width class (see cardsize.WIDTHS)."""
    return _remembered(outputs, ("embed heights", current_language()), item,
                       lambda: cardsize.heights(_card(outputs, item, urls.embed(page_url_of(item)))[2]))


def embed_height(outputs: Outputs, item: Entry | Pathway) -> int:
    """The snippet's height: enough for the narrowest column, so it never cuts the card off."""
    return max(embed_heights(outputs, item).values())


def iframe(outputs: Outputs, page_url: str, title: str, height: int, theme: str = "light") -> str:
    """The HTML a partner pastes: a sandboxed, lazily loaded iframe of the card, as wide as its column.

    No ``style`` attribute (a host's ``style-src`` may forbid it): ``width="100%"`` follows the column and
    ``frameborder="0"`` keeps the frame's default border from pushing it wider than the column.
    ``allow-scripts`` without ``allow-same-origin`` lets the card report its height and nothing more.
    """
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}; got {theme!r}")
    src = absolute(outputs, urls.embed(page_url)) + ("" if theme == "light" else f"#{theme}")
    return (f'<iframe src="{esc(src)}" title="{esc(title)}" width="100%" '
            f'height="{height}" frameborder="0" loading="lazy" data-portal-embed '
            f'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>')


def oembed(outputs: Outputs, item: Entry | Pathway) -> dict[str, Any]:
    """oEmbed 1.0 'rich' response for one page, prebuilt because a static host cannot answer ?url=.

    Beyond oEmbed's own fields (which it allows), it names the content licence, the last review
    (``reviewed``, when recorded) and, for an entry, its last check (``updated``), as the API does.
    """
    page_url = page_url_of(item)
    height = embed_height(outputs, item)
    data: dict[str, Any] = {
        "version": "1.0", "type": "rich", "title": item.title, "provider_name": outputs.site_name,
        "html": iframe(outputs, page_url, item.title, height), "width": WIDTH, "height": height,
        "cache_age": 86400,
    }
    if outputs.site_url:
        data["provider_url"] = outputs.site_url
    licence = outputs.settings.licence
    if licence:
        data["license"], data["license_url"] = licence.name, licence.url
    if isinstance(item, Entry):
        data["reviewed"], data["updated"] = or_none(item.reviewed), or_none(entry_updated(item))
    else:
        data["reviewed"] = or_none(item.reviewed)
    return data


def script_files(outputs: Outputs) -> Iterator[tuple[str, str]]:
    """The card's height reporter, the host page's resizer, the native renderer, and the resizer's licence.

    Both resizer files carry @open-iframe-resizer/core (MIT), vendored as its published UMD build and run
    inside a function so that it adds no global name to the partner's page.
    """
    folder = resources.files("generator") / "assets" / "embed"
    library = folder.joinpath("open-iframe-resizer.umd.js").read_text(encoding="utf-8").strip()
    banner = (f"/*! @open-iframe-resizer/core 2.1.0 | MIT licence | https://github.com/Lemick/open-iframe-resizer"
              f" | {absolute(outputs, RESIZER_LICENCE)} */\n")
    wrapped = f"(function(){{var module={{exports:{{}}}},exports=module.exports;\n{library}\nreturn module.exports;}})()"
    yield CARD_JS, f"{banner}{wrapped};\n"
    host = folder.joinpath("host-start.js").read_text(encoding="utf-8")
    yield HOST_JS, f"{banner}(function(portalResizer){{\n{host}}})({wrapped});\n"
    yield NATIVE_JS, folder.joinpath("native.js").read_text(encoding="utf-8")
    yield RESIZER_LICENCE, folder.joinpath("open-iframe-resizer.LICENSE.txt").read_text(encoding="utf-8")


def embed_files(outputs: Outputs) -> Iterator[tuple[str, str]]:
    """Every card and oEmbed document, at the current address and at every former one (``aliases``).

    A former address serves the current card itself, not a redirect: a sandboxed iframe may not follow a
    meta refresh, and an embed pasted before the rename must keep working. Its canonical link names the
    current page.
    """
    yield from script_files(outputs)
    former = renames(outputs)
    items: list[Entry | Pathway] = [*outputs.catalog.entries.values(), *all_pathways(outputs)]
    for item in items:
        text = dumps(oembed(outputs, item))
        page_url = page_url_of(item)
        for address in (page_url, *(page_url_of(item, old) for old in former.get(page_url, []))):
            yield urls.embed(address) + "index.html", embed_page(outputs, item, urls.embed(address))
            yield urls.oembed(address), text
