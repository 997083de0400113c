"""Pathway pages: the ordered steps, each with its reason, and the totals."""

from __future__ import annotations

from collections import defaultdict

from ..model import Catalog, Pathway
from ..model.duration import format_minutes
from . import urls
from .entry import cost_text, time_text
from .html import a, block, esc, ext, front_matter, ul


def totals(catalog: Catalog, pathway: Pathway) -> dict[str, object]:
    """Total time, what it costs and the credits it can earn, over the non-optional steps."""
    minutes = 0
    unknown = 0
    paid: list[str] = []
    credits: dict[tuple[str, str], float] = defaultdict(float)
    up_to: set[tuple[str, str]] = set()
    for step in pathway.steps:
        entry = catalog.entries[step.entry]
        if step.optional:
            continue
        if entry.minutes:
            minutes += entry.minutes
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
    return {"minutes": minutes, "unknown_time": unknown, "paid": paid, "credits": dict(credits), "up_to": up_to}


def totals_html(catalog: Catalog, pathway: Pathway) -> str:
    t = totals(catalog, pathway)
    time = format_minutes(t["minutes"]) if t["minutes"] else "not stated"  # type: ignore[arg-type]
    if t["unknown_time"]:
        time += f", plus {t['unknown_time']} step{'s' if t['unknown_time'] != 1 else ''} whose time is not stated"
    paid = t["paid"]
    cost = "Free" if not paid else f"{len(paid)} of the steps cost money or need an account (see each step)"  # type: ignore[arg-type]
    credits = [f"{'up to ' if k in t['up_to'] else ''}{v:g} {catalog.vocab.label('credit_types', k[0])}"  # type: ignore[operator]
               + (f" ({k[1]})" if k[1] else "") for k, v in sorted(t["credits"].items())]  # type: ignore[attr-defined]
    rows = [("Total time", esc(time)), ("Cost", esc(cost)), ("Credits", esc("; ".join(credits)) or "None stated")]
    return "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)


def render_pathway(catalog: Catalog, pathway: Pathway) -> str:
    here = urls.pathway(pathway.id)
    v = catalog.vocab
    who = [esc(pathway.for_whom)] if pathway.for_whom else []
    if pathway.professions:
        who.append(", ".join(a(here, urls.facet("professions", p), v.label("professions", p)) for p in pathway.professions))
    facts = (f"<dt>Who it is for</dt><dd>{'<br>'.join(who) or 'Anyone'}</dd>"
             f"<dt>Tier</dt><dd>{a(here, urls.tier(pathway.tier), f'Tier {pathway.tier}')}</dd>"
             + totals_html(catalog, pathway))
    if pathway.audiences:
        facts += "<dt>Focus on</dt><dd>" + ", ".join(a(here, urls.facet("audiences", x), v.label("audiences", x)) for x in pathway.audiences) + "</dd>"
    steps = []
    for n, step in enumerate(pathway.steps, 1):
        e = catalog.entries[step.entry]
        optional = " <em>(optional)</em>" if step.optional else ""
        modules = f"<p>Only: {esc(', '.join(step.modules))}</p>" if step.modules else ""
        steps.append(
            f'<li class="portal-step" id="step-{n}" data-entry="{esc(e.id)}">'
            f'<h3>{a(here, urls.entry(e.id), e.title)}{optional}</h3>'
            f'<p class="portal-reason">{esc(step.reason)}</p>{modules}'
            f'<p class="portal-meta">{esc(e.provider)} · {esc(time_text(e))} · {esc(cost_text(catalog, e))} · '
            f'{ext(e.url, "Go to provider")}</p></li>'
        )
    uncovered = ""
    if pathway.uncovered:
        uncovered = ("<h2>What no entry covers yet</h2><p>No suitable entry in the catalog teaches these, so this "
                     "pathway cannot cover them:</p>"
                     + ul(a(here, urls.competency(c), f"{catalog.framework.subject_of(c).name} (tier {catalog.framework.competencies[c].tier})")
                          for c in pathway.uncovered))
    kind = "Generated pathway" if pathway.generated else "Curated pathway"
    curator = f" by {esc(pathway.curator)}" if pathway.curator else ""
    body = (f'<p class="portal-kicker">{kind}{curator}</p><p class="portal-summary">{esc(pathway.summary)}</p>'
            f'<dl class="portal-facts">{facts}</dl>'
            f'<h2 id="steps">Steps</h2><ol class="portal-steps">{"".join(steps)}</ol>{uncovered}')
    return front_matter(pathway.title, description=pathway.summary[:300],
                        portal={"kind": "pathway", "id": pathway.id}) + block(body, "portal-pathway")


def pathways_index(catalog: Catalog, generated: list[Pathway]) -> str:
    here = urls.pathways()
    curated = ul(f"{a(here, urls.pathway(p.id), p.title)}<br><span class=\"portal-meta\">{esc(p.summary[:200])}</span>"
                 for p in catalog.pathways.values())
    gen = ul(a(here, urls.pathway(p.id), p.title) for p in generated)
    body = ("<h2>Curated pathways</h2><p>Written by curators, with the reason for each step.</p>" + (curated or "<p>None yet.</p>"))
    if generated:
        body += ("<h2>A pathway for every role and tier</h2><p>Worked out from the catalog: the fewest, shortest and "
                 "most open entries that together cover what the framework expects at each tier.</p>" + gen)
    return front_matter("Learning pathways") + block(body, "portal-pathways")
