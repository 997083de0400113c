"""Checks of the search synonyms file beyond its schema: each term searchable, each in one group."""

from __future__ import annotations

from ..errors import Problem, Severity
from ..load.project import Document
from ..search.analysis import analyse


def synonym_problems(doc: Document) -> list[Problem]:
    """Terms a search could never match, and terms repeated within or across groups."""
    out: list[Problem] = []
    seen: dict[tuple[str, ...], tuple[int, str]] = {}
    for g, group in enumerate(doc.data["groups"]):
        for t, term in enumerate(group["terms"]):
            where = ("groups", g, "terms", t)
            words = tuple(analyse(term))
            if not words:
                out.append(doc.at(where, f"'{term}' has no word a search can match (only short or very common "
                                         "words such as 'the' or 'of'): write the word people type",
                                  code="synonym-empty"))
                continue
            if words in seen:
                other, written = seen[words]
                line, _ = doc.positions.of(("groups", other, "terms"))
                if other == g:
                    message = f"'{term}' searches the same as '{written}' in this group: keep one of them"
                    out.append(doc.at(where, message, severity=Severity.WARNING, code="synonym-repeat"))
                else:
                    message = (f"'{term}' is already in the group at line {line} (as '{written}'): a term "
                               "belongs to one group, so merge the two groups or remove one of them")
                    out.append(doc.at(where, message, code="synonym-two-groups"))
                continue
            seen[words] = (g, term)
    return out
