"""Files the loader would pass over are reported, so no entry vanishes from the site without a word."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.load.project import skipped
from generator.settings import Settings
from generator.validate import validate_project


def _copy_entry(portal: Path, dest: str) -> Path:
    path = portal / dest
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(portal / "catalog" / "mini-toolkit.yaml", path)
    return path


@pytest.mark.parametrize("name", ["catalog/courses/broken.yaml", "catalog/pathways/drafts/route.yaml",
                                  "competencies/old/framework.yaml", "catalog/a/b/deep.yaml"])
def test_file_in_a_subfolder_is_an_error(mini_portal: Path, run_portal, name: str) -> None:
    _copy_entry(mini_portal, name)
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    assert outcome.code == 1
    folder = name.rsplit("/", 1)[0]
    assert [(p["path"], p["line"], p["severity"]) for p in outcome.json()["problems"]] == [(name, 0, "error")]
    message = outcome.json()["problems"][0]["message"]
    assert message.startswith(f"not read: files in {folder}/ are neither checked nor published; entries go directly "
                              "in catalog/, pathways in catalog/pathways/")


@pytest.mark.parametrize("name, rename", [("catalog/upper.YAML", "upper.yaml"), ("catalog/mixed.Yml", "mixed.yaml"),
                                          ("catalog/pathways/route.YAML", "route.yaml"),
                                          ("competencies/extra.YAML", "extra.yaml")])
def test_yaml_extension_in_other_letters_is_an_error(mini_portal: Path, run_portal, name: str, rename: str) -> None:
    _copy_entry(mini_portal, name)
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    assert outcome.code == 1
    [problem] = outcome.json()["problems"]
    assert (problem["path"], problem["line"]) == (name, 0)
    assert problem["message"].endswith(f"only '.yaml' files are checked and published; rename it to '{rename}'")


def test_other_files_in_the_catalog_are_errors(mini_portal: Path, run_portal) -> None:
    _copy_entry(mini_portal, "catalog/new-course.yaml.txt")
    (mini_portal / "catalog" / "notes.md").write_text("# Notes\n")
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    assert outcome.code == 1
    problems = outcome.json()["problems"]
    assert [p["path"] for p in problems] == ["catalog/new-course.yaml.txt", "catalog/notes.md"]
    assert all(p["message"] == "not read: only '.yaml' files in catalog/ are checked and published; rename it to "
                               "end in '.yaml', or move it out of catalog/" for p in problems)


def test_yml_is_still_read_with_a_warning(mini_portal: Path, run_portal) -> None:
    shutil.move(mini_portal / "catalog" / "mini-toolkit.yaml", mini_portal / "catalog" / "mini-toolkit.yml")
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    assert outcome.code == 0
    assert [(p["path"], p["severity"]) for p in outcome.json()["problems"]] == [("catalog/mini-toolkit.yml", "warning")]


def test_hidden_files_and_backups_are_left_alone(mini_portal: Path, run_portal) -> None:
    (mini_portal / "catalog" / ".gitkeep").write_text("")
    (mini_portal / "catalog" / ".DS_Store").write_bytes(b"\x00\x01")
    (mini_portal / "catalog" / "mini-toolkit.yaml~").write_text("old\n")
    hidden = mini_portal / "catalog" / ".drafts"
    hidden.mkdir()
    _copy_entry(mini_portal, "catalog/.drafts/idea.yaml")
    outcome = run_portal("--root", str(mini_portal), "validate", "--strict", "--format", "json")
    assert outcome.json()["problems"] == []
    assert outcome.code == 0
    assert skipped(Settings(root=mini_portal)) == []


def test_validating_a_file_that_would_not_be_read_says_so(mini_portal: Path, run_portal) -> None:
    broken = mini_portal / "catalog" / "courses" / "broken.yaml"
    broken.parent.mkdir()
    broken.write_text("id: [\n")
    outcome = run_portal("--root", str(mini_portal), "validate", str(broken))
    assert outcome.code == 1
    assert outcome.out.startswith("catalog/courses/broken.yaml: not read: files in catalog/courses/ are neither")
    assert outcome.err.strip() == "1 file checked: 1 error, 0 warnings"
    # The rest of the project is unaffected, and a build would fail on it too.
    result = validate_project(Settings(root=mini_portal))
    assert [p.path for p in result.errors] == ["catalog/courses/broken.yaml"]
    assert result.catalog is None


def test_a_catalog_at_the_project_root_does_not_make_every_file_a_stray(mini_portal: Path) -> None:
    (mini_portal / "README.md").write_text("# A portal\n")
    assert skipped(Settings(root=mini_portal, catalog_dir=".")) == []
