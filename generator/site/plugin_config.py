"""Options of the ``portal`` plugin in mkdocs.yml.

Each option checks its own value, so a wrong one is a configuration error from
MkDocs that names the option (``Plugin 'portal' option 'max_bytes': ...``), never
a traceback later in the build. ``portal validate`` checks them the same way
(see :func:`generator.settings.load_settings`).
"""

from __future__ import annotations

import re
from typing import TypeVar

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..load.sources import FILTERS, KINDS
from ..load.yamlsafe import DEFAULT_MAX_BYTES

T = TypeVar("T")


class _Checked(c.BaseConfigOption[T]):
    """An option left out, or left empty (``max_bytes:``), takes its default, as MkDocs's own options do."""

    def __init__(self, *, default: T | None) -> None:
        super().__init__()
        self.default = default

    def validate(self, value: object, /) -> T | None:  # type: ignore[override]
        if value is None:
            value = self.default
        return None if value is None else self.run_validation(value)

    def refuse(self, expected: str, value: object) -> base.ValidationError:
        return base.ValidationError(f"{self._name} must be {expected}; got {value!r}")


class WholeNumber(_Checked[int]):
    """A whole number of ``unit``, at least ``minimum``; ``true``, ``1.5`` and ``"10k"`` are refused."""

    def __init__(self, unit: str, *, default: int, minimum: int = 1) -> None:
        super().__init__(default=default)
        self.unit = unit
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        # bool is a subclass of int, but `max_bytes: yes` is a mistake, not 1 byte.
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            raise self.refuse(f"a whole number of {self.unit}, {self.minimum} or more", value)
        return value


class Text(_Checked[str]):
    """One line of text, such as a folder path or an id; ``allow_empty`` says whether ``""`` means something."""

    def __init__(self, what: str, *, default: str | None, allow_empty: bool = False) -> None:
        super().__init__(default=default)
        self.what = what
        self.allow_empty = allow_empty

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or "\n" in value or "\0" in value or not (value.strip() or self.allow_empty):
            raise self.refuse(self.what, value)
        return value


class Flag(_Checked[bool]):
    """``true`` or ``false``; YAML's ``yes``/``no`` read as these too, but ``"no"`` in quotes is text."""

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise self.refuse("true or false", value)
        return value


class Slug(Text):
    """A short lowercase id such as ``dementia``: letters, digits and single hyphens, at most 40 characters."""

    PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or len(value) > 40 or not self.PATTERN.fullmatch(value):
            raise self.refuse(self.what, value)
        return value


class Names(_Checked[list[str]]):
    """A list of short ids, each given once; which ids exist is for the option's user to check."""

    def run_validation(self, value: object) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) and Slug.PATTERN.fullmatch(v) for v in value):
            raise self.refuse("a list of names such as [coverage, exports]", value)
        if len(set(value)) != len(value):
            raise base.ValidationError(f"{self._name} names {sorted(v for v in value if value.count(v) > 1)[0]!r} "
                                       "twice")
        return value


def _one_line(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip()) and "\n" not in value and "\0" not in value


_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def _words(value: object) -> bool:
    """One line of text, or ``{language tag: one line}`` for a portal in several languages."""
    if isinstance(value, dict):
        return bool(value) and all(isinstance(k, str) and _LANGUAGE_TAG.fullmatch(k) and _one_line(v)
                                   for k, v in value.items())
    return _one_line(value)


class Words(Text):
    """One line of text, or the same words per language: ``{en: ..., fr: ...}``."""

    def run_validation(self, value: object) -> str:  # type: ignore[override]
        if isinstance(value, dict):
            if not _words(value):
                raise self.refuse(f"{self.what}, or a mapping of language tags to such lines", value)
            return value  # type: ignore[return-value]
        return super().run_validation(value)


class VocabularyNames(_Checked[dict[str, dict[str, object]]]):
    """What the portal calls each vocabulary: ``{audiences: {name: ..., title: ..., summary: ..., facet: true}}``."""

    FIELDS = ("name", "title", "summary", "facet")

    def run_validation(self, value: object) -> dict[str, dict[str, object]]:
        from ..model.framework import VOCABULARY_NAMES

        if not isinstance(value, dict):
            raise self.refuse("a mapping from vocabulary names (such as audiences) to {name, title, summary, facet}",
                              value)
        for kind, fields in value.items():
            if kind not in VOCABULARY_NAMES:
                raise base.ValidationError(f"{self._name} has no vocabulary {kind!r}; the vocabularies are "
                                           f"{', '.join(VOCABULARY_NAMES)}")
            if not isinstance(fields, dict):
                raise base.ValidationError(f"{self._name}.{kind} must be a mapping of name, title, summary and "
                                           f"facet; got {fields!r}")
            for key, text in fields.items():
                if key not in self.FIELDS:
                    raise base.ValidationError(f"{self._name}.{kind} has no field {key!r}; its fields are "
                                               f"{', '.join(self.FIELDS)}")
                if key == "facet" and not isinstance(text, bool):
                    raise base.ValidationError(f"{self._name}.{kind}.facet must be true or false; got {text!r}")
                if key != "facet" and not _words(text):
                    raise base.ValidationError(f"{self._name}.{kind}.{key} must be one line of text, or a mapping "
                                               f"of language tags to lines such as {{en: ..., fr: ...}}; got {text!r}")
        return value


def _web_address(value: object) -> bool:
    return (isinstance(value, str) and value.startswith(("https://", "http://")) and len(value) > 10
            and not any(ch.isspace() or ch in '"<>' for ch in value))


class Mapping(_Checked[dict[str, str]]):
    """A small mapping of named text fields: ``required`` must be there, ``optional`` may be; ``*url`` are web addresses.

    ``one_of`` names fields of which at least one must be given (a contact needs a way to reach it).
    """

    def __init__(self, what: str, *, required: tuple[str, ...], optional: tuple[str, ...] = (),
                 one_of: tuple[str, ...] = ()) -> None:
        super().__init__(default=None)
        self.what = what
        # Not `required`/`optional`: MkDocs's options have attributes of those names.
        self.needed = required
        self.fields = (*required, *optional)
        self.one_of = one_of

    def run_validation(self, value: object) -> dict[str, str]:
        if not isinstance(value, dict):
            raise self.refuse(self.what, value)
        known = self.fields
        for key, text in value.items():
            if key not in known:
                raise base.ValidationError(f"{self._name} has no field {key!r}; its fields are {', '.join(known)}")
            if not isinstance(text, str) or not text.strip() or "\n" in text or "\0" in text:
                raise base.ValidationError(f"{self._name}.{key} must be one line of text; got {text!r}")
            if key == "url" and not _web_address(text):
                raise base.ValidationError(f"{self._name}.url must be a web address starting with https://; "
                                           f"got {text!r}")
            if key == "email" and not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+", text):
                raise base.ValidationError(f"{self._name}.email must be an email address; got {text!r}")
        missing = [key for key in self.needed if key not in value]
        if missing:
            raise base.ValidationError(f"{self._name} needs {' and '.join(missing)}; {self.what}")
        if self.one_of and not any(key in value for key in self.one_of):
            raise base.ValidationError(f"{self._name} needs {' or '.join(self.one_of)}; {self.what}")
        return {key: value[key] for key in known if key in value}


class Home(_Checked[dict[str, object]]):
    """The home page's words and featured ways in: one-line texts, and lists of vocabulary ids."""

    TEXTS = ("heading", "lead", "audiences_heading", "audiences_intro", "search_examples")
    LISTS = ("roles", "settings")

    def __init__(self) -> None:
        super().__init__(default={})

    def run_validation(self, value: object) -> dict[str, object]:
        if not isinstance(value, dict):
            raise self.refuse("a mapping such as {heading: ..., lead: ..., roles: [nurse, paramedic]}", value)
        known = (*self.TEXTS, *self.LISTS)
        for key, item in value.items():
            if key not in known:
                raise base.ValidationError(f"{self._name} has no field {key!r}; its fields are {', '.join(known)}")
            if key in self.TEXTS and not _words(item):
                raise base.ValidationError(f"{self._name}.{key} must be one line of text, or a mapping of language "
                                           f"tags to lines such as {{en: ..., fr: ...}}; got {item!r}")
            if key in self.LISTS and (not isinstance(item, list) or not all(
                    isinstance(i, str) and Slug.PATTERN.fullmatch(i) for i in item)):
                raise base.ValidationError(f"{self._name}.{key} must be a list of vocabulary ids such as "
                                           f"[registered-nurse, paramedic]; got {item!r}")
        return dict(value)


class Sources(_Checked[list[dict[str, object]]]):
    """Other portals and folders whose catalogs this portal includes, in order, each with optional filters."""

    FIELDS = ("name", *KINDS, *FILTERS, "pathways")

    def __init__(self) -> None:
        super().__init__(default=[])

    def run_validation(self, value: object) -> list[dict[str, object]]:
        if not isinstance(value, list):
            raise self.refuse("a list of sources such as [{name: national, portal: national-portal, "
                              "regions: [GB-ENG]}]", value)
        names: set[object] = set()
        for i, item in enumerate(value):
            where = f"{self._name}[{i}]"
            if not isinstance(item, dict):
                raise base.ValidationError(f"{where} must be a mapping such as {{name: national, portal: "
                                           f"national-portal}}; got {item!r}")
            for key in item:
                if key not in self.FIELDS:
                    raise base.ValidationError(f"{where} has no field {key!r}; its fields are "
                                               f"{', '.join(self.FIELDS)}")
            name = item.get("name")
            if not isinstance(name, str) or not Slug.PATTERN.fullmatch(name) or len(name) > 40:
                raise base.ValidationError(f"{where}.name must be a short id such as national; got {name!r}")
            if name in names:
                raise base.ValidationError(f"{where}.name {name!r} is used by another source")
            names.add(name)
            kinds = [k for k in KINDS if k in item]
            if len(kinds) != 1:
                raise base.ValidationError(f"{where} needs exactly one of {', '.join(KINDS)}: 'portal' for another "
                                           "portal's folder (a git submodule, say), 'folder' for a folder of "
                                           "entries in this repository, 'api' for another portal's published "
                                           "JSON API (a folder or file on disk)")
            path = item[kinds[0]]
            if not _one_line(path):
                raise base.ValidationError(f"{where}.{kinds[0]} must be a folder path relative to mkdocs.yml; "
                                           f"got {path!r}")
            self._filters(where, item)
            chosen = item.get("pathways", True)
            if not isinstance(chosen, bool) and not (isinstance(chosen, list) and chosen and all(
                    isinstance(v, str) and Slug.PATTERN.fullmatch(v) for v in chosen)):
                raise base.ValidationError(f"{where}.pathways must be true, false or a list of the source's pathway "
                                           f"ids; got {chosen!r}")
        return value

    @staticmethod
    def _filters(where: str, item: dict[str, object]) -> None:
        for key in FILTERS:
            if key not in item:
                continue
            values = item[key]
            if key == "tiers":
                ok = isinstance(values, list) and all(
                    isinstance(t, int) and not isinstance(t, bool) and 1 <= t <= 5 for t in values)
                expected = "a list of tiers such as [1, 2]"
            elif key in ("countries", "regions"):
                ok = isinstance(values, list) and all(
                    isinstance(v, str) and re.fullmatch(r"[A-Z]{2}(-[A-Z0-9]{1,3})?|\d{3}", v) for v in values)
                expected = "a list of ISO 3166 codes such as [GB] or, for regions, [GB-ENG]"
            else:
                ok = isinstance(values, list) and all(isinstance(v, str) and Slug.PATTERN.fullmatch(v)
                                                      for v in values)
                expected = f"a list of {'entry types such as [course]' if key == 'types' else 'entry ids'}"
            if not ok or not values:
                raise base.ValidationError(f"{where}.{key} must be {expected}; got {values!r}")

class Languages(_Checked[list[object]]):
    """The portal's languages (see generator/site/languages.py), checked and kept as parsed."""

    def __init__(self) -> None:
        super().__init__(default=None)

    def run_validation(self, value: object) -> list[object]:
        from .plugin_languages import parse

        try:
            languages = parse(value)
        except ValueError as exc:
            raise base.ValidationError(f"{self._name}: {exc}") from exc
        return list(languages)


class PortalConfig(base.Config):
    enabled = Flag(default=True)
    """Switch the plugin off without removing it."""

    catalog_dir = Text("a folder path relative to mkdocs.yml, such as catalog", default="catalog")
    """Folder of catalog entries (one YAML file each), relative to mkdocs.yml; pathways go in its ``pathways/``."""

    competencies_dir = Text("a folder path relative to mkdocs.yml, such as competencies", default="competencies")
    """Folder of the competency framework(s) and ``vocabularies.yaml``."""

    framework = Text("the id of a framework in the competencies folder", default=None)
    """Id of the framework entries are mapped to, when the folder holds more than one."""

    max_bytes = WholeNumber("bytes", default=DEFAULT_MAX_BYTES)
    """Largest YAML file accepted, in bytes."""

    page_size = WholeNumber("entries", default=20)
    """Entries per listing page; listings paginate so that no page grows with the catalog.
    Each card carries the entry's summary (cut to about 140 characters) and its facts as badges: at 20 a page
    stays well within the 30 KB budget (at 50 without summaries, long titles reached 30.7 KB; benchmarks/results.md)."""

    edit_root = Text("a folder path inside the repository, or empty", default="", allow_empty=True)
    """Path of mkdocs.yml's folder inside the repository, when it is not the repository root."""

    portal_id = Slug("a short id of lowercase letters, digits and hyphens, such as dementia (at most 40 characters)",
                     default=None)
    """The portal's permanent short id: calendar event ids, feed ids and stored progress carry it, so it must not
    change when the portal moves to a new address. Without it, ``portal`` is used."""

    licence = Mapping("a mapping such as {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}",
                      required=("name", "url"))
    """The licence of the catalog's text, shown on embed cards and in the open data."""

    contact = Mapping("a mapping such as {name: The portal's editors, url: https://example.org/contact}",
                      required=("name",), optional=("url", "email"), one_of=("url", "email"))
    """Who stands behind the portal and its open data, and how to reach them."""

    home = Home()
    """The home page: ``heading`` (the portal's purpose, the page's main heading; without it, ``site_description``),
    ``lead`` (a sentence under it; ``{entries}`` becomes the number of entries), ``roles`` and ``settings`` (the
    profession and setting ids to feature), ``audiences_heading`` and ``audiences_intro`` (the section on groups
    the portal focuses on), ``search_examples`` (a few search words, shown as the search box's hint)."""

    features = Names(default=None)
    """The optional features the portal publishes, from ``pathways`` (pathways worked out for every role, tier
    and audience), ``coverage``, ``exports`` (open data, feeds and embeds), ``curators`` (the curators' report)
    and ``analytics`` (switched on by ``extra.analytics``). Without it, all of them. Pages, search and the
    security policy are part of every portal."""

    subject = Words("the portal's field in a few words, such as dementia care", default=None)
    """The portal's field, as it reads in running text: "courses and resources in <subject>". Shown on the home
    page and published as the framework's subject in the CASE export."""

    vocabularies = VocabularyNames(default=None)
    """What the portal calls its vocabularies, for example
    ``audiences: {name: Group, title: Groups we focus on, summary: ..., facet: true}``:
    ``name`` heads one term's page, ``title`` the vocabulary's sections, ``summary`` is the home page's line
    about it, and ``facet: false`` leaves professions, settings or audiences out of the ways to browse."""

    featured = c.Deprecated(removed=True, message=(
        "'{}' was removed: the home page's featured terms are the home option's roles and settings, "
        "for example home: {{roles: [registered-nurse, paramedic], settings: [hospital]}}"))
    """Removed: the terms the home page features are ``home``'s ``roles`` and ``settings``."""

    sources = Sources()
    """Other portals and folders whose catalogs this portal includes, in order, before its own ``catalog_dir``.
    Each has a ``name``, one of ``portal`` (another portal's folder, such as a git submodule: its catalog,
    pathways, framework and vocabularies), ``folder`` (a folder of entries in this repository) or ``api`` (another
    portal's published JSON API, version 1, on disk: its entries and curated pathways), and optional
    filters ``countries``, ``regions``, ``tiers``, ``types`` and ``ids``; ``pathways`` includes all the
    source's curated pathways (``true``, the default), none (``false``) or those listed. An id defined twice is an error unless the later file says ``extends:``."""

    languages = Languages()
    """The portal's languages, for example ``[en, fr]``: the first is served at the site's root, each other one
    under ``/<lang>/`` with a language switcher and hreflang alternates on every page. An item may carry MkDocs'
    own texts in that language: ``{fr: {site_name: ..., site_description: ..., copyright: ..., labels: {Home:
    Accueil, ...}, name: Français}}``; this plugin's words (home, subject, vocabularies) take ``{en: ..., fr:
    ...}`` in place. Without it, the portal has one language, and its output is as before."""
