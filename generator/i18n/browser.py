"""The browser scripts' messages in the active language, as a JSON data block for the page.

The scripts (generator/assets/) write their words through ``_()`` and ``ngettext()`` like the
Python code, so ``make messages`` collects them into the same template; the template's
locations say which messages are the scripts'. The build writes one file per language,
``assets/i18n/<lang>.js``: the translations as data and the small reader the scripts call.
It is a same-origin script file, so the Content-Security-Policy needs no exception, and it is
cached after the first page, so no page carries the words again. A page in another language
than English loads it before the other scripts; English pages load nothing.

Plurals: the scripts ask the browser's ``Intl.PluralRules`` for the number's CLDR category,
and the block maps each category to the catalog's plural form.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

from . import _DEPENDENT_CACHES, DOMAIN, LOCALE_DIR, _find, _is_source, active, babel_locale, catalog_path, \
    current_language, npgettext, pgettext, translated

# Where the scripts' messages live in the template's locations.
SCRIPTS = "generator/assets/"
# CLDR plural categories, for the block's category-to-form map.
_SAMPLES = range(0, 1001)


@lru_cache(maxsize=2)
def _script_messages(pot: Path) -> tuple[tuple[str | None, tuple[str, ...], frozenset[str]], ...]:
    with pot.open("rb") as handle:
        catalog = read_po(handle, domain=DOMAIN)
    out = []
    for message in catalog:
        files = frozenset(path.rsplit("/", 1)[-1] for path, _line in message.locations
                          if path.startswith(SCRIPTS) and path.endswith(".js"))
        if message.id and files:
            ids = tuple(message.id) if isinstance(message.id, (tuple, list)) else (message.id,)
            out.append((message.context, ids, files))
    return tuple(out)


def _wanted(scripts: Iterable[str] | None, pot: Path
            ) -> Iterator[tuple[str | None, tuple[str, ...]]]:
    wanted = set(scripts) if scripts is not None else None
    for context, ids, files in _script_messages(pot):
        if wanted is None or files & wanted:
            yield context, ids


def script_messages(scripts: Iterable[str] | None = None, pot: Path = LOCALE_DIR / f"{DOMAIN}.pot"
                    ) -> tuple[tuple[str, ...], ...]:
    """The messages the browser scripts use (only those of ``scripts``, file names such as 'passport.js',
    when given), as (singular,) or (singular, plural), in template order; those with a context are left out."""
    return tuple(ids for context, ids in _wanted(scripts, pot) if context is None)


_DEPENDENT_CACHES.append(_script_messages)

# How a message with a context is keyed in the scripts' words: GNU gettext's own separator, as in .mo files.
CONTEXT_SEPARATOR = "\u0004"


def _plural_map(singular: str) -> dict[str, int]:
    """Each CLDR plural category of the active language -> the catalog's form index for it."""
    found = _find(None, singular)
    locale = babel_locale()
    out: dict[str, int] = {}
    if found is None:
        return out
    for n in _SAMPLES:
        out.setdefault(locale.plural_form(n), int(found.plural(n)))  # type: ignore[attr-defined]
    return out


def browser_messages(scripts: Iterable[str] | None = None, pot: Path | None = None) -> dict[str, Any] | None:
    """The active language's translations of the messages of ``scripts`` (every script's when None), or None
    for English (the identity). A message with a context is keyed ``context + CONTEXT_SEPARATOR + message``."""
    lang = current_language()
    if _is_source(lang):
        return None
    messages: dict[str, Any] = {}
    plural: dict[str, int] = {}
    for context, ids in _wanted(scripts, pot or LOCALE_DIR / f"{DOMAIN}.pot"):
        if not translated(ids[0], context):
            continue
        key = ids[0] if context is None else f"{context}{CONTEXT_SEPARATOR}{ids[0]}"
        if len(ids) == 1:
            messages[key] = pgettext(context, ids[0])
            continue
        plural = plural or _plural_map(ids[0])
        forms = sorted(set(plural.values())) or [0, 1]
        samples = {index: next(n for n in _SAMPLES if plural.get(babel_locale().plural_form(n)) == index)
                   for index in forms}
        messages[key] = [npgettext(context, ids[0], ids[1], samples[i]) for i in range(max(forms) + 1)
                         if i in samples]
    return {"lang": lang, "plural": plural, "messages": messages}


# Where the scripts' words land in the site: one file per language with a catalog, the reader
# (generator/assets/i18n/messages.js) and that language's translations together. A file, not a block in
# each page: it is cached after the first page, so no page carries the words again.
MESSAGES_FOLDER = "assets/i18n"


def _serving(lang: str) -> str:
    """The catalog language that serves ``lang`` ('fr' for 'fr-CA' unless fr_CA has its own), or ''."""
    path = catalog_path(lang)
    return path.parent.parent.name.replace("_", "-") if path else ""


def messages_script() -> str:
    """The site path of the active language's words for the scripts; '' for English (the scripts' own)."""
    lang = current_language()
    served = "" if _is_source(lang) else _serving(lang)
    return f"{MESSAGES_FOLDER}/{served}.js" if served else ""


def messages_file(lang: str) -> str:
    """The script file for ``lang``: its translations, then the reader that the portal's scripts call."""
    with active(lang):
        data = browser_messages() or {}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    reader = (resources.files("generator") / "assets" / "i18n" / "messages.js").read_text(encoding="utf-8")
    return f"window.portalMessages = {text};\n{reader}"


def messages_assets(outputs: Any) -> Iterator[tuple[str, bytes]]:
    """One file of the scripts' words per language the portal publishes (its ``languages``, and the language
    being built), for those with a catalog; none for an English-only portal."""
    wanted = [*(getattr(getattr(outputs, "settings", None), "languages", None) or ()), current_language()]
    served = sorted({_serving(lang) for lang in wanted if not _is_source(lang)} - {""})
    for lang in served:
        yield f"{MESSAGES_FOLDER}/{lang}.js", messages_file(lang).encode("utf-8")
