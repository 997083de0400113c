"""Clinicians' queries: a relevant entry among the first five results for nearly every one.

The queries and the entries judged relevant to each are in clinician_queries.yaml.
Each query runs through the browser's own catalog search (the sharded index,
synonyms, slips of one letter, lunr.js's ranking), as the catalog page runs it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .conftest import settle

pytestmark = pytest.mark.browser

QUERIES = Path(__file__).with_name("clinician_queries.yaml")
TOP = 5
TARGET = 0.95

# The catalog page's search: ranked as the page ranks its first page of results.
RUN = """async queries => {
  const engine = await PortalSearch.open(new URL('../', location.href).href);
  const out = [];
  for (const q of queries) {
    const found = await engine.search(q);
    const top = engine.rank(found, found.docs, engine.meta.pageSize).slice(0, %d);
    out.push((await engine.rows(top)).map(row => row[0]));
  }
  return out;
}""" % TOP


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]


def test_the_query_set_is_realistic_in_size_and_names_real_entries(site_dir: Path) -> None:
    queries = load_queries()
    assert len(queries) >= 40
    assert len({q["query"].lower() for q in queries}) == len(queries), "a query is listed twice"
    built = {p.parent.name for p in (site_dir / "catalog").glob("*/index.html")}
    unknown = sorted({(q["query"], r) for q in queries for r in q["relevant"] if r not in built})
    assert unknown == [], f"judged entries the catalog does not have (renamed or retired?): {unknown}"


def test_a_relevant_entry_is_in_the_first_five_for_at_least_95_percent(page, base_url: str, site_dir: Path,
                                                                        record_property) -> None:
    queries = load_queries()
    page.goto(base_url + "catalog/")
    settle(page)
    results = page.evaluate(RUN, [q["query"] for q in queries])
    misses = [(q["query"], got) for q, got in zip(queries, results) if not set(got) & set(q["relevant"])]
    hits = len(queries) - len(misses)
    record_property("query_set", f"{hits}/{len(queries)}")
    print(f"clinician query set: {hits} of {len(queries)} queries have a relevant entry in the first {TOP}; "
          f"misses: {misses}")  # shown by pytest -rP
    assert hits >= TARGET * len(queries), (
        f"{hits} of {len(queries)} queries have a relevant entry in the first {TOP}; misses: {misses}")
    assert page.js_errors == []
