"""schema.org JSON-LD for entry and pathway pages.

Courses (and programmes, ECHO series, events) are ``Course``; guidance,
toolkits and other resources are ``LearningResource``. What an entry teaches
is a ``DefinedTerm`` in the framework's ``DefinedTermSet`` (schema.org now
prefers ``teaches`` over AlignmentObject for this), the tier is the
``educationalLevel``, and dated runs are ``CourseInstance`` items with start
times in the run's own time zone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import N_, _
from ..model import COURSE_TYPES, Catalog, Entry, Pathway, Run
from ..model.dates import When
from ..model.places import country_name
from ..pages import urls
from ..pages.pathway import totals
from .common import absolute, entry_updated, short
from .timezones import iso, parse_local

if TYPE_CHECKING:
    from ..outputs import Outputs

_ROLE_PROPERTY = {"provider": "provider", "author": "author", "funder": "funder", "host": "publisher",
                  "platform": "publisher", "accreditor": "contributor", "partner": "contributor"}
_CREDENTIAL = {"certificate": N_("Certificate"), "record": N_("Record of attendance")}
_FREQUENCY = {"daily": "D", "weekly": "W", "monthly": "M", "yearly": "Y"}
_DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday",
         "SA": "Saturday", "SU": "Sunday"}


# Levels of detail. Pages must stay under 30 KB, so on the few pages where the
# full description would not fit, the plugin swaps in a leaner one
# (pagehead.fit): first without the nice-to-haves, then without `teaches` and
# a pathway's `hasPart`, which the API and the entries' own pages still carry.
FULL, LEAN, MINIMAL = 2, 1, 0
# The last resort of a page over its byte budget: what the item is, where, and its dated runs (kept to the last).
BARE = -1
_BARE_KEYS = ("@type", "@id", "name", "url", "mainEntityOfPage", "inLanguage", "hasCourseInstance")


def bare(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` reduced to the item's type, name, language, addresses and dated runs (the ``BARE`` level)."""
    return {"@context": "https://schema.org", **{key: data[key] for key in _BARE_KEYS if key in data}}


def node_id(outputs: Outputs, page_url: str) -> str:
    """The JSON-LD @id of what an entry or pathway page describes (the page itself is its mainEntityOfPage).

    With a site_url it is written with the context's ``site:`` prefix (see :func:`context`).
    """
    return (f"site:{page_url}" if outputs.site_url else page_url) + "#learning"


def _iso_minutes(minutes: int) -> str:
    return f"PT{minutes // 60}H{minutes % 60}M"


def _one_or_many(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values


def context(outputs: Outputs) -> Any:
    """schema.org, plus the prefixes ``fw:`` for the framework's pages and ``site:`` for the site's.

    A competency's IRI is then 'fw:communication-t2/' and a step's 'site:catalog/x/#learning' rather
    than the full URL: entries map to up to a dozen competencies, pathways list up to sixty steps, pages
    must stay under 30 KB, and every JSON-LD processor expands the prefix back to the absolute URL.
    """
    if not outputs.site_url:
        return "https://schema.org"
    return ["https://schema.org", {"fw": absolute(outputs, urls.competencies()), "site": outputs.site_url}]


def _fw(outputs: Outputs, path: str = "") -> str:
    """The IRI of a page under competencies/ (``path`` relative to it)."""
    return f"fw:{path}" if outputs.site_url else urls.competencies() + path


def term_set(outputs: Outputs, *, full: bool = False) -> dict[str, Any]:
    """The framework as a DefinedTermSet: described in full once per page, referenced by @id elsewhere."""
    ref: dict[str, Any] = {"@id": _fw(outputs)}
    if full:
        fw = outputs.catalog.framework
        ref.update({"@type": "DefinedTermSet", "name": fw.title, "version": fw.version})
    return ref


def tier_term(outputs: Outputs, tier: int, *, full_set: bool = False) -> dict[str, Any]:
    info = outputs.catalog.framework.tiers.get(tier)
    name = (_("Tier {number}: {name}").format(number=tier, name=info.name) if info
            else _("Tier {number}").format(number=tier))
    return {"@type": "DefinedTerm", "termCode": f"tier-{tier}", "name": name,
            "inDefinedTermSet": term_set(outputs, full=full_set)}


def competency_term(outputs: Outputs, competency_id: str) -> dict[str, Any]:
    """A competency as a DefinedTerm whose @id is its page in the framework.

    Its name and statement live on that page (and in the API), not here, for the same weight reason.
    """
    return {"@type": "DefinedTerm", "@id": _fw(outputs, urls.competency(competency_id).removeprefix(urls.competencies())),
            "termCode": competency_id, "inDefinedTermSet": term_set(outputs)}


def audience(catalog: Catalog, professions: tuple[str, ...], audiences: tuple[str, ...]) -> dict[str, Any] | None:
    """Professions are the educational role; audiences are the audience type."""
    if not professions and not audiences:
        return None
    out: dict[str, Any] = {"@type": "EducationalAudience"}
    if professions:
        out["educationalRole"] = [catalog.vocab.label("professions", p) for p in professions]
    if audiences:
        out["audienceType"] = [catalog.vocab.label("audiences", a) for a in audiences]
    return out


def offers(catalog: Catalog, entry: Entry) -> list[dict[str, Any]]:
    if not entry.cost:
        return []  # unknown cost: say nothing rather than guess
    category = catalog.vocab.label("cost", entry.cost)
    base: dict[str, Any] = {"@type": "Offer", "category": category}
    if entry.cost_note:
        base["description"] = entry.cost_note
    if entry.prices:
        return [{**base, "price": p.amount, "priceCurrency": p.currency, "description": p.describe()}
                for p in entry.prices]
    if entry.is_free:
        return [{**base, "price": 0}]
    return [base]


def _course_mode(run: Run) -> str | None:
    if run.online and run.location:
        return "blended"
    if run.online:
        return "online"
    if run.location:
        return "onsite"
    return None


def _date_value(value: str, tz_name: str) -> str:
    """ISO 8601 as precise as the catalog: '2027-09' stays a month, a time gains its UTC offset."""
    parsed = When.parse(value)
    return iso(parse_local(value, tz_name)) if parsed.has_day else parsed.text


def course_instance(outputs: Outputs, entry: Entry, run: Run) -> dict[str, Any]:
    start = parse_local(run.start, run.timezone)
    out: dict[str, Any] = {
        "@type": "CourseInstance", "@id": absolute(outputs, urls.entry(entry.id)) + f"#run-{run.id}",
        "name": run.title or entry.title, "startDate": _date_value(run.start, run.timezone),
    }
    if run.end:
        out["endDate"] = _date_value(run.end, run.timezone)
    mode = _course_mode(run)
    if mode:
        out["courseMode"] = mode
    places: list[dict[str, Any]] = []
    if run.location:
        places.append({"@type": "Place", "name": run.location})
    if run.online:
        places.append({"@type": "VirtualLocation", "url": run.url or entry.url})
    if places:
        out["location"] = _one_or_many(places)
    if run.url:
        out["url"] = run.url
    if run.status == "cancelled":
        out["eventStatus"] = "https://schema.org/EventCancelled"
    if run.recurrence:
        rec = run.recurrence
        schedule: dict[str, Any] = {
            "@type": "Schedule", "repeatFrequency": f"P{rec.interval}{_FREQUENCY[rec.frequency]}",
            "startDate": iso(start)[:10],
        }
        if run.timezone:
            schedule["scheduleTimezone"] = run.timezone
        if rec.except_months and rec.frequency != "yearly":
            schedule["byMonth"] = [m for m in range(1, 13) if m not in rec.except_months]
        if rec.except_dates:
            schedule["exceptDate"] = sorted(rec.except_dates)
        if "T" in run.start.replace(" ", "T"):
            schedule["startTime"] = start.strftime("%H:%M")  # type: ignore[union-attr]
            if run.end:
                schedule["endTime"] = parse_local(run.end, run.timezone).strftime("%H:%M")  # type: ignore[union-attr]
        if rec.count:
            schedule["repeatCount"] = rec.count
        if rec.until:
            schedule["endDate"] = rec.until
        if rec.by_day:
            # Plain days are DayOfWeek; iCal-style '1MO' (first Monday) is allowed as text.
            schedule["byDay"] = [f"https://schema.org/{_DAYS[d]}" if d in _DAYS else d for d in rec.by_day]
        out["courseSchedule"] = schedule
    return out


def _organisations(entry: Entry) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for org in entry.providers:
        node: dict[str, Any] = {"@type": "Organization", "name": org.name}
        if org.url:
            node["url"] = org.url
        if org.parent:
            node["parentOrganization"] = {"@type": "Organization", "name": org.parent}
        out.setdefault(_ROLE_PROPERTY.get(org.role, "contributor"), []).append(node)
    if "provider" not in out and entry.providers:
        out["provider"] = [{"@type": "Organization", "name": entry.provider}]
    return out


def _format_facts(catalog: Catalog, entry: Entry, page: str) -> dict[str, Any]:
    """Modules (hasPart), where it applies, credentials and academic credit, where schema.org has a place."""
    out: dict[str, Any] = {}
    if entry.parts:
        out["hasPart"] = [{"@type": "Course" if entry.type in COURSE_TYPES else "LearningResource",
                           "@id": f"{page}#part-{i + 1}", "name": p.title,
                           **({"courseCode": p.code} if p.code and entry.type in COURSE_TYPES else {}),
                           **({"timeRequired": _iso_minutes(p.duration.minutes)}
                              if p.duration and p.duration.minutes else {}),
                           **({"url": p.url} if p.url else {})}
                          for i, p in enumerate(entry.parts)]
    if entry.countries:
        out["spatialCoverage"] = [{"@type": "Place", "name": country_name(c), "identifier": c} for c in entry.countries]
    if entry.attendance_record in _CREDENTIAL:
        out["educationalCredentialAwarded"] = _(_CREDENTIAL[entry.attendance_record])
    for credit in entry.credits:
        if credit.type in ("cats", "ects"):
            out["numberOfCredits"] = {"@type": "StructuredValue", "value": credit.amount,
                                      "name": catalog.vocab.label("credit_types", credit.type)}
            break
    return out


def entry_jsonld(outputs: Outputs, entry: Entry, detail: int = FULL) -> dict[str, Any]:
    catalog = outputs.catalog
    is_course = entry.type in COURSE_TYPES
    page = absolute(outputs, urls.entry(entry.id))
    data: dict[str, Any] = {
        "@context": context(outputs), "@type": "Course" if is_course else "LearningResource",
        "@id": node_id(outputs, urls.entry(entry.id)), "name": entry.title, "description": short(entry.summary),
        "url": entry.url, "mainEntityOfPage": page, "inLanguage": _one_or_many(list(entry.languages)),
        "educationalLevel": _one_or_many([tier_term(outputs, t, full_set=n == 0) for n, t in enumerate(entry.tiers)]),
    }
    if detail > MINIMAL:
        data["teaches"] = [competency_term(outputs, c) for c in entry.competencies if c in catalog.framework.competencies]
    for prop, orgs in _organisations(entry).items():
        data[prop] = _one_or_many(orgs)
    aud = audience(catalog, entry.professions, entry.audiences)
    if aud is not None and entry.learners:
        aud["audienceType"] = [*aud.get("audienceType", []),
                               *(catalog.vocab.label("learners", x) for x in entry.learners)]
    elif entry.learners:
        aud = {"@type": "EducationalAudience",
               "audienceType": [catalog.vocab.label("learners", x) for x in entry.learners]}
    if aud and detail == FULL:
        data["audience"] = aud
    offer_list = offers(catalog, entry)
    if offer_list:
        data["offers"] = _one_or_many(offer_list)
        data["isAccessibleForFree"] = entry.is_free
    if entry.minutes:
        data["timeRequired"] = _iso_minutes(entry.minutes)
    if entry.resource_types and detail == FULL:
        data["learningResourceType"] = [catalog.vocab.label("resource_types", r) for r in entry.resource_types]
    if entry.keywords and detail == FULL:
        data["keywords"] = list(entry.keywords)
    updated = entry_updated(entry)
    if updated:
        data["dateModified"] = updated
    if entry.part_of:
        data["isPartOf"] = {"@id": node_id(outputs, urls.entry(entry.part_of))}
    if detail == FULL:
        data.update(_format_facts(catalog, entry, page))
    if is_course:
        if entry.code:
            data["courseCode"] = entry.code
        if entry.prerequisites and detail > MINIMAL:
            data["coursePrerequisites"] = [
                {"@type": "Course", "@id": node_id(outputs, urls.entry(p)), "name": catalog.entries[p].title}
                if detail == FULL else {"@id": node_id(outputs, urls.entry(p))}
                for p in entry.prerequisites if p in catalog.entries]
        if entry.runs:
            data["hasCourseInstance"] = [course_instance(outputs, entry, r) for r in entry.runs]
    return bare(data) if detail == BARE else data


def pathway_jsonld(outputs: Outputs, pathway: Pathway, detail: int = FULL) -> dict[str, Any]:
    """A pathway is a Course made of its steps, offered by the portal itself."""
    catalog = outputs.catalog
    steps = [catalog.entries[s.entry] for s in pathway.steps if s.entry in catalog.entries]
    required = [catalog.entries[s.entry] for s in pathway.steps if not s.optional and s.entry in catalog.entries]
    # What a learner reaches by finishing: the pathway tier's competencies that its required steps teach.
    # (Lower tiers' are on the steps' own pages; listing them all here would make long pages heavy.)
    fw = catalog.framework
    teaches = list(dict.fromkeys(c for e in required for c in e.competencies
                                 if c in fw.competencies and fw.competencies[c].tier == pathway.tier))
    page = absolute(outputs, urls.pathway(pathway.id))
    portal: dict[str, Any] = {"@type": "Organization", "name": outputs.site_name}
    if outputs.site_url:
        portal["url"] = outputs.site_url
    data: dict[str, Any] = {
        "@context": context(outputs), "@type": "Course", "@id": node_id(outputs, urls.pathway(pathway.id)),
        "name": pathway.title, "description": short(pathway.summary), "url": page, "mainEntityOfPage": page,
        "provider": portal, "inLanguage": _one_or_many(list(pathway.languages)),
        "educationalLevel": tier_term(outputs, pathway.tier, full_set=True),
    }
    if detail > MINIMAL:
        data["teaches"] = [competency_term(outputs, c) for c in teaches]
        data["hasPart"] = [{"@type": "Course" if e.type in COURSE_TYPES else "LearningResource",
                            "@id": node_id(outputs, urls.entry(e.id)), "name": e.title}
                           if detail == FULL else {"@id": node_id(outputs, urls.entry(e.id))} for e in steps]
    aud = audience(catalog, pathway.professions, pathway.audiences)
    if aud and detail == FULL:
        data["audience"] = aud
    t = totals(catalog, pathway)
    if t["minutes"] and not t["unknown_time"]:
        data["timeRequired"] = _iso_minutes(int(t["minutes"]))  # type: ignore[call-overload]
    data["isAccessibleForFree"] = not t["paid"]
    if pathway.reviewed:
        data["dateModified"] = pathway.reviewed
    return bare(data) if detail == BARE else data
