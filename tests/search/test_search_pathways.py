"""'Find my pathway': the data the browser suggests from, and a form that cannot send anything."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from generator.model import Pathway, Step
from generator.search.pathways import find_pathway_page, pathway_competencies, pathways_data


class _Form(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.form: dict[str, str | None] = {}
        self.controls: list[dict[str, str | None]] = []
        self.labels: set[str] = set()
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.form = a
        elif tag in ("input", "select"):
            self.controls.append(a)
        elif tag == "label" and a.get("for"):
            self.labels.add(a["for"] or "")
        elif tag == "script":
            self.scripts += 1


def test_every_pathway_is_offered_with_what_its_steps_teach(catalog) -> None:
    generated = [Pathway("gen-test", "Generated", "A generated one.", 2,
                         (Step(next(iter(catalog.entries)), "because"),), "2030-01-01", generated=True)]
    data = json.loads(pathways_data(catalog, generated))
    ids = [p["id"] for p in data["pathways"]]
    assert ids == [*catalog.pathways, "gen-test"]
    for row in data["pathways"][:-1]:
        pathway = catalog.pathways[row["id"]]
        taught = {c for s in pathway.steps for c in catalog.entries[s.entry].competencies
                  if catalog.framework.competencies[c].tier <= pathway.tier}
        assert set(row["competencies"]) == taught
        assert row["tier"] == pathway.tier and row["professions"] == list(pathway.professions)
    assert data["pathways"][-1]["generated"] is True


def test_subjects_map_every_competency_by_tier(catalog) -> None:
    data = json.loads(pathways_data(catalog, []))
    listed = {c for tiers in data["subjects"].values() for ids in tiers.values() for c in ids}
    assert listed == set(catalog.framework.competencies)
    for subject, tiers in data["subjects"].items():
        for tier, ids in tiers.items():
            assert all(catalog.framework.competencies[c].tier == int(tier) for c in ids)
            assert all(catalog.framework.competencies[c].subject == subject for c in ids)


def test_pathway_competencies_follow_framework_order(catalog) -> None:
    pathway = next(iter(catalog.pathways.values()))
    order = list(catalog.framework.competencies)
    got = pathway_competencies(catalog, pathway)
    assert got == sorted(got, key=order.index)


def test_form_is_labelled_hidden_until_its_script_runs_and_never_submits(catalog) -> None:
    markdown = find_pathway_page(catalog)
    parser = _Form()
    parser.feed(markdown)
    assert "hidden" in parser.form and "action" not in parser.form and "method" not in parser.form
    assert parser.scripts == 0
    for control in parser.controls:
        assert control.get("id") in parser.labels, control
    names = {c.get("name") for c in parser.controls}
    assert {"role", "setting", "tier", "audience", "subject"} <= names
    assert len(markdown.encode()) < 30_000
    assert "<noscript>" in markdown
