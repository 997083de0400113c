"""The catalog CSV for commissioners, read back with the csv module."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from generator.exports.csv import COLUMNS, defuse


@pytest.fixture(scope="module")
def rows(site: Path) -> dict[str, dict[str, str]]:
    data = (site / "api/v1/catalog.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so that spreadsheets read UTF-8"
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return {row["id"]: row for row in reader}


def test_one_row_per_entry(rows: dict[str, dict[str, str]]) -> None:
    assert list(rows) == ["echo-series", "free-guide", "paid-course", "retired-course"]
    assert rows["retired-course"]["status"] == "retired"


def test_lists_are_joined_and_labels_are_readable(rows: dict[str, dict[str, str]]) -> None:
    paid = rows["paid-course"]
    assert paid["tiers"] == "2; 3"
    assert paid["languages"] == "English; French"
    assert paid["professions"] == "Registered nurse; Doctor or physician; Pharmacist"
    assert paid["prices"] == "30 USD; 20 USD (members)"
    assert paid["credits"] == "up to 6.5 AMA PRA Category 1 Credit · from Example Accreditor; 7 CPD hours (UK)"
    assert paid["minutes"] == "420"
    assert paid["page"] == "https://partners.example.org/portal/catalog/paid-course/"
    assert paid["title"] == 'Symptom control <masterclass> & "more"', "quotes and commas round-trip"
    assert rows["echo-series"]["aliases"] == "rural-echo; old-echo-series"


def test_next_run_is_the_next_upcoming_one(rows: dict[str, dict[str, str]]) -> None:
    assert rows["echo-series"]["next_run"] == "2030-10-03T12:00 (America/Toronto)", "not the past 2020 run"
    assert rows["retired-course"]["next_run"] == ""
    assert "cancelled-2030: 2030-12-10T12:00 (America/Toronto), cancelled" in rows["echo-series"]["runs"]


def test_formulas_are_defused(rows: dict[str, dict[str, str]]) -> None:
    assert rows["free-guide"]["summary"].startswith("'=HYPERLINK(")
    assert all(not value.startswith(("=", "+", "-", "@")) for row in rows.values() for value in row.values())
    assert defuse("@SUM(A1)") == "'@SUM(A1)" and defuse("plain") == "plain"


def test_formulas_after_a_semicolon_are_defused_too() -> None:
    # A spreadsheet whose list separator is ';' starts a new cell after each one.
    assert defuse("Palliative care; =HYPERLINK(\"https://evil.example\")") == (
        "Palliative care; '=HYPERLINK(\"https://evil.example\")")
    assert defuse("a;+1;  -2;@x") == "a;'+1;  '-2;'@x"
    assert defuse("=1; =2") == "'=1; '=2"
    assert defuse("Nurses; doctors") == "Nurses; doctors"
