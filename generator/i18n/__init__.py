"""The interface's words in the active language, from gettext catalogs read with Babel.

Every word the generator writes goes through ``_()`` (or ``ngettext``, ``pgettext``,
``npgettext``); the English source string is the message id and English is the identity.
A build sets its language with ``with active("fr"):``; the catalogs are plain ``.po``
files under ``generator/locale/<lang>/LC_MESSAGES/portal.po``, read once per language
with ``babel.messages.pofile.read_po`` (no compiled ``.mo`` files to keep in step).

A string with no translation in the active language comes back in English as a
:class:`Fallback` (a ``str``), so an HTML writer can mark it ``lang="en"`` (:func:`mark`).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from gettext import GNUTranslations
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

__all__ = [
    "DOMAIN", "LOCALE_DIR", "SOURCE_LANGUAGE", "Fallback", "_", "N_", "active", "available_languages", "capitalized",
    "catalog_dirs", "catalog_path", "compose", "Composed", "join_marked", "language_of", "language_parts", "current_language", "default_language", "gettext", "in_language", "localized", "mark", "mark_format", "messages", "ngettext", "npgettext", "pgettext", "reload", "translated", "use_portal_catalogs",
]

DOMAIN = "portal"
SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_LANGUAGE: ContextVar[str] = ContextVar("portal_language", default=SOURCE_LANGUAGE)
# The language of the portal's words and data given as plain text: its first language.
_DEFAULT: ContextVar[str] = ContextVar("portal_default_language", default=SOURCE_LANGUAGE)
_DIRS: ContextVar[tuple[Path, ...]] = ContextVar("portal_catalog_dirs", default=(LOCALE_DIR,))


class Fallback(str):
    """Text in another language than the page's: an interface string the active language does not translate
    (English), or a portal's or an entry's words that have no version in the active language (``lang``).

    ``format`` keeps the marker, so ``_("{n} entries").format(n=3)`` is still known to be English.
    """

    lang = "en"

    def format(self, *args: Any, **kwargs: Any) -> Fallback:  # type: ignore[override]
        return in_language(str.format(self, *args, **kwargs), self.lang)


def in_language(text: str, lang: str) -> Fallback:
    """``text`` marked as written in ``lang``."""
    marked = Fallback(text)
    if lang != Fallback.lang:
        marked.lang = lang
    return marked


def language_of(text: str) -> str:
    """The language of text written in another language than the active one (marked as such); '' otherwise."""
    return text.lang if isinstance(text, Fallback) else ""


def capitalized(text: str) -> str:
    """``text`` with its first letter a capital, still marked with its language if it was."""
    head = text[:1].upper() + text[1:]
    return in_language(head, text.lang) if isinstance(text, Fallback) else head


@lru_cache(maxsize=256)
def _base(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


def localized(value: str | Mapping[str, str] | None, default_lang: str | None = None) -> str:
    """The active language's version of words given as text (in ``default_lang``, by default the portal's
    first language) or as ``{lang: text}``.

    The exact tag wins, then the same language ('fr' for 'fr-CA'), then ``default_lang``, then the first
    given; text in another language than the active one comes back marked with its ``lang`` (:func:`mark`).
    """
    if value is None:
        return ""
    lang = current_language()
    default_lang = default_lang or _DEFAULT.get()
    if isinstance(value, str):
        return value if _base(default_lang) == _base(lang) else in_language(value, default_lang)
    if not value:
        return ""
    by_base = {_base(k): k for k in reversed(list(value))}
    for key in (lang, by_base.get(_base(lang)), default_lang, by_base.get(_base(default_lang)), next(iter(value))):
        if key in value:
            text = value[key]
            return text if _base(key) == _base(lang) else in_language(text, key)
    return ""  # pragma: no cover - the first key is always there


@dataclass(frozen=True)
class _Catalog:
    """One language's translations: gettext's lookups plus the keys that have a translation."""

    translations: GNUTranslations | None
    keys: frozenset[tuple[str | None, str]] = field(default_factory=frozenset)


@lru_cache(maxsize=64)  # asked on every lookup of every message
def _is_source(lang: str) -> bool:
    return lang.split("-")[0].lower() == SOURCE_LANGUAGE


def _candidates(lang: str) -> list[str]:
    """Catalog folder names for a BCP 47 tag, most specific first: 'fr-CA' -> ['fr_CA', 'fr']."""
    parts = lang.replace("_", "-").split("-")
    names = []
    for n in range(len(parts), 0, -1):
        head = parts[0].lower()
        rest = [p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p for p in parts[1:n]]
        names.append("_".join([head, *rest]))
    return names


def _paths(lang: str, locale_dir: Path) -> list[Path]:
    """The ``.po`` files for a tag in one folder, most specific first ('fr_CA', then 'fr')."""
    paths = (locale_dir / name / "LC_MESSAGES" / f"{DOMAIN}.po" for name in _candidates(lang))
    return [p for p in paths if p.is_file()]


def catalog_path(lang: str, locale_dir: Path = LOCALE_DIR) -> Path | None:
    """The most specific ``.po`` file that serves a language tag, or None when there is none."""
    paths = _paths(lang, locale_dir)
    return paths[0] if paths else None


def available_languages(locale_dir: Path = LOCALE_DIR) -> list[str]:
    """The languages with a catalog, as BCP 47 tags, sorted; English (the source) first."""
    found = sorted(p.parent.parent.name.replace("_", "-") for p in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [SOURCE_LANGUAGE, *[t for t in found if not _is_source(t)]]


@lru_cache(maxsize=16)
def _load(path: Path) -> _Catalog:
    """Read one ``.po`` file once; fuzzy and empty translations count as missing."""
    with path.open("rb") as handle:
        catalog = read_po(handle, domain=DOMAIN)
    keys = set()
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if all(strings):
            key = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
            keys.add((message.context, key))
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _Catalog(GNUTranslations(buffer), frozenset(keys))


@lru_cache(maxsize=64)
def _catalogs_in(lang: str, dirs: tuple[Path, ...]) -> tuple[_Catalog, ...]:
    if _is_source(lang):
        return ()
    return tuple(_load(path) for d in dirs for path in _paths(lang, d))


def _catalogs(lang: str) -> tuple[_Catalog, ...]:
    """The catalogs that serve ``lang``, the portal's own first; none for the source language."""
    return _catalogs_in(lang, _DIRS.get())


# Caches built from the catalogs elsewhere in the package, emptied with the catalogs themselves.
_DEPENDENT_CACHES: list[Any] = []


def reload() -> None:
    """Forget the catalogs read so far, so the next lookup reads edited ``.po`` files again."""
    _catalogs_in.cache_clear()
    _load.cache_clear()
    for cached in _DEPENDENT_CACHES:
        cached.cache_clear()


def current_language() -> str:
    """The BCP 47 tag of the language being written ('en' unless a build set another)."""
    return _LANGUAGE.get()


def catalog_dirs() -> tuple[Path, ...]:
    """The folders searched for catalogs, the portal's own before the generator's."""
    return _DIRS.get()


# A portal's own catalogs, beside its mkdocs.yml: locale/<lang>/LC_MESSAGES/portal.po.
PORTAL_LOCALE = "locale"


def use_portal_catalogs(root: Path) -> None:
    """Search the portal's own ``locale/`` folder before the generator's catalogs, for this build."""
    own = Path(root) / PORTAL_LOCALE
    _DIRS.set(((own,) if own.is_dir() else ()) + (LOCALE_DIR,))


def default_language() -> str:
    """The language of the portal's words and data given as plain text (its first language; 'en' by default)."""
    return _DEFAULT.get()


@contextmanager
def active(lang: str, extra_dirs: Sequence[Path] = (), default: str | None = None) -> Iterator[str]:
    """Write in ``lang`` inside the block: ``with active("fr"): page = render(...)``.

    ``extra_dirs`` are a portal's own locale folders (same layout), whose translations win; ``default`` is
    the language of the portal's plain-text words and data (its first language).
    """
    token = _LANGUAGE.set(lang)
    dirs = _DIRS.set((*(Path(d) for d in extra_dirs), *_DIRS.get())) if extra_dirs else None
    first = _DEFAULT.set(default) if default else None
    try:
        yield lang
    finally:
        if first is not None:
            _DEFAULT.reset(first)
        if dirs is not None:
            _DIRS.reset(dirs)
        _LANGUAGE.reset(token)


def _find(context: str | None, key: str) -> GNUTranslations | None:
    for cat in _catalogs(current_language()):
        if (context, key) in cat.keys and cat.translations is not None:
            return cat.translations
    return None


def translated(message: str, context: str | None = None) -> bool:
    """Whether ``message`` reads in the active language rather than falling back to English."""
    return _is_source(current_language()) or _find(context, message) is not None


def pgettext(context: str | None, message: str) -> str:
    """``message`` in the active language, told apart from the same English words by ``context``."""
    if _is_source(current_language()):
        return message
    found = _find(context, message)
    if found is None:
        return Fallback(message)
    return found.gettext(message) if context is None else found.pgettext(context, message)


def gettext(message: str) -> str:
    """``message`` in the active language."""
    return pgettext(None, message)


def _plural_count(n: float) -> int:
    """A count gettext's plural rules can read: a whole float as its integer, a fraction as a plural count.

    gettext's rules take integers only; "1.5 weeks" reads as a plural in English, so a fraction counts as 2.
    """
    if isinstance(n, float):
        return int(n) if n.is_integer() else 2
    return n


def npgettext(context: str | None, singular: str, plural: str, n: float) -> str:
    """The form of a message for ``n`` in the active language's plural rules (English's when it falls back)."""
    n = _plural_count(n)
    english = singular if n == 1 else plural
    if _is_source(current_language()):
        return english
    found = _find(context, singular)
    if found is None:
        return Fallback(english)
    return found.ngettext(singular, plural, n) if context is None else found.npgettext(context, singular, plural, n)


def ngettext(singular: str, plural: str, n: float) -> str:
    """The singular or plural form for ``n`` in the active language."""
    return npgettext(None, singular, plural, n)


def _(message: str) -> str:
    """Shorthand for :func:`gettext`, the name the extraction tools look for."""
    return pgettext(None, message)


def N_(message: str) -> str:
    """Mark a module-level string for extraction; translate it where it is used, with ``_()``."""
    return message


def escape_html(text: str) -> str:
    """``html.escape(text, quote=True)``, without its five passes over text that needs none (nearly all)."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html.escape(text, quote=True)
    return text


def mark(text: str, *, escape: bool = True) -> str:
    """HTML for an interface string: escaped, and wrapped ``<span lang="en">`` when it fell back to English.

    For element content only; an attribute value takes the plain (escaped) string. Text put together with
    :func:`compose` comes back as its HTML, each part marked with its own language.
    """
    if isinstance(text, Composed) and escape:
        return text.html
    body = escape_html(str(text)) if escape else str(text)
    return f'<span lang="{escape_html(text.lang)}">{body}</span>' if isinstance(text, Fallback) else body


def mark_format(template: str, **values: object) -> str:
    """HTML for a message with its ``{placeholders}`` filled in, each part marked with its own language:
    ``mark_format(_("Tier {number}: {name}"), number=1, name=tier.name)`` on a French page whose tier has
    no French name gives ``Niveau 1 : <span lang="en">General awareness</span>``."""
    parts = []
    last = 0
    for found in _PLACEHOLDER.finditer(str(template)):
        key = found.group(1)
        if key not in values:
            continue
        parts.append(escape_html(str(template)[last:found.start()]))
        value = values[key]
        parts.append(mark(value) if isinstance(value, str) else escape_html(str(value)))
        last = found.end()
    parts.append(escape_html(str(template)[last:]))
    body = "".join(parts)
    return f'<span lang="{escape_html(template.lang)}">{body}</span>' \
        if isinstance(template, Fallback) else body


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class Composed(str):
    """Text put together from a message and data in other languages: reads as the plain text (for page heads,
    search and exports) and keeps ``html``, the same text with each part marked (:func:`mark`)."""

    html: str
    # Its runs of (words, language) for language_parts(), worked out only when asked for.
    _runs: Callable[[str], list[tuple[str, str]]]


def language_parts(text: str, inherited: str = "") -> list[tuple[str, str]]:
    """``text`` as runs of (words, language tag), where '' is the active language: what :func:`mark` marks, for
    scripts that draw the same text with DOM methods rather than HTML. ``inherited`` is the language of the
    text around it ('' for the page's)."""
    if isinstance(text, Composed):
        runs = text._runs(inherited)
    elif isinstance(text, Fallback):
        runs = [(str(text), text.lang)]
    else:
        runs = [(str(text), inherited)]
    merged: list[tuple[str, str]] = []
    for words, lang in runs:
        if words and merged and merged[-1][1] == lang:
            merged[-1] = (merged[-1][0] + words, lang)
        elif words:
            merged.append((words, lang))
    return merged


def compose(template: str, **values: object) -> str:
    """A message with its ``{placeholders}`` filled in: plain text that :func:`mark` turns into HTML marking each
    part with its language (``mark_format``), so composed words can be passed on and composed again."""
    text = Composed(str.format(str(template), **values))
    text.html = mark_format(template, **values)

    def runs(inherited: str) -> list[tuple[str, str]]:
        own = template.lang if isinstance(template, Fallback) else inherited  # as mark_format's wrapping span
        out, last = [], 0
        for found in _PLACEHOLDER.finditer(str(template)):
            if found.group(1) not in values:
                continue
            value = values[found.group(1)]
            out.append((str(template)[last:found.start()], own))
            out.extend(language_parts(value, own) if isinstance(value, str) else [(str(value), own)])
            last = found.end()
        out.append((str(template)[last:], own))
        return out

    text._runs = runs
    return text


def join_marked(separator: str, parts: Sequence[str]) -> str:
    """``separator.join(parts)``, keeping each part's marks for :func:`mark`."""
    text = Composed(separator.join(parts))
    text.html = escape_html(separator).join(mark(part) for part in parts)
    text._runs = lambda inherited: [run for i, part in enumerate(parts)
                                    for run in ([(separator, inherited)] if i else []) + language_parts(part, inherited)]
    return text


@lru_cache(maxsize=16)
def _babel_locale(lang: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(_base(lang)) if _base(lang) != lang else Locale.parse(SOURCE_LANGUAGE)


def babel_locale() -> Any:
    """The active language as a ``babel.Locale``, for month names, numbers and territory names."""
    return _babel_locale(current_language())


def messages(keys: Sequence[str], lang: str | None = None) -> dict[str, str]:
    """The translations of ``keys`` that the language has, for the browser scripts' JSON block."""
    lang = lang or current_language()
    out: dict[str, str] = {}
    with active(lang):
        for key in keys:
            text = _(key)
            if not isinstance(text, Fallback) and text != key:
                out[key] = text
    return out
