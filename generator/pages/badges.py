"""Badges: the facts people choose by (tier, time, cost, format, country, provider), drawn alike everywhere.

A tier badge (``pt``) carries its number inside a shape of its own (circle,
square, diamond for tiers 1 to 3), so tiers are told apart without colour; the
colour (``--portal-tier-N`` in the portal's stylesheet) only adds to it.
"""

from __future__ import annotations

from ..i18n import Composed, Fallback, _, current_language, in_language, join_marked, language_parts, mark, mark_format
from ..model import Catalog, Entry
from ..model.places import country_name
from .html import esc


def tier_badge(catalog: Catalog, tier: int, *, short: bool = False) -> str:
    """Tier ``tier`` as a badge: a numbered mark and 'Tier N', with the tier's name as its tooltip."""
    name = catalog.framework.tiers[tier].name if tier in catalog.framework.tiers else ""
    text = (mark_format(_("Tier {number}"), number=tier) if short or not name
            else mark_format(_("Tier {number}: {name}"), number=tier, name=name))
    # Short class names: listings repeat this badge on every card within a 30 KB page.
    return f'<span class="pt pt{tier}"><span aria-hidden="true">{tier}</span>{text}</span>'


def badge(text: str, kind: str = "") -> str:
    """One fact as a badge; ``kind`` (time, cost, format, country, provider) picks its icon.

    Class names are short (``pb``, ``pb-time``): a pathway or listing page repeats them
    dozens of times within its 30 KB budget."""
    if not text:
        return ""
    return f'<span class="{f"pb-{kind}" if kind else "pb"}">{mark(text)}</span>'


def badges(parts: list[str], tag: str = "span", tail: str = "") -> str:
    """A row of badges (empty ones left out), then ``tail`` (already HTML)."""
    shown = "".join(p for p in parts if p)
    return f'<{tag} class="portal-badges">{shown}{tail}</{tag}>' if shown or tail else ""


def cut(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut
    (still marked with its language when it was)."""
    whole = " ".join(text.split())
    if len(whole) <= limit:
        return in_language(whole, text.lang) if isinstance(text, Fallback) else whole
    text = in_language(whole, text.lang) if isinstance(text, Fallback) else whole
    head = text[:limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    head = head.rstrip(" ,;:.–-") + "…"
    return in_language(head, text.lang) if isinstance(text, Fallback) else head


def cut_parts(text: str, limit: int) -> list[tuple[str, str]]:
    """:func:`cut`'s text as runs of (words, language), for a script that marks each run (``language_parts``)."""
    if not isinstance(text, Composed):  # one language throughout: cut() keeps its mark
        short = cut(text, limit)
        return [(str(short), short.lang if isinstance(short, Fallback) else "")] if short else []
    chars = [(char, lang) for words, lang in language_parts(text) for char in words]
    squeezed: list[tuple[str, str]] = []  # white space squeezed as cut() squeezes it, across runs
    for char, lang in chars:
        if not char.isspace():
            squeezed.append((char, lang))
        elif squeezed and squeezed[-1][0] != " ":
            squeezed.append((" ", lang))
    if squeezed and squeezed[-1][0] == " ":
        squeezed.pop()
    whole = "".join(char for char, _lang in squeezed)
    short = cut(whole, limit)
    if short != whole:  # a prefix of the text and an ellipsis, in the language of the last word kept
        squeezed = squeezed[:len(short) - 1] + [("…", squeezed[max(len(short) - 2, 0)][1])]
    runs: list[tuple[str, str]] = []
    for char, lang in squeezed:
        if runs and runs[-1][1] == lang:
            runs[-1] = (runs[-1][0] + char, lang)
        else:
            runs.append((char, lang))
    return runs


def entry_badges(catalog: Catalog, entry: Entry, *, provider: bool = True) -> str:
    """An entry's choosing facts as badges, always in one order: tier, time, cost, format, country, provider."""
    v = catalog.vocab
    time = entry.duration.describe() if entry.duration else ""
    return badges([
        *(tier_badge(catalog, t, short=True) for t in entry.tiers),
        badge(cut(time, 40), "time"),
        badge(v.label("cost", entry.cost) if entry.cost else "", "cost"),
        badge(join_marked(", ", [v.label("formats", f) for f in entry.formats[:2]]), "format"),
        badge(join_marked(", ", [country_name(c) for c in entry.countries[:2]]), "country"),
        badge(cut(entry.provider, 60), "provider") if provider else "",
    ])


# An entry's card, less its link, per (catalog, entry, language, summary length): an entry is listed on the
# catalog's pages, its tiers' and a page for each of its roles, settings, audiences..., all drawn in one build.
# Kept with the catalog and entry themselves, so another catalog's entry never gets it; emptied by forget_cards().
_CARDS: dict[tuple[int, int, str, int], tuple[Catalog, Entry, str]] = {}


def forget_cards() -> None:
    """Let go of the cards drawn so far (at the end of a build's pages)."""
    _CARDS.clear()


def entry_card(catalog: Catalog, here: str, entry: Entry, *, summary: int = 120) -> str:
    """One entry in a listing: its title, its summary cut at a word (none if ``summary`` is 0), and its facts
    as badges."""
    key = (id(catalog), id(entry), current_language(), summary)
    kept = _CARDS.get(key)
    if kept is None or kept[0] is not catalog or kept[1] is not entry:
        flag = {"paused": f' <span class="pb-paused">{mark(_("Paused"))}</span>',
                "finished": f' <span class="pb-paused">{mark(_("Finished"))}</span>'}.get(entry.status, "")
        text = f"<p>{mark(cut(entry.words('summary'), summary))}</p>" if summary else ""
        kept = _CARDS[key] = (catalog, entry, f"{flag}{text}{entry_badges(catalog, entry)}</li>")
    from .entry import entry_link  # entry.py builds on this module's badges

    return f'<li class="portal-card">{entry_link(here, entry)}{kept[2]}'
