"""Pathway pages: the ordered steps, each with its reason, and the totals."""

from __future__ import annotations

from collections import defaultdict

from ..model import Catalog, Entry, Pathway, Step
from ..model.duration import format_minutes
from ..model.places import country_name
from . import urls
from .entry import cost_text, time_text
from ..pathways.passport import PASSPORT_CSS, PASSPORT_JS
from .badges import badge, badges, tier_badge
from .html import a, block, esc, front_matter, rel, ul


def step_minutes(catalog: Catalog, step: Step) -> tuple[int | None, bool]:
    """A step's study time and whether it is the curator's estimate rather than the provider's figure.

    The curator's time wins: it is set when the provider states none, or when the
    step asks for only some modules, which the entry's own duration would overstate.
    """
    if step.minutes:
        return step.minutes, True
    return catalog.entries[step.entry].minutes, False


def step_time_text(catalog: Catalog, step: Step) -> str:
    minutes, estimated = step_minutes(catalog, step)
    if estimated:
        return f"About {format_minutes(minutes or 0)} (curator's estimate)"
    entry = catalog.entries[step.entry]
    return time_text(entry) if entry.duration else "Time not stated by provider"


def step_cost_text(catalog: Catalog, step: Step) -> str:
    """The step's cost in brief: the provider's notes on who pays what stay on the entry's page."""
    entry = catalog.entries[step.entry]
    return cost_text(catalog, entry, note=False) if entry.cost else "Cost not stated"


def is_retired(catalog: Catalog, step: Step) -> bool:
    """The step's entry is no longer offered (a warning that ``portal build --lenient`` lets through)."""
    return catalog.entries[step.entry].status == "retired"


def retired_text(entry: Entry) -> str:
    """What a retired step says instead of its time, cost and link. The model keeps the date, not a reason."""
    when = f" on {entry.retired_on}" if entry.retired_on else ""
    return f"Retired{when}: no longer offered, so this step is not counted in the totals."


def totals(catalog: Catalog, pathway: Pathway) -> dict[str, object]:
    """Total time, what it costs and the credits it can earn, over the steps a learner can still take.

    Optional steps do not count, nor do retired ones: like the coverage counts and the
    competency pages, the totals describe only what is still offered.
    """
    minutes = 0
    estimated = 0
    estimated_minutes = 0
    unknown = 0
    paid: list[str] = []
    credits: dict[tuple[str, str], float] = defaultdict(float)
    up_to: set[tuple[str, str]] = set()
    retired: list[str] = []
    for step in pathway.steps:
        entry = catalog.entries[step.entry]
        if step.optional:
            continue
        if is_retired(catalog, step):
            retired.append(entry.id)
            continue
        step_time, is_estimate = step_minutes(catalog, step)
        if step_time:
            minutes += step_time
            if is_estimate:
                estimated += 1
                estimated_minutes += step_time
        else:
            unknown += 1
        if not entry.is_free:
            paid.append(entry.id)
        for c in entry.credits:
            if c.per == "course":
                key = (c.type, c.body)
                credits[key] += c.amount
                if c.up_to:
                    up_to.add(key)
    return {"minutes": minutes, "unknown_time": unknown, "estimated_steps": estimated,
            "estimated_minutes": estimated_minutes, "paid": paid, "credits": dict(credits), "up_to": up_to,
            "retired": retired}


def _steps(n: int) -> str:
    return f"{n} step{'s' if n != 1 else ''}"


def total_time_text(t: dict[str, object]) -> str:
    """The total time in words, saying how much of it is estimated and what is missing."""
    unknown = int(t["unknown_time"])  # type: ignore[call-overload]
    estimated = int(t["estimated_steps"])  # type: ignore[call-overload]
    if not t["minutes"]:
        return "Not stated by the providers" if unknown else "Not stated"
    time = format_minutes(t["minutes"])  # type: ignore[arg-type]
    if estimated and t["estimated_minutes"] == t["minutes"]:
        time = f"About {time}, all of it the curator's estimate"
    elif estimated:
        time = (f"About {time}, of which {format_minutes(t['estimated_minutes'])} is "  # type: ignore[arg-type]
                f"the curator's estimate for {_steps(estimated)}")
    if unknown:
        time = f"At least {time[0].lower()}{time[1:]}: the time for {_steps(unknown)} is not stated"
    return time


def totals_html(catalog: Catalog, pathway: Pathway) -> str:
    t = totals(catalog, pathway)
    paid = t["paid"]
    cost = "Free" if not paid else f"{len(paid)} of the steps cost money or need an account (see each step)"  # type: ignore[arg-type]
    credits = [f"{'up to ' if k in t['up_to'] else ''}{v:g} {catalog.vocab.label('credit_types', k[0])}"  # type: ignore[operator]
               + (f" ({k[1]})" if k[1] else "") for k, v in sorted(t["credits"].items())]  # type: ignore[attr-defined]
    time = total_time_text(t)
    retired = len(t["retired"])  # type: ignore[arg-type]
    if retired:
        time += f" (not counting {_steps(retired)} no longer offered)"
    rows = [("Total time", esc(time)), ("Cost", esc(cost)), ("Credits", esc("; ".join(credits)) or "None stated")]
    return "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)


def countries_text(codes: tuple[str, ...]) -> str:
    """'United Kingdom' or 'Canada and United States': the places a pathway serves, by name."""
    names = [country_name(c) for c in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _who_html(catalog: Catalog, pathway: Pathway, here: str) -> str:
    v = catalog.vocab
    who = [esc(pathway.for_whom)] if pathway.for_whom else []
    if pathway.professions:
        who.append(", ".join(a(here, urls.facet("professions", p), v.label("professions", p)) for p in pathway.professions))
    facts = (f"<dt>Who it is for</dt><dd>{'<br>'.join(who) or 'Anyone'}</dd>"
             f"<dt>Tier</dt><dd>{a(here, urls.tier(pathway.tier), f'Tier {pathway.tier}')}</dd>"
             + totals_html(catalog, pathway))
    if pathway.countries:
        facts += f"<dt>Serves</dt><dd>{esc(countries_text(pathway.countries))}</dd>"
    if pathway.audiences:
        facts += "<dt>Focus on</dt><dd>" + ", ".join(a(here, urls.facet("audiences", x), v.label("audiences", x)) for x in pathway.audiences) + "</dd>"
    return facts


def _glance(catalog: Catalog, pathway: Pathway) -> str:
    """One line before the steps: tier, number of steps, total time and cost (the details follow the steps)."""
    t = totals(catalog, pathway)
    n = len(pathway.steps)
    time = total_time_text(t) if t["minutes"] else "time not stated"
    time = time[0].lower() + time[1:]
    cost = "free" if not t["paid"] else "some steps cost money"
    # One line of plain text beside the tier's badge: every byte counts on a long pathway's 30 KB page.
    return f'<p class="portal-glance">{tier_badge(catalog, pathway.tier, short=True)} {_steps(n)} · {esc(time)} · {cost}</p>'


def _related(catalog: Catalog, pathway: Pathway, related: list[Pathway], here: str) -> str:
    """Links between the curated and the generated pathway of one role and tier."""
    if not related:
        return ""
    if pathway.generated:
        intro = "Curated for this role and tier, with a reason for each step:"
    else:
        intro = "Generated from the whole catalog for this role and tier:"
    return (f'<p class="portal-related">{intro} '
            + ", ".join(a(here, urls.pathway(p.id), p.title) for p in related) + ".</p>")


def _offers(catalog: Catalog, pathway: Pathway, here: str) -> str:
    """The competencies no step covers: entries not listed for this role that teach them, and what none teaches."""
    if not pathway.uncovered:
        return ""
    from ..pathways.generate import offers  # the page shows what the generator offers

    fw = catalog.framework
    offered = offers(catalog, pathway) if pathway.generated else []
    who = "role" if pathway.professions else "group"

    def names(cs: list[str]) -> str:
        by_subject: dict[str, list[int]] = {}
        for c in cs:
            by_subject.setdefault(fw.subject_of(c).name, []).append(fw.competencies[c].tier)
        return "; ".join(f"{s} (tier {', '.join(map(str, sorted(ts)))})" for s, ts in by_subject.items())

    out = '<div class="portal-no-print"><h2 id="gaps">What the steps do not cover</h2>'
    if offered:
        rows = [f"{a(here, urls.entry(eid), catalog.entries[eid].title)}<br><small>Adds {esc(names(cs))}</small>"
                for eid, cs in offered]
        out += (f"<p>These entries teach what the steps leave out, but they are not listed for this {who}: check "
                "with the provider that they suit you.</p>" + ul(rows))
    covered = {c for _, cs in offered for c in cs}
    rest = [c for c in pathway.uncovered if c not in covered]
    if rest:
        out += (f'<p>No entry in the catalog teaches {"these" if not offered else "the rest"} yet: '
                + ", ".join(a(here, urls.competency(c), names([c])) for c in rest) + ".</p>")
    return out + "</div>"


def render_pathway(catalog: Catalog, pathway: Pathway, related: list[Pathway] | None = None) -> str:
    """The pathway page: what it is in one line, then the numbered steps, then its details and the passport."""
    here = urls.pathway(pathway.id)
    steps = []
    for n, step in enumerate(pathway.steps, 1):
        e = catalog.entries[step.entry]
        optional = ' <span class="portal-badge">Optional</span>' if step.optional else ""
        modules = f"<p>Only: {esc(', '.join(step.modules))}</p>" if step.modules else ""
        if is_retired(catalog, step):
            # No time, cost or link to a course that is gone; the entry's own page still explains it.
            status = f'<p class="portal-status portal-status--retired">{esc(retired_text(e))}</p>'
            meta = f'<p class="portal-meta"><span class="portal-provider">{esc(e.provider)}</span></p>'
        else:
            status = ""
            # The step's title leads to the entry's page and its "Go to" button (with the provider's sign-in and
            # cost notes); the provider's own address is not repeated per step, within the page's 30 KB budget.
            meta = badges([badge(step_time_text(catalog, step), "time"), badge(step_cost_text(catalog, step), "cost")],
                          "p", f' <span class="portal-provider">{esc(e.provider)}</span>')
        # A retired step keeps its tick: a learner may have finished it before it was withdrawn.
        steps.append(
            f'<li class="portal-step" id="step-{n}" data-entry="{esc(e.id)}">'
            f'<h3>{a(here, urls.entry(e.id), e.title)}{optional}</h3>{status}'
            f'<p class="portal-reason">{esc(step.reason)}</p>{modules}{meta}'
            f'{PASSPORT_TICK}</li>'
        )
    kind = "Generated pathway" if pathway.generated else "Curated pathway"
    curator = f" by {esc(pathway.curator)}" if pathway.curator else ""
    # The steps come first: the title and one line of facts, then the steps; the summary is under "About".
    body = (f'<p class="portal-kicker">{kind}{curator}</p>'
            + _glance(catalog, pathway) + _related(catalog, pathway, related or [], here)
            + '<h2 id="steps">Steps</h2>'
            + (f'<ol class="portal-steps">{"".join(steps)}</ol>' if steps else
               '<p><strong>No entry in the catalog suits this yet.</strong></p>')
            + (PASSPORT_SIGN if steps else "") + _offers(catalog, pathway, here)
            + f'<h2 id="about">About this pathway</h2><p>{esc(pathway.summary)}</p>'
            f'<dl class="portal-facts">{_who_html(catalog, pathway, here)}</dl>'
            + passport_html(pathway, here, catalog.portal.id)
            + (f'<script src="{esc(rel(here, PASSPORT_JS))}" defer></script>' if steps else ""))
    # Generated pathways (one per role, tier and audience) only rearrange entries the site search already
    # finds; leaving them out of its index keeps the first visit light on a slow connection.
    hidden = {"search": {"exclude": True}} if pathway.generated else {}
    return front_matter(pathway.title, description=pathway.summary[:300], **hidden,
                        portal={"kind": "pathway", "id": pathway.id}) + block(body, "portal-pathway")


# A line for the appraiser, on paper only.
PASSPORT_SIGN = ('<p class="portal-print-only">Checked by (appraiser or supervisor): ____________________ '
                 'Date: ____________</p>')


# A step's line of the learning passport: done, and when. Plain form fields, so it prints without JS;
# the labels wrap their fields, which names them without ids (every byte counts on a 30 KB page).
PASSPORT_TICK = ('<p class="portal-tick"><label><input type="checkbox"> Done</label> '
                 '<label>Date completed <input type="date"></label></p>')


def passport_html(pathway: Pathway, here: str, portal_id: str = "portal") -> str:
    """The learning passport's head: the learner's name, what it is for, and (with JS) export and import.

    The steps below carry the ticks (``PASSPORT_TICK``); passport.js keeps them in localStorage only, under
    the portal's id, so two portals on one origin never share a learner's ticks or read each other's files.
    """
    if not pathway.steps:
        return ""
    return (
        f'<link rel="stylesheet" href="{esc(rel(here, PASSPORT_CSS))}">'
        f'<section class="portal-passport" id="passport" data-pathway="{esc(pathway.id)}" '
        f'data-portal="{esc(portal_id)}" '
        'aria-labelledby="passport-title"><h2 id="passport-title">Learning passport</h2>'
        '<p class="portal-passport-note">Tick each step above when you finish it, then print this page as evidence '
        'for appraisal or revalidation. Ticks stay in this browser and are never sent anywhere; export them to '
        'keep a copy or to move to another device.</p>'
        '<noscript><p class="portal-passport-note">JavaScript is off, so ticks are not kept: print this page and '
        'fill the passport in by hand.</p></noscript>'
        '<p class="portal-passport-learner"><label for="passport-learner">Learner\'s name</label> '
        '<input type="text" id="passport-learner" autocomplete="name" maxlength="120"></p>'
        '<div class="portal-passport-actions" hidden>'
        '<button type="button" class="md-button" data-passport="print">Print passport</button>'
        '<button type="button" class="md-button" data-passport="export">Export progress</button>'
        '<button type="button" class="md-button" data-passport="clear">Clear</button>'
        '<label for="passport-import">Import progress from a file</label> '
        '<input type="file" id="passport-import" accept=".json,application/json"></div>'
        '<p class="portal-passport-status" role="status"></p></section>')


def pathways_index(catalog: Catalog, generated: list[Pathway]) -> str:
    here = urls.pathways()
    curated = ul(f"{a(here, urls.pathway(p.id), p.title)}<br><span class=\"portal-meta\">"
                 + (f"For {esc(countries_text(p.countries))}. " if p.countries else "") + f"{esc(p.summary[:200])}</span>"
                 for p in catalog.pathways.values())
    body = ("<h2>Curated pathways</h2><p>Written by curators, with the reason for each step.</p>" + (curated or "<p>None yet.</p>"))
    if generated:
        body += generated_index(catalog, generated, here)
    return front_matter("Learning pathways") + block(body, "portal-pathways")


def generated_index(catalog: Catalog, generated: list[Pathway], here: str) -> str:
    """Generated pathways, compactly: a role × tier table, then a list by audience."""

    def brief(p: Pathway) -> str:
        n, gaps = len(p.steps), len(p.uncovered)
        return f"{n} step{'' if n == 1 else 's'}" + (f", {gaps} gap{'' if gaps == 1 else 's'}" if gaps else "")

    tiers = sorted(catalog.framework.tiers)
    grid: dict[str, dict[int, Pathway]] = {}
    focused = []
    for p in generated:
        if p.audiences:
            focused.append(p)
        elif p.professions:
            grid.setdefault(p.professions[0], {})[p.tier] = p
    out = ("<h2>A pathway for every role and tier</h2><p>Worked out from the catalog: the fewest, shortest and most "
           "open entries that together cover what the framework expects at each tier (each tier builds on the ones "
           "below it). A gap is a competency no suitable entry teaches yet.</p>")
    if grid:
        head = "".join(f'<th scope="col">Tier {t}</th>' for t in tiers)
        rows = []
        for prof, by_tier in grid.items():
            cells = "".join(f"<td>{a(here, urls.pathway(by_tier[t].id), brief(by_tier[t]))}</td>" if t in by_tier
                            else "<td></td>" for t in tiers)
            rows.append(f'<tr><th scope="row">{esc(catalog.vocab.label("professions", prof))}</th>{cells}</tr>')
        out += (f'<div class="portal-pathway-grid"><table><caption>By role, then tier</caption><thead><tr>'
                f'<th scope="col">Role</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    if focused:
        out += (f"<h2>{esc(catalog.portal.name('audiences').title)}</h2><p>Only entries that focus on the group, up to tier "
                f"{max(p.tier for p in focused)}.</p>"
                + ul(f'{a(here, urls.pathway(p.id), catalog.vocab.label("audiences", p.audiences[0]))} '
                     f'<span class="portal-meta">{brief(p)}</span>' for p in focused))
    return out
