"""The plain summary at the top of the coverage page: which tiers, domains and groups are thin."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _, mark, ngettext
from ..model import Catalog
from ..pages import urls
from ..pages.html import a, esc, ul
from .matrix import THIN, Matrix

# The summary names this many of the thinnest professions or audiences; the rest are a link away.
MAX_NAMED = 5


@dataclass(frozen=True)
class Tally:
    """Of ``total`` competencies, how many are gaps and how many thin."""

    label: str
    gaps: int
    thin: int
    total: int
    term: str = ""

    @property
    def weak(self) -> int:
        return self.gaps + self.thin

    @property
    def is_thin(self) -> bool:
        """Half or more of its competencies are gaps or thinly covered."""
        return self.total > 0 and 2 * self.weak >= self.total

    def words(self) -> str:
        gaps = ngettext("{n} gap", "{n} gaps", self.gaps).format(n=self.gaps)
        return _("{gaps} and {thin} thin, of {total}").format(gaps=gaps, thin=self.thin, total=self.total)


def by_tier(m: Matrix) -> list[Tally]:
    return [Tally(_("Tier {number}").format(number=t), len(m.gaps(t)), len(m.thin(t)), len(m.gaps(t) + m.thin(t) + m.well_covered(t)))
            for t in m.tiers]


def by_domain(catalog: Catalog, m: Matrix) -> list[Tally]:
    out = []
    for d in dict.fromkeys(r.domain for r in m.rows):
        counts = [m.counts[c] for r in m.rows if r.domain == d for c in r.cells if c]
        name = catalog.framework.domains[d].name if d in catalog.framework.domains else d
        out.append(Tally(name, counts.count(0), sum(1 for n in counts if 0 < n < THIN), len(counts)))
    return out


def tally(m: Matrix) -> Tally:
    return Tally(m.label, len(m.gaps()), len(m.thin()), len(m.cells()), m.term)


def _thinnest(tallies: list[Tally]) -> list[Tally]:
    """The thin ones, worst first (most gaps or thin competencies, then most gaps, then by name)."""
    return sorted((t for t in tallies if t.is_thin), key=lambda t: (-t.weak, -t.gaps, t.label))


def summary_html(catalog: Catalog, overall: Matrix, groups: list[Matrix], here: str) -> str:
    """A short list in plain words; every group named links to its own matrix."""
    items = []
    tiers = by_tier(overall)
    worst = max(tiers, key=lambda t: (t.weak, t.gaps), default=None)
    if worst is not None:
        verdict = (_("{tier} is the most thinly covered.").format(tier=worst.label) if worst.weak
                   else _("No tier is thin."))
        items.append(f"<strong>{mark(_('Tiers.'))}</strong> "
                     + mark("; ".join(_("{label}: {counts}").format(label=t.label, counts=t.words()) for t in tiers)
                            + ". " + verdict))
    domains = _thinnest(by_domain(catalog, overall))
    items.append(f"<strong>{mark(_('Domains.'))}</strong> " + (
        mark(_("Thinly covered:")) + " " + "; ".join(f"{mark(t.label)} ({mark(t.words())})" for t in domains) + "."
        if domains else mark(_("No domain has half or more of its competencies thin or missing."))))
    for kind in ("professions", "audiences"):
        noun = catalog.portal.name(kind).title
        mine = [tally(m) for m in groups if m.kind == kind]
        if not mine:
            continue
        thin = _thinnest(mine)
        if thin:
            names = "; ".join(f"{a(here, urls.coverage(kind, t.term), t.label)} ({mark(t.words())})"
                              for t in thin[:MAX_NAMED])
            more = len(thin) - MAX_NAMED
            link = a(here, urls.coverage(kind), ngettext("{n} more", "{n} more", more).format(n=more))
            rest = "; " + mark(_("and {link}")).replace("{link}", link) if more > 0 else ""
            count = ngettext("{n} of {total} are thinly covered, the thinnest first:",
                             "{n} of {total} are thinly covered, the thinnest first:", len(thin)).format(
                n=len(thin), total=len(mine))
            items.append(f"<strong>{mark(noun)}.</strong> {mark(count)} {names}{rest}.")
        else:
            items.append(f"<strong>{mark(noun)}.</strong> "
                         + mark(_("None has half or more of its competencies thin or missing.")))
    return ul(items, "portal-coverage-summary")
