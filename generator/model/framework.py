"""The competency framework and the controlled vocabularies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Tier:
    tier: int
    name: str
    summary: str
    learners: tuple[str, ...] = ()
    crosswalk: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Domain:
    id: str
    name: str
    summary: str


@dataclass(frozen=True)
class Subject:
    id: str
    name: str
    domain: str
    summary: str
    code: str = ""
    code_confirmed: bool = True


@dataclass(frozen=True)
class Competency:
    id: str
    subject: str
    tier: int
    statement: str
    indicators: tuple[str, ...] = ()
    crosswalk: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass
class Framework:
    id: str
    version: str
    title: str
    tiers: dict[int, Tier]
    domains: dict[str, Domain]
    subjects: dict[str, Subject]
    competencies: dict[str, Competency]
    short_title: str = ""
    publisher: str = ""
    published: str = ""
    status: str = ""
    summary: str = ""
    note: str = ""
    sources: tuple[dict[str, str], ...] = ()

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Framework:
        return cls(
            id=d["id"], version=str(d["version"]), title=d["title"],
            short_title=d.get("short_title", ""), publisher=d.get("publisher", ""),
            published=d.get("published", ""), status=d.get("status", ""),
            summary=d.get("summary", ""), note=d.get("note", ""),
            sources=tuple(d.get("sources", ())),
            tiers={t["tier"]: Tier(t["tier"], t["name"], t["summary"], tuple(t.get("learners", ())),
                                   tuple(sorted(t.get("crosswalk", {}).items())))
                   for t in d.get("tiers", ())},
            domains={x["id"]: Domain(x["id"], x["name"], x["summary"]) for x in d.get("domains", ())},
            subjects={x["id"]: Subject(x["id"], x["name"], x["domain"], x["summary"], x.get("code", ""),
                                       x.get("code_confirmed", True))
                      for x in d.get("subjects", ())},
            competencies={x["id"]: Competency(x["id"], x["subject"], x["tier"], x["statement"],
                                              tuple(x.get("indicators", ())),
                                              tuple((k, tuple(v)) for k, v in sorted(x.get("crosswalk", {}).items())))
                          for x in d.get("competencies", ())},
        )

    def competencies_up_to(self, tier: int) -> list[Competency]:
        """What a learner at ``tier`` is expected to have: tier 2 builds on tier 1, tier 3 on both."""
        return [c for c in self.competencies.values() if c.tier <= tier]

    def subject_of(self, competency_id: str) -> Subject:
        return self.subjects[self.competencies[competency_id].subject]


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    description: str = ""
    source: str = ""
    native: str = ""


VOCABULARY_NAMES = (
    "professions", "settings", "audiences", "formats", "resource_types", "disease_groups",
    "credit_types", "cost", "sign_in", "languages",
)


@dataclass
class Vocabularies:
    """Each controlled vocabulary, as an ordered mapping from id to term."""

    lists: dict[str, dict[str, Term]] = field(default_factory=dict)

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Vocabularies:
        lists: dict[str, dict[str, Term]] = {}
        for name in VOCABULARY_NAMES:
            lists[name] = {
                t["id"]: Term(t["id"], t["label"], t.get("description", ""), t.get("source", ""), t.get("native", ""))
                for t in d.get(name, ()) if isinstance(t, dict) and "id" in t and "label" in t
            }
        return cls(lists)

    def __getitem__(self, name: str) -> dict[str, Term]:
        return self.lists.get(name, {})

    def label(self, name: str, term_id: str) -> str:
        term = self[name].get(term_id)
        return term.label if term else term_id
