"""Where a portal project keeps its files, and the limits that apply to them."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .load.sources import SourceSpec
from .load.yamlsafe import DEFAULT_MAX_BYTES


DEFAULT_PORTAL_ID = "portal"


@dataclass(frozen=True)
class Licence:
    """The licence of the catalog's text: its name and the address of its terms."""

    name: str
    url: str


@dataclass(frozen=True)
class Contact:
    """Who stands behind the portal and its open data; at least one of ``url`` and ``email`` is set."""

    name: str
    url: str = ""
    email: str = ""

    @property
    def address(self) -> str:
        """Where to reach them: the web address, else a mailto: link."""
        return self.url or f"mailto:{self.email}"


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
    # The portal's permanent short id (calendar UIDs, feed ids): unlike the host name, it survives a move.
    portal_id: str = DEFAULT_PORTAL_ID
    licence: Licence | None = None
    contact: Contact | None = None
    # The portal's words (generator/model/portal.py): its field, its names for vocabularies, and the terms
    # its home page features (the ``home`` option's roles and settings).
    subject: str | None = None
    vocabularies: dict[str, dict[str, Any]] | None = None
    featured: dict[str, list[str]] | None = None
    # Other portals and folders whose catalogs this one includes, in order (generator/load/sources.py).
    sources: tuple[SourceSpec, ...] = ()
    # Path of mkdocs.yml's folder inside its repository, for edit links.
    edit_root: str = ""

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
        home = options.get("home")
        if isinstance(home, dict) and (home.get("roles") or home.get("settings")):
            # The home page's featured roles and settings, checked against the vocabularies with the catalog.
            options["featured"] = {kind: home[key] for kind, key in (("professions", "roles"), ("settings", "settings"))
                                   if home.get(key)}
        known = {k: v for k, v in options.items() if v is not None and k in self.__dataclass_fields__}
        if isinstance(known.get("licence"), dict):
            known["licence"] = Licence(**known["licence"])
        if isinstance(known.get("contact"), dict):
            known["contact"] = Contact(**known["contact"])
        if isinstance(known.get("sources"), list):
            known["sources"] = tuple(SourceSpec.from_option(item) for item in known["sources"])
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


def _portal_options(config: object) -> object:
    """The ``portal`` plugin's options from mkdocs.yml's ``plugins`` (a list or a mapping); None if it is absent."""
    plugins = config.get("plugins") if isinstance(config, dict) else None
    named: list[tuple[object, object]] = []
    if isinstance(plugins, dict):
        named = list(plugins.items())
    elif isinstance(plugins, list):
        for plugin in plugins:
            named.extend(plugin.items() if isinstance(plugin, dict) else [(plugin, {})])
    for name, options in named:
        if name == "portal":
            return {} if options is None else options
    return None


def _position(text: str, option: str | tuple[str | int, ...]) -> tuple[int, int]:
    """Line and column of the portal plugin's ``option`` in mkdocs.yml, or (0, 0) if it cannot be found.

    ``option`` may be a path into the option's value, such as ``("sources", 0, "portal")``;
    the nearest part of it that exists is given.
    """
    try:
        root = yaml.compose(text, Loader=_LenientLoader)
    except yaml.YAMLError:
        return (0, 0)

    def value_of(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    return v
        if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
            return node.value[key]
        return None

    path = (option,) if isinstance(option, str) else option
    plugins = value_of(root, "plugins")
    items = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]
    for item in items:
        found = value_of(item, "portal")
        for part in path:
            found = value_of(found, part) or found
        if found is not None:
            return (found.start_mark.line + 1, found.start_mark.column + 1)
    return (0, 0)


def config_position(root: Path, option: str | tuple[str | int, ...]) -> tuple[int, int]:
    """Where the portal plugin's ``option`` sits in ``root``'s mkdocs.yml, as :func:`_position`."""
    try:
        return _position((root / "mkdocs.yml").read_text(encoding="utf-8"), option)
    except (OSError, UnicodeDecodeError):
        return (0, 0)


class _EnvLoader(_LenientLoader):
    """Reads ``!ENV [NAME, default]`` as its list, so a caller can take the default."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: (
    loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else loader.construct_scalar(node)))


def read_config(root: Path) -> object:
    """``root``'s mkdocs.yml as plain data (None if it cannot be read); tags of other tools are left out."""
    try:
        return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None


def _where(text: str, option: str) -> str:
    """``mkdocs.yml:line:column`` of the portal plugin's ``option`` (its options, for ""), as far as known."""
    line, column = _position(text, option)
    return f"mkdocs.yml:{line}:{column}" if line else "mkdocs.yml"


def _check_options(options: object, text: str) -> dict[str, Any]:
    """The plugin's options, checked exactly as MkDocs checks them when it builds the site."""
    if not isinstance(options, dict):
        where = _where(text, "")
        raise ConfigError(f"{where}: the options of the 'portal' plugin must be a mapping of names to values, "
                          f"such as 'max_bytes: 262144'; got {options!r}")
    from .site.plugin_config import PortalConfig  # imports MkDocs: only for a project that sets options

    checked = PortalConfig()
    checked.load_dict(options)
    failed, _warnings = checked.validate()  # unknown names are MkDocs's warnings, shown when it builds
    if failed:
        key, error = failed[0]
        raise ConfigError(f"{_where(text, key)}: Plugin 'portal' option '{key}': {error}")
    return dict(checked)


# The plugin options that are settings (the others only concern the site build).
OPTIONS = ("catalog_dir", "competencies_dir", "max_bytes", "framework", "portal_id", "licence", "contact",
           "subject", "vocabularies", "home", "sources", "edit_root")


def load_settings(root: Path | None = None) -> Settings:
    """Settings for the project at ``root``, read from the ``portal`` plugin's options in mkdocs.yml."""
    root = find_root(root)
    settings = Settings(root=root)
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return settings
    try:
        text = config_file.read_text(encoding="utf-8")
        config = yaml.load(text, Loader=_LenientLoader) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"mkdocs.yml: cannot read it: {exc}") from None
    raw = _portal_options(config)
    if raw is None or raw == {}:  # `- portal` with no options: the defaults, without importing MkDocs
        return settings
    options = _check_options(raw, text)
    return settings.with_options(**{name: options.get(name) for name in OPTIONS})
