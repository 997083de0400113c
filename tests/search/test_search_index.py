"""The sharded index: same terms as lunr.js, every term findable, weights exactly lunr's."""

from __future__ import annotations

import bisect
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from lunr.stop_word_filter import WORDS

from generator.search.index import analyse, boundary, build_lunr, exact_key, search_order
from generator.search.stemmer import stem
from generator.search.store import SHARD_BYTES, search_files

HERE = Path(__file__).resolve().parent
LUNR_JS = HERE.parents[1] / "generator" / "assets" / "search" / "lunr.min.js"
# Stems that lunr.js 2.3.9 itself gave (node, lunr.stemmer): every word of the shipped
# catalog whose lunr.py stem differs from lunr.js's, a sample of the rest, and Porter's classics.
STEMS = json.loads((HERE / "lunr_js_stems.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("word", sorted(STEMS))
def test_stemmer_gives_lunr_js_stems(word: str) -> None:
    assert stem(word) == STEMS[word]


def test_lunr_py_stemmer_differs_which_is_why_we_port_it() -> None:
    from lunr.stemmer import porter_stemmer

    assert porter_stemmer.stem("pathway") == "pathwai" and STEMS["pathway"] == "pathway"


def test_stop_words_are_lunr_js_stop_words() -> None:
    source = LUNR_JS.read_text(encoding="utf-8")
    listed = re.search(r"stopWordFilter=e\.generateStopWordFilter\((\[[^\]]*\])\)", source)
    assert listed, "lunr.min.js no longer has its stop word list where expected"
    assert set(json.loads(listed[1])) == set(WORDS)


def test_vendored_lunr_is_2_3_9_with_its_licence_header() -> None:
    head = LUNR_JS.read_text(encoding="utf-8")[:300]
    assert "lunr - http://lunrjs.com" in head and "2.3.9" in head and "@license MIT" in head


@pytest.mark.parametrize(("text", "terms"), [
    ("End-of-life care (NG31)", ["end", "life", "care", "ng31"]),
    ("Pathways for the last days", ["pathway", "last", "day"]),
    ("e.g. symptoms", ["e.g", "symptom"]),
    ("Soins\u00a0palliatifs\u2003l’essentiel", ["soin", "palliatif", "l’essentiel"]),
    ("“Dying well”", ["dy", "well"]),
    ("", []),
])
def test_text_is_analysed_as_lunr_js_would(text: str, terms: list[str]) -> None:
    assert analyse(text) == terms


def test_exact_key_keeps_only_letters_and_digits() -> None:
    assert exact_key("Care of dying adults (NICE NG31)") == "careofdyingadultsniceng31"
    assert exact_key("Soins palliatifs : l’essentiel") == "soinspalliatifslessentiel"


def test_boundary_is_the_shortest_prefix_after_the_previous_term() -> None:
    assert boundary("palli", "pathwai") == "pat"
    assert boundary("care", "carer") == "carer"
    assert boundary("", "abc") == "a"


def _shard_of(boundaries: list[str], term: str) -> int:
    """search-core.js shardOf: the last shard whose boundary is <= term."""
    return max(0, bisect.bisect_left(boundaries, term + "\0") - 1)


def _shards(files: dict[str, bytes], meta: dict) -> list[list]:
    return [json.loads(files[f"search/catalog/t/{n}.json"]) for n in range(len(meta["shards"]))]


def test_every_term_and_every_prefix_of_it_leads_to_its_shard(files, meta) -> None:
    boundaries = meta["shards"]
    assert boundaries == sorted(boundaries) and boundaries[0] == ""
    for n, records in enumerate(_shards(files, meta)):
        for term, _, _ in records:
            assert _shard_of(boundaries, term) == n, term
            for k in range(1, len(term)):
                low, high = _shard_of(boundaries, term[:k]), _shard_of(boundaries, term[:k] + "\uffff")
                assert low <= n <= high, (term, term[:k])


def test_shards_hold_exactly_lunrs_weights(catalog, files, meta) -> None:
    serialized = build_lunr(catalog, search_order(catalog))
    fields = meta["fields"]
    expected = {}
    index_of = {term: posting["_index"] for term, posting in serialized["invertedIndex"]}
    for ref, elements in serialized["fieldVectors"]:
        field, doc = ref.split("/", 1)
        for k in range(0, len(elements), 2):
            expected[(elements[k], field, int(doc))] = elements[k + 1]
    got = {}
    for records in _shards(files, meta):
        for term, index, flat in records:
            assert index_of[term] == index
            p = 0
            while p < len(flat):
                field, count, doc = fields[flat[p]], flat[p + 1], 0
                p += 2
                for _ in range(count):
                    doc += flat[p]
                    got[(index, field, doc)] = flat[p + 1] / 1000
                    p += 2
    assert got.keys() == expected.keys()
    assert all(abs(got[k] - expected[k]) < 1e-9 for k in expected)


def test_shards_stay_small_unless_one_term_fills_them(files, meta) -> None:
    for n, records in enumerate(_shards(files, meta)):
        size = len(files[f"search/catalog/t/{n}.json"])
        assert size <= SHARD_BYTES or len(records) == 1, (n, size)


def test_output_is_deterministic(catalog, files) -> None:
    assert dict(search_files(catalog)) == files


def test_version_changes_when_the_catalog_does(catalog, meta) -> None:
    entry = search_order(catalog)[0]
    old = entry.title
    try:
        entry.title = old + " revised"
        changed = json.loads(dict(search_files(catalog))["search/catalog/meta.json"])
    finally:
        entry.title = old
    assert changed["version"] != meta["version"]


def test_every_active_entry_is_searchable_and_only_those(catalog, files, meta) -> None:
    rows = []
    for k in range(0, meta["count"], meta["docChunk"]):
        rows += json.loads(files[f"search/catalog/d/{k // meta['docChunk']}.json"])
    assert [r[0] for r in rows] == [e.id for e in search_order(catalog)]
    assert {r[0] for r in rows} == {e.id for e in catalog.entries.values() if e.status != "retired"}


def test_each_entry_has_its_whole_title_as_one_exact_term(catalog, files, meta) -> None:
    exact = meta["fields"].index("exact")
    docs_by_term: dict[str, set[int]] = defaultdict(set)
    for records in _shards(files, meta):
        for term, _, flat in records:
            p = 0
            while p < len(flat):
                field, count, doc = flat[p], flat[p + 1], 0
                p += 2
                for _ in range(count):
                    doc += flat[p]
                    if field == exact:
                        docs_by_term[term].add(doc)
                    p += 2
    for n, entry in enumerate(search_order(catalog)):
        terms = analyse(exact_key(entry.title))
        assert len(terms) == 1 and n in docs_by_term[terms[0]], entry.id
