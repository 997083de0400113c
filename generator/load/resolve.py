"""The layers of a portal's catalog, from mkdocs.yml's ``sources`` to the folders they name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import ConfigError, Problem
from ..settings import Settings, config_position, load_settings, read_config
from .api_source import about, api_folder, curated_pathways
from .sources import Layer, Provenance, SourceSpec


def own_layer(settings: Settings) -> Layer:
    """The portal's own folders: the last layer, which may extend and override the others."""
    return Layer("", settings.root, settings.catalog_path, settings.competencies_path)


def resolve_layers(settings: Settings) -> tuple[list[Layer], list[Problem]]:
    """Every layer in order (sources first, the portal's own folders last), and what stops a source being read."""
    layers: list[Layer] = []
    problems: list[Problem] = []
    for i, spec in enumerate(settings.sources):
        layer, problem = _resolve(settings, spec, i)
        if problem:
            problems.append(problem)
        if layer is not None:
            layers.append(layer)
    layers.append(own_layer(settings))
    return layers, problems


def _resolve(settings: Settings, spec: SourceSpec, i: int) -> tuple[Layer | None, Problem | None]:
    folder = (settings.root / spec.path).resolve()

    def problem(message: str, option: str = spec.kind) -> Problem:
        line, column = config_position(settings.root, ("sources", i, option))
        return Problem("mkdocs.yml", line, column, f"source '{spec.name}': {message}", code="source")

    if not folder.is_dir():
        return None, problem(f"folder {spec.path} not found (a path relative to mkdocs.yml; for a git "
                             "submodule, run 'git submodule update --init' first)")
    if folder == settings.root.resolve():
        return None, problem("names this portal's own folder; its catalog is always included, last")
    if spec.kind == "api":
        return _api(spec, folder, problem)
    if spec.kind == "folder":
        layer = Layer(spec.name, folder, folder, None, spec.filters, spec.pathways, None, settings.root)
        return layer, _unknown_pathways(layer, spec, problem)
    try:
        other = load_settings(folder) if (folder / "mkdocs.yml").is_file() else Settings(root=folder)
    except ConfigError as exc:
        return None, problem(f"its mkdocs.yml cannot be used: {exc}")
    if other.root != folder:
        other = Settings(root=folder)
    if not other.catalog_path.is_dir() and not other.competencies_path.is_dir():
        return None, problem(f"{spec.path} holds neither a catalog folder ({other.catalog_dir}/) nor a competency "
                             f"folder ({other.competencies_dir}/); name the folder of a portal")
    provenance = _provenance(spec.name, other)
    layer = Layer(spec.name, folder, other.catalog_path, other.competencies_path, spec.filters, spec.pathways,
                  provenance, folder)
    return layer, _unknown_pathways(layer, spec, problem)


def _api(spec: SourceSpec, path: Path, problem: Callable[..., Problem]) -> tuple[Layer | None, Problem | None]:
    """A published site's JSON API: its entries, and the pathways its curators wrote."""
    folder = api_folder(path)
    if folder is None:
        return None, problem(f"no JSON API found in {spec.path}: name a published site's folder, its api/v1 "
                             "folder or its api/v1/index.json")
    head = about(folder)
    portal = head.get("portal") if isinstance(head.get("portal"), dict) else {}
    licence = head.get("licence") if isinstance(head.get("licence"), dict) else {}
    provenance = Provenance(spec.name, _default(portal.get("name")), _default(portal.get("url")), "",
                            _default(licence.get("name")), _default(licence.get("url")))
    curated = curated_pathways(folder)
    chosen: bool | tuple[str, ...] = spec.pathways
    if chosen is True:
        chosen = tuple(curated)
    layer = Layer(spec.name, folder, folder / "entries", None, spec.filters, chosen, provenance, None, api=True)
    return layer, _unknown_pathways(layer, spec, problem, curated)


def _unknown_pathways(layer: Layer, spec: SourceSpec, problem: Callable[..., Problem],
                      have: list[str] | None = None) -> Problem | None:
    """The pathways mkdocs.yml asks for that the source does not have."""
    if not isinstance(spec.pathways, tuple):
        return None
    folder = layer.pathways_path
    if have is None:
        have = sorted(p.stem for p in folder.glob("*.yaml")) if folder is not None and folder.is_dir() else []
    missing = [p for p in spec.pathways if p not in have]
    if not missing:
        return None
    # Imported here: the validator imports this package, so importing it at the top would be a circle at run time.
    from ..validate.hints import did_you_mean
    return problem(f"pathways: '{missing[0]}' is not a pathway of the source{did_you_mean(missing[0], have)}",
                   "pathways")


def _provenance(name: str, other: Settings) -> Provenance:
    """The source portal's name, address, edit address and licence, from its mkdocs.yml."""
    config = read_config(other.root) or {}
    text = lambda key: _default(config.get(key)) if isinstance(config, dict) else ""  # noqa: E731
    edit_base = ""
    repo, edit_uri = text("repo_url"), text("edit_uri")
    if repo.startswith("https://") and edit_uri:
        edit_base = repo.rstrip("/") + "/" + edit_uri.strip("/") + "/"
        if other.edit_root:
            edit_base += other.edit_root.strip("/") + "/"
    licence = other.licence
    return Provenance(name, text("site_name"), text("site_url"), edit_base,
                      licence.name if licence else "", licence.url if licence else "")


def _default(value: Any) -> str:
    """A text value of mkdocs.yml; for ``!ENV [NAME, default]``, the default the source portal publishes under."""
    if isinstance(value, list) and value:
        value = value[-1]
    return value.strip() if isinstance(value, str) else ""

