"""The benchmark's helpers: synthetic catalogs that validate, and the way fetched files are counted."""

from __future__ import annotations

import gzip
from pathlib import Path

from benchmarks.search_bench import _entry_pages, _local, _total
from benchmarks.synth import synth_project
from generator.settings import load_settings
from generator.validate import validate_project


def test_synthetic_catalog_validates_cleanly_and_is_seeded(tmp_path: Path) -> None:
    one = synth_project(tmp_path / "a", 25, seed=3)
    two = synth_project(tmp_path / "b", 25, seed=3)
    result = validate_project(load_settings(one))
    assert result.errors == [] and result.problems == []
    assert result.catalog is not None and len(result.catalog.entries) == 25
    files = sorted(p.name for p in (one / "catalog").glob("*.yaml"))
    assert files == sorted(p.name for p in (two / "catalog").glob("*.yaml"))
    assert all((one / "catalog" / f).read_bytes() == (two / "catalog" / f).read_bytes() for f in files)
    assert (one / "mkdocs.yml").is_file() and (one / "competencies" / "framework.yaml").is_file()


def test_fetched_urls_map_to_files_and_count_raw_and_gzip(tmp_path: Path) -> None:
    (tmp_path / "catalog").mkdir()
    page = tmp_path / "catalog" / "index.html"
    page.write_text("<p>" + "care " * 200 + "</p>", encoding="utf-8")
    base = "http://127.0.0.1:1/"
    found = _local(base + "catalog/?q=pain", base, {"": tmp_path})
    assert found == ("catalog/", page)
    assert _local("https://elsewhere.example/x.js", base, {"": tmp_path}) is None
    total = _total([found])
    assert total["raw"] == page.stat().st_size
    assert total["gzip"] == len(gzip.compress(page.read_bytes(), 6)) < total["raw"]


def test_pagefind_indexes_entry_pages_only(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for rel in ("catalog/a/index.html", "catalog/page-2/index.html", "catalog/index.html", "about/index.html"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("<article>x</article>", encoding="utf-8")
    assert _entry_pages(site, tmp_path / "out") == 1
    assert [p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.html")] == [
        "catalog/a/index.html"]
