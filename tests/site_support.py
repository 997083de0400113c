"""Building a project's site the way ``portal build`` does, for the tests that read built pages.

A plain module rather than a conftest, so that several test folders share one build of the shipped portal.
"""

from __future__ import annotations

from pathlib import Path


def build(root: Path, site_dir: Path) -> Path:
    """Build the project at ``root`` like ``portal build`` (strict) and return the site folder."""
    from generator.settings import load_settings
    from generator.site.plugin_build import build_site

    assert build_site(load_settings(root), site_dir, strict=True) == 0, f"{root} did not build"
    return site_dir
