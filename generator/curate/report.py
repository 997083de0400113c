"""Curators' report: what is due for review, and what may be listed twice.

Works on plain records so that ``portal report`` can run on a catalog that
still has validation errors elsewhere, and the site's curators' page can run
on the typed catalog.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from itertools import compress
from operator import eq
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
        port = parts.port  # raises for a port that is not a number or is out of range
    except ValueError:
        return url.strip()  # not readable as an address (the validator says why): compare it as written
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = port if port not in (None, 80, 443) else None
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


def _stems(title: str) -> set[str]:
    """The word stems a title is blocked on: the first five letters of each word of three or more."""
    return {w[:5] for w in title.split() if len(w) > 2}


def _candidates(titles: list[str]) -> list[set[int]]:
    """Pairs worth comparing: they share word stems that few titles have.

    ``titles`` are in the order of their ids; for each title the answer is
    the positions of the later titles it is worth comparing with.

    Comparing every pair is quadratic (12 million pairs at 5,000 entries);
    titles that are 90% alike share nearly every word, so blocking on rare
    stems (two shared, when both titles have two) loses almost nothing and
    keeps the build fast.
    """
    count = len(titles)
    if count <= 400:
        return [set(range(n + 1, count)) for n in range(count)]
    stems = [_stems(t) for t in titles]
    postings: dict[str, list[int]] = defaultdict(list)  # stem -> positions of the titles with it, ascending
    for n, own in enumerate(stems):
        for s in own:
            postings[s].append(n)
    limit = max(50, count // 50)  # a stem in more titles than this is too common to block on
    partners: list[set[int]] = []
    for n, own in enumerate(stems):
        # Every later title sharing a rare stem, once per stem shared; sorted, a title listed twice
        # shares two. Sorting and comparing neighbours runs in C, unlike counting pairs one by one.
        later: list[int] = []
        for s in own:
            members = postings[s]
            if len(members) <= limit:
                later += members[bisect_right(members, n):]
        later.sort()
        partners.append(set(compress(later[1:], map(eq, later, later[1:]))))
    for n, own in enumerate(stems):  # a title with one stem need share only that one, if it is rare
        if len(own) == 1:
            (stem,) = own
            if len(postings[stem]) <= limit:
                for m in postings[stem]:
                    if m != n:
                        partners[min(n, m)].add(max(n, m))
    for n, own in enumerate(stems):  # a title made only of common words is compared within its rarest word's titles
        if own and all(len(postings[s]) > limit for s in own):
            rarest = min(sorted(own), key=lambda s: len(postings[s]))
            for m in postings[rarest][:limit * 4]:
                if m != n:
                    partners[min(n, m)].add(max(n, m))
    return partners


def _longest_match(a: str, b: str, alo: int, ahi: int, blo: int, bhi: int) -> tuple[int, int, int]:
    """``SequenceMatcher(None, a, b, autojunk=False).find_longest_match(alo, ahi, blo, bhi)``, found faster.

    With no junk (and, with autojunk off, no "popular" characters) the
    longest block is the longest substring of ``a[alo:ahi]`` found in
    ``b[blo:bhi]``, the earliest in ``a`` and then in ``b`` on a tie, as
    difflib picks it. Substring search runs in C, so testing each start
    in ``a`` for a match longer than the best so far beats difflib's
    per-character loop in Python.
    """
    # One-character ranges are the commonest at the leaves of the recursion; one find answers them.
    if ahi - alo == 1:
        j = b.find(a[alo], blo, bhi)
        return (alo, j, 1) if j >= 0 else (alo, blo, 0)
    if bhi - blo == 1:
        i = a.find(b[blo], alo, ahi)
        return (i, blo, 1) if i >= 0 else (alo, blo, 0)
    window = b[blo:bhi]
    best_i, size = alo, 0
    i = alo
    while i + size < ahi:  # a start nearer the end cannot beat ``size``
        if a[i:i + size + 1] in window:
            # Any prefix of a substring of the window is one too, so bisect the longest from i.
            lo, hi = size + 1, ahi - i
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if a[i:i + mid] in window:
                    lo = mid
                else:
                    hi = mid - 1
            best_i, size = i, lo
        i += 1
    if not size:
        return alo, blo, 0
    return best_i, blo + window.find(a[best_i:best_i + size]), size


def _score(a: str, b: str, threshold: float) -> float | None:
    """``SequenceMatcher(None, a, b, autojunk=False).ratio()``, or None once it cannot reach ``threshold``.

    Follows difflib's get_matching_blocks: take the longest block, then
    recurse on the parts either side. A pending part adds at most its
    shorter side, so the search stops as soon as even that is too little.
    """
    total = len(a) + len(b)
    if not total:
        return 1.0  # difflib rates two empty sequences identical
    matched = 0
    todo = [(0, len(a), 0, len(b))]
    pending = min(len(a), len(b))  # the most the parts in ``todo`` could still add
    while todo:
        if 2.0 * (matched + pending) / total < threshold:
            return None
        alo, ahi, blo, bhi = todo.pop()
        pending -= min(ahi - alo, bhi - blo)
        i, j, k = _longest_match(a, b, alo, ahi, blo, bhi)
        if k:
            matched += k
            if alo < i and blo < j:
                todo.append((alo, i, blo, j))
                pending += min(i - alo, j - blo)
            if i + k < ahi and j + k < bhi:
                todo.append((i + k, ahi, j + k, bhi))
                pending += min(ahi - i - k, bhi - j - k)
    return 2.0 * matched / total


class _CharCounts:
    """Each text's count of every character, packed into one int, to bound difflib's ratio cheaply.

    The counts sit side by side in fields of ``width`` bits whose top bit no
    count reaches, so a handful of whole-int operations take the smaller
    count in every field at once; difflib's quick_ratio walks the characters
    one at a time in Python, which made it the costliest step here.
    """

    def __init__(self, texts: list[str]) -> None:
        alphabet = {c: n for n, c in enumerate(sorted(set("".join(texts))))}
        count_bits = max(map(len, texts), default=0).bit_length()  # room for any count, or sum of counts
        self.width = count_bits + 1
        self.guards = sum(1 << (n * self.width + count_bits) for n in range(len(alphabet)))
        one = {c: 1 << (n * self.width) for c, n in alphabet.items()}  # a count of one in c's field
        self.packed = [sum(map(one.__getitem__, t)) for t in texts]

    def shared(self, n: int, m: int) -> int:
        """How many characters texts n and m have in common, counting repeats: the sum of the smaller counts."""
        x, y = self.packed[n], self.packed[m]
        # Setting every top bit first keeps each field's subtraction from borrowing from the next;
        # a field's top bit then survives exactly where x's count is at least y's.
        x_ge_y = ((x | self.guards) - y) & self.guards
        mask = x_ge_y - (x_ge_y >> (self.width - 1))  # all count bits of those fields
        smaller = x ^ ((x ^ y) & mask)  # y's count where x >= y, else x's
        # Casting out nines in base 2**width: the remainder is the sum of the fields, as that sum
        # (at most the shorter text's length) is below the divisor.
        return smaller % ((1 << self.width) - 1)


def similar_titles(records: list[Record], threshold: float = TITLE_THRESHOLD) -> list[Similar]:
    """Pairs of entries whose normalised titles difflib rates at least ``threshold`` alike, most alike first.

    Only ``_candidates`` are scored, and cheap upper bounds of the ratio
    (lengths, then shared characters) rule out most of those before
    ``_score`` works out difflib's exact ratio.
    """
    by_id = {r.id: r for r in records if r.kind == "entry" and r.title}
    ids = sorted(by_id)
    titles = [normalise_title(by_id[i].title) for i in ids]
    lengths = [len(t) for t in titles]
    counts = _CharCounts(titles)
    out = []
    for n, partners in enumerate(_candidates(titles)):
        la = lengths[n]
        if not la:
            continue
        for m in partners:
            lb = lengths[m]
            if not lb:
                continue
            total = la + lb
            # Matches can be no longer than the shorter title (difflib's real_quick_ratio) ...
            if 2 * min(la, lb) / total < threshold:
                continue
            # ... nor use a character more often than both titles have it (difflib's quick_ratio).
            if 2.0 * counts.shared(n, m) / total < threshold:
                continue
            # The ratio is not symmetric: the title with the smaller id is difflib's first sequence, as before.
            score = _score(titles[n], titles[m], threshold)
            if score is not None and score >= threshold:
                a, b = ids[n], ids[m]
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
