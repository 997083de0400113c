"""The curators' page (/curators/) and its full JSON report, listed in generator/features.py.

The report is worked out for the build date taken from SOURCE_DATE_EPOCH
(the plugin pins it to the last commit), never from the clock, so the same
commit always builds the same page.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..i18n import _, mark, ngettext, pgettext
from ..pages import urls
from ..pages.html import a, block, esc, front_matter, rel
from .report import Cluster, Due, Report, build_report, records_from_catalog

if TYPE_CHECKING:
    from ..outputs import Outputs

# Pages stay under 30 KB and Material's chrome takes about 20 KB, so the page
# lists the first rows of each section and the JSON file holds them all.
ROWS = 12
TITLE_CHARS = 90


def build_date() -> dt.date:
    """The build's date, from SOURCE_DATE_EPOCH (UTC)."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    if raw.strip().isdigit():
        return dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc).date()
    # Outside a build (the plugin always sets it); today is the only sensible date then.
    return dt.datetime.now(tz=dt.timezone.utc).date()


def _report(outputs: Outputs) -> Report:
    # Computed once per build; both the page and the JSON file use it.
    cached = getattr(outputs, "_curators_report", None)
    if cached is None:
        cached = build_report(records_from_catalog(outputs.catalog), build_date())
        outputs._curators_report = cached  # type: ignore[attr-defined]
    return cached


def _short(title: str) -> str:
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"


def _item_url(kind: str, item_id: str) -> str:
    return urls.entry(item_id) if kind == "entry" else urls.pathway(item_id)


def _due_list(rows: list[Due], *, overdue: bool) -> str:
    here = urls.curators()
    items = []
    for d in rows[:ROWS]:
        when = (ngettext("{n} day overdue", "{n} days overdue", d.days).format(n=d.days) if overdue
                else _("due {date}").format(date=d.review_by))
        kind = pgettext("a catalog file", "entry") if d.kind == "entry" else pgettext("a catalog file", "pathway")
        items.append(f"<li>{a(here, _item_url(d.kind, d.id), _short(d.title) or d.id)} "
                     f"<small>({mark(kind)}, <code>{esc(d.path)}</code>, {mark(when)})</small></li>")
    return "<ul>" + "".join(items) + "</ul>" if items else _none()


def _none() -> str:
    return f"<p>{mark(pgettext('nothing found', 'None.'))}</p>"


def _more(total: int) -> str:
    if total <= ROWS:
        return ""
    href = esc(rel(urls.curators(), urls.curators_report()))
    # Translators: {file} is the link "report.json", {command} is "portal report" (a command, kept as it is).
    text = mark(_("… and {n} more in {file} or {command}.")).replace("{n}", str(total - ROWS)).replace(
        "{file}", f'<a href="{href}">report.json</a>').replace("{command}", "<code>portal report</code>")
    return f"<p>{text}</p>"


def _entries(ids: tuple[str, ...], size: int) -> str:
    """Links to the first entries of a group, and how many more there are."""
    here = urls.curators()
    more = size - len(ids)
    return ", ".join(a(here, urls.entry(i), i) for i in ids) + (
        " " + mark(ngettext("and {n} more", "and {n} more", more).format(n=f"{more:,}")) if more > 0 else "")


def _cluster_list(clusters: list[Cluster]) -> str:
    items = []
    for c in clusters[:ROWS]:
        alike = _("the same") if c.score >= 1 else _("{share} alike or more").format(share=f"{c.score:.0%}")
        note = f"; {esc(c.note)}" if c.note else ""
        titles = " / ".join(f"“{esc(_short(t))}”" for t in c.titles)
        size = ngettext("{n} entry", "{n} entries", c.size).format(n=f"{c.size:,}")
        items.append(f"<li>{titles}: {_entries(c.ids, c.size)} <small>({mark(size)}, {mark(alike)}{note})</small></li>")
    return "<ul>" + "".join(items) + "</ul>" if items else _none()


def curators_page(outputs: Outputs) -> dict[str, str]:
    """The /curators/ page: review dates and possible duplicates, for the people who keep the catalog."""
    r = _report(outputs)
    here = urls.curators()
    same = [f"<li><code>{esc(s.url)}</code>: {_entries(s.ids, s.size)}</li>" for s in r.same_url[:ROWS]]
    # Translators: {date} is the build date; {report} and {links} are commands, kept as they are.
    intro = mark(_("Worked out for the build date, {date}, from the catalog in the repository. Run {report} for the "
                   "same report on your own copy, and {links} where the internet can be reached to find broken "
                   "links.")).replace("{date}", esc(r.today)).replace(
        "{report}", "<code>portal report</code>").replace("{links}", "<code>portal check-links</code>")

    def heading(anchor: str, text: str, count: int) -> str:
        return f'<h2 id="{anchor}">{mark(_("{heading} ({n})").format(heading=text, n=count))}</h2>'

    body = "".join([
        f"<p>{intro}</p>",
        heading("overdue", _("Past their review date"), len(r.overdue)),
        _due_list(r.overdue, overdue=True), _more(len(r.overdue)),
        heading("due-soon", _("Due for review within {n} days").format(n=r.due_within), len(r.due_soon)),
        _due_list(r.due_soon, overdue=False), _more(len(r.due_soon)),
        heading("same-url", _("Entries with the same web address"), len(r.same_url)),
        "<ul>" + "".join(same) + "</ul>" if same else _none(), _more(len(r.same_url)),
        heading("similar-titles", _("Entries with very similar titles"), len(r.similar_titles)),
        _cluster_list(r.similar_titles), _more(len(r.similar_titles)),
        heading("same-programme", _("Parts of one programme that may be one part recorded twice"),
                len(r.same_programme)),
        "<p>" + mark(_("Same provider and programme, and the same code or the same title apart from its numbers."))
        + "</p>",
        _cluster_list(r.same_programme), _more(len(r.same_programme)),
        heading("similar-summaries", _("Entries with near-identical summaries"), len(r.similar_summaries)),
        _cluster_list(r.similar_summaries), _more(len(r.similar_summaries)),
    ])
    meta = {"search": {"exclude": True}, "hide": ["feedback"]}
    title = _("Curators' report")
    markdown = front_matter(title, **meta) + f"# {title}\n\n" + block(body, "portal-curators")
    return {here: markdown}


def curators_assets(outputs: Outputs) -> Iterator[tuple[str, str]]:
    """Every row of the report as JSON (deterministic: sorted keys, stable order)."""
    doc = _report(outputs).to_json()
    yield urls.curators_report(), json.dumps(doc, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
