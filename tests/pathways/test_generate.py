"""Generated pathways: who they are for, what they cover, what they cannot, and in what order."""

from __future__ import annotations

import random

from pathway_catalogs import SUBJECTS, catalog, entry

from generator.coverage import build_matrix
from generator.model import Pathway, Step
from generator.pages.pathway import render_pathway
from generator.pathways import audience_pathway_id, generate_all, profession_pathway_id
from generator.pathways.weights import MAX_WEIGHT, MIN_WEIGHT, weight

TIER1 = [f"{s}-t1" for s in SUBJECTS]
TIER2 = [f"{s}-t2" for s in SUBJECTS]


def by_id(pathways: list[Pathway]) -> dict[str, Pathway]:
    return {p.id: p for p in pathways}


def steps(p: Pathway) -> list[str]:
    return [s.entry for s in p.steps]


def test_every_profession_gets_every_tier_and_every_audience_gets_one():
    got = by_id(generate_all(catalog(entry("a", TIER1))))
    assert set(got) == {profession_pathway_id(p, t) for p in ("nurse", "porter") for t in (1, 2, 3)} | {
        audience_pathway_id("homelessness")}
    assert profession_pathway_id("nurse", 2) == "for-nurse-tier-2"
    assert audience_pathway_id("homelessness") == "for-audience-homelessness"
    assert all(p.generated for p in got.values())


def test_tier_two_builds_on_tier_one():
    cat = catalog(entry("basics", TIER1, tiers=[1]), entry("more", TIER2, tiers=[2]))
    got = by_id(generate_all(cat))
    assert steps(got["for-nurse-tier-1"]) == ["basics"]
    assert steps(got["for-nurse-tier-2"]) == ["basics", "more"]
    assert got["for-nurse-tier-2"].uncovered == ()
    # Tier 3 expects all nine competencies; nothing teaches tier 3, and it says so.
    assert set(got["for-nurse-tier-3"].uncovered) == {f"{s}-t3" for s in SUBJECTS}


def test_uncovered_competencies_are_reported_and_shown_on_the_page():
    cat = catalog(entry("partial", ["talk-t1", "care-t1"]))
    p = by_id(generate_all(cat))["for-nurse-tier-1"]
    assert p.uncovered == ("grief-t1",)
    assert "1 competency is taught by no entry in the catalog yet" in p.summary
    page = render_pathway(cat, p)
    assert "What the steps do not cover" in page and "No entry in the catalog teaches these yet" in page
    assert 'href="../../competencies/grief-t1/"' in page


def test_a_group_with_no_suitable_entry_gets_an_honest_empty_pathway():
    p = by_id(generate_all(catalog(entry("a", TIER1))))["for-porter-tier-1"]
    assert p.steps == ()
    assert p.uncovered == tuple(TIER1)
    page = render_pathway(catalog(entry("a", TIER1)), p)
    assert "No entry in the catalog suits this yet" in page
    assert "portal-passport" not in page  # nothing to tick
    # The nurses' entry teaches all of it: offered, and said to be not listed for porters.
    assert "Entries not listed for this role teach 3 of the 3 left out" in p.summary
    assert 'href="../../catalog/a/"' in page and "not listed for this role" in page


def test_entries_for_other_roles_are_offered_for_what_the_steps_leave_out():
    from generator.pathways.generate import offers
    cat = catalog(entry("mine", ["talk-t1"]), entry("theirs", ["care-t1", "grief-t1"], professions=["porter"]),
                  entry("deep", ["care-t1"], tiers=[3], professions=["porter"]))
    p = by_id(generate_all(cat))["for-nurse-tier-1"]
    assert steps(p) == ["mine"] and set(p.uncovered) == {"care-t1", "grief-t1"}
    assert offers(cat, p) == [("theirs", ["care-t1", "grief-t1"])]   # never one pitched above the tier


def test_a_curated_pathways_steps_are_preferred_for_its_role_and_tier():
    cheap = entry("cheap", TIER1)
    curated_step = entry("core-course", TIER1, cost="paid", professions=["porter"])
    curated = Pathway("nurse-core", "Curated", "s", 1, (Step("core-course", "why"),), "2030-01-01",
                      professions=("nurse",))
    got = by_id(generate_all(catalog(cheap, curated_step, pathways=(curated,))))
    assert steps(got["for-nurse-tier-1"]) == ["core-course"]
    assert steps(by_id(generate_all(catalog(cheap, curated_step)))["for-nurse-tier-1"]) == ["cheap"]


def test_curated_and_generated_pathways_of_one_role_and_tier_link_both_ways():
    from generator.pathways.generate import counterparts
    curated = Pathway("nurse-core", "Curated for nurses", "s", 1, (Step("a", "why"),), "2030-01-01",
                      professions=("nurse",))
    cat = catalog(entry("a", TIER1), pathways=(curated,))
    generated = generate_all(cat)
    related = counterparts(cat, generated)
    assert [p.id for p in related["nurse-core"]] == ["for-nurse-tier-1"]
    assert [p.id for p in related["for-nurse-tier-1"]] == ["nurse-core"]
    assert "for-nurse-tier-2" not in related
    assert 'href="../for-nurse-tier-1/"' in render_pathway(cat, curated, related["nurse-core"])
    assert 'href="../nurse-core/"' in render_pathway(cat, by_id(generated)["for-nurse-tier-1"],
                                                      related["for-nurse-tier-1"])


def test_entries_for_other_professions_or_above_the_tier_are_not_used():
    cat = catalog(entry("for-porters", TIER1, professions=["porter"]),
                  entry("specialist", TIER1, tiers=[3]),
                  entry("for-anyone", ["talk-t1"], professions=[]))
    p = by_id(generate_all(cat))["for-nurse-tier-1"]
    assert steps(p) == ["for-anyone"]
    assert p.uncovered == ("care-t1", "grief-t1")
    assert "specialist" in steps(by_id(generate_all(cat))["for-nurse-tier-3"])


def test_retired_paused_and_other_language_entries_are_not_used():
    cat = catalog(entry("gone", TIER1, status="retired"), entry("resting", TIER1, status="paused"),
                  entry("en-francais", TIER1, languages=["fr"]))
    assert by_id(generate_all(cat))["for-nurse-tier-1"].uncovered == tuple(TIER1)
    assert steps(by_id(generate_all(cat, language="fr"))["for-nurse-tier-1"]) == ["en-francais"]


def test_audience_pathways_use_only_entries_that_focus_on_the_group():
    cat = catalog(entry("general", TIER1 + TIER2), entry("hostel", ["talk-t1", "care-t2"], audiences=["homelessness"]))
    p = by_id(generate_all(cat))["for-audience-homelessness"]
    assert steps(p) == ["hostel"]
    assert p.tier == 2 and p.audiences == ("homelessness",)
    assert set(p.uncovered) == set(TIER1 + TIER2) - {"talk-t1", "care-t2"}


def test_free_then_shorter_then_open_entries_win_when_they_cover_the_same():
    free = entry("z-free", TIER1, cost="free")
    paid = entry("a-paid", TIER1, cost="paid")
    assert steps(by_id(generate_all(catalog(free, paid)))["for-nurse-tier-1"]) == ["z-free"]
    short = entry("z-short", TIER1, duration="45m")
    long = entry("a-long", TIER1, duration="10h")
    assert steps(by_id(generate_all(catalog(short, long)))["for-nurse-tier-1"]) == ["z-short"]
    open_ = entry("z-open", TIER1)
    closed = entry("a-closed", TIER1, access={"sign_in": ["openathens"]})
    assert steps(by_id(generate_all(catalog(open_, closed)))["for-nurse-tier-1"]) == ["z-open"]


def test_one_dear_entry_never_loses_to_two_cheap_ones_that_cover_the_same():
    assert MAX_WEIGHT < 2 * MIN_WEIGHT
    dear = entry("dear", TIER1, cost="paid", duration="40h", access={"sign_in": ["membership"]})
    assert weight(dear) == MAX_WEIGHT
    cheap = [entry(f"cheap-{c}", [c], duration="10m") for c in TIER1]
    assert steps(by_id(generate_all(catalog(dear, *cheap)))["for-nurse-tier-1"]) == ["dear"]


def test_same_catalog_in_any_order_gives_the_same_pathways():
    entries = [entry(f"e{i:02d}", random.Random(i).sample(TIER1 + TIER2, 2)) for i in range(20)]
    first = generate_all(catalog(*entries))
    for seed in range(5):
        shuffled = entries[:]
        random.Random(seed).shuffle(shuffled)
        assert generate_all(catalog(*shuffled)) == first


def test_identical_entries_tie_break_on_id():
    cat = catalog(entry("b-twin", TIER1), entry("a-twin", TIER1), entry("c-twin", TIER1))
    assert steps(by_id(generate_all(cat))["for-nurse-tier-1"]) == ["a-twin"]


def test_steps_go_by_tier_and_prerequisites_come_first_even_if_the_cover_did_not_choose_them():
    cat = catalog(
        entry("advanced", TIER2, tiers=[2], prerequisites=["primer"]),
        entry("primer", ["talk-t1"], tiers=[2]),  # pitched at tier 2, needed before "advanced"
        entry("basics", TIER1, tiers=[1]),
    )
    p = by_id(generate_all(cat))["for-nurse-tier-2"]
    assert steps(p) == ["basics", "primer", "advanced"]
    reasons = {s.entry: s.reason for s in p.steps}
    assert "Needed before: Title of advanced." in reasons["primer"]
    assert reasons["basics"].startswith("Adds Talk (tier 1); Care (tier 1)")


def test_prerequisites_outrank_tier_order():
    cat = catalog(entry("first-tier", TIER1, tiers=[1], prerequisites=["orientation"]),
                  entry("orientation", ["talk-t2"], tiers=[2]))
    assert steps(by_id(generate_all(cat))["for-nurse-tier-2"])[:2] == ["orientation", "first-tier"]


def test_a_prerequisite_cycle_still_lists_every_step():
    cat = catalog(entry("x", ["talk-t1"], prerequisites=["y"]), entry("y", ["care-t1"], prerequisites=["x"]))
    assert sorted(steps(by_id(generate_all(cat))["for-nurse-tier-1"])) == ["x", "y"]


def test_a_curated_pathway_with_a_generated_id_wins(caplog):
    curated = Pathway("for-nurse-tier-1", "Curated", "s", 1, (Step("a", "why"),), "2030-01-01")
    got = by_id(generate_all(catalog(entry("a", TIER1), pathways=(curated,))))
    assert "for-nurse-tier-1" not in got
    assert "for-nurse-tier-2" in got
    assert "has the id of a generated pathway" in caplog.text


def test_a_profession_at_tier_three_misses_exactly_its_coverage_gaps():
    """The pathway and the coverage matrix agree: what no entry for the profession teaches is uncovered."""
    rng = random.Random(3)
    comps = [f"{s}-t{t}" for s in SUBJECTS for t in (1, 2, 3)]
    entries = [entry(f"e{i:03d}", rng.sample(comps[:-2], 3), professions=rng.sample(["nurse", "porter"], 1))
               for i in range(12)]
    cat = catalog(*entries)
    got = by_id(generate_all(cat))
    for prof in ("nurse", "porter"):
        gaps = build_matrix(cat, "professions", prof).gaps()
        assert sorted(got[profession_pathway_id(prof, 3)].uncovered) == sorted(gaps)


def test_a_large_catalog_is_covered_completely_where_it_can_be():
    rng = random.Random(11)
    comps = [f"{s}-t{t}" for s in SUBJECTS for t in (1, 2, 3)]
    entries = []
    for i in range(2000):
        taught = rng.sample(comps[:-1], rng.randint(1, 4))  # grief-t3 is taught by nothing
        entries.append(entry(f"e{i:05d}", taught, professions=[rng.choice(["nurse", "porter"])],
                             cost=rng.choice(["free", "paid", "member-only"])))
    cat = catalog(*entries)
    for p in generate_all(cat):
        covered = {c for s in p.steps for c in cat.entries[s.entry].competencies}
        expected = {c for c in comps if int(c[-1]) <= p.tier}
        assert set(p.uncovered) == expected - covered
        if p.professions and p.tier == 3:
            assert p.uncovered == ("grief-t3",)
        assert len(p.steps) <= len(expected)
