"""Present problems: plain text, GitHub Actions annotations, or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from .errors import Problem


def _escape_data(text: str) -> str:
    # As @actions/core escapes a command's message.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # As @actions/core escapes a command's property values.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def summary(problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return "no problems found"
    return f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"


def write_text(problems: Iterable[Problem], out: TextIO) -> None:
    for p in problems:
        out.write(f"{p}\n")


def write_github(problems: Iterable[Problem], out: TextIO) -> None:
    for p in problems:
        props = [f"file={_escape_property(p.path)}"]
        if p.line:
            props += [f"line={p.line}", f"col={p.column}"]
        props.append(f"title={_escape_property('portal validate')}")
        out.write(f"::{p.severity.value} {','.join(props)}::{_escape_data(p.message)}\n")


def write_json(problems: list[Problem], out: TextIO, files: int) -> None:
    doc = {
        "files": files,
        "errors": sum(p.is_error for p in problems),
        "warnings": sum(not p.is_error for p in problems),
        "problems": [
            {"path": p.path, "line": p.line, "column": p.column, "severity": p.severity.value,
             "code": p.code, "message": p.message}
            for p in problems
        ],
    }
    json.dump(doc, out, indent=2, sort_keys=True)
    out.write("\n")


FORMATS = {"text", "github", "json"}
