"""lunr.py 0.8.0's ``Builder``, reduced to what the catalog index needs.

The catalog's documents arrive as lists of already-analysed terms and the index
pipeline is empty, so indexing is: number each term the first time it is seen,
count terms per field, and weight every (term, field, document) with lunr's
BM25. lunr.py does this through Token, Vector and TokenSet objects, most of
which the catalog never uses (the browser rebuilds its own token set); here it
is plain dicts and lists, with every number computed by the same expression in
the same order, so every weight is the same float lunr.py would give.

lunr.py's quirks kept on purpose, since the browser's scores depend on them:

* idf counts a document once per field holding the term, so a term in the
  title and the text of one document counts as two documents;
* a field's length is its number of terms, its average length is over all
  documents (empty fields included);
* k1 = 1.2, b = 0.75, scores are times the field boost, rounded with
  ``round(score, 3)``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from lunr import __TARGET_JS_VERSION__

# The lunr.js version whose format serialize() writes (what lunr.py 0.8 targets).
LUNR_VERSION: str = __TARGET_JS_VERSION__
K1 = 1.2
B = 0.75
# lunr.py evaluates these sub-expressions afresh for every weight; as constants
# they are the same floats.
_K1_PLUS_1 = K1 + 1
_ONE_MINUS_B = 1 - B

# (term, term index, per-field flat [field, count, doc delta, weight * 1000, ...]).
Posting = tuple[str, int, list[int]]


@dataclass(frozen=True)
class Index:
    """Per-term weights of a set of documents, as lunr.py's Builder computes them."""

    fields: tuple[str, ...]
    terms: dict[str, int]  # term -> lunr's "_index", numbered in the order lunr numbers them
    # [doc][field] -> [term index, weight, term index, weight, ...] by term index: lunr's field vector.
    vectors: list[list[list[int | float]]]


def build(documents: Iterable[Sequence[Sequence[str]]], fields: Sequence[tuple[str, int]]) -> Index:
    """Index ``documents``, each a list of terms per field (in ``fields`` order, as (name, boost)).

    Document ``n`` of the iterable gets ref ``str(n)``.
    """
    names = tuple(name for name, _ in fields)
    terms: dict[str, int] = {}
    # Documents per term, counted once per field that holds it (lunr's idf does so).
    holders: Counter[str] = Counter()
    totals = [0] * len(fields)
    counted: list[list[Counter[str]]] = []
    lengths: list[list[int]] = []
    for document in documents:
        if len(document) != len(fields):
            raise ValueError(f"a document has {len(document)} fields, the index {len(fields)}")
        row = []
        for f, values in enumerate(document):
            if isinstance(values, str):  # lunr.py would split a string into words: these are terms
                raise TypeError("a field's terms must be a list of strings, not one string")
            counts = Counter(_lowered(values))
            for term in counts:
                if term not in terms:
                    terms[term] = len(terms)
            holders.update(counts.keys())
            totals[f] += len(values)
            row.append(counts)
        counted.append(row)
        lengths.append([len(values) for values in document])

    count = len(counted)
    averages = [total / count for total in totals] if count else []
    # A weight depends only on the term's holder count, its frequency, the field and the
    # field's length, and the same few combinations recur across a catalog: computing each
    # once (round() is the costly part) gives the very same floats.
    memos: dict[tuple[int, int], dict[int, float]] = {}
    by_index = terms.__getitem__
    vectors = []
    for row, row_lengths in zip(counted, lengths):
        vector = []
        for f, (counts, length) in enumerate(zip(row, row_lengths)):
            elements: list[int | float] = []
            append = elements.append
            if counts:  # an empty field has no weights, and its average length may be 0
                memo = memos.get((f, length))
                if memo is None:
                    memo = memos[(f, length)] = {}
                stride = length + 1  # tf <= length, so (holders, tf) -> one int without collisions
                norm = K1 * (_ONE_MINUS_B + B * (length / averages[f]))
                boost = fields[f][1]
                for term in sorted(counts, key=by_index):  # a field vector is ordered by term index
                    tf = counts[term]
                    h = holders[term]
                    key = h * stride + tf
                    weight = memo.get(key)
                    if weight is None:
                        score = _idf(h, count) * (_K1_PLUS_1 * tf) / (norm + tf)
                        score *= boost
                        weight = memo[key] = round(score, 3)
                    append(terms[term])
                    append(weight)
            vector.append(elements)
        vectors.append(vector)
    return Index(names, terms, vectors)


def _lowered(values: Sequence[str]) -> Sequence[str]:
    """``values`` as lunr.py's tokenizer leaves a list: each element lowercased, falsy ones as ""."""
    # Analysed terms are lowercase already, so check them all at once. Only a capital sigma
    # lowercases differently with its neighbours, and it changes either way: if the
    # joined terms do not change, none of them does on its own.
    try:
        joined = "".join(values)
    except TypeError:  # not all strings
        pass
    else:
        if joined.lower() == joined:
            return values
    return [str(v).lower() if v else "" for v in values]


def _idf(holders: int, count: int) -> float:
    """lunr's inverse document frequency (lunr/idf.py)."""
    x = (count - holders + 0.5) / (holders + 0.5)
    return math.log(1 + abs(x))


def serialize(index: Index, pipeline: Sequence[str]) -> dict:
    """The index as lunr.py's ``Index.serialize()`` gives it (lunr.js 2.3.9's format)."""
    postings: list[dict[str, dict]] = []
    for number in range(len(index.terms)):
        postings.append({name: {} for name in index.fields})
    field_vectors = []
    for doc, vector in enumerate(index.vectors):
        ref = str(doc)
        for name, elements in zip(index.fields, vector):
            for number in elements[0::2]:
                postings[number][name][ref] = {}  # lunr's per-document metadata: none is kept
            field_vectors.append([f"{name}/{ref}", elements[:]])
    inverted_index = []
    for term in sorted(index.terms):
        number = index.terms[term]
        posting: dict[str, object] = postings[number]
        posting["_index"] = number  # after the fields, where lunr.py puts it
        inverted_index.append([term, posting])
    return {
        "version": LUNR_VERSION,
        "fields": list(index.fields),
        "fieldVectors": field_vectors,
        "invertedIndex": inverted_index,
        "pipeline": list(pipeline),
    }


def postings(index: Index) -> list[Posting]:
    """What ``search.index.postings`` gives for ``serialize(index)``, without serialising."""
    vectors = ((doc, f, elements) for doc, row in enumerate(index.vectors) for f, elements in enumerate(row))
    return regroup(vectors, len(index.fields), sorted(index.terms.items()))


def regroup(vectors: Iterable[tuple[int, int, Sequence[Any]]], field_count: int,
            terms: Iterable[tuple[str, int]]) -> list[Posting]:
    """Field vectors regrouped per term: (term, term index, flat [field, count, doc delta, weight, ...]).

    ``vectors`` are (doc, field position, lunr field vector elements) with documents
    ascending, so every list below fills in ascending order and is never sorted.
    ``terms`` are (term, term index), each term once, in the order wanted. Weights
    become integers: times 1000, rounded.
    """
    # Per field, term index -> [doc, weight, doc, weight, ...].
    cells: list[dict[int, list[int]]] = [{} for _ in range(field_count)]
    for doc, f, elements in vectors:
        cell = cells[f]
        for number, weight in zip(elements[0::2], elements[1::2]):
            # Two appends rather than a pair: a million short-lived tuples cost garbage collections.
            if (docs := cell.get(number)) is None:
                cell[number] = [doc, round(weight * 1000)]
            else:
                docs.append(doc)
                docs.append(round(weight * 1000))
    out = []
    for term, number in terms:
        flat: list[int] = []
        for f, cell in enumerate(cells):
            if (docs := cell.get(number)) is not None:
                ascending = docs[0::2]
                docs[2::2] = [b - a for a, b in pairwise(ascending)]  # documents as deltas
                flat += (f, len(ascending))
                flat += docs
        out.append((term, number, flat))
    return out
