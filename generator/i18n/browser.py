"""The browser scripts' messages in the active language, as a JSON data block for the page.

The scripts (generator/assets/) write their words through ``_()`` and ``ngettext()`` like the
Python code, so ``make messages`` collects them into the same template; the template's
locations say which messages are the scripts'. A page in another language than English
carries ``<script type="application/json" id="portal-messages">``: data, not code, so the
Content-Security-Policy needs no exception; assets/i18n/messages.js reads it.

Plurals: the scripts ask the browser's ``Intl.PluralRules`` for the number's CLDR category,
and the block maps each category to the catalog's plural form.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

from . import _DEPENDENT_CACHES, DOMAIN, LOCALE_DIR, _find, _is_source, babel_locale, current_language, \
    npgettext, pgettext, translated

# Where the scripts' messages live in the template's locations.
SCRIPTS = "generator/assets/"
# CLDR plural categories, for the block's category-to-form map.
_SAMPLES = range(0, 1001)


@lru_cache(maxsize=2)
def script_messages(pot: Path = LOCALE_DIR / f"{DOMAIN}.pot") -> tuple[tuple[str, ...], ...]:
    """The messages the browser scripts use, as (singular,) or (singular, plural), in template order."""
    with pot.open("rb") as handle:
        catalog = read_po(handle, domain=DOMAIN)
    out = []
    for message in catalog:
        if message.id and message.context is None and any(path.startswith(SCRIPTS) and path.endswith(".js")
                                                          for path, _line in message.locations):
            out.append(tuple(message.id) if isinstance(message.id, (tuple, list)) else (message.id,))
    return tuple(out)


_DEPENDENT_CACHES.append(script_messages)


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


def browser_messages(pot: Path | None = None) -> dict[str, Any] | None:
    """The active language's translations of the scripts' messages, or None for English (the identity)."""
    lang = current_language()
    if _is_source(lang):
        return None
    messages: dict[str, Any] = {}
    plural: dict[str, int] = {}
    for ids in script_messages(pot) if pot else script_messages():
        if not translated(ids[0]):
            continue
        if len(ids) == 1:
            messages[ids[0]] = pgettext(None, ids[0])
            continue
        plural = plural or _plural_map(ids[0])
        forms = sorted(set(plural.values())) or [0, 1]
        samples = {index: next(n for n in _SAMPLES if plural.get(babel_locale().plural_form(n)) == index)
                   for index in forms}
        messages[ids[0]] = [npgettext(None, ids[0], ids[1], samples[i]) for i in range(max(forms) + 1)
                            if i in samples]
    return {"lang": lang, "plural": plural, "messages": messages}


def messages_block(pot: Path | None = None) -> str:
    """The JSON data block for a page ('' for English), safe inside HTML: no '<' is left raw."""
    data = browser_messages(pot)
    if not data or not data["messages"]:
        return ""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="portal-messages">{text}</script>'


# Where the scripts' translation reader lands in the site (loaded in the head, before the other scripts).
MESSAGES_JS = "assets/i18n/messages.js"


def messages_assets(outputs: object) -> Iterator[tuple[str, bytes]]:
    """The scripts' translation reader, read from generator/assets/i18n/ (package data)."""
    yield MESSAGES_JS, (resources.files("generator") / "assets" / "i18n" / "messages.js").read_bytes()
