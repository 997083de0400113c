"""Checks of the message catalogs a portal uses, reported like every other problem (path:line:col: message).

- a ``.po`` file that cannot be read (broken syntax) is an error at the line where reading stopped;
- a translation whose ``{placeholders}`` differ from its message's is an error: the page would show
  a raw ``{name}`` or lose a number;
- a message with no translation (empty, or marked fuzzy) in a language the portal publishes is a
  warning: the page shows it in English, marked as English.

The catalogs checked are the generator's own for each language the portal publishes, and every
catalog in the portal's own ``locale/`` folder (same layout), whose translations win at build time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po

from ..errors import Problem, Severity
from . import DOMAIN, LOCALE_DIR, PORTAL_LOCALE, _is_source, _paths

_BRACES = re.compile(r"\{([^{}]*)\}")
_PERCENT = re.compile(r"%(?:\(([A-Za-z_]\w*)\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")


def placeholders(text: str) -> set[str]:
    """The placeholders of a message: ``{name}`` and ``%(name)s`` (the bare ``%%`` is not one)."""
    found = {f"{{{m}}}" for m in _BRACES.findall(text)}
    found |= {m.group(0) for m in _PERCENT.finditer(text) if m.group(0) != "%%"}
    return found


def _ids(message: Message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, (tuple, list)) else (message.id,)


def _strings(message: Message) -> tuple[str, ...]:
    return tuple(message.string) if isinstance(message.string, (tuple, list)) else (message.string or "",)


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(sorted(names))


def _placeholder_problems(shown: str, message: Message) -> list[Problem]:
    ids, strings = _ids(message), _strings(message)
    expected = set().union(*(placeholders(i) for i in ids))
    out = []
    for index, text in enumerate(strings):
        if not text:
            continue
        have = placeholders(text)
        unknown = have - expected
        # A plural's singular may say "one" in words; every other translation keeps every placeholder.
        wanted = placeholders(ids[-1]) if len(ids) > 1 and index > 0 else placeholders(ids[0]) if len(ids) == 1 else set()
        missing = wanted - have
        form = f"msgstr[{index}]" if len(ids) > 1 else "msgstr"
        if unknown:
            out.append(Problem(shown, message.lineno, 1, f"the translation of {ids[0]!r} ({form}) has "
                               f"{_quoted(unknown)}, which the English text does not: keep the placeholders "
                               f"as they are ({_quoted(expected) or 'none'})", code="po-placeholder"))
        if missing:
            out.append(Problem(shown, message.lineno, 1, f"the translation of {ids[0]!r} ({form}) leaves out "
                               f"{_quoted(missing)}: keep every placeholder of the English text",
                               code="po-placeholder"))
    return out


_KEYWORD = re.compile(r'(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])[ \t]+(?=")')
_STRING = re.compile(r'"((?:[^"\\]|\\[\\"abfnrtv\'?]|\\[0-7]{1,3}|\\x[0-9A-Fa-f]+)*)"[ \t]*$')


def syntax_problem(text: str) -> tuple[int, int, str] | None:
    """The first line that is not a comment, a keyword with a quoted string, or a quoted continuation.

    Babel's reader is lenient (an unclosed quote loses a letter without a word); translators deserve the
    line and the column where the file stops being a ``.po`` file."""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        keyword = _KEYWORD.match(stripped)
        rest = stripped[keyword.end():] if keyword else stripped
        if not keyword and not stripped.startswith('"'):
            word = stripped.split()[0]
            return number, indent + 1, f"{word!r} is not a keyword of a .po file (msgid, msgstr, msgctxt, ...)"
        if not _STRING.match(rest):
            column = indent + (keyword.end() if keyword else 0) + 1
            return number, column, "a text must be one quoted string, with \\\" for a quote inside it"
    return None


def _read(path: Path, shown: str) -> tuple[Catalog | None, list[Problem]]:
    try:
        found = syntax_problem(path.read_text(encoding="utf-8"))
        if found:
            line, column, reason = found
            return None, [Problem(shown, line, column, f"not a valid .po file: {reason}", code="po-syntax")]
        with path.open("rb") as handle:
            return read_po(handle, domain=DOMAIN, abort_invalid=True), []
    except PoFileError as exc:
        line = int(getattr(exc, "lineno", 0) or 0)
        reason = str(exc).split(" on ", 1)[0].rstrip(".")
        return None, [Problem(shown, line, 1 if line else 0, f"not a valid .po file: {reason}", code="po-syntax")]
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return None, [Problem(shown, 0, 0, f"cannot read this translation file: {exc}", code="po-syntax")]


def _template_ids(pot: Path) -> set[tuple[str | None, str]]:
    if not pot.is_file():
        return set()
    with pot.open("rb") as handle:
        template = read_po(handle, domain=DOMAIN)
    return {(m.context, _ids(m)[0]) for m in template if m.id}


def check_catalog(path: Path, shown: str, *, required: bool, template: set[tuple[str | None, str]] = frozenset()
                  ) -> list[Problem]:
    """Problems in one ``.po`` file; ``required``: its language is published, so missing translations count."""
    catalog, problems = _read(path, shown)
    if catalog is None:
        return problems
    present = set()
    for message in catalog:
        if not message.id:
            continue
        present.add((message.context, _ids(message)[0]))
        if not message.fuzzy:  # a fuzzy guess is not used, and is reported as such below
            problems += _placeholder_problems(shown, message)
        if required and (message.fuzzy or not all(_strings(message))):
            why = "marked fuzzy (a guess to check)" if message.fuzzy and all(_strings(message)) else "not translated"
            problems.append(Problem(shown, message.lineno, 1, f"{_ids(message)[0]!r} is {why}: the page shows it "
                                    "in English", Severity.WARNING, code="po-missing"))
    absent = template - present if required else set()
    if absent:
        problems.append(Problem(shown, 0, 0, f"{len(absent)} message(s) of the template are not in this catalog "
                                f"(such as {sorted(m for _c, m in absent)[0]!r}): run `make messages` to merge them",
                                Severity.WARNING, code="po-missing"))
    return problems


def catalog_files(root: Path, languages: Sequence[str]) -> list[tuple[Path, bool]]:
    """The ``.po`` files a portal uses, each with whether its language is published: the generator's for
    each published language, and every one in the portal's own ``locale/`` folder."""
    out: list[tuple[Path, bool]] = []
    published = [lang for lang in languages if not _is_source(lang)]
    for lang in published:
        out += [(path, True) for path in _paths(lang, LOCALE_DIR)[:1]]
    own = root / PORTAL_LOCALE
    if own.is_dir():
        bases = {lang.replace("-", "_").split("_")[0] for lang in published}
        for path in sorted(own.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            out.append((path, path.parent.parent.name.split("_")[0] in bases))
    return out


def po_problems(root: Path, languages: Sequence[str], relative: object = None) -> tuple[list[Problem], list[str]]:
    """Problems in every catalog the portal uses, and the files read (as shown)."""
    template = _template_ids(LOCALE_DIR / f"{DOMAIN}.pot")
    problems: list[Problem] = []
    files: list[str] = []
    for path, required in catalog_files(root, languages):
        shown = relative(path) if callable(relative) else str(path)
        files.append(shown)
        # A portal's own catalog overrides some messages: only the generator's must have them all.
        own = not path.is_relative_to(LOCALE_DIR)
        problems += check_catalog(path, shown, required=required and not own,
                                  template=set() if own else template)
    return problems, files
