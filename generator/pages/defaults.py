"""The about, contribute and open-data pages every portal has, until it writes its own.

The about and contribute texts ship with the generator (generator/theme/pages/) and speak of no field; the
open-data page is written from the message catalog, in the page's language (``open_data``);
a portal's own ``docs/about.md`` (or any page of the same name) replaces them.
Other pages link to them, so a portal that has not written them yet still has
no broken link.

Both these texts and a portal's own pages may name the portal's settings instead of
writing them out, so that a page copied to another portal is right there too:
``{{ site_name }}``, ``{{ site_url }}`` (with its final slash), ``{{ site_origin }}``
(scheme and host, as a Content-Security-Policy names it), ``{{ contact }}`` and
``{{ licence }}`` (Markdown links to the configured contact and licence).
"""

from __future__ import annotations

from importlib import resources
from urllib.parse import urlsplit

from ..settings import Settings


def placeholders(settings: Settings | None, site_name: str, site_url: str = "") -> dict[str, str]:
    """{placeholder: text} for the portal's own settings (see the module's docstring)."""
    parts = urlsplit(site_url)
    contact = settings.contact if settings else None
    licence = settings.licence if settings else None
    return {
        "{{ site_name }}": site_name,
        "{{ site_url }}": site_url,
        "{{ site_origin }}": f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "",
        "{{ contact }}": f"[{contact.name}]({contact.address})" if contact else "the portal's editors",
        "{{ licence }}": f"[{licence.name}]({licence.url})" if licence else "the licence each page states",
    }


def fill(markdown: str, values: dict[str, str]) -> str:
    """``markdown`` with each placeholder replaced by its value."""
    for key, value in values.items():
        markdown = markdown.replace(key, value)
    return markdown


def default_pages(site_name: str, names: tuple[str, ...] = ("about", "contribute"),
                  values: dict[str, str] | None = None) -> dict[str, str]:
    """{file name: markdown} of the default pages, with the portal's name (and other ``values``) filled in."""
    folder = resources.files("generator") / "theme" / "pages"
    values = values or placeholders(None, site_name)
    return {f"{name}.md": fill(folder.joinpath(f"{name}.md").read_text(encoding="utf-8"), values)
            for name in names}


# The language the default pages are written in; a portal in another language shows them marked as such.
# (The open-data page is not one of them: its words come from the message catalog, in each language.)
DEFAULT_PAGES_LANGUAGE = "en"
DEFAULT_NAMES = frozenset(f"{name}.md" for name in ("about", "contribute"))
