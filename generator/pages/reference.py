"""The catalog format's field reference (/contribute/format/), generated from the entry schema.

Every field, its meaning, the values it allows (a vocabulary's ids come from the
portal's own vocabularies), and an example come from the schema the validator
uses, so the reference cannot drift from what is checked. The worked examples
are YAML files shipped beside the schema; the test suite builds them as entries.

Every word is in the page's language: the schema's descriptions are messages of the
interface's catalog (context ``schema``, extracted by ``make messages``); the schema
files themselves stay in English.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any

from .. import schemas
from ..i18n import N_, _, current_language, mark, mark_format, pgettext
from ..i18n.extract import SCHEMA_CONTEXT
from ..model import Catalog
from . import urls
from .html import esc, front_matter

if TYPE_CHECKING:
    from ..outputs import Outputs

# Fields whose ids come from a vocabulary in competencies/vocabularies.yaml (or from the framework).
VOCABULARY_OF = {
    "professions": "professions", "learners": "learners", "settings": "settings", "audiences": "audiences",
    "age_groups": "age_groups", "disease_groups": "disease_groups", "formats": "formats",
    "resource_types": "resource_types", "languages": "languages", "title_lang": "languages", "cost": "cost",
    "cost.model": "cost", "access.sign_in": "sign_in", "credits[].type": "credit_types",
    "parts[].credits[].type": "credit_types", "parts[].title_lang": "languages",
}

# Sections of the reference: (heading, schema path to an object, field prefix). Headings are translated
# where they are written.
SECTIONS = (
    (N_("Entry fields"), (), ""),
    (N_("Provider organisations (provider: list)"), ("$defs", "organisation"), "provider[]."),
    (N_("Price details (cost: mapping)"), ("properties", "cost", "oneOf", 1), "cost."),
    (N_("Access"), ("properties", "access"), "access."),
    (N_("Detailed duration (duration: mapping)"), ("properties", "duration", "oneOf", 1), "duration."),
    (N_("Credits (each item of credits)"), ("$defs", "credit"), "credits[]."),
    (N_("Recognition (each item of recognition)"), ("$defs", "recognition"), "recognition[]."),
    (N_("Detailed assessment (assessment: mapping)"), ("properties", "assessment", "oneOf", 1), "assessment."),
    (N_("Modules and sessions (each item of parts)"), ("$defs", "part"), "parts[]."),
    (N_("Related entries (each item of related)"), ("$defs", "relation"), "related[]."),
    (N_("Runs (each item of runs)"), ("$defs", "run"), "runs[]."),
    (N_("Recurrence (runs[].recurrence)"), ("$defs", "run", "properties", "recurrence"), "runs[].recurrence."),
    (N_("Prices (each item of cost.prices)"), ("$defs", "price"), "cost.prices[]."),
    (N_("Sources (each item of sources)"), ("$defs", "source"), "sources[]."),
)

EXAMPLES = (
    ("echo-monthly-december-break", N_("A monthly ECHO series with a December break")),
    ("french-mooc", N_("A French MOOC")),
    ("prison-peer-caregivers", N_("A peer-caregiver programme in prisons")),
    ("postgraduate-diploma", N_("A part-time postgraduate diploma with modules and academic credit")),
)


def _forms() -> dict[str, str]:
    """The forms shared $defs stand for, in a curator's words (in the active language)."""
    return {
        # Translators: the form of a value in the catalog format's field reference, like the ones below.
        "slug": pgettext("value form", "id (lowercase letters, digits, hyphens)"),
        "ids": pgettext("value form", "list of ids"),
        "line": pgettext("value form", "one line of text"),
        "text": pgettext("value form", "text"),
        "url": pgettext("value form", "web address (https://...)"),
        "date": pgettext("value form", "date YYYY-MM-DD"),
        "partial_date": pgettext("value form", "year, month or day (2027, 2027-09, 2027-09-14)"),
        "datetime": pgettext("value form", "year, month, day, or day and local time (2027-09-14T12:30)"),
        "tier": pgettext("value form", "1, 2 or 3"),
        "length": pgettext("value form", "length (45m, 1h30m, 8h, 6w, PT8H)"),
        "language": pgettext("value form", "language tag (en, fr-CA, cy)"),
        "country": pgettext("value form", "ISO 3166 code (GB, GB-WLS, CA-ON) or UN M49 area (001, 150)"),
        "fields": pgettext("value form", "list of field names"),
    }


def _kinds() -> dict[str, str]:
    """Plain JSON types, in a curator's words."""
    return {"string": pgettext("value form", "text"), "integer": pgettext("value form", "whole number"),
            "number": pgettext("value form", "number"), "boolean": pgettext("value form", "true or false")}


def vocabulary_name(catalog: Catalog, vocab: str) -> str:
    """A vocabulary's name as a heading, in the active language: the portal's name for a browsable one,
    the catalog's facet names for the others."""
    if vocab in catalog.portal.names:
        return catalog.portal.name(vocab).title
    names = {
        "formats": pgettext("vocabulary", "Formats"), "languages": pgettext("vocabulary", "Languages"),
        "cost": pgettext("fact", "Cost"), "credit_types": pgettext("vocabulary", "Types of credit"),
        "learners": _("Learners"), "age_groups": pgettext("vocabulary", "Age groups"),
        "disease_groups": pgettext("vocabulary", "Disease groups"),
        "resource_types": pgettext("vocabulary", "Resource types"),
        "sign_in": pgettext("vocabulary", "Ways to sign in"),
    }
    return names.get(vocab) or vocab.replace("_", " ").capitalize()


def describe(text: str) -> str:
    """A schema's description or title in the active language (the English original when untranslated)."""
    return pgettext(SCHEMA_CONTEXT, text) if text else ""


def _node(schema: dict[str, Any], path: tuple[str | int, ...]) -> dict[str, Any]:
    node: Any = schema
    for part in path:
        node = node[part]
    return node


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The $defs name a node refers to (if any) and the node merged with what it refers to."""
    ref = node.get("$ref", "")
    if not ref:
        return "", node
    name = ref.removeprefix("#/$defs/")
    return name, {**schema["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}


def _form(schema: dict[str, Any], node: dict[str, Any]) -> str:
    """What a value looks like, in words (HTML, each part marked with its language)."""
    name, node = _resolve(schema, node)
    if "oneOf" in node or "anyOf" in node:
        forms = dict.fromkeys(_form(schema, b) for b in node.get("oneOf", node.get("anyOf", ())))
        # Translators: joins two ways to write a value: "text or list of ids".
        return f" {mark(pgettext('value form', 'or'))} ".join(forms)
    forms = _forms()
    if name in forms:
        return mark(forms[name])
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return mark(pgettext("value form", "one of the values listed"))
    kind = node.get("type")
    if kind == "array":
        # Translators: {form} is the form of each item: "list of one line of text".
        return _fill(pgettext("value form", "list of {form}"), form=_form(schema, node.get("items", {})))
    if kind == "object":
        return mark(pgettext("value form", "mapping (fields below)"))
    return mark(_kinds().get(str(kind), str(kind)))


def _fill(template: str, **values: str) -> str:
    """``mark_format`` for values that are already HTML (or Markdown code): inserted unescaped."""
    marked = mark_format(template, **{k: f"\x00{k}\x00" for k in values})
    for key, value in values.items():
        marked = marked.replace(f"\x00{key}\x00", value)
    return marked


def _values(catalog: Catalog, schema: dict[str, Any], field: str, node: dict[str, Any]) -> str:
    vocab = VOCABULARY_OF.get(field)
    if vocab:
        link = f"{'../' if '.' in field else ''}vocabularies/index.md#{vocab}"
        # Translators: Markdown: keep the [link text](address) form; {vocabulary} is the vocabulary's id.
        text = _fill(_("ids from the [{vocabulary} vocabulary]({link}) in competencies/vocabularies.yaml"),
                     vocabulary=vocab, link=link)
        if vocab == "cost":
            text += mark(_("; also `not-applicable` (nothing to pay for)"))
        if vocab == "languages":
            text += mark(_("; a region may follow the language: `en-CA`, `fr-CA`"))
        return text
    _ref, node = _resolve(schema, node)
    if field == "competencies":
        # Translators: Markdown: keep the [link text](address) form and the address as it is.
        return mark(_("competency ids from the [framework](../../competencies/index.md)"))
    for branch in (node, *node.get("oneOf", ()), *node.get("anyOf", ())):
        _ref, branch = _resolve(schema, branch)
        if "enum" in branch:
            return ", ".join(f"`{v}`" for v in branch["enum"] if v is not None)
        items = branch.get("items")
        if isinstance(items, dict):
            _ref, items = _resolve(schema, items)
            if "enum" in items:
                return ", ".join(f"`{v}`" for v in items["enum"])
    return ""


def _example(node: dict[str, Any]) -> str:
    shown = [json.dumps(e, ensure_ascii=False).replace('"', "") for e in node.get("examples") or []]
    return f" {mark(pgettext('value form', 'or'))} ".join(f"`{e}`" for e in shown)


def _fields(catalog: Catalog, schema: dict[str, Any], obj: dict[str, Any], prefix: str) -> str:
    """One list item per field: name, form, meaning, allowed values and an example."""
    _ref, obj = _resolve(schema, obj)
    required = set(obj.get("required", ()))
    items = []
    for key, node in obj.get("properties", {}).items():
        field = prefix + key
        _ref, merged = _resolve(schema, node)
        form = _form(schema, node)
        if key in required:
            # Translators: after a field's form in the field reference: "(one line of text; required)".
            form += mark(pgettext("field", "; required"))
        # Translators: a field's form, before its description in the field reference: "(one line of text):".
        text = f"- **`{field}`** " + _fill(pgettext("field", "({form}):"), form=form) + " " \
            + mark(describe(merged.get("description", "")))
        values = _values(catalog, schema, field, node)
        if values:
            # Translators: a label in the field reference, before the values a field allows.
            text += f" *{mark(pgettext('field', 'Values:'))}* {values}."
        example = _example(merged)
        if example:
            # Translators: a label in the field reference, before an example of a field's value.
            text += f" *{mark(pgettext('field', 'Example:'))}* {example}."
        items.append(text)
    return "\n".join(items) + "\n\n"


def example_text(name: str) -> str:
    """A worked example as shipped (YAML with its explaining comments)."""
    return resources.files(schemas.__name__).joinpath("examples", f"{name}.yaml").read_text(encoding="utf-8")


def _page(title: str, description: str) -> str:
    return front_matter(title, description=description)


def field_reference(catalog: Catalog) -> str:
    schema = schemas.load("entry")
    out = _page(_("Catalog format: field reference"),
                _("Every field of a catalog entry: what it means, what it allows, and examples."))
    # Translators: Markdown: keep the [link text](address) forms, the `code` and the addresses as they are.
    out += mark(_("Every field a catalog entry (`catalog/ID.yaml`) may have, generated from the schema the validator "
                  "uses. The ids each vocabulary allows are on [the vocabularies page](vocabularies/index.md), and "
                  "four awkward real-world shapes are worked through on [the examples page](examples/index.md).")) + "\n\n"
    # Translators: Markdown: keep the **bold**, *emphasis* and `code`; the field names and values stay in English.
    out += mark(_("**Leave a field out when the source does not say**: an absent field means *not stated*. Where the "
                  "source says there is none, say so: `credits: none`, `cost: not-applicable`, `assessment: none`, "
                  "`attendance_record: none`. An empty list is not *any*. Mark what you inferred with "
                  "`inferred: [field, ...]` and what is approximate with `approximate: [field, ...]`; the page says "
                  "so.")) + "\n\n"
    out += mark(_("Dates are as precise as the source: a year (`2027`), a month (`2027-09`) or a day (`2027-09-14`); "
                  "a run may add a local time (`2027-09-14T12:30`) and then needs `timezone`.")) + "\n\n"
    heading, _path, prefix = SECTIONS[0]
    out += f"## {mark(_(heading))}\n\n" + _fields(catalog, schema, schema, prefix)
    # Translators: Markdown: keep the [link text](address) form.
    out += mark(_("The fields inside mappings and lists (provider organisations, prices, credits, modules, runs and "
                  "their recurrence, sources) are on [the nested fields page](nested/index.md).")) + "\n\n"
    return out


def _back() -> str:
    # Translators: Markdown: keep the [link text](address) form.
    return mark(_("Back to the [field reference](../index.md)."))


def nested_reference(catalog: Catalog) -> str:
    """The fields inside an entry's mappings and lists."""
    schema = schemas.load("entry")
    out = _page(_("Catalog format: nested fields"), _("The fields inside a catalog entry's mappings and lists."))
    out += mark(_("The fields inside mappings and lists.")) + " " + _back() + "\n\n"
    for heading, path, prefix in SECTIONS[1:]:
        out += f"## {mark(_(heading))}\n\n" + _fields(catalog, schema, _node(schema, path), prefix)
        if prefix == "parts[].":
            out += mark(_("The items of `parts[].credits` take the same fields as `credits[]`.")) + "\n\n"
    return out


def vocabulary_reference(catalog: Catalog) -> str:
    """Every vocabulary's ids and labels, as this portal defines them."""
    out = _page(_("Catalog format: vocabularies"), _("The ids each vocabulary field of a catalog entry allows."))
    out += mark(_("The ids the vocabulary fields allow, from competencies/vocabularies.yaml. When none fits, propose "
                  "a new one by adding it to that file (id, label, description) in your pull request.")) \
        + " " + _back() + "\n\n"
    for name in sorted(set(VOCABULARY_OF.values())):
        terms = catalog.vocab[name]
        # The heading keeps the vocabulary's id as its anchor, whatever the language: the field lists link to it.
        out += (f'<h2 id="{name}">{mark(vocabulary_name(catalog, name))} <code translate="no">{name}</code></h2>'
                "\n\n")
        out += ("\n".join(f"- `{t.id}`: {mark(t.label)}" for t in terms.values())
                or mark(_("No values yet."))) + "\n\n"
    return out


def examples_reference() -> str:
    """The worked examples, each a complete entry that passes ``portal validate --strict``."""
    out = _page(_("Catalog format: worked examples"),
                _("Four awkward real-world shapes of education, written as catalog entries."))
    out += mark(_("Each example is a complete entry that passes `portal validate --strict`; the comments say which "
                  "choices it shows.")) + " " + _back() + "\n\n"
    # The examples are data, shipped in English with English comments: marked so on a page in another language.
    english = current_language().split("-")[0] != "en"
    for name, title in EXAMPLES:
        out += f"## {mark(_(title))}\n\n"
        yaml = example_text(name).rstrip()
        out += (f'<pre lang="en"><code class="language-yaml">{esc(yaml)}\n</code></pre>\n\n' if english
                else f"```yaml\n{yaml}\n```\n\n")
    return out


def field_reference_page(outputs: Outputs) -> dict[str, str]:
    """The reference pages, keyed by URL (a PAGE_SOURCES function)."""
    base = urls.field_reference()
    return {base: field_reference(outputs.catalog), base + "nested/": nested_reference(outputs.catalog),
            base + "vocabularies/": vocabulary_reference(outputs.catalog),
            base + "examples/": examples_reference()}
