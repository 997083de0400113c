"""``portal init DIR``: a new portal that builds at once.

The starter files ship with the generator (generator/starter/): mkdocs.yml with
every option explained, a skeleton framework (three tiers, one subject), the
vocabularies with the portal's own labels, one example entry and pathway marked
as examples, CONTRIBUTING.md, and CI workflows that install the generator pinned
in requirements.txt. Nothing in them names a field: the portal's name, field,
languages and address are filled in from the answers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..errors import PortalError

# Files whose names a package cannot carry as they are (setuptools leaves out names starting with a dot).
RENAMED = {"gitignore": ".gitignore", "github": ".github"}
# Labels for the language codes a new portal is likely to start with; any other code is kept as given.
LANGUAGES = {"en": "English", "cy": "Welsh", "ga": "Irish", "gd": "Scottish Gaelic", "fr": "French",
             "de": "German", "es": "Spanish", "it": "Italian", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese",
             "ar": "Arabic", "bn": "Bengali", "gu": "Gujarati", "hi": "Hindi", "pa": "Punjabi", "ur": "Urdu",
             "zh": "Chinese", "bfi": "British Sign Language"}
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_TEXT = re.compile(r"[^\W_][\w ,.'()&/+-]*")


@dataclass(frozen=True)
class Answers:
    """What a new portal is called and about, and where it will live."""

    name: str
    field: str
    languages: tuple[str, ...]
    site_url: str
    portal_id: str


def portal_id_from(name: str) -> str:
    """A short id from the portal's name: its words' initials when it has several, else the word itself."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    candidate = "".join(w[0] for w in words) if len(words) > 2 else "-".join(words)
    return (candidate or "portal")[:40].strip("-") or "portal"


def check(answers: Answers) -> list[str]:
    """Every problem with the answers, in the terms of the question that was asked."""
    problems = []
    for label, value in (("name", answers.name), ("field", answers.field)):
        # The answers go into YAML as they are, so they keep to what reads back as plain text.
        if not _TEXT.fullmatch(value) or len(value) > 120:
            problems.append(f"the portal's {label} must be words of at most 120 characters (letters, digits, "
                            f"spaces and , . ' ( ) & / + -), starting with a letter or digit; got {value!r}")
    if not answers.languages or not all(_LANGUAGE.fullmatch(code) for code in answers.languages):
        problems.append("languages must be language codes separated by commas, such as en or en,cy; "
                        f"got {','.join(answers.languages)!r}")
    if not re.fullmatch(r"https?://[^\s\"'<>]+", answers.site_url):
        problems.append(f"the site URL must start with https:// (or http://); got {answers.site_url!r}")
    if not _SLUG.fullmatch(answers.portal_id) or len(answers.portal_id) > 40:
        problems.append("the portal id must be lowercase letters, digits and single hyphens, at most 40 "
                        f"characters; got {answers.portal_id!r}")
    return problems


def ask(answers: dict[str, str | None], prompt: Callable[[str], str]) -> None:
    """Ask, in a terminal, for every answer not given as a flag."""
    questions = (("name", "Portal name (e.g. Dementia Education Portal)", None),
                 ("field", "Field, as it reads in a sentence (e.g. dementia care)", None),
                 ("languages", "Languages, as codes separated by commas", "en"),
                 ("site_url", "Site URL (where it will be published)", "https://example.org/portal/"))
    for key, question, default in questions:
        while not answers.get(key):
            given = prompt(f"{question}{f' [{default}]' if default else ''}: ").strip()
            answers[key] = given or default


def requirement() -> str:
    """The installed generator, pinned, as requirements.txt names it."""
    names = metadata.packages_distributions().get("generator") or []
    for name in names:
        try:
            return f"{name}=={metadata.version(name)}"
        except metadata.PackageNotFoundError:
            continue
    raise PortalError("the generator is not installed as a package, so requirements.txt cannot pin it; "
                      "install it with pip first")


def _languages_option(codes: tuple[str, ...]) -> str:
    """The plugin's ``languages`` line: set when the portal starts in several languages, a hint otherwise."""
    if len(codes) > 1:
        return f"      languages: [{', '.join(codes)}]"
    return f"      # languages: [{codes[0]}, fr]"


def _fill(text: str, answers: Answers, today: dt.date) -> str:
    field = answers.field.strip()
    languages = "\n".join(f"  - id: {code}\n    label: {LANGUAGES.get(code.split('-')[0], code)}"
                          for code in answers.languages)
    values = {
        "{{ name }}": answers.name.strip(), "{{ field }}": field, "{{ title_field }}": field[:1].upper() + field[1:],
        "{{ site_url }}": answers.site_url if answers.site_url.endswith("/") else answers.site_url + "/",
        "{{ portal_id }}": answers.portal_id, "{{ language }}": answers.languages[0].split("-")[0],
        "{{ languages }}": languages, "{{ languages_option }}": _languages_option(answers.languages),
        "{{ review_by }}": (today + dt.timedelta(days=365)).isoformat(),
        "{{ requirement }}": requirement(),
    }
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def _files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    out = []
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        name = RENAMED.get(item.name, item.name) if not prefix else item.name
        if item.is_dir():
            out += _files(item, f"{prefix}{name}/")
        elif not item.name.endswith((".pyc",)):
            out.append((f"{prefix}{name}", item))
    return out


def create(target: Path, answers: Answers, today: dt.date) -> list[str]:
    """Write the new portal into ``target`` (new or empty); the files written, relative to it."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise PortalError(f"{target} already exists and is not an empty folder; portal init never overwrites files")
    problems = check(answers)
    if problems:
        raise PortalError("; ".join(problems))
    written = []
    for rel, source in _files(resources.files("generator") / "starter"):
        text = _fill(source.read_text(encoding="utf-8"), answers, today)
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(rel)
    return written
