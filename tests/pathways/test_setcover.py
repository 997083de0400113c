"""Weighted set cover: greedy against exact answers, its H(d) bound, and deterministic ties."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import pytest

from generator.pathways.setcover import Candidate, greedy_bound, greedy_cover, harmonic


def bits(*elements: int) -> int:
    return sum(1 << e for e in elements)


def sets(*specs: tuple[str, tuple[int, ...], int]) -> list[Candidate]:
    return [Candidate(name, bits(*elements), weight) for name, elements, weight in specs]


def exact(universe: int, candidates: list[Candidate]) -> int:
    """The optimum weight, by trying every subset (small cases only)."""
    reachable = 0
    for c in candidates:
        reachable |= c.mask & universe
    best = None
    for r in range(len(candidates) + 1):
        for combo in itertools.combinations(candidates, r):
            covered = 0
            for c in combo:
                covered |= c.mask
            if covered & reachable == reachable:
                w = sum(c.weight for c in combo)
                best = w if best is None else min(best, w)
    assert best is not None
    return best


def eager(universe: int, candidates: list[Candidate]) -> tuple[str, ...]:
    """Textbook greedy, rescanning every set each round, with the same tie-breaks (reference for the lazy one)."""
    remaining = 0
    for c in candidates:
        remaining |= c.mask & universe
    chosen = []
    while remaining:
        best = min((c for c in candidates if c.mask & remaining),
                   key=lambda c: (Fraction(c.weight, (c.mask & remaining).bit_count()),
                                  -(c.mask & remaining).bit_count(), c.id))
        chosen.append(best.id)
        remaining &= ~best.mask
    return tuple(chosen)


# (name, universe, candidates, optimal chosen ids as a set, optimal weight): cases where greedy is optimal.
OPTIMAL_CASES = [
    ("one set covers all and is cheaper than two", bits(0, 1, 2, 3),
     sets(("all", (0, 1, 2, 3), 150), ("left", (0, 1), 100), ("right", (2, 3), 100)), {"all"}, 150),
    ("two cheap halves beat one dear whole", bits(0, 1, 2, 3),
     sets(("all", (0, 1, 2, 3), 250), ("left", (0, 1), 100), ("right", (2, 3), 100)), {"left", "right"}, 200),
    ("a partition needs every part", bits(*range(6)),
     sets(("a", (0, 1), 3), ("b", (2, 3), 5), ("c", (4, 5), 7)), {"a", "b", "c"}, 15),
    ("a set that is a subset of another is never needed", bits(0, 1, 2),
     sets(("big", (0, 1, 2), 10), ("small", (1,), 10)), {"big"}, 10),
    ("elements outside the universe do not count", bits(0, 1),
     sets(("wide", (0, 1, 5, 6, 7), 10), ("narrow", (0, 1), 9)), {"narrow"}, 9),
    # Greedy first takes "middle" (4 elements), then must add both halves; reverse delete then drops "middle".
    ("reverse delete repairs greedy's classic mistake", bits(*range(6)),
     sets(("middle", (0, 1, 3, 4), 1), ("top", (0, 1, 2), 1), ("bottom", (3, 4, 5), 1)), {"top", "bottom"}, 2),
]


@pytest.mark.parametrize("name, universe, candidates, optimum, weight", OPTIMAL_CASES, ids=[c[0] for c in OPTIMAL_CASES])
def test_greedy_finds_the_known_optimum(name, universe, candidates, optimum, weight):
    cover = greedy_cover(universe, candidates)
    assert set(cover.chosen) == optimum
    assert cover.weight == weight == exact(universe, candidates)
    assert cover.uncovered == 0


def test_without_reverse_delete_greedy_keeps_the_redundant_set_but_stays_within_its_bound():
    universe = bits(*range(6))
    candidates = sets(("middle", (0, 1, 3, 4), 1), ("top", (0, 1, 2), 1), ("bottom", (3, 4, 5), 1))
    cover = greedy_cover(universe, candidates, prune=False)
    assert cover.chosen == ("middle", "bottom", "top")  # ties on ratio: more new elements, then id
    assert cover.weight == 3
    assert cover.weight <= greedy_bound(universe, candidates) * exact(universe, candidates)


def test_what_no_set_teaches_is_reported_not_dropped():
    cover = greedy_cover(bits(0, 1, 2, 3), sets(("a", (0,), 1), ("b", (1, 9), 1)))
    assert cover.uncovered == bits(2, 3)
    assert cover.covered == bits(0, 1)
    assert set(cover.chosen) == {"a", "b"}


def test_nothing_to_cover_chooses_nothing():
    cover = greedy_cover(bits(0, 1), sets(("off", (5,), 1)))
    assert cover.chosen == () and cover.uncovered == bits(0, 1) and cover.weight == 0


@pytest.mark.parametrize("order", range(6))
def test_ties_are_broken_by_id_whatever_the_input_order(order):
    candidates = sets(("b-copy", (0, 1), 10), ("a-copy", (0, 1), 10), ("c-copy", (0, 1), 10))
    random.Random(order).shuffle(candidates)
    assert greedy_cover(bits(0, 1), candidates).chosen == ("a-copy",)


def test_equal_ratios_prefer_more_new_elements_then_lower_id():
    # 2/1 = 4/2: "pair" covers more with the same ratio, so it goes first and makes "one" redundant.
    candidates = sets(("one", (0,), 2), ("pair", (0, 1), 4))
    assert greedy_cover(bits(0, 1), candidates, prune=False).chosen == ("pair",)


def test_weights_must_be_positive():
    with pytest.raises(ValueError):
        greedy_cover(bits(0), sets(("free-lunch", (0,), 0)))


def test_harmonic_numbers_are_exact():
    assert harmonic(0) == 0
    assert harmonic(1) == 1
    assert harmonic(4) == Fraction(25, 12)


def random_case(rng: random.Random) -> tuple[int, list[Candidate]]:
    n = rng.randint(1, 8)
    universe = (1 << n) - 1
    candidates = []
    for i in range(rng.randint(1, 9)):
        mask = sum(1 << e for e in range(n + 1) if rng.random() < 0.35)  # element n lies outside the universe
        candidates.append(Candidate(f"s{i:02d}", mask, rng.randint(1, 20)))
    return universe, candidates


@pytest.mark.parametrize("seed", range(300))
def test_greedy_is_within_h_d_of_the_brute_force_optimum(seed):
    universe, candidates = random_case(random.Random(seed))
    optimum = exact(universe, candidates)
    bound = greedy_bound(universe, candidates)
    for prune in (False, True):
        cover = greedy_cover(universe, candidates, prune=prune)
        reachable = universe & ~cover.uncovered
        got = 0
        for c in candidates:
            if c.id in cover.chosen:
                got |= c.mask
        assert got & reachable == reachable, "greedy must cover everything some set can"
        assert cover.weight <= bound * optimum
        assert cover.weight >= optimum


@pytest.mark.parametrize("seed", range(100))
def test_lazy_greedy_picks_exactly_what_textbook_greedy_picks(seed):
    universe, candidates = random_case(random.Random(1000 + seed))
    assert greedy_cover(universe, candidates, prune=False).chosen == eager(universe, candidates)


def test_greedy_is_optimal_on_most_small_cases():
    """Not a guarantee, but a regression alarm: greedy plus reverse delete is usually exact here."""
    rng = random.Random(7)
    cases = [random_case(rng) for _ in range(200)]
    exact_hits = sum(greedy_cover(u, c).weight == exact(u, c) for u, c in cases)
    assert exact_hits >= 180
