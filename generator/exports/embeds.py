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
import json
import re
from collections.abc import Callable, Iterator
from html import unescape
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..i18n import (Composed, Fallback, _, compose, current_language, in_language, join_marked, language_of, localized,
                    mark, ngettext, pgettext)
from ..i18n.browser import browser_messages
from ..model import Catalog, Entry, Pathway
from ..model.catalog import Part
from ..model.dates import When, build_day
from ..model.duration import format_minutes
from ..pages import urls
from ..pages.entry import (access_lines, attendance_text, cost_text, countries_text, dates_text, labels, lang_attr,
                           languages_text, marks_text, not_stated, one_credit, ordered_parts, part_details,
                           providers_text, recognition_lines, relations, run_deadline, run_is_past, run_next, run_rule,
                           run_status, run_when, status_parts, time_text, type_name)
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


def _linked(words: str, href: str, rel_: str = "noopener") -> str:
    """Words that link to ``href`` in a new tab, as text that :func:`mark` turns into the link (its words marked
    with their language), so that a message can take it as a placeholder's value (``compose``)."""
    text = Composed(words)
    text.html = f'<a href="{esc(href)}" target="_blank" rel="{esc(rel_)}">{mark(words)}</a>'
    return text


def _attribution(outputs: Outputs, here: str, page_url: str, reviewed: str = "") -> tuple[str, str]:
    """The footer every card ends with, as (HTML, plain text): source, licence, last review, link back."""
    licence = outputs.settings.licence
    # Translators: the first words of an embedded card's footer; {site} is the portal's name, a link to its home page.
    parts = [compose(pgettext("embed card", "From {site}."), site=_linked(outputs.site_name, link(outputs, here, "")))]
    if licence:
        # Translators: an embedded card's footer: the licence of its text; {licence} is the licence's name, a link.
        parts.append(compose(_("Text: {licence}."),
                             licence=_linked(licence.name, safe_url(licence.url), "noopener license")))
    if reviewed:
        parts.append(join_marked("", [reviewed, "."]))
    # Translators: the end of an embedded card's footer; {full_details} is a link to the full page: "Full details".
    parts.append(compose(_("{full_details}. Listing is not endorsement."),
                         full_details=_linked(_("Full details"), link(outputs, here, page_url))))
    footer = join_marked(" ", parts)
    return mark(footer), str(footer)


def _page(outputs: Outputs, here: str, page_url: str, title: str, body: str, footer: str) -> str:
    """The whole embed document, in the build's language; links open outside the iframe, in a new tab."""
    back = link(outputs, here, page_url)
    script = rel(here, CARD_JS)  # beside the card wherever the site is served (a preview, a mirror)
    return (
        f'<!doctype html>\n<html lang="{esc(current_language())}">\n<head>\n<meta charset="utf-8">\n'
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


def _title(outputs: Outputs, here: str, page_url: str, title: str) -> str:
    """The card's heading: a title wholly in another language says so on the heading; a generated pathway's
    title, put together from words in several languages, marks each part."""
    lang = language_of(title)
    return (f'<h1{lang_attr(lang)}><a href="{esc(link(outputs, here, page_url))}" target="_blank" '
            f'rel="noopener">{esc(title) if lang else mark(title)}</a></h1>')


def card_title(item: Entry | Pathway) -> str:
    """The title a card shows (and its page head and oEmbed document give): the entry's in the build's language
    where it has one, marked with its language where it is another."""
    return item.words("title")


def _summary(text: str) -> str:
    """A summary cut to the card's length, each part still marked with its language."""
    cut = short(text, SUMMARY_CHARS)
    if isinstance(text, Fallback):
        return in_language(cut, text.lang)
    if not isinstance(text, Composed) or cut is text:
        return cut
    kept = len(cut) - len("…")  # the same words as the plain text keeps, cut in the marked HTML
    out: list[str] = []
    open_tags = 0
    for token in _TAG.split(text.html):
        if kept <= 0:
            break
        if token.startswith("<"):
            open_tags += -1 if token.startswith("</") else 1
            out.append(token)
        elif token:
            words = unescape(token)[:kept]
            kept -= len(words)
            out.append(esc(words))
    marked = Composed(cut)
    marked.html = "".join(out) + "</span>" * open_tags + "…"
    return marked


_TAG = re.compile(r"(<[^>]+>)")


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
        when = run_when(r)
        if r.title:
            # Translators: a run's own name, then when it takes place: "Spring cohort: Starts 3 March 2027".
            when = compose(pgettext("a run's name and dates", "{run}: {when}"), run=localized(r.title), when=when)
        parts = [_("Past: ") if run_is_past(r, today) else "", when, "."]
        if r.recurrence:
            parts += [" ", run_rule(r), "."]
            upcoming = run_next(r, today, CARD_NEXT)
            if upcoming:
                parts += [" ", upcoming, "."]
        for extra in (run_deadline(r), run_status(r)):
            if extra:
                parts += [" ", extra, "."]
        out.append(join_marked("", [p for p in parts if p]))
    hidden = len(ordered) - len(shown[:CARD_RUNS])
    if hidden:
        out.append(ngettext("{n} other date on the full page.", "{n} other dates on the full page.", hidden)
                   .format(n=hidden))
    return out


def _part_title(part: Part) -> str:
    """A module's title, marked with its language (``title_lang``) where that is not the card's."""
    return localized({part.title_lang: part.title}, part.title_lang) if part.title_lang else part.title


def _modules_lines(catalog: Catalog, entry: Entry) -> list[str]:
    """The modules as a count, then one line each with its code, time, credits and whether it is optional."""
    n = len(entry.parts)
    out = [ngettext("{n} module or session:", "{n} modules or sessions:", n).format(n=n)]
    for i, part in enumerate(ordered_parts(entry), 1):
        title = _part_title(part)
        if part.code:
            # Translators: a module's code, then its title: "M2: Getting started".
            title = compose(pgettext("a module's code and title", "{code}: {title}"), code=part.code, title=title)
        details = part_details(catalog, part)
        out.append(join_marked("", [f"{i}. ", title, *([" (", details, ")"] if details else [])]))
    return out


# A fact on a card: its name, then its value's lines (plain text, each part marked with its language).
Fact = tuple[str, list[str]]


def _entry_facts(catalog: Catalog, entry: Entry) -> list[Fact]:
    """Every kind of fact the entry page shows, when the curator gave it, in the page's words."""
    who = join_marked(", ", [*(catalog.vocab.label("professions", p) for p in entry.professions),
                             *(catalog.vocab.label("learners", x) for x in entry.learners)]) or not_stated()
    credits = [pgettext("no credits", "None")] if entry.credits_none else \
        [one_credit(catalog, c) for c in entry.credits] or [not_stated()]
    facts: list[Fact] = [(_("Who it is for"), [who])]
    if entry.age_groups:
        facts.append((_("Patients"), [labels(catalog, "age_groups", entry.age_groups)]))
    facts += [(pgettext("fact: study time", "Time"), [time_text(entry)]),
              (pgettext("fact", "Cost"), [cost_text(catalog, entry)]), (pgettext("fact", "Credits"), credits)]
    if entry.recognition:
        facts.append((_("Recognition"), recognition_lines(entry)))
    if entry.attendance_record:
        facts.append((_("Attendance"), [attendance_text(entry)]))
    facts += [(pgettext("fact", "Language"), [languages_text(catalog, entry)]),
              (pgettext("fact", "Countries"), [countries_text(entry)]),
              (pgettext("fact", "Provider"), [providers_text(entry) or not_stated()])]
    if access_lines(catalog, entry):
        facts.append((_("Access"), access_lines(catalog, entry)))
    if dates_text(entry):
        facts.append((pgettext("fact", "Dates"), [dates_text(entry)]))
    if entry.runs:
        facts.append((_("When"), _runs_lines(entry)))
    if entry.parts:
        facts.append((_("Modules"), _modules_lines(catalog, entry)))
    linked = [join_marked("", [how, sep, " ", catalog.entries[eid].words("title")])
              for how, sep, eid in relations(entry) if eid in catalog.entries]
    if linked:
        facts.append((_("Related"), linked))
    if entry.note:
        facts.append((_("Curator’s note"), [entry.words("note")]))
    return facts


def _entry_status(entry: Entry) -> str:
    """What a card says, in bold, of an entry that is no longer active; '' for an active one."""
    if entry.status == "paused":
        return _("Paused: not taking new learners at the moment.")
    if entry.status == "finished":
        # Translators: {status} says when an entry finished ("Finished in May 2026", or "Finished").
        return compose(_("{status}: it has ended."), status=status_parts(entry)[0])
    if entry.status == "retired":
        return _("Retired: no longer offered.")
    return ""


def _entry_card(outputs: Outputs, entry: Entry, here: str) -> tuple[str, str, cardsize.Card]:
    """The entry card's body and footer HTML, and what the size estimate needs; the primary action comes early.

    Every kind of fact the entry page shows has its line here when the curator gave it, in the page's
    words; a value of several lines keeps them apart (one per run, module or access rule).
    """
    page_url = urls.entry(entry.id)
    facts = _entry_facts(outputs.catalog, entry)
    status = _entry_status(entry)
    # The curator's type, not a guess from resource types.
    kicker = join_marked(" · ", [type_name(entry.type),
                                 join_marked(", ", [_("Tier {number}").format(number=t) for t in entry.tiers])])
    title = card_title(entry)
    action = _("Go to the provider’s site")
    summary = _summary(entry.words("summary"))
    marks = marks_text(entry)  # which facts the curator inferred or gave as approximate
    body = (
        f'<p class="kicker">{mark(kicker)}</p>\n{_title(outputs, here, page_url, title)}\n'
        + (f"<p><strong>{mark(status)}</strong></p>\n" if status else "")
        + f'<p><a class="go" href="{esc(safe_url(entry.url))}" target="_blank" rel="noopener external">'
          f"{mark(action)}</a></p>\n"
        # What it is before the facts, which may run long (every run, module and access rule).
        + f"<p>{mark(summary)}</p>\n" + _facts_html(facts)
        + (f'\n<p class="meta">{mark(marks)}</p>' if marks else "")
    )
    footer, footer_text = _attribution(outputs, here, page_url, review_text(entry))
    size = cardsize.Card(kicker=str(kicker), title=str(title), action=str(action), status=str(status),
                         facts=_facts_text(facts), summary=str(summary), notes=[str(marks)] if marks else [],
                         footer=footer_text)
    return body, footer, size


def _facts_html(facts: list[Fact]) -> str:
    """The facts as a description list; a value's lines (and any line breaks in the curator's text) stay apart."""
    return "<dl>" + "".join(f"<dt>{mark(k)}</dt><dd>{'<br>'.join(mark(x) for x in v).replace(chr(10), '<br>')}</dd>"
                            for k, v in facts) + "</dl>"


def _facts_text(facts: list[Fact]) -> list[tuple[str, str]]:
    """The facts as the size estimate reads them: plain text, a value's lines apart."""
    return [(str(k), "\n".join(str(x) for x in v)) for k, v in facts]


def _pathway_time(t: dict[str, object]) -> str:
    """A pathway's total study time in brief, saying when part of it is estimated or missing."""
    time = format_minutes(t["minutes"]) if t["minutes"] else not_stated()  # type: ignore[arg-type]
    if t["minutes"] and t["estimated_steps"]:
        # Translators: a pathway's total study time on its card, when the curator estimated some steps' time.
        time = _("About {time} (partly the curator's estimate)").format(time=time)
    if t["unknown_time"]:
        # Translators: a pathway's total study time (or "Not stated") on its card, when some steps give no time.
        time = compose(_("{time} (some steps do not say)"), time=time)
    return time


def _pathway_card(outputs: Outputs, pathway: Pathway, here: str) -> tuple[str, str, cardsize.Card]:
    catalog = outputs.catalog
    page_url = urls.pathway(pathway.id)
    t = totals(catalog, pathway)
    cost = _("Free") if not t["paid"] else _("Some steps cost money or need an account")
    steps, step_text = [], []
    for step in pathway.steps:
        e = catalog.entries.get(step.entry)
        if e is None:
            continue
        title = e.words("title")
        # Translators: after an optional step's title on a pathway's embedded card.
        optional = pgettext("a step", "(optional)") if step.optional else ""
        # A retired step says so instead of giving a time for a course that is gone, as the pathway page does.
        detail = join_marked(" · ", [e.provider, retired_text(e) if is_retired(catalog, step)
                                     else step_time_text(catalog, step)])
        steps.append(f'<li><a href="{esc(link(outputs, here, urls.entry(e.id)))}" target="_blank" rel="noopener"'
                     f'{lang_attr(language_of(title))}>{esc(title)}</a>{" " + mark(optional) if optional else ""}'
                     f'<br><span class="meta">{mark(detail)}</span></li>')
        step_text.append((f"{title} {optional}" if optional else str(title), str(detail)))
    kicker = join_marked(" · ", [_("Generated pathway") if pathway.generated else _("Learning pathway"),
                                 _("Tier {number}").format(number=pathway.tier)])
    action = ngettext("Open the pathway: {n} step", "Open the pathway: {n} steps", len(steps)).format(n=len(steps))
    facts: list[Fact] = [(_("Total time"), [_pathway_time(t)]), (pgettext("fact", "Cost"), [cost])]
    title = card_title(pathway)
    summary = _summary(pathway.words("summary"))
    body = (
        f'<p class="kicker">{mark(kicker)}</p>\n{_title(outputs, here, page_url, title)}\n'
        f'<p><a class="go" href="{esc(link(outputs, here, page_url))}" target="_blank" rel="noopener">'
        f"{mark(action)}</a></p>\n"
        + _facts_html(facts) + "\n"
        f"<p>{mark(summary)}</p>\n<ol>{''.join(steps)}</ol>"
    )
    footer, footer_text = _attribution(outputs, here, page_url,
                                       _("Last reviewed {date}").format(date=pathway.reviewed) if pathway.reviewed else "")
    size = cardsize.Card(kicker=str(kicker), title=str(title), action=str(action), facts=_facts_text(facts),
                         summary=str(summary), steps=step_text, footer=footer_text)
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
    return _page(outputs, here, page_url, card_title(item), body, footer)


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
    title = str(card_title(item))
    data: dict[str, Any] = {
        "version": "1.0", "type": "rich", "title": title, "provider_name": outputs.site_name,
        "html": iframe(outputs, page_url, title, height), "width": WIDTH, "height": height,
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


# Where native.js takes the build's language and words: it runs in partners' pages, so it cannot load the
# portal's messages file (generator/i18n/browser.py) or read the page's language, which is the partner's.
NATIVE_WORDS = "{} /* the build's language and words */"


def native_script(source: str) -> str:
    """``embed/native.js`` with this build's language and its translations of the script's words written in."""
    words = browser_messages(["native.js"]) or {"lang": current_language(), "plural": {}, "messages": {}}
    if NATIVE_WORDS not in source:  # pragma: no cover - a fault in the shipped script, caught by the tests
        raise ValueError("native.js has lost the place for its words")
    return source.replace(NATIVE_WORDS, json.dumps(words, ensure_ascii=False, sort_keys=True), 1)


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
    yield NATIVE_JS, native_script(folder.joinpath("native.js").read_text(encoding="utf-8"))
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
