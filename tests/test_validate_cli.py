"""``portal validate`` as curators and CI call it: output formats, exit codes, PATH filtering."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from generator import report
from generator.errors import Problem, Severity

BAD = """id: bad
type: course
title: A bad entry
url: javascript:alert(1)
provider: Example
summary: Its address is not a web address.
tiers: [1]
competencies: [communication-t1]
countries: [GB]
review_by: 2027-06-30
"""

# A warning only: tier 2 is listed, but only a tier-1 competency is claimed.
WARNS = BAD.replace("id: bad", "id: warns").replace("javascript:alert(1)", "https://example.org/w").replace(
    "tiers: [1]", "tiers: [1, 2]")


@pytest.fixture
def bad_portal(mini_portal: Path) -> Path:
    """The mini portal with one bad entry (line 4, column 6) and one entry with a warning (line 7, column 12)."""
    (mini_portal / "catalog" / "bad.yaml").write_text(BAD)
    (mini_portal / "catalog" / "warns.yaml").write_text(WARNS)
    return mini_portal


# --- text ---------------------------------------------------------------------------------------

def test_text_format_lines_are_path_line_column(bad_portal: Path, run_module) -> None:
    outcome = run_module("validate", cwd=bad_portal)
    assert outcome.code == 1
    assert "Traceback" not in outcome.err
    lines = outcome.out.splitlines()
    assert lines == [
        "catalog/bad.yaml:4:6: url is 'javascript:alert(1)': must be a full http:// or https:// address; "
        "other schemes (javascript:, data:, file:, mailto:) are not allowed",
        "catalog/warns.yaml:7:12: warning: tier 2 is listed but no tier-2 competency is claimed",
    ]
    for line in lines:
        assert re.match(r"^catalog/[a-z/-]+\.yaml:\d+:\d+: ", line), line
    assert outcome.err.strip().endswith("10 files checked: 1 error, 1 warning")


def test_text_format_clean_project_prints_nothing_on_stdout(mini_portal: Path, run_module) -> None:
    outcome = run_module("validate", "--strict", cwd=mini_portal)
    assert (outcome.code, outcome.out) == (0, "")
    assert "8 files checked: no problems found" in outcome.err


def test_text_paths_are_relative_to_the_root_even_from_a_subfolder(bad_portal: Path, run_module) -> None:
    outcome = run_module("validate", cwd=bad_portal / "catalog" / "pathways")
    assert outcome.code == 1
    assert outcome.out.startswith("catalog/bad.yaml:4:6: ")


# --- github -------------------------------------------------------------------------------------

GITHUB = re.compile(r"^::(error|warning) file=([^,:]+),line=(\d+),col=(\d+),title=([^,:]+)::(.*)$")


def test_github_format(bad_portal: Path, run_portal) -> None:
    outcome = run_portal("--root", str(bad_portal), "validate", "--format", "github")
    assert outcome.code == 1
    lines = outcome.out.splitlines()
    assert len(lines) == 2
    first, second = (GITHUB.match(line) for line in lines)
    assert first and second, lines
    assert first.groups()[:5] == ("error", "catalog/bad.yaml", "4", "6", "portal validate")
    # Colons and commas are left alone in the message; only properties escape them.
    assert first[6] == ("url is 'javascript:alert(1)': must be a full http:// or https:// address; "
                        "other schemes (javascript:, data:, file:, mailto:) are not allowed")
    assert second.groups()[:4] == ("warning", "catalog/warns.yaml", "7", "12")


def test_github_format_escapes_percent_in_a_real_message(mini_portal: Path, run_portal) -> None:
    entry = BAD.replace("id: bad", "id: spaced").replace("javascript:alert(1)", "https://example.org/a course")
    (mini_portal / "catalog" / "spaced.yaml").write_text(entry)
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "github")
    assert outcome.code == 1
    [line] = outcome.out.splitlines()
    assert line.endswith("::url is 'https://example.org/a course': must be a full address without spaces or "
                         "line breaks; write a space as %2520")


def test_github_escape_functions() -> None:
    assert report._escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert report._escape_property("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext%3A a%2C b"
    # Percent first, so an escape is never escaped twice.
    assert report._escape_data("%0A") == "%250A"
    assert report._escape_property("%3A") == "%253A"


def test_github_output_escapes_message_and_properties() -> None:
    problems = [
        Problem("catalog/odd:name,1.yaml", 3, 5, "first line\nsecond: 100%, done\r", Severity.ERROR),
        Problem("catalog/whole.yaml", 0, 0, "file is empty", Severity.WARNING),
    ]
    out = io.StringIO()
    report.write_github(problems, out)
    assert out.getvalue().splitlines() == [
        "::error file=catalog/odd%3Aname%2C1.yaml,line=3,col=5,title=portal validate::"
        "first line%0Asecond: 100%25, done%0D",
        # A problem with the whole file has no line or column.
        "::warning file=catalog/whole.yaml,title=portal validate::file is empty",
    ]


# --- json ---------------------------------------------------------------------------------------

def test_json_format(bad_portal: Path, run_portal) -> None:
    outcome = run_portal("--root", str(bad_portal), "validate", "--format", "json")
    assert outcome.code == 1
    doc = json.loads(outcome.out)
    assert set(doc) == {"files", "errors", "warnings", "problems"}
    assert (doc["files"], doc["errors"], doc["warnings"]) == (10, 1, 1)
    assert doc["problems"][0] == {
        "path": "catalog/bad.yaml", "line": 4, "column": 6, "severity": "error", "code": "pattern",
        "message": "url is 'javascript:alert(1)': must be a full http:// or https:// address; "
                   "other schemes (javascript:, data:, file:, mailto:) are not allowed",
    }
    assert doc["problems"][1]["severity"] == "warning"
    assert doc["problems"][1]["code"] == "tier-mismatch"
    # JSON output is for machines: no summary line on stderr to mix in.
    assert "checked" not in outcome.err


def test_json_counts_files_that_failed_to_parse(mini_portal: Path, run_portal) -> None:
    (mini_portal / "catalog" / "broken.yaml").write_text("id: [broken\n")
    doc = run_portal("--root", str(mini_portal), "validate", "--format", "json").json()
    assert doc["files"] == 9
    assert [p["path"] for p in doc["problems"]] == ["catalog/broken.yaml"]


def test_json_clean(mini_portal: Path, run_portal) -> None:
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json", "--strict")
    assert outcome.code == 0
    assert outcome.json() == {"files": 8, "errors": 0, "warnings": 0, "problems": []}


# --- exit codes ---------------------------------------------------------------------------------

def test_exit_0_when_clean(mini_portal: Path, run_portal) -> None:
    assert run_portal("--root", str(mini_portal), "validate").code == 0
    assert run_portal("--root", str(mini_portal), "validate", "--strict").code == 0


def test_exit_1_on_errors(bad_portal: Path, run_portal) -> None:
    assert run_portal("--root", str(bad_portal), "validate").code == 1


def test_warnings_fail_only_under_strict(mini_portal: Path, run_portal) -> None:
    (mini_portal / "catalog" / "warns.yaml").write_text(WARNS)
    lenient = run_portal("--root", str(mini_portal), "validate")
    strict = run_portal("--root", str(mini_portal), "validate", "--strict")
    assert lenient.out == strict.out != ""
    assert (lenient.code, strict.code) == (0, 1)


def test_yml_extension_is_a_warning(mini_portal: Path, run_portal) -> None:
    (mini_portal / "catalog" / "mini-toolkit.yaml").rename(mini_portal / "catalog" / "mini-toolkit.yml")
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    assert outcome.code == 0
    [problem] = outcome.json()["problems"]
    assert (problem["path"], problem["severity"]) == ("catalog/mini-toolkit.yml", "warning")
    assert ".yaml extension" in problem["message"]
    assert run_portal("--root", str(mini_portal), "validate", "--strict").code == 1


@pytest.mark.parametrize("args", [
    ["validate", "catalog/no-such-file.yaml"],
    ["validate", "--format", "xml"],
    ["validate", "--bogus"],
    ["validate", "--max-bytes", "lots"],
    ["frobnicate"],
    [],
])
def test_exit_2_on_usage_errors(args: list[str], mini_portal: Path, run_module) -> None:
    outcome = run_module(*args, cwd=mini_portal)
    assert outcome.code == 2, outcome
    assert outcome.out == ""
    assert "usage: portal" in outcome.err
    assert "Traceback" not in outcome.err


def test_nonexistent_path_is_named(mini_portal: Path, run_portal, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini_portal)
    outcome = run_portal("validate", "catalog/no-such-file.yaml")
    assert outcome.code == 2
    assert "no such file or folder: catalog/no-such-file.yaml" in outcome.err


def test_path_outside_the_project_is_a_usage_error(mini_portal: Path, tmp_path: Path, run_portal,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("id: elsewhere\n")
    monkeypatch.chdir(mini_portal)
    outcome = run_portal("validate", str(outside))
    assert outcome.code == 2
    assert "outside the project" in outcome.err


def test_a_file_the_validator_does_not_read_is_not_passed(mini_portal: Path, run_portal,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (mini_portal / "docs").mkdir(exist_ok=True)
    (mini_portal / "docs" / "x.yaml").write_text("id: [\n")
    monkeypatch.chdir(mini_portal)
    outcome = run_portal("validate", "docs/x.yaml")
    assert outcome.code == 1
    assert "docs/x.yaml: not checked: the validator reads the files under catalog/ and competencies/ only" in outcome.err
    assert run_portal("validate", "catalog/mini-basics.yaml").code == 0


def test_root_option_before_or_after_the_command(bad_portal: Path, run_portal) -> None:
    before = run_portal("--root", str(bad_portal), "validate", "--format", "json")
    after = run_portal("validate", "--root", str(bad_portal), "--format", "json")
    assert before.code == after.code == 1
    assert before.json() == after.json()


# --- PATH filtering -----------------------------------------------------------------------------

def test_path_filter_good_file_reports_nothing(bad_portal: Path, run_portal,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(bad_portal)
    good = run_portal("validate", "catalog/mini-basics.yaml")
    assert (good.code, good.out) == (0, "")
    assert "1 file checked: no problems found" in good.err
    bad = run_portal("validate", "catalog/bad.yaml")
    assert bad.code == 1
    assert bad.out.startswith("catalog/bad.yaml:4:6: ")
    assert "warns.yaml" not in bad.out


def test_path_filter_by_folder_and_several_paths(bad_portal: Path, run_portal,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (bad_portal / "catalog" / "pathways" / "mini-route.yaml").write_text("id: [\n")
    monkeypatch.chdir(bad_portal)
    pathways = run_portal("validate", "--format", "json", "catalog/pathways")
    assert [p["path"] for p in pathways.json()["problems"]] == ["catalog/pathways/mini-route.yaml"]
    assert pathways.json()["files"] == 1
    both = run_portal("validate", "--format", "json", "catalog/warns.yaml", "catalog/pathways/")
    assert [p["path"] for p in both.json()["problems"]] == ["catalog/pathways/mini-route.yaml", "catalog/warns.yaml"]
    everything = run_portal("validate", "--format", "json", ".")
    assert len(everything.json()["problems"]) == 3
    assert everything.json()["files"] == 10


def test_path_filter_is_not_a_bare_prefix(mini_portal: Path, run_portal, monkeypatch: pytest.MonkeyPatch) -> None:
    # The folder 'catalog/path' must not select 'catalog/pathways/' just because the names share a prefix.
    (mini_portal / "catalog" / "path").mkdir()
    (mini_portal / "catalog" / "pathways" / "mini-route.yaml").write_text("id: [\n")
    monkeypatch.chdir(mini_portal)
    outcome = run_portal("validate", "--format", "json", "catalog/path")
    assert outcome.json()["problems"] == []
    assert outcome.code == 0


def test_path_filter_still_runs_cross_file_checks(mini_portal: Path, run_portal,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # Filtering only hides other files' problems: the selected file is still checked against the rest.
    (mini_portal / "catalog" / "mini-basics.yaml").unlink()
    monkeypatch.chdir(mini_portal)
    outcome = run_portal("validate", "--format", "json", "catalog/mini-advanced.yaml")
    assert outcome.code == 1
    [problem] = outcome.json()["problems"]
    assert problem["message"].startswith("prerequisite 'mini-basics' is not an entry in the catalog")


# --- the module entry point ---------------------------------------------------------------------

def test_python_dash_m_generator_matches_the_console_script(bad_portal: Path, run_module, run_portal) -> None:
    child = run_module("validate", "--format", "json", cwd=bad_portal)
    inproc = run_portal("--root", str(bad_portal), "validate", "--format", "json")
    assert child.code == inproc.code == 1
    assert json.loads(child.out) == inproc.json()
