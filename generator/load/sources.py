"""Where a portal's catalog comes from: other portals and folders it includes, then its own folders.

A portal's catalog is a list of layers read in order: the sources named in
mkdocs.yml's ``sources`` option (another portal's folder, such as a national
catalog kept as a git submodule, or a folder of entries in this repository),
each with optional filters, and last the portal's own ``catalog_dir`` and
``competencies_dir``. What a later layer may change in an earlier one is
decided in :mod:`generator.validate.layers`; this module only says where
each layer's files are and which entries its filters keep.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The kinds of source, by the key that names their folder: another portal's repository folder, a folder of
# entries in this repository, another portal's published JSON API (generator/load/api_source.py).
KINDS = ("portal", "folder", "api")
# What a source may narrow its entries by, and the entry field each filter reads.
FILTERS = ("countries", "regions", "tiers", "types", "ids")
# UN M49 'World': an entry meant for everyone is in every place a filter names.
WORLD = "001"


@dataclass(frozen=True)
class Filters:
    """Which entries of a source the portal includes; every filter given must match (none given: all)."""

    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    tiers: tuple[int, ...] = ()
    types: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return any((self.countries, self.regions, self.tiers, self.types, self.ids))

    def admits(self, data: dict[str, Any]) -> bool:
        """Whether an entry (as written in its file) passes every filter."""
        if self.ids and data.get("id") not in self.ids:
            return False
        if self.types and data.get("type") not in self.types:
            return False
        tiers = data.get("tiers")
        if self.tiers and not (isinstance(tiers, list) and set(tiers) & set(self.tiers)):
            return False
        if self.countries or self.regions:
            places = [c for c in data.get("countries", ()) if isinstance(c, str)]
            return any(self._place(code) for code in places)
        return True

    def _place(self, code: str) -> bool:
        """An entry's country code is in the portal's places.

        ``countries: [GB]`` takes GB and its nations (GB-ENG); ``regions: [GB-ENG]``
        takes England and what is offered across the whole of its country (GB).
        The world (001) is everywhere; other UN M49 areas only when named.
        """
        if code == WORLD:
            return True
        country = code.split("-", 1)[0]
        if code in self.countries or country in self.countries:
            return True
        return code in self.regions or any(code == region.split("-", 1)[0] for region in self.regions)

    def describe(self) -> str:
        """The filters as mkdocs.yml gives them: "regions: GB-ENG; tiers: 1, 2"."""
        parts = [f"{name}: {', '.join(map(str, getattr(self, name)))}" for name in FILTERS if getattr(self, name)]
        return "; ".join(parts)


@dataclass(frozen=True)
class SourceSpec:
    """One item of mkdocs.yml's ``sources``, as checked by the plugin's options."""

    name: str
    kind: str  # one of KINDS
    path: str  # relative to mkdocs.yml's folder
    filters: Filters = field(default_factory=Filters)
    # The source's curated pathways to include: all (True), none (False) or those named.
    pathways: bool | tuple[str, ...] = True

    @classmethod
    def from_option(cls, item: dict[str, Any]) -> SourceSpec:
        kind = next(k for k in KINDS if k in item)
        filters = Filters(**{name: tuple(item[name]) for name in FILTERS if item.get(name)})
        chosen = item.get("pathways", True)
        return cls(item["name"], kind, item[kind], filters, tuple(chosen) if isinstance(chosen, list) else chosen)


@dataclass(frozen=True)
class Provenance:
    """Where an included entry comes from, as its page shows it."""

    source: str  # the source's name in mkdocs.yml
    title: str = ""  # the source portal's name
    site_url: str = ""  # the source portal's address, when published
    edit_base: str = ""  # address its files are edited at, ending in '/', when known
    licence_name: str = ""
    licence_url: str = ""

    def edit_url(self, path_in_source: str) -> str:
        return self.edit_base + path_in_source if self.edit_base else ""


@dataclass(frozen=True)
class Layer:
    """One layer's folders; ``name`` is '' for the portal's own folders, the last layer."""

    name: str
    root: Path  # files must be inside it
    catalog: Path | None
    competencies: Path | None
    filters: Filters = field(default_factory=Filters)
    pathways: bool | tuple[str, ...] = True
    provenance: Provenance | None = None
    # The folder the source's edit addresses are relative to (the source portal's repository folder).
    origin: Path | None = None
    # Its files are a published JSON API's documents, not curators' YAML.
    api: bool = False

    @property
    def pathways_path(self) -> Path | None:
        if self.catalog is None:
            return None
        return self.catalog.parent / "pathways" if self.api else self.catalog / "pathways"

    def label(self) -> str:
        return f"source '{self.name}'" if self.name else "this portal's own catalog"
