"""A portal's own words in mkdocs.yml (home page, vocabulary names, subject) may be given per language."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ConfigError
from generator.i18n import active
from generator.pages.home import home_page
from generator.settings import load_settings
from generator.site.plugin_config import Home, VocabularyNames, Words
from generator.validate import validate_project

CONFIG = """site_name: Portail
plugins:
  - portal:
      subject: {en: palliative care, fr: soins palliatifs}
      vocabularies:
        settings: {name: {en: Care setting, fr: Milieu de soins}, title: Care settings}
"""


def test_words_per_language_are_accepted_and_picked(mini_portal: Path) -> None:
    (mini_portal / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    settings = load_settings(mini_portal)
    catalog = validate_project(settings).catalog
    assert catalog is not None
    assert catalog.portal.subject_text == "palliative care"
    assert catalog.portal.name("settings").name == "Care setting"
    home = {"heading": {"en": "Palliative care education", "fr": "Formation en soins palliatifs"},
            "lead": {"en": "{entries} courses.", "fr": "{entries} formations."}}
    with active("fr"):
        assert catalog.portal.subject_text == "soins palliatifs"
        assert catalog.portal.name("settings").name == "Milieu de soins"
        assert catalog.portal.name("settings").browse == "Par milieu de soins"
        page = home_page(catalog, "Portail", home)
    assert '<h1 class="portal-purpose">Formation en soins palliatifs</h1>' in page
    assert f'<p class="portal-lead">{len(catalog.active_entries)} formations.</p>' in page
    # Words given only in English: on the French page, marked as English.
    with active("fr"):
        page = home_page(catalog, "Portail", {"heading": "Palliative care education"})
    assert '<h1 class="portal-purpose"><span lang="en">Palliative care education</span></h1>' in page


@pytest.mark.parametrize("option, value", [
    (Words("the portal's field", default=None), {"French": "soins palliatifs"}),
    (Words("the portal's field", default=None), {"fr": "two\nlines"}),
    (Words("the portal's field", default=None), {}),
    (Home(), {"heading": {"fr": ""}}),
    (VocabularyNames(default=None), {"settings": {"name": {"fr": 3}}}),
])
def test_a_wrong_mapping_is_refused(option, value) -> None:
    from mkdocs.config.base import ValidationError

    option._name = "option"
    with pytest.raises(ValidationError):
        option.run_validation(value)


def test_a_wrong_mapping_in_mkdocs_yml_is_located(mini_portal: Path) -> None:
    (mini_portal / "mkdocs.yml").write_text(CONFIG.replace("fr: soins palliatifs", "French: soins palliatifs"),
                                            encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^mkdocs\.yml:4:16: Plugin 'portal' option 'subject'"):
        load_settings(mini_portal)
