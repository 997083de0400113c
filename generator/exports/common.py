"""What every export shares: absolute URLs, the build time, entry dates and deterministic JSON."""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..i18n import _
from ..model import Entry
from ..pages.html import rel, short  # noqa: F401  (short: shared with the exports)

if TYPE_CHECKING:
    from ..outputs import Outputs



def namespace(portal_id: str) -> uuid.UUID:
    """The portal's UUID namespace: from its permanent id, so UUIDs (CASE items, Atom ids) stay the same
    when the site moves host, and two portals never mint the same one."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"https://{portal_id}-portal.example/ids/")

API_VERSION = "1"


def absolute(outputs: Outputs, path: str) -> str:
    """``path`` (a site URL such as 'catalog/x/') made absolute with site_url.

    Without a site_url the path stays relative to the site root: partners need
    absolute URLs, so every real deployment sets site_url.
    """
    return outputs.site_url + path if outputs.site_url else path


def link(outputs: Outputs, here: str, target: str) -> str:
    """``target`` as an absolute URL with a site_url, else relative to the page at ``here``."""
    return absolute(outputs, target) if outputs.site_url else rel(here, target)


def build_time() -> datetime:
    """The build's timestamp: SOURCE_DATE_EPOCH (set by the plugin to the last commit), never the clock."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "0").strip()
    return datetime.fromtimestamp(int(value) if value.isdigit() else 0, UTC)


def entry_updated(entry: Entry) -> str:
    """The date an entry was last checked: ``reviewed``, else its newest source check, else its launch."""
    if entry.reviewed:
        return entry.reviewed
    if entry.sources:
        return max(s.checked for s in entry.sources)
    # A launch known only to the month or year names no day to date an update by.
    return entry.launched if len(entry.launched) == 10 else ""


def review_date(entry: Entry) -> str:
    """When a curator last reviewed the entry: ``reviewed``, else its newest source check; '' if neither."""
    if entry.reviewed:
        return entry.reviewed
    return max((s.checked for s in entry.sources), default="")


def review_text(entry: Entry) -> str:
    """'Last reviewed <date>', or 'Facts last checked <date>' when only the sources were checked; '' if neither."""
    if entry.reviewed:
        return _("Last reviewed {date}").format(date=entry.reviewed)
    return _("Facts last checked {date}").format(date=review_date(entry)) if review_date(entry) else ""


def stable_uuid(outputs: Outputs, *parts: str) -> str:
    """A UUID for ``parts`` that only this portal makes, build after build."""
    return str(uuid.uuid5(namespace(outputs.settings.portal_id), "/".join(parts)))


def dumps(data: Any) -> str:
    """Compact, byte-stable JSON."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element: '</script>' and '<!--' cannot appear in it."""
    text = dumps(data)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def or_none(value: str) -> str | None:
    """Optional text fields are ``null`` in the open data, never ''."""
    return value or None
