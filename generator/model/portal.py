"""The portal's own words: its field, what it calls each vocabulary, and what its home page features.

None of this is in the generator's code: a portal sets it in mkdocs.yml (the
``portal`` plugin's ``subject`` and ``vocabularies`` options and ``home``'s roles and settings), and
the defaults below name nothing of any field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..i18n import N_, _, localized

# Vocabularies the catalog is browsed by (listing pages, coverage, search facets), in order.
BROWSABLE = ("professions", "settings", "audiences")


@dataclass(frozen=True)
class VocabularyName:
    """How a portal names one vocabulary.

    ``name`` is one term's kind, in headings ("Care setting: Day centre"); ``title``
    names the vocabulary as a whole ("Care settings"); ``summary`` says who it
    is about, under its heading on the home page; ``facet`` lists it among the
    ways to browse the catalog.
    """

    name: str
    title: str
    summary: str = ""
    facet: bool = True

    @property
    def browse(self) -> str:
        """The link text of its browse page: "By care setting"."""
        return _("By {name}").format(name=f"{self.name[:1].lower()}{self.name[1:]}")

    @property
    def browse_all(self) -> str:
        """The title of its browse page: "Browse by care setting"."""
        return _("Browse by {name}").format(name=f"{self.name[:1].lower()}{self.name[1:]}")


class _Message(str):
    """A default name from the generator's message catalog (a portal's own words are text or {lang: text})."""


def _default(name: str, title: str) -> VocabularyName:
    return VocabularyName(_Message(name), _Message(title))


DEFAULT_NAMES: dict[str, VocabularyName] = {
    "professions": _default(N_("Profession"), N_("Professions")),
    "settings": _default(N_("Setting"), N_("Settings")),
    "audiences": _default(N_("Audience"), N_("Audiences")),
}


def _words(value: object) -> str:
    """A name in the active language: the generator's default translated, a portal's own words picked."""
    if isinstance(value, _Message):
        return _(value)
    return localized(value)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Portal:
    """The portal's id and words, as its mkdocs.yml gives them."""

    id: str = "portal"
    subject: str | Mapping[str, str] = ""
    names: Mapping[str, VocabularyName] = field(default_factory=lambda: dict(DEFAULT_NAMES))
    featured: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_options(cls, portal_id: str, subject: str | Mapping[str, str] | None, vocabularies: Mapping[str, Any] | None,
                     featured: Mapping[str, Any] | None) -> Portal:
        """From the plugin's checked options; what is left out keeps the neutral default."""
        names = dict(DEFAULT_NAMES)
        for kind, given in (vocabularies or {}).items():
            base = names.get(kind, VocabularyName(kind.replace("_", " ").capitalize(),
                                                  kind.replace("_", " ").capitalize()))
            names[kind] = VocabularyName(given.get("name", base.name), given.get("title", base.title),
                                         given.get("summary", base.summary), given.get("facet", base.facet))
        return cls(portal_id, subject or "", names, {k: tuple(v) for k, v in (featured or {}).items()})

    def name(self, kind: str) -> VocabularyName:
        """What the portal calls vocabulary ``kind``, in the active language."""
        given = self.names.get(kind) or VocabularyName(kind.capitalize(), kind.capitalize())
        return VocabularyName(_words(given.name), _words(given.title), _words(given.summary), given.facet)

    @property
    def subject_text(self) -> str:
        """The portal's field in the active language."""
        return localized(self.subject)

    @property
    def facets(self) -> tuple[str, ...]:
        """The browsable vocabularies the portal lists as ways into the catalog."""
        return tuple(kind for kind in BROWSABLE if self.name(kind).facet)
