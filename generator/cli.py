"""The ``portal`` command: validate the catalog, build the site, help curators."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, report
from .argtypes import whole_number
from .errors import PortalError
from .settings import Settings, load_settings
from .validate import Result, validate_project

log = logging.getLogger("generator")


class _Progress:
    """A one-line counter on an interactive terminal; silent in CI and pipes."""

    def __init__(self, stream: object = sys.stderr) -> None:
        self.stream = stream
        isatty = getattr(stream, "isatty", lambda: False)()
        self.enabled = bool(isatty) and not os.environ.get("CI")
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < 200:
            return
        if done == total or done % 100 == 0:
            self.stream.write(f"\rreading files: {done:,}/{total:,}")  # type: ignore[attr-defined]
            self.stream.flush()  # type: ignore[attr-defined]
            self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")  # type: ignore[attr-defined]


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(Path(args.root) if args.root else None)
    return settings.with_options(max_bytes=getattr(args, "max_bytes", None))


def _selected(settings: Settings, paths: Sequence[str], parser: argparse.ArgumentParser) -> list[str]:
    """Project-relative prefixes for the paths given on the command line."""
    prefixes = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            parser.error(f"no such file or folder: {raw}")
        rel = settings.relative(path.resolve())
        if rel.startswith(".."):
            parser.error(f"{raw} is outside the project at {settings.root}")
        prefixes.append("" if rel == "." else rel)
    return prefixes


def _in(path: str, prefixes: list[str]) -> bool:
    return not prefixes or any(p == "" or path == p or path.startswith(p.rstrip("/") + "/") for p in prefixes)


def cmd_validate(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    settings = _settings(args)
    prefixes = _selected(settings, args.paths, parser)
    progress = _Progress()
    try:
        result: Result = validate_project(settings, progress)
    finally:
        progress.close()
    shown = [p for p in result.problems if _in(p.path, prefixes)]
    files = len([f for f in result.files if _in(f, prefixes)])
    if args.format == "json":
        report.write_json(shown, sys.stdout, files)
    elif args.format == "github":
        report.write_github(shown, sys.stdout)
    else:
        report.write_text(shown, sys.stdout)
    if args.format != "json":
        sys.stderr.write(f"{files} file{'s' if files != 1 else ''} checked: {report.summary(shown)}\n")
    errors = any(p.is_error for p in shown)
    warnings = any(not p.is_error for p in shown)
    # A file the validator does not read must not pass as "no problems found".
    unread = [p for p in prefixes if (settings.root / p).is_file() and p not in result.files]
    for path in unread:
        sys.stderr.write(f"{path}: not checked: the validator reads the files under {settings.catalog_dir}/ "
                         f"and {settings.competencies_dir}/ only\n")
    return 1 if errors or unread or (args.strict and warnings) else 0


def cmd_build(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .site.plugin_build import build_site

    settings = _settings(args)
    return build_site(settings, Path(args.site_dir), strict=not args.lenient, config_file=args.config_file)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portal", description="Competency-mapped education portal generator.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--root", help="project folder (default: the nearest folder with mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    v = sub.add_parser("validate", help="check the catalog, pathways and framework",
                       description="Check every file and report every problem as path:line:column: message.")
    v.add_argument("paths", nargs="*", metavar="PATH", help="only report problems in these files or folders")
    v.add_argument("--format", choices=sorted(report.FORMATS), default="text",
                   help="text (default), github (Actions annotations) or json")
    v.add_argument("--strict", action="store_true", help="fail on warnings too")
    v.add_argument("--max-bytes", type=whole_number(1), metavar="N", help="largest YAML file accepted, in bytes")
    # Also accepted after the command, as documented; SUPPRESS keeps a --root given before it.
    v.add_argument("--root", default=argparse.SUPPRESS, help="project folder (default: the nearest folder with mkdocs.yml)")
    v.set_defaults(func=cmd_validate)

    b = sub.add_parser("build", help="validate, then build the site; the old site stays if anything fails")
    b.add_argument("--site-dir", default="site", help="where the site goes (default: site)")
    b.add_argument("--config-file", default=None, help="MkDocs configuration (default: mkdocs.yml in the project)")
    b.add_argument("--lenient", action="store_true", help="do not fail on warnings")
    b.set_defaults(func=cmd_build)

    from .curate import add_commands
    add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s", stream=sys.stderr)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args, parser))
    except PortalError as exc:
        sys.stderr.write(f"portal: {exc}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("portal: interrupted\n")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
