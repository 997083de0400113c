"""Badges: the facts people choose by (tier, time, cost, format, country, provider), drawn alike everywhere.

A tier badge carries its number inside a shape of its own (circle, square,
diamond for tiers 1 to 3, then circle again), so tiers are told apart without
colour; the colour (``--portal-tier-N`` in the portal's stylesheet) only adds to it.
"""

from __future__ import annotations

from ..model import Catalog
from .html import esc


def tier_badge(catalog: Catalog, tier: int, *, short: bool = False) -> str:
    """Tier ``tier`` as a badge: a numbered mark and 'Tier N', with the tier's name as its tooltip."""
    name = catalog.framework.tiers[tier].name if tier in catalog.framework.tiers else ""
    text = f"Tier {tier}" if short or not name else f"Tier {tier}: {esc(name)}"
    return (f'<span class="portal-tier portal-tier--{tier}" title="{esc(name)}">'
            f'<span class="portal-tier__mark" aria-hidden="true">{tier}</span>{text}</span>')


def badge(text: str, kind: str = "") -> str:
    """One fact as a badge; ``kind`` (time, cost, format, country, provider) picks its icon.

    Class names are short (``pb``, ``pb-time``): a pathway or listing page repeats them
    dozens of times within its 30 KB budget."""
    if not text:
        return ""
    return f'<span class="{f"pb-{kind}" if kind else "pb"}">{esc(text)}</span>'


def badges(parts: list[str], tag: str = "span", tail: str = "") -> str:
    """A row of badges (empty ones left out), then ``tail`` (already HTML)."""
    shown = "".join(p for p in parts if p)
    return f'<{tag} class="portal-badges">{shown}{tail}</{tag}>' if shown or tail else ""


def cut(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:.–-") + "…"
