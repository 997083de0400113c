"""JSON Schemas (Draft 2020-12) of the v1 API documents, published under /api/v1/schema/.

The published schemas list every field and mark every field required, but
allow fields they do not name: within v1 new fields may be added (see
generator/pages/open_data.py), and a partner's validator must not break when they are.
Our tests close the objects (``additionalProperties: false``) to prove the
schemas still describe everything we publish.
"""

from __future__ import annotations

from typing import Any

from ..pages import urls

SCHEMA_NAMES = ("index", "catalog", "entry", "pathways", "pathway", "framework", "vocabularies", "coverage")

Schema = dict[str, Any]

STR: Schema = {"type": "string"}
TEXT: Schema = {"type": "string", "minLength": 1}
NSTR: Schema = {"type": ["string", "null"]}
INT: Schema = {"type": "integer"}
NINT: Schema = {"type": ["integer", "null"]}
NUM: Schema = {"type": "number"}
NNUM: Schema = {"type": ["number", "null"]}
BOOL: Schema = {"type": "boolean"}
DATE: Schema = {"type": "string", "format": "date"}
NDATE: Schema = {"type": ["string", "null"], "format": "date"}
URL: Schema = {"type": "string", "format": "uri", "pattern": "^https?://"}
NURL: Schema = {"type": ["string", "null"], "format": "uri", "pattern": "^https?://"}
# Absolute when the site has a site_url, relative to the site root otherwise.
LINK: Schema = {"type": "string", "format": "uri-reference"}
NLINK: Schema = {"type": ["string", "null"], "format": "uri-reference"}
SLUG: Schema = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
NSLUG: Schema = {"type": ["string", "null"], "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
TIER: Schema = {"type": "integer", "minimum": 1}
LANG: Schema = {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"}
# As precise as the source: a year ('2027'), a month ('2027-09') or a day ('2027-09-14').
NPDATE: Schema = {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
                  "description": "A year, a month or a day (ISO 8601), as precise as the source."}
WHEN_PATTERN = r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?)?)?$"
STATUS: Schema = {"enum": ["active", "paused", "finished", "retired"],
                  "description": "finished: ran and ended, still listed; retired: withdrawn."}
FIELDS: Schema = {"type": "array", "items": STR}


def arr(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def obj(description: str = "", /, **props: Schema) -> Schema:
    """An object whose listed properties are all required (optional values are null, never missing).

    ``description`` is positional-only, so that a property may itself be called 'description'.
    """
    out: Schema = {"type": "object", "required": sorted(props), "properties": props}
    if description:
        out["description"] = description
    return out


def nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


SLUGS = arr(SLUG)
LINKS = obj("Where the same thing lives in other forms.", page=LINK, api=LINK, embed=LINK, oembed=LINK)
HEAD: dict[str, Schema] = {
    "$schema": {**LINK, "description": "This document's JSON Schema."},
    "api_version": {"const": "1", "description": "Major version; it changes only with a new /api/vN/ path."},
    "portal": obj("Who publishes this document; ``id`` is permanent, ``url`` may change if the portal moves.",
                  id=SLUG, name=TEXT, url=NURL,
                  contact=nullable(obj("Who stands behind the portal and its open data.",
                                       name=TEXT, url=NURL, email=NSTR))),
    "licence": nullable(obj("The licence of the catalog's text; null when the portal states none.",
                            name=TEXT, url=URL)),
    "language": {**LANG, "description": "The language this document's own words are written in (the ``text`` "
                                        "fields) and the language ``shown`` is for: each language of the portal "
                                        "publishes its API under its own address."},
}
SHOWN_TEXT = obj("The text as the portal's pages show it in the document's ``language``, and the language it is "
                 "written in: a translation where one is given, else the original.", text=TEXT, lang=LANG)
COST = obj(model=NSLUG, note=NSTR, free=BOOL,
           prices=arr(obj(amount=NUM, currency={"type": "string", "pattern": "^[A-Z]{3}$"}, per=SLUG, who=NSTR)))
RUN = obj(
    "One dated run of the entry; times are local to ``timezone``.",
    id=SLUG, title=NSTR,
    start={"type": "string", "pattern": WHEN_PATTERN,
           "description": "A year, month, day, or day and local time, as precise as the source; see precision."},
    precision={"enum": ["year", "month", "day", "time"], "description": "How precise start is."},
    end=NSTR, timezone={**NSTR, "description": "IANA zone of the local times; null when the run has no time of day."},
    recurrence=nullable(obj(frequency={"enum": ["daily", "weekly", "monthly", "yearly"]}, interval=INT,
                            count=NINT, until=NDATE, by_day=arr(STR),
                            except_months={**arr(INT), "description": "Months with no session (12 = December)."},
                            except_dates={**arr(DATE), "description": "Single dates with no session."},
                            text={**STR, "description": "The rule in words, as the entry page gives it."})),
    text={**STR, "description": "When the run takes place, in words, as the entry page gives it."},
    past={**BOOL, "description": "Whether every session was over when the site was built."},
    next={**arr(DATE), "description": "The next few session dates of a repeating run, from the day the site "
                                      "was built; [] when none are to come or the run does not repeat."},
    next_text={**NSTR, "description": "Those dates in words with their time and time zone; null when none."},
    registration_deadline=NSTR, capacity=NINT, location=NSTR, online=BOOL, url=NURL,
    status={"enum": ["open", "full", "closed", "cancelled", None],
            "description": "Booking status as the provider states it; null when not stated."},
    inferred={**FIELDS, "description": "Run fields the curator inferred rather than read in a source."},
    approximate={**FIELDS, "description": "Run fields whose values are approximate."},
)
CREDIT = obj(type=SLUG, amount=NUM, up_to=BOOL, per=SLUG, body=NSTR, professions=SLUGS, members_only=BOOL,
             note=NSTR, level={**NSTR, "description": "Academic level, e.g. FHEQ 7."})
ENTRY_PROPS: dict[str, Schema] = dict(
    id=SLUG, type=SLUG, title=TEXT, url=URL, summary=TEXT,
    shown=obj("The title, summary and note (null when there is none) as the entry's page shows them.",
              title=SHOWN_TEXT, summary=SHOWN_TEXT, note=nullable(SHOWN_TEXT)),
    providers=arr(obj(name=TEXT, role=SLUG, url=NURL, parent={**NSTR, "description": "Parent organisation."})),
    title_lang={**NSTR, "description": "Language of the title when it differs from the first language."},
    learners={**SLUGS, "description": "Learners who are not staff (vocabulary learners)."},
    age_groups={**SLUGS, "description": "Patient age groups (vocabulary age_groups)."},
    shared_url={**BOOL, "description": "url is a programme's page shared with other entries."},
    how_to_find={**NSTR, "description": "How to reach the item from a shared url."},
    note={**NSTR, "description": "The curator's note."},
    tiers=arr(TIER), competencies=SLUGS, professions=SLUGS, settings=SLUGS, audiences=SLUGS,
    disease_groups=SLUGS, formats=SLUGS, resource_types=SLUGS, languages=arr(LANG), countries=arr(STR),
    cost=COST,
    access=obj(eligible=NSTR, sign_in=SLUGS, open_sample=BOOL, open=BOOL,
               enrolment={"enum": ["open", "closed", "invitation", "rolling", None]},
               requirements={**NSTR, "description": "Entry requirements."},
               account={**NSTR, "description": "How to get an account or registration code."}),
    duration=nullable(obj(minutes=NINT, span_days=NNUM, sessions=NINT, per_session_minutes=NINT, note=NSTR,
                          text=STR)),
    credits=arr(CREDIT),
    credits_none={**BOOL, "description": "true when the source says there is no credit (credits is then empty); "
                                         "false with empty credits means not stated."},
    recognition=arr(obj(body=TEXT, name=NSTR, note=NSTR)),
    attendance_record={"enum": ["certificate", "record", "none", None]},
    assessment=nullable(obj(type={"enum": ["none", "quiz", "assignment", "exam", "observed-practice", "portfolio"]},
                            note=NSTR)),
    modules={**arr(obj(title=TEXT, title_lang=NSTR, code=NSTR, order=NINT, minutes=NINT, text=NSTR,
                       details={**NSTR, "description": "Time, credits and whether it is optional, in words."},
                       credits=arr(CREDIT), credits_none=BOOL, optional=BOOL, url=NURL)),
             "description": "Modules or sessions listed in the entry (its 'parts' field); child entries are in parts."},
    status=STATUS, launched=NPDATE, paused_until=NPDATE, retired_on=NPDATE, finished_on=NPDATE,
    inferred={**FIELDS, "description": "Fields the curator inferred rather than read in a source."},
    approximate={**FIELDS, "description": "Fields whose values are approximate."},
    related=arr(obj(id=SLUG, relation=SLUG)),
    review_by=DATE, reviewed=NDATE,
    updated={**NDATE, "description": "When a curator last checked the entry."},
    part_of=NSLUG, code=NSTR, parts=SLUGS, prerequisites=SLUGS, companions=SLUGS,
    aliases={**SLUGS, "description": "Former ids; their URLs redirect to this entry."},
    learning_outcomes=arr(STR), keywords=arr(STR), runs=arr(RUN),
    sources=arr(obj(url=URL, checked=DATE, note=NSTR)),
    pathways={**SLUGS, "description": "Curated pathways with a step for this entry."},
    links=LINKS,
)
ENTRY_SUMMARY = obj(
    "One catalog entry, in brief; ``links.api`` has the whole entry.",
    id=SLUG, title=TEXT, type=SLUG, status=STATUS, provider=NSTR, url=URL,
    summary=TEXT, tiers=arr(TIER), competencies=SLUGS, professions=SLUGS, settings=SLUGS, audiences=SLUGS,
    formats=SLUGS, countries=arr(STR), learners=SLUGS, languages=arr(LANG), cost=COST, free=BOOL, minutes=NINT,
    reviewed={**NDATE, "description": "When a curator last reviewed the entry, if recorded."},
    updated={**NDATE, "description": "When a curator last checked the entry."}, review_by=DATE, aliases=SLUGS,
    links=LINKS,
)
STEPS = arr(obj(entry=SLUG, title=TEXT, shown=obj("The entry's title as its page shows it.", title=SHOWN_TEXT),
                 reason=TEXT, optional=BOOL, modules=arr(STR), page=LINK, api=LINK,
                 estimated_minutes={**NINT, "description": "The curator's estimate of this step's study time, if given."}))
STEP_COUNT: Schema = {**INT, "description": "How many items ``steps`` has."}
SHOWN_PATHWAY = obj("The title and summary as the pathway's page shows them.", title=SHOWN_TEXT, summary=SHOWN_TEXT)
PATHWAY_PROPS: dict[str, Schema] = dict(
    id=SLUG, title=TEXT, summary=TEXT, shown=SHOWN_PATHWAY, tier=TIER, generated=BOOL, curator=NSTR, review_by=NDATE,
    reviewed={**NDATE, "description": "When a curator last checked every step, if recorded; null for generated "
                                      "pathways and when not recorded."},
    professions=SLUGS, settings=SLUGS, audiences=SLUGS, languages=arr(LANG), aliases=SLUGS,
    steps=STEPS, step_count=STEP_COUNT,
    uncovered={**SLUGS, "description": "Competencies the pathway should cover that no entry teaches yet."},
    totals=obj(minutes={**INT, "description": "Study time of the required steps, including the curator's estimates."},
               estimated_minutes={**INT, "description": "How much of 'minutes' is the curator's estimate."},
               steps_estimated=INT, steps_without_time=INT, paid_steps=SLUGS,
               credits=arr(obj(type=SLUG, body=NSTR, amount=NUM, up_to=BOOL))),
    links=LINKS,
)
PATHWAY_PROPS["for"] = NSTR
PATHWAY_SUMMARY = obj(id=SLUG, title=TEXT, summary=TEXT, shown=SHOWN_PATHWAY, tier=TIER, generated=BOOL, professions=SLUGS,
                      audiences=SLUGS, languages=arr(LANG), steps=STEPS, step_count=STEP_COUNT, aliases=SLUGS,
                      links=LINKS)
FRAMEWORK_PROPS: dict[str, Schema] = dict(
    id=SLUG, version=STR, title=TEXT, short_title=NSTR, publisher=NSTR, published=NSTR, status=NSTR,
    summary=NSTR, note=NSTR, sources=arr({"type": "object", "additionalProperties": STR}),
    tiers=arr(obj(tier=TIER, name=TEXT, summary=STR, learners=arr(STR),
                  crosswalk={"type": "object", "additionalProperties": STR})),
    domains=arr(obj(id=SLUG, name=TEXT, summary=STR)),
    subjects=arr(obj(id=SLUG, name=TEXT, domain=SLUG, summary=STR, code=NSTR, code_confirmed=BOOL)),
    competencies=arr(obj(id=SLUG, subject=SLUG, domain=SLUG, tier=TIER, statement=TEXT, indicators=arr(STR),
                         crosswalk={"type": "object", "additionalProperties": arr(STR)}, page=LINK)),
    case={**LINK, "description": "The framework as a 1EdTech CASE 1.1 CFPackage."},
)
TERM = obj(id=SLUG, label=TEXT, description=NSTR, source=NSTR, native=NSTR)
COVERAGE_ROW = obj(
    competency=SLUG, subject=SLUG, tier=TIER,
    entries={**INT, "description": "Active (not retired) entries mapped to the competency."},
    open_entries={**INT, "description": "Of those, the ones anyone can start free without an institutional login."},
    by_tier={"type": "object", "propertyNames": {"pattern": "^[0-9]+$"}, "additionalProperties": INT,
             "description": "Active entries mapped to the competency, by the tiers the entries are for."},
    pathways={**INT, "description": "Pathways with a step that teaches the competency."},
)


def _document(title: str, props: dict[str, Schema]) -> Schema:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title,
            **obj(**HEAD, **props)}


def _bodies() -> dict[str, Schema]:
    return {
        "index": _document("API index", dict(
            name=TEXT, site=NURL, updated=NDATE, stability=LINK,
            documents=obj(**{k: LINK for k in ("catalog", "pathways", "framework", "vocabularies", "coverage",
                                                "case", "csv", "atom", "calendar", "changelog")}),
            templates=obj("URL templates: put an id in place of {id}.", entry=STR, pathway=STR),
            schemas={"type": "object", "additionalProperties": LINK},
            curator_schemas={"type": "object", "additionalProperties": LINK})),
        "catalog": _document("Catalog index", dict(count=INT, entries=arr(ENTRY_SUMMARY))),
        "entry": _document("Catalog entry", ENTRY_PROPS),
        "pathways": _document("Pathway index", dict(count=INT, pathways=arr(PATHWAY_SUMMARY))),
        "pathway": _document("Learning pathway", PATHWAY_PROPS),
        "framework": _document("Competency framework", FRAMEWORK_PROPS),
        "vocabularies": _document("Controlled vocabularies", dict(
            vocabularies={"type": "object", "additionalProperties": arr(TERM)})),
        "coverage": _document("Coverage of the framework", dict(
            framework=SLUG, uncovered=SLUGS, competencies=arr(COVERAGE_ROW))),
    }


def schemas(site_url: str) -> dict[str, Schema]:
    """Every published schema by name, with ``$id`` set to where it is published."""
    if not site_url:
        return _bodies()
    return {name: {"$id": site_url + urls.api_schema(name), **body} for name, body in _bodies().items()}
