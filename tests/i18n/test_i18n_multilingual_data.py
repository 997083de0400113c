"""The framework and vocabularies carry a label per language under one id; pages pick the active one."""

from __future__ import annotations

from pathlib import Path

from generator.i18n import active, mark
from generator.pages import render_all
from generator.settings import load_settings
from generator.validate import validate_project


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _bilingual(portal: Path) -> None:
    vocab = portal / "competencies" / "vocabularies.yaml"
    _edit(vocab, "    label: Registered nurse\n",
          "    label: {en: Registered nurse, fr: Infirmière ou infirmier, cy: Nyrs cofrestredig}\n")
    framework = portal / "competencies" / "framework.yaml"
    _edit(framework, "    name: General awareness\n", "    name:\n      en: General awareness\n      fr: Sensibilisation générale\n")


def test_labels_in_several_languages_validate_and_read_in_the_active_language(mini_portal: Path) -> None:
    _bilingual(mini_portal)
    result = validate_project(load_settings(mini_portal))
    assert [str(p) for p in result.errors] == []
    catalog = result.catalog
    assert catalog is not None
    assert catalog.vocab.label("professions", "registered-nurse") == "Registered nurse"
    assert catalog.framework.tiers[1].name == "General awareness"
    with active("fr"):
        assert catalog.vocab.label("professions", "registered-nurse") == "Infirmière ou infirmier"
        assert catalog.framework.tiers[1].name == "Sensibilisation générale"
        # No French for tier 2: the original, marked as English.
        assert mark(catalog.framework.tiers[2].name).startswith('<span lang="en">')
    with active("cy"):
        assert catalog.vocab.label("professions", "registered-nurse") == "Nyrs cofrestredig"
        assert mark(catalog.framework.tiers[1].name) == '<span lang="en">General awareness</span>'


def test_a_french_page_shows_french_labels_and_marks_the_rest(mini_portal: Path) -> None:
    _bilingual(mini_portal)
    catalog = validate_project(load_settings(mini_portal)).catalog
    assert catalog is not None
    with active("fr"):
        pages = {p.url: p.markdown for p in render_all(catalog, site_name="Portail", page_size=20)}
    tier = pages["tiers/1/"]
    assert "Niveau 1\\u00a0: Sensibilisation g\\u00e9n\\u00e9rale" in tier  # the title, as JSON in the front matter
    facet = pages["professions/"]
    assert ">Infirmière ou infirmier</a>" in facet
    # A term with no French label keeps its English one, marked for screen readers.
    assert '<span lang="en">Volunteer</span>' in facet


def test_a_label_mapping_with_a_bad_language_tag_is_located(mini_portal: Path, run_portal) -> None:
    _edit(mini_portal / "competencies" / "vocabularies.yaml", "    label: Registered nurse\n",
          "    label: {English: Registered nurse}\n")
    outcome = run_portal("validate", "--root", str(mini_portal), "--format", "json")
    problems = outcome.json()["problems"]
    assert outcome.code == 1
    assert len(problems) == 1, problems
    assert problems[0]["path"] == "competencies/vocabularies.yaml" and problems[0]["line"] == 24
