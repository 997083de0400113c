"""``portal build``: build into a scratch folder and swap it in only on success."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from ..settings import Settings

log = logging.getLogger("generator")


def build_site(settings: Settings, site_dir: Path, *, strict: bool = True, config_file: str | None = None) -> int:
    """Build the site into ``site_dir``; on any failure the previous site stays as it was."""
    config_path = Path(config_file) if config_file else settings.root / "mkdocs.yml"
    # Through symbolic links: a link to the folder a web server serves stays a link,
    # and the folder it points to is the one replaced.
    target = (site_dir if site_dir.is_absolute() else settings.root / site_dir).resolve()
    problem = site_dir_problem(target, settings)
    if not problem:
        try:  # MkDocs refuses a site folder that overlaps docs_dir itself
            config = load_config(str(config_path), site_dir=str(target), strict=strict)
        except MkDocsException as exc:
            log.error("build failed: %s", str(exc).strip() or exc.__class__.__name__)
            return 1
        problem = site_dir_problem(target, settings, config)
    if problem:
        log.error("build refused: the site folder %s %s", settings.relative(target), problem)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    config.site_dir = str(scratch)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, OSError) as exc:
        shutil.rmtree(scratch, ignore_errors=True)
        message = str(exc).strip() or exc.__class__.__name__
        log.error("build failed: %s", message)
        log.error("the previous site in %s was left untouched", settings.relative(target))
        return 1
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    # Swap: move the old site aside, move the new one in, then delete the old one.
    old = _set_aside(target) if target.exists() else None
    scratch.rename(target)
    target.chmod(0o755)  # mkdtemp made it private
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    log.info("site built in %s", settings.relative(target))
    return 0


def _set_aside(target: Path) -> Path:
    """Move the current site to a fresh name beside it, and return that name.

    A fresh name, because whatever already has the old fixed name
    (``.site-old``) may be a link or a file that is not ours to replace;
    only a real folder of that name, left by a build that stopped mid-swap, is removed.
    """
    leftover = target.with_name(f".{target.name}-old")
    if leftover.is_dir() and not leftover.is_symlink():
        shutil.rmtree(leftover, ignore_errors=True)
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    target.rename(old)  # replaces the empty folder just made
    return old


def site_dir_problem(target: Path, settings: Settings, config: MkDocsConfig | None = None) -> str | None:
    """Why ``target`` must not be replaced by a built site, or None when it may.

    Without ``config``, only what the project's settings name is checked.

    The build replaces the whole folder, so a mistyped ``--site-dir`` (``.``,
    ``catalog``, an empty variable in a script) would otherwise delete the
    curators' files or the project itself.
    """
    root = settings.root.resolve()
    if target == root or target in root.parents:
        return "is the project folder or holds it"
    sources = [settings.catalog_path, settings.competencies_path, root / ".git"]
    if config is not None:  # the folders only MkDocs' configuration names
        sources.append(Path(config.docs_dir))
        if config.theme and config.theme.custom_dir:
            sources.append(Path(config.theme.custom_dir))
    for source in sources:
        source = source.resolve()
        if target == source or source in target.parents or target in source.parents:
            return f"overlaps {settings.relative(source)}, which holds the portal's sources"
    if target.exists() and not target.is_dir():
        return "is a file"
    if target.is_dir() and any(target.iterdir()) and not looks_built(target):
        return ("already holds files and is not a site built before (it has no index.html and sitemap.xml); "
                "choose a new or empty folder")
    return None


def looks_built(folder: Path) -> bool:
    """Whether ``folder`` holds a site MkDocs built, which a new build may replace."""
    return (folder / "index.html").is_file() and (folder / "sitemap.xml").is_file()
