"""Where a portal project keeps its files, and the limits that apply to them."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .load.yamlsafe import DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class Settings:
    """Paths and limits for one portal project.

    ``catalog_dir`` holds one YAML file per entry and a ``pathways/`` folder;
    ``competencies_dir`` holds the framework(s) and ``vocabularies.yaml``.
    """

    root: Path
    catalog_dir: str = "catalog"
    competencies_dir: str = "competencies"
    max_bytes: int = DEFAULT_MAX_BYTES
    framework: str | None = None

    @property
    def catalog_path(self) -> Path:
        return self.root / self.catalog_dir

    @property
    def pathways_path(self) -> Path:
        return self.root / self.catalog_dir / "pathways"

    @property
    def competencies_path(self) -> Path:
        return self.root / self.competencies_dir

    def relative(self, path: Path) -> str:
        """``path`` relative to the project root, with forward slashes."""
        if ".." not in path.parts and (not path.is_absolute() or self.root.is_absolute()):
            try:  # the common case, a file found under the root: no file system calls
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return os.path.relpath(path, self.root).replace(os.sep, "/")

    def with_options(self, **options: Any) -> Settings:
        known = {k: v for k, v in options.items() if v is not None and k in self.__dataclass_fields__}
        return replace(self, **known)


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, which may carry ``!!python/name:`` tags for Material's extensions."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_LenientLoader.add_multi_constructor("!", _ignore_tag)


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` that holds ``mkdocs.yml`` or a catalog."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() or (folder / "catalog").is_dir():
            return folder
    return here


def load_settings(root: Path | None = None) -> Settings:
    """Settings for the project at ``root``, read from the ``portal`` plugin's options in mkdocs.yml."""
    root = find_root(root)
    settings = Settings(root=root)
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return settings
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"mkdocs.yml: cannot read it: {exc}") from None
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("portal"), dict):
            options = plugin["portal"]
            return settings.with_options(
                catalog_dir=options.get("catalog_dir"),
                competencies_dir=options.get("competencies_dir"),
                max_bytes=options.get("max_bytes"),
                framework=options.get("framework"),
            )
    return settings
