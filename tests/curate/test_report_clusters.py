"""Possible duplicates come as clusters with bounded output, and overlaps beyond titles and addresses are found:
parts of one programme recorded twice, and near-identical summaries."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace

from generator.curate.page import curators_assets, curators_page
from generator.curate.report import (
    CLUSTER_IDS, CLUSTER_TITLES, SUMMARY_THRESHOLD, Record, build_report, format_text, same_programme, same_urls, similar_summaries,
    title_clusters,
)

TODAY = dt.date(2026, 3, 1)


def entry(n: int, title: str, *, url: str = "", provider: str = "Example Hospice", part_of: str = "",
          summary: str = "", code: str = "") -> Record:
    eid = f"e{n:05d}"
    return Record(eid, "entry", f"catalog/{eid}.yaml", title, "2030-01-01", url or f"https://example.org/{n}",
                  part_of, provider, summary or f"Summary number {n} of a distinct course.", code)


def test_a_thousand_entries_with_one_title_are_one_bounded_cluster() -> None:
    records = [entry(n, "Palliative care for everyone") for n in range(1000)]
    report = build_report(records, TODAY)
    (cluster,) = report.similar_titles
    assert cluster.size == 1000
    assert cluster.ids == tuple(f"e{n:05d}" for n in range(CLUSTER_IDS))
    assert cluster.titles == ("Palliative care for everyone",) and cluster.score == 1.0
    size = len(json.dumps(report.to_json()))
    assert size < 5_000, size  # a pair per line was 27 MB for this catalog
    assert "e00000, e00001" in format_text(report) and "and 980 more" in format_text(report)


def test_alike_titles_join_one_cluster_through_a_chain_of_pairs() -> None:
    titles = ["Talking with families about dying", "Talking with families about dying.",
              "Talking with the families about dying", "Symptom control in the last days"]
    clusters = title_clusters([entry(n, t) for n, t in enumerate(titles)])
    assert [(c.ids, c.size) for c in clusters] == [(("e00000", "e00001", "e00002"), 3)]
    assert 0.88 <= clusters[0].score <= 1.0
    assert clusters[0].titles == tuple(titles[:3])


def test_a_cluster_names_a_bounded_number_of_distinct_titles() -> None:
    records = [entry(n, f"Palliative care for everyone, part {n}") for n in range(40)]
    (cluster,) = title_clusters(records)
    assert cluster.size == 40 and len(cluster.ids) == CLUSTER_IDS and len(cluster.titles) == CLUSTER_TITLES


def test_same_url_lists_a_bounded_number_of_ids_and_counts_the_rest() -> None:
    records = [entry(n, f"Course {n}", url="https://example.org/shared") for n in range(50)]
    (found,) = same_urls(records)
    assert found.size == 50 and len(found.ids) == CLUSTER_IDS


def test_a_second_record_of_a_programmes_part_is_found() -> None:
    records = [
        entry(1, "Palliative care ECHO: cohort 2026", part_of="echo", code="C26"),
        entry(2, "Palliative care ECHO: cohort 2027", part_of="echo", code="C27"),  # the same title apart from its year
        entry(3, "Pain at the end of life", part_of="echo", code="S01"),
        entry(4, "Managing pain in the last days", part_of="echo", code="s01"),  # the same code, another title
        entry(5, "LEAP Core", part_of="leap"),
        entry(6, "LEAP Oncology", part_of="leap"),  # parts named alike on purpose
        entry(7, "Pain at the end of life", part_of="echo", provider="Another Provider", code="S01"),
    ]
    clusters = same_programme(records)
    assert sorted(c.ids for c in clusters) == [("e00001", "e00002"), ("e00003", "e00004")]
    assert all(c.note == "Example Hospice, programme 'echo'" for c in clusters)


def test_near_identical_summaries_are_found_and_different_ones_are_not() -> None:
    base = ("A monthly online case-based session for community nurses on recognising dying, "
            "managing symptoms and talking with families, led by a hospice team.")
    records = [
        entry(1, "One", summary=base),
        entry(2, "Two", summary=base.upper().replace(",", " ;")),  # the same words
        entry(3, "Three", summary=base.replace("monthly", "weekly")),  # one word changed
        entry(4, "Four", summary="An e-learning module on syringe pumps for registered nurses in hospitals."),
        entry(5, "Five", summary="A study day on bereavement support for volunteers in care homes and hospices."),
    ]
    (cluster,) = similar_summaries(records)
    assert cluster.ids == ("e00001", "e00002", "e00003")
    assert SUMMARY_THRESHOLD <= cluster.score < 1.0


def test_the_curators_page_and_json_stay_small_for_a_large_cluster() -> None:
    records = [entry(n, "Palliative care for everyone", summary="The same summary for every copy.",
                     part_of="prog", code="X") for n in range(3000)]
    report = build_report(records, TODAY)
    assert [c.size for c in report.similar_titles] == [3000]
    assert [c.size for c in report.same_programme] == [3000]
    assert [c.size for c in report.similar_summaries] == [3000]
    outputs = SimpleNamespace(_curators_report=report)
    (page,) = curators_page(outputs).values()
    ((_, text),) = curators_assets(outputs)
    assert len(text) < 10_000 and len(page) < 10_000
    assert "and 2,980 more" in page
    assert page.count(">e00019</a>") == 3 and "e00020" not in page


def test_portal_report_warns_about_a_second_record_of_a_series(mini_portal: Path, run_portal) -> None:
    basics = (mini_portal / "catalog" / "mini-basics.yaml").read_text(encoding="utf-8")
    second = basics.replace("id: mini-basics", "id: mini-basics-again").replace(
        "title: Basics of end of life care", "title: End of life care basics").replace(
        "url: https://example.org/mini-programme/basics", "url: https://example.org/basics-again")
    (mini_portal / "catalog" / "mini-basics-again.yaml").write_text(second, encoding="utf-8")
    out = run_portal("report", "--root", str(mini_portal), "--today", "2026-01-01", "--format", "json")
    doc = out.json()
    assert [c["ids"] for c in doc["same_programme"]] == [["mini-basics", "mini-basics-again"]]
    assert [c["ids"] for c in doc["similar_summaries"]] == [["mini-basics", "mini-basics-again"]]
    text = run_portal("report", "--root", str(mini_portal), "--today", "2026-01-01", "--strict")
    assert text.code == 1
    assert "Parts of one programme that may be one part recorded twice (1):" in text.out
