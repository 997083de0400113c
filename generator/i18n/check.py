"""Find interface strings left in English on a page written in another language.

Every message of the template (``portal.pot``) that the language translates into other words
is a pattern (its ``{placeholders}`` match any text); a text node, an element's whole text or a
human-facing attribute (``alt``, ``title``, ``aria-label``, ``placeholder``, ``content`` of a
description) that reads exactly as the English message is reported. Scripts, styles and code
are skipped; so are parts marked ``translate="no"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po

from . import _DEPENDENT_CACHES, DOMAIN, LOCALE_DIR, _base, _is_source, active, catalog_dirs, npgettext, pgettext, translated

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_SPACE = re.compile(r"\s+")
_SKIP = {"script", "style", "code", "pre", "template", "svg"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_ATTRS = {"alt", "title", "aria-label", "placeholder", "aria-description"}


@dataclass(frozen=True, order=True)
class Leftover:
    """An English interface string found in a page: the message id and the text that matched it."""

    message: str
    text: str


@lru_cache(maxsize=4)
def template_messages(pot: Path = LOCALE_DIR / f"{DOMAIN}.pot") -> tuple[tuple[str | None, tuple[str, ...]], ...]:
    """Every message of the template as (context, (singular[, plural]))."""
    with pot.open("rb") as handle:
        catalog = read_po(handle, domain=DOMAIN)
    out = []
    for message in catalog:
        if not message.id:
            continue
        ids = tuple(message.id) if isinstance(message.id, (tuple, list)) else (message.id,)
        out.append((message.context, ids))
    return tuple(out)


def _enough_english(message: str) -> bool:
    """Whether a message has enough words of its own to be told apart from data: '{n}' has none, and
    '{list} and {last}' too few to tell from any sentence with 'and' in it."""
    letters = len(re.findall(r"[A-Za-z]", _PLACEHOLDER.sub(" ", message)))
    return letters >= (6 if _PLACEHOLDER.search(message) else 3)


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class _Patterns:
    exact: dict[str, str]  # normalised English text -> message
    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # messages with placeholders


def _forms(context: str | None, ids: tuple[str, ...]) -> set[str]:
    if len(ids) == 1:
        return {pgettext(context, ids[0])}
    return {npgettext(context, ids[0], ids[1], n) for n in (0, 1, 2, 3, 5, 6, 11, 100, 1000000)}


@lru_cache(maxsize=16)
def _english(lang: str, pot: Path, dirs: tuple[Path, ...]) -> _Patterns:
    exact: dict[str, str] = {}
    patterns = []
    with active(lang):
        for context, ids in template_messages(pot):
            same = _forms(context, ids) if translated(ids[0], context) else set()
            for english in ids:
                if english in same or not _enough_english(english):
                    continue  # The same words in both languages ("PDF", "CSV"): nothing to find.
                if _PLACEHOLDER.search(english):
                    parts = _PLACEHOLDER.split(_normal(english))
                    patterns.append((english, re.compile(".+?".join(re.escape(p) for p in parts), re.DOTALL)))
                else:
                    exact[_normal(english)] = english
    return _Patterns(exact, tuple(patterns))


_DEPENDENT_CACHES += [_english, template_messages]


class _Texts(HTMLParser):
    """Text nodes, whole element texts and human-facing attributes, outside scripts and code (and, with
    ``skip_lang``, outside parts marked as written in another language)."""

    def __init__(self, skip_lang: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.skip_lang = skip_lang
        self.stack: list[tuple[str, bool, list[str]]] = []
        self.texts: list[str] = []

    def _skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        skip = self._skipping() or tag in _SKIP or values.get("translate") == "no" or bool(
            self.skip_lang and values.get("lang") and _base(values["lang"] or "") != _base(self.skip_lang))
        if not skip:
            self.texts += [v for k, v in attrs if k in _ATTRS and v]
            if tag == "meta" and values.get("name") in ("description", "twitter:description") and values.get("content"):
                self.texts.append(values["content"] or "")
        if tag not in _VOID:
            self.stack.append((tag, skip, []))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            name, skip, parts = self.stack.pop()
            if not skip:
                whole = "".join(parts)
                self.texts.append(whole)
                if self.stack:
                    self.stack[-1][2].append(whole)
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._skipping():
            return
        self.texts.append(data)
        if self.stack:
            self.stack[-1][2].append(data)


def untranslated(page: str, lang: str, pot: Path = LOCALE_DIR / f"{DOMAIN}.pot", *,
                 skip_marked: bool = True) -> list[Leftover]:
    """The interface strings a page in ``lang`` still shows in English (none for an English page).

    Parts marked with another ``lang`` (an entry's title in English on a French page, an untranslated
    string's ``<span lang="en">``) are declared, not left over, and skipped unless ``skip_marked`` is false.
    """
    if _is_source(lang):
        return []
    parser = _Texts(lang if skip_marked else "")
    parser.feed(page)
    parser.close()
    texts = {_normal(t) for t in parser.texts}
    texts.discard("")
    english = _english(lang, pot, catalog_dirs())
    found = {Leftover(english.exact[t], t) for t in texts if t in english.exact}
    found |= {Leftover(message, t) for message, pattern in english.patterns for t in texts if pattern.fullmatch(t)}
    return sorted(found)
