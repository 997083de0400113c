"""Competency coverage: how many entries teach each competency, overall and per group.

Shown as an inline SVG heatmap, an HTML table and CSV, all from one
:class:`~.matrix.Matrix`, with a plain summary of what is thinly covered.
"""

from __future__ import annotations

from .matrix import THIN, Matrix, all_matrices, build_matrix, status

__all__ = ["THIN", "Matrix", "all_matrices", "build_matrix", "status"]
