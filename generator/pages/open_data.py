"""The default open-data page (/open-data/): what a portal publishes for partners, and its promise about v1.

Every sentence is a message of the interface's catalog, so a portal in several languages has this page in
each of them. A portal's own ``docs/open-data.md`` replaces it (see ``defaults``).
"""

from __future__ import annotations

from ..i18n import _, mark, pgettext

# (what, where, format) of each published document; "where" is data (addresses), the rest is translated.
PUBLISHED = (
    ("Index of everything below", "[api/v1/index.json](api/v1/index.json)", "JSON"),
    ("The catalog, one row per entry", "[api/v1/catalog.json](api/v1/catalog.json)", "JSON"),
    ("One entry, in full", "`api/v1/entries/<id>.json`", "JSON"),
    ("Learning pathways, curated and generated",
     "[api/v1/pathways.json](api/v1/pathways.json), `api/v1/pathways/<id>.json`", "JSON"),
    ("The competency framework", "[api/v1/framework.json](api/v1/framework.json)", "JSON"),
    ("The controlled vocabularies", "[api/v1/vocabularies.json](api/v1/vocabularies.json)", "JSON"),
    ("Coverage: entries per competency and tier", "[api/v1/coverage.json](api/v1/coverage.json)", "JSON"),
    ("The framework for other systems", "`api/v1/case/<framework id>.json`", "1EdTech CASE 1.1 CFPackage"),
    ("The catalog for spreadsheets", "[api/v1/catalog.csv](api/v1/catalog.csv)", "CSV (UTF-8)"),
    ("New and updated entries", "[feeds/entries.atom](feeds/entries.atom)", "Atom"),
    ("Upcoming dated sessions", "[feeds/sessions.ics](feeds/sessions.ics)", "iCalendar"),
    ("JSON Schemas of the API", "`api/v1/schema/<document>.schema.json`", "JSON Schema 2020-12"),
    ("JSON Schemas of the curators' files",
     "`schemas/v1/<entry, pathway, framework, vocabularies>.schema.json`", "JSON Schema 2020-12"),
)


def _what(key: str) -> str:
    """A row's description in the active language (the messages are listed here for extraction)."""
    # Translators: a row of the table of published documents on the open-data page.
    return {
        "Index of everything below": _("Index of everything below"),
        "The catalog, one row per entry": _("The catalog, one row per entry"),
        "One entry, in full": _("One entry, in full"),
        "Learning pathways, curated and generated": _("Learning pathways, curated and generated"),
        "The competency framework": _("The competency framework"),
        "The controlled vocabularies": _("The controlled vocabularies"),
        "Coverage: entries per competency and tier": _("Coverage: entries per competency and tier"),
        "The framework for other systems": _("The framework for other systems"),
        "The catalog for spreadsheets": _("The catalog for spreadsheets"),
        "New and updated entries": _("New and updated entries"),
        "Upcoming dated sessions": _("Upcoming dated sessions"),
        "JSON Schemas of the API": _("JSON Schemas of the API"),
        "JSON Schemas of the curators' files": _("JSON Schemas of the curators' files"),
    }[key]


def _blocks() -> list[str]:
    """The page's Markdown blocks, each one message (so translators see whole paragraphs)."""
    def m(text: str) -> str:
        return mark(text, escape=False)  # Markdown from the catalog: its `<id>` stays code, not an entity
    table = [f"| {m(pgettext('open data table', 'What'))} | {m(pgettext('open data table', 'Where'))} | "
             f"{m(pgettext('open data table', 'Format'))} |", "| --- | --- | --- |"]
    table += [f"| {m(_what(what))} | {where} | {kind} |" for what, where, kind in PUBLISHED]
    # Translators: Markdown on the open-data page: keep **bold**, *emphasis*, `code`, [link text](address)
    # forms, addresses and field names as they are.
    return [
        "# " + m(_("Open data, embeds and permanent links")),
        m(_("Health and care organisations, education providers and training hubs can link to, embed and reuse "
            "everything this portal publishes. This page lists what is published, where, and what we promise "
            "about it.")),
        "## " + m(_("Permanent links")),
        m(_("Every entry lives at `catalog/<id>/` and every learning pathway at `pathways/<id>/`, and those "
            "addresses do not change. When a curator has to rename an id, the old id is kept as an *alias*: its "
            "address becomes a small page that sends readers on to the new one (and its embed address does the "
            "same), and the validator refuses to give a retired id to anything else. An entry that stops being "
            "offered is marked *retired*, not deleted, so links to it keep working.")),
        "## " + m(_("Embedding an entry or a pathway")),
        m(_("At the end of every entry and pathway page, **Embed or share** gives a short piece of HTML to paste "
            "into your own site. It shows a small card in an `iframe`: the title, a short summary, the key facts "
            "and a link back here. The card is a plain HTML page under `embed/`, with its own few lines of CSS and "
            "**no scripts**; the snippet's `sandbox` attribute means it could not run any on your page even if it "
            "had them.")),
        m(_("Tools that understand [oEmbed](https://oembed.com/) find the card by themselves: each entry and "
            "pathway page links to its oEmbed description (`embed/catalog/<id>/oembed.json`, type `rich`). Pages "
            "also carry Open Graph and Twitter card tags, so a pasted link previews well where oEmbed is not "
            "supported, and schema.org JSON-LD (`Course` or `LearningResource`, with the competencies they teach) "
            "for search engines.")),
        "## " + m(_("What is published")),
        "\n".join(table),
        m(_("Every API document names its JSON Schema in `$schema`. Some conventions hold throughout:")),
        "\n".join("- " + m(text) for text in (
            _("Ids are short lowercase slugs and never change meaning. Vocabulary ids (professions, settings, "
              "audiences and so on) are explained, with labels, in `vocabularies.json`."),
            _("A field that has no value is `null` (text) or `[]` (lists); it is never left out."),
            _("Dates are `YYYY-MM-DD`. Times of dated runs are the provider's local time with an IANA time zone "
              "(`\"start\": \"2027-03-04T10:00\", \"timezone\": \"Europe/London\"`), because that is what stays "
              "right across daylight-saving changes."),
            _("Links are absolute URLs on this site."),
        )),
        m(_("**Subscribing to sessions.** Add `feeds/sessions.ics` to your calendar as a subscription (in most "
            "calendars: *add calendar from URL*). Each session keeps the same identifier for good, so when a date "
            "changes, the event moves in your calendar rather than appearing twice; a cancelled session shows as "
            "cancelled.")),
        m(_("**Spreadsheets.** The CSV has one row per entry; lists are joined with `; `, and vocabulary terms are "
            "given as their labels. A cell that would start with `=`, `+`, `-` or `@` is prefixed with an "
            "apostrophe so that a spreadsheet never runs it as a formula.")),
        m(_("**Curators' editors.** To get completion and checking while editing catalog files, point "
            "[yaml-language-server](https://github.com/redhat-developer/yaml-language-server) at the published "
            "schema, for example with a first line "
            "`# yaml-language-server: $schema=<this site>/schemas/v1/entry.schema.json`.")),
        "## " + m(_("Our promise about version 1")),
        m(_("Everything under `api/v1/`, the feeds, the embed pages and the page addresses above are version 1. "
            "While version 1 lasts:")),
        "\n".join(f"{n}. {m(text)}" for n, text in enumerate((
            _("**We will not remove or rename** a document, a field or an address, **change a field's type**, or "
              "change what a field means."),
            _("**We may add** new documents, new fields in existing objects, and new vocabulary terms. Please "
              "ignore fields you do not know, and treat unknown vocabulary ids as \"other\". The published schemas "
              "allow extra fields for this reason."),
            _("**Entries are not deleted.** One that is no longer offered stays with `\"status\": \"retired\"`. One "
              "that is renamed lists its former ids in `aliases`, and the former page address redirects."),
            _("**A breaking change gets a new version.** It would be published beside version 1 under `api/v2/`, "
              "announced on this page, and version 1 would keep being published for at least twelve months after "
              "that."),
        ), start=1)),
        m(_("What the data *says* changes as curators keep it up to date: costs, dates, credits and the mapping to "
            "competencies are reviewed regularly, and each entry says when it was last checked (`updated`) and "
            "when it is due for review (`review_by`). Listing is not endorsement: check the facts with the provider "
            "before relying on them.")),
        "## " + m(_("Licence")),
        m(_("Catalog text is available under [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/); please "
            "credit this portal and link back to the entry. Names of courses and organisations belong to their "
            "owners.")),
    ]


def open_data_markdown() -> str:
    """The default open-data page in the active language."""
    return "\n\n".join(_blocks()) + "\n"
