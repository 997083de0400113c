"""The competency framework and the controlled vocabularies."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..i18n import N_, _, current_language, default_language, localized
from .places import country_name


@dataclass(frozen=True)
class Provenance:
    """Where a part of the framework comes from: ``confirmed`` (a primary source), ``portal`` or ``unconfirmed``."""

    status: str = ""
    source: str = ""
    note: str = ""

    @classmethod
    def from_data(cls, d: Any) -> Provenance:
        if not isinstance(d, dict):
            return cls()
        return cls(d.get("status", ""), d.get("source", ""), d.get("note", ""))

    @property
    def label(self) -> str:
        """Plain words for a page: empty when nothing was stated."""
        words = {"confirmed": N_("Confirmed"), "portal": N_("The portal's own"), "unconfirmed": N_("Unconfirmed")}
        return _(words[self.status]) if self.status in words else ""


# Words in the portal's first language, or (language tag, words) pairs, the first language first.
Words = str | tuple[tuple[str, str], ...]


def words(value: Any) -> Words:
    """A label as written: text, or a mapping {language tag: text} kept (hashable) in its order."""
    return tuple((str(k), str(v)) for k, v in value.items()) if isinstance(value, dict) else (value or "")


def in_active(value: Words) -> str:
    """The words in the active language; others come back marked with their language (``i18n.mark``)."""
    return _in_language(value, current_language(), default_language())


@lru_cache(maxsize=8192)
def _in_language(value: Words, lang: str, default: str) -> str:
    # Labels are asked for on every card of every listing: worked out once per label and language.
    return localized(dict(value) if isinstance(value, tuple) else value)


class _NameAndSummary:
    """A part of the framework with a name and a summary, each in the active language."""

    name_words: Words
    summary_words: Words

    @property
    def name(self) -> str:
        return in_active(self.name_words)

    @property
    def summary(self) -> str:
        return in_active(self.summary_words)


@dataclass(frozen=True)
class Tier(_NameAndSummary):
    tier: int
    name_words: Words
    summary_words: Words
    learners: tuple[str, ...] = ()
    crosswalk: tuple[tuple[str, str], ...] = ()
    provenance: Provenance = Provenance()


@dataclass(frozen=True)
class Domain(_NameAndSummary):
    id: str
    name_words: Words
    summary_words: Words
    provenance: Provenance = Provenance()


@dataclass(frozen=True)
class Subject(_NameAndSummary):
    id: str
    name_words: Words
    domain: str
    summary_words: Words
    code: str = ""
    code_confirmed: bool = True
    provenance: Provenance = Provenance()

    @property
    def public_code(self) -> str:
        """The subject's number as pages may show it: only a confirmed number is the framework's."""
        return self.code if self.code and self.code_confirmed else ""


@dataclass(frozen=True)
class Crosswalk:
    key: str
    name: str
    url: str = ""
    provenance: Provenance = Provenance()


@dataclass(frozen=True)
class Scope:
    """Whom the framework covers, and which entry tags fall outside it."""

    note: str = ""
    label: str = ""
    source: str = ""
    audiences: tuple[str, ...] = ()
    age_groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Competency:
    id: str
    subject: str
    tier: int
    statement_words: Words
    indicators: tuple[str, ...] = ()
    crosswalk: tuple[tuple[str, tuple[str, ...]], ...] = ()
    provenance: Provenance = Provenance()

    @property
    def statement(self) -> str:
        return in_active(self.statement_words)


def _subject(x: dict[str, Any]) -> Subject:
    prov = Provenance.from_data(x.get("provenance"))
    # With a provenance, a number is the framework's only when the subject is confirmed.
    confirmed = prov.status == "confirmed" if prov.status else x.get("code_confirmed", True)
    return Subject(x["id"], words(x["name"]), x["domain"], words(x["summary"]), x.get("code", ""), confirmed, prov)


def _scope(d: Any) -> Scope:
    if not isinstance(d, dict):
        return Scope()
    outside = d.get("outside") or {}
    return Scope(d.get("note", ""), d.get("label", ""), d.get("source", ""),
                 tuple(outside.get("audiences", ())), tuple(outside.get("age_groups", ())))


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
    scope: Scope = Scope()
    successor: dict[str, Any] = field(default_factory=dict)
    domain_layer: dict[str, Any] = field(default_factory=dict)
    statements_provenance: Provenance = Provenance()
    crosswalks: dict[str, Crosswalk] = field(default_factory=dict)

    @classmethod
    def from_data(cls, d: dict[str, Any]) -> Framework:
        return cls(
            id=d["id"], version=str(d["version"]), title=d["title"],
            short_title=d.get("short_title", ""), publisher=d.get("publisher", ""),
            published=d.get("published", ""), status=d.get("status", ""),
            summary=d.get("summary", ""), note=d.get("note", ""),
            sources=tuple(d.get("sources", ())),
            scope=_scope(d.get("scope")), successor=dict(d.get("successor") or {}),
            domain_layer=dict(d.get("domain_layer") or {}),
            statements_provenance=Provenance.from_data(d.get("statements_provenance")),
            crosswalks={x["key"]: Crosswalk(x["key"], x["name"], x.get("url", ""), Provenance.from_data(x.get("provenance")))
                        for x in d.get("crosswalks", ())},
            tiers={t["tier"]: Tier(t["tier"], words(t["name"]), words(t["summary"]), tuple(t.get("learners", ())),
                                   tuple(sorted(t.get("crosswalk", {}).items())), Provenance.from_data(t.get("provenance")))
                   for t in d.get("tiers", ())},
            domains={x["id"]: Domain(x["id"], words(x["name"]), words(x["summary"]), Provenance.from_data(x.get("provenance")))
                     for x in d.get("domains", ())},
            subjects={x["id"]: _subject(x) for x in d.get("subjects", ())},
            competencies={x["id"]: Competency(x["id"], x["subject"], x["tier"], words(x["statement"]),
                                              tuple(x.get("indicators", ())),
                                              tuple((k, tuple(v)) for k, v in sorted(x.get("crosswalk", {}).items())),
                                              Provenance.from_data(x.get("provenance")))
                          for x in d.get("competencies", ())},
        )

    def statement_provenance(self, competency_id: str) -> Provenance:
        """A statement's own provenance, else the framework's default for statements."""
        own = self.competencies[competency_id].provenance
        return own if own.status else self.statements_provenance

    def outside_scope(self, audiences: tuple[str, ...] | list[str], age_groups: tuple[str, ...] | list[str] = ()) -> bool:
        """True when an entry's tags put it outside whom the framework covers (mapped as the closest fit)."""
        return bool(set(audiences) & set(self.scope.audiences) or set(age_groups) & set(self.scope.age_groups))

    def competencies_up_to(self, tier: int) -> list[Competency]:
        """What a learner at ``tier`` is expected to have: tier 2 builds on tier 1, tier 3 on both."""
        return [c for c in self.competencies.values() if c.tier <= tier]

    def subject_of(self, competency_id: str) -> Subject:
        return self.subjects[self.competencies[competency_id].subject]


@dataclass(frozen=True)
class Term:
    id: str
    label_words: Words
    description_words: Words = ""
    source: str = ""
    native: str = ""
    first_tier: int = 1  # professions: the tier people in this role usually start at

    @property
    def label(self) -> str:
        return in_active(self.label_words)

    @property
    def description(self) -> str:
        return in_active(self.description_words)


VOCABULARY_NAMES = (
    "professions", "settings", "audiences", "formats", "resource_types", "disease_groups",
    "credit_types", "cost", "sign_in", "languages", "learners", "age_groups",
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
                t["id"]: Term(t["id"], words(t["label"]), words(t.get("description", "")), t.get("source", ""), t.get("native", ""),
                              t.get("first_tier", 1))
                for t in d.get(name, ()) if isinstance(t, dict) and "id" in t and "label" in t
            }
        return cls(lists)

    def __getitem__(self, name: str) -> dict[str, Term]:
        return self.lists.get(name, {})

    def label(self, name: str, term_id: str) -> str:
        term = self[name].get(term_id)
        return term.label if term else _(BUILT_IN[(name, term_id)]) if (name, term_id) in BUILT_IN else term_id

    def language(self, tag: str) -> str:
        """A BCP 47 tag by its language's name: 'English (Canada)' for 'en-CA', 'Welsh' for 'cy'."""
        if tag in self["languages"]:
            return self["languages"][tag].label
        base, _dash, rest = tag.partition("-")
        name = self.label("languages", base)
        region = next((s for s in rest.split("-") if len(s) == 2 and s.isalpha() or len(s) == 3 and s.isdigit()), "")
        return f"{name} ({country_name(region.upper())})" if region else name


# Values the format itself defines, valid in every portal whatever its vocabularies hold.
BUILT_IN = {("cost", "not-applicable"): N_("Not applicable")}
