"""What a partner's web team relies on: one shape per field, licence and review dates everywhere, the changelog
feed, cross-origin headers and the former addresses of renamed items."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from export_support import PORTAL, SITE_URL, make_outputs
from generator.exports.changelog import changelog_feed, load_changelog
from generator.settings import load_settings

A = "{http://www.w3.org/2005/Atom}"
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}


def doc(site: Path, path: str) -> dict:
    return json.loads((site / "api/v1" / path).read_text(encoding="utf-8"))


def test_every_document_names_its_publisher_contact_and_licence(site: Path) -> None:
    for path in ("index.json", "catalog.json", "pathways.json", "framework.json", "entries/paid-course.json",
                 "pathways/first-steps.json", "coverage.json", "vocabularies.json"):
        data = doc(site, path)
        assert data["licence"] == LICENCE, path
        assert data["portal"] == {"id": "exports-test", "name": "Exports Test Portal", "url": SITE_URL,
                                  "contact": {"name": "Exports test editors", "url": None,
                                              "email": "editors@partners.example.org"}}, path


def test_catalog_rows_carry_summaries_and_the_same_cost_as_the_entry(site: Path) -> None:
    rows = {row["id"]: row for row in doc(site, "catalog.json")["entries"]}
    for entry_id, row in rows.items():
        full = doc(site, f"entries/{entry_id}.json")
        shared = set(row) & set(full)
        assert {"summary", "cost", "reviewed", "updated"} <= shared
        for field in shared - {"$schema", "links"}:
            assert row[field] == full[field], (entry_id, field)  # the same field has the same value and shape


def test_pathway_rows_list_their_steps_as_the_pathway_does(site: Path) -> None:
    rows = {row["id"]: row for row in doc(site, "pathways.json")["pathways"]}
    for pathway_id, row in rows.items():
        full = doc(site, f"pathways/{pathway_id}.json")
        assert isinstance(row["steps"], list) and row["steps"] == full["steps"]
        assert row["step_count"] == full["step_count"] == len(full["steps"])
        assert row["summary"] == full["summary"]
        for step in full["steps"]:
            assert step["page"] == SITE_URL + f"catalog/{step['entry']}/"


def test_index_links_the_changelog_feed(site: Path) -> None:
    assert doc(site, "index.json")["documents"]["changelog"] == SITE_URL + "api/v1/changelog.xml"
    feed = ET.parse(site / "api/v1/changelog.xml").getroot()
    assert feed.find(f"{A}title").text == "Exports Test Portal: changes to the open data and embeds"
    assert feed.find(f"{A}author/{A}email").text == "editors@partners.example.org"
    assert feed.findall(f"{A}entry") == [], "this fixture has no changelog file: an empty, valid feed"


def test_the_shipped_changelog_announces_the_shape_fixes(tmp_path: Path, epoch: str) -> None:
    root = Path(__file__).resolve().parents[2]
    changes, problems = load_changelog(load_settings(root))
    assert not problems
    breaking = [c.title for c in changes if c.breaking]
    assert any("steps" in t and "pathways.json" in t for t in breaking)
    assert any("cost" in t and "catalog.json" in t for t in breaking)


def _with_changelog(tmp_path: Path, text: str) -> Path:
    for name in ("catalog", "competencies"):
        shutil.copytree(PORTAL / name, tmp_path / name)
    (tmp_path / "mkdocs.yml").write_text((PORTAL / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "open-data-changelog.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_changelog_feed_newest_first(tmp_path: Path, epoch: str) -> None:
    root = _with_changelog(tmp_path, "- {date: 2026-01-02, title: Older, text: First.}\n"
                                     "- {date: 2026-03-04, title: Newer <b>, text: 'Second & last.', breaking: true}\n")
    feed = ET.fromstring(changelog_feed(make_outputs(root)))
    entries = feed.findall(f"{A}entry")
    assert [e.find(f"{A}title").text for e in entries] == ["Breaking: Newer <b>", "Older"]
    assert feed.find(f"{A}updated").text == "2026-03-04T00:00:00Z"
    assert entries[0].find(f"{A}content").text == "Second & last."


@pytest.mark.parametrize(("text", "where", "message"), [
    ("date: 2026-01-01\n", "1:1", "expected a list of changes"),
    ("- {date: 2026-1-2, title: T, text: X}\n", "1:3", "'date' must be the day the change was published"),
    ("- {date: 2026-01-02, title: T}\n", "1:3", "change 1 needs 'text'"),
    ("- {date: 2026-01-02, title: T, text: X}\n- {date: 2026-01-02, title: T, text: X, why: Y}\n", "2:3",
     "unknown field 'why'"),
    ("- {date: 2026-01-02, title: T, text: X, breaking: maybe}\n", "1:3", "'breaking' must be true or false"),
    ("- [oops\n", "", "open-data-changelog.yaml:"),
])
def test_a_broken_changelog_is_a_located_error(tmp_path: Path, text: str, where: str, message: str) -> None:
    root = _with_changelog(tmp_path, text)
    from generator.validate import validate_project

    errors = [str(p) for p in validate_project(load_settings(root)).errors]
    assert any(e.startswith(f"open-data-changelog.yaml:{where}") and message in e for e in errors), errors


def test_headers_file_opens_the_open_data_to_other_origins(site: Path) -> None:
    text = (site / "_headers").read_text(encoding="utf-8")
    blocks = {}
    for line in text.splitlines():
        if line.startswith("/"):
            current = blocks.setdefault(line, [])
        elif line.startswith("  "):
            current.append(line.strip())
    assert set(blocks) == {"/api/*", "/schemas/*", "/feeds/*", "/embed/*"}
    assert all("Access-Control-Allow-Origin: *" in headers for headers in blocks.values())
    assert "Access-Control-Allow-Credentials" not in text


def test_csv_names_the_licence_and_each_entrys_last_review(site: Path) -> None:
    text = (site / "api/v1/catalog.csv").read_bytes().decode("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    for entry_id, row in rows.items():
        full = doc(site, f"entries/{entry_id}.json")
        assert (row["reviewed"] or None, row["updated"] or None) == (full["reviewed"], full["updated"]), entry_id
    assert rows["paid-course"]["updated"] == "2026-10-15", "no review recorded: its newest source check"
    assert all(row["licence"] == "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)" for row in rows.values())


def test_feeds_carry_the_licence_and_review_dates(site: Path) -> None:
    feed = ET.parse(site / "feeds/entries.atom").getroot()
    assert feed.find(f"{A}rights").text == "Catalog text: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
    assert [link.get("href") for link in feed.findall(f"{A}link") if link.get("rel") == "license"] == [LICENCE["url"]]
    calendar = (site / "feeds/sessions.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "Listing: Facts last checked 2026-10-15." in calendar and "Listing text: CC BY 4.0" in calendar
