"""Group a built site's pages by kind, so that checks run on a sample of every kind.

Kinds are worked out from the URLs, not listed by hand, so a page type added
later (an embed, a coverage report, an API guide) is checked without anyone
remembering to add it: ``catalog/<id>/`` and ``catalog/page-<n>/`` are two
kinds, ``embed/catalog/<id>/`` and ``embed/pathways/<id>/`` are two more.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

# A path segment stays literal when few distinct values share its position
# ("embed/catalog", "embed/pathways"); past this it is an id ("catalog/<id>").
_FEW = 4


def _segments(rel: str) -> list[str]:
    """'catalog/x/index.html' -> ['catalog', 'x']; '404.html' -> ['404.html']."""
    parts = rel.split("/")
    return parts[:-1] if parts[-1] == "index.html" else parts


def group_pages(site: Path) -> dict[str, list[str]]:
    """Kind (like 'catalog/*/' or 'tiers/*/page-N/') -> its pages (paths relative to ``site``), sorted."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    values: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for rel in pages:
        segs = _segments(rel)
        for i, seg in enumerate(segs):
            values[tuple(segs[:i])].add(seg)
    groups: dict[str, list[str]] = defaultdict(list)
    for rel in pages:
        segs = _segments(rel)
        key = []
        for i, seg in enumerate(segs):
            if re.fullmatch(r"page-\d+", seg):
                key.append("page-N")
            elif i == 0 or (len(values[tuple(segs[:i])]) <= _FEW and not seg.isdigit()):
                key.append(seg)
            else:
                key.append("*")
        kind = "/".join(key) + ("/" if rel.endswith("index.html") else "")
        groups[kind or "/"].append(rel)
    return dict(sorted(groups.items()))


def sample(site: Path, per_kind: int = 3) -> dict[str, list[str]]:
    """Up to ``per_kind`` pages of every kind, evenly spread from its first to its last."""
    out = {}
    for kind, pages in group_pages(site).items():
        if len(pages) <= per_kind or per_kind < 2:
            out[kind] = pages[:max(per_kind, 1)] if per_kind < 2 else pages
        else:
            step = (len(pages) - 1) / (per_kind - 1)
            out[kind] = list(dict.fromkeys(pages[round(i * step)] for i in range(per_kind)))
    return out


def url_of(rel: str) -> str:
    """The URL path (relative to the site root) that serves ``rel``."""
    return rel.removesuffix("index.html")
