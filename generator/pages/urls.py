"""Permanent site URLs. Changing any of these breaks partners' links: don't."""

from __future__ import annotations


def home() -> str:
    return ""


def catalog(page: int = 1) -> str:
    return "catalog/" if page == 1 else f"catalog/page-{page}/"


def entry(entry_id: str) -> str:
    return f"catalog/{entry_id}/"


def pathway(pathway_id: str) -> str:
    return f"pathways/{pathway_id}/"


def pathways() -> str:
    return "pathways/"


def competency(competency_id: str) -> str:
    return f"competencies/{competency_id}/"


def competencies() -> str:
    return "competencies/"


def framework_provenance() -> str:
    """Where each part of the framework comes from: its tiers, grouping, crosswalks and sources."""
    return "competencies/where-it-comes-from/"


def tier(number: int, page: int = 1) -> str:
    return f"tiers/{number}/" + ("" if page == 1 else f"page-{page}/")


def facet(kind: str, term_id: str, page: int = 1) -> str:
    """Listing of entries for one profession, setting or audience."""
    return f"{kind}/{term_id}/" + ("" if page == 1 else f"page-{page}/")


def facet_index(kind: str) -> str:
    return f"{kind}/"


def coverage(kind: str = "", term_id: str = "") -> str:
    """Coverage matrices: the whole catalog, all professions or audiences, or one of them."""
    return "coverage/" + (f"{kind}/" if kind else "") + (f"{term_id}/" if kind and term_id else "")


def coverage_csv(kind: str = "", term_id: str = "") -> str:
    """The numbers behind a coverage page, as CSV, next to it."""
    return coverage(kind, term_id) + "coverage.csv"


def find_my_pathway() -> str:
    """The private self-assessment that suggests a pathway (generator/search)."""
    return "find-my-pathway/"


def field_reference() -> str:
    return "contribute/format/"


def src_uri(url: str) -> str:
    """The virtual Markdown file that renders at ``url``."""
    return f"{url}index.md" if url else "index.md"


# Partner-facing outputs (generator/exports). Partners embed, subscribe to and
# script against these, so they are as permanent as the page URLs above.

def embed(page_url: str) -> str:
    """The chrome-less embed page of an entry or pathway page, e.g. 'embed/catalog/x/'."""
    return f"embed/{page_url}"


def oembed(page_url: str) -> str:
    """The prebuilt oEmbed JSON for an entry or pathway page."""
    return f"embed/{page_url}oembed.json"


def api(name: str) -> str:
    """A document of the static JSON API, version 1, e.g. 'catalog.json'."""
    return f"api/v1/{name}"


def api_entry(entry_id: str) -> str:
    return f"api/v1/entries/{entry_id}.json"


def api_pathway(pathway_id: str) -> str:
    return f"api/v1/pathways/{pathway_id}.json"


def api_schema(name: str) -> str:
    return f"api/v1/schema/{name}.schema.json"


def curator_schema(name: str) -> str:
    """The JSON Schema curators' YAML files are checked against (for yaml-language-server)."""
    return f"schemas/v1/{name}.schema.json"


def case_package(framework_id: str) -> str:
    return f"api/v1/case/{framework_id}.json"


def catalog_csv() -> str:
    return "api/v1/catalog.csv"


def atom_feed() -> str:
    return "feeds/entries.atom"


def calendar_feed() -> str:
    return "feeds/sessions.ics"


def curators() -> str:
    """The curators' report page (generator/curate)."""
    return "curators/"


def curators_report() -> str:
    """The full curators' report as JSON, for the rows the page leaves out."""
    return "curators/report.json"
