"""The JSON Schemas' descriptions are messages of the interface's catalog, and the feedback widget's words too."""

from __future__ import annotations

import io
import json

import pytest
from babel.messages.pofile import read_po

from generator import schemas
from generator.curate.analytics import default_feedback, feedback_words
from generator.i18n import LOCALE_DIR, _, active
from generator.i18n.extract import SCHEMA_CONTEXT, extract_schema

SCHEMAS = ("entry", "pathway", "framework", "vocabularies", "synonyms")


def _texts(node: object) -> set[str]:
    """Every description and title of a schema, outside its examples."""
    if isinstance(node, dict):
        found = {v for k, v in node.items() if k in ("description", "title") and isinstance(v, str)}
        return found.union(*(_texts(v) for k, v in node.items() if k not in ("examples", "description", "title")))
    if isinstance(node, list):
        return set().union(*(_texts(v) for v in node))
    return set()


def test_the_extractor_gives_each_description_with_its_context_and_pointer() -> None:
    schema = {"title": "A thing", "properties": {"a/b": {"description": 'Says "what".',
                                                          "examples": [{"title": "Data, not words"}]}}}
    source = json.dumps(schema, indent=2).encode("utf-8")
    found = list(extract_schema(io.BytesIO(source), {}, ["Translators:"], {}))
    assert [(name, messages) for _line, name, messages, _c in found] == [
        ("pgettext", (SCHEMA_CONTEXT, "A thing")), ("pgettext", (SCHEMA_CONTEXT, 'Says "what".'))]
    assert found[1][3] == ["Translators: schema text at /properties/a~1b/description"]
    lines = source.decode().splitlines()
    assert "Says" in lines[found[1][0] - 1], "the message's line in the schema file"


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_schema_text_is_in_the_template_and_translated_into_french(name: str) -> None:
    with (LOCALE_DIR / "portal.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.context == SCHEMA_CONTEXT}
    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "portal.po").open("rb") as handle:
        french = {m.id: m.string for m in read_po(handle) if m.context == SCHEMA_CONTEXT and not m.fuzzy}
    texts = _texts(schemas.load(name))
    assert texts and texts <= template, sorted(texts - template)[:3]
    assert all(french.get(t) and french[t] != t for t in texts), [t for t in texts if french.get(t, t) == t][:3]


def _extra(feedback: object) -> dict:
    return {"analytics": {"provider": "portal", "endpoint": "https://x.example/e", "feedback": feedback}}


def test_the_default_feedback_widget_is_in_the_active_language() -> None:
    with active("fr"):
        extra = _extra({})
        feedback_words(extra)
        expected = [_(r["name"]) for r in default_feedback()["ratings"]]
        title = _("Was this page helpful?")
    feedback = extra["analytics"]["feedback"]
    assert feedback["title"] == title != "Was this page helpful?"
    assert [r["name"] for r in feedback["ratings"]] == expected
    assert [r["data"] for r in feedback["ratings"]] == [1, 0]


def test_a_portals_own_feedback_words_are_picked_by_language_and_marked_when_not_translated() -> None:
    given = {"title": {"en": "Useful?", "fr": "Utile ?"}, "ratings": [
        {"icon": "material/thumb-up-outline", "name": "Yes <b>", "data": 1, "note": "Thanks & bye"},
        {"icon": "material/thumb-down-outline", "name": "This page could be improved", "data": 0}]}
    with active("fr", default="en"):
        extra = _extra(given)
        feedback_words(extra)
        improve = _("This page could be improved")
    feedback = extra["analytics"]["feedback"]
    assert feedback["title"] == "Utile ?"
    assert feedback["ratings"][0]["name"] == "Yes &lt;b&gt;", "an attribute value, escaped (Material prints it as is)"
    assert feedback["ratings"][0]["note"] == '<span lang="en">Thanks &amp; bye</span>'
    assert feedback["ratings"][1]["name"] == improve != "This page could be improved"
    assert "note" not in feedback["ratings"][1]
    assert given["title"] == {"en": "Useful?", "fr": "Utile ?"}, "mkdocs.yml's settings are not changed in place"


def test_unusable_feedback_settings_are_left_for_the_check() -> None:
    extra = _extra({"title": "t"})
    feedback_words(extra)
    assert extra == _extra({"title": "t"})
