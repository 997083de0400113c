"""Coverage: the counts, the heatmap against the table and the CSV, the summary, and the pages."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from generator.coverage import THIN, all_matrices, build_matrix
from generator.coverage.pages import COVERAGE_CSS, coverage_files, coverage_pages
from generator.coverage.render import CSV_COLUMNS, matrices_csv, table_html
from generator.coverage.summary import summary_html
from generator.coverage.svg import CELL_H, CELL_W, HEAD_H, LABEL_W, heatmap_svg
from generator.model import Catalog, Entry, Framework, Vocabularies
from generator.pages import urls
from pathways.support import shipped  # noqa: F401  (the fixture, shared with tests/pathways)

SVG = "{http://www.w3.org/2000/svg}"


def small_catalog(*entries: dict) -> Catalog:
    fw = Framework.from_data({
        "id": "fw", "version": "1", "title": "F",
        "tiers": [{"tier": t, "name": f"T{t}", "summary": "s"} for t in (1, 2, 3)],
        "domains": [{"id": "d1", "name": "First domain", "summary": "s"}, {"id": "d2", "name": "Second domain", "summary": "s"}],
        "subjects": [{"id": "talk", "name": "Talking", "domain": "d1", "summary": "s"},
                     {"id": "care", "name": "=Caring", "domain": "d2", "summary": "s"}],
        "competencies": [{"id": f"{s}-t{t}", "subject": s, "tier": t, "statement": "x"}
                         for s in ("talk", "care") for t in (1, 2, 3) if (s, t) != ("care", 3)],
    })
    vocab = Vocabularies.from_data({"professions": [{"id": "nurse", "label": "Nurse"}, {"id": "porter", "label": "Porter"}],
                                    "audiences": [{"id": "lgbtq", "label": "LGBTQ+ people"}]})
    made = {}
    for d in entries:
        data = {"type": "course", "title": d["id"], "url": "https://example.org/", "summary": "s", "tiers": [1],
                "review_by": "2030-01-01", **d}
        made[d["id"]] = Entry.from_data(data)
    return Catalog(fw, vocab, made, {})


def parse_svg(svg: str) -> tuple[list[str], dict[tuple[int, int], int]]:
    """Row labels, and (row, column) -> the count drawn in that cell, read back from the picture."""
    root = ET.fromstring(svg)
    groups = {g.get("class"): g for g in root.iter(f"{SVG}g") if g.get("class")}
    labels = sorted(((int(t.get("y")) - HEAD_H) // CELL_H, t.text) for t in groups["portal-heatmap-labels"])
    counts = {}
    for t in groups["portal-heatmap-counts"]:
        counts[((int(t.get("y")) - HEAD_H) // CELL_H, (int(t.get("x")) - LABEL_W) // CELL_W)] = int(t.text)
    return [text for _, text in labels], counts


def parse_table(table: str) -> tuple[list[str], dict[tuple[int, int], int]]:
    """Row headers, and (row, column) -> the count in that cell ("—" where there is no competency)."""
    root = ET.fromstring(table)
    names, counts = [], {}
    for tr in root.iter("tr"):
        head = tr.find("th[@scope='row']")
        if head is None:
            continue  # the header row and the domain rows
        for col, td in enumerate(tr.findall("td")):
            if td.text != "—":
                counts[(len(names), col)] = int(td.text.split()[0])
        names.append(head.text)
    return names, counts


def parse_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff"), "a BOM, so that Excel reads UTF-8"
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_counts_are_entries_teaching_each_competency_for_each_group():
    cat = small_catalog(
        {"id": "a", "competencies": ["talk-t1", "care-t1"], "professions": ["nurse"]},
        {"id": "b", "competencies": ["talk-t1"], "professions": ["porter"], "audiences": ["lgbtq"]},
        {"id": "c", "competencies": ["talk-t1", "talk-t2"]},  # no profession: for anyone
        {"id": "old", "competencies": ["talk-t3"], "status": "retired"},
    )
    overall = build_matrix(cat)
    assert overall.counts == {"talk-t1": 3, "talk-t2": 1, "talk-t3": 0, "care-t1": 1, "care-t2": 0}
    assert overall.entries == 3
    assert build_matrix(cat, "professions", "nurse").counts["talk-t1"] == 2
    assert build_matrix(cat, "professions", "porter").counts["care-t1"] == 0
    assert build_matrix(cat, "audiences", "lgbtq").counts == {"talk-t1": 1, "talk-t2": 0, "talk-t3": 0,
                                                            "care-t1": 0, "care-t2": 0}
    assert overall.gaps() == ["talk-t3", "care-t2"]
    assert overall.thin() == ["talk-t2", "care-t1"] and THIN == 3
    assert [r.cells for r in overall.rows] == [("talk-t1", "talk-t2", "talk-t3"), ("care-t1", "care-t2", None)]


def test_heatmap_is_an_accessible_image_that_needs_no_script():
    cat = small_catalog({"id": "a", "competencies": ["talk-t1"]})
    root = ET.fromstring(heatmap_svg(build_matrix(cat), uid="hm"))
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    assert ids == ["hm-title", "hm-desc"]
    assert root.find(f"{SVG}title").get("id") == "hm-title" and root.find(f"{SVG}title").text
    desc = root.find(f"{SVG}desc")
    assert desc.get("id") == "hm-desc" and "4 competencies have no entry" in desc.text
    assert not list(root.iter(f"{SVG}script"))
    assert root.get("viewBox")


def test_heatmap_table_and_csv_agree_on_every_matrix_of_the_shipped_catalog(shipped):
    matrices = all_matrices(shipped.catalog)
    assert len(matrices) == 1 + len(shipped.catalog.vocab["professions"]) + len(shipped.catalog.vocab["audiences"])
    rows = parse_csv(matrices_csv(shipped.catalog, matrices))
    assert list(rows[0]) == list(CSV_COLUMNS)
    for m in matrices:
        svg_labels, picture = parse_svg(heatmap_svg(m))
        table_names, table = parse_table(table_html(shipped.catalog, m))
        assert picture == table, m.label
        assert table_names == [r.name for r in m.rows]
        assert [n.rstrip("…") for n in svg_labels] == [r.name[:len(n.rstrip("…"))] for r, n in zip(m.rows, svg_labels)]
        row_of = {r.subject: i for i, r in enumerate(m.rows)}
        from_csv = {}
        for r in rows:
            if r["scope"] == (m.kind or "all") and r["scope_id"] == m.term:
                comp = shipped.catalog.framework.competencies[r["competency"]]
                from_csv[(row_of[comp.subject], m.tiers.index(int(r["tier"])))] = int(r["entries"])
                expected = "gap" if r["entries"] == "0" else "thin" if int(r["entries"]) < THIN else "ok"
                assert r["status"] == expected
        assert from_csv == picture, m.label
        assert sum(picture.values()) == sum(m.counts.values())


def test_csv_cells_cannot_become_spreadsheet_formulas():
    cat = small_catalog({"id": "a", "competencies": ["care-t1"]})
    rows = parse_csv(matrices_csv(cat, [build_matrix(cat)]))
    assert {r["subject"] for r in rows} == {"Talking", "'=Caring"}


def test_summary_names_the_thin_tier_domain_and_groups():
    cat = small_catalog(
        *({"id": f"n{i}", "competencies": ["talk-t1", "care-t1", "care-t2"], "professions": ["nurse"]}
          for i in range(3)),
        {"id": "once", "competencies": ["talk-t2"], "professions": ["nurse"]},
    )
    matrices = all_matrices(cat)
    text = summary_html(cat, matrices[0], matrices[1:], urls.coverage())
    assert ("Tier 1: 0 gaps and 0 thin, of 2; Tier 2: 0 gaps and 1 thin, of 2; Tier 3: 1 gap and 0 thin, of 1. "
            "Tier 3 is the most thinly covered.") in text
    assert "Thinly covered: First domain (1 gap and 1 thin, of 3)." in text
    assert "Second domain" not in text  # care-t1 and care-t2 are each taught by three entries
    assert ("1 of 2 are thinly covered, the thinnest first: "
            '<a href="professions/porter/">Porter</a> (5 gaps and 0 thin, of 5).') in text
    assert '<a href="audiences/lgbtq/">LGBTQ+ people</a>' in text  # nothing focuses on the audience


def test_pages_stay_small_and_every_page_has_its_csv(shipped):
    pages = coverage_pages(shipped)
    csvs = dict(coverage_files(shipped))
    assert b".portal-coverage-grid" in csvs.pop(COVERAGE_CSS)
    assert urls.coverage() in pages
    for kind in ("professions", "audiences"):
        assert urls.coverage(kind) in pages
        for term in shipped.catalog.vocab[kind]:
            assert urls.coverage(kind, term) in pages
    for url, markdown in pages.items():
        # Material's chrome takes about 16 KB of the 30 KB page budget.
        assert len(markdown.encode("utf-8")) < 13_000, url
        assert url + "coverage.csv" in csvs, url
        assert "<script" not in markdown
        assert f'href="{"../" * url.count("/")}{COVERAGE_CSS}"' in markdown, url
    assert pages == coverage_pages(shipped), "same inputs, same output"


def test_a_profession_page_links_to_its_generated_pathways(shipped):
    pages = coverage_pages(shipped)
    prof = next(iter(shipped.catalog.vocab["professions"]))
    page = pages[urls.coverage("professions", prof)]
    for tier in (1, 2, 3):
        assert f'href="../../../pathways/for-{prof}-tier-{tier}/"' in page
    audience = next(iter(shipped.catalog.vocab["audiences"]))
    assert f'href="../../../pathways/for-audience-{audience}/"' in pages[urls.coverage("audiences", audience)]


def test_an_audience_page_says_plainly_when_it_has_little_or_no_training():
    from generator.coverage.pages import term_page

    def page(*types: str) -> str:
        entries = [{"id": f"e{i}", "type": t, "competencies": ["talk-t1"], "audiences": ["lgbtq"]}
                   for i, t in enumerate(types)]
        return term_page(small_catalog(*entries), build_matrix(small_catalog(*entries), "audiences", "lgbtq"), set())

    assert "No training is listed for this group" in page("guidance", "resource")
    assert "1 entry is focused on this group" in page("course") and "2 entries are focused" in page("course", "event")
    assert "The other 2 entries are guidance" in page("guidance", "resource")
    assert "Only one training entry is listed" in page("course", "guidance")
    assert "knows of no course" in page(), "a group with no entries at all has no training either"
    enough = page("course", "event", "toolkit")
    assert "2 of them are training" in enough and "portal-training-gap" not in enough
    m = build_matrix(small_catalog({"id": "gone", "competencies": ["talk-t1"], "audiences": ["lgbtq"],
                                    "status": "retired"}), "audiences", "lgbtq")
    assert m.courses == 0, "a retired course trains nobody"
