"""The about, contribute and open-data pages every portal has, until it writes its own.

The texts ship with the generator (generator/theme/pages/) and speak of no field;
a portal's own ``docs/about.md`` (or any page of the same name) replaces them.
Other pages link to them, so a portal that has not written them yet still has
no broken link.
"""

from __future__ import annotations

from importlib import resources

def default_pages(site_name: str, names: tuple[str, ...] = ("about", "contribute")) -> dict[str, str]:
    """{file name: markdown} of the default pages, with the portal's name filled in."""
    folder = resources.files("generator") / "theme" / "pages"
    return {f"{name}.md": folder.joinpath(f"{name}.md").read_text(encoding="utf-8").replace("{{ site_name }}", site_name)
            for name in names}
