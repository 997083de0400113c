"""Text that reads differently from what it is: hidden characters in ids, titles and web addresses,
and addresses whose host a reviewer could misread.

A right-to-left override can make 'gpj.exe' show as 'exe.jpg'; a zero-width
space makes two ids or addresses that look the same differ. Neither has a
place in an id, a title or a web address, so they are refused there (summaries
and notes may need a zero-width joiner for some scripts and emoji). An
internationalised host name (``exаmple.org`` with a Cyrillic 'а') or a user
name before the host (``https://example.org@elsewhere.net``) is allowed,
as some real addresses have one, but warned about so that a reviewer looks twice.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from ..errors import Problem, Severity
from ..load.project import Document, Kind
from .crossfile import URL_FIELDS, values_at
from .schema import field_name

# Bidirectional controls (embeddings, overrides, isolates and marks) and zero-width characters.
_HIDDEN = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

# Every one-line title of each kind of file; "*" stands for each item of a list.
TITLE_FIELDS: dict[Kind, tuple[tuple[str, ...], ...]] = {
    Kind.ENTRY: (("title",), ("runs", "*", "title"), ("parts", "*", "title"), ("sources", "*", "title")),
    Kind.PATHWAY: (("title",),),
    Kind.FRAMEWORK: (("title",), ("short_title",), ("tiers", "*", "name"), ("domains", "*", "name"),
                     ("subjects", "*", "name")),
    Kind.VOCABULARIES: (),
}
# Ids are slugs by their schemas, except where a list of ids is free text; these are checked too.
ID_FIELDS: dict[Kind, tuple[tuple[str, ...], ...]] = {
    Kind.ENTRY: (("id",), ("aliases", "*")),
    Kind.PATHWAY: (("id",), ("aliases", "*"), ("steps", "*", "entry")),
    Kind.FRAMEWORK: (("id",), ("domains", "*", "id"), ("subjects", "*", "id"), ("competencies", "*", "id")),
    Kind.VOCABULARIES: (),
}


def hidden_character(text: str) -> str | None:
    """A description of the first bidirectional control or zero-width character in ``text``, if any."""
    found = _HIDDEN.search(text)
    if not found:
        return None
    ch = found[0]
    name = unicodedata.name(ch, "").lower() or "format character"
    return f"U+{ord(ch):04X} ({name})"


def address_warning(url: str) -> str | None:
    """Why a reviewer should look twice at ``url``'s host, if there is a reason."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return None  # the address checks say what is wrong with it
    if "@" in parts.netloc:
        return (f"has a user name before '@', so it leads to '{host}', not to what comes before the '@'; "
                "check that this is the provider's own address")
    if not host.isascii() or any(label.startswith("xn--") for label in host.split(".")):
        try:
            spelt = host.encode("idna").decode("ascii") if not host.isascii() else host
        except UnicodeError:
            spelt = host
        return (f"has an internationalised host name ('{host}', spelt '{spelt}' on the wire), which can look "
                "like another address; check that this is the provider's own address")
    return None


def lookalike_problems(doc: Document) -> list[Problem]:
    """Hidden characters in ids, titles and web addresses (errors); look-alike hosts (warnings)."""
    out: list[Problem] = []
    for fields, what in ((ID_FIELDS, "an id"), (TITLE_FIELDS, "a title"), (URL_FIELDS, "a web address")):
        for pattern in fields.get(doc.kind, ()):
            for path, value in values_at(doc.data, pattern):
                hidden = hidden_character(value)
                if hidden:
                    out.append(doc.at(path, f"{field_name(path)} contains the invisible character {hidden}, "
                                            f"which has no place in {what} and can make it read differently "
                                            "from what it is; remove it", code="hidden-character"))
    for pattern in URL_FIELDS.get(doc.kind, ()):
        for path, value in values_at(doc.data, pattern):
            warning = None if hidden_character(value) else address_warning(value)
            if warning:
                out.append(doc.at(path, f"{field_name(path)} {warning}", severity=Severity.WARNING,
                                  code="lookalike-address"))
    return out
