"""Options of the ``portal`` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..load.yamlsafe import DEFAULT_MAX_BYTES


class PortalConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Switch the plugin off without removing it."""

    catalog_dir = c.Type(str, default="catalog")
    """Folder of catalog entries (one YAML file each), relative to mkdocs.yml; pathways go in its ``pathways/``."""

    competencies_dir = c.Type(str, default="competencies")
    """Folder of the competency framework(s) and ``vocabularies.yaml``."""

    framework = c.Optional(c.Type(str))
    """Id of the framework entries are mapped to, when the folder holds more than one."""

    max_bytes = c.Type(int, default=DEFAULT_MAX_BYTES)
    """Largest YAML file accepted, in bytes."""

    page_size = c.Type(int, default=40)
    """Entries per listing page; listings paginate so that no page grows with the catalog.
    At 50, pages of long titles reached 30.7 KB at 10,000 entries, over the 30 KB budget (benchmarks/results.md)."""

    edit_root = c.Type(str, default="")
    """Path of mkdocs.yml's folder inside the repository, when it is not the repository root."""
