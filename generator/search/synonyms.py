"""Search synonyms: a query finds what a clinician means, whichever of several words they type.

Curators keep groups of words and phrases that mean the same for a search
(``competencies/synonyms.yaml``: UK and US spellings, clinical and lay words,
abbreviations and what they stand for). The expansion happens here, at build
time: an entry that uses one term of a group gets every other term of that
group in a separate, low-weight index field ("syn"). The browser then looks up
only the words typed, so it still fetches only the index shards those words
need, and it ranks entries that match the typed words themselves above those
that match only through a synonym.

Beside the curated groups, one mechanical spelling rule applies to every word:
the -ise/-ize and -yse/-yze families (recognising/recognizing,
organisation/organization, analyse/analyze) are each other's variants.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .analysis import analyse, index_term

# -ise/-ize and -yse/-yze with their inflections; the stem before them keeps two letters or more.
_SPELLING = re.compile(r"\b([a-z]{2,})([iy])([sz])(e|es|ed|ing|ation|ations|er|ers|able)\b")


def spelling_variants(text: str) -> list[str]:
    """Index terms of the other spelling of every -ise/-ize and -yse/-yze word in ``text``, each once."""
    out: dict[str, None] = {}
    for m in _SPELLING.finditer(text.lower()):
        stem, vowel, letter, ending = m.groups()
        other = stem + vowel + ("z" if letter == "s" else "s") + ending
        term = index_term(other)
        if term and term != index_term(m[0]):
            out[term] = None
    return list(out)


@dataclass(frozen=True)
class Synonyms:
    """Groups of equivalent terms, each term analysed into its index terms."""

    groups: tuple[tuple[tuple[str, ...], ...], ...] = ()
    # First index term of a member -> (group, member's terms), for finding members in a document.
    _starts: dict[str, list[tuple[int, tuple[str, ...]]]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_groups(cls, groups: Iterable[Sequence[str]]) -> Synonyms:
        analysed = []
        starts: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for terms in groups:
            members = tuple(dict.fromkeys(t for t in (tuple(analyse(term)) for term in terms) if t))
            if len(members) < 2:
                continue  # nothing to expand to (validation reports terms with no searchable word)
            for member in members:
                starts.setdefault(member[0], []).append((len(analysed), member))
            analysed.append(members)
        return cls(tuple(analysed), starts)

    def expand(self, fields: Iterable[Sequence[str]], raw: str = "") -> list[str]:
        """The terms a document gains: for each group with a member among ``fields``' terms (a phrase as
        consecutive terms within one field), every term of the group's other members; then the other
        spelling of every -ise/-ize word of ``raw``. Each term once, in a stable order."""
        found: dict[int, set[tuple[str, ...]]] = {}
        for terms in fields:
            for i, term in enumerate(terms):
                for group, member in self._starts.get(term, ()):
                    if tuple(terms[i:i + len(member)]) == member:
                        found.setdefault(group, set()).add(member)
        out: dict[str, None] = {}
        for group in sorted(found):
            for member in self.groups[group]:
                if member not in found[group]:
                    out.update(dict.fromkeys(member))
        out.update(dict.fromkeys(spelling_variants(raw)))
        return list(out)
