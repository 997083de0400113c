"""``portal report`` and the curators' page: review dates, same URLs, similar titles."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator.curate.report import Record, build_report, normalise_title, normalise_url, same_urls, similar_titles

OVERDUE = """\
id: mini-overdue
type: resource
title: Talking with families about dying
url: https://example.org/talking
provider: Example Hospice Education
summary: A guide to talking with families.
tiers: [1]
competencies: [communication-t1]
review_by: 2026-01-15
"""
# The same page as mini-overdue (www., http, trailing slash, tracking parameter) and a near-identical title.
DUPLICATE = """\
id: mini-overdue-copy
type: resource
title: "Talking with families about dying."
url: http://www.EXAMPLE.org/talking/?utm_source=newsletter
provider: Example Hospice Education
summary: The same guide, added twice.
tiers: [1]
competencies: [communication-t1]
review_by: 2028-01-15
"""


@pytest.fixture
def report_portal(mini_portal: Path) -> Path:
    (mini_portal / "catalog" / "mini-overdue.yaml").write_text(OVERDUE, encoding="utf-8")
    (mini_portal / "catalog" / "mini-overdue-copy.yaml").write_text(DUPLICATE, encoding="utf-8")
    return mini_portal


def test_report_finds_the_overdue_entry_and_the_duplicates(report_portal: Path, run_portal) -> None:
    out = run_portal("report", "--root", str(report_portal), "--today", "2026-03-01", "--format", "json")
    assert out.code == 0, out.err
    doc = out.json()
    assert doc["today"] == "2026-03-01"
    assert [(d["id"], d["days"]) for d in doc["overdue"]] == [("mini-overdue", 45)]
    assert doc["same_url"] == [{"url": "https://example.org/talking",
                                "ids": ["mini-overdue", "mini-overdue-copy"], "size": 2}]
    assert [(c["ids"], c["size"]) for c in doc["similar_titles"]] == [(["mini-overdue", "mini-overdue-copy"], 2)]


def test_report_text_names_the_files_and_strict_fails(report_portal: Path, run_portal) -> None:
    out = run_portal("report", "--root", str(report_portal), "--today", "2026-03-01", "--strict")
    assert out.code == 1
    assert "catalog/mini-overdue.yaml: review_by 2026-01-15, 45 days overdue" in out.out
    assert "mini-overdue, mini-overdue-copy" in out.out


def test_today_decides_what_is_overdue(report_portal: Path, run_portal) -> None:
    doc = run_portal("report", "--root", str(report_portal), "--today", "2026-01-01", "--format", "json").json()
    assert doc["overdue"] == []
    assert [d["id"] for d in doc["due_soon"]] == ["mini-overdue"]


def test_the_shipped_mini_portal_has_no_duplicates(mini_portal: Path, run_portal) -> None:
    doc = run_portal("report", "--root", str(mini_portal), "--today", "2026-01-01", "--format", "json").json()
    assert doc["same_url"] == [] and doc["similar_titles"] == [] and doc["overdue"] == []


@pytest.mark.parametrize(("a", "b"), [
    ("https://example.org/x", "http://www.example.org/x/"),
    ("https://example.org/x?b=2&a=1", "https://example.org/x?a=1&b=2&utm_medium=email"),
    ("https://EXAMPLE.org:443/x#section", "https://example.org/x"),
    ("https://example.org/x/index.html", "https://example.org/x"),
])
def test_urls_that_name_the_same_page_normalise_alike(a: str, b: str) -> None:
    assert normalise_url(a) == normalise_url(b)


@pytest.mark.parametrize(("a", "b"), [
    ("https://example.org/x", "https://example.org/y"),
    ("https://example.org/x?id=1", "https://example.org/x?id=2"),
    ("https://example.org/x", "https://example.com/x"),
    ("https://example.org/X", "https://example.org/x"),  # paths are case-sensitive
])
def test_urls_of_different_pages_stay_different(a: str, b: str) -> None:
    assert normalise_url(a) != normalise_url(b)


def test_sessions_sharing_their_programme_url_are_not_duplicates() -> None:
    rec = [Record("prog", "entry", "p", "Programme", "2030-01-01", "https://example.org/p"),
           Record("s1", "entry", "s1", "Session one", "2030-01-01", "https://example.org/p", part_of="prog"),
           Record("s2", "entry", "s2", "Session two", "2030-01-01", "https://example.org/p/", part_of="prog"),
           Record("other", "entry", "o", "Other", "2030-01-01", "https://example.org/p")]
    assert [s.ids for s in same_urls(rec)] == [("other", "prog", "s1", "s2")]
    assert same_urls(rec[:3]) == []


@pytest.mark.parametrize(("a", "b", "alike"), [
    ("Communication skills for end of life care", "Communication Skills for End-of-Life Care", True),
    ("Dementia & end of life care", "Dementia and end of life care", True),
    ("Care in the last days of life", "Care in the last days of life (2nd edition)", False),
    ("Recognising the dying phase", "Managing distress in the dying phase", False),
    ("Tier 1 palliative care", "Tier 2 palliative care", True),
])
def test_similar_titles(a: str, b: str, alike: bool) -> None:
    rec = [Record("a", "entry", "a", a, "2030-01-01"), Record("b", "entry", "b", b, "2030-01-01")]
    assert bool(similar_titles(rec)) is alike, (normalise_title(a), normalise_title(b))


def test_large_catalogs_still_find_near_duplicates() -> None:
    # Above 400 titles the comparison is blocked on rare word stems; the true pair must survive that.
    words = ["advance", "care", "planning", "symptom", "control", "grief", "support", "spiritual", "dementia",
             "paediatric", "hospice", "nursing", "pain", "breathlessness", "family", "communication"]
    rec = [Record(f"e{i}", "entry", f"e{i}", f"{words[i % 16]} {words[(i // 16) % 16]} module {i}", "2030-01-01")
           for i in range(600)]
    rec.append(Record("dup", "entry", "dup", "Dementia care, module 24", "2030-01-01"))
    found = {(s.a, s.b) for s in similar_titles(rec, threshold=0.95)}
    assert ("dup", "e24") in found or ("e24", "dup") in found


def test_curators_page_is_deterministic_and_uses_the_build_date(report_portal: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.curate.page import curators_assets, curators_page
    from generator.settings import load_settings
    from generator.outputs import Outputs
    from generator.validate import validate_project

    settings = load_settings(report_portal)
    catalog = validate_project(settings).catalog
    assert catalog is not None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc).timestamp())))
    first = Outputs(catalog, settings, site_name="t")
    page = curators_page(first)["curators/"]
    assert page == curators_page(Outputs(catalog, settings, site_name="t"))["curators/"]
    assert "2026-03-01" in page and "45 days overdue" in page
    assert 'href="../catalog/mini-overdue/"' in page
    (path, text), = list(curators_assets(first))
    assert path == "curators/report.json"
    assert json.loads(text)["overdue"][0]["id"] == "mini-overdue"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc).timestamp())))
    assert "None." in curators_page(Outputs(catalog, settings, site_name="t"))["curators/"].split("due-soon")[0]


def test_curators_page_escapes_catalog_text(report_portal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.curate.page import curators_page
    from generator.settings import load_settings
    from generator.outputs import Outputs
    from generator.validate import validate_project

    path = report_portal / "catalog" / "mini-overdue.yaml"
    path.write_text(OVERDUE.replace("Talking with families about dying", "<script>alert(1)</script>"),
                    encoding="utf-8")
    catalog = validate_project(load_settings(report_portal)).catalog
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772323200")  # 2026-03-01
    page = curators_page(Outputs(catalog, load_settings(report_portal), site_name="t"))["curators/"]
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
