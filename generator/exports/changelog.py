"""The open data's changelog: a curated list of changes partners should know about, published as Atom.

The portal's editors keep ``open-data-changelog.yaml`` beside mkdocs.yml, newest
change first. ``portal validate`` checks it (every problem located), and each
build publishes it as ``api/v1/changelog.xml``, the feed docs/open-data.md tells
partners to subscribe to. A project without the file publishes an empty feed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..errors import Problem
from ..load.yamlsafe import YamlError, parse
from .api import CHANGELOG as PATH
from .common import absolute, build_time, stable_uuid
from .feeds import ATOM_NS, atom_sub

if TYPE_CHECKING:
    from ..settings import Settings
    from ..outputs import Outputs

FILE = "open-data-changelog.yaml"
FIELDS = {"date": "the day the change was published, as YYYY-MM-DD",
          "title": "one line saying what changed",
          "text": "what changed, what a partner has to do, if anything",
          "breaking": "true when a partner's code may need to change (optional; false if left out)"}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Change:
    day: str
    title: str
    text: str
    breaking: bool = False


def _check(item: object, index: int, problem: list[str]) -> Change | None:
    if not isinstance(item, dict):
        problem.append("each change must be a mapping with " + ", ".join(FIELDS))
        return None
    unknown = [k for k in item if k not in FIELDS]
    if unknown:
        problem.append(f"unknown field {unknown[0]!r}; a change has " + ", ".join(FIELDS))
        return None
    for key in ("date", "title", "text"):
        if key not in item:
            problem.append(f"change {index + 1} needs '{key}': {FIELDS[key]}")
            return None
    day = item["date"].isoformat() if isinstance(item["date"], date) else item["date"]
    if not isinstance(day, str) or not _DAY.fullmatch(day):
        problem.append(f"'date' must be {FIELDS['date']}; got {item['date']!r}")
        return None
    for key in ("title", "text"):
        if not isinstance(item[key], str) or not item[key].strip():
            problem.append(f"'{key}' must be text: {FIELDS[key]}")
            return None
    if "\n" in item["title"]:
        problem.append("'title' must be one line")
        return None
    if not isinstance(item.get("breaking", False), bool):
        problem.append(f"'breaking' must be true or false; got {item['breaking']!r}")
        return None
    return Change(day, item["title"].strip(), item["text"].strip(), item.get("breaking", False))


def load_changelog(settings: Settings) -> tuple[list[Change], list[Problem]]:
    """The changes, newest first, and the problems found in the file (each located)."""
    path = settings.root / FILE
    if not path.is_file():
        return [], []
    try:
        parsed = parse(path.read_bytes(), max_bytes=settings.max_bytes)
    except YamlError as exc:
        return [], [Problem(FILE, exc.line, exc.column, exc.message)]
    except OSError as exc:
        return [], [Problem(FILE, 0, 0, f"cannot read it: {exc.strerror}")]
    if not isinstance(parsed.data, list):
        return [], [Problem(FILE, 1, 1, "expected a list of changes, newest first, each with "
                                        + ", ".join(FIELDS))]
    changes, problems = [], []
    for index, item in enumerate(parsed.data):
        found: list[str] = []
        line, column = parsed.positions.of((index,))
        change = _check(item, index, found)
        if change is None:
            problems.append(Problem(FILE, line, column, found[0]))
        else:
            changes.append(change)
    return sorted(changes, key=lambda c: c.day, reverse=True), problems


def changelog_feed(outputs: Outputs) -> str:
    """The changelog as an Atom feed; partners subscribe to it to hear of changes before they land."""
    changes, _problems = load_changelog(outputs.settings)  # validated before the build
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": "en"})
    atom_sub(feed, "id", f"urn:uuid:{stable_uuid(outputs, 'open-data-changelog')}")
    atom_sub(feed, "title", f"{outputs.site_name}: changes to the open data and embeds")
    updated = f"{changes[0].day}T00:00:00Z" if changes else f"{build_time():%Y-%m-%dT%H:%M:%SZ}"
    atom_sub(feed, "updated", updated)
    atom_sub(feed, "link", rel="self", type="application/atom+xml", href=absolute(outputs, PATH))
    atom_sub(feed, "link", rel="alternate", type="text/html", href=absolute(outputs, "open-data/"))
    author = atom_sub(feed, "author")
    contact = outputs.settings.contact
    atom_sub(author, "name", contact.name if contact else outputs.site_name)
    if contact and contact.url:
        atom_sub(author, "uri", contact.url)
    if contact and contact.email:
        atom_sub(author, "email", contact.email)
    for change in changes:
        item = atom_sub(feed, "entry")
        atom_sub(item, "id", f"urn:uuid:{stable_uuid(outputs, 'change', change.day, change.title)}")
        atom_sub(item, "title", ("Breaking: " if change.breaking else "") + change.title)
        atom_sub(item, "updated", f"{change.day}T00:00:00Z")
        atom_sub(item, "link", rel="alternate", type="text/html", href=absolute(outputs, "open-data/#changes"))
        atom_sub(item, "content", change.text, type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"

