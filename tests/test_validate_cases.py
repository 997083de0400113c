"""The data-driven corpus: each file under tests/cases/ is one case.

* ``valid/NAME.yaml`` dropped into the mini portal as ``catalog/NAME.yaml``
  must produce no problem at all, even under --strict.
* ``invalid/NAME.yaml`` (as ``catalog/NAME.yaml``) and
  ``invalid-pathways/NAME.yaml`` (as ``catalog/pathways/NAME.yaml``) must
  produce exactly one problem, an error, at the line and column given on
  their first line ``# expect: LINE:COL: message``, with exit code 1.
* ``warnings/NAME.yaml`` and ``warnings-pathways/NAME.yaml`` likewise, but a warning: exit 0, or 1
  with --strict.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from validate_support import CASES, Expectation, Outcome, read_expectation
from generator.load.project import EXTENDING, Kind
from generator.settings import Settings
from generator.validate import validate_project


def _cases(folder: str) -> list[Path]:
    return sorted((CASES / folder).glob("*.yaml"))


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


VALID = _cases("valid")
INVALID = _cases("invalid")
INVALID_PATHWAYS = _cases("invalid-pathways")
INVALID_SYNONYMS = _cases("invalid-synonyms")
WARNINGS = _cases("warnings")
WARNINGS_PATHWAYS = _cases("warnings-pathways")


def test_corpus_is_not_empty() -> None:
    # A glob that silently matches nothing would make every parametrized test vanish.
    assert len(VALID) >= 5
    assert len(INVALID) >= 40
    assert len(INVALID_PATHWAYS) >= 3
    assert len(INVALID_SYNONYMS) >= 3
    assert len(WARNINGS) >= 2
    assert len(WARNINGS_PATHWAYS) >= 1


def _drop(portal: Path, case: Path, folder: str) -> str:
    """Copy ``case`` into the portal, byte for byte; its project-relative path."""
    rel = f"{folder}/{case.name}"
    shutil.copyfile(case, portal / rel)
    return rel


def _assert_single(outcome: Outcome, rel: str, expected: Expectation, severity: str) -> None:
    assert "Traceback" not in outcome.err, outcome.err
    doc = outcome.json()
    mine = [p for p in doc["problems"] if p["path"] == rel]
    others = [p for p in doc["problems"] if p["path"] != rel]
    assert others == [], f"the case made other files fail too: {others}"
    assert len(mine) == 1, f"expected exactly one problem in {rel}, got: {mine}"
    problem = mine[0]
    assert problem["severity"] == severity, problem
    assert (problem["line"], problem["column"]) == (expected.line, expected.column), (
        f"{rel}: reported at {problem['line']}:{problem['column']}, expected {expected.line}:{expected.column}: "
        f"{problem['message']}"
    )
    assert expected.message in problem["message"]


@pytest.mark.parametrize("case", VALID, ids=_ids(VALID))
def test_valid_entry(case: Path, mini_portal: Path, run_portal) -> None:
    rel = _drop(mini_portal, case, "catalog")
    outcome = run_portal("--root", str(mini_portal), "validate", "--strict", "--format", "json")
    assert outcome.json()["problems"] == []
    assert outcome.code == 0
    # The typed catalog is built from it too, without tripping over any rich form.
    result = validate_project(Settings(root=mini_portal))
    assert result.catalog is not None
    entry = result.catalog.entries[case.stem]
    assert entry.path == rel
    assert entry.title


@pytest.mark.parametrize("case", INVALID, ids=_ids(INVALID))
def test_invalid_entry(case: Path, mini_portal: Path, run_portal) -> None:
    expected = read_expectation(case)
    rel = _drop(mini_portal, case, "catalog")
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    _assert_single(outcome, rel, expected, "error")
    assert outcome.code == 1


@pytest.mark.parametrize("case", INVALID_PATHWAYS, ids=_ids(INVALID_PATHWAYS))
def test_invalid_pathway(case: Path, mini_portal: Path, run_portal) -> None:
    expected = read_expectation(case)
    rel = _drop(mini_portal, case, "catalog/pathways")
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    _assert_single(outcome, rel, expected, "error")
    assert outcome.code == 1


@pytest.mark.parametrize("case", INVALID_SYNONYMS, ids=_ids(INVALID_SYNONYMS))
def test_invalid_synonyms(case: Path, mini_portal: Path, run_portal) -> None:
    expected = read_expectation(case)
    rel = "competencies/synonyms.yaml"
    shutil.copyfile(case, mini_portal / rel)
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    _assert_single(outcome, rel, expected, "error")
    assert outcome.code == 1


@pytest.mark.parametrize(("case", "folder"), [*((c, "catalog") for c in WARNINGS),
                                             *((c, "catalog/pathways") for c in WARNINGS_PATHWAYS)],
                         ids=_ids([*WARNINGS, *WARNINGS_PATHWAYS]))
def test_warning(case: Path, folder: str, mini_portal: Path, run_portal) -> None:
    expected = read_expectation(case)
    rel = _drop(mini_portal, case, folder)
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    _assert_single(outcome, rel, expected, "warning")
    assert outcome.code == 0
    strict = run_portal("--root", str(mini_portal), "validate", "--format", "json", "--strict")
    _assert_single(strict, rel, expected, "warning")
    assert strict.code == 1


def test_case_ids_match_file_names() -> None:
    # Each case's id equals its file name, so the one problem found is the one under test;
    # only the cases about the id itself (and files that cannot be parsed) differ.
    about_the_id = {"id-not-file-name", "uppercase-id", "pathway-id-not-file-name"}
    for case in [*VALID, *INVALID, *INVALID_PATHWAYS, *WARNINGS, *WARNINGS_PATHWAYS]:
        text = case.read_bytes().decode("utf-8", "replace")
        lines = [ln for ln in text.splitlines() if ln.startswith("id: ")]
        if case.stem in about_the_id or not lines:
            continue
        assert lines[0] == f"id: {case.stem}", case.name


def test_non_utf8_case_really_holds_bad_bytes() -> None:
    # An editor that "fixes" the encoding would turn this case into a valid entry.
    raw = (CASES / "invalid" / "not-utf8.yaml").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def test_every_case_together_in_one_run(mini_portal: Path, run_module) -> None:
    """All invalid cases at once, in a real child process: each file gets exactly its own problem."""
    expected: dict[str, Expectation] = {}
    for case in INVALID:
        expected[_drop(mini_portal, case, "catalog")] = read_expectation(case)
    for case in INVALID_PATHWAYS:
        expected[_drop(mini_portal, case, "catalog/pathways")] = read_expectation(case)
    for case in VALID:
        _drop(mini_portal, case, "catalog")
    outcome = run_module("validate", "--format", "json", cwd=mini_portal)
    assert outcome.code == 1
    assert "Traceback" not in outcome.err, outcome.err
    found: dict[str, list[tuple[int, int, str]]] = {}
    for p in outcome.json()["problems"]:
        found.setdefault(p["path"], []).append((p["line"], p["column"], p["message"]))
    # Cross-file checks only see files that parsed; a few cases depend on the mini portal alone,
    # so in the shared run we only require each case's own problem to be there, and nothing else.
    assert set(found) == set(expected), set(found) ^ set(expected)
    for rel, exp in expected.items():
        assert len(found[rel]) == 1, (rel, found[rel])
        line, column, message = found[rel][0]
        assert (line, column) == (exp.line, exp.column), (rel, found[rel])
        assert exp.message in message, (rel, message)
    # The plain-text form carries the same locations: path:line:column, or just path for a whole file.
    text = run_module("validate", cwd=mini_portal)
    assert text.code == 1
    lines = text.out.splitlines()
    assert len(lines) == len(expected)
    for rel, exp in expected.items():
        where = f"{rel}:{exp.line}:{exp.column}: " if exp.line else f"{rel}: "
        assert any(line.startswith(where) and exp.message in line for line in lines), where
    assert text.err.strip().endswith(f"{len(expected) + len(VALID) + 8} files checked: "
                                     f"{len(expected)} errors, 0 warnings")


def test_empty_file(mini_portal: Path, run_portal) -> None:
    (mini_portal / "catalog" / "empty.yaml").write_bytes(b"")
    (mini_portal / "catalog" / "blank.yaml").write_bytes(b"  \n\n")
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    assert outcome.code == 1
    problems = outcome.json()["problems"]
    assert [(p["path"], p["message"]) for p in problems] == [
        ("catalog/blank.yaml", "file is empty: expected a YAML mapping of fields"),
        ("catalog/empty.yaml", "file is empty: expected a YAML mapping of fields"),
    ]


def test_file_over_the_size_limit(mini_portal: Path, run_portal) -> None:
    big = mini_portal / "catalog" / "big.yaml"
    base = (mini_portal / "catalog" / "mini-toolkit.yaml").read_text().replace("mini-toolkit", "big")
    base = base.replace("toolkits/after-death", "toolkits/big")  # its own address: two entries may not share one
    filler = "".join(f"  - keyword number {i}\n" for i in range(20_000))
    big.write_text(base + "keywords:\n" + filler)
    size = big.stat().st_size
    assert size > 256 * 1024
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    assert outcome.code == 1
    problems = outcome.json()["problems"]
    assert len(problems) == 1
    assert problems[0]["path"] == "catalog/big.yaml"
    assert f"file is {size:,} bytes, over the limit of {256 * 1024:,} bytes" in problems[0]["message"]
    assert "--max-bytes" in problems[0]["message"]
    # Raising the limit lets it through: the file is otherwise valid.
    raised = run_portal("--root", str(mini_portal), "validate", "--format", "json", "--max-bytes", str(size))
    assert raised.json()["problems"] == []
    assert raised.code == 0


def test_max_bytes_option_lowers_the_limit(mini_portal: Path, run_portal) -> None:
    toolkit = mini_portal / "catalog" / "mini-toolkit.yaml"
    size = toolkit.stat().st_size
    below = run_portal("--root", str(mini_portal), "validate", str(toolkit), "--format", "json",
                       "--max-bytes", str(size - 1))
    assert below.code == 1
    assert [(p["path"], p["line"]) for p in below.json()["problems"]] == [("catalog/mini-toolkit.yaml", 1)]
    assert f"file is {size:,} bytes, over the limit of {size - 1:,} bytes" in below.out
    # Exactly at the limit is fine.
    exact = run_portal("--root", str(mini_portal), "validate", str(toolkit), "--format", "json",
                       "--max-bytes", str(size))
    assert exact.json()["problems"] == []
    assert exact.code == 0


def test_mini_portal_is_clean(mini_portal: Path, run_portal) -> None:
    outcome = run_portal("--root", str(mini_portal), "validate", "--strict", "--format", "json")
    doc = outcome.json()
    assert doc["problems"] == [] and doc["errors"] == 0 and doc["warnings"] == 0
    assert doc["files"] == 8
    assert outcome.code == 0
    result = validate_project(Settings(root=mini_portal))
    # Every kind of file but the extensions, which need a source to extend (tests/test_validate_layers.py).
    assert {d.kind for d in result.documents} == set(Kind) - set(EXTENDING.values())
    assert result.catalog is not None and len(result.catalog.entries) == 4
