"""``portal build``: build into a scratch folder and swap it in only on success."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..settings import Settings

log = logging.getLogger("generator")


def build_site(settings: Settings, site_dir: Path, *, strict: bool = True, config_file: str | None = None) -> int:
    """Build the site into ``site_dir``; on any failure the previous site stays as it was."""
    config_path = Path(config_file) if config_file else settings.root / "mkdocs.yml"
    site_dir = (settings.root / site_dir).resolve() if not site_dir.is_absolute() else site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        config = load_config(str(config_path), site_dir=str(scratch), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, OSError) as exc:
        shutil.rmtree(scratch, ignore_errors=True)
        message = str(exc).strip() or exc.__class__.__name__
        log.error("build failed: %s", message)
        log.error("the previous site in %s was left untouched", settings.relative(site_dir))
        return 1
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    # Swap: move the old site aside, move the new one in, then delete the old one.
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        site_dir.rename(old)
    scratch.rename(site_dir)
    site_dir.chmod(0o755)  # mkdtemp made it private
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    log.info("site built in %s", settings.relative(site_dir))
    return 0
