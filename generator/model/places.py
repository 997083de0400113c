"""Country and region names for ISO 3166 codes (the names of Debian's iso-codes tables).

The table holds every ISO 3166-1 country and the ISO 3166-2 nations, provinces,
states and territories of the countries the shipped catalogs serve; a code
outside it is shown as written.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from ..i18n import SOURCE_LANGUAGE, babel_locale, current_language, in_language


@cache
def _names() -> dict[str, str]:
    text = resources.files(__package__).joinpath("countries.json").read_text(encoding="utf-8")
    return json.loads(text)


def country_name(code: str) -> str:
    """'United Kingdom' for 'GB', 'Wales' for 'GB-WLS'; the code itself when unknown.

    In another language than English, countries and UN M49 areas take that language's name from CLDR
    (Babel): 'Royaume-Uni' in French. Regions CLDR does not name keep their English name, marked as such."""
    english = _names().get(code, code)
    if current_language().split("-")[0] == SOURCE_LANGUAGE or english == code:
        return english
    native = babel_locale().territories.get(code) if "-" not in code else None
    return str(native) if native else in_language(english, SOURCE_LANGUAGE)


def known_country(code: str) -> bool:
    return code in _names()
