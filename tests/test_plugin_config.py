"""The portal plugin's options in mkdocs.yml: a wrong value is a located configuration error, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.errors import ConfigError
from generator.load.yamlsafe import DEFAULT_MAX_BYTES
from generator.settings import load_settings
from generator.site.plugin_config import PortalConfig

BAD = [
    ("max_bytes", '"10k"', "max_bytes must be a whole number of bytes, 1 or more; got '10k'"),
    ("max_bytes", "-5", "max_bytes must be a whole number of bytes, 1 or more; got -5"),
    ("max_bytes", "0", "max_bytes must be a whole number of bytes"),
    ("max_bytes", "true", "max_bytes must be a whole number of bytes"),
    ("max_bytes", "1.5", "max_bytes must be a whole number of bytes"),
    ("page_size", "0", "page_size must be a whole number of entries, 1 or more; got 0"),
    ("page_size", "ten", "page_size must be a whole number of entries"),
    ("catalog_dir", "5", "catalog_dir must be a folder path relative to mkdocs.yml"),
    ("catalog_dir", '""', "catalog_dir must be a folder path"),
    ("competencies_dir", "[a, b]", "competencies_dir must be a folder path"),
    ("framework", "{id: x}", "framework must be the id of a framework"),
    ("edit_root", "3", "edit_root must be a folder path inside the repository"),
    ("enabled", '"no"', "enabled must be true or false; got 'no'"),
    ("portal_id", "Peolc", "portal_id must be a short id of lowercase letters, digits and hyphens"),
    ("portal_id", '"my portal"', "portal_id must be a short id of lowercase letters"),
    ("portal_id", "-x-", "portal_id must be a short id"),
    ("portal_id", "12", "portal_id must be a short id"),
    ("portal_id", "a" * 41, "portal_id must be a short id"),
    ("licence", "CC BY 4.0", "licence must be a mapping such as {name: CC BY 4.0, url: "),
    ("licence", "{name: CC BY 4.0}", "licence needs url; a mapping such as"),
    ("licence", "{name: CC BY 4.0, url: creativecommons.org}", "licence.url must be a web address"),
    ("licence", "{name: CC BY 4.0, url: 'javascript:alert(1)'}", "licence.url must be a web address"),
    ("licence", "{name: CC, url: 'https://x.example/', version: 4}", "licence has no field 'version'"),
    ("licence", "{name: [CC], url: 'https://x.example/'}", "licence.name must be one line of text"),
    ("contact", "{name: Editors}", "contact needs url or email"),
    ("contact", "{url: 'https://x.example/'}", "contact needs name"),
    ("contact", "{name: Editors, email: editors}", "contact.email must be an email address"),
    ("home", "Welcome", "home must be a mapping such as {heading: ..."),
    ("home", "{title: Welcome}", "home has no field 'title'"),
    ("home", "{heading: [Welcome]}", "home.heading must be one line of text"),
    ("home", "{roles: nurse}", "home.roles must be a list of vocabulary ids"),
    ("home", "{settings: [Care Home]}", "home.settings must be a list of vocabulary ids"),
    ("featured", "{professions: [nurse]}", "'featured' was removed: the home page's featured terms are the home "
                                           "option's roles and settings"),
    ("sources", "national", "sources must be a list of sources such as"),
    ("sources", "[{name: national}]", "sources[0] needs exactly one of portal, folder"),
    ("sources", "[{name: national, portal: x, pathways: some}]", "sources[0].pathways must be true, false or a list"),
]


def _project(root: Path, options: str) -> Path:
    """``root`` with a minimal mkdocs.yml whose portal plugin has ``options`` (YAML lines, already indented)."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(f"site_name: Test\nplugins:\n  - search\n  - portal:\n{options}",
                                     encoding="utf-8")
    return root


@pytest.mark.parametrize(("option", "value", "message"), BAD)
def test_mkdocs_names_the_option(tmp_path: Path, caplog: pytest.LogCaptureFixture, option: str, value: str,
                                 message: str) -> None:
    project = _project(tmp_path, f"      {option}: {value}\n")
    with pytest.raises(MkDocsException):
        load_config(str(project / "mkdocs.yml"))
    assert f"Config value 'plugins': Plugin 'portal' option '{option}': {message}" in caplog.text


@pytest.mark.parametrize(("option", "value", "message"), BAD)
def test_each_option_checks_its_value(option: str, value: str, message: str) -> None:
    config = PortalConfig()
    config.load_dict({option: yaml.safe_load(value)})
    failed, _warnings = config.validate()
    assert [key for key, _error in failed] == [option]
    assert str(failed[0][1]).startswith(message), failed


@pytest.mark.parametrize(("option", "value", "message"), BAD)
def test_portal_validate_reports_it_where_it_is(mini_portal: Path, run_module, option: str, value: str,
                                                message: str) -> None:
    _project(mini_portal, f"      {option}: {value}\n")
    outcome = run_module("validate", cwd=mini_portal)
    assert outcome.code == 1, outcome
    assert "Traceback" not in outcome.err
    assert f"portal: mkdocs.yml:5:{9 + len(option)}: Plugin 'portal' option '{option}': {message}" in outcome.err


def test_portal_build_stops_with_the_same_message(mini_portal: Path, run_module) -> None:
    _project(mini_portal, '      max_bytes: "10k"\n')
    outcome = run_module("build", "--site-dir", "site", cwd=mini_portal)
    assert outcome.code == 1, outcome
    assert "Traceback" not in outcome.err
    assert "option 'max_bytes': max_bytes must be a whole number of bytes" in outcome.err
    assert not (mini_portal / "site").exists()


def test_a_featured_term_the_vocabulary_lacks_is_an_error_at_its_place(mini_portal: Path, run_module) -> None:
    _project(mini_portal, "      home:\n        roles: [registered-nurse, regstered-nurse]\n")
    outcome = run_module("validate", cwd=mini_portal)
    assert outcome.code == 1, outcome
    assert ("mkdocs.yml:6:35: home: roles: 'regstered-nurse' is not a term of the professions vocabulary; did you "
            "mean 'registered-nurse'?") in outcome.out + outcome.err


def test_good_and_empty_options(tmp_path: Path) -> None:
    _project(tmp_path, "      max_bytes: 1000\n      page_size: 10\n      framework: fw\n")
    settings = load_settings(tmp_path)
    assert (settings.max_bytes, settings.framework) == (1000, "fw")
    _project(tmp_path, "      max_bytes:\n")  # left empty: the default, as for MkDocs's own options
    assert load_settings(tmp_path).max_bytes == DEFAULT_MAX_BYTES


def test_plugins_written_as_a_mapping_are_read_too(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  search: {}\n  portal:\n    max_bytes: 2000\n",
                                         encoding="utf-8")
    assert load_settings(tmp_path).max_bytes == 2000
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  portal:\n    max_bytes: lots\n",
                                         encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^mkdocs\.yml:4:16: Plugin 'portal' option 'max_bytes'"):
        load_settings(tmp_path)


@pytest.mark.parametrize("text", ["site_name: T\nplugins:\n  - portal: 5\n", "- just\n- a list\n"])
def test_options_that_are_not_a_mapping(tmp_path: Path, text: str) -> None:
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    if "portal" in text:
        with pytest.raises(ConfigError, match="options of the 'portal' plugin must be a mapping"):
            load_settings(tmp_path)
    else:
        assert load_settings(tmp_path).max_bytes == DEFAULT_MAX_BYTES


def test_portal_id_licence_and_contact(tmp_path: Path) -> None:
    assert load_settings(tmp_path).portal_id == "portal"  # no mkdocs.yml: the default
    _project(tmp_path, "      portal_id: peolc-2\n      licence: {name: CC BY 4.0, url: 'https://cc.example/by/'}\n"
                       "      contact: {name: Editors, email: editors@example.org}\n")
    settings = load_settings(tmp_path)
    assert settings.portal_id == "peolc-2"
    assert (settings.licence.name, settings.licence.url) == ("CC BY 4.0", "https://cc.example/by/")
    assert (settings.contact.name, settings.contact.address) == ("Editors", "mailto:editors@example.org")


def test_the_shipped_portal_states_its_id_licence_and_contact() -> None:
    settings = load_settings(Path(__file__).resolve().parent.parent)
    assert settings.portal_id == "peolc"
    assert settings.licence is not None and settings.licence.name == "CC BY 4.0"
    assert settings.licence.url == "https://creativecommons.org/licenses/by/4.0/"
    assert settings.contact is not None and settings.contact.address.startswith("https://")
