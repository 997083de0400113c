"""Pathway pages: the ordered steps, each with its reason, and the totals."""

from __future__ import annotations

from collections import defaultdict

from ..i18n import _, compose, join_marked, localized, mark, mark_format, ngettext, pgettext
from ..model import Catalog, Entry, Pathway, Step
from ..model.duration import format_minutes
from ..model.places import country_name
from . import urls
from .entry import cost_text, entry_link, time_text
from ..pathways.passport import PASSPORT_CSS, PASSPORT_JS
from .badges import badge, badges, cut, tier_badge
from .html import DESCRIPTION_CHARS, a, block, esc, front_matter, heading, rel, short, ul


def pathway_words(pathway: Pathway, text: str) -> str:
    """Words of a curated pathway other than its title, summary and 'for' (:meth:`Pathway.words`): a step's reason
    or modules, its curator; in the language the curator wrote them in, marked on a page in another. A generated
    pathway's are written in the active language already."""
    return text if pathway.generated else localized(text, pathway.source_language)


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
        return _("About {time} (curator's estimate)").format(time=format_minutes(minutes or 0))
    entry = catalog.entries[step.entry]
    return time_text(entry) if entry.duration else _("Time not stated by provider")


def step_cost_text(catalog: Catalog, step: Step) -> str:
    """The step's cost in brief: the provider's notes on who pays what stay on the entry's page."""
    entry = catalog.entries[step.entry]
    return cost_text(catalog, entry, note=False) if entry.cost else _("Cost not stated")


def is_retired(catalog: Catalog, step: Step) -> bool:
    """The step's entry is no longer offered (a warning that ``portal build --lenient`` lets through)."""
    return catalog.entries[step.entry].status == "retired"


def retired_text(entry: Entry) -> str:
    """What a retired step says instead of its time, cost and link. The model keeps the date, not a reason."""
    if entry.retired_on:
        return _("Retired on {date}: no longer offered, so this step is not counted in the totals.").format(
            date=entry.retired_on)
    return _("Retired: no longer offered, so this step is not counted in the totals.")


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
    return ngettext("{n} step", "{n} steps", n).format(n=n)


def total_time_text(t: dict[str, object]) -> str:
    """The total time in words, saying how much of it is estimated and what is missing."""
    unknown = int(t["unknown_time"])  # type: ignore[call-overload]
    estimated = int(t["estimated_steps"])  # type: ignore[call-overload]
    if not t["minutes"]:
        return _("Not stated by the providers") if unknown else _("Not stated")
    time = format_minutes(t["minutes"])  # type: ignore[arg-type]
    if estimated and t["estimated_minutes"] == t["minutes"]:
        time = _("About {time}, all of it the curator's estimate").format(time=time)
    elif estimated:
        time = ngettext("About {time}, of which {estimate} is the curator's estimate for {n} step",
                        "About {time}, of which {estimate} is the curator's estimate for {n} steps", estimated).format(
            time=time, estimate=format_minutes(t["estimated_minutes"]), n=estimated)  # type: ignore[arg-type]
    if unknown:
        time = ngettext("At least {time}: the time for {n} step is not stated",
                        "At least {time}: the time for {n} steps is not stated", unknown).format(
            time=f"{time[0].lower()}{time[1:]}", n=unknown)
    return time


def totals_html(catalog: Catalog, pathway: Pathway) -> str:
    t = totals(catalog, pathway)
    paid = t["paid"]
    cost = _("Free") if not paid else ngettext(
        "{n} of the steps costs money or needs an account (see each step)",
        "{n} of the steps cost money or need an account (see each step)", len(paid)).format(n=len(paid))  # type: ignore[arg-type]
    credits = [(_("up to {amount}").format(amount=f"{v:g}") if k in t["up_to"] else f"{v:g}")  # type: ignore[operator]
               + f" {catalog.vocab.label('credit_types', k[0])}"
               + (f" ({k[1]})" if k[1] else "") for k, v in sorted(t["credits"].items())]  # type: ignore[attr-defined]
    time = total_time_text(t)
    retired = len(t["retired"])  # type: ignore[arg-type]
    if retired:
        time += " " + ngettext("(not counting {n} step no longer offered)", "(not counting {n} steps no longer offered)",
                               retired).format(n=retired)
    rows = [(_("Total time"), mark(time)), (pgettext("fact", "Cost"), mark(cost)),
            (pgettext("fact", "Credits"), esc("; ".join(credits)) or mark(_("None stated")))]
    return "".join(f"<dt>{mark(k)}</dt><dd>{v}</dd>" for k, v in rows)


def countries_text(codes: tuple[str, ...]) -> str:
    """'United Kingdom' or 'Canada and United States': the places a pathway serves, by name."""
    names = [country_name(c) for c in codes]
    if len(names) == 1:
        return names[0]
    return compose(_("{list} and {last}"), list=join_marked(", ", names[:-1]), last=names[-1])  # each name marked


def _who_html(catalog: Catalog, pathway: Pathway, here: str) -> str:
    v = catalog.vocab
    who = [mark(pathway.words("for"))] if pathway.for_whom else []
    if pathway.professions:
        who.append(", ".join(a(here, urls.facet("professions", p), v.label("professions", p)) for p in pathway.professions))
    tier = a(here, urls.tier(pathway.tier), _("Tier {number}").format(number=pathway.tier))
    facts = (f"<dt>{mark(_('Who it is for'))}</dt><dd>{'<br>'.join(who) or mark(_('Anyone'))}</dd>"
             f"<dt>{mark(pgettext('fact', 'Tier'))}</dt><dd>{tier}</dd>"
             + totals_html(catalog, pathway))
    if pathway.countries:
        facts += f"<dt>{mark(_('Serves'))}</dt><dd>{mark(countries_text(pathway.countries))}</dd>"
    if pathway.audiences:
        facts += f"<dt>{mark(_('Focus on'))}</dt><dd>" + ", ".join(a(here, urls.facet("audiences", x), v.label("audiences", x)) for x in pathway.audiences) + "</dd>"
    if pathway.reviewed or not pathway.generated:  # a generated pathway has no curator to review it
        review = (_("Last reviewed {date}; next review due by {due}") if pathway.reviewed else
                  _("Next review due by {due}")).format(date=pathway.reviewed, due=pathway.review_by)
        facts += f"<dt>{mark(_('Review'))}</dt><dd>{mark(review)}</dd>"
    return facts


def _glance(catalog: Catalog, pathway: Pathway) -> str:
    """One line before the steps: tier, number of steps, total time and cost (the details follow the steps)."""
    t = totals(catalog, pathway)
    n = len(pathway.steps)
    time = total_time_text(t) if t["minutes"] else _("time not stated")
    time = time[0].lower() + time[1:]
    cost = pgettext("cost", "free") if not t["paid"] else _("some steps cost money")
    # One line of plain text beside the tier's badge: every byte counts on a long pathway's 30 KB page.
    glance = _("{steps} · {time} · {cost}").format(steps=_steps(n), time=time, cost=cost)
    return f'<p class="portal-glance">{tier_badge(catalog, pathway.tier, short=True)} {mark(glance)}</p>'


def _related(catalog: Catalog, pathway: Pathway, related: list[Pathway], here: str) -> str:
    """Links between the curated and the generated pathway of one role and tier."""
    if not related:
        return ""
    if pathway.generated:
        intro = _("Curated for this role and tier, with a reason for each step:")
    else:
        intro = _("Generated from the whole catalog for this role and tier:")
    return (f'<p class="portal-related">{mark(intro)} '
            + ", ".join(a(here, urls.pathway(p.id), p.words("title")) for p in related) + ".</p>")


def _offers(catalog: Catalog, pathway: Pathway, here: str) -> str:
    """The competencies no step covers: entries not listed for this role that teach them, and what none teaches."""
    if not pathway.uncovered:
        return ""
    from ..pathways.generate import offers  # the page shows what the generator offers

    fw = catalog.framework
    offered = offers(catalog, pathway) if pathway.generated else []

    def names(cs: list[str]) -> str:
        by_subject: dict[str, list[int]] = {}
        for c in cs:
            by_subject.setdefault(fw.subject_of(c).name, []).append(fw.competencies[c].tier)
        return join_marked("; ", [compose(_("{subject} (tier {tiers})"), subject=s, tiers=", ".join(map(str, sorted(ts))))
                                  for s, ts in by_subject.items()])

    out = f'<div class="portal-no-print"><h2 id="gaps">{mark(_("What the steps do not cover"))}</h2>'
    if offered:
        rows = [f"{entry_link(here, catalog.entries[eid])}<br>"
                f"<small>{mark_format(_('Adds {competencies}'), competencies=names(cs))}</small>"
                for eid, cs in offered]
        if pathway.professions:
            warn = _("These entries teach what the steps leave out, but they are not listed for this role: check "
                     "with the provider that they suit you.")
        else:
            warn = _("These entries teach what the steps leave out, but they are not listed for this group: check "
                     "with the provider that they suit you.")
        out += f"<p>{mark(warn)}</p>" + ul(rows)
    covered = {c for _cid, cs in offered for c in cs}
    rest = [c for c in pathway.uncovered if c not in covered]
    if rest:
        none = _("No entry in the catalog teaches these yet:") if not offered else \
            _("No entry in the catalog teaches the rest yet:")
        out += (f"<p>{mark(none)} "
                + ", ".join(a(here, urls.competency(c), names([c])) for c in rest) + ".</p>")
    return out + "</div>"


def render_pathway(catalog: Catalog, pathway: Pathway, related: list[Pathway] | None = None) -> str:
    """The pathway page: what it is in one line, then the numbered steps, then its details and the passport."""
    here = urls.pathway(pathway.id)
    steps = []
    tick = passport_tick()
    for n, step in enumerate(pathway.steps, 1):
        e = catalog.entries[step.entry]
        optional = f' <span class="portal-badge">{mark(pgettext("a step", "Optional"))}</span>' if step.optional else ""
        only = join_marked(", ", [pathway_words(pathway, m) for m in step.modules])
        modules = (f"<p>{mark_format(_('Only: {modules}'), modules=only)}</p>"
                   if step.modules else "")
        if is_retired(catalog, step):
            # No time, cost or link to a course that is gone; the entry's own page still explains it.
            status = f'<p class="portal-status portal-status--retired">{mark(retired_text(e))}</p>'
            meta = f'<p class="portal-meta">{esc(e.provider)}</p>'
        else:
            status = ""
            # The step's title leads to the entry's page and its "Go to" button (with the provider's sign-in and
            # cost notes); the provider's own address is not repeated per step, within the page's 30 KB budget.
            meta = badges([badge(step_time_text(catalog, step), "time"), badge(step_cost_text(catalog, step), "cost")],
                          "p", f" {esc(e.provider)}")
        # A retired step keeps its tick: a learner may have finished it before it was withdrawn. The step's
        # markup is as short as its styles allow (no class on the item, the provider as plain text, the entry's
        # id read by passport.js from the title's link): it repeats up to sixty times within the 30 KB budget.
        steps.append(
            f'<li id="step-{n}">'
            f'<h3>{entry_link(here, e)}{optional}</h3>{status}'
            f'<p class="portal-why">{mark(pathway_words(pathway, step.reason))}</p>{modules}{meta}'
            f'{tick}</li>'
        )
    if pathway.curator:
        kind = compose(_("Generated pathway by {curator}") if pathway.generated
                       else _("Curated pathway by {curator}"), curator=pathway_words(pathway, pathway.curator))
    else:
        kind = _("Generated pathway") if pathway.generated else _("Curated pathway")
    # The steps come first: the title and one line of facts, then the steps; the summary is under "About".
    title = pathway.words("title")
    body = (heading(title) + f'<p class="portal-kicker">{mark(kind)}</p>'
            + _glance(catalog, pathway) + _related(catalog, pathway, related or [], here)
            + f'<h2 id="steps">{mark(_("Steps"))}</h2>'
            + (f'<ol class="portal-steps">{"".join(steps)}</ol>' if steps else
               f'<p><strong>{mark(_("No entry in the catalog suits this yet."))}</strong></p>')
            + (passport_sign() if steps else "") + _offers(catalog, pathway, here)
            + f'<h2 id="about">{mark(_("About this pathway"))}</h2><p>{mark(pathway.words("summary"))}</p>'
            f'<dl class="portal-facts">{_who_html(catalog, pathway, here)}</dl>'
            + passport_html(pathway, here, catalog.portal.id)
            + (f'<script src="{esc(rel(here, PASSPORT_JS))}" defer></script>' if steps else ""))
    # Generated pathways (one per role, tier and audience) only rearrange entries the site search already
    # finds; leaving them out of its index keeps the first visit light on a slow connection.
    hidden = {"search": {"exclude": True}} if pathway.generated else {}
    return front_matter(title, description=short(pathway.summary, DESCRIPTION_CHARS), **hidden,
                        portal={"kind": "pathway", "id": pathway.id}) + block(body, "portal-pathway")


def passport_sign() -> str:
    """A line for the appraiser, on paper only."""
    return (f'<p class="portal-print-only">{mark(_("Checked by (appraiser or supervisor):"))} ____________________ '
            f'{mark(_("Date:"))} ____________</p>')


def passport_tick() -> str:
    """A step's line of the learning passport: done, and when. Plain form fields, so it prints without JS;
    the labels wrap their fields, which names them without ids (every byte counts on a 30 KB page)."""
    return (f'<p class="portal-tick"><label><input type="checkbox"> {mark(pgettext("a step", "Done"))}</label> '
            f'<label>{mark(_("Date completed"))} <input type="date"></label></p>')


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
        f'aria-labelledby="passport-title"><h2 id="passport-title">{mark(_("Learning passport"))}</h2>'
        '<p class="portal-passport-note">'
        + mark(_("Tick each step above when you finish it, then print this page as evidence for appraisal or "
                 "revalidation. Ticks stay in this browser and are never sent anywhere; export them to keep a copy "
                 "or to move to another device."))
        + '</p><noscript><p class="portal-passport-note">'
        + mark(_("JavaScript is off, so ticks are not kept: print this page and fill the passport in by hand."))
        + '</p></noscript>'
        + '<p class="portal-passport-learner"><label for="passport-learner">' + mark(_("Learner's name")) + '</label> '
        '<input type="text" id="passport-learner" autocomplete="name" maxlength="120"></p>'
        '<div class="portal-passport-actions" hidden>'
        f'<button type="button" class="md-button" data-passport="print">{mark(_("Print passport"))}</button>'
        f'<button type="button" class="md-button" data-passport="export">{mark(_("Export progress"))}</button>'
        f'<button type="button" class="md-button" data-passport="clear">{mark(pgettext("passport", "Clear"))}</button>'
        f'<label for="passport-import">{mark(_("Import progress from a file"))}</label> '
        '<input type="file" id="passport-import" accept=".json,application/json"></div>'
        '<p class="portal-passport-status" role="status"></p></section>')


def pathways_index(catalog: Catalog, generated: list[Pathway]) -> str:
    here = urls.pathways()
    curated = ul(f"{a(here, urls.pathway(p.id), p.words('title'))}<br><span class=\"portal-meta\">"
                 + (mark(compose(_("For {countries}."), countries=countries_text(p.countries))) + " " if p.countries else "")
                 + f"{mark(cut(p.words('summary'), 200))}</span>"
                 for p in catalog.pathways.values())
    body = (f"<h2>{mark(_('Curated pathways'))}</h2><p>{mark(_('Written by curators, with the reason for each step.'))}</p>"
            + (curated or f"<p>{mark(_('None yet.'))}</p>"))
    if generated:
        body += generated_index(catalog, generated, here)
    return front_matter(_("Learning pathways")) + block(body, "portal-pathways")


def generated_index(catalog: Catalog, generated: list[Pathway], here: str) -> str:
    """Generated pathways, compactly: a role × tier table, then a list by audience."""

    def brief(p: Pathway) -> str:
        n, gaps = len(p.steps), len(p.uncovered)
        text = _steps(n)
        return _("{steps}, {gaps}").format(steps=text, gaps=ngettext("{n} gap", "{n} gaps", gaps).format(n=gaps)) \
            if gaps else text

    tiers = sorted(catalog.framework.tiers)
    grid: dict[str, dict[int, Pathway]] = {}
    focused = []
    for p in generated:
        if p.audiences:
            focused.append(p)
        elif p.professions:
            grid.setdefault(p.professions[0], {})[p.tier] = p
    out = (f"<h2>{mark(_('A pathway for every role and tier'))}</h2><p>"
           + mark(_("Worked out from the catalog: the fewest, shortest and most open entries that together cover what "
                    "the framework expects at each tier (each tier builds on the ones below it). A gap is a competency "
                    "no suitable entry teaches yet.")) + "</p>")
    if grid:
        head = "".join(f'<th scope="col">{mark(_("Tier {number}").format(number=t))}</th>' for t in tiers)
        rows = []
        for prof, by_tier in grid.items():
            cells = "".join(f"<td>{a(here, urls.pathway(by_tier[t].id), brief(by_tier[t]))}</td>" if t in by_tier
                            else "<td></td>" for t in tiers)
            rows.append(f'<tr><th scope="row">{mark(catalog.vocab.label("professions", prof))}</th>{cells}</tr>')
        out += (f'<div class="portal-pathway-grid"><table><caption>{mark(_("By role, then tier"))}</caption><thead><tr>'
                f'<th scope="col">{mark(_("Role"))}</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    if focused:
        only = _("Only entries that focus on the group, up to tier {tier}.").format(tier=max(p.tier for p in focused))
        out += (f"<h2>{mark(catalog.portal.name('audiences').title)}</h2><p>{mark(only)}</p>"
                + ul(f'{a(here, urls.pathway(p.id), catalog.vocab.label("audiences", p.audiences[0]))} '
                     f'<span class="portal-meta">{brief(p)}</span>' for p in focused))
    return out
