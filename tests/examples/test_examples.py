"""The worked examples and `portal init` build for real, and carry no word of the palliative care portal.

The leak check: the distinctive words of the shipped portal's data (its framework, vocabularies, catalog and
mkdocs.yml) are its words that the generator's own text, the Material theme's text and the other portal's own
data do not use. None of them may appear anywhere in the other portal's built site.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import material
import pytest
import yaml

from generator.cli import main
from generator.curate.linkcheck_internal import check_site
from generator.load.sources import Filters
from generator.settings import load_settings
from generator.site.plugin_build import build_site

REPO = Path(__file__).resolve().parents[2]
# The generator's message catalogs (.po, .pot) are its own words in every language it speaks.
TEXT = {".py", ".html", ".js", ".css", ".md", ".json", ".yaml", ".yml", ".txt", ".xml", ".ics", ".csv", ".atom",
        ".svg", ".po", ".pot", ""}
_WORD = re.compile(r"[a-z]{4,}")
# Words of the palliative care portal that must never be in the generator itself, whatever the baseline says.
FIELD_WORDS = ("palliative", "hospice", "peolc", "bereavement", "bereaved", "dying", "inequity", "end of life",
               "end-of-life")


def _words(paths: list[Path]) -> set[str]:
    found: set[str] = set()
    for path in paths:
        if path.is_file() and path.suffix in TEXT:
            found |= set(_WORD.findall(path.read_text(encoding="utf-8", errors="replace").lower()))
    return found


def _files(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*")) if "__pycache__" not in p.parts]


def distinctive_words(other_portal: Path) -> set[str]:
    """The shipped portal's words that neither the generator, the theme nor ``other_portal``'s data use."""
    shipped = _words([REPO / "mkdocs.yml", *_files(REPO / "competencies"), *_files(REPO / "catalog")])
    baseline = (_words(_files(REPO / "generator")) | _words(_files(Path(material.__file__).parent))
                | _words(_files(other_portal)))
    return shipped - baseline


def leaks(site: Path, other_portal: Path) -> set[str]:
    return distinctive_words(other_portal) & _words(_files(site))


def _build(source: Path, dest: Path) -> Path:
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("site", ".site-*"))
    assert build_site(load_settings(dest), dest / "site") == 0
    broken, pages = check_site(dest / "site")
    assert pages > 20 and broken == []
    return dest


@pytest.fixture(scope="module")
def dementia(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(REPO / "examples" / "dementia", tmp_path_factory.mktemp("dementia") / "portal")


def test_the_generator_names_nothing_of_the_palliative_portals_field() -> None:
    for path in _files(REPO / "generator"):
        if path.is_file() and path.suffix in TEXT:
            text = path.read_text(encoding="utf-8", errors="replace").lower()
            assert not [w for w in FIELD_WORDS if w in text], path.relative_to(REPO)


def test_the_leak_check_would_catch_the_shipped_portals_words(tmp_path: Path) -> None:
    words = distinctive_words(REPO / "examples" / "dementia")
    assert {"peolc", "bereavement"} <= words
    assert len(words) > 300
    page = tmp_path / "site" / "index.html"
    page.parent.mkdir()
    page.write_text("<p>Education in bereavement care.</p>", encoding="utf-8")
    assert leaks(tmp_path / "site", REPO / "examples" / "dementia") == {"bereavement"}


def test_the_dementia_example_carries_no_word_of_the_palliative_portal(dementia: Path) -> None:
    assert leaks(dementia / "site", dementia) == set()


def test_the_dementia_example_is_the_framework_as_published(dementia: Path) -> None:
    site = dementia / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Dementia Care Education Portal" in home and "Tier 3: Enhancing knowledge and leadership" in home
    competencies = (site / "competencies" / "index.html").read_text(encoding="utf-8")
    assert "Leadership in transforming dementia care" in competencies
    assert (site / "pathways" / "getting-started-in-dementia-care" / "index.html").is_file()
    passport = (site / "pathways" / "getting-started-in-dementia-care" / "index.html").read_text(encoding="utf-8")
    assert 'data-portal="dementia"' in passport
    schema = (site / "schemas" / "v1" / "entry.schema.json").read_text(encoding="utf-8")
    assert '"$id": "https://example.org/dementia/schemas/v1/entry.schema.json"' in schema


def test_portal_init_makes_a_portal_that_builds_at_once(tmp_path: Path, capsys) -> None:
    target = tmp_path / "my-portal"
    assert main(["init", str(target), "--name", "Wound Care Learning", "--field", "wound care", "--languages",
                 "en,cy", "--site-url", "https://example.org/wounds/", "--no-input"]) == 0
    for rel in ("mkdocs.yml", "competencies/framework.yaml", "competencies/vocabularies.yaml", "CONTRIBUTING.md",
                "catalog/example-first-steps.yaml", "catalog/pathways/example-pathway.yaml", "requirements.txt",
                ".github/workflows/pages.yml", ".github/workflows/pull-request.yml", ".gitignore", "docs/about.md"):
        assert (target / rel).is_file(), rel
    requirement = (target / "requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^[A-Za-z0-9._-]+==\d", requirement, re.M), requirement
    assert "-e ." not in (target / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert "EXAMPLE ENTRY" in (target / "catalog/example-first-steps.yaml").read_text(encoding="utf-8")
    built = _build(target, tmp_path / "built")
    site = built / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy"' in home and "assets/search/header-search.js" in home
    assert (site / "search" / "search_index.json").is_file()
    assert (site / "coverage" / "index.html").is_file()
    assert (site / "api" / "v1" / "index.json").is_file() and (site / "feeds" / "entries.atom").is_file()
    assert (site / "pathways" / "example-pathway" / "index.html").is_file()
    # Started in two languages: the second is published under /cy/, each side pointing to the other.
    assert "languages: [en, cy]" in (target / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'hreflang="cy"' in home
    assert '<html lang="cy"' in (site / "cy" / "index.html").read_text(encoding="utf-8")
    generated = [p for p in (site / "pathways").iterdir() if p.is_dir() and p.name != "example-pathway"]
    assert generated, "no generated pathway"
    assert leaks(site, target) == set()


@pytest.mark.parametrize("flags, message", [
    (["--name", "A: B", "--field", "x", "--languages", "en", "--site-url", "https://e.org/"], "the portal's name"),
    (["--name", "A", "--field", "x", "--languages", "english", "--site-url", "https://e.org/"], "language codes"),
    (["--name", "A", "--field", "x", "--languages", "en", "--site-url", "example.org"], "must start with https://"),
])
def test_portal_init_refuses_answers_it_cannot_use(tmp_path: Path, capsys, flags: list[str], message: str) -> None:
    assert main(["init", str(tmp_path / "p"), *flags, "--no-input"]) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def test_portal_init_never_writes_into_a_folder_with_files(tmp_path: Path, capsys) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path), "--name", "A", "--field", "x", "--languages", "en",
                 "--site-url", "https://e.org/", "--no-input"]) == 1
    assert "never overwrites" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_portal_init_without_answers_outside_a_terminal_says_which_are_missing(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit):
        main(["init", str(tmp_path / "p"), "--name", "A", "--no-input"])
    assert "missing --field, --languages, --site-url" in capsys.readouterr().err


def test_every_plugin_option_is_explained_in_the_new_portal_guide() -> None:
    from mkdocs.config.config_options import Deprecated

    from generator.site.plugin_config import PortalConfig

    guide = (REPO / "docs" / "new-portal.md").read_text(encoding="utf-8")
    options = [name for name, _ in PortalConfig._schema]
    assert len(options) >= 14
    assert [o for o in options if f"| `{o}` |" not in guide] == []
    starter = (REPO / "generator" / "starter" / "mkdocs.yml").read_text(encoding="utf-8")
    removed = [name for name, option in PortalConfig._schema if isinstance(option, Deprecated)]
    assert removed == ["featured"]
    assert [o for o in options if o not in ("enabled", *removed) and f"{o}:" not in starter] == []
    assert [o for o in removed if f"{o}:" in starter] == []


# The regional example includes this repository's catalog as its national source, two folders up.
REGIONAL_SCOPE = Filters(regions=("GB-ENG",))


@pytest.fixture(scope="module")
def regional(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("regional") / "repo"
    for part in ("catalog", "competencies"):
        shutil.copytree(REPO / part, repo / part)
    shutil.copy(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    return _build(REPO / "examples" / "regional", repo / "examples" / "regional")


def _national_entries() -> dict[str, dict]:
    out = {}
    for path in sorted((REPO / "catalog").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["id"]] = data
    return out


def test_the_regional_example_publishes_the_national_entries_for_england_and_its_own(regional: Path) -> None:
    national = _national_entries()
    inside = {eid for eid, data in national.items() if REGIONAL_SCOPE.admits(data)}
    outside = set(national) - inside
    assert inside and outside  # the filter keeps some and leaves some out
    own = {p.stem for p in (regional / "catalog").glob("*.yaml")}
    api = json.loads((regional / "site" / "api" / "v1" / "catalog.json").read_text(encoding="utf-8"))
    published = {e["id"] for e in api["entries"]}
    assert published == inside | own
    pages = {p.name for p in (regional / "site" / "catalog").iterdir() if p.is_dir() and not p.name.startswith("page-")}
    assert pages == inside | own


def test_nothing_the_regional_filter_leaves_out_reaches_its_pages_pathways_or_search(regional: Path) -> None:
    national = _national_entries()
    # An id that is also a word of the framework (a crosswalk named after a course) is no sign of a leak.
    framework = " ".join(p.read_text(encoding="utf-8") for p in (REPO / "competencies").glob("*.yaml"))
    outside = {eid for eid, data in national.items() if not REGIONAL_SCOPE.admits(data) and eid not in framework}
    assert len(outside) > 50
    site = regional / "site"
    for path in (site / "api" / "v1" / "pathways").glob("*.json"):
        steps = {s["entry"] for s in json.loads(path.read_text(encoding="utf-8"))["steps"]}
        assert not steps & outside, path.name
    # Every page, the search index, the feeds and the open data: no link to a left-out entry, no mention of its id.
    for path in sorted(p for p in site.rglob("*") if p.suffix in (".html", ".json", ".xml", ".atom", ".ics", ".csv")):
        text = path.read_text(encoding="utf-8")
        leaked = [eid for eid in outside if f"catalog/{eid}/" in text or f'"{eid}"' in text or f",{eid}," in text]
        assert leaked == [], (path.relative_to(site), leaked[:3])


def test_the_regional_coverage_counts_only_what_the_portal_includes(regional: Path) -> None:
    coverage = json.loads((regional / "site" / "api" / "v1" / "coverage.json").read_text(encoding="utf-8"))
    api = json.loads((regional / "site" / "api" / "v1" / "catalog.json").read_text(encoding="utf-8"))
    national = _national_entries()
    everywhere = [data for data in national.values() if "communication-t1" in data["competencies"]
                  and data.get("status") != "retired"]
    for row in coverage["competencies"]:
        if row["competency"] == "communication-t1":  # the national catalog alone counts more
            assert row["entries"] < len(everywhere)
        teaching = [e for e in api["entries"] if row["competency"] in e["competencies"] and e["status"] != "retired"]
        assert row["entries"] == len(teaching), row["competency"]


def test_a_national_entry_with_local_sessions_says_where_it_comes_from(regional: Path) -> None:
    page = (regional / "site" / "catalog" / "e-elca-communication-skills" / "index.html").read_text(encoding="utf-8")
    assert "EXAMPLE: work through the modules together" in page
    assert 'class="portal-origin">From <a href="https://peolc-portal.github.io/portal/catalog/e-elca-communication-skills/"' in page
    assert "https://github.com/peolc-portal/portal/edit/main/catalog/e-elca-communication-skills.yaml" in page
    schema = json.loads((regional / "site" / "schemas" / "v1" / "extension.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == "https://example.org/regional/schemas/v1/extension.schema.json"
    assert schema["required"] == ["extends"] and "id" not in schema["properties"]["overrides"]["properties"]
    own = (regional / "site" / "catalog" / "example-syringe-driver-workshop" / "index.html").read_text(encoding="utf-8")
    assert "portal-origin" not in own and "EXAMPLE" in own


def test_a_portal_reads_another_portals_published_api_as_its_source(dementia: Path, tmp_path: Path) -> None:
    from dataclasses import asdict

    from generator.validate import validate_project

    local = tmp_path / "local"
    shutil.copytree(dementia / "competencies", local / "competencies")
    (local / "catalog").mkdir()
    (local / "mkdocs.yml").write_text(
        "site_name: Reader\ntheme: {name: material}\nplugins:\n  - portal:\n      sources:\n"
        f"        - name: dementia\n          api: {dementia / 'site'}\n", encoding="utf-8")
    read = validate_project(load_settings(local))
    assert read.errors == [], read.errors
    own = validate_project(load_settings(dementia))
    assert read.catalog is not None and own.catalog is not None
    assert set(read.catalog.pathways) == set(own.catalog.pathways)  # the curated ones, not the generated
    where = {"path", "origin", "origin_edit_url", "extended_in", "elsewhere"}
    for eid, entry in own.catalog.entries.items():
        published = read.catalog.entries[eid]
        assert published.origin == "dementia" and published.edit_path == ""
        assert {k: v for k, v in asdict(published).items() if k not in where} == \
            {k: v for k, v in asdict(entry).items() if k not in where}, eid
    origin = read.catalog.origins["dementia"]
    assert (origin.title, origin.site_url, origin.licence_name) == (
        "Dementia Care Education Portal", "https://example.org/dementia/", "CC BY 4.0")
