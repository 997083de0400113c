"""builder.py against lunr.py's own Builder: the same index, float for float, and the same files."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pytest
from lunr.builder import Builder
from lunr.stemmer import stemmer as lunr_stemmer

from benchmarks.synth import synth_project
from generator.model import Catalog
from generator.search import builder, store
from generator.search.synonyms import Synonyms
from generator.search.index import (
    FIELDS,
    SEARCH_PIPELINE,
    _document,
    build_lunr,
    index_postings,
    postings,
    search_order,
)
from generator.settings import load_settings
from generator.validate import validate_project

Fields = Sequence[tuple[str, int]]
Document = Sequence[Sequence[str]]


# --- The reference: lunr.py used exactly as index.py used it before builder.py. ---

def lunr_py_index(documents: Sequence[Document], fields: Fields = FIELDS) -> dict:
    """lunr.py's Builder: no index pipeline, lunr's stemmer as search pipeline, refs are positions."""
    lunr = Builder()
    lunr.search_pipeline.add(lunr_stemmer)
    lunr.ref("ref")
    for name, boost in fields:
        lunr.field(name, boost=boost)
    for n, document in enumerate(documents):
        lunr.add({"ref": str(n), **{name: list(terms) for (name, _), terms in zip(fields, document)}})
    return lunr.build().serialize()


def reference_postings(serialized: dict) -> list[tuple[str, int, list[int]]]:
    """index.postings() as it was, regrouping lunr.py's serialised index."""
    fields = serialized["fields"]
    by_index: dict[int, dict[int, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for ref, elements in serialized["fieldVectors"]:
        field, doc = ref.split("/", 1)
        f = fields.index(field)
        for k in range(0, len(elements), 2):
            by_index[elements[k]][f].append((int(doc), round(elements[k + 1] * 1000)))
    out = []
    for term, posting in serialized["invertedIndex"]:
        index = posting["_index"]
        flat: list[int] = []
        for f, docs in sorted(by_index[index].items()):
            docs.sort()
            flat += [f, len(docs)]
            last = 0
            for doc, weight in docs:
                flat += [doc - last, weight]
                last = doc
        out.append((term, index, flat))
    return out


def reference_build_lunr(catalog: Catalog, entries: Sequence) -> dict:
    synonyms = Synonyms.from_groups(catalog.synonyms)
    return lunr_py_index([_document(catalog, e, synonyms) for e in entries])


def assert_same_index(documents: Sequence[Document], fields: Fields = FIELDS) -> None:
    expected = lunr_py_index(documents, fields)
    index = builder.build(documents, fields)
    got = builder.serialize(index, list(SEARCH_PIPELINE))
    assert got == expected
    # JSON too: == alone would let an int pass for an equal float, or a key move.
    assert json.dumps(got, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)
    want = reference_postings(expected)
    assert postings(got) == want
    assert builder.postings(index) == want


# --- Synthetic corpora. ---

_WORDS = ["care", "pain", "dy", "famili", "palli", "symptom", "end", "life", "nurs", "e.g", "ng31",
          "soin", "l’essentiel", "über", "café", "naïv", "ωmega", "οδος", "日本", "医療", "🙂", "x" * 40]
_MIXED = ["Care", "PAIN", "Ünïcode", "ΟΔΟΣ", "İstanbul", "aΣ", "ΣΑ", "ǅemal", "ß", "ﬁne", "K"]  # lunr.py lowercases


def _corpus(seed: int, docs: int, vocabulary: int, mixed_case: bool) -> list[list[list[str]]]:
    rng = random.Random(seed)
    words = _WORDS + [f"w{k}" for k in range(vocabulary)] + ([""] if seed % 2 else [])
    if mixed_case:
        words += _MIXED
    weights = [1 / (k + 1) for k in range(len(words))]  # a few very common terms, many rare ones
    corpus = []
    for _ in range(docs):
        document = []
        for f in range(len(FIELDS)):
            if rng.random() < 0.2:
                document.append([])  # empty fields, here and there
                continue
            size = rng.choice([1, 1, 2, 5, 12, 40]) if f != 1 else 1
            document.append(rng.choices(words, weights=weights, k=size))
        if rng.random() < 0.3:  # one term in every field: counted once per field by lunr's idf
            for terms in document:
                terms.append("everywhere")
        corpus.append(document)
    return corpus


@pytest.mark.parametrize(("seed", "docs", "vocabulary", "mixed_case"), [
    (1, 1, 5, False),      # a single document
    (2, 2, 3, False),
    (3, 40, 4, False),     # tiny vocabulary: every term repeats in and across documents
    (4, 120, 60, True),
    (5, 300, 400, False),
    (6, 300, 2000, True),  # mostly rare terms
    (7, 500, 30, True),
])
def test_random_corpora_equal_lunr_py(seed: int, docs: int, vocabulary: int, mixed_case: bool) -> None:
    assert_same_index(_corpus(seed, docs, vocabulary, mixed_case))


def test_a_field_empty_in_every_document_equals_lunr_py() -> None:
    # Its average length is 0: lunr.py never divides by it, since it has no terms to weight.
    corpus = _corpus(8, 50, 20, False)
    for document in corpus:
        document[2] = []
    assert_same_index(corpus)


def test_one_document_with_every_field_empty_equals_lunr_py() -> None:
    assert_same_index([[[], [], [], [], []]])
    assert_same_index([[[], [], [], [], []], [["care"], ["care"], [], ["care", "care"], ["cares"]]])


def test_other_fields_and_boosts_equal_lunr_py() -> None:
    fields = (("a", 1), ("b", 7), ("c", 100))
    rng = random.Random(9)
    corpus = [[rng.choices(_WORDS[:8], k=rng.randint(0, 9)) for _ in fields] for _ in range(80)]
    assert_same_index(corpus, fields)


def test_terms_that_lowercase_differently_together_are_lowercased_one_by_one() -> None:
    # "aΣ" alone ends in a final sigma; "aΣ" followed by "b" would not.
    assert_same_index([[["aΣ", "b"], ["İ"], ["ΣΑ", "x"], ["aς", "aσ"], []], [["aσ"], [], [], ["b"], ["Σ"]]])


def test_no_documents_give_an_empty_index() -> None:
    # lunr.py divides by the document count here; lunr.js and builder.py give an empty index.
    index = builder.build([], FIELDS)
    serialized = builder.serialize(index, list(SEARCH_PIPELINE))
    assert serialized["fieldVectors"] == [] and serialized["invertedIndex"] == []
    assert postings(serialized) == [] and builder.postings(index) == []


def test_documents_must_have_every_field_as_a_list_of_terms() -> None:
    with pytest.raises(ValueError):
        builder.build([[["care"]]], FIELDS)
    with pytest.raises(TypeError):
        builder.build([["care", *([[]] * (len(FIELDS) - 1))]], FIELDS)


# --- Catalogs, through to the files the browser reads. ---

def _files_both_ways(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> tuple[dict, dict]:
    new = dict(store.search_files(catalog))
    with monkeypatch.context() as m:
        m.setattr(store, "index_postings", lambda c, e: reference_postings(reference_build_lunr(c, e)))
        old = dict(store.search_files(catalog))
    return new, old


def _assert_same_catalog_index(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    entries = search_order(catalog)
    expected = reference_build_lunr(catalog, entries)
    got = build_lunr(catalog, entries)
    assert got == expected
    assert json.dumps(got, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)
    want = reference_postings(expected)
    assert postings(got) == want
    assert index_postings(catalog, entries) == want
    # meta.json names the format and query pipeline without a serialised index to read them from.
    assert (expected["version"], expected["pipeline"]) == (builder.LUNR_VERSION, list(SEARCH_PIPELINE))
    new, old = _files_both_ways(catalog, monkeypatch)
    assert new.keys() == old.keys()
    assert all(new[path] == old[path] for path in old)


def test_shipped_catalog_index_and_files_equal_lunr_py(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_same_catalog_index(catalog, monkeypatch)


def test_synthetic_catalog_index_and_files_equal_lunr_py(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = validate_project(load_settings(synth_project(tmp_path / "portal", 300, seed=11)))
    assert result.catalog is not None
    _assert_same_catalog_index(result.catalog, monkeypatch)
