"""The static JSON API, version 1, under /api/v1/.

Every document is plain data derived from the catalog, with the same shape
every time: optional text is ``null`` rather than missing, lists are ``[]``.
The shapes are described by the JSON Schemas in :mod:`.api_schema`, published
beside the documents, and the open-data page (generator/pages/open_data.py) promises what may change within v1.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..i18n import current_language
from ..model import Catalog, Entry, Pathway, Run
from ..model.catalog import Credit, Part
from ..model.dates import When
from ..pages import urls
from ..model.dates import build_day
from ..model.schedule import next_dates
from ..pages.entry import part_details, run_is_past, run_next, run_rule, run_when
from ..pages.pathway import totals
from ..schemas import NAMES as CURATOR_SCHEMAS
from .api_schema import SCHEMA_NAMES
from .common import API_VERSION, absolute, dumps, entry_updated, or_none

if TYPE_CHECKING:
    from ..outputs import Outputs

STABILITY_PAGE = "open-data/"
CHANGELOG = urls.api("changelog.xml")  # generator/exports/changelog.py


def all_pathways(outputs: Outputs) -> list[Pathway]:
    """Curated pathways first, then generated ones; a curated id wins over a generated one."""
    seen = dict(outputs.catalog.pathways)
    for p in outputs.generated_pathways:
        seen.setdefault(p.id, p)
    return list(seen.values())


def _head(outputs: Outputs, schema: str) -> dict[str, Any]:
    """What every document starts with: its schema, the API version, who publishes it and under what licence."""
    settings = outputs.settings
    licence, contact = settings.licence, settings.contact
    return {
        "$schema": absolute(outputs, urls.api_schema(schema)), "api_version": API_VERSION,
        "portal": {"id": settings.portal_id, "name": outputs.site_name, "url": or_none(outputs.site_url),
                   "contact": None if contact is None else {
                       "name": contact.name, "url": or_none(contact.url), "email": or_none(contact.email)}},
        "licence": None if licence is None else {"name": licence.name, "url": licence.url},
        "language": current_language(),
    }


def _shown(text: str) -> dict[str, str]:
    """Text as the portal's pages show it in the document's language, with the language it is written in."""
    return {"text": str(text), "lang": getattr(text, "lang", None) or current_language()}


def _shown_entry(entry: Entry, *names: str) -> dict[str, dict[str, str] | None]:
    """An entry's own words as its page shows them: a translation where the entry gives one, else the original."""
    return {name: _shown(entry.words(name)) if getattr(entry, name) else None for name in names}


def _cost(entry: Entry) -> dict[str, Any]:
    return {"model": or_none(entry.cost), "note": or_none(entry.cost_note), "free": entry.is_free,
            "prices": [{"amount": p.amount, "currency": p.currency, "per": p.per, "who": or_none(p.who)}
                       for p in entry.prices]}


def _links(outputs: Outputs, page: str, api: str) -> dict[str, str]:
    return {"page": absolute(outputs, page), "api": absolute(outputs, api),
            "embed": absolute(outputs, urls.embed(page)), "oembed": absolute(outputs, urls.oembed(page))}


def entry_summary(outputs: Outputs, entry: Entry) -> dict[str, Any]:
    """The catalog index's row for one entry: enough to filter on without fetching every entry."""
    return {
        "id": entry.id, "title": entry.title, "type": entry.type, "status": entry.status,
        "provider": or_none(entry.provider), "url": entry.url, "summary": entry.summary,
        "tiers": list(entry.tiers), "competencies": list(entry.competencies),
        "professions": list(entry.professions), "settings": list(entry.settings),
        "audiences": list(entry.audiences), "formats": list(entry.formats), "languages": list(entry.languages),
        "countries": list(entry.countries), "learners": list(entry.learners),
        "cost": _cost(entry), "free": entry.is_free, "minutes": entry.minutes,
        "reviewed": or_none(entry.reviewed), "updated": or_none(entry_updated(entry)), "review_by": entry.review_by,
        "aliases": list(entry.aliases),
        "links": _links(outputs, urls.entry(entry.id), urls.api_entry(entry.id)),
    }


def entry_document(outputs: Outputs, entry: Entry) -> dict[str, Any]:
    catalog = outputs.catalog
    d = entry.duration
    return {
        **_head(outputs, "entry"),
        "id": entry.id, "type": entry.type, "title": entry.title, "url": entry.url, "summary": entry.summary,
        "shown": _shown_entry(entry, "title", "summary", "note"),
        "providers": [{"name": o.name, "role": o.role, "url": or_none(o.url), "parent": or_none(o.parent)}
                      for o in entry.providers],
        "title_lang": or_none(entry.title_lang), "learners": list(entry.learners),
        "age_groups": list(entry.age_groups), "shared_url": entry.shared_url,
        "how_to_find": or_none(entry.how_to_find), "note": or_none(entry.note),
        "tiers": list(entry.tiers), "competencies": list(entry.competencies),
        "professions": list(entry.professions), "settings": list(entry.settings),
        "audiences": list(entry.audiences), "disease_groups": list(entry.disease_groups),
        "formats": list(entry.formats), "resource_types": list(entry.resource_types),
        "languages": list(entry.languages), "countries": list(entry.countries),
        "cost": _cost(entry),
        "access": {"eligible": or_none(entry.eligible), "sign_in": list(entry.sign_in),
                   "open_sample": entry.open_sample, "open": entry.is_open,
                   "enrolment": or_none(entry.enrolment), "requirements": or_none(entry.requirements),
                   "account": or_none(entry.account)},
        "duration": None if d is None else {
            "minutes": d.minutes, "span_days": d.span_days, "sessions": d.sessions,
            "per_session_minutes": d.per_session_minutes, "note": or_none(d.note), "text": d.describe()},
        "credits": [_credit(c) for c in entry.credits], "credits_none": entry.credits_none,
        "recognition": [{"body": r.body, "name": or_none(r.name), "note": or_none(r.note)} for r in entry.recognition],
        "attendance_record": or_none(entry.attendance_record),
        "assessment": {"type": entry.assessment, "note": or_none(entry.assessment_note)} if entry.assessment else None,
        "modules": [_module(catalog, p) for p in entry.parts],
        "status": entry.status, "launched": or_none(entry.launched), "paused_until": or_none(entry.paused_until),
        "retired_on": or_none(entry.retired_on), "finished_on": or_none(entry.finished_on),
        "inferred": list(entry.inferred), "approximate": list(entry.approximate),
        "related": [{"id": r.id, "relation": r.relation} for r in entry.related], "review_by": entry.review_by, "reviewed": or_none(entry.reviewed),
        "updated": or_none(entry_updated(entry)),
        "part_of": or_none(entry.part_of), "code": or_none(entry.code), "parts": catalog.children.get(entry.id, []),
        "prerequisites": list(entry.prerequisites), "companions": list(entry.companions),
        "aliases": list(entry.aliases), "learning_outcomes": list(entry.learning_outcomes),
        "keywords": list(entry.keywords),
        "runs": [_run(r) for r in entry.runs],
        "sources": [{"url": s.url, "checked": s.checked, "note": or_none(s.note)} for s in entry.sources],
        "pathways": catalog.in_pathways.get(entry.id, []),
        "links": _links(outputs, urls.entry(entry.id), urls.api_entry(entry.id)),
    }


def _credit(c: Credit) -> dict[str, Any]:
    return {"type": c.type, "amount": c.amount, "up_to": c.up_to, "per": c.per, "body": or_none(c.body),
            "professions": list(c.professions), "members_only": c.members_only, "note": or_none(c.note),
            "level": or_none(c.level)}


def _module(catalog: Catalog, p: Part) -> dict[str, Any]:
    return {"title": p.title, "title_lang": or_none(p.title_lang), "code": or_none(p.code), "order": p.order,
            "minutes": p.duration.minutes if p.duration else None,
            "text": p.duration.describe() if p.duration else None, "details": or_none(part_details(catalog, p)),
            "credits": [_credit(c) for c in p.credits], "credits_none": p.credits_none, "optional": p.optional,
            "url": or_none(p.url)}


def _run(r: Run) -> dict[str, Any]:
    rec = r.recurrence
    today = build_day()  # 'next' and 'past' as the entry page says them, for the same build
    past = run_is_past(r, today)
    return {
        "id": r.id, "title": or_none(r.title), "start": r.start, "precision": When.parse(r.start).precision,
        "end": or_none(r.end), "timezone": or_none(r.timezone),
        "recurrence": None if rec is None else {
            "frequency": rec.frequency, "interval": rec.interval, "count": rec.count,
            "until": or_none(rec.until), "by_day": list(rec.by_day), "except_months": list(rec.except_months),
            "except_dates": list(rec.except_dates), "text": run_rule(r)},
        "text": run_when(r), "past": past,
        "next": [d.isoformat() for d in next_dates(r, today)] if rec and not past else [],
        "next_text": or_none(run_next(r, today)) if rec else None,
        "registration_deadline": or_none(r.registration_deadline), "capacity": r.capacity,
        "location": or_none(r.location), "online": r.online, "url": or_none(r.url), "status": or_none(r.status),
        "inferred": list(r.inferred), "approximate": list(r.approximate),
    }


def _steps(outputs: Outputs, p: Pathway) -> list[dict[str, Any]]:
    """A pathway's steps, the same list in pathways.json and in the pathway's own document."""
    entries = outputs.catalog.entries
    return [{"entry": s.entry, "title": entries[s.entry].title, "shown": _shown_entry(entries[s.entry], "title"),
             "reason": s.reason, "optional": s.optional,
             "modules": list(s.modules), "estimated_minutes": s.minutes,
             "page": absolute(outputs, urls.entry(s.entry)), "api": absolute(outputs, urls.api_entry(s.entry))}
            for s in p.steps if s.entry in entries]


def _shown_pathway(p: Pathway) -> dict[str, dict[str, str]]:
    """A pathway's title and summary as its page shows them (a generated pathway's are in the build's language)."""
    return {"title": _shown(p.words("title")), "summary": _shown(p.words("summary"))}


def pathway_summary(outputs: Outputs, p: Pathway) -> dict[str, Any]:
    steps = _steps(outputs, p)
    return {
        "id": p.id, "title": p.title, "summary": p.summary, "shown": _shown_pathway(p), "tier": p.tier,
        "generated": p.generated, "professions": list(p.professions), "audiences": list(p.audiences), "languages": list(p.languages),
        "steps": steps, "step_count": len(steps), "aliases": list(p.aliases),
        "links": _links(outputs, urls.pathway(p.id), urls.api_pathway(p.id)),
    }


def pathway_document(outputs: Outputs, p: Pathway) -> dict[str, Any]:
    t = totals(outputs.catalog, p)
    steps = _steps(outputs, p)
    credits = [{"type": kind, "body": or_none(body), "amount": amount, "up_to": (kind, body) in t["up_to"]}  # type: ignore[operator]
               for (kind, body), amount in sorted(t["credits"].items())]  # type: ignore[attr-defined]
    return {
        **_head(outputs, "pathway"),
        "id": p.id, "title": p.title, "summary": p.summary, "shown": _shown_pathway(p), "tier": p.tier,
        "for": or_none(p.for_whom),
        "generated": p.generated, "curator": or_none(p.curator), "review_by": or_none(p.review_by),
        "reviewed": or_none(p.reviewed),
        "professions": list(p.professions), "settings": list(p.settings), "audiences": list(p.audiences),
        "languages": list(p.languages), "aliases": list(p.aliases), "uncovered": list(p.uncovered),
        "steps": steps, "step_count": len(steps),
        "totals": {"minutes": t["minutes"], "estimated_minutes": t["estimated_minutes"],
                   "steps_estimated": t["estimated_steps"], "steps_without_time": t["unknown_time"], "paid_steps": t["paid"],
                   "credits": credits},
        "links": _links(outputs, urls.pathway(p.id), urls.api_pathway(p.id)),
    }


def framework_document(outputs: Outputs) -> dict[str, Any]:
    fw = outputs.catalog.framework
    return {
        **_head(outputs, "framework"),
        "id": fw.id, "version": fw.version, "title": fw.title, "short_title": or_none(fw.short_title),
        "publisher": or_none(fw.publisher), "published": or_none(fw.published), "status": or_none(fw.status),
        "summary": or_none(fw.summary), "note": or_none(fw.note),
        "sources": [{k: str(v) for k, v in s.items()} for s in fw.sources],
        "tiers": [{"tier": t.tier, "name": t.name, "summary": t.summary, "learners": list(t.learners),
                   "crosswalk": dict(t.crosswalk)} for t in fw.tiers.values()],
        "domains": [{"id": x.id, "name": x.name, "summary": x.summary} for x in fw.domains.values()],
        "subjects": [{"id": x.id, "name": x.name, "domain": x.domain, "summary": x.summary,
                      "code": or_none(x.code), "code_confirmed": x.code_confirmed} for x in fw.subjects.values()],
        "competencies": [{"id": c.id, "subject": c.subject, "domain": fw.subjects[c.subject].domain, "tier": c.tier,
                          "statement": c.statement, "indicators": list(c.indicators),
                          "crosswalk": {k: list(v) for k, v in c.crosswalk},
                          "page": absolute(outputs, urls.competency(c.id))}
                         for c in fw.competencies.values()],
        "case": absolute(outputs, urls.case_package(fw.id)),
    }


def vocabularies_document(outputs: Outputs) -> dict[str, Any]:
    vocab = outputs.catalog.vocab
    return {
        **_head(outputs, "vocabularies"),
        "vocabularies": {name: [{"id": t.id, "label": t.label, "description": or_none(t.description),
                                 "source": or_none(t.source), "native": or_none(t.native)} for t in terms.values()]
                         for name, terms in sorted(vocab.lists.items())},
    }


def coverage_document(outputs: Outputs) -> dict[str, Any]:
    """How many active entries teach each competency, split by the tiers the entries are for."""
    catalog = outputs.catalog
    pathways = all_pathways(outputs)
    rows = []
    for comp in catalog.framework.competencies.values():
        teaching = catalog.by_competency.get(comp.id, [])
        active = [catalog.entries[e] for e in teaching if catalog.entries[e].status != "retired"]
        rows.append({
            "competency": comp.id, "subject": comp.subject, "tier": comp.tier,
            "entries": len(active), "open_entries": sum(e.is_open for e in active),
            "by_tier": {str(t): sum(t in e.tiers for e in active) for t in sorted(catalog.framework.tiers)},
            "pathways": sum(any(s.entry in teaching for s in p.steps) for p in pathways),
        })
    return {**_head(outputs, "coverage"), "framework": catalog.framework.id,
            "uncovered": [r["competency"] for r in rows if not r["entries"]], "competencies": rows}


def catalog_document(outputs: Outputs) -> dict[str, Any]:
    entries = [entry_summary(outputs, e) for e in outputs.catalog.entries.values()]
    return {**_head(outputs, "catalog"), "count": len(entries), "entries": entries}


def pathways_document(outputs: Outputs) -> dict[str, Any]:
    items = [pathway_summary(outputs, p) for p in all_pathways(outputs)]
    return {**_head(outputs, "pathways"), "count": len(items), "pathways": items}


def index_document(outputs: Outputs) -> dict[str, Any]:
    catalog: Catalog = outputs.catalog
    dates = [d for d in (entry_updated(e) for e in catalog.entries.values()) if d]
    return {
        **_head(outputs, "index"),
        "name": outputs.site_name, "site": or_none(outputs.site_url), "updated": max(dates) if dates else None,
        "stability": absolute(outputs, STABILITY_PAGE),
        "documents": {
            "catalog": absolute(outputs, urls.api("catalog.json")),
            "pathways": absolute(outputs, urls.api("pathways.json")),
            "framework": absolute(outputs, urls.api("framework.json")),
            "vocabularies": absolute(outputs, urls.api("vocabularies.json")),
            "coverage": absolute(outputs, urls.api("coverage.json")),
            "case": absolute(outputs, urls.case_package(catalog.framework.id)),
            "csv": absolute(outputs, urls.catalog_csv()),
            "atom": absolute(outputs, urls.atom_feed()),
            "calendar": absolute(outputs, urls.calendar_feed()),
            "changelog": absolute(outputs, CHANGELOG),
        },
        "templates": {"entry": absolute(outputs, urls.api_entry("{id}")),
                      "pathway": absolute(outputs, urls.api_pathway("{id}"))},
        "schemas": {name: absolute(outputs, urls.api_schema(name)) for name in SCHEMA_NAMES},
        "curator_schemas": {name: absolute(outputs, urls.curator_schema(name)) for name in CURATOR_SCHEMAS},
    }


def api_files(outputs: Outputs) -> Iterator[tuple[str, str]]:
    """Every API document, as (path in site, JSON text)."""
    yield urls.api("index.json"), dumps(index_document(outputs))
    yield urls.api("catalog.json"), dumps(catalog_document(outputs))
    yield urls.api("pathways.json"), dumps(pathways_document(outputs))
    yield urls.api("framework.json"), dumps(framework_document(outputs))
    yield urls.api("vocabularies.json"), dumps(vocabularies_document(outputs))
    yield urls.api("coverage.json"), dumps(coverage_document(outputs))
    for entry in outputs.catalog.entries.values():
        yield urls.api_entry(entry.id), dumps(entry_document(outputs, entry))
    for pathway in all_pathways(outputs):
        yield urls.api_pathway(pathway.id), dumps(pathway_document(outputs, pathway))
