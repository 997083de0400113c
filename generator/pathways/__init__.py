"""Generated learning pathways: weighted set cover over the competency framework.

``generate_all(catalog)`` returns one pathway for every profession × tier and
one for every audience; see :mod:`.generate` for the rules
and :mod:`.setcover` for the algorithm and its guarantee.
"""

from __future__ import annotations

from .generate import AUDIENCE_TIER, PREFIX, audience_pathway_id, generate_all, profession_pathway_id
from .setcover import Candidate, Cover, greedy_bound, greedy_cover, harmonic

__all__ = [
    "AUDIENCE_TIER", "PREFIX", "Candidate", "Cover", "audience_pathway_id", "generate_all", "greedy_bound",
    "greedy_cover", "harmonic", "profession_pathway_id",
]
