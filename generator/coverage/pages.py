"""Coverage pages and their CSV downloads, listed in generator/features.py.

* ``coverage/``: the plain summary, then the whole catalog's matrix (heatmap and table);
* ``coverage/professions/`` and ``coverage/audiences/``: every group side by side;
* ``coverage/<kind>/<id>/``: one group's matrix, with links to its generated pathways.

Each page has a ``coverage.csv`` beside it with the numbers it shows. One
page per group keeps every page well under the 30 KB budget.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import TYPE_CHECKING

from ..i18n import _, compose, mark, ngettext
from ..model import Catalog
from ..pages import urls
from ..pages.html import a, block, esc, front_matter, heading, rel
from ..pathways import audience_pathway_id, profession_pathway_id
from .matrix import KINDS, THIN, Matrix, all_matrices
from .render import matrices_csv, table_html
from .summary import by_tier, summary_html, tally
from .svg import heatmap_svg

if TYPE_CHECKING:
    from ..outputs import Outputs

# The tables' stylesheet (generator/assets/coverage/), linked from coverage pages only.
COVERAGE_CSS = "assets/coverage/coverage.css"


def _title(catalog: Catalog, kind: str) -> tuple[str, str]:
    """(page title, column heading) of a vocabulary's coverage page, in the portal's names."""
    name = catalog.portal.name(kind).name
    return _("Coverage by {name}").format(name=f"{name[:1].lower()}{name[1:]}"), name


def _intro(here: str) -> str:
    # Translators: {gap} and {thin} are the words "gap" and "thin" in bold; {link} is "suggest a resource".
    text = _("How many catalog entries teach each competency of the framework: the training-needs analysis the "
             "framework is meant for. A {gap} is a competency no entry teaches; {thin} means fewer than {n} do. "
             "Retired entries are not counted. Help close a gap: {link}.")
    values = {"{gap}": f"<strong>{mark(_('gap'))}</strong>", "{thin}": f"<strong>{mark(_('thin'))}</strong>",
              "{n}": str(THIN), "{link}": a(here, "contribute/", _("suggest a resource"))}
    body = mark(text)
    for key, value in values.items():
        body = body.replace(key, value)
    return f'<link rel="stylesheet" href="{esc(rel(here, COVERAGE_CSS))}"><p>{body}</p>'


def _downloads(here: str, kind: str = "", term: str = "", every: bool = False) -> str:
    what = _("Download every matrix on this page (CSV)") if every else _("Download these numbers (CSV)")
    link = a(here, urls.coverage_csv(kind, term), what, download="")
    return f'<p class="portal-download">{link}</p>'


def overview_page(catalog: Catalog, matrices: list[Matrix]) -> str:
    here = urls.coverage()
    overall, groups = matrices[0], matrices[1:]
    kinds = " · ".join(a(here, urls.coverage(k), _title(catalog, k)[0]) for k in KINDS)
    count = ngettext("{n} entry.", "{n} entries.", overall.entries).format(n=overall.entries)
    names = [_title(catalog, k)[1].lower() for k in KINDS]
    by = _("By {first} and by {second}").format(first=names[0], second=names[1]) if len(names) == 2 \
        else _("By {name}").format(name=", ".join(names))
    body = (_intro(here) + f'<h2 id="summary">{mark(_("Summary"))}</h2>' + summary_html(catalog, overall, groups, here)
            + f'<h2 id="matrix">{mark(_("All entries"))}</h2><p>{mark(count)}</p>' + heatmap_svg(overall)
            + _downloads(here) + table_html(catalog, overall)
            + f'<h2 id="groups">{mark(by)}</h2><p>{kinds}</p>')
    return front_matter(_("Coverage"),
                        description=_("How many catalog entries teach each competency, and where the gaps are."),
                        portal={"kind": "coverage"}) + block(body, "portal-coverage")


def kind_page(catalog: Catalog, kind: str, matrices: list[Matrix]) -> str:
    here = urls.coverage(kind)
    title, noun = _title(catalog, kind)
    tiers = matrices[0].tiers if matrices else ()
    head = "".join(f'<th scope="col">{mark(_("Tier {number}").format(number=t))}</th>' for t in tiers)
    rows = []
    for m in matrices:
        t = tally(m)
        cells = "".join("<td>" + mark(_("{gaps}, {thin} thin").format(
            gaps=ngettext("{n} gap", "{n} gaps", x.gaps).format(n=x.gaps), thin=x.thin)) + "</td>" for x in by_tier(m))
        rows.append(f'<tr><th scope="row">{a(here, urls.coverage(kind, m.term), m.label)}</th><td>{m.entries}</td>'
                    f'<td>{m.courses}</td><td>{t.gaps}</td>{cells}</tr>')
    caption = _("{title}: entries, of them training (courses, programmes, events), and gaps and thin competencies "
                "at each tier").format(title=title)
    body = (_intro(here) + f"<p>{a(here, urls.coverage(), _('Back to the whole catalog'))}</p>"
            + f'<div class="portal-coverage-table" role="region" tabindex="0" aria-label="'
              f'{esc(_("Table: {name}").format(name=title))}">'
              f'<table class="portal-coverage-grid"><caption>{mark(caption)}</caption><thead><tr>'
              f'<th scope="col">{mark(noun)}</th><th scope="col">{mark(_("Entries"))}</th>'
              f'<th scope="col">{mark(_("Training"))}</th><th scope="col">{mark(_("Gaps"))}</th>{head}</tr></thead>'
              f'<tbody>{"".join(rows)}</tbody></table></div>'
            + _downloads(here, kind, every=True))
    return front_matter(title, portal={"kind": "coverage", "group": kind}) + block(body, "portal-coverage")


def _training_note(m: Matrix) -> str:
    """Say plainly when a group has fewer than two training entries: reports alone do not train staff."""
    if m.courses >= 2:
        return "<p>" + mark(_("{n} of them are training (courses, programmes, communities of practice or "
                              "events).").format(n=m.courses)) + "</p>"
    others = m.entries - m.courses
    rest = (" " + mark(ngettext("The other {n} entry is guidance, toolkits or reading.",
                                "The other {n} entries are guidance, toolkits or reading.", others).format(n=others))
            if others else "")
    if m.courses == 0:
        # Translators: {none} is "No training is listed for this group", in bold.
        text = mark(_("{none}: the portal knows of no course, programme or event.")).replace(
            "{none}", f'<strong>{mark(_("No training is listed for this group"))}</strong>')
        return f'<p class="portal-training-gap">{text}{rest}</p>'
    return (f'<p class="portal-training-gap"><strong>{mark(_("Only one training entry is listed for this group."))}'
            f"</strong>{rest}</p>")


def term_page(catalog: Catalog, m: Matrix, pathway_ids: set[str]) -> str:
    here = urls.coverage(m.kind, m.term)
    t = tally(m)
    if m.kind == "professions":
        who = ngettext("{n} entry is for this profession.", "{n} entries are for this profession.", m.entries)
    else:
        who = ngettext("{n} entry is focused on this group.", "{n} entries are focused on this group.", m.entries)
    gaps = ngettext("Of the {total} competencies, {n} has no entry", "Of the {total} competencies, {n} have no entry",
                    t.gaps).format(total=t.total, n=t.gaps)
    thin = ngettext("and {n} is thin.", "and {n} are thin.", t.thin).format(n=t.thin)
    facts = ("<p>" + mark(" ".join((who.format(n=m.entries), gaps, thin))) + " "
             + mark("; ".join(_("{label}: {counts}").format(label=x.label, counts=x.words()) for x in by_tier(m)))
             + ".</p>")
    facts += _training_note(m)
    if m.kind == "professions":
        wanted = [(profession_pathway_id(m.term, tier), _("Tier {number}").format(number=tier)) for tier in m.tiers]
    else:
        wanted = [(audience_pathway_id(m.term), _("Focused pathway"))]
    links = [a(here, urls.pathway(pid), text) for pid, text in wanted if pid in pathway_ids]
    paths = f"<p>{mark(_('Generated pathways:'))} {' · '.join(links)}</p>" if links else ""
    body = (f'<link rel="stylesheet" href="{esc(rel(here, COVERAGE_CSS))}">' + facts + paths
            + f"<p>{a(here, urls.facet(m.kind, m.term), _('The entries'))} · "
            f"{a(here, urls.coverage(m.kind), _title(catalog, m.kind)[0])} · {a(here, urls.coverage(), _('Whole catalog'))}</p>"
            + heatmap_svg(m) + _downloads(here, m.kind, m.term) + table_html(catalog, m))
    title = compose(_("Coverage: {group}"), group=m.label)
    return front_matter(title, search={"exclude": True},
                        portal={"kind": "coverage", "group": m.kind, "id": m.term}) + block(heading(title) + body,
                                                                                          "portal-coverage")


def coverage_pages(outputs: Outputs) -> dict[str, str]:
    """Every coverage page, keyed by URL (a PAGE_SOURCES function)."""
    catalog = outputs.catalog
    matrices = all_matrices(catalog)
    pathway_ids = {p.id for p in outputs.generated_pathways}
    out = {urls.coverage(): overview_page(catalog, matrices)}
    for kind in KINDS:
        mine = [m for m in matrices if m.kind == kind]
        out[urls.coverage(kind)] = kind_page(catalog, kind, mine)
        for m in mine:
            out[urls.coverage(kind, m.term)] = term_page(catalog, m, pathway_ids)
    return out


def coverage_files(outputs: Outputs) -> Iterator[tuple[str, bytes]]:
    """The stylesheet, and the CSV beside each coverage page (an ASSET_SOURCES function)."""
    yield COVERAGE_CSS, (resources.files("generator") / "assets" / "coverage" / "coverage.css").read_bytes()
    catalog = outputs.catalog
    matrices = all_matrices(catalog)
    yield urls.coverage_csv(), matrices_csv(catalog, matrices[:1]).encode("utf-8")
    for kind in KINDS:
        mine = [m for m in matrices if m.kind == kind]
        yield urls.coverage_csv(kind), matrices_csv(catalog, mine).encode("utf-8")
        for m in mine:
            yield urls.coverage_csv(kind, m.term), matrices_csv(catalog, [m]).encode("utf-8")
