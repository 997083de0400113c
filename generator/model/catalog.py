"""Catalog entries and curated pathways, and the catalog that holds them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..i18n import N_, _, current_language, default_language, localized
from ..load.sources import Provenance
from .dates import as_text
from .duration import Duration, Length
from .framework import Framework, Vocabularies
from .portal import Portal


# Entry types that are training a learner takes part in (a course, a programme, an event...), as opposed
# to guidance, toolkits and other resources read on one's own.
COURSE_TYPES = frozenset({"course", "programme", "qualification", "community-of-practice", "event"})


@dataclass(frozen=True)
class Organisation:
    name: str
    role: str = "provider"
    url: str = ""
    parent: str = ""


@dataclass(frozen=True)
class Price:
    amount: float
    currency: str
    per: str = "course"
    who: str = ""

    def describe(self) -> str:
        symbol = {"GBP": "£", "USD": "US$", "CAD": "C$", "EUR": "€", "AUD": "A$"}.get(self.currency)
        amount = f"{self.amount:,.2f}".removesuffix(".00")
        text = f"{symbol}{amount}" if symbol else f"{amount} {self.currency}"
        if self.per != "course":
            text = _(_PRICE_PER[self.per]).format(price=text) if self.per in _PRICE_PER else f"{text} / {self.per}"
        if self.who:
            text += f" ({self.who})"
        return text


_PRICE_PER = {"module": N_("{price} per module"), "session": N_("{price} per session"),
              "person": N_("{price} per person"), "year": N_("{price} per year")}


@dataclass(frozen=True)
class Credit:
    type: str
    amount: float
    up_to: bool = False
    per: str = "course"
    body: str = ""
    professions: tuple[str, ...] = ()
    members_only: bool = False
    note: str = ""
    level: str = ""

    @classmethod
    def from_data(cls, c: dict[str, Any]) -> Credit:
        return cls(c["type"], c["amount"], c.get("up_to", False), c.get("per", "course"), c.get("body", ""),
                   tuple(c.get("professions", ())), c.get("members_only", False), c.get("note", ""),
                   c.get("level", ""))


def _credits(value: Any) -> tuple[Credit, ...]:
    """A credits field as a tuple; 'none' (stated: no credit) is told apart by ``credits_none``."""
    return tuple(Credit.from_data(c) for c in value) if isinstance(value, list) else ()


@dataclass(frozen=True)
class Recognition:
    """Professional recognition that is not a credit."""

    body: str
    name: str = ""
    note: str = ""


@dataclass(frozen=True)
class Part:
    """A module or session of an entry that is not an entry of its own."""

    title: str
    title_lang: str = ""
    code: str = ""
    order: int | None = None
    duration: Duration | None = None
    credits: tuple[Credit, ...] = ()
    credits_none: bool = False
    optional: bool = False
    url: str = ""


@dataclass(frozen=True)
class Relation:
    id: str
    relation: str


# Longest a repeat can take, in days, by frequency: an upper bound is enough to say when a
# counted series ends at the latest (whether it is upcoming; whether it stays on the calendar).
PERIOD_DAYS = {"daily": 1, "weekly": 7, "monthly": 31, "yearly": 366}


@dataclass(frozen=True)
class Recurrence:
    frequency: str
    interval: int = 1
    count: int | None = None
    until: str = ""
    by_day: tuple[str, ...] = ()
    except_months: tuple[int, ...] = ()
    except_dates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Run:
    id: str
    start: str
    timezone: str = ""
    end: str = ""
    title: str = ""
    recurrence: Recurrence | None = None
    registration_deadline: str = ""
    capacity: int | None = None
    location: str = ""
    online: bool = False
    url: str = ""
    status: str = ""  # as the provider states it; '' when not stated
    inferred: tuple[str, ...] = ()
    approximate: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    url: str
    checked: str
    note: str = ""


def curator_language(offered: tuple[str, ...]) -> str:
    """The language a curator writes an item's own words in: the portal's first, unless the item is offered only
    in other languages (``offered``, its language tags), then the first of those."""
    portal = default_language()
    bases = [tag.split("-")[0].lower() for tag in offered]
    return portal if not bases or portal.split("-")[0].lower() in bases else offered[0]


def in_translation(original: str, source: str, translations: tuple[tuple[str, tuple[tuple[str, str], ...]], ...],
                   name: str) -> str:
    """Field ``name`` in the active language: its translation where ``translations`` gives one, else ``original``
    (written in ``source``), marked with its language when that is not the page's."""
    given = {lang: text for lang, fields in translations for field_name, text in fields if field_name == name}
    return localized({source: original, **{k: v for k, v in given.items() if k != source}}, source)


@dataclass
class Entry:
    id: str
    type: str
    title: str
    url: str
    summary: str
    tiers: tuple[int, ...]
    competencies: tuple[str, ...]
    review_by: str
    path: str = ""
    providers: tuple[Organisation, ...] = ()
    professions: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    disease_groups: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    resource_types: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    learners: tuple[str, ...] = ()
    age_groups: tuple[str, ...] = ()
    title_lang: str = ""
    shared_url: bool = False
    how_to_find: str = ""
    note: str = ""
    cost: str = ""
    prices: tuple[Price, ...] = ()
    cost_note: str = ""
    eligible: str = ""
    sign_in: tuple[str, ...] = ()
    open_sample: bool = False
    enrolment: str = ""
    requirements: str = ""
    account: str = ""
    duration: Duration | None = None
    credits: tuple[Credit, ...] = ()
    credits_none: bool = False  # the source says there is no credit
    recognition: tuple[Recognition, ...] = ()
    attendance_record: str = ""
    assessment: str = ""
    assessment_note: str = ""
    parts: tuple[Part, ...] = ()
    reviewed: str = ""
    status: str = "active"
    launched: str = ""
    paused_until: str = ""
    retired_on: str = ""
    finished_on: str = ""
    inferred: tuple[str, ...] = ()
    approximate: tuple[str, ...] = ()
    related: tuple[Relation, ...] = ()
    part_of: str = ""
    code: str = ""
    prerequisites: tuple[str, ...] = ()
    companions: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    learning_outcomes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    runs: tuple[Run, ...] = ()
    sources: tuple[Source, ...] = ()
    # Other languages' title, summary and note: ((language tag, ((field, text), ...)), ...).
    translations: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    def words(self, name: str) -> str:
        """The title, summary or note in the active language: its translation when the entry gives one, else
        the original, marked with its language when that is not the page's (``i18n.mark``).

        The title is in its source's language (``title_lang``, else the entry's first language); the summary
        and note are the curator's words, in the portal's first language, unless the entry is offered only in
        other languages: then they are written in the entry's first language, as its title is.

        Pages, cards, feeds and search rows ask for the same words tens of times per build, so each answer is
        kept with the entry, by field and language (an entry's words do not change once it is read)."""
        key = (name, current_language(), default_language())
        kept = self.__dict__.setdefault("_words", {})
        if key not in kept:
            original = {"title": self.title, "summary": self.summary, "note": self.note}[name]
            curator = curator_language(self.languages)
            source = (self.title_lang or self.languages[0]) if name == "title" else curator
            kept[key] = in_translation(original, source, self.translations, name) if original else ""
        return kept[key]
    # Where it comes from, when not from the portal's own catalog: the source's name in mkdocs.yml,
    # the address its file is edited at there, and this portal's file that extends it.
    origin: str = ""
    origin_edit_url: str = ""
    extended_in: str = ""
    elsewhere: bool = False  # its file is another portal's (its repository or its published site)

    @property
    def edit_path(self) -> str:
        """Its file in this portal's repository, for the page's edit link: the extending file, if it is another's."""
        return self.extended_in if self.elsewhere else self.path

    @property
    def provider(self) -> str:
        """The main provider's name."""
        for org in self.providers:
            if org.role == "provider":
                return org.name
        return self.providers[0].name if self.providers else ""

    @property
    def minutes(self) -> int | None:
        return self.duration.minutes if self.duration else None

    @property
    def is_free(self) -> bool:
        return self.cost in ("free", "free-registration")

    @property
    def is_open(self) -> bool:
        """Anyone can start it without an institutional or paid account."""
        return self.cost in ("free", "free-registration") and not (
            set(self.sign_in) & {"openathens", "institutional-login", "registration-code", "membership"}
        )

    @classmethod
    def from_data(cls, d: dict[str, Any], path: str = "") -> Entry:
        provider = d.get("provider", ())
        providers = (
            (Organisation(provider),) if isinstance(provider, str)
            else tuple(Organisation(o["name"], o.get("role", "provider"), o.get("url", ""), o.get("parent", ""))
                       for o in provider)
        )
        cost = d.get("cost", "")
        cost_model, prices, cost_note = (cost, (), "") if isinstance(cost, str) else (
            cost["model"], tuple(Price(p["amount"], p["currency"], p.get("per", "course"), p.get("who", ""))
                                 for p in cost.get("prices", ())), cost.get("note", ""))
        access = d.get("access", {})
        assessment = d.get("assessment", "")
        assessment_type, assessment_note = (
            (assessment, "") if isinstance(assessment, str) else (assessment["type"], assessment.get("note", "")))
        return cls(
            id=d["id"], type=d["type"], title=d["title"], url=d["url"], summary=d["summary"].strip(),
            tiers=tuple(sorted(d["tiers"])), competencies=tuple(d["competencies"]), review_by=d["review_by"],
            path=path, providers=providers,
            professions=tuple(d.get("professions", ())), settings=tuple(d.get("settings", ())),
            audiences=tuple(d.get("audiences", ())), disease_groups=tuple(d.get("disease_groups", ())),
            formats=tuple(d.get("formats", ())), resource_types=tuple(d.get("resource_types", ())),
            languages=tuple(d.get("languages", ())) or ("en",), countries=tuple(d.get("countries", ())),
            learners=tuple(d.get("learners", ())), age_groups=tuple(d.get("age_groups", ())),
            title_lang=d.get("title_lang", ""), shared_url=bool(d.get("shared_url", False)),
            how_to_find=d.get("how_to_find", ""), note=d.get("note", "").strip(),
            cost=cost_model, prices=prices, cost_note=cost_note,
            eligible=access.get("eligible", ""), sign_in=tuple(access.get("sign_in", ())),
            open_sample=bool(access.get("open_sample", False)), enrolment=access.get("enrolment", ""),
            requirements=access.get("requirements", ""), account=access.get("account", ""),
            duration=Duration.from_data(d.get("duration")),
            credits=_credits(d.get("credits")), credits_none=d.get("credits") == "none",
            recognition=tuple(Recognition(r["body"], r.get("name", ""), r.get("note", ""))
                              for r in d.get("recognition", ())),
            attendance_record=d.get("attendance_record", ""),
            assessment=assessment_type, assessment_note=assessment_note,
            parts=tuple(_part(p) for p in d.get("parts", ())),
            reviewed=d.get("reviewed", ""), status=d.get("status", "active"),
            launched=as_text(d.get("launched")), paused_until=as_text(d.get("paused_until")),
            retired_on=as_text(d.get("retired_on")), finished_on=as_text(d.get("finished_on")),
            inferred=tuple(d.get("inferred", ())), approximate=tuple(d.get("approximate", ())),
            related=tuple(Relation(r["id"], r["relation"]) for r in d.get("related", ())),
            part_of=d.get("part_of", ""), code=d.get("code", ""),
            prerequisites=tuple(d.get("prerequisites", ())), companions=tuple(d.get("companions", ())),
            aliases=tuple(d.get("aliases", ())), learning_outcomes=tuple(d.get("learning_outcomes", ())),
            keywords=tuple(d.get("keywords", ())),
            runs=tuple(_run(r) for r in d.get("runs", ())),
            sources=tuple(Source(s["url"], s["checked"], s.get("note", "")) for s in d.get("sources", ())),
            translations=tuple((str(lang), tuple((k, str(v).strip()) for k, v in fields.items()))
                               for lang, fields in (d.get("translations") or {}).items()),
        )


def _part(p: dict[str, Any]) -> Part:
    return Part(p["title"], p.get("title_lang", ""), p.get("code", ""), p.get("order"),
                Duration.from_data(p.get("duration")), _credits(p.get("credits")), p.get("credits") == "none",
                bool(p.get("optional", False)), p.get("url", ""))


def _run(r: dict[str, Any]) -> Run:
    rec = r.get("recurrence")
    recurrence = Recurrence(rec["frequency"], rec.get("interval", 1), rec.get("count"), rec.get("until", ""),
                            tuple(rec.get("by_day", ())), tuple(rec.get("except_months", ())),
                            tuple(rec.get("except_dates", ()))) if rec else None
    return Run(r["id"], as_text(r["start"]), r.get("timezone", ""), as_text(r.get("end")), r.get("title", ""),
               recurrence, as_text(r.get("registration_deadline")), r.get("capacity"), r.get("location", ""),
               bool(r.get("online", False)), r.get("url", ""), r.get("status", ""),
               tuple(r.get("inferred", ())), tuple(r.get("approximate", ())))


@dataclass(frozen=True)
class Step:
    entry: str
    reason: str
    optional: bool = False
    modules: tuple[str, ...] = ()
    minutes: int | None = None  # the curator's estimate ('time'), when set


@dataclass
class Pathway:
    id: str
    title: str
    summary: str
    tier: int
    steps: tuple[Step, ...]
    review_by: str
    path: str = ""
    for_whom: str = ""
    professions: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    curator: str = ""
    aliases: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    generated: bool = False
    uncovered: tuple[str, ...] = ()
    reviewed: str = ""  # when a curator last checked every step; '' when not recorded
    stated_languages: tuple[str, ...] = ()  # its `languages` as written ('languages' defaults to English)
    # Other languages' title, summary and 'for': ((language tag, ((field, text), ...)), ...).
    translations: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    @property
    def source_language(self) -> str:
        """The language the curator wrote the pathway's own words in: the portal's first, unless the pathway is
        offered only in other languages, then the first of those (as for an entry's summary)."""
        return curator_language(self.stated_languages)

    def words(self, name: str) -> str:
        """The title, summary or 'for' in the active language: its translation when the pathway gives one, else
        the original, marked with its language when that is not the page's. A generated pathway's words are
        written in the active language already."""
        original = {"title": self.title, "summary": self.summary, "for": self.for_whom}[name]
        if not original or self.generated:
            return original
        return in_translation(original, self.source_language, self.translations, name)

    @classmethod
    def from_data(cls, d: dict[str, Any], path: str = "") -> Pathway:
        return cls(
            id=d["id"], title=d["title"], summary=d["summary"].strip(), tier=d["tier"],
            steps=tuple(Step(s["entry"], s["reason"].strip(), s.get("optional", False), tuple(s.get("modules", ())),
                             Length.parse(s["time"]).minutes if "time" in s else None)
                        for s in d["steps"]),
            review_by=d["review_by"], path=path, for_whom=d.get("for", ""),
            professions=tuple(d.get("professions", ())), settings=tuple(d.get("settings", ())),
            audiences=tuple(d.get("audiences", ())), languages=tuple(d.get("languages", ())) or ("en",),
            curator=d.get("curator", ""), aliases=tuple(d.get("aliases", ())),
            countries=tuple(d.get("countries", ())), reviewed=as_text(d.get("reviewed")),
            stated_languages=tuple(d.get("languages", ())),
            translations=tuple((str(lang), tuple((k, str(v).strip()) for k, v in fields.items()))
                               for lang, fields in (d.get("translations") or {}).items()),
        )


@dataclass
class Catalog:
    """Everything the site is built from, with the indexes pages need."""

    framework: Framework
    vocab: Vocabularies
    entries: dict[str, Entry]
    pathways: dict[str, Pathway]
    frameworks: dict[str, Framework] = field(default_factory=dict)
    # Search synonyms: groups of words and phrases that mean the same (competencies/synonyms.yaml).
    synonyms: tuple[tuple[str, ...], ...] = ()
    portal: Portal = field(default_factory=Portal)  # the portal's id and words (mkdocs.yml)
    # The other portals the catalog includes entries from, by their source name in mkdocs.yml.
    origins: dict[str, Provenance] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.entries = dict(sorted(self.entries.items()))
        self.pathways = dict(sorted(self.pathways.items()))
        self.by_competency: dict[str, list[str]] = {c: [] for c in self.framework.competencies}
        self.children: dict[str, list[str]] = {}
        self.in_pathways: dict[str, list[str]] = {}
        for e in self.entries.values():
            for c in e.competencies:
                self.by_competency.setdefault(c, []).append(e.id)
            if e.part_of:
                self.children.setdefault(e.part_of, []).append(e.id)
        for p in self.pathways.values():
            for s in p.steps:
                ids = self.in_pathways.setdefault(s.entry, [])
                if p.id not in ids:
                    ids.append(p.id)

    @property
    def active_entries(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.status != "retired"]
