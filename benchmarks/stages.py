"""``python -m benchmarks.stages ROOT``: time the portal's own stages in one process, as JSON.

Validation (read, parse, schema and cross-file checks), pathway generation and
rendering every page's Markdown: the part of a build that is the portal's, not
MkDocs' or Material's. Run in a child process so that its memory is its own.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from generator.settings import load_settings
from generator.validate import validate_project


def main(root: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    started = time.perf_counter()
    result = validate_project(load_settings(root))
    out["validate_s"] = time.perf_counter() - started
    catalog = result.catalog
    if catalog is None:
        raise SystemExit(f"the catalog at {root} does not validate")
    out["entries"] = len(catalog.entries)
    try:
        from generator.pathways import generate_all
    except ImportError:
        generate_all = None
    pathways = []
    if generate_all is not None:
        started = time.perf_counter()
        pathways = generate_all(catalog)
        out["pathways_s"] = time.perf_counter() - started
        out["pathways"] = len(pathways)
    from generator.pages import render_all

    started = time.perf_counter()
    pages = render_all(catalog, site_name="Bench", generated=pathways)
    out["render_markdown_s"] = time.perf_counter() - started
    out["markdown_pages"] = len(pages)
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
