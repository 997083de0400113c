"""The entry page: everything a clinician needs to decide in ten seconds."""

from __future__ import annotations

from ..model import Catalog, Entry
from . import urls
from .html import a, block, esc, ext, front_matter, ul

_CREDIT_PER = {"course": "", "module": " per module", "session": " per session", "hour": " per hour"}


def credit_text(catalog: Catalog, entry: Entry) -> list[str]:
    out = []
    for c in entry.credits:
        label = catalog.vocab.label("credit_types", c.type)
        amount = f"{'up to ' if c.up_to else ''}{c.amount:g}"
        parts = [f"{amount} {label}{_CREDIT_PER.get(c.per, '')}"]
        if c.body:
            parts.append(f"from {c.body}")
        if c.professions:
            parts.append("for " + ", ".join(catalog.vocab.label("professions", p).lower() for p in c.professions))
        if c.members_only:
            parts.append("members only")
        text = " · ".join(parts)
        if c.note:
            text += f" ({c.note})"
        out.append(esc(text))
    return out


def cost_text(catalog: Catalog, entry: Entry, *, note: bool = True) -> str:
    """The cost model and prices, and the provider's note on who pays what unless ``note`` is false."""
    text = catalog.vocab.label("cost", entry.cost) if entry.cost else "Not stated"
    if entry.prices:
        text += ": " + "; ".join(p.describe() for p in entry.prices)
    if note and entry.cost_note:
        text += f" ({entry.cost_note})"
    return text


def time_text(entry: Entry) -> str:
    return entry.duration.describe() if entry.duration else "Not stated"


def tiers_text(entry: Entry) -> str:
    return ", ".join(f"Tier {t}" for t in entry.tiers)


def terms(catalog: Catalog, here: str, kind: str, ids: tuple[str, ...]) -> str:
    links = [a(here, urls.facet(kind, i), catalog.vocab.label(kind, i)) for i in ids]
    return ", ".join(links) if links else "Any"


def render_entry(catalog: Catalog, entry: Entry) -> str:
    here = urls.entry(entry.id)
    v = catalog.vocab
    status = ""
    if entry.status == "paused":
        until = f" until {entry.paused_until}" if entry.paused_until else ""
        status = f'<p class="portal-status portal-status--paused" role="status"><strong>Paused{esc(until)}.</strong> The provider is not taking new learners at the moment.</p>'
    elif entry.status == "retired":
        when = f" on {entry.retired_on}" if entry.retired_on else ""
        status = f'<p class="portal-status portal-status--retired" role="status"><strong>Retired{esc(when)}.</strong> Kept here so that existing links still work.</p>'
    tier_links = ", ".join(a(here, urls.tier(t), f"Tier {t}") for t in entry.tiers)
    facts = [
        ("Who it is for", terms(catalog, here, "professions", entry.professions)),
        ("Tier", tier_links),
        ("Time", esc(time_text(entry))),
        ("Cost", esc(cost_text(catalog, entry))),
        ("Credits", "<br>".join(credit_text(catalog, entry)) or "None stated"),
        ("Format", esc(", ".join(v.label("formats", f) for f in entry.formats) or "Not stated")),
        ("Language", esc(", ".join(v.label("languages", lang) for lang in entry.languages))),
        ("Provider", esc(", ".join(o.name if o.role == "provider" else f"{o.name} ({o.role})" for o in entry.providers))),
        ("Settings", terms(catalog, here, "settings", entry.settings)),
    ]
    if entry.audiences:
        facts.append(("Focus on", terms(catalog, here, "audiences", entry.audiences)))
    if entry.eligible or entry.sign_in:
        access = esc(entry.eligible) if entry.eligible else ""
        if entry.sign_in:
            access += (" " if access else "") + esc("Sign in: " + ", ".join(v.label("sign_in", s) for s in entry.sign_in) + ".")
        if entry.open_sample:
            access += esc(" Some parts are open to everyone.")
        facts.append(("Access", access))
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{val}</dd>" for k, val in facts)
    kind = esc(v.label("resource_types", entry.resource_types[0]) if entry.resource_types else entry.type.replace("-", " ").capitalize())
    out = front_matter(entry.title, description=entry.summary[:300], search={"exclude": True},
                       portal={"kind": "entry", "id": entry.id})
    out += block(
        f'<p class="portal-kicker">{kind}</p>'
        f"{status}"
        f'<p class="portal-summary">{esc(entry.summary)}</p>'
        f'<p>{ext(entry.url, f"Go to {entry.title} on the provider’s site", "md-button md-button--primary portal-out")}</p>'
        f'<dl class="portal-facts">{dl}</dl>',
        "portal-entry",
    )
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
    in_paths = catalog.in_pathways.get(entry.id, [])
    if in_paths:
        out += "## Learning pathways that include it\n\n"
        out += block(ul(a(here, urls.pathway(p), catalog.pathways[p].title) for p in in_paths), "portal-in-pathways")
    related = _related(catalog, entry, here)
    if related:
        out += "## Related entries\n\n" + block(related, "portal-related")
    if entry.runs:
        out += "## Dates\n\n" + block(_runs(entry), "portal-runs")
    checked = entry.reviewed or (max(s.checked for s in entry.sources) if entry.sources else "")
    review = f"Last reviewed {esc(checked)}. " if checked else ""
    out += block(
        f"<p>{review}Next review due by {esc(entry.review_by)}. "
        f"Facts such as cost and credits can change: check them with the provider. "
        f"{a(here, 'about/#how-entries-are-chosen', 'Listing is not endorsement')}.</p>"
        + (ul(ext(s.url, s.note or s.url) + f" (checked {esc(s.checked)})" for s in entry.sources) if entry.sources else ""),
        "portal-provenance",
    )
    return out


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
    children = catalog.children.get(entry.id, [])
    if children:
        shown = children[:50]
        more = f" and {len(children) - 50} more" if len(children) > 50 else ""
        items.append("Includes: " + ", ".join(link(c) for c in shown) + more)
    return ul(items)


def _runs(entry: Entry) -> str:
    rows = []
    for r in entry.runs:
        when = r.start.replace("T", " ")
        if r.end:
            when += f" to {r.end.replace('T', ' ')}"
        zone = f" ({r.timezone})" if r.timezone else ""
        parts = [f"<strong>{esc(r.title or r.id)}</strong>", esc(f"{when}{zone}")]
        if r.recurrence:
            rec = r.recurrence
            every = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year"}[rec.frequency]
            text = f"repeats every {rec.interval} {every}s" if rec.interval > 1 else f"repeats every {every}"
            if rec.by_day:
                text += f" on {', '.join(rec.by_day)}"
            if rec.count:
                text += f", {rec.count} sessions"
            if rec.until:
                text += f", until {rec.until}"
            parts.append(esc(text))
        if r.registration_deadline:
            parts.append(esc(f"register by {r.registration_deadline.replace('T', ' ')}"))
        if r.capacity:
            parts.append(esc(f"{r.capacity} places"))
        if r.location:
            parts.append(esc(r.location))
        elif r.online:
            parts.append("online")
        if r.status:
            parts.append(f"<em>{esc(r.status)}</em>")
        if r.url:
            parts.append(ext(r.url, "Details and booking"))
        rows.append(" · ".join(parts))
    return ul(rows)


def entry_card(catalog: Catalog, here: str, entry: Entry) -> str:
    """One entry in a listing: title link plus the key facts."""
    facts = [tiers_text(entry), time_text(entry) if entry.duration else "", cost_text(catalog, entry) if entry.cost else "",
             entry.provider]
    meta = " · ".join(esc(f) for f in facts if f)
    flag = " <em>(paused)</em>" if entry.status == "paused" else ""
    return (f'<li class="portal-card">{a(here, urls.entry(entry.id), entry.title)}{flag}'
            f'<br><span class="portal-meta">{meta}</span></li>')
