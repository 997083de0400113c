"""The catalog's facets: what a clinician can narrow by, and which values each entry has.

One definition serves the browser and the tests: the build writes, per facet,
the value ids and labels, and per entry a bitmask of the values it has; the
browser only tests bits and never re-derives a value from entry data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..i18n import N_, _, pgettext
from ..model import Catalog, Entry
from ..model.places import country_name

# Study time bands, in minutes: [low, high). Calendar-only durations ("6 weeks")
# have no study time, so they fall under "not stated" like entries with none.
DURATION_BANDS: tuple[tuple[str, str, int, int | None], ...] = (
    ("under-1h", N_("Under 1 hour"), 0, 60),
    ("1-3h", N_("1 to 3 hours"), 60, 180),
    ("3-10h", N_("3 to 10 hours"), 180, 600),
    ("10-40h", N_("10 to 40 hours"), 600, 2400),
    ("over-40h", N_("Over 40 hours"), 2400, None),
    ("not-stated", N_("Not stated"), -1, -1),
)

# Bits per mask word: JavaScript's bitwise operators work on 32-bit integers,
# and 30 keeps every word a small positive number.
WORD_BITS = 30


@dataclass(frozen=True)
class Facet:
    """One filter group: its URL parameter, its legend, and its values in display order."""

    key: str
    label: str
    values: tuple[tuple[str, str], ...]
    of: Callable[[Entry], set[str]]

    def mask(self, entry: Entry) -> list[int]:
        """The entry's values as bitmask words, ``WORD_BITS`` values per word."""
        have = self.of(entry)
        words = [0] * max(1, -(-len(self.values) // WORD_BITS))
        for i, (value, _label) in enumerate(self.values):
            if value in have:
                words[i // WORD_BITS] |= 1 << (i % WORD_BITS)
        return words


def duration_band(entry: Entry) -> str:
    minutes = entry.minutes
    if not minutes:
        return "not-stated"
    for band, _label, low, high in DURATION_BANDS:
        if low <= minutes and (high is None or minutes < high):
            return band
    return "not-stated"


def _vocab_facet(catalog: Catalog, key: str, label: str, vocab: str, attr: str) -> Facet:
    values = tuple((t.id, t.label) for t in catalog.vocab[vocab].values())
    return Facet(key, label, values, lambda e: set(getattr(e, attr)))


def _countries(entry: Entry) -> set[str]:
    """An entry's countries, each region also under its country: GB-WLS is found under GB too."""
    return {c for code in entry.countries for c in (code, code.split("-")[0])}


def _country_facet(catalog: Catalog) -> Facet:
    """The countries the catalog's entries name, by name; ``country=GB`` in a catalog URL."""
    codes = set().union(*(_countries(e) for e in catalog.entries.values()))
    values = tuple(sorted(((c, country_name(c)) for c in codes), key=lambda cv: (cv[1].lower(), cv[0])))
    return Facet("country", pgettext("facet", "Country"), values, _countries)


def _languages(entry: Entry) -> set[str]:
    """An entry's languages without their regions: fr-CA is found under fr."""
    return {tag.split("-")[0] for tag in entry.languages}


def catalog_facets(catalog: Catalog) -> list[Facet]:
    """Every facet, in the order the filter form shows them."""
    tiers = tuple((str(n), _("Tier {number}: {name}").format(number=n, name=t.name))
                  for n, t in sorted(catalog.framework.tiers.items()))
    credits = (("any", _("Any credits")),
               *((t.id, t.label) for t in catalog.vocab["credit_types"].values()))
    return [
        Facet("tier", pgettext("fact", "Tier"), tiers, lambda e: {str(t) for t in e.tiers}),
        # The browsable vocabularies, under the portal's names for them (mkdocs.yml `vocabularies`).
        *(_vocab_facet(catalog, kind[:-1], catalog.portal.name(kind).name, kind, kind)
          for kind in catalog.portal.facets),
        _vocab_facet(catalog, "format", pgettext("fact", "Format"), "formats", "formats"),
        Facet("cost", pgettext("fact", "Cost"), tuple((t.id, t.label) for t in catalog.vocab["cost"].values()),
              lambda e: {e.cost} if e.cost else set()),
        Facet("language", pgettext("fact", "Language"), tuple((t.id, t.label) for t in catalog.vocab["languages"].values()),
              _languages),
        _country_facet(catalog),
        Facet("credit", pgettext("fact", "Credits"), credits,
              lambda e: ({"any"} | {c.type for c in e.credits}) if e.credits else set()),
        Facet("duration", _("Study time"), tuple((b, _(label)) for b, label, _low, _high in DURATION_BANDS),
              lambda e: {duration_band(e)}),
    ]
