"""Build the catalog's lunr index and split it into small shards by term.

builder.py computes the index (lunr.py's BM25 weights, serialised for lunr.js
2.3.9) from terms analysed exactly as lunr.js analyses a query. A whole lunr
index of a 10,000-entry catalog is megabytes, so instead of shipping it whole we regroup it by term: each shard
holds, for a run of consecutive terms, every document's weight for that term.
The browser fetches only the shards that hold its query terms and hands those
terms to ``lunr.Index.load``; because a lunr score is the dot product of the
query vector with the document vectors, the terms a query does not contain
never change a score, so results and scores equal those of the whole index.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Catalog, Entry
from . import builder
from .analysis import PIPELINES, analyse, index_term, rules_language  # noqa: F401  (index_term: interface)
from .builder import Posting, regroup
from .synonyms import Synonyms

# Field name, boost. "exact" holds the whole title as one token, so that typing
# an entry's exact title always ranks that entry first (see exact_key). "syn" holds
# the synonyms of the entry's words (synonyms.py): the browser ranks an entry found
# only through it below every entry that has the typed words themselves.
FIELDS: tuple[tuple[str, int], ...] = (("title", 10), ("exact", 50), ("keys", 3), ("text", 1), ("syn", 1))
# Fields whose match is not the typed word itself.
INDIRECT_FIELDS = ("syn",)
# The query pipeline the browser runs: lunr.js's own stemmer, under the name lunr registers it with.
SEARCH_PIPELINE = PIPELINES["en"]


def search_pipeline() -> tuple[str, ...]:
    """The query pipeline of this build's language (lunr.fr's stemmer on the French side)."""
    return PIPELINES[rules_language()]

def exact_key(title: str) -> str:
    """A title reduced to its letters and digits: the browser computes the same from a query."""
    text = unicodedata.normalize("NFC", title).lower()
    return "".join(ch for ch in text if ch.isalnum())


def search_order(catalog: Catalog) -> list[Entry]:
    """The searchable entries, numbered in the catalog list's order (by title), so that
    filtering without a query keeps that order for free."""
    return sorted(catalog.active_entries, key=lambda e: (e.title.lower(), e.id))


def _document(catalog: Catalog, entry: Entry, synonyms: Synonyms) -> tuple[list[str], ...]:
    """The terms of each of FIELDS' fields of ``entry``."""
    v = catalog.vocab
    keys = [*entry.keywords, entry.code, *(o.name for o in entry.providers)]
    tags = [v.label("disease_groups", x) for x in entry.disease_groups]
    tags += [v.label("audiences", x) for x in entry.audiences]
    tags += [v.label("resource_types", x) for x in entry.resource_types]
    text = [entry.summary, *entry.learning_outcomes, *tags]
    title, words, body = analyse(entry.title), analyse(" ".join(k for k in keys if k)), analyse("\n".join(text))
    raw = "\n".join([entry.title, *(k for k in keys if k), *text])
    return title, analyse(exact_key(entry.title)), words, body, synonyms.expand((title, words, body), raw)


def build_lunr(catalog: Catalog, entries: Sequence[Entry]) -> dict:
    """The serialised lunr index (lunr.js 2.3.9 format) of ``entries``; refs are positions.

    The same dict lunr.py's Builder gives for these terms with no index pipeline
    and lunr's stemmer as search pipeline (tests/search check it is).
    """
    return builder.serialize(_build(catalog, entries), list(search_pipeline()))


def _build(catalog: Catalog, entries: Sequence[Entry]) -> builder.Index:
    """The weights of ``entries``' terms, document n being ``entries[n]``."""
    synonyms = Synonyms.from_groups(catalog.synonyms)
    return builder.build((_document(catalog, e, synonyms) for e in entries), FIELDS)


@dataclass(frozen=True)
class Shard:
    boundary: str  # the shard holds the terms from here up to the next shard's boundary
    records: list[list]


def postings(serialized: dict) -> list[Posting]:
    """(term, term index, per-field flat [field, count, doc delta, weight, ...]) for every term.

    Weights are lunr's (already rounded to 0.001) times 1000, so they stay exact integers.
    Terms come in the serialised index's order, fields in its order, documents ascending.
    """
    fields = serialized["fields"]
    position = {name: f for f, name in enumerate(fields)}
    vectors = []
    for ref, elements in serialized["fieldVectors"]:
        field, doc = ref.split("/", 1)
        vectors.append((int(doc), position[field], elements))
    vectors.sort(key=lambda v: v[0])  # regroup wants documents in ascending order
    terms = ((term, posting["_index"]) for term, posting in serialized["invertedIndex"])
    return regroup(vectors, len(fields), terms)


def index_postings(catalog: Catalog, entries: Sequence[Entry]) -> list[Posting]:
    """``postings(build_lunr(catalog, entries))``, without building the serialised index.

    The serialised index's "version" and "pipeline" are builder.LUNR_VERSION and SEARCH_PIPELINE.
    """
    return builder.postings(_build(catalog, entries))


def boundary(previous: str, first: str) -> str:
    """The shortest prefix of ``first`` that sorts after ``previous``: all a reader needs to
    tell which shard a term is in, at a fraction of the bytes of whole terms."""
    for k in range(1, len(first) + 1):
        if first[:k] > previous:
            return first[:k]
    return first


def shard(records: list[tuple[str, int, list[int]]], target_bytes: int) -> list[Shard]:
    """Consecutive terms grouped into shards of about ``target_bytes`` of JSON each.

    A term is never split, so a very common term may get a larger shard of its own.
    """
    groups: list[list[list]] = [[]]
    # Sizes are UTF-8 bytes, as the shard file is written: a term such as "română" is longer in bytes
    # than in characters. Each record costs its JSON plus a comma; the list's brackets add one more.
    size = 1
    for term, index, flat in records:
        record = [term, index, flat]
        cost = len(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")) + 1
        if groups[-1] and size + cost > target_bytes:
            groups.append([])
            size = 1
        groups[-1].append(record)
        size += cost
    shards = [Shard("", groups[0])]
    for before, group in zip(groups, groups[1:]):
        shards.append(Shard(boundary(before[-1][0], group[0][0]), group))
    return shards
