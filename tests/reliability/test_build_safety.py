"""A build that fails late never leaves a half-written site; two builds of the same input are byte-identical."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corpus import MINI
from generator.settings import load_settings
from generator import features
from generator.site.plugin_build import build_site
from test_hostile_catalogs import REPO, run_cli, snapshot


def _portal(dest: Path) -> Path:
    shutil.copytree(MINI, dest)
    shutil.copyfile(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, dest / folder)
    return dest


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once; each test leaves it as it found it."""
    root = _portal(tmp_path_factory.mktemp("safety") / "portal")
    assert build_site(load_settings(root), root / "site") == 0
    return root


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site") or p.name.startswith(".site-old"))


def test_a_crash_after_the_pages_are_written_keeps_the_previous_site(built: Path, monkeypatch) -> None:
    before = snapshot(built / "site")
    written: list[int] = []

    def crash(_outputs: object, site_dir: Path) -> None:
        written.append(len(list(site_dir.rglob("*.html"))))  # the new pages exist by now, in the scratch folder
        raise RuntimeError("a feature's post-build step failed")

    crashing = features.Feature("crash", "fails after the pages are written", post_build=(crash,), required=True)
    monkeypatch.setattr(features, "FEATURES", (*features.FEATURES, crashing))
    with pytest.raises(RuntimeError):
        build_site(load_settings(built), built / "site")
    assert written and written[0] > 10, "the crash came before any page was written: the test proves nothing"
    assert snapshot(built / "site") == before
    assert _leftovers(built) == []


def test_a_strict_mode_failure_keeps_the_previous_site(built: Path) -> None:
    # MkDocs renders every page, then aborts on warnings in strict mode.
    before = snapshot(built / "site")
    broken = built / "docs" / "broken-link.md"
    broken.write_text("# Broken\n\nSee [nowhere](nowhere.md).\n", encoding="utf-8")
    try:
        done = run_cli("build", cwd=built)
    finally:
        broken.unlink()
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "nowhere.md" in done.stderr
    assert snapshot(built / "site") == before
    assert _leftovers(built) == []


def test_a_successful_build_replaces_the_site_and_leaves_nothing_behind(built: Path) -> None:
    (built / "site" / "stale.html").write_text("from an older build", encoding="utf-8")
    assert build_site(load_settings(built), built / "site") == 0
    assert not (built / "site" / "stale.html").exists()
    assert (built / "site" / "index.html").is_file()
    assert _leftovers(built) == []


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    # The mini portal with the site's whole configuration: every feature, a fraction of the build time.
    root = _portal(tmp_path / "portal")
    settings = load_settings(root)
    assert build_site(settings, tmp_path / "one") == 0
    assert build_site(settings, tmp_path / "two") == 0
    one, two = tmp_path / "one", tmp_path / "two"
    files_one = sorted(p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file())
    files_two = sorted(p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file())
    assert files_one == files_two
    assert len(files_one) > 50
    differ = [rel for rel in files_one if (one / rel).read_bytes() != (two / rel).read_bytes()]
    assert differ == []


@pytest.mark.parametrize("site_dir", [".", "", "catalog", "catalog/pathways", "competencies", "docs", "overrides",
                                      ".git", ".."])
def test_a_site_folder_that_would_replace_the_sources_is_refused(built: Path, site_dir: str) -> None:
    (built / ".git").mkdir(exist_ok=True)
    before = snapshot(built)
    done = run_cli("build", "--site-dir", site_dir, cwd=built)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    # MkDocs itself refuses a site folder that overlaps docs_dir, in its own words.
    assert "build refused: the site folder" in done.stderr or "should not be within the" in done.stderr
    assert snapshot(built) == before, "nothing was written, moved or deleted"


def test_a_folder_of_other_files_is_not_replaced(built: Path, tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "notes.txt").write_text("not a site", encoding="utf-8")
    assert build_site(load_settings(built), papers) == 1
    assert [p.name for p in papers.iterdir()] == ["notes.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build_site(load_settings(built), empty) == 0
    assert (empty / "index.html").is_file()


def test_a_linked_site_folder_stays_a_link_and_its_folder_is_replaced(built: Path, tmp_path: Path) -> None:
    served = tmp_path / "www"
    link = tmp_path / "site-link"
    link.symlink_to(served, target_is_directory=True)
    for _ in range(2):  # once into a new folder, once replacing the site built there
        assert build_site(load_settings(built), link) == 0
        assert link.is_symlink() and link.resolve() == served.resolve()
        assert (served / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site-link", "www"]
