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


def tier(number: int, page: int = 1) -> str:
    return f"tiers/{number}/" + ("" if page == 1 else f"page-{page}/")


def facet(kind: str, term_id: str, page: int = 1) -> str:
    """Listing of entries for one profession, setting or audience."""
    return f"{kind}/{term_id}/" + ("" if page == 1 else f"page-{page}/")


def facet_index(kind: str) -> str:
    return f"{kind}/"


def src_uri(url: str) -> str:
    """The virtual Markdown file that renders at ``url``."""
    return f"{url}index.md" if url else "index.md"
