"""A portal that includes other catalogs: sources in order, filters, ids defined twice, and 'extends:'."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from generator.errors import ConfigError
from generator.settings import load_settings
from generator.validate import validate_project
from validate_support import MINI

ENTRY = """\
id: {id}
type: course
title: Local course {id}
url: https://example.org/local/{id}
provider: Example Local Hospice
summary: A local course.
tiers: [1]
competencies: [communication-t1]
countries: [{country}]
review_by: 2027-06-30
"""


def _portal(tmp_path: Path, sources: str, files: dict[str, str] | None = None) -> Path:
    """A national portal (the mini fixture) and a local portal beside it that includes it as ``sources``."""
    shutil.copytree(MINI, tmp_path / "national")
    (tmp_path / "national" / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: National Portal
        site_url: !ENV [SITE_URL, "https://example.org/national/"]
        repo_url: https://example.org/git/national
        edit_uri: edit/main/
        theme: {name: material}
        plugins:
          - portal:
              licence: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}
        """), encoding="utf-8")
    local = tmp_path / "local"
    (local / "catalog" / "pathways").mkdir(parents=True)
    (local / "mkdocs.yml").write_text("site_name: Local\ntheme: {name: material}\nplugins:\n  - portal:\n"
                                      "      sources:\n" + textwrap.indent(textwrap.dedent(sources), " " * 8),
                                      encoding="utf-8")
    for rel, text in (files or {}).items():
        (local / rel).parent.mkdir(parents=True, exist_ok=True)
        (local / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    return local


NATIONAL = "- name: national\n  portal: ../national\n"


def _messages(local: Path) -> list[str]:
    return [str(p) for p in validate_project(load_settings(local)).problems]


def test_an_included_portal_brings_its_entries_framework_and_pathways(tmp_path: Path) -> None:
    local = _portal(tmp_path, NATIONAL, {"catalog/local-course.yaml": ENTRY.format(id="local-course", country="GB")})
    result = validate_project(load_settings(local))
    assert result.errors == []
    catalog = result.catalog
    assert catalog is not None
    assert {"mini-basics", "local-course"} <= set(catalog.entries) and "mini-route" in catalog.pathways
    national = catalog.entries["mini-basics"]
    assert national.origin == "national" and national.edit_path == ""
    assert national.origin_edit_url == "https://example.org/git/national/edit/main/catalog/mini-basics.yaml"
    origin = catalog.origins["national"]
    assert (origin.title, origin.site_url, origin.licence_name) == ("National Portal", "https://example.org/national/",
                                                                    "CC BY 4.0")
    assert catalog.entries["local-course"].origin == "" and catalog.entries["local-course"].edit_path == \
        "catalog/local-course.yaml"


def test_an_id_defined_again_is_an_error_naming_both_places(tmp_path: Path) -> None:
    local = _portal(tmp_path, NATIONAL, {"catalog/mini-toolkit.yaml": ENTRY.format(id="mini-toolkit", country="GB")})
    errors = [m for m in _messages(local) if "also defined" in m]
    assert errors == ["catalog/mini-toolkit.yaml:1:5: entry id 'mini-toolkit' is also defined in "
                      "../national/catalog/mini-toolkit.yaml:1:5 (source 'national'); to change it here, write a "
                      "file mini-toolkit.yaml with 'extends: mini-toolkit' and the runs or overrides to apply, or "
                      "choose another id"]


def test_a_pathway_id_defined_again_is_an_error_too(tmp_path: Path) -> None:
    route = (MINI / "catalog" / "pathways" / "mini-route.yaml").read_text(encoding="utf-8")
    local = _portal(tmp_path, NATIONAL, {"catalog/pathways/mini-route.yaml": route})
    assert [m for m in _messages(local) if "also defined" in m] == [
        "catalog/pathways/mini-route.yaml:1:5: pathway id 'mini-route' is also defined in "
        "../national/catalog/pathways/mini-route.yaml:1:5 (source 'national'); choose another id"]


EXTENSION = """\
extends: mini-toolkit
runs:
  - id: local-2027
    start: 2027-03-11T09:30
    end: 2027-03-11T13:00
    timezone: Europe/London
overrides:
  summary: Our local take on the toolkit.
"""


def test_extends_adds_local_runs_and_overrides_fields_of_an_included_entry(tmp_path: Path) -> None:
    local = _portal(tmp_path, NATIONAL, {"catalog/mini-toolkit.yaml": EXTENSION})
    result = validate_project(load_settings(local))
    assert result.errors == [] and result.catalog is not None
    entry = result.catalog.entries["mini-toolkit"]
    assert entry.summary == "Our local take on the toolkit."
    assert [r.id for r in entry.runs][-1] == "local-2027"
    assert entry.title == "After-death care toolkit"  # the national title is kept
    assert entry.extended_in == "catalog/mini-toolkit.yaml" and entry.edit_path == "catalog/mini-toolkit.yaml"
    assert entry.origin == "national"


def test_an_extensions_mistakes_are_located_in_the_extension(tmp_path: Path) -> None:
    bad = EXTENSION.replace("2027-03-11T13:00", "2027-03-10T13:00").replace("summary: Our", "tiers: [9]\n  summary: Our")
    local = _portal(tmp_path, NATIONAL, {"catalog/mini-toolkit.yaml": bad})
    messages = _messages(local)
    assert "catalog/mini-toolkit.yaml:8:11: overrides.tiers[0] is 9; it must be at most 5" in messages
    local = _portal(tmp_path / "again", NATIONAL, {"catalog/mini-toolkit.yaml": EXTENSION.replace(
        "2027-03-11T13:00", "2027-03-10T13:00")})
    assert [m for m in _messages(local) if "ends before" in m] == [
        "catalog/mini-toolkit.yaml:5:10: runs[0] ends before it starts"]


@pytest.mark.parametrize("text, name, message", [
    (EXTENSION, "other-name.yaml", "1:10: extends 'mini-toolkit', but the file is named other-name.yaml"),
    (EXTENSION.replace("extends: mini-toolkit", "extends: mini-tolkit"), "mini-tolkit.yaml",
     "1:10: 'mini-tolkit' is not an entry of an included source; did you mean 'mini-toolkit'?"),
    (EXTENSION.replace("overrides:", "overrides:\n  id: renamed\n"), "mini-toolkit.yaml", "overrides"),
    ("extends: mini-toolkit\n", "mini-toolkit.yaml", "1:1: the file only says what it extends; add runs or overrides"),
])
def test_an_extension_that_cannot_apply_is_refused(tmp_path: Path, text: str, name: str, message: str) -> None:
    local = _portal(tmp_path, NATIONAL, {f"catalog/{name}": text})
    messages = _messages(local)
    assert any(message in m and m.startswith(f"catalog/{name}:") for m in messages), messages


def test_an_entry_cannot_extend_one_of_its_own_catalog(tmp_path: Path) -> None:
    local = _portal(tmp_path, NATIONAL, {
        "catalog/local-course.yaml": ENTRY.format(id="local-course", country="GB"),
        "catalog/other.yaml": "extends: local-course\noverrides: {summary: Changed.}\n"})
    assert any("only an entry of a source listed earlier" in m or "file is named" in m for m in _messages(local))


@pytest.mark.parametrize("filters, kept, left_out", [
    ("regions: [GB-ENG]", {"mini-basics", "mini-toolkit"}, {"mini-advanced"}),
    ("countries: [GB]", {"mini-basics", "mini-advanced"}, set()),
    ("countries: [CA]", set(), {"mini-basics", "mini-advanced"}),
    ("tiers: [2]", {"mini-advanced", "mini-programme"}, {"mini-basics", "mini-toolkit"}),
    ("types: [toolkit]", {"mini-toolkit"}, {"mini-basics"}),
    ("ids: [mini-basics]", {"mini-basics"}, {"mini-toolkit", "mini-advanced"}),
])
def test_filters_choose_the_entries_a_portal_includes(tmp_path: Path, filters: str, kept: set[str],
                                                      left_out: set[str]) -> None:
    shutil.copytree(MINI, tmp_path / "mini-copy")
    # One national entry for Scotland only, to tell regions apart.
    path = tmp_path / "mini-copy" / "catalog" / "mini-advanced.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("countries: [GB]", "countries: [GB-SCT]"),
                    encoding="utf-8")
    local = _portal(tmp_path / "p", f"- name: national\n  portal: ../../mini-copy\n  pathways: false\n  {filters}\n")
    result = validate_project(load_settings(local))
    assert result.errors == [], result.errors
    assert result.catalog is not None
    assert kept <= set(result.catalog.entries) and not left_out & set(result.catalog.entries)


def test_a_local_pathway_through_an_entry_the_filters_leave_out_is_an_error_at_its_step(tmp_path: Path) -> None:
    route = (MINI / "catalog" / "pathways" / "mini-route.yaml").read_text(encoding="utf-8").replace(
        "id: mini-route", "id: local-route")
    local = _portal(tmp_path, NATIONAL + "  pathways: false\n  tiers: [1]\n",
                    {"catalog/pathways/local-route.yaml": route})
    assert [m for m in _messages(local) if "leave" in m] == [
        "catalog/pathways/local-route.yaml:10:12: step 2: 'mini-advanced' is an entry of source 'national', but its "
        "filters (tiers: 1) leave it out of this portal: widen the filters, bring it in with a file "
        "mini-advanced.yaml that says 'extends: mini-advanced', or remove the step"]


def test_a_sources_pathway_through_a_left_out_entry_is_left_out_with_a_warning(tmp_path: Path) -> None:
    local = _portal(tmp_path, NATIONAL + "  tiers: [1]\n")
    result = validate_project(load_settings(local))
    assert [str(p) for p in result.problems] == [
        "../national/catalog/pathways/mini-route.yaml:10:12: warning: step 2: 'mini-advanced' is left out by the "
        "filters of source 'national' (tiers: 1), so this pathway is not part of this portal"]
    assert result.catalog is not None and "mini-route" not in result.catalog.pathways
    assert "mini-advanced" not in result.catalog.entries


def test_extending_an_entry_the_filters_leave_out_brings_it_in(tmp_path: Path) -> None:
    local = _portal(tmp_path, NATIONAL + "  pathways: false\n  tiers: [1]\n",
                    {"catalog/mini-advanced.yaml": "extends: mini-advanced\noverrides:\n  note: Offered here too.\n"})
    result = validate_project(load_settings(local))
    assert result.errors == [] and result.catalog is not None
    assert result.catalog.entries["mini-advanced"].note == "Offered here too."


def test_a_folder_of_entries_in_the_repository_is_a_source_too(tmp_path: Path) -> None:
    local = _portal(tmp_path, NATIONAL + "- name: shared\n  folder: shared\n",
                    {"shared/shared-course.yaml": ENTRY.format(id="shared-course", country="GB"),
                     "catalog/shared-course.yaml": ENTRY.format(id="shared-course", country="GB")})
    messages = _messages(local)
    assert [m for m in messages if "also defined" in m] == [
        "catalog/shared-course.yaml:1:5: entry id 'shared-course' is also defined in shared/shared-course.yaml:1:5 "
        "(source 'shared'); to change it here, write a file shared-course.yaml with 'extends: shared-course' and "
        "the runs or overrides to apply, or choose another id"]


def test_a_source_that_cannot_be_found_is_a_located_configuration_error(tmp_path: Path) -> None:
    local = _portal(tmp_path, "- name: national\n  portal: ../missing\n")
    messages = _messages(local)
    assert any(m.startswith("mkdocs.yml:7:19: source 'national': folder ../missing not found") for m in messages)


def test_a_pathway_asked_for_that_the_source_lacks_is_a_located_error(tmp_path: Path) -> None:
    local = _portal(tmp_path, NATIONAL + "  pathways: [mini-rout]\n")
    assert "mkdocs.yml:8:21: source 'national': pathways: 'mini-rout' is not a pathway of the source; did you " \
           "mean 'mini-route'?" in _messages(local)


@pytest.mark.parametrize("sources, message", [
    ("- name: national\n", "needs exactly one of portal, folder"),
    ("- name: national\n  portal: ../national\n  folder: x\n", "needs exactly one of portal, folder"),
    ("- name: National\n  portal: ../national\n", "name must be a short id"),
    ("- name: national\n  portal: ../national\n  regions: [England]\n", "regions must be a list of ISO 3166"),
    ("- name: national\n  portal: ../national\n  tiers: [first]\n", "tiers must be a list of tiers"),
    ("- name: national\n  portal: ../national\n  colour: blue\n", "has no field 'colour'"),
    ("- name: a\n  portal: ../national\n- name: a\n  folder: x\n", "is used by another source"),
])
def test_the_sources_option_is_checked_with_its_place_in_mkdocs_yml(tmp_path: Path, sources: str,
                                                                    message: str) -> None:
    local = _portal(tmp_path, sources)
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings(local)
    assert str(caught.value).startswith("mkdocs.yml:")


FRAMEWORK_ADDITION = """\
extends: eolc-csetf-2017
subjects:
  - id: local-services
    name: Knowing local services
    domain: communication
    summary: Who to call, and when, in this area.
competencies:
  - id: local-services-t1
    subject: local-services
    tier: 1
    statement: Know which local services support people at the end of life, and how to reach them.
"""

VOCABULARY_ADDITION = """\
extends: national
settings:
  - id: island-community
    label: Island communities
audiences:
  - id: fishing-families
    label: Fishing families
"""

LOCAL_ENTRY = ENTRY.replace("competencies: [communication-t1]", "competencies: [local-services-t1]") + \
    "settings: [island-community]\n"


def test_a_local_portal_adds_competencies_and_terms_to_the_included_ones(tmp_path: Path) -> None:
    local = _portal(tmp_path, NATIONAL, {"competencies/local.yaml": FRAMEWORK_ADDITION,
                                         "competencies/vocabularies.yaml": VOCABULARY_ADDITION,
                                         "catalog/local-course.yaml": LOCAL_ENTRY.format(id="local-course",
                                                                                         country="GB")})
    result = validate_project(load_settings(local))
    assert result.errors == [], result.errors
    catalog = result.catalog
    assert catalog is not None
    assert "local-services-t1" in catalog.framework.competencies and "communication-t1" in catalog.framework.competencies
    assert "island-community" in catalog.vocab["settings"] and "hospice" in catalog.vocab["settings"]
    assert "fishing-families" in catalog.vocab["audiences"]


def test_redefining_an_included_competency_or_term_is_an_error_unless_it_says_override(tmp_path: Path) -> None:
    framework = FRAMEWORK_ADDITION.replace("  - id: local-services-t1", "  - id: communication-t1")
    vocabulary = VOCABULARY_ADDITION.replace("  - id: island-community", "  - id: hospice")
    local = _portal(tmp_path, NATIONAL, {"competencies/local.yaml": framework,
                                         "competencies/vocabularies.yaml": vocabulary})
    twice = [m for m in _messages(local) if "also defined" in m]
    assert len(twice) == 2, twice
    assert twice[0].startswith("competencies/local.yaml:8:9: competency 'communication-t1' is also defined in "
                               "../national/competencies/framework.yaml:")
    assert twice[0].endswith("(source 'national'); to replace it here, add 'override: true' to this item, or "
                             "choose another id")
    assert twice[1].startswith("competencies/vocabularies.yaml:3:9: term 'hospice' is also defined in "
                               "../national/competencies/vocabularies.yaml:86:9 (source 'national')")
    replaced = vocabulary.replace("    label: Island communities", "    label: Hospices here\n    override: true")
    local = _portal(tmp_path / "again", NATIONAL, {"competencies/vocabularies.yaml": replaced})
    result = validate_project(load_settings(local))
    assert result.errors == [] and result.catalog is not None
    assert result.catalog.vocab["settings"]["hospice"].label == "Hospices here"


def test_a_second_framework_or_vocabularies_without_extends_is_an_error_naming_both(tmp_path: Path) -> None:
    local = _portal(tmp_path, NATIONAL)
    shutil.copytree(MINI / "competencies", local / "competencies")
    messages = [m for m in _messages(local) if "also defined" in m]
    assert messages == [
        "competencies/framework.yaml:8:5: framework id 'eolc-csetf-2017' is also defined in "
        "../national/competencies/framework.yaml:8:5 (source 'national'); to add to it here, write "
        "'extends: eolc-csetf-2017' and only the domains, subjects and competencies to add",
        "competencies/vocabularies.yaml:14:1: the vocabularies are also defined in "
        "../national/competencies/vocabularies.yaml (source 'national'); to add terms here, write "
        "'extends: national' at the top and list only the terms to add"]


def test_an_addition_to_something_not_included_is_refused(tmp_path: Path) -> None:
    local = _portal(tmp_path, NATIONAL, {
        "competencies/local.yaml": FRAMEWORK_ADDITION.replace("extends: eolc-csetf-2017", "extends: eolc-csetf"),
        "competencies/vocabularies.yaml": VOCABULARY_ADDITION.replace("extends: national", "extends: nationl")})
    messages = _messages(local)
    assert "competencies/local.yaml:1:10: 'eolc-csetf' is not the id of an included framework; did you mean " \
           "'eolc-csetf-2017'?" in messages
    assert "competencies/vocabularies.yaml:1:10: 'nationl' is not the name of a source whose vocabularies this " \
           "portal includes; did you mean 'national'?" in messages


def test_an_api_source_that_is_not_there_or_of_another_version_is_a_located_error(tmp_path: Path) -> None:
    local = _portal(tmp_path, "- name: published\n  api: ../site\n")
    (tmp_path / "site").mkdir()
    assert any(m.startswith("mkdocs.yml:7:16: source 'published': no JSON API found in ../site") for m in
               _messages(local))
    api = tmp_path / "site" / "api" / "v1"
    (api / "entries").mkdir(parents=True)
    (api / "index.json").write_text('{"api_version": "2"}', encoding="utf-8")
    (api / "entries" / "later.json").write_text('{\n  "api_version": "2",\n  "id": "later"\n}\n', encoding="utf-8")
    shutil.copytree(MINI / "competencies", local / "competencies")
    assert "../site/api/v1/entries/later.json:1:1: published with API version '2'; this generator reads " \
           "version '1' (build the source portal with a generator of the same major version)" in _messages(local)


def test_an_own_entry_naming_an_entry_the_filters_leave_out_is_an_error_at_the_name(tmp_path: Path) -> None:
    entry = ENTRY.format(id="local-course", country="GB") + "prerequisites: [mini-advanced]\n"
    local = _portal(tmp_path, NATIONAL + "  pathways: false\n  tiers: [1]\n", {"catalog/local-course.yaml": entry})
    assert [m for m in _messages(local) if "leave" in m] == [
        "catalog/local-course.yaml:11:17: prerequisite 'mini-advanced' is an entry of source 'national', but its "
        "filters (tiers: 1) leave it out of this portal: widen the filters, bring it in with a file "
        "mini-advanced.yaml that says 'extends: mini-advanced', or remove it"]


@pytest.mark.parametrize("name", ["extension", "framework-extension", "vocabularies-extension"])
def test_the_schemas_of_extending_files_are_valid_and_ask_for_extends(name: str) -> None:
    from jsonschema import Draft202012Validator

    from generator import schemas

    schema = schemas.load(name)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    assert not validator.is_valid({"runs": []})  # no 'extends'
    assert not validator.is_valid({"extends": "x"})  # nothing to add
    assert not validator.is_valid({"extends": "x", "colour": "blue"})
