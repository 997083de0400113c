"""Curators' report: what is due for review, and what may be listed twice.

Works on plain records so that ``portal report`` can run on a catalog that
still has validation errors elsewhere, and the site's curators' page can run
on the typed catalog.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..load.project import Document, Kind
from ..model import Catalog

TITLE_THRESHOLD = 0.88
DUE_SOON_DAYS = 30
# Tracking parameters never change what a page is.
_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)$")
# Words a title may differ by without being a different thing.
_NOISE = re.compile(r"\b(the|a|an|and|of|for|in|to|on|with)\b")


@dataclass(frozen=True)
class Record:
    """The few facts the report needs about one entry or pathway."""

    id: str
    kind: str
    path: str
    title: str
    review_by: str
    url: str = ""
    part_of: str = ""


@dataclass(frozen=True)
class Due:
    id: str
    kind: str
    path: str
    title: str
    review_by: str
    days: int  # days overdue (positive) or days left (negative)


@dataclass(frozen=True)
class SameUrl:
    url: str
    ids: tuple[str, ...]


@dataclass(frozen=True)
class Similar:
    a: str
    b: str
    title_a: str
    title_b: str
    score: float


@dataclass
class Report:
    today: str
    due_within: int = DUE_SOON_DAYS
    overdue: list[Due] = field(default_factory=list)
    due_soon: list[Due] = field(default_factory=list)
    same_url: list[SameUrl] = field(default_factory=list)
    similar_titles: list[Similar] = field(default_factory=list)

    @property
    def findings(self) -> int:
        return len(self.overdue) + len(self.same_url) + len(self.similar_titles)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def records_from_catalog(catalog: Catalog) -> list[Record]:
    out = [Record(e.id, "entry", e.path, e.title, e.review_by, e.url, e.part_of) for e in catalog.entries.values()]
    out += [Record(p.id, "pathway", p.path, p.title, p.review_by) for p in catalog.pathways.values()]
    return out


def records_from_documents(documents: Iterable[Document]) -> list[Record]:
    """Records from parsed files, skipping values of the wrong type (the validator reports those)."""
    out = []
    for doc in documents:
        if doc.kind not in (Kind.ENTRY, Kind.PATHWAY):
            continue
        d = doc.data

        def text(key: str) -> str:
            value = d.get(key)
            return value if isinstance(value, str) else ""

        if not text("id"):
            continue
        out.append(Record(text("id"), doc.kind.value, doc.path, text("title"), text("review_by"),
                          text("url") if doc.kind is Kind.ENTRY else "", text("part_of")))
    return out


def normalise_url(url: str) -> str:
    """The URL with differences that never change the page removed (scheme, www., case of host, slash, ...)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = parts.port if parts.port not in (None, 80, 443) else None
    path = re.sub(r"/+", "/", parts.path or "/")
    path = re.sub(r"/(index\.(html?|php|aspx?))$", "/", path, flags=re.I).rstrip("/") or "/"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.match(k.lower())))
    netloc = host + (f":{port}" if port else "")
    return urlunsplit(("https", netloc, path, query, ""))


def normalise_title(title: str) -> str:
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().casefold()
    text = text.replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"\s+", " ", _NOISE.sub(" ", text)).strip()


def _family(rec: Record, parents: dict[str, str]) -> str:
    """The programme an item belongs to (sessions of one programme may share its URL)."""
    seen = {rec.id}
    root = rec.id
    while parents.get(root) and parents[root] not in seen:
        root = parents[root]
        seen.add(root)
    return root


def same_urls(records: list[Record]) -> list[SameUrl]:
    parents = {r.id: r.part_of for r in records if r.part_of}
    groups: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        if r.url:
            groups[normalise_url(r.url)].append(r)
    out = []
    for url, members in sorted(groups.items()):
        if len({_family(r, parents) for r in members}) > 1:
            out.append(SameUrl(url, tuple(sorted(r.id for r in members))))
    return out


def _candidates(titles: dict[str, str]) -> set[tuple[str, str]]:
    """Pairs worth comparing: they share word stems that few titles have.

    Comparing every pair is quadratic (12 million pairs at 5,000 entries);
    titles that are 90% alike share nearly every word, so blocking on rare
    stems (two shared, when both titles have two) loses almost nothing and
    keeps the build fast.
    """
    ids = sorted(titles)
    if len(ids) <= 400:
        return set(combinations(ids, 2))
    stems = {i: {w[:5] for w in titles[i].split() if len(w) > 2} for i in ids}
    postings: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        for s in sorted(stems[i]):
            postings[s].append(i)
    limit = max(50, len(ids) // 50)
    shared: Counter[tuple[str, str]] = Counter()
    for s, members in postings.items():
        if len(members) <= limit:
            shared.update(combinations(members, 2))
    pairs = {p for p, n in shared.items() if n >= min(2, len(stems[p[0]]), len(stems[p[1]]))}
    for i in ids:  # a title made only of common words is compared within its rarest word's titles
        if stems[i] and all(len(postings[s]) > limit for s in stems[i]):
            rarest = min(sorted(stems[i]), key=lambda s: len(postings[s]))
            pairs.update((min(i, j), max(i, j)) for j in postings[rarest][:limit * 4] if j != i)
    return pairs


def similar_titles(records: list[Record], threshold: float = TITLE_THRESHOLD) -> list[Similar]:
    by_id = {r.id: r for r in records if r.kind == "entry" and r.title}
    titles = {i: normalise_title(r.title) for i, r in by_id.items()}
    by_second: dict[str, list[str]] = defaultdict(list)
    for a, b in _candidates(titles):
        ta, tb = titles[a], titles[b]
        # Lengths alone bound the ratio (real_quick_ratio); checked before building a matcher.
        if ta and tb and 2 * min(len(ta), len(tb)) / (len(ta) + len(tb)) >= threshold:
            by_second[b].append(a)
    out = []
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for b in sorted(by_second):
        matcher.set_seq2(titles[b])  # the expensive half, done once per title
        for a in sorted(by_second[b]):
            matcher.set_seq1(titles[a])
            if matcher.quick_ratio() < threshold:
                continue
            score = matcher.ratio()
            if score >= threshold:
                out.append(Similar(a, b, by_id[a].title, by_id[b].title, round(score, 3)))
    return sorted(out, key=lambda s: (-s.score, s.a, s.b))


def build_report(records: list[Record], today: dt.date, *, due_within: int = DUE_SOON_DAYS,
                 threshold: float = TITLE_THRESHOLD) -> Report:
    report = Report(today.isoformat(), due_within)
    for r in sorted(records, key=lambda r: (r.review_by, r.kind, r.id)):
        try:
            when = dt.date.fromisoformat(r.review_by)
        except ValueError:
            continue  # a missing or malformed date is the validator's to report
        days = (today - when).days
        due = Due(r.id, r.kind, r.path, r.title, r.review_by, days)
        if days > 0:
            report.overdue.append(due)
        elif -days <= due_within:
            report.due_soon.append(due)
    report.same_url = same_urls(records)
    report.similar_titles = similar_titles(records, threshold)
    return report


def format_text(report: Report) -> str:
    """The report as plain text for a terminal, one finding per line, with the file to open."""
    lines = [f"Curators' report for {report.today}", ""]
    lines.append(f"Past their review date ({len(report.overdue)}):")
    lines += [f"  {d.path}: review_by {d.review_by}, {d.days} day{'s' if d.days != 1 else ''} overdue"
              for d in report.overdue] or ["  none"]
    lines.append(f"Due for review within {report.due_within} days ({len(report.due_soon)}):")
    lines += [f"  {d.path}: review_by {d.review_by}" for d in report.due_soon] or ["  none"]
    lines.append(f"Entries with the same web address ({len(report.same_url)}):")
    lines += [f"  {s.url}: {', '.join(s.ids)}" for s in report.same_url] or ["  none"]
    lines.append(f"Entries with very similar titles ({len(report.similar_titles)}):")
    lines += [f"  {s.a} / {s.b}: {s.score:.0%} alike ({s.title_a!r} / {s.title_b!r})"
              for s in report.similar_titles] or ["  none"]
    return "\n".join(lines) + "\n"
