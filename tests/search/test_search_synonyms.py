"""Search synonyms at build time: an entry gains the other terms of every group it uses."""

from __future__ import annotations

from generator.search.index import analyse
from generator.search.synonyms import Synonyms, spelling_variants


def test_an_entry_using_one_term_gains_the_others_of_its_group() -> None:
    syn = Synonyms.from_groups([["dyspnoea", "dyspnea", "shortness of breath"], ["ACP", "advance care planning"]])
    gained = syn.expand([analyse("Managing dyspnoea at home")])
    assert set(gained) == {"dyspnea", *analyse("shortness of breath")}
    assert "acp" not in gained


def test_a_phrase_counts_only_as_consecutive_words_in_one_field() -> None:
    syn = Synonyms.from_groups([["ACP", "advance care planning"]])
    assert syn.expand([analyse("Advance care planning conversations")]) == ["acp"]
    assert syn.expand([analyse("advance notice"), analyse("care planning")]) == []
    assert syn.expand([analyse("planning care in advance")]) == []


def test_an_abbreviation_brings_its_words() -> None:
    syn = Synonyms.from_groups([["DNACPR", "do not attempt cardiopulmonary resuscitation"]])
    assert syn.expand([analyse("DNACPR decisions")]) == analyse("attempt cardiopulmonary resuscitation")


def test_groups_whose_terms_search_alike_expand_to_nothing() -> None:
    assert Synonyms.from_groups([["travelling", "traveling"]]).groups == ()


def test_ise_and_ize_spellings_are_each_others_variants() -> None:
    assert spelling_variants("Recognising dying") == analyse("recognizing")
    assert spelling_variants("organization") == analyse("organisation")
    assert spelling_variants("analyze") == analyse("analyse")
    assert spelling_variants("house and care") == []
