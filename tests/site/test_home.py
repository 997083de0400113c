"""The home page: the portal's purpose as its heading, its words and featured ways in from mkdocs.yml."""

from __future__ import annotations

import re
from pathlib import Path

from generator.pages.home import home_page
from generator.settings import load_settings
from generator.validate import validate_project

ROOT = Path(__file__).resolve().parents[2]


def _catalog():
    result = validate_project(load_settings(ROOT))
    assert result.catalog is not None
    return result.catalog


def test_heading_lead_and_featured_ways_come_from_the_configuration() -> None:
    catalog = _catalog()
    home = {"heading": "Learn to care for people with dementia", "lead": "{entries} things to learn.",
            "roles": ["paramedic", "no-such-role"], "settings": ["hospice"], "audiences_heading": "Groups we serve"}
    page = home_page(catalog, "Site", home)
    assert '<h1 class="portal-purpose">Learn to care for people with dementia</h1>' in page
    assert f"<p class=\"portal-lead\">{len(catalog.active_entries)} things to learn.</p>" in page
    roles = re.search(r'<h2 id="by-role">.*?</ul>', page, re.S)[0]
    assert roles.count("<li>") == 1 and "professions/paramedic/" in roles   # unknown ids are left out
    settings = re.search(r'<h2 id="by-setting">.*?</ul>', page, re.S)[0]
    assert settings.count("<li>") == 1 and "settings/hospice/" in settings
    assert "Groups we serve" in page


def test_without_configuration_the_site_description_is_the_heading() -> None:
    page = home_page(_catalog(), "Site", {"description": "What this portal is for"})
    assert '<h1 class="portal-purpose">What this portal is for</h1>' in page
    # No title in the front matter: the browser tab then names the site once, not "Site - Site".
    front = page.split("---")[1]
    assert "title:" not in front


def test_every_curated_pathway_is_listed_and_three_ways_in_come_first() -> None:
    catalog = _catalog()
    page = home_page(catalog, "Site", {})
    section = re.search(r'<h2 id="pathways">.*?</section>', page, re.S)[0]
    for p in catalog.pathways.values():
        assert f'href="pathways/{p.id}/"' in section, p.id
    ways = re.search(r'<ul class="portal-ways3">.*?</ul>', page, re.S)[0]
    assert page.index("portal-home-search") < page.index("portal-ways3") < page.index('id="by-role"')
    assert [m for m in re.findall(r'href="([^"]+)"', ways)] == ["#by-role", "#pathways", "find-my-pathway/"]
