"""The framework pages: an overview, and one page per competency statement."""

from __future__ import annotations

from ..i18n import _, compose, join_marked, localized, mark, mark_format, pgettext
from ..model import Catalog
from ..model.framework import Framework, Provenance, Subject
from . import urls
from .badges import entry_card
from .html import a, block, esc, ext, front_matter, heading, ul

# A competency page lists what teaches it; past this many, the catalog's filters take over.
# 40 cards keep the page under the 30 KB HTML budget (at 60 it measured 30.4 KB; benchmarks/).
MAX_LISTED = 20  # each card carries its badges: 20 keep the page within the 30 KB budget


def provenance_text(prov: Provenance, what: str = "") -> str:
    """A plain sentence on where something comes from; empty when nothing was stated."""
    if not prov.status:
        return ""
    label = _("{status} {what}").format(status=prov.label, what=what) if what else prov.label
    note = f" {mark(localized(prov.note))}" if prov.note else ""
    source = f" ({ext(prov.source, pgettext('a link to it', 'source'))})" if prov.source else ""
    return (f'<span class="portal-provenance" data-provenance="{esc(prov.status)}"><strong>{mark(label)}.</strong>'
            f'{note}{source}</span>')


def subject_label(s: Subject) -> str:
    """A subject's name, with its number only when the number is the framework's own."""
    if s.public_code:
        code = _("(subject {code}, confirmed)").format(code=s.public_code.lstrip("Ss"))
        return f"<strong>{mark(s.name)}</strong> {mark(code)}"
    flag = _("number unconfirmed") if s.code else _("the portal's own subject") if s.provenance.status == "portal" else ""
    return f"<strong>{mark(s.name)}</strong>" + (f' <span class="portal-provenance-mark">({mark(flag)})</span>' if flag else "")


def crosswalk_name(fw: Framework, key: str) -> str:
    cw = fw.crosswalks.get(key)
    return localized(cw.name) if cw else key.upper()


def _framework_intro(fw: Framework, here: str) -> str:
    parts = [f"<p>{mark_format(_('{title}, version {version}.'), title=localized(fw.title), version=fw.version)}</p>"]
    if fw.summary:
        parts.append(f"<p>{mark(localized(fw.summary))}</p>")
    if fw.scope.note:
        parts.append(f"<p><strong>{mark(_('Scope.'))}</strong> {mark(localized(fw.scope.note))}</p>")
    if fw.note:
        title = mark(_("What is the framework's and what is the portal's"))
        parts.append(f'<div class="admonition note"><p class="admonition-title">{title}</p>'
                     f"<p>{mark(localized(fw.note))}</p><p>{a(here, urls.framework_provenance(), _('Where each part comes from'))}</p></div>")
    succ = fw.successor
    if succ:
        parts.append(f"<h2 id=\"next-version\">{mark_format(_('Next version: {title}'), title=localized(succ.get('title', '')))}</h2>"
                     f"<p>{mark(localized(succ.get('note', '')))}</p>")
    tiers = []
    for t in (fw.tiers[n] for n in sorted(fw.tiers)):
        wording = _("{status} wording").format(status=t.provenance.label.lower())
        flag = f' <span class="portal-provenance-mark">({mark(wording)})</span>' if t.provenance.status else ""
        name = compose(_("Tier {number}: {name}"), number=t.tier, name=t.name)
        tiers.append(f"<strong>{a(here, urls.tier(t.tier), name)}</strong>{flag}. {mark(t.summary)}")
    parts.append(f"<h2 id=\"tiers\">{mark(_('Tiers'))}</h2>" + ul(tiers))
    return "".join(parts)


def _provenance_page(fw: Framework) -> str:
    """The long account: each tier's, the grouping's and each crosswalk's provenance, and the sources."""
    here = urls.framework_provenance()
    tiers = []
    for t in (fw.tiers[n] for n in sorted(fw.tiers)):
        levels = "; ".join(f"{mark(crosswalk_name(fw, k))}: {mark(localized(v))}" for k, v in t.crosswalk)
        name = compose(_("Tier {number}: {name}"), number=t.tier, name=t.name)
        tiers.append(f"<strong>{mark(name)}.</strong> {provenance_text(t.provenance, _('tier definition'))}"
                     + (f"<br>{mark(_('Matching levels elsewhere:'))} {levels}." if levels else ""))
    layer = fw.domain_layer
    layer_prov = provenance_text(Provenance.from_data(layer.get("provenance")))
    subjects = ul(f"{subject_label(s)}. {provenance_text(s.provenance)}" for s in fw.subjects.values() if s.provenance.status)
    crosswalks = ul(f"<strong>{mark(localized(c.name))}</strong>. {provenance_text(c.provenance, _('mapping'))}"
                    for c in fw.crosswalks.values())
    src = ul(ext(s["url"], localized(s.get("title")) or s["url"])
             + (" " + mark(_("(checked {date})").format(date=s["checked"])) if s.get("checked") else "")
             for s in fw.sources)
    succ_src = ul(ext(s["url"], localized(s.get("title")) or s["url"]) for s in fw.successor.get("sources", ()))
    intro = _("{framework}: what a primary source confirms, what comes from a secondary source and is not yet "
              "confirmed, and what is the portal's own.")
    body = ("<p>" + mark(intro).replace("{framework}", a(here, urls.competencies(), localized(fw.short_title or fw.title))) + "</p>"
            + f"<h2 id=\"tiers\">{mark(_('Tiers'))}</h2>" + ul(tiers)
            + (f"<h2 id=\"grouping\">{mark(localized(layer.get('name')) or _('Domains'))}</h2><p>{layer_prov}</p>" if layer_prov else "")
            + (f"<h2 id=\"subjects\">{mark(_('Subjects'))}</h2>{subjects}" if subjects else "")
            + (f"<h2 id=\"statements\">{mark(_('Statements'))}</h2><p>{provenance_text(fw.statements_provenance)}</p>"
               if fw.statements_provenance.status else "")
            + (f"<h2 id=\"crosswalks\">{mark(_('Other frameworks'))}</h2>{crosswalks}" if fw.crosswalks else "")
            + (f"<h2 id=\"sources\">{mark(_('Sources'))}</h2>{src}" if fw.sources else "")
            + (f"<h2 id=\"next-version\">{mark(_('Sources on the next version'))}</h2>{succ_src}"
               if fw.successor.get("sources") else ""))
    title = compose(_("Where the framework comes from: {framework}"), framework=localized(fw.short_title or fw.title))
    return front_matter(title) + block(heading(title) + body, "portal-framework")


def competency_pages(catalog: Catalog) -> dict[str, str]:
    fw = catalog.framework
    out: dict[str, str] = {}
    index = urls.competencies()
    sections = []
    for domain in fw.domains.values():
        subjects = [s for s in fw.subjects.values() if s.domain == domain.id]
        rows = []
        for s in subjects:
            cells = []
            for t in sorted(fw.tiers):
                comp = next((c for c in fw.competencies.values() if c.subject == s.id and c.tier == t), None)
                if comp:
                    n = len(catalog.by_competency.get(comp.id, []))
                    own = " *" if fw.competencies[comp.id].provenance.status == "portal" else ""
                    cells.append(a(index, urls.competency(comp.id), _("Tier {number}").format(number=t)) + esc(own)
                                 + f' <span class="portal-count">({n})</span>')
            rows.append(f"{subject_label(s)}: " + " · ".join(cells))
        sections.append(f"<h3 id=\"{esc(domain.id)}\">{mark(domain.name)}</h3><p>{mark(domain.summary)}</p>{ul(rows)}")
    layer = fw.domain_layer
    layer_name = localized(layer.get("name")) or _("Domains")
    layer_intro = f"<p>{mark(localized(layer['summary']))}</p>" if layer.get("summary") else ""
    layer_prov = provenance_text(Provenance.from_data(layer.get("provenance")))
    statements = fw.statements_provenance
    legend = ("<p>" + mark(_("Numbers in brackets count the catalog entries that teach each statement."))
              + " " + mark(_("A subject number is shown only where a primary source confirms it."))
              + (" " + mark_format(_("Every statement is {status}: {note}"), status=statements.label.lower(),
                                   note=localized(statements.note))
                 if statements.status == "portal" else "")
              + " " + mark(_("A star (*) marks a statement the framework may not have at that tier at all.")) + "</p>")
    grouped = compose(_("Subjects, grouped by {grouping}"), grouping=layer_name)
    title = compose(_("Competencies: {framework}"), framework=localized(fw.short_title or fw.title))
    out[index] = front_matter(title) + block(
        heading(title) + _framework_intro(fw, index)
        + f"<h2 id=\"subjects\">{mark(grouped)}</h2>{layer_intro}"
        + (f"<p>{layer_prov}</p>" if layer_prov else "") + legend
        + "".join(sections)
        + f"<p>{a(index, urls.framework_provenance(), _('Where each part comes from, and the sources'))}</p>",
        "portal-framework")
    out[urls.framework_provenance()] = _provenance_page(fw)
    for comp in fw.competencies.values():
        here = urls.competency(comp.id)
        subject = fw.subjects[comp.subject]
        domain = fw.domains[subject.domain]
        teaching = [catalog.entries[e] for e in catalog.by_competency.get(comp.id, []) if catalog.entries[e].status != "retired"]
        teaching.sort(key=lambda e: (e.minutes is None, e.minutes or 0, e.title.lower()))
        listed = teaching[:MAX_LISTED]
        others = [c for c in fw.competencies.values() if c.subject == comp.subject and c.id != comp.id]
        tier_link = a(here, urls.tier(comp.tier), _("Tier {number}").format(number=comp.tier))
        body = (f'<p class="portal-kicker">{mark(domain.name)} · {tier_link}</p>'
                f'<p class="portal-summary">{mark(comp.statement)}</p>')
        prov = provenance_text(fw.statement_provenance(comp.id), _("statement"))
        if prov:
            body += f"<p>{prov}</p>"
        if subject.public_code:
            body += f"<p>{mark(_('Framework subject {code} (confirmed).').format(code=subject.public_code.lstrip('Ss')))}</p>"
        if comp.indicators:
            body += f"<h2>{mark(_('What it looks like in practice'))}</h2>" + ul(mark(localized(i)) for i in comp.indicators)
        body += f"<h2>{mark(_('What teaches it ({n})').format(n=len(teaching)))}</h2>"
        if listed:
            body += '<ul class="portal-list" data-search-exclude>' + "".join(entry_card(catalog, here, e, summary=0) for e in listed) + "</ul>"
            if len(teaching) > len(listed):
                body += f"<p>{a(here, urls.catalog(), _('See all {n} in the catalog').format(n=len(teaching)))}</p>"
        else:
            body += (f"<p><strong>{mark(_('Nothing in the catalog teaches this yet.'))}</strong> "
                     + mark(_("It is a gap: {link}.")).replace("{link}", a(here, "contribute/", _("suggest a resource")))
                     + "</p>")
        if others:
            body += f"<h2>{mark(_('Same subject, other tiers'))}</h2>" + ul(
                a(here, urls.competency(o.id), compose(_("Tier {number}: {name}"), number=o.tier, name=o.statement))
                for o in sorted(others, key=lambda c: c.tier))
        if comp.crosswalk:
            body += (f"<h2>{mark(_('Matching parts of other frameworks'))}</h2>"
                     + "<p>" + mark(_("These matches are the portal's own judgement; the names are each framework's own."))
                     + "</p>"
                     + ul(f"{mark(crosswalk_name(fw, k))}: {mark(join_marked(', ', [localized(x) for x in v]))}"
                          for k, v in comp.crosswalk))
        title = compose(_("{subject} (tier {tier})"), subject=subject.name, tier=comp.tier)
        out[here] = front_matter(title, description=comp.statement[:300],
                                 portal={"kind": "competency", "id": comp.id}) + block(heading(title) + body, "portal-competency")
    return out
