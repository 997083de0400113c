"""The files the browser's catalog search reads, all under ``search/catalog/``.

- ``meta.json``: small and fetched first: facet labels with whole-catalog counts,
  where each index shard starts (the shortest distinguishing prefix), and how
  the rest is laid out.
- ``t/<n>.json``: index shards (see ``index.py``), fetched per query term.
- ``d/<n>.json``: what a result shows (id, title, one line of facts), in chunks
  of consecutive entries, fetched for the results on screen.
- ``facets.json``: every entry's facet values as bitmask words, fetched once the
  first results are on screen or a filter is used; it is what counts are made of.

Every file is written deterministically; meta.json carries a hash of all the
others, which the browser adds to their URLs so caches never mix two builds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from ..model import Catalog, Entry
from ..pages import urls
from ..model.places import country_name
from ..i18n import _, join_marked, language_parts
from ..pages.badges import cut, cut_parts
from ..pages.entry import tiers_text, time_text
from .facets import Facet, catalog_facets
from .builder import LUNR_VERSION
from .index import FIELDS, INDIRECT_FIELDS, index_postings, rules_language, search_order, search_pipeline, shard

PREFIX = "search/catalog/"
FORMAT = 1
SHARD_BYTES = 16_000   # about 5 kB gzipped: one round trip on a slow phone connection
DOC_CHUNK = 8          # rows per display chunk: results are scattered, so small chunks waste least
PAGE_SIZE = 10         # results per page in the catalog app


def dumps(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def display_row(catalog: Catalog, entry: Entry) -> list[object]:
    """[id, title, facts, summary, tiers, badges] for one result, as the catalog list's cards show it: facts in
    one line (for the header search), the summary cut at a word, and [kind, text] badges in the cards' order.

    Where any of these has words in another language than the page's, the row gains a seventh item with their
    runs of [words, language] ('t' title, 'f' facts, 's' summary) and each such badge a third item with its own,
    so that the scripts mark them as the pages do (``language_parts``)."""
    v = catalog.vocab
    paused = _("Paused")
    title, summary = entry.words("title"), entry.words("summary")
    facts = join_marked(" · ", [f for f in (paused if entry.status == "paused" else "", tiers_text(entry),
                                            time_text(entry) if entry.duration else "",
                                            v.label("cost", entry.cost) if entry.cost else "", entry.provider) if f])
    shown = [("paused", paused if entry.status == "paused" else ""),
             ("time", cut(entry.duration.describe(), 40) if entry.duration else ""),
             ("cost", v.label("cost", entry.cost) if entry.cost else ""),
             ("format", join_marked(", ", [v.label("formats", f) for f in entry.formats[:2]])),
             ("country", join_marked(", ", [country_name(c) for c in entry.countries[:2]])),
             ("provider", cut(entry.provider, 60))]
    badges: list[list[object]] = []
    for kind, text in shown:
        if text:
            runs = _marked(language_parts(text))
            badges.append([kind, str(text), runs] if runs else [kind, str(text)])
    row: list[object] = [entry.id, str(title), str(facts), str(cut(summary, 120)), list(entry.tiers), badges]
    marks = {key: runs for key, runs in (("t", _marked(language_parts(title))), ("f", _marked(language_parts(facts))),
                                          ("s", _marked(cut_parts(summary, 120)))) if runs}
    return row + [marks] if marks else row


def _marked(runs: list[tuple[str, str]]) -> list[list[str]]:
    """The runs as JSON lists when any is in another language than the page's; [] when none is."""
    return [list(run) for run in runs] if any(lang for _words, lang in runs) else []


def facet_columns(facets: list[Facet], entries: list[Entry]) -> list[list[list[int]]]:
    """Per facet, per mask word, one integer per entry."""
    out = []
    for facet in facets:
        masks = [facet.mask(e) for e in entries]
        out.append([[m[w] for m in masks] for w in range(len(masks[0]) if masks else 1)])
    return out


def facet_meta(facets: list[Facet], entries: list[Entry]) -> list[dict[str, object]]:
    meta = []
    for facet in facets:
        counts = {value: 0 for value, _ in facet.values}
        for e in entries:
            for value in facet.of(e):
                if value in counts:
                    counts[value] += 1
        meta.append({"key": facet.key, "label": facet.label,
                     "values": [[value, label, counts[value]] for value, label in facet.values]})
    return meta


def search_files(catalog: Catalog) -> Iterator[tuple[str, bytes]]:
    """Every file of the catalog search, as (path in site, content)."""
    entries = search_order(catalog)
    shards = shard(index_postings(catalog, entries), SHARD_BYTES)
    facets = catalog_facets(catalog)
    files: dict[str, bytes] = {}
    for n, s in enumerate(shards):
        files[f"t/{n}.json"] = dumps(s.records)
    rows = [display_row(catalog, e) for e in entries]
    for k in range(0, max(len(rows), 1), DOC_CHUNK):
        files[f"d/{k // DOC_CHUNK}.json"] = dumps(rows[k:k + DOC_CHUNK])
    files["facets.json"] = dumps(facet_columns(facets, entries))
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path] + b"\0")
    before, after = urls.entry("\0").split("\0")
    meta = {
        "format": FORMAT, "version": digest.hexdigest()[:12], "count": len(entries),
        "fields": [name for name, _ in FIELDS], "indirect": list(INDIRECT_FIELDS), "lunr": LUNR_VERSION,
        "pipeline": list(search_pipeline()), "shards": [s.boundary for s in shards],
        "docChunk": DOC_CHUNK, "pageSize": PAGE_SIZE, "facets": facet_meta(facets, entries),
        "urls": {"catalog": urls.catalog(), "entry": [before, after]},
    }
    if rules_language() != "en":  # the browser analyses queries by the same language's rules
        meta["language"] = rules_language()
    yield PREFIX + "meta.json", dumps(meta)
    for path in sorted(files):
        yield PREFIX + path, files[path]
