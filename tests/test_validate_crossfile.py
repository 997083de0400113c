"""Unit tests for generator/validate/crossfile.py: the checks that need more than one file."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from validate_support import MINI
from generator.errors import Problem, Severity
from generator.load.project import Document, Kind
from generator.load.yamlsafe import parse
from generator.settings import Settings
from generator.validate import validate_project
from generator.validate.crossfile import cross_file_problems


def _doc(path: str, kind: Kind, text: str) -> Document:
    parsed = parse(text.encode("utf-8"))
    return Document(path, kind, parsed.data, parsed.positions)


@pytest.fixture(scope="module")
def base_docs() -> list[Document]:
    """The mini portal's framework and vocabularies."""
    comp = MINI / "competencies"
    return [
        _doc("competencies/framework.yaml", Kind.FRAMEWORK, (comp / "framework.yaml").read_text("utf-8")),
        _doc("competencies/vocabularies.yaml", Kind.VOCABULARIES, (comp / "vocabularies.yaml").read_text("utf-8")),
    ]


def entry(eid: str, path: str | None = None, **fields: Any) -> Document:
    """A valid tier-1 entry with ``fields`` added or replaced, as its own YAML file."""
    data: dict[str, Any] = {
        "id": eid, "type": "course", "title": f"Entry {eid}", "url": f"https://example.org/{eid}",
        "provider": "Example", "summary": "A test entry.", "tiers": [1], "competencies": ["communication-t1"],
        "review_by": "2027-06-30", "countries": ["GB"],
    }
    data.update(fields)
    return _doc(path or f"catalog/{eid}.yaml", Kind.ENTRY, yaml.safe_dump(data, sort_keys=False))


def pathway(pid: str, steps: list[str], **fields: Any) -> Document:
    data: dict[str, Any] = {
        "id": pid, "title": f"Pathway {pid}", "summary": "A test pathway.", "tier": 1,
        "steps": [{"entry": s, "reason": f"Because of {s}."} for s in steps], "review_by": "2027-06-30",
    }
    data.update(fields)
    return _doc(f"catalog/pathways/{pid}.yaml", Kind.PATHWAY, yaml.safe_dump(data, sort_keys=False))


def check(base: list[Document], *docs: Document) -> list[Problem]:
    return sorted(cross_file_problems([*base, *docs]))


def test_baseline_is_clean(base_docs: list[Document]) -> None:
    # Every test below adds exactly the fault it is about to this clean base.
    assert check(base_docs, entry("a"), entry("b", prerequisites=["a"]), pathway("p", ["a", "b"])) == []


# --- shared addresses ----------------------------------------------------------------------------

PROGRAMME_PAGE = "https://example.org/programme"


def test_two_entries_may_not_share_a_url_unmarked(base_docs: list[Document]) -> None:
    problems = check(base_docs, entry("a", url=PROGRAMME_PAGE), entry("b", url=PROGRAMME_PAGE))
    assert [(p.path, p.line, p.column, p.severity, p.code) for p in problems] == [
        ("catalog/a.yaml", 4, 6, Severity.ERROR, "shared-url"), ("catalog/b.yaml", 4, 6, Severity.ERROR, "shared-url")]
    assert problems[0].message.startswith("url is also used by catalog/b.yaml: if this is a programme's page")


def test_only_the_unmarked_sharer_is_faulted(base_docs: list[Document]) -> None:
    marked = entry("a", url=PROGRAMME_PAGE, shared_url=True, how_to_find="Search for session a.")
    problems = check(base_docs, marked, entry("b", url=PROGRAMME_PAGE))
    assert [(p.path, p.code) for p in problems] == [("catalog/b.yaml", "shared-url")]


def test_marked_sharers_are_clean_and_the_programme_needs_no_directions(base_docs: list[Document]) -> None:
    programme = entry("prog", url=PROGRAMME_PAGE, shared_url=True, type="programme")
    items = [entry(i, url=PROGRAMME_PAGE, shared_url=True, part_of="prog", how_to_find=f"Search for {i}.")
             for i in ("s1", "s2")]
    assert check(base_docs, programme, *items) == []
    # An item without directions is warned about; the programme whose page it is is not.
    bare = entry("s3", url=PROGRAMME_PAGE, shared_url=True, part_of="prog")
    problems = check(base_docs, programme, *items, bare)
    assert [(p.path, p.severity) for p in problems] == [("catalog/s3.yaml", Severity.WARNING)]
    assert "add 'how_to_find'" in problems[0].message


def test_an_entry_without_countries_is_warned_about(base_docs: list[Document]) -> None:
    doc = entry("a")
    del doc.data["countries"]
    problems = check(base_docs, doc)
    assert [(p.path, p.line, p.column, p.severity, p.code) for p in problems] == [
        ("catalog/a.yaml", 1, 5, Severity.WARNING, "no-countries")]
    # An empty list says no more than a missing one.
    assert [p.code for p in check(base_docs, entry("b", countries=[]))] == ["no-countries"]


# --- duplicate ids -------------------------------------------------------------------------------

def test_duplicate_id_across_files(base_docs: list[Document]) -> None:
    first = entry("care-basics")
    second = entry("care-basics", path="catalog/more/care-basics.yaml")
    problems = check(base_docs, first, second)
    assert [(p.path, p.line, p.column, p.severity) for p in problems] == [
        ("catalog/more/care-basics.yaml", 1, 5, Severity.ERROR)]
    assert problems[0].message == "duplicate id 'care-basics': already used by catalog/care-basics.yaml"


def test_duplicate_id_on_disk_yaml_and_yml(mini_portal: Path) -> None:
    # Two files with the same stem are the only way to repeat an id without a name mismatch.
    src = mini_portal / "catalog" / "mini-toolkit.yaml"
    (mini_portal / "catalog" / "mini-toolkit.yml").write_bytes(src.read_bytes())
    result = validate_project(Settings(root=mini_portal))
    errors = [(p.path, p.line, p.column, p.message) for p in result.errors]
    assert errors == [("catalog/mini-toolkit.yml", 1, 5,
                       "duplicate id 'mini-toolkit': already used by catalog/mini-toolkit.yaml")]
    assert [p.path for p in result.warnings] == ["catalog/mini-toolkit.yml"]  # the .yml extension


def test_duplicate_id_through_file_names(mini_portal: Path) -> None:
    # b.yaml claiming a's id: both the name mismatch and the duplicate are reported, at the id.
    text = (mini_portal / "catalog" / "mini-toolkit.yaml").read_text()
    (mini_portal / "catalog" / "toolkit-copy.yaml").write_text(text)
    result = validate_project(Settings(root=mini_portal))
    assert sorted(p.message for p in result.problems) == [
        "duplicate id 'mini-toolkit': already used by catalog/mini-toolkit.yaml",
        "id 'mini-toolkit' must equal the file name 'toolkit-copy' (rename the file to mini-toolkit.yaml or change the id)",
    ]
    assert {(p.path, p.line, p.column) for p in result.problems} == {("catalog/toolkit-copy.yaml", 1, 5)}


def test_duplicate_pathway_id(base_docs: list[Document]) -> None:
    one = pathway("route", ["a"])
    two = _doc("catalog/pathways/other/route.yaml", Kind.PATHWAY,
               yaml.safe_dump(one.data, sort_keys=False))
    problems = check(base_docs, entry("a"), one, two)
    assert [(p.path, p.message) for p in problems] == [
        ("catalog/pathways/other/route.yaml", "duplicate pathway id 'route': already used by catalog/pathways/route.yaml")]


# --- aliases (former ids) ------------------------------------------------------------------------

def test_reusing_a_retired_id_is_refused(base_docs: list[Document]) -> None:
    renamed = entry("new-name", aliases=["old-name"])
    reused = entry("old-name")
    problems = check(base_docs, renamed, reused)
    assert len(problems) == 1
    p = problems[0]
    assert (p.path, p.line, p.column, p.severity) == ("catalog/old-name.yaml", 1, 5, Severity.ERROR)
    assert p.message.startswith("id 'old-name' was retired by a rename (catalog/new-name.yaml lists it under aliases)")
    assert "choose a new id" in p.message


def test_reusing_a_retired_id_is_refused_whatever_the_file_order(base_docs: list[Document]) -> None:
    renamed = entry("a-new", aliases=["z-old"])
    reused = entry("z-old")
    assert len(check(base_docs, reused, renamed)) == 1
    assert len(check(base_docs, renamed, reused)) == 1


def test_two_entries_claiming_the_same_former_id(base_docs: list[Document]) -> None:
    one = entry("one", aliases=["old"])
    two = entry("two", aliases=["legacy", "old"])
    problems = check(base_docs, one, two)
    assert [(p.path, p.message) for p in problems] == [
        ("catalog/two.yaml", "former id 'old' is already claimed by catalog/one.yaml")]
    # Located at the alias itself: the second item of the aliases list.
    line_of_old = two.positions.of(("aliases", 1))
    assert (problems[0].line, problems[0].column) == line_of_old


def test_aliases_that_nobody_reuses_are_fine(base_docs: list[Document]) -> None:
    assert check(base_docs, entry("one", aliases=["old-one", "older-one"]), entry("two", aliases=["old-two"])) == []


# --- prerequisite cycles -------------------------------------------------------------------------

def _cycles(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.message.startswith("circular prerequisites")]


def test_two_entry_cycle_reported_once(base_docs: list[Document]) -> None:
    a = entry("a", prerequisites=["b"])
    b = entry("b", prerequisites=["a"])
    problems = check(base_docs, a, b)
    assert problems == _cycles(problems)
    assert len(problems) == 1
    assert problems[0].message == "circular prerequisites: a → b → a"
    assert problems[0].path == "catalog/b.yaml"
    assert (problems[0].line, problems[0].column) == b.positions.of(("prerequisites", 0))


def test_three_entry_cycle_reported_once_with_the_whole_chain(base_docs: list[Document]) -> None:
    docs = [entry("a", prerequisites=["b"]), entry("b", prerequisites=["c"]), entry("c", prerequisites=["a"])]
    problems = check(base_docs, *docs)
    assert len(problems) == 1
    assert problems[0].message == "circular prerequisites: a → b → c → a"
    assert problems[0].is_error


def test_cycle_through_part_of(base_docs: list[Document]) -> None:
    programme = entry("prog", type="programme", prerequisites=["module"])
    module = entry("module", part_of="prog", code="M1")
    problems = check(base_docs, programme, module)
    assert [p.message for p in problems] == ["circular prerequisites: module → prog → module"]
    assert (problems[0].path, (problems[0].line, problems[0].column)) == (
        "catalog/prog.yaml", programme.positions.of(("prerequisites", 0)))


def test_cycle_is_found_among_entries_that_are_fine(base_docs: list[Document]) -> None:
    docs = [entry("start", prerequisites=["x"]), entry("x", prerequisites=["y"]), entry("y", prerequisites=["x"]),
            entry("end", prerequisites=["start", "y"])]
    assert [p.message for p in check(base_docs, *docs)] == ["circular prerequisites: x → y → x"]


def test_two_separate_cycles_are_both_reported(base_docs: list[Document]) -> None:
    docs = [entry("a", prerequisites=["b"]), entry("b", prerequisites=["a"]),
            entry("c", prerequisites=["d"]), entry("d", prerequisites=["c"])]
    assert sorted(p.message for p in check(base_docs, *docs)) == [
        "circular prerequisites: a → b → a", "circular prerequisites: c → d → c"]


def test_diamond_is_not_a_cycle(base_docs: list[Document]) -> None:
    docs = [entry("top", prerequisites=["left", "right"]), entry("left", prerequisites=["base"]),
            entry("right", prerequisites=["base"]), entry("base")]
    assert check(base_docs, *docs) == []


def test_self_prerequisite_is_not_also_a_cycle(base_docs: list[Document]) -> None:
    problems = check(base_docs, entry("loop", prerequisites=["loop"]))
    assert [p.message for p in problems] == ["entry lists itself as its own prerequisite"]


def test_long_prerequisite_chain_does_not_overflow(base_docs: list[Document]) -> None:
    # A deep chain must be checked without hitting Python's recursion limit (1,000 frames by default).
    n = 1500
    docs = [entry(f"e{i}", prerequisites=[f"e{i + 1}"]) for i in range(n)] + [entry(f"e{n}", prerequisites=["e0"])]
    problems = check(base_docs, *docs)
    assert len(problems) == 1
    assert problems[0].message.startswith("circular prerequisites: e0 → e1 → ")
    assert problems[0].message.endswith(f"e{n} → e0")


def test_cycle_in_files_on_disk(mini_portal: Path, run_portal) -> None:
    # mini-basics already comes before mini-advanced; make it need mini-advanced too.
    basics = mini_portal / "catalog" / "mini-basics.yaml"
    basics.write_text(basics.read_text().replace("review_by:", "prerequisites: [mini-advanced]\nreview_by:"))
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    assert outcome.code == 1
    problems = outcome.json()["problems"]
    cycles = [p for p in problems if p["message"].startswith("circular prerequisites")]
    assert len(cycles) == 1
    assert cycles[0]["message"] == "circular prerequisites: mini-advanced → mini-basics → mini-advanced"
    assert cycles[0]["path"] == "catalog/mini-basics.yaml"
    line = basics.read_text().splitlines().index("prerequisites: [mini-advanced]") + 1
    assert (cycles[0]["line"], cycles[0]["column"]) == (line, 17)


# --- pathways ------------------------------------------------------------------------------------

def test_pathway_prerequisite_after_the_step_that_needs_it_is_a_warning(base_docs: list[Document]) -> None:
    route = pathway("route", ["advanced", "basics"])
    problems = check(base_docs, entry("basics"), entry("advanced", prerequisites=["basics"]), route)
    assert len(problems) == 1
    p = problems[0]
    assert p.severity is Severity.WARNING
    assert p.message == "step 1: 'advanced' needs 'basics', which comes later (step 2)"
    assert (p.path, (p.line, p.column)) == ("catalog/pathways/route.yaml", route.positions.of(("steps", 0, "entry")))


def test_pathway_in_the_right_order_or_without_the_prerequisite_is_fine(base_docs: list[Document]) -> None:
    docs = [entry("basics"), entry("advanced", prerequisites=["basics"])]
    assert check(base_docs, *docs, pathway("in-order", ["basics", "advanced"])) == []
    # Leaving the prerequisite out of the pathway is a curator's choice, not a mistake.
    assert check(base_docs, *docs, pathway("just-advanced", ["advanced"])) == []


def test_pathway_steps_unknown_and_repeated(base_docs: list[Document]) -> None:
    route = pathway("route", ["basics", "basic", "basics"])
    problems = check(base_docs, entry("basics"), route)
    assert [(p.message, (p.line, p.column)) for p in problems] == [
        ("step 2: 'basic' is not an entry in the catalog; did you mean 'basics'?", route.positions.of(("steps", 1, "entry"))),
        ("step 3: 'basics' is already step 1", route.positions.of(("steps", 2, "entry"))),
    ]


def test_pathway_step_that_is_retired_is_a_warning(base_docs: list[Document]) -> None:
    old = entry("old", status="retired", retired_on="2026-01-01")
    problems = check(base_docs, old, pathway("route", ["old"]))
    assert [(p.severity, p.message) for p in problems] == [
        (Severity.WARNING, "step 1: 'old' is retired; replace or remove the step")]


def test_retired_prerequisite_is_a_warning(base_docs: list[Document]) -> None:
    old = entry("old", status="retired", retired_on="2026-01-01")
    problems = check(base_docs, old, entry("new", prerequisites=["old"]))
    assert [(p.path, p.severity, p.message) for p in problems] == [
        ("catalog/new.yaml", Severity.WARNING, "prerequisite 'old' is retired")]
    # A retired entry may keep pointing at another retired one.
    assert check(base_docs, old, entry("gone", prerequisites=["old"], status="retired", retired_on="2026-02-01")) == []


# --- framework -----------------------------------------------------------------------------------

def test_framework_duplicate_competency_id(base_docs: list[Document]) -> None:
    framework = base_docs[0]
    data = copy.deepcopy(framework.data)  # no shared objects, so safe_dump writes no anchors
    data["competencies"].append(copy.deepcopy(data["competencies"][0]))
    doubled = _doc("competencies/framework.yaml", Kind.FRAMEWORK, yaml.safe_dump(data, sort_keys=False))
    problems = check([doubled, base_docs[1]])
    assert len(problems) == 1
    first_line = doubled.positions.of(("competencies", 0))[0]
    assert problems[0].message == f"competencies: id '{data['competencies'][0]['id']}' is already used at line {first_line}"


def test_unknown_framework_on_an_entry(base_docs: list[Document]) -> None:
    problems = check(base_docs, entry("a", framework="eolc-csetf-2071"))
    assert [p.message for p in problems] == ["unknown framework 'eolc-csetf-2071'; did you mean 'eolc-csetf-2017'?"]


def test_a_crosswalk_used_but_not_listed_with_its_provenance_is_located() -> None:
    text = (MINI / "competencies" / "framework.yaml").read_text("utf-8")
    text += ("crosswalks:\n  - key: capc\n    name: CAPC\n    provenance: {status: portal}\n"
             "  - key: capc\n    name: CAPC again\n    provenance: {status: portal}\n")
    text = text.replace("    tier: 1\n", "    tier: 1\n    crosswalk: {elnek: [Communication]}\n", 1)
    docs = [_doc("competencies/framework.yaml", Kind.FRAMEWORK, text),
            _doc("competencies/vocabularies.yaml", Kind.VOCABULARIES, (MINI / "competencies" / "vocabularies.yaml").read_text("utf-8"))]
    messages = [(p.line, p.message) for p in check([], *docs)]
    assert any("crosswalk 'elnek' is not listed under crosswalks" in m and line > 0 for line, m in messages), messages
    assert any("crosswalks: id 'capc' is already used" in m for _, m in messages), messages


def test_a_framework_without_a_crosswalks_list_is_not_asked_for_one(base_docs: list[Document]) -> None:
    assert not [p for p in check(base_docs) if "crosswalk" in p.message]
