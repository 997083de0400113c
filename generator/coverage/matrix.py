"""Coverage matrices: how many catalog entries teach each competency, by subject and tier.

The framework's competencies are its subjects at each tier, so a
competency × tier matrix has one row per subject (grouped by domain, in
framework order) and one column per tier; each cell is one competency and
holds the number of entries that teach it. Besides the whole catalog there
is one matrix per profession and per audience, counting
only the entries for that group. The heatmap, the table and the CSV are all
drawn from these objects, so their numbers cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import _
from ..model import COURSE_TYPES, Catalog, Entry

# A competency fewer than THIN entries teach is "thinly covered"; none at all is a "gap".
THIN = 3
KINDS = ("professions", "audiences")


@dataclass(frozen=True)
class Row:
    """One subject: its cells are competency ids by tier (None where the framework has none)."""

    subject: str
    name: str
    domain: str
    cells: tuple[str | None, ...]


@dataclass(frozen=True)
class Matrix:
    """Entry counts for every competency, for the whole catalog (kind "") or one profession or audience."""

    kind: str
    term: str
    label: str
    tiers: tuple[int, ...]
    rows: tuple[Row, ...]
    counts: dict[str, int] = field(hash=False)
    entries: int = 0
    courses: int = 0  # of those entries, the ones that are training (COURSE_TYPES), not guidance or reading

    def cells(self) -> list[tuple[Row, int, str, int]]:
        """(row, tier, competency, count) for every competency, row by row, tier by tier."""
        return [(r, t, c, self.counts[c]) for r in self.rows for t, c in zip(self.tiers, r.cells) if c]

    def gaps(self, tier: int | None = None) -> list[str]:
        return [c for _, t, c, n in self.cells() if n == 0 and (tier is None or t == tier)]

    def thin(self, tier: int | None = None) -> list[str]:
        """Taught, but by fewer than THIN entries (gaps not included)."""
        return [c for _, t, c, n in self.cells() if 0 < n < THIN and (tier is None or t == tier)]

    def well_covered(self, tier: int | None = None) -> list[str]:
        return [c for _, t, c, n in self.cells() if n >= THIN and (tier is None or t == tier)]


def status(count: int) -> str:
    """'gap', 'thin' or 'ok': the words the table and the CSV use."""
    return "gap" if count == 0 else "thin" if count < THIN else "ok"


def _groups(entry: Entry, professions: list[str]) -> list[tuple[str, str]]:
    """Every matrix an entry counts in: the whole catalog's, its professions' and its audiences'."""
    # An entry that names no profession is for anyone, so it counts for every profession.
    profs = entry.professions or professions
    return [("", ""), *(("professions", p) for p in profs), *(("audiences", a) for a in entry.audiences)]


def _rows(catalog: Catalog) -> tuple[Row, ...]:
    fw = catalog.framework
    by_cell = {(c.subject, c.tier): c.id for c in fw.competencies.values()}
    domain_order = {d: i for i, d in enumerate(fw.domains)}
    # Grouped by domain; the sort is stable, so subjects keep the framework's order within each.
    subjects = sorted(fw.subjects.values(), key=lambda s: domain_order.get(s.domain, len(domain_order)))
    return tuple(Row(s.id, s.name, s.domain, tuple(by_cell.get((s.id, t)) for t in sorted(fw.tiers)))
                 for s in subjects)


def _matrices(catalog: Catalog, wanted: list[tuple[str, str]]) -> list[Matrix]:
    """The ``wanted`` (kind, term) matrices, counted in one pass over the catalog; retired entries do not count."""
    fw = catalog.framework
    counts = {key: dict.fromkeys(fw.competencies, 0) for key in wanted}
    sizes = dict.fromkeys(wanted, 0)
    courses = dict.fromkeys(wanted, 0)
    professions = list(catalog.vocab["professions"])
    for e in catalog.entries.values():
        if e.status == "retired":
            continue
        taught = [c for c in set(e.competencies) if c in fw.competencies]
        for key in _groups(e, professions):
            if key in counts:
                sizes[key] += 1
                courses[key] += e.type in COURSE_TYPES
                for c in taught:
                    counts[key][c] += 1
    rows, tiers = _rows(catalog), tuple(sorted(fw.tiers))
    return [Matrix(kind, term, catalog.vocab.label(kind, term) if kind else _("All entries"), tiers, rows,
                   counts[(kind, term)], sizes[(kind, term)], courses[(kind, term)]) for kind, term in wanted]


def build_matrix(catalog: Catalog, kind: str = "", term: str = "") -> Matrix:
    """The matrix for the whole catalog (kind ""), or for one profession or audience."""
    return _matrices(catalog, [(kind, term)])[0]


def all_matrices(catalog: Catalog) -> list[Matrix]:
    """The whole catalog's matrix first, then each profession's and each audience's, in vocabulary order."""
    return _matrices(catalog, [("", ""), *((k, t) for k in KINDS for t in catalog.vocab[k])])
