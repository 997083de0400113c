"""``portal new TYPE ID``: start a valid entry or pathway file from a few answers.

Every field comes from a flag; in a terminal, missing required fields are
asked for, and anywhere else (CI, scripts, the issue-form workflow) they are
a usage error that lists the missing flags. The file is written only if it
does not exist yet, and is removed again if the validator finds an error in it,
so ``portal new`` never leaves a broken file behind.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import PortalError, Problem
from ..settings import Settings
from ..load.yamlsafe import refused_character
from .yamltext import document, mapping

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KINDS = ("entry", "pathway")


@dataclass(frozen=True)
class Field:
    """One field the command can fill in: its flag, its question, and how to read the answer."""

    key: str
    help: str
    many: bool = False
    number: bool = False
    required: bool = True

    @property
    def flag(self) -> str:
        return "--" + self.key.replace("_", "-")

    @property
    def dest(self) -> str:
        return self.key


ENTRY_FIELDS = (
    Field("title", "title as the provider writes it"),
    Field("url", "web address of the course or resource (https://...)"),
    Field("provider", "organisation that provides it"),
    Field("summary", "two or three sentences: what it covers and who gains from it"),
    Field("tiers", "framework tiers it serves, e.g. 1 or 1,2", many=True, number=True),
    Field("competencies", "competency ids it maps to, e.g. communication-t1,symptom-management-t2", many=True),
    Field("type", "kind of item: course, resource, programme, guidance, toolkit, event, ... (default: course)",
          required=False),
    Field("professions", "profession ids, comma-separated", many=True, required=False),
    Field("settings", "care setting ids, comma-separated", many=True, required=False),
    Field("formats", "format ids, e.g. online-self-paced", many=True, required=False),
    Field("languages", "language codes, e.g. en,cy (default: en)", many=True, required=False),
    Field("countries", "where it is offered or applies: ISO codes such as GB, GB-WLS, CA-ON", many=True,
          required=False),
    Field("cost", "access model id, e.g. free, free-registration, paid", required=False),
    Field("duration", "length such as 45m, 1h30m, 6w", required=False),
    Field("review_by", "date to check the entry again, YYYY-MM-DD (default: one year from today)", required=False),
)

PATHWAY_FIELDS = (
    Field("title", "title of the pathway"),
    Field("summary", "what a learner gains by following it"),
    Field("tier", "tier a learner reaches at the end: 1, 2 or 3", number=True),
    Field("for_whom", "who it is for, in plain words", required=False),
    Field("professions", "profession ids, comma-separated", many=True, required=False),
    Field("settings", "care setting ids, comma-separated", many=True, required=False),
    Field("curator", "who looks after the pathway", required=False),
    Field("review_by", "date to check the pathway again, YYYY-MM-DD (default: one year from today)", required=False),
)

# Field order in the written file: the order of the hand-written catalog.
ENTRY_ORDER = ("id", "type", "title", "url", "provider", "summary", "tiers", "competencies", "professions",
               "settings", "formats", "languages", "countries", "cost", "duration", "review_by")
PATHWAY_ORDER = ("id", "title", "summary", "tier", "for", "professions", "settings", "curator", "review_by",
                 "steps")


def fields(kind: str) -> tuple[Field, ...]:
    return ENTRY_FIELDS if kind == "entry" else PATHWAY_FIELDS


def target(settings: Settings, kind: str, item_id: str) -> Path:
    folder = settings.catalog_path if kind == "entry" else settings.pathways_path
    return folder / f"{item_id}.yaml"


def _split(value: str) -> list[str]:
    return [v.strip() for v in re.split(r"[,\n]", value) if v.strip()]


def convert(field: Field, raw: str) -> Any:
    """A flag's or an answer's text as the value the schema expects."""
    if field.many:
        items = _split(raw)
        if field.number:
            try:
                return [int(i) for i in items]
            except ValueError:
                raise ValueError(f"{field.flag} takes whole numbers, e.g. 1,2") from None
        return items
    if field.number:
        try:
            return int(raw.strip())
        except ValueError:
            raise ValueError(f"{field.flag} takes a whole number, e.g. 2") from None
    return raw.strip()


def parse_step(raw: str) -> dict[str, str]:
    """``ENTRY-ID=why this step`` as a pathway step."""
    entry, sep, reason = raw.partition("=")
    if not sep or not entry.strip() or not reason.strip():
        raise ValueError(f"--step takes ENTRY-ID=REASON, e.g. e-elca-communication-skills=Start here because ...; got {raw!r}")
    return {"entry": entry.strip(), "reason": reason.strip()}


def site_url(root: Path) -> str:
    """``site_url`` from mkdocs.yml, with ``!ENV`` resolved the way MkDocs does."""

    class Loader(yaml.SafeLoader):
        pass

    def env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        for name in names[:-1] if len(names) > 1 else names:
            if isinstance(name, str) and os.environ.get(name):
                return os.environ[name]
        return names[-1] if len(names) > 1 else None

    Loader.add_constructor("!ENV", env)
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader) or {}
    except (OSError, yaml.YAMLError):
        return ""
    url = config.get("site_url") if isinstance(config, dict) else None
    return url if isinstance(url, str) and url else ""


def header(settings: Settings, kind: str, path: Path) -> list[str]:
    """The editor hint (schema path relative to the file) and where the schema is published."""
    from ..pages import urls  # the site's URL scheme; imported late to keep `portal --help` light

    name = "entry" if kind == "entry" else "pathway"
    local = settings.root / "generator" / "schemas" / f"{name}.schema.json"
    published = urls.curator_schema(name)
    base = site_url(settings.root)
    published_url = (base.rstrip("/") + "/" + published) if base else "/" + published
    if local.is_file():
        schema = os.path.relpath(local, path.parent).replace(os.sep, "/")
    else:
        schema = published_url
    return [
        f"yaml-language-server: $schema={schema}",
        f"The same schema is published at {published_url}",
        f"Started with `portal new {kind} {path.stem}`: check every fact against the provider's own pages.",
    ]


def build_data(kind: str, item_id: str, values: dict[str, Any], steps: list[dict[str, str]],
               today: dt.date) -> dict[str, Any]:
    """The document's data, in the catalog's usual field order, with defaults filled in."""
    data: dict[str, Any] = {"id": item_id}
    values = {k: v for k, v in values.items() if v not in (None, "", [])}
    if kind == "entry":
        values.setdefault("type", "course")
        values.setdefault("languages", ["en"])
    else:
        if "for_whom" in values:
            values["for"] = values.pop("for_whom")
        values["steps"] = steps
    values.setdefault("review_by", (today + dt.timedelta(days=365)).isoformat())
    for key in ENTRY_ORDER if kind == "entry" else PATHWAY_ORDER:
        if key in values:
            data[key] = values[key]
    return data


def _refused_characters(data: dict[str, Any], rel: str) -> list[Problem]:
    """A problem for each field holding a control character, located at the field's line in the preview."""
    out = []
    for key, value in data.items():
        for text in _strings(value):
            name = refused_character(text)
            if name:
                out.append(Problem(rel, _line_of(data, key), 1,
                                   f"{key.replace('_', ' ')} contains a {name}, which catalog files cannot hold; "
                                   "remove it (such characters often come along when text is copied from a "
                                   "document or PDF)"))
                break
    return out


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _line_of(data: dict[str, Any], key: str) -> int:
    """The line of ``key`` in the lines ``mapping(data)`` writes."""
    for n, text in enumerate(mapping(data), start=1):
        if text.startswith(f"{key}:"):
            return n
    return 1


def key_at(text: str, line: int) -> str:
    """The top-level field that the given line of ``text`` belongs to ('' before the first field)."""
    for ln in reversed(text.splitlines()[: max(line, 1)]):
        match = re.match(r"^([a-z_]+):", ln)
        if match:
            return match[1]
    return ""


def located(problem: Problem, text: str, kind: str) -> str:
    """A validator message with the flag that produced the faulty line, for a file that is not kept."""
    key = key_at(text, problem.line)
    by_key = {f.key: f.flag for f in fields(kind)}
    by_key.update({"for": "--for-whom", "steps": "--step", "id": "the ID argument"})
    where = by_key.get(key, f"field '{key}'") if key else "the file"
    return f"{where}: {problem.message}"


Prompt = Callable[[str], str]


def ask_missing(kind: str, values: dict[str, Any], steps: list[dict[str, str]], prompt: Prompt) -> None:
    """Ask, one by one, for every required value not given as a flag (terminal only)."""
    for field in fields(kind):
        while field.required and values.get(field.key) in (None, "", []):
            answer = prompt(f"{field.key.replace('_', ' ')} ({field.help}): ")
            try:
                values[field.key] = convert(field, answer)
            except ValueError as exc:
                prompt(f"  {exc}; press Enter to try again ")
    if kind == "pathway":
        while not steps:
            n = 1
            while True:
                entry = prompt(f"step {n} entry id (leave blank to finish): ").strip()
                if not entry:
                    break
                reason = prompt(f"step {n} reason (why this step, at this point): ").strip()
                if reason:
                    steps.append({"entry": entry, "reason": reason})
                    n += 1


def missing(kind: str, values: dict[str, Any], steps: list[dict[str, str]]) -> list[str]:
    flags = [f.flag for f in fields(kind) if f.required and values.get(f.key) in (None, "", [])]
    if kind == "pathway" and not steps:
        flags.append("--step")
    return flags


def create(settings: Settings, kind: str, item_id: str, data: dict[str, Any], hdr: list[str],
           path: Path, locate: Callable[[Problem, str], str] | None = None) -> tuple[list[str], list[str]]:
    """Write the new file (never over an existing one) and validate the project.

    Returns (errors, warnings) about the new file; on errors the file is removed again.
    """
    locate = locate or (lambda p, t: located(p, t, kind))
    rel = settings.relative(path)
    refused = _refused_characters(data, rel)
    if refused:
        # No file can hold these, so none is written; the curator is told which value to fix.
        preview = "\n".join(mapping(data))
        return [locate(p, preview) for p in refused], []
    text = document(data, hdr)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        raise PortalError(f"{settings.relative(path)} already exists; portal new never overwrites a file. "
                          "Edit that file, or choose another id.") from None
    from ..validate import validate_project

    try:
        result = validate_project(settings)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    mine = [p for p in result.problems if p.path == rel]
    errors = [locate(p, text) for p in mine if p.is_error]
    warnings = [locate(p, text) for p in mine if not p.is_error]
    if errors:
        path.unlink(missing_ok=True)
    return errors, warnings
