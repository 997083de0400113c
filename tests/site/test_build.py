"""Building the fixture portal for real: strictness, safety of the old site, determinism, scale."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import yaml

from generator.settings import load_settings
from generator.site.plugin_build import build_site

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_site_has_every_kind_of_page(small_site):
    for page in ("index.html", "catalog/index.html", "catalog/mini-basics/index.html", "tiers/1/index.html",
                 "competencies/index.html", "competencies/communication-t1/index.html", "pathways/index.html",
                 "professions/registered-nurse/index.html", "settings/index.html", "audiences/homelessness/index.html",
                 "about/index.html", "contribute/index.html"):
        assert (small_site / page).is_file(), page


def test_entry_page_edit_link_opens_the_yaml_file(small_site):
    html = (small_site / "catalog/mini-basics/index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/repo/edit/main/catalog/mini-basics.yaml"' in html
    about = (small_site / "about/index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/repo/edit/main/docs/about.md"' in about


def test_nothing_is_written_into_the_docs_folder(small_portal):
    before = sorted(p.relative_to(small_portal).as_posix() for p in (small_portal / "docs").rglob("*"))
    assert build_site(load_settings(small_portal), small_portal / "site") == 0
    after = sorted(p.relative_to(small_portal).as_posix() for p in (small_portal / "docs").rglob("*"))
    assert before == after


def test_two_builds_are_byte_identical(small_portal, tmp_path):
    settings = load_settings(small_portal)
    assert build_site(settings, tmp_path / "a") == 0
    assert build_site(settings, tmp_path / "b") == 0
    a, b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert a.keys() == b.keys()
    differing = [name for name in a if a[name] != b[name]]
    assert differing == []


def _break_an_entry(portal: Path) -> None:
    path = portal / "catalog" / "mini-basics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("competencies:", "competences:", 1), encoding="utf-8")


def test_failed_build_leaves_the_previous_site_untouched(small_portal, caplog):
    settings = load_settings(small_portal)
    site = small_portal / "site"
    assert build_site(settings, site) == 0
    before = _tree(site)
    _break_an_entry(small_portal)
    assert build_site(settings, site) == 1
    assert _tree(site) == before
    leftovers = [p.name for p in small_portal.iterdir() if p.name.startswith(".site-")]
    assert leftovers == []
    assert "catalog/mini-basics.yaml" in caplog.text


def test_mkdocs_build_strict_fails_on_a_validation_error(small_portal):
    _break_an_entry(small_portal)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "out"], cwd=small_portal,
                         capture_output=True, text=True, env=ENV, timeout=120)
    assert run.returncode != 0
    assert "catalog/mini-basics.yaml:" in run.stderr
    assert "unknown field 'competences'; did you mean 'competencies'?" in run.stderr
    assert "Traceback" not in run.stderr


def test_mkdocs_build_strict_fails_on_a_validation_warning(small_portal):
    path = small_portal / "catalog" / "mini-basics.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # Claim a tier-3 statement in a tier-1 entry: a warning, which --strict must not let through.
    text = path.read_text(encoding="utf-8").replace(f"- {data['competencies'][0]}", f"- {data['competencies'][0][:-1]}3", 1)
    if text == path.read_text(encoding="utf-8"):
        text = path.read_text(encoding="utf-8").replace(data["competencies"][0], data["competencies"][0][:-1] + "3", 1)
    path.write_text(text, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "out"], cwd=small_portal,
                         capture_output=True, text=True, env=ENV, timeout=120)
    assert run.returncode != 0
    assert "is at tier 3, but the entry's tiers are [1]" in run.stderr


def _synthetic_entries(portal: Path, n: int) -> None:
    template = (portal / "catalog" / "mini-basics.yaml").read_text(encoding="utf-8")
    for i in range(n):
        eid = f"synthetic-{i:04d}"
        body = template.replace("id: mini-basics", f"id: {eid}").replace("/basics\n", f"/{eid}\n")
        (portal / "catalog" / f"{eid}.yaml").write_text(body, encoding="utf-8")


def test_a_page_does_not_grow_with_the_catalog(tmp_path):
    """Material renders the nav into every page; the catalog must stay out of it."""
    from tests.site.conftest import assemble

    sizes = {}
    for n in (10, 150):
        portal = assemble(tmp_path / f"p{n}")
        _synthetic_entries(portal, n)
        assert build_site(load_settings(portal), portal / "site") == 0
        sizes[n] = len((portal / "site" / "catalog" / "mini-basics" / "index.html").read_bytes())
        listing = portal / "site" / "catalog" / "index.html"
        assert listing.stat().st_size < 30_000
    # Same page, 15x the catalog: only the counts in the text may differ.
    assert abs(sizes[150] - sizes[10]) < 200, sizes


def test_a_leftover_old_site_name_that_is_a_link_or_a_file_is_left_alone(small_portal, tmp_path):
    settings = load_settings(small_portal)
    site = small_portal / "site"
    assert build_site(settings, site) == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not the site's", encoding="utf-8")
    leftover = small_portal / ".site-old"
    leftover.symlink_to(elsewhere, target_is_directory=True)
    assert build_site(settings, site) == 0  # used to stop with a traceback (NotADirectoryError)
    assert leftover.is_symlink() and (elsewhere / "keep.txt").read_text(encoding="utf-8") == "not the site's"
    leftover.unlink()
    leftover.write_text("a file", encoding="utf-8")
    assert build_site(settings, site) == 0
    assert leftover.read_text(encoding="utf-8") == "a file"
    assert (site / "index.html").is_file()
    assert [p.name for p in small_portal.iterdir() if p.name.startswith(".site-old-")] == []
