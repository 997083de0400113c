"""The floor: a bare Material for MkDocs site with the same number of plain pages as the portal.

Same theme, palette, features, Markdown extensions and search plugin as the
portal's mkdocs.yml, but no portal plugin and no overrides: what any MkDocs
site of that many pages costs. Pages are kept out of the navigation, as the
portal's catalog pages are, so Material's per-page navigation cost is the same.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from .synth import _Writer  # the same word frequencies as the synthetic catalog

CONFIG = {
    "site_name": "Floor",
    "site_url": "https://example.org/floor/",
    "theme": {
        "name": "material", "language": "en", "font": False,
        "features": ["content.action.edit", "navigation.footer", "search.highlight"],
        "palette": [
            {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "indigo", "accent": "indigo",
             "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"}},
            {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "indigo", "accent": "indigo",
             "toggle": {"icon": "material/brightness-4", "name": "Switch to light mode"}},
        ],
    },
    "plugins": ["search"],
    "markdown_extensions": ["attr_list", "md_in_html", {"toc": {"permalink": True}}],
    "nav": [{"Home": "index.md"}],
    "not_in_nav": "/p/**",
}


def floor_project(dest: Path, pages: int, root: Path, seed: int = 1) -> Path:
    """Write a bare Material project with ``pages`` plain pages (one is the home page) into ``dest``."""
    writer = _Writer(random.Random(seed), root)
    docs = dest / "docs"
    (docs / "p").mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(CONFIG, sort_keys=False), encoding="utf-8")
    (docs / "index.md").write_text("# Floor\n\nA bare Material site.\n", encoding="utf-8")
    for i in range(max(pages - 1, 0)):
        # About an entry page's worth of text: a title, a summary and a short list.
        text = (f"# {writer.title()}\n\n{writer.text(writer.rng.randint(40, 160)).capitalize()}.\n\n"
                + "".join(f"- {writer.text(writer.rng.randint(3, 9))}\n" for _ in range(6)))
        (docs / "p" / f"{i:05d}.md").write_text(text, encoding="utf-8")
    return dest
