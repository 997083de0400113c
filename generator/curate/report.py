"""Curators' report: what is due for review, and what may be listed twice.

Works on plain records so that ``portal report`` can run on a catalog that
still has validation errors elsewhere, and the site's curators' page can run
on the typed catalog.

Possible duplicates are reported as clusters, never as every pair: a
thousand entries with one title are one finding that names the first few
of them and counts the rest, so the report, and the memory and time it
takes, grow in step with the catalog.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zlib
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import compress
from operator import eq
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..load.project import Document, Kind
from ..model import Catalog

TITLE_THRESHOLD = 0.88
# Summaries sharing this much of their runs of three words are near-identical.
SUMMARY_THRESHOLD = 0.8
DUE_SOON_DAYS = 30
# What one cluster names: its first ids and distinct titles; the size says how many there are in all.
CLUSTER_IDS = 20
CLUSTER_TITLES = 5
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
    provider: str = ""
    summary: str = ""
    code: str = ""


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
    ids: tuple[str, ...]  # the first CLUSTER_IDS
    size: int = 0  # how many entries in all


@dataclass(frozen=True)
class Cluster:
    """Entries that may be one thing listed more than once: the first ids, how many in all, and why."""

    size: int
    ids: tuple[str, ...]  # the first CLUSTER_IDS, in id order
    titles: tuple[str, ...]  # the first CLUSTER_TITLES distinct titles
    score: float  # how alike the least alike linked pair is; 1.0 when they are the same
    note: str = ""  # what the members share (a provider and programme)


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
    similar_titles: list[Cluster] = field(default_factory=list)
    same_programme: list[Cluster] = field(default_factory=list)
    similar_summaries: list[Cluster] = field(default_factory=list)

    @property
    def findings(self) -> int:
        return (len(self.overdue) + len(self.same_url) + len(self.similar_titles) + len(self.same_programme)
                + len(self.similar_summaries))

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def records_from_catalog(catalog: Catalog) -> list[Record]:
    out = [Record(e.id, "entry", e.path, e.title, e.review_by, e.url, e.part_of, e.provider, e.summary, e.code)
           for e in catalog.entries.values()]
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
        entry = doc.kind is Kind.ENTRY
        out.append(Record(text("id"), doc.kind.value, doc.path, text("title"), text("review_by"),
                          text("url") if entry else "", text("part_of"),
                          _provider(d.get("provider")) if entry else "", text("summary") if entry else "",
                          text("code")))
    return out


def _provider(value: Any) -> str:
    """The main provider's name from a name or a list of organisations, as the catalog model reads it."""
    if isinstance(value, str):
        return value
    orgs = [o for o in value if isinstance(o, dict) and isinstance(o.get("name"), str)] if isinstance(value, list) else []
    main = [o for o in orgs if o.get("role", "provider") == "provider"] or orgs
    return main[0]["name"] if main else ""


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
            ids = sorted(r.id for r in members)
            out.append(SameUrl(url, tuple(ids[:CLUSTER_IDS]), len(ids)))
    return out


def _stems(title: str) -> set[str]:
    """The word stems a title is blocked on: the first five letters of each word of three or more."""
    return {w[:5] for w in title.split() if len(w) > 2}


def _candidates(titles: list[str]) -> Iterator[set[int]]:
    """Pairs worth comparing: they share word stems that few titles have.

    ``titles`` are in the order of their ids; for each title in turn, the
    positions of the later titles it is worth comparing with. They are
    worked out one title at a time, so memory stays in step with the catalog
    however many pairs there are.

    Comparing every pair is quadratic (12 million pairs at 5,000 entries);
    titles that are 90% alike share nearly every word, so blocking on rare
    stems (two shared, when both titles have two) loses almost nothing and
    keeps the build fast.
    """
    count = len(titles)
    if count <= 400:
        yield from (set(range(n + 1, count)) for n in range(count))
        return
    stems = [_stems(t) for t in titles]
    postings: dict[str, list[int]] = defaultdict(list)  # stem -> positions of the titles with it, ascending
    for n, own in enumerate(stems):
        for s in own:
            postings[s].append(n)
    # A stem in more titles than this is too common to block on; the cap keeps each title's share of pairs bounded.
    limit = min(max(50, count // 50), 200)
    # Titles with one stem, by that stem when it is rare; titles made only of common stems, by their rarest.
    single: dict[str, list[int]] = defaultdict(list)
    common_by_rarest: dict[str, list[int]] = defaultdict(list)
    rarest_of: dict[int, str] = {}
    for n, own in enumerate(stems):
        if len(own) == 1:
            (stem,) = own
            if len(postings[stem]) <= limit:
                single[stem].append(n)
        if own and all(len(postings[s]) > limit for s in own):
            rarest_of[n] = min(sorted(own), key=lambda s: len(postings[s]))
            common_by_rarest[rarest_of[n]].append(n)
    head = {s: set(postings[s][:limit * 4]) for s in common_by_rarest}
    for n, own in enumerate(stems):
        rare = [s for s in own if len(postings[s]) <= limit]
        # Every later title sharing a rare stem, once per stem shared; sorted, a title listed twice
        # shares two. Sorting and comparing neighbours runs in C, unlike counting pairs one by one.
        later: list[int] = []
        for s in rare:
            members = postings[s]
            later += members[bisect_right(members, n):]
        later.sort()
        partners = set(compress(later[1:], map(eq, later, later[1:])))
        # A title with one stem need share only that one, if it is rare.
        if len(own) == 1 and rare:
            partners.update(postings[rare[0]])
        for s in rare:
            partners.update(single[s])
        # A title made only of common words is compared within its rarest word's first titles.
        if n in rarest_of:
            partners.update(postings[rarest_of[n]][:limit * 4])
        for s in own:
            if s in head and n in head[s]:
                partners.update(common_by_rarest[s])
        yield {m for m in partners if m > n}


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


def _similar_pairs(titles: list[str], threshold: float) -> Iterator[tuple[int, int, float]]:
    """(n, m, score) for each pair of ``titles`` (n < m) that difflib rates at least ``threshold`` alike.

    Only ``_candidates`` are scored, and cheap upper bounds of the ratio
    (lengths, then shared characters) rule out most of those before
    ``_score`` works out difflib's exact ratio.
    """
    lengths = [len(t) for t in titles]
    counts = _CharCounts(titles)
    for n, partners in enumerate(_candidates(titles)):
        la = lengths[n]
        if not la:
            continue
        for m in sorted(partners):
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
                yield n, m, score


def similar_titles(records: list[Record], threshold: float = TITLE_THRESHOLD) -> list[Similar]:
    """Every pair of entries whose normalised titles difflib rates at least ``threshold`` alike, most alike first.

    The number of pairs grows with the square of a group of alike titles, so
    the report uses ``title_clusters``; this list is for small catalogs and tests.
    """
    by_id = {r.id: r for r in records if r.kind == "entry" and r.title}
    ids = sorted(by_id)
    titles = [normalise_title(by_id[i].title) for i in ids]
    out = [Similar(ids[n], ids[m], by_id[ids[n]].title, by_id[ids[m]].title, round(score, 3))
           for n, m, score in _similar_pairs(titles, threshold)]
    return sorted(out, key=lambda s: (-s.score, s.a, s.b))


class _Groups:
    """Union-find over positions, remembering the lowest score that joined each group."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.low: dict[int, float] = {}

    def find(self, n: int) -> int:
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def join(self, n: int, m: int, score: float = 1.0) -> None:
        a, b = sorted((self.find(n), self.find(m)))
        low = min(score, self.low.pop(a, 1.0), self.low.pop(b, 1.0) if a != b else 1.0)
        self.parent[b] = a
        self.low[a] = low

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for n in range(len(self.parent)):
            out[self.find(n)].append(n)
        return out


def _clusters(members: list[list[Record]], scores: list[float], note: str | list[str] = "") -> list[Cluster]:
    """One bounded ``Cluster`` per list of two or more records, most alike first."""
    out = []
    for n, group in enumerate(members):
        if len(group) < 2:
            continue
        group = sorted(group, key=lambda r: r.id)
        titles = list(dict.fromkeys(r.title for r in group if r.title))
        out.append(Cluster(len(group), tuple(r.id for r in group[:CLUSTER_IDS]), tuple(titles[:CLUSTER_TITLES]),
                           round(scores[n], 3), note if isinstance(note, str) else note[n]))
    return sorted(out, key=lambda c: (-c.score, c.ids[0]))


def _grouped(records: list[Record], keys: list[str], pairs: Callable[[list[str]], Iterable[tuple[int, int, float]]]
             ) -> tuple[list[list[Record]], list[float]]:
    """Records joined when their keys are equal or ``pairs`` of distinct keys link them, with each group's lowest score.

    Equal keys are joined without comparing them, and ``pairs`` sees each
    distinct key once, so a thousand records with one key cost no more than one.
    """
    distinct: dict[str, list[Record]] = {}
    for record, key in zip(records, keys):
        distinct.setdefault(key, []).append(record)
    order = list(distinct)
    groups = _Groups(len(order))
    for n, m, score in pairs(order):
        groups.join(n, m, score)
    members, scores = [], []
    for root, positions in sorted(groups.groups().items()):
        members.append([r for p in positions for r in distinct[order[p]]])
        scores.append(groups.low.get(root, 1.0))
    return members, scores


def title_clusters(records: list[Record], threshold: float = TITLE_THRESHOLD) -> list[Cluster]:
    """Entries whose normalised titles are the same or (through a chain of pairs) at least ``threshold`` alike."""
    entries = sorted((r for r in records if r.kind == "entry" and normalise_title(r.title)), key=lambda r: r.id)
    keys = [normalise_title(r.title) for r in entries]
    members, scores = _grouped(entries, keys, lambda titles: _similar_pairs(titles, threshold))
    return _clusters(members, scores)


def _without_numbers(title: str) -> str:
    """A normalised title without its numbers: '2026 cohort' and '2027 cohort' read alike."""
    return " ".join(w for w in normalise_title(title).split() if not w.isdigit())


def same_programme(records: list[Record]) -> list[Cluster]:
    """Parts of one programme, from one provider, that look like one part recorded twice.

    Parts of a programme are often named alike on purpose ('LEAP Core',
    'LEAP Oncology'), so alike titles alone are no sign; the same code, or
    the same title apart from its numbers (a year, an edition), is.
    """
    programmes: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for r in sorted(records, key=lambda r: r.id):
        if r.kind == "entry" and r.part_of and r.provider:
            programmes[(normalise_title(r.provider), r.part_of)].append(r)
    members: list[list[Record]] = []
    notes: list[str] = []
    for (_, part_of), parts in sorted(programmes.items()):
        groups = _Groups(len(parts))
        first: dict[tuple[str, str], int] = {}
        for n, r in enumerate(parts):
            for key in (("code", r.code.strip().casefold()), ("title", _without_numbers(r.title))):
                if key[1]:
                    groups.join(first.setdefault(key, n), n)
        found = [[parts[p] for p in positions] for positions in groups.groups().values() if len(positions) > 1]
        members += found
        notes += [f"{parts[0].provider}, programme '{part_of}'"] * len(found)
    return _clusters(members, [1.0] * len(members), notes)


def _shingles(text: str) -> frozenset[str]:
    """The runs of three words in a normalised text (the text itself when it is shorter)."""
    words = text.split()
    if len(words) < 3:
        return frozenset([text])
    return frozenset(" ".join(words[i:i + 3]) for i in range(len(words) - 2))


def _summary_pairs(texts: list[str], threshold: float) -> Iterator[tuple[int, int, float]]:
    """Pairs of distinct summaries sharing at least ``threshold`` of their runs of three words.

    Each summary is filed under the smallest checksum of its runs, once for
    each of two checksums (summaries that share most runs usually share the
    smallest one too); within a file each summary is compared with the
    first one only, so the work grows with the catalog, not with its square.
    """
    shingles = [_shingles(t) for t in texts]
    encoded = [[run.encode("utf-8") for run in runs] for runs in shingles]
    for salt in (b"", b"\x01"):
        buckets: dict[int, int] = {}
        start = zlib.crc32(salt)  # crc32(run, crc32(salt)) is crc32(salt + run), without joining the bytes
        for n, runs in enumerate(shingles):
            key = min(zlib.crc32(run, start) for run in encoded[n])
            m = buckets.setdefault(key, n)
            if m != n:
                shared = len(shingles[m] & runs) / len(shingles[m] | runs)
                if shared >= threshold:
                    yield m, n, shared


def similar_summaries(records: list[Record], threshold: float = SUMMARY_THRESHOLD) -> list[Cluster]:
    """Entries whose summaries are the same or near-identical, word for word."""
    entries = sorted((r for r in records if r.kind == "entry" and normalise_title(r.summary)), key=lambda r: r.id)
    keys = [normalise_title(r.summary) for r in entries]
    members, scores = _grouped(entries, keys, lambda texts: _summary_pairs(texts, threshold))
    return _clusters(members, scores)


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
    report.similar_titles = title_clusters(records, threshold)
    report.same_programme = same_programme(records)
    report.similar_summaries = similar_summaries(records)
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
    lines += [f"  {s.url}: {_ids(s.ids, s.size)}" for s in report.same_url] or ["  none"]
    for heading, clusters in (("Entries with very similar titles", report.similar_titles),
                              ("Parts of one programme that may be one part recorded twice", report.same_programme),
                              ("Entries with near-identical summaries", report.similar_summaries)):
        lines.append(f"{heading} ({len(clusters)}):")
        lines += [_cluster_line(c) for c in clusters] or ["  none"]
    return "\n".join(lines) + "\n"


def _ids(ids: tuple[str, ...], size: int) -> str:
    more = size - len(ids)
    return ", ".join(ids) + (f" and {more:,} more" if more > 0 else "")


def _cluster_line(c: Cluster) -> str:
    alike = "the same" if c.score >= 1 else f"{c.score:.0%} alike or more"
    note = f"; {c.note}" if c.note else ""
    titles = " / ".join(repr(t) for t in c.titles)
    return f"  {_ids(c.ids, c.size)}: {c.size:,} entries, {alike}{note} ({titles})"
