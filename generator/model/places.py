"""Country and region names for ISO 3166 codes (the names of Debian's iso-codes tables).

The table holds every ISO 3166-1 country and the ISO 3166-2 nations, provinces,
states and territories of the countries the shipped catalogs serve; a code
outside it is shown as written.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def _names() -> dict[str, str]:
    text = resources.files(__package__).joinpath("countries.json").read_text(encoding="utf-8")
    return json.loads(text)


def country_name(code: str) -> str:
    """'United Kingdom' for 'GB', 'Wales' for 'GB-WLS'; the code itself when unknown."""
    return _names().get(code, code)


def known_country(code: str) -> bool:
    return code in _names()
