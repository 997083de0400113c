"""Curators' helper commands: ``portal new``, ``report``, ``check-links``, ``check-site``, ``from-issue``, ``proposal-branch``.

Each command's work lives in its own module; this one only wires them into
the ``portal`` parser. Imports happen inside the commands so that the site
build (which imports :mod:`generator.curate.page`) does not pay for them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def _settings(args: argparse.Namespace) -> Any:
    from ..settings import load_settings

    return load_settings(Path(args.root) if getattr(args, "root", None) else None)


def cmd_new(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from . import scaffold

    if not scaffold.SLUG.match(args.id) or len(args.id) > 80:
        parser.error(f"ID must be lower-case letters, digits and single hyphens (e.g. example-college-first-steps), "
                     f"80 characters at most; got {args.id!r}")
    settings = _settings(args)
    path = scaffold.target(settings, args.kind, args.id)
    if path.exists():
        sys.stderr.write(f"portal: {settings.relative(path)} already exists; portal new never overwrites a file. "
                         "Edit that file, or choose another id.\n")
        return 1
    values: dict[str, Any] = {}
    for field in scaffold.fields(args.kind):
        raw = getattr(args, field.dest, None)
        if raw is not None:
            try:
                values[field.key] = scaffold.convert(field, raw)
            except ValueError as exc:
                parser.error(str(exc))
    steps = []
    if args.kind == "pathway":
        for raw in args.step or []:
            try:
                steps.append(scaffold.parse_step(raw))
            except ValueError as exc:
                parser.error(str(exc))
    if scaffold.missing(args.kind, values, steps):
        if sys.stdin.isatty() and not args.no_input:
            scaffold.ask_missing(args.kind, values, steps, input)
        missing = scaffold.missing(args.kind, values, steps)
        if missing:
            parser.error(f"missing {', '.join(missing)} for a new {args.kind} "
                         "(run it in a terminal to be asked for them, or see `portal new --help`)")
    data = scaffold.build_data(args.kind, args.id, values, steps, dt.date.today())
    errors, warnings = scaffold.create(settings, args.kind, args.id, data,
                                       scaffold.header(settings, args.kind, path), path)
    rel = settings.relative(path)
    if errors:
        sys.stderr.write(f"portal: {rel} was not created; fix these and run the command again:\n")
        sys.stderr.writelines(f"  {e}\n" for e in errors)
        return 1
    for w in warnings:
        sys.stderr.write(f"warning: {w}\n")
    sys.stdout.write(f"{rel}\n")
    sys.stderr.write(f"created {rel}; it passes `portal validate`. Add the optional fields that apply, "
                     "then open a pull request.\n")
    return 0


def cmd_init(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from . import init

    given: dict[str, str | None] = {"name": args.name, "field": args.field, "languages": args.languages,
                                    "site_url": args.site_url}
    if any(v is None for v in given.values()):
        if sys.stdin.isatty() and not args.no_input:
            init.ask(given, input)
        missing = [f"--{k.replace('_', '-')}" for k, v in given.items() if not v]
        if missing:
            parser.error(f"missing {', '.join(missing)} (run it in a terminal to be asked, or see `portal init --help`)")
    name, field = str(given["name"]), str(given["field"])
    answers = init.Answers(name, field, tuple(c.strip() for c in str(given["languages"]).split(",") if c.strip()),
                           str(given["site_url"]), args.portal_id or init.portal_id_from(name))
    target = Path(args.dir)
    written = init.create(target, answers, dt.date.today())
    sys.stdout.writelines(f"{target / rel}\n" for rel in written)
    sys.stderr.write(f"created the portal {answers.name!r} (id {answers.portal_id}) in {target}: "
                     f"cd {target} && portal build. Replace the example entry, pathway and framework "
                     "before publishing (CONTRIBUTING.md).\n")
    return 0


def cmd_report(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ..load.project import load_project
    from .report import build_report, format_text, records_from_documents

    settings = _settings(args)
    loaded = load_project(settings)
    report = build_report(records_from_documents(loaded.documents), args.today, due_within=args.due_within,
                          threshold=args.threshold)
    if args.format == "json":
        json.dump(report.to_json(), sys.stdout, indent=2, sort_keys=True, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_text(report))
    return 1 if args.strict and report.findings else 0


def cmd_check_links(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ..load.project import load_project
    from .linkcheck import LinkChecker, catalog_links, format_results

    settings = _settings(args)
    links = catalog_links(load_project(settings).documents)
    cache = Path(args.cache) if args.cache else settings.root / ".cache" / "portal-links.json"
    checker = LinkChecker(cache_file=cache, max_age_days=args.max_age, timeout=args.timeout,
                          per_host_delay=args.delay, workers=args.workers,
                          allow_private=args.allow_private_addresses)
    results = checker.check_all(sorted(links))
    bad = [r for r in results if not r.ok]
    if args.format == "json":
        doc = {"checked": len(results), "broken": len(bad),
               "results": [r.to_json() | {"files": sorted(links[r.url])} for r in results]}
        json.dump(doc, sys.stdout, indent=2, sort_keys=True)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_results(results, links, only_problems=not args.all))
    return 1 if bad else 0


def cmd_check_site(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .linkcheck_internal import check_site

    site = Path(args.site_dir)
    if not site.is_dir():
        parser.error(f"no built site at {site}: run `portal build` first")
    broken, pages = check_site(site, base_path=args.base_path, fragments=not args.no_fragments)
    for b in broken:
        sys.stdout.write(f"{b}\n")
    sys.stderr.write(f"{pages} page{'s' if pages != 1 else ''} checked: "
                     f"{len(broken) or 'no'} broken link{'s' if len(broken) != 1 else ''}\n")
    return 1 if broken else 0


def cmd_from_issue(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .issue_form import propose

    settings = _settings(args)
    try:
        body = Path(args.body_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        parser.error(f"cannot read --body-file {args.body_file}: {getattr(exc, 'strerror', None) or exc}")
    outcome = propose(settings, body, Path(args.form), today=dt.date.today(), issue=args.issue)
    if args.comment_file:
        Path(args.comment_file).write_text(outcome.comment, encoding="utf-8")
    if args.pr_body_file and outcome.path:
        Path(args.pr_body_file).write_text(outcome.pr_body, encoding="utf-8")
    if outcome.path:
        sys.stdout.write(f"{outcome.path}\n")
        return 0
    sys.stderr.write(outcome.comment)
    return 1


def cmd_proposal_branch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .proposal_branch import plan, write_plan

    settings = _settings(args)
    path = settings.root / args.file
    try:
        content = path.read_bytes()
    except OSError as exc:
        parser.error(f"cannot read --file {args.file}: {exc.strerror or exc}")
    result = plan(settings.root, branch_ref=args.branch, base_ref=args.base, rel=args.file, content=content,
                  issue=args.issue)
    write_plan(settings.root, result, Path(args.out))
    sys.stdout.write(f"{result.action}\n")
    return 0


def _add_new(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from .scaffold import ENTRY_FIELDS, PATHWAY_FIELDS

    n = sub.add_parser(
        "new", help="start a new catalog entry or pathway file that passes validation",
        description="Write catalog/ID.yaml (entry) or catalog/pathways/ID.yaml (pathway) from the flags given. "
                    "In a terminal, missing required fields are asked for; elsewhere they are an error. "
                    "An existing file is never overwritten.",
        epilog="example: portal new entry example-college-first-steps --title 'First steps' "
               "--url https://example.org/first-steps --provider 'Example College' --summary '...' "
               "--tiers 1 --competencies communication-t1")
    n.add_argument("kind", choices=("entry", "pathway"), metavar="TYPE", help="entry or pathway")
    n.add_argument("id", metavar="ID", help="permanent id, also the file name, e.g. example-college-first-steps")
    seen: set[str] = set()
    for field in (*ENTRY_FIELDS, *PATHWAY_FIELDS):
        if field.key in seen:
            continue
        seen.add(field.key)
        n.add_argument(field.flag, dest=field.dest, metavar="LIST" if field.many else "TEXT", help=field.help)
    n.add_argument("--step", action="append", metavar="ENTRY=REASON",
                   help="pathway step: an entry id and why it comes here (repeat for each step, in order)")
    n.add_argument("--no-input", action="store_true", help="never ask questions, even in a terminal")
    n.add_argument("--root", default=argparse.SUPPRESS, help="project folder (default: the nearest with mkdocs.yml)")
    n.set_defaults(func=lambda args, _parser: cmd_new(args, n))


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register curator commands on the ``portal`` parser."""
    from ..argtypes import decimal, whole_number

    _add_new(sub)

    i = sub.add_parser("init", help="create a new portal that builds at once",
                       description="Create a new portal in DIR (new or empty): mkdocs.yml with every option "
                                   "explained, a skeleton framework, vocabularies, an example entry and pathway, "
                                   "CONTRIBUTING.md and CI workflows. In a terminal, answers not given as flags "
                                   "are asked for; elsewhere they are an error.",
                       epilog="example: portal init dementia-portal --name 'Dementia Education Portal' "
                              "--field 'dementia care' --languages en --site-url https://example.org/dementia/")
    i.add_argument("dir", metavar="DIR", help="the folder to create the portal in")
    i.add_argument("--name", help="the portal's name, e.g. 'Dementia Education Portal'")
    i.add_argument("--field", help="its field, as it reads in a sentence, e.g. 'dementia care'")
    i.add_argument("--languages", help="language codes separated by commas, the first the site's (e.g. en,cy)")
    i.add_argument("--site-url", help="where the site will be published, e.g. https://example.org/portal/")
    i.add_argument("--portal-id", help="permanent short id (default: from the name)")
    i.add_argument("--no-input", action="store_true", help="never ask, even in a terminal")
    i.set_defaults(func=cmd_init)

    r = sub.add_parser("report", help="entries past their review date, and possible duplicates",
                       description="List entries and pathways past review_by (or due soon), entries with the "
                                   "same web address, and entries with very similar titles.")
    r.add_argument("--today", type=_date, default=dt.date.today(), metavar="YYYY-MM-DD",
                   help="date to compare review_by with (default: today)")
    # 0 is meaningful: only what is already overdue (or due today).
    r.add_argument("--due-within", type=whole_number(0), default=30, metavar="DAYS",
                   help="also list what is due this soon (default: 30; 0 for overdue only)")
    r.add_argument("--threshold", type=decimal(0, above=True, high=1), default=0.88, metavar="RATIO",
                   help="how alike two titles must be to be listed, 0-1 (default: 0.88)")
    r.add_argument("--format", choices=("text", "json"), default="text")
    r.add_argument("--strict", action="store_true", help="exit 1 when anything is overdue or duplicated")
    r.add_argument("--root", default=argparse.SUPPRESS, help="project folder")
    r.set_defaults(func=cmd_report)

    c = sub.add_parser("check-links", help="check every web address in the catalog (needs the internet)",
                       description="Request every URL in the catalog, politely: a few at a time, one request per "
                                   "host per --delay seconds, with a timeout, and results cached for --max-age days.")
    c.add_argument("--cache", metavar="FILE", help="cache file (default: .cache/portal-links.json)")
    c.add_argument("--max-age", type=decimal(0), default=7, metavar="DAYS",
                   help="re-check results older than this (default: 7; 0 re-checks everything)")
    c.add_argument("--timeout", type=decimal(0, above=True), default=15, metavar="SECONDS",
                   help="give up on a request after this long (default: 15)")
    c.add_argument("--delay", type=decimal(0), default=2, metavar="SECONDS",
                   help="pause between requests to one host (default: 2)")
    c.add_argument("--workers", type=whole_number(1), default=4, choices=range(1, 5), metavar="N",
                   help="requests at a time, 1-4 (default: 4)")
    c.add_argument("--all", action="store_true", help="list working links too")
    c.add_argument("--allow-private-addresses", action="store_true",
                   help="also request loopback, link-local and private network addresses (refused by default: "
                        "catalog addresses come from pull requests)")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument("--root", default=argparse.SUPPRESS, help="project folder")
    c.set_defaults(func=cmd_check_links)

    s = sub.add_parser("check-site", help="check that every link inside the built site resolves (offline)",
                       description="Walk the built site's HTML and check that every relative href and src "
                                   "points at a file in the site, and every #fragment at an id on that page.")
    s.add_argument("site_dir", nargs="?", default="site", metavar="SITE_DIR", help="built site (default: site)")
    s.add_argument("--base-path", default=None, metavar="PATH",
                   help="URL path the site is served under, e.g. /portal/ (default: from the home page's canonical link)")
    s.add_argument("--no-fragments", action="store_true", help="do not check #fragments")
    s.set_defaults(func=cmd_check_site)

    f = sub.add_parser("from-issue", help="turn an issue-form proposal into a catalog file (used by CI)",
                       description="Read the body of a 'Propose an entry' issue, write catalog/ID.yaml if it is "
                                   "valid, and write a Markdown comment for the issue either way.")
    f.add_argument("--body-file", required=True, metavar="FILE", help="the issue body")
    f.add_argument("--form", default=".github/ISSUE_TEMPLATE/propose-entry.yml", metavar="FILE",
                   help="the issue form the body was written with")
    f.add_argument("--comment-file", metavar="FILE", help="write the comment for the issue here")
    f.add_argument("--pr-body-file", metavar="FILE", help="write the pull request description here (on success)")
    f.add_argument("--issue", default="", metavar="REF", help="the issue, e.g. #12, named in the file and the PR")
    f.add_argument("--root", default=argparse.SUPPRESS, help="project folder")
    f.set_defaults(func=cmd_from_issue)
    b = sub.add_parser("proposal-branch", help="plan the commit an issue-form proposal adds to its branch (used by CI)",
                       description="Work out, without pushing, what a proposal's pull-request branch needs: a first "
                                   "commit, one more commit on top, or (when others pushed to it) only a comment "
                                   "with the change. Writes plan.json, comment.md and proposal.bundle to --out.")
    b.add_argument("--branch", required=True, metavar="REF", help="the proposal's branch, e.g. origin/proposal/issue-7")
    b.add_argument("--base", required=True, metavar="REF", help="the default branch, e.g. origin/main")
    b.add_argument("--file", required=True, metavar="PATH", help="the proposed file, relative to the project")
    b.add_argument("--issue", required=True, metavar="NUMBER", help="the issue's number")
    b.add_argument("--out", required=True, metavar="DIR", help="folder for plan.json, comment.md, proposal.bundle")
    b.add_argument("--root", default=argparse.SUPPRESS, help="project folder (a git work tree)")
    b.set_defaults(func=cmd_proposal_branch)
