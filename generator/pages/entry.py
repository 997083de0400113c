"""The entry page: everything a clinician needs to decide in ten seconds, and every fact the curator wrote."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from ..model import Catalog, Entry
from ..model.catalog import Credit, Part, Run
from ..model.dates import When, build_day, in_words
from ..model.places import country_name
from ..model.schedule import describe, next_dates
from . import urls
from .html import a, block, esc, ext, front_matter, safe_url, ul

# The language the pages' own words are written in: a title in another language is marked (WCAG 3.1.2).
PAGE_LANGUAGE = "en"

_CREDIT_PER = {"course": "", "module": " per module", "session": " per session", "hour": " per hour"}
_ROLES = {"accreditor": "accrediting body", "host": "host", "platform": "platform", "funder": "funder",
          "partner": "partner", "author": "author"}
_RELATIONS = {"earlier-edition": "Earlier edition", "later-edition": "Later edition", "successor": "Replaced by",
              "predecessor": "Replaces", "pilot": "Pilot", "companion": "Companion course",
              "train-the-trainer": "Train-the-trainer course", "translation": "Translation", "see-also": "See also"}
_ENROLMENT = {"open": "Open for enrolment", "closed": "Closed: not taking learners",
              "invitation": "By invitation or nomination only", "rolling": "Join at any time"}
_ASSESSMENT = {"none": "No assessment", "quiz": "Quiz", "assignment": "Written assignment", "exam": "Exam",
               "observed-practice": "Observed practice", "portfolio": "Portfolio"}
_ATTENDANCE = {"certificate": "Certificate of attendance or completion", "record": "Record of attendance",
               "none": "None"}
_RUN_STATUS = {"open": "Booking open", "full": "Full", "closed": "Booking closed", "cancelled": "Cancelled"}


def one_credit(catalog: Catalog, c: Credit) -> str:
    """One credit in words (plain text)."""
    label = catalog.vocab.label("credit_types", c.type)
    amount = f"{'up to ' if c.up_to else ''}{c.amount:g}"
    parts = [f"{amount} {label}{_CREDIT_PER.get(c.per, '')}" + (f" at {c.level}" if c.level else "")]
    if c.body:
        parts.append(f"from {c.body}")
    if c.professions:
        parts.append("for " + ", ".join(catalog.vocab.label("professions", p).lower() for p in c.professions))
    if c.members_only:
        parts.append("members only")
    text = " · ".join(parts)
    if c.note:
        text += f" ({c.note})"
    return text


def credit_text(catalog: Catalog, entry: Entry) -> list[str]:
    """Each credit, escaped for a page; 'None' when the source says there is none."""
    if entry.credits_none:
        return ["None"]
    return [esc(one_credit(catalog, c)) for c in entry.credits]


def cost_text(catalog: Catalog, entry: Entry, *, note: bool = True) -> str:
    """The cost model and prices, and the provider's note on who pays what unless ``note`` is false."""
    text = catalog.vocab.label("cost", entry.cost) if entry.cost else "Not stated"
    if entry.prices:
        text += ": " + "; ".join(p.describe() for p in entry.prices)
    if note and entry.cost_note:
        text += f" ({entry.cost_note})"
    if entry.cost and "cost" in entry.inferred:
        text += " (inferred by the curator)"
    return text


def time_text(entry: Entry) -> str:
    if not entry.duration:
        return "Not stated"
    text = entry.duration.describe()
    if "duration" in entry.approximate:
        text = "About " + text
    if "duration" in entry.inferred:
        text += " (the curator's estimate)"
    return text


def tiers_text(entry: Entry) -> str:
    return ", ".join(f"Tier {t}" for t in entry.tiers)


def terms(catalog: Catalog, here: str, kind: str, ids: tuple[str, ...]) -> str:
    """Links to each term's listing; 'Not stated' when there are none (an empty list is not 'any')."""
    links = [a(here, urls.facet(kind, i), catalog.vocab.label(kind, i)) for i in ids]
    return ", ".join(links) if links else "Not stated"


def labels(catalog: Catalog, kind: str, ids: tuple[str, ...]) -> str:
    return ", ".join(catalog.vocab.label(kind, i) for i in ids)


def languages_text(catalog: Catalog, entry: Entry) -> str:
    return ", ".join(catalog.vocab.language(tag) for tag in entry.languages)


def countries_text(entry: Entry) -> str:
    return ", ".join(country_name(c) for c in entry.countries) or "Not stated"


def providers_text(entry: Entry) -> str:
    out = []
    for o in entry.providers:
        text = o.name
        if o.parent:
            text += f", part of {o.parent}"
        if o.role != "provider":
            text += f" ({_ROLES.get(o.role, o.role)})"
        out.append(text)
    return "; ".join(out)


def title_language(entry: Entry) -> str:
    """The title's language tag when it is not the page's, for a ``lang`` attribute; '' otherwise."""
    tag = entry.title_lang or entry.languages[0]
    return tag if tag.split("-")[0] != PAGE_LANGUAGE else ""


def lang_attr(tag: str) -> str:
    return f' lang="{esc(tag)}"' if tag else ""


def status_text(entry: Entry) -> str:
    """The entry's lifecycle in one sentence (plain text), or '' when it is active."""
    if entry.status == "paused":
        until = f" until {in_words(entry.paused_until)}" if entry.paused_until else ""
        return f"Paused{until}. The provider is not taking new learners at the moment."
    if entry.status == "finished":
        when = f" in {in_words(entry.finished_on)}" if entry.finished_on else ""
        return f"Finished{when}. It ran and has ended; it is listed so that its record and dates stay findable."
    if entry.status == "retired":
        when = f" on {in_words(entry.retired_on)}" if entry.retired_on else ""
        return f"Retired{when}. Kept here so that existing links still work."
    return ""


def _access(catalog: Catalog, entry: Entry) -> str:
    items = []
    if entry.enrolment:
        items.append(esc(_ENROLMENT[entry.enrolment] + "."))
    if entry.eligible:
        items.append(esc(f"Who may enrol: {entry.eligible}"))
    if entry.requirements:
        items.append(esc(f"Entry requirements: {entry.requirements}"))
    if entry.sign_in:
        items.append(esc("Sign in: " + labels(catalog, "sign_in", entry.sign_in) + "."))
    if entry.account:
        items.append(esc(f"Getting an account: {entry.account}"))
    if entry.open_sample:
        items.append(esc("Some parts are open to everyone."))
    return "<br>".join(items)


def _credits_row(catalog: Catalog, entry: Entry) -> str:
    return "<br>".join(credit_text(catalog, entry)) or "Not stated"


def render_entry(catalog: Catalog, entry: Entry, today: dt.date | None = None) -> str:
    today = today or build_day()
    here = urls.entry(entry.id)
    v = catalog.vocab
    status = status_text(entry)
    banner = ""
    if status:
        head, _, rest = status.partition(". ")
        banner = (f'<p class="portal-status portal-status--{esc(entry.status)}" role="status">'
                  f"<strong>{esc(head)}.</strong> {esc(rest)}</p>")
    tier_links = ", ".join(a(here, urls.tier(t), f"Tier {t}") for t in entry.tiers)
    facts: list[tuple[str, str]] = []
    if entry.professions or not entry.learners:
        facts.append(("Who it is for", terms(catalog, here, "professions", entry.professions)))
    if entry.learners:
        facts.append(("Learners", esc(labels(catalog, "learners", entry.learners))))
    facts += [
        ("Tier", tier_links),
        ("Time", esc(time_text(entry))),
        ("Cost", esc(cost_text(catalog, entry))),
        ("Credits", _credits_row(catalog, entry)),
    ]
    if entry.recognition:
        facts.append(("Recognition", "<br>".join(
            esc(" · ".join(x for x in (r.name or "Recognised", f"by {r.body}", r.note) if x)) for r in entry.recognition)))
    if entry.attendance_record:
        facts.append(("Record of taking part", esc(_ATTENDANCE[entry.attendance_record])))
    if entry.assessment:
        text = _ASSESSMENT[entry.assessment] + (f": {entry.assessment_note}" if entry.assessment_note else "")
        facts.append(("Assessment", esc(text)))
    facts += [
        ("Format", esc(labels(catalog, "formats", entry.formats) or "Not stated")),
        ("Language", esc(languages_text(catalog, entry))),
        ("Countries", esc(countries_text(entry))),
        ("Provider", esc(providers_text(entry))),
    ]
    if entry.settings:
        facts.append(("Settings", terms(catalog, here, "settings", entry.settings)))
    if entry.audiences:
        facts.append(("Focus on", terms(catalog, here, "audiences", entry.audiences)))
    if entry.age_groups:
        facts.append(("Patients", esc(labels(catalog, "age_groups", entry.age_groups))))
    if entry.disease_groups:
        facts.append(("Conditions", esc(labels(catalog, "disease_groups", entry.disease_groups))))
    access = _access(catalog, entry)
    if access:
        facts.append(("Access", access))
    dates = [f"Launched {in_words(entry.launched)}" if entry.launched else "",
             f"finished {in_words(entry.finished_on)}" if entry.finished_on else ""]
    if any(dates):
        facts.append(("Dates", esc(", ".join(d for d in dates if d))))
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{val}</dd>" for k, val in facts)
    kind = esc(entry.type.replace("-", " ").capitalize())
    lang = title_language(entry)
    title = f"<h1{lang_attr(lang)}>{esc(entry.title)}</h1>" if lang else ""
    go = ext(entry.url, "Go to the provider’s site" if entry.shared_url else f"Go to {entry.title} on the provider’s site",
             "md-button md-button--primary portal-out")
    find = f'<p class="portal-how-to-find"><strong>How to find it there:</strong> {esc(entry.how_to_find)}</p>' \
        if entry.how_to_find else ""
    note = (f'<aside class="portal-note" aria-label="Curator’s note"><p><strong>Curator’s note:</strong> '
            f"{esc(entry.note)}</p></aside>") if entry.note else ""
    out = front_matter(entry.title, description=entry.summary[:300], search={"exclude": True},
                       portal={"kind": "entry", "id": entry.id})
    out += block(
        title
        + f'<p class="portal-kicker">{kind}</p>'
        f"{banner}"
        f'<p class="portal-summary">{esc(entry.summary)}</p>'
        f"<p>{go}</p>{find}{note}"
        f'<dl class="portal-facts">{dl}</dl>',
        "portal-entry",
    )
    if entry.runs:
        out += "## Dates\n\n" + block(_runs(entry, today), "portal-runs")
    if entry.parts:
        out += "## Modules and sessions\n\n" + block(_parts(catalog, entry), "portal-parts")
    out += "## Competencies it covers\n\n"
    rows = []
    for cid in entry.competencies:
        comp = catalog.framework.competencies[cid]
        subject = catalog.framework.subjects[comp.subject]
        rows.append(f"{a(here, urls.competency(cid), f'{subject.name}, tier {comp.tier}')}: {esc(comp.statement)}")
    fw = catalog.framework
    fit = ""
    if fw.scope.label and fw.outside_scope(entry.audiences, getattr(entry, "age_groups", ())):
        fit = f'<p class="portal-closest-fit"><strong>{esc(fw.scope.label)}.</strong> {esc(fw.scope.note)}</p>'
    out += block(fit + ul(rows), "portal-competencies")
    if entry.learning_outcomes:
        out += "## What you will learn\n\n" + block(ul(esc(o) for o in entry.learning_outcomes), "portal-outcomes")
    if entry.keywords:
        tags = "".join(f"<li>{a(here, urls.catalog() + '?q=' + quote(k, safe=''), k)}</li>" for k in entry.keywords)
        out += "## Topics\n\n" + block(f'<ul class="portal-tags">{tags}</ul>', "portal-topics")
    in_paths = catalog.in_pathways.get(entry.id, [])
    if in_paths:
        out += "## Learning pathways that include it\n\n"
        out += block(ul(a(here, urls.pathway(p), catalog.pathways[p].title) for p in in_paths), "portal-in-pathways")
    related = _related(catalog, entry, here)
    if related:
        out += "## Related entries\n\n" + block(related, "portal-related")
    checked = entry.reviewed or (max(s.checked for s in entry.sources) if entry.sources else "")
    review = f"Last reviewed {esc(checked)}. " if checked else ""
    marks = _marks(entry)
    out += block(
        f"<p>{review}Next review due by {esc(entry.review_by)}. "
        f"Facts such as cost and credits can change: check them with the provider. "
        f"{a(here, 'about/#how-entries-are-chosen', 'Listing is not endorsement')}.</p>"
        + (f"<p>{esc(marks)}</p>" if marks else "")
        + (ul(ext(s.url, s.note or s.url) + f" (checked {esc(s.checked)})" for s in entry.sources) if entry.sources else ""),
        "portal-provenance",
    )
    return out


def _marks(entry: Entry) -> str:
    """Which facts the curator inferred or gave as approximate, in words."""
    out = []
    if entry.inferred:
        out.append("Inferred by the curator rather than read in a source: " + ", ".join(
            f.replace("_", " ") for f in entry.inferred) + ".")
    if entry.approximate:
        out.append("Approximate: " + ", ".join(f.replace("_", " ") for f in entry.approximate) + ".")
    return " ".join(out)


def _related(catalog: Catalog, entry: Entry, here: str) -> str:
    items = []

    def link(eid: str) -> str:
        target = catalog.entries.get(eid)
        return a(here, urls.entry(eid), target.title) if target else esc(eid)

    if entry.part_of:
        code = f" (code {esc(entry.code)})" if entry.code else ""
        items.append(f"Part of {link(entry.part_of)}{code}")
    for eid in entry.prerequisites:
        items.append(f"Do first: {link(eid)}")
    for eid in entry.companions:
        items.append(f"Goes well with: {link(eid)}")
    for r in entry.related:
        items.append(f"{esc(_RELATIONS[r.relation])}: {link(r.id)}")
    children = catalog.children.get(entry.id, [])
    if children:
        shown = children[:50]
        more = f" and {len(children) - 50} more" if len(children) > 50 else ""
        items.append("Includes: " + ", ".join(link(c) for c in shown) + more)
    return ul(items)


def _when(value: str, zone: str, *, time: bool = True) -> str:
    parsed = When.parse(value)
    text = parsed.words(time=time)
    if time and parsed.time is not None and zone:
        text += f" ({zone})"
    return text


def run_is_past(run: Run, today: dt.date) -> bool:
    """Whether every session of the run is over by ``today`` (a month or year lasts to its end)."""
    if run.recurrence:
        rec = run.recurrence
        if rec.until:
            return When.parse(rec.until).last_day() < today
        return bool(rec.count) and not next_dates(run, today, 1)
    return When.parse(run.end or run.start).last_day() < today


def _runs(entry: Entry, today: dt.date) -> str:
    rows = []
    for r in sorted(entry.runs, key=lambda r: (When.parse(r.start).first_day(), r.id)):
        past = run_is_past(r, today)
        start = When.parse(r.start)
        when = _when(r.start, "" if r.end else r.timezone)
        end = When.parse(r.end) if r.end else None
        if end and end.date_text == start.date_text and end.time is not None:
            when += f" to {end.time:%H:%M}" + (f" ({r.timezone})" if r.timezone else "")  # the same day
        elif r.end:
            when += f" to {_when(r.end, r.timezone)}"
        if "timezone" in r.inferred and r.timezone and start.time is not None:
            when += ", time zone assumed"
        if "start" in r.approximate or "end" in r.approximate:
            when = "about " + when
        if "start" in r.inferred:
            when += " (date worked out by the curator, not announced)"
        parts = [f"<strong>{esc(r.title or r.id)}</strong>", esc(("Starts " if not r.recurrence else "First session ") + when)]
        if past:
            parts.insert(1, '<span class="portal-past">Past</span>')
        if r.recurrence:
            rule = describe(r)
            parts.append(esc(rule[:1].upper() + rule[1:]))
            upcoming = [] if past else next_dates(r, today)
            if upcoming:
                parts.append(esc("Next: " + ", ".join(f"{d.day} {When.parse(d.isoformat()).words().split(' ', 1)[1]}"
                                                        for d in upcoming)))
        if r.registration_deadline:
            parts.append(esc(f"Register by {_when(r.registration_deadline, r.timezone)}"))
        if r.capacity:
            parts.append(esc(f"{r.capacity} places"))
        if r.location:
            parts.append(esc(r.location))
        if r.online:
            parts.append("Online")
        if r.status:
            parts.append(f"<em>{esc(_RUN_STATUS[r.status])}</em>")
        if r.url:
            parts.append(ext(r.url, "Details and booking"))
        rows.append(" · ".join(parts))
    return ul(rows)


def _part_credits(catalog: Catalog, part: Part) -> str:
    if part.credits_none:
        return "no credit"
    return "; ".join(one_credit(catalog, c) for c in part.credits)


def _parts(catalog: Catalog, entry: Entry) -> str:
    ordered = sorted(enumerate(entry.parts), key=lambda ip: (ip[1].order if ip[1].order is not None else ip[0] + 1, ip[0]))
    rows = []
    for _, p in ordered:
        title = f"<span{lang_attr(p.title_lang)}>{esc(p.title)}</span>"
        if p.url:
            title = f'<a href="{esc(safe_url(p.url))}" rel="noopener external"{lang_attr(p.title_lang)}>{esc(p.title)}</a>'
        head = (f"{esc(p.code)}: " if p.code else "") + title
        details = [d for d in (p.duration.describe() if p.duration else "", _part_credits(catalog, p),
                               "optional" if p.optional else "") if d]
        rows.append(head + (f" · {esc(' · '.join(details))}" if details else ""))
    return "<ol>" + "".join(f"<li>{r}</li>" for r in rows) + "</ol>"

