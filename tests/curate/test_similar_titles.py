"""``similar_titles`` against plain difflib: the fast path must give exactly what comparing pair by pair gives."""

from __future__ import annotations

import difflib
import random
from collections import Counter, defaultdict
from functools import cache

import pytest

from generator.curate.report import (
    Record,
    Similar,
    _candidates,
    _CharCounts,
    _longest_match,
    _score,
    normalise_title,
    similar_titles,
)

WORDS = ["advance", "care", "planning", "palliative", "symptom", "control", "grief", "support", "spiritual",
         "dementia", "paediatric", "hospice", "nursing", "pain", "breathlessness", "family", "communication",
         "end", "life", "dying", "module", "course", "skills", "training", "online", "introduction", "nhs"]
NOISE = ["the", "a", "and", "of", "for", "in", "to", "on", "with"]
UNICODE = ["Café", "naïve", "Ærø", "São Paulo", "Ĳssel", "ﬁnal", "Straße", "日本語", "Ελληνικά", "🙂", "Zürich",
           "résumé", "Ångström", "Łódź"]
THRESHOLDS = (0.88, 0.75, 0.5)
ODD = ["", "The", "of the", "!!!", "A", "ai", "x", "日本", "🙂🙂", "&", "1", "22", "end of life"]


def _edit(rng: random.Random, title: str) -> str:
    """The title with one small change, as a second listing of the same thing would have."""
    kind = rng.randrange(8)
    pos = rng.randint(0, len(title))
    if kind == 0:
        return title[:pos] + rng.choice("abcdefghijklmnopqrstuvwxyz é") + title[pos:]
    if kind == 1:
        return title[:pos] + title[pos + 1:]
    if kind == 2:
        return title[:pos] + rng.choice("aeiou") + title[pos + 1:]
    if kind == 3:
        words = title.split()
        if len(words) > 1:
            k = rng.randrange(len(words) - 1)
            words[k], words[k + 1] = words[k + 1], words[k]
        return " ".join(words)
    if kind == 4:
        return title.upper() if rng.random() < 0.5 else title.title()
    if kind == 5:
        return title.replace(" and ", " & ") + rng.choice([".", "!", " -", ":"])
    if kind == 6:
        return title + " " + rng.choice(WORDS + NOISE + UNICODE)
    return title + " (2nd edition)"


def _title(rng: random.Random) -> str:
    n = rng.randint(1, 7)
    pool = WORDS * 3 + NOISE * 2 + UNICODE
    return " ".join(rng.choice(pool) for _ in range(n))


def _titles(seed: int, size: int) -> list[str]:
    """Random titles with near-duplicates (one or two edits), exact copies, and short, empty and unicode ones."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < size:
        roll = rng.random()
        if out and roll < 0.35:
            title = rng.choice(out)
            for _ in range(rng.randint(1, 2)):
                title = _edit(rng, title)
            out.append(title)
        elif out and roll < 0.42:
            out.append(rng.choice(out))  # listed twice, word for word
        elif roll < 0.5:
            out.append(rng.choice(ODD))
        else:
            out.append(_title(rng))
    return out


def _records(titles: list[str], seed: int) -> list[Record]:
    """Entries in shuffled order, a pathway or two (never compared), and one id used twice (the last wins)."""
    rng = random.Random(seed)
    recs = [Record(f"e{n:04d}", "entry", f"e{n}.yaml", t, "2030-01-01") for n, t in enumerate(titles)]
    recs.append(Record("p1", "pathway", "p1.yaml", titles[0], "2030-01-01"))
    recs.append(Record("e0001", "entry", "again.yaml", titles[0] + " again", "2030-01-01"))
    rng.shuffle(recs)
    return recs


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _reference(records: list[Record], threshold: float, pairs: set[tuple[str, str]] | None = None) -> list[Similar]:
    """Every pair of entries (or only ``pairs``) scored with difflib, one at a time."""
    by_id: dict[str, Record] = {}
    for r in records:
        if r.kind == "entry" and r.title:
            by_id[r.id] = r
    ids = sorted(by_id)
    norm = {i: normalise_title(by_id[i].title) for i in ids}
    out = []
    for x, a in enumerate(ids):
        for b in ids[x + 1:]:
            if pairs is not None and (a, b) not in pairs:
                continue
            if not norm[a] or not norm[b]:
                continue
            score = _ratio(norm[a], norm[b])
            if score >= threshold:
                out.append(Similar(a, b, by_id[a].title, by_id[b].title, round(score, 3)))
    out.sort(key=lambda s: (-s.score, s.a, s.b))
    return out


def _reference_blocking(titles: dict[str, str]) -> set[tuple[str, str]]:
    """The pairs compared above 400 titles, found the slow way: pairs sharing rare stems
    (two of them, unless either title has fewer stems), and all-common titles with the
    first titles of their rarest stem."""
    ids = sorted(titles)
    if len(ids) <= 400:
        return {(a, b) for x, a in enumerate(ids) for b in ids[x + 1:]}
    stems = {i: {w[:5] for w in titles[i].split() if len(w) > 2} for i in ids}
    having: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        for s in stems[i]:
            having[s].append(i)
    limit = min(max(50, len(ids) // 50), 200)
    rare = {s for s, members in having.items() if len(members) <= limit}
    pairs = set()
    for x, a in enumerate(ids):
        for b in ids[x + 1:]:
            shared = len(stems[a] & stems[b] & rare)
            if shared and shared >= min(2, len(stems[a]), len(stems[b])):
                pairs.add((a, b))
    for i in ids:
        if stems[i] and not stems[i] & rare:
            rarest = min(sorted(stems[i]), key=lambda s: len(having[s]))
            pairs.update((min(i, j), max(i, j)) for j in having[rarest][:limit * 4] if j != i)
    return pairs


@cache
def _small_case(seed: int) -> tuple[list[Record], dict[float, list[Similar]]]:
    """A set small enough that every pair is compared, with difflib's answer at each threshold."""
    records = _records(_titles(seed, 160), seed)
    return records, {t: _reference(records, t) for t in THRESHOLDS}



@pytest.mark.parametrize("threshold", THRESHOLDS)
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_similar_titles_equals_difflib_on_every_pair(seed: int, threshold: float) -> None:
    records, expected = _small_case(seed)
    assert len(expected[threshold]) >= 10  # the sets do hold near-duplicates, so equality means something
    assert similar_titles(records, threshold) == expected[threshold]


def test_identical_empty_and_unicode_titles() -> None:
    titles = ["Café naïve", "Cafe naive", "cafe NAIVE!", "The", "日本語", "日本語", "🙂", "", "x", "x", "Ærø care",
              "Aero care", "ﬁnal module", "final module", "a", "of"]
    records = [Record(f"t{n:02d}", "entry", "", t, "") for n, t in enumerate(titles)]
    got = similar_titles(records)
    assert got == _reference(records, 0.88)
    pairs = {(s.a, s.b) for s in got}
    assert ("t00", "t01") in pairs and ("t12", "t13") in pairs and ("t08", "t09") in pairs
    assert not any("t03" in p or "t04" in p or "t05" in p or "t06" in p for p in pairs)  # empty once normalised


def test_thresholds_at_the_extremes() -> None:
    records, _ = _small_case(1)
    assert similar_titles(records, 1.0) == _reference(records, 1.0)
    assert similar_titles(records, 1.01) == []
    everything = similar_titles(records, 0.0)
    assert everything == _reference(records, 0.0)
    ids = {r.id for r in records if r.kind == "entry" and normalise_title(r.title)}
    assert len(everything) == len(ids) * (len(ids) - 1) // 2


def _large_titles(seed: int, size: int) -> list[str]:
    """Titles over a small vocabulary (so some stems are common and some titles are made only of those),
    with rare made-up words, one-word titles and near-duplicates."""
    rng = random.Random(seed)
    common = ["palliative", "care", "nursing", "training", "module", "online"]
    out: list[str] = []
    while len(out) < size:
        roll = rng.random()
        if out and roll < 0.3:
            out.append(_edit(rng, rng.choice(out)))
        elif roll < 0.4:
            out.append(" ".join(rng.sample(common, rng.randint(1, 3))))
        elif roll < 0.45:
            out.append(rng.choice(ODD + UNICODE))
        else:
            made_up = ["".join(rng.choice("bcdfglmnrstv") + rng.choice("aeiou") for _ in range(3))
                       for _ in range(rng.randint(1, 3))]
            words = made_up + rng.sample(common, rng.randint(0, 3)) + rng.sample(WORDS, rng.randint(0, 3))
            rng.shuffle(words)
            out.append(" ".join(words))
    return out


@pytest.mark.parametrize("seed", [7, 8])
def test_candidates_block_as_before_above_400_titles(seed: int) -> None:
    titles = [normalise_title(t) for t in _large_titles(seed, 650)]
    by_id = {f"e{n:04d}": t for n, t in enumerate(titles)}
    ids = sorted(by_id)
    got = {(ids[n], ids[m]) for n, later in enumerate(_candidates([by_id[i] for i in ids])) for m in later}
    expected = _reference_blocking(by_id)
    assert 1000 < len(expected) < len(ids) * (len(ids) - 1) // 2  # blocking happened, and kept pairs
    assert got == expected


@pytest.mark.parametrize("seed", [7, 8])
def test_similar_titles_above_400_titles_equals_difflib_on_the_blocked_pairs(seed: int) -> None:
    records = _records(_large_titles(seed, 650), seed)
    by_id = {r.id: r for r in records if r.kind == "entry" and r.title}
    pairs = _reference_blocking({i: normalise_title(r.title) for i, r in by_id.items()})
    for threshold in (0.88, 0.7):
        expected = _reference(records, threshold, pairs)
        assert len(expected) >= 20
        assert similar_titles(records, threshold) == expected


def test_small_catalogs_compare_every_pair() -> None:
    later = list(_candidates(["a", "b", "c", "d"]))
    assert later == [{1, 2, 3}, {2, 3}, {3}, set()]


def _random_text(rng: random.Random) -> str:
    alphabet = rng.choice(["ab", "abc", "ab ", "abcde fg", "aé🙂 ", "abcdefghijklmnopqrstuvwxyz "])
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))


def test_longest_match_is_difflibs_including_ties() -> None:
    rng = random.Random(11)
    checked = 0
    for _ in range(3000):
        a, b = _random_text(rng), _random_text(rng)
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for _ in range(4):
            alo, blo = rng.randint(0, len(a)), rng.randint(0, len(b))
            ahi, bhi = rng.randint(alo, len(a)), rng.randint(blo, len(b))
            assert _longest_match(a, b, alo, ahi, blo, bhi) == tuple(matcher.find_longest_match(alo, ahi, blo, bhi)), \
                (a, b, alo, ahi, blo, bhi)
            checked += 1
    assert checked == 12000


def test_score_is_difflibs_ratio_or_none_only_below_the_threshold() -> None:
    rng = random.Random(12)
    pruned = 0
    for _ in range(3000):
        a, b = _random_text(rng), _random_text(rng)
        if rng.random() < 0.3:
            b = a[:len(a) // 2] + b[:3] + a[len(a) // 2:]
        exact = _ratio(a, b)
        assert _score(a, b, 0.0) == exact, (a, b)
        threshold = rng.choice([0.3, 0.6, 0.8, 0.9, 1.0])
        got = _score(a, b, threshold)
        if got is None:
            assert exact < threshold, (a, b, threshold)
            pruned += 1
        else:
            assert got == exact, (a, b, threshold)
    assert pruned > 100  # the early stop is exercised


def test_shared_characters_are_the_multiset_intersection() -> None:
    rng = random.Random(13)
    texts = [_random_text(rng) for _ in range(200)] + ["a" * 700, "ab" * 300, "", "🙂" * 3]
    counts = _CharCounts(texts)
    for _ in range(3000):
        n, m = rng.randrange(len(texts)), rng.randrange(len(texts))
        assert counts.shared(n, m) == sum((Counter(texts[n]) & Counter(texts[m])).values()), (texts[n], texts[m])
    assert counts.shared(len(texts) - 4, len(texts) - 3) == 300
