"""A fixture portal whose catalog text attacks the site, and a scanner for what became live.

Every free-text field of two entries and a pathway (found by walking the JSON
Schemas, so a field added later is covered too) holds a payload: script tags,
event-handler attributes, ``javascript:`` URLs, raw HTML, attribute break-outs
and Markdown links. Each payload carries a marker ``XSS<n>`` naming its field,
so a failure says which field leaked and where.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
MINI = TESTS / "fixtures" / "mini"
SCHEMAS = REPO / "generator" / "schemas"
TEMPLATE_ENTRY = TESTS / "cases" / "valid" / "rich-programme-session.yaml"

MARK = re.compile(r"XSS\d+")

SchemaPath = tuple[str, ...]


# --- which fields are free text ------------------------------------------------------------------

def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """A schema node with its ``$ref`` merged in (local refs only)."""
    if "$ref" not in node:
        return node
    target = defs[node["$ref"].rsplit("/", 1)[-1]]
    merged = {**_resolve(target, defs), **{k: v for k, v in node.items() if k != "$ref"}}
    merged["$def"] = node["$ref"].rsplit("/", 1)[-1]
    return merged


def _kind(node: dict[str, Any]) -> str:
    """'text', 'line', 'url' or '' for a string schema node."""
    if node.get("$def") in ("text", "line", "url"):
        return node["$def"]
    pattern = node.get("pattern", "")
    if node.get("enum") or node.get("format") in ("date", "date-time"):
        return ""
    if pattern.startswith("^https?://"):
        return "url"
    if pattern == r"\S":
        return "text"
    if pattern == r"^[^\n\r]*\S[^\n\r]*$":
        return "line"
    return ""


def string_fields(schema: dict[str, Any]) -> dict[SchemaPath, tuple[str, int]]:
    """Every free-text or URL field of ``schema``: path (``[]`` for list items) -> (kind, maxLength)."""
    defs = schema.get("$defs", {})
    found: dict[SchemaPath, tuple[str, int]] = {}

    def walk(node: dict[str, Any], path: SchemaPath) -> None:
        node = _resolve(node, defs)
        for key in ("oneOf", "anyOf", "allOf"):
            for alt in node.get(key, []):
                walk(alt, path)
        types = node.get("type")
        types = types if isinstance(types, list) else [types]
        if "object" in types or "properties" in node:
            for name, sub in node.get("properties", {}).items():
                walk(sub, (*path, name))
        if "array" in types:
            walk(node.get("items", {}), (*path, "[]"))
        if "string" in types:
            kind = _kind(node)
            if kind:
                found[path] = (kind, int(node.get("maxLength", 2000)))

    walk(schema, ())
    return found


# --- payloads ------------------------------------------------------------------------------------

def _pieces(n: int) -> list[str]:
    """Attack snippets for field ``n``, shortest first; each is caught if it ever goes live."""
    m = f"XSS{n}"
    return [
        f"<b id={m}>",
        f"<script>window.{m}=1;alert({n})</script>",
        f'"><i id="{m}" onmouseover="window.{m}=1">',
        f"<img src=x onerror=window.{m}=1;alert({n})>",
        f'<a href="javascript:window.{m}=1">{m}</a>',
        f"'><svg onload='window.{m}=1'>",
        f"[{m}](javascript:window.{m}=1)",
        f"<iframe src=javascript:window.{m}=1></iframe>",
        f"<style>body{{background:url({m})}}</style>",
        f"{{{{ config }}}}{{% raw %}}</div></script></textarea><form action=javascript:{m}>",
    ]


def payload(n: int, kind: str, limit: int) -> str:
    """As many attack snippets as fit in ``limit`` characters, rotated so short fields differ."""
    if kind == "url":
        return f'https://example.org/{"XSS"}{n}?a="><script>window.XSS{n}=1</script>&b=\'onmouseover=window.XSS{n}=1'[:limit]
    pieces = _pieces(n)
    start = n % len(pieces)
    text = ""
    for piece in pieces[start:] + pieces[:start]:
        sep = " " if text else ""
        if len(text) + len(sep) + len(piece) <= limit:
            text += sep + piece
    if kind == "text":
        # Blank lines and Markdown try to end the raw HTML block and be parsed as Markdown.
        extra = f"\n\n</div>\n\n# XSS{n}\n\n[XSS{n}](javascript:window.XSS{n}=1)\n\n<script>window.XSS{n}=2</script>"
        if len(text) + len(extra) <= limit:
            text += extra
    return text or f"XSS{n}"[:limit]


@dataclass
class Hostile:
    """The fixture portal and, per marker, the file and field it was put in."""

    root: Path
    fields: dict[str, str] = field(default_factory=dict)
    covered: dict[str, set[SchemaPath]] = field(default_factory=dict)

    def where(self, marker: str) -> str:
        return self.fields.get(marker, marker)


def _fill(data: Any, path: SchemaPath, spec: dict[SchemaPath, tuple[str, int]], label: str,
          hostile: Hostile, kind_key: str) -> Any:
    """``data`` with every free-text string found in ``spec`` replaced by a payload."""
    if isinstance(data, dict):
        return {k: _fill(v, (*path, k), spec, f"{label}.{k}", hostile, kind_key) for k, v in data.items()}
    if isinstance(data, list):
        return [_fill(v, (*path, "[]"), spec, f"{label}[{i}]", hostile, kind_key) for i, v in enumerate(data)]
    if isinstance(data, str) and path in spec:
        kind, limit = spec[path]
        n = len(hostile.fields) + 1
        hostile.fields[f"XSS{n}"] = label
        hostile.covered.setdefault(kind_key, set()).add(path)
        return payload(n, kind, limit)
    return data


def make_hostile_portal(dest: Path) -> Hostile:
    """Copy the mini portal plus the site's config, then add the hostile entries and pathway."""
    shutil.copytree(MINI, dest)
    for name in ("mkdocs.yml",):
        shutil.copyfile(REPO / name, dest / name)
    for folder in ("docs", "overrides"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, dest / folder)
    hostile = Hostile(dest)
    entry_spec = string_fields(json.loads((SCHEMAS / "entry.schema.json").read_text(encoding="utf-8")))
    pathway_spec = string_fields(json.loads((SCHEMAS / "pathway.schema.json").read_text(encoding="utf-8")))

    rich = yaml.safe_load(TEMPLATE_ENTRY.read_text(encoding="utf-8"))
    first = {**rich, "id": "hostile-entry", "aliases": []}
    first.pop("aliases")
    # The second entry uses the other forms (a provider given as plain text).
    second = {**first, "id": "hostile-entry-two", "provider": "Plain provider name",
              "prerequisites": ["hostile-entry"], "companions": []}
    for entry in (first, second):
        filled = _fill(entry, (), entry_spec, entry["id"], hostile, "entry")
        _write(dest / "catalog" / f"{entry['id']}.yaml", filled)

    pathway = {
        "id": "hostile-pathway", "title": "t", "summary": "s", "tier": 2, "for": "f", "curator": "c",
        "professions": ["registered-nurse"], "review_by": "2027-06-30",
        "steps": [{"entry": "mini-basics", "reason": "r1"},
                  {"entry": "hostile-entry", "reason": "r2", "modules": ["m1", "m2"]},
                  {"entry": "hostile-entry-two", "reason": "r3", "optional": True}],
    }
    _write(dest / "catalog" / "pathways" / "hostile-pathway.yaml",
           _fill(pathway, (), pathway_spec, "hostile-pathway", hostile, "pathway"))
    hostile.covered["entry-schema"] = set(entry_spec)
    hostile.covered["pathway-schema"] = set(pathway_spec)
    return hostile


def _write(path: Path, data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000, default_style=None)
    path.write_text(text, encoding="utf-8")


# --- what became live ----------------------------------------------------------------------------

# Attributes whose value the browser acts on: a marker in one of them means an injection took hold.
_ACTIVE = {"href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster", "background",
           "style", "id", "name", "for", "form", "class", "http-equiv"}
_DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data"}
_JSON_TYPES = {"application/json", "application/ld+json"}


def _search_link(value: str) -> bool:
    """A relative link to the catalog search whose query alone holds text, percent-encoded throughout."""
    path, sep, query = value.partition("?q=")
    return bool(sep) and not MARK.search(path) and "://" not in path and re.fullmatch(r"[A-Za-z0-9%._~-]*", query) is not None


@dataclass
class Finding:
    page: str
    what: str


class _Scanner(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.findings: list[Finding] = []
        self._script: str | None = None  # type of the open <script>, if any
        self._style = False

    def _add(self, what: str) -> None:
        self.findings.append(Finding(self.page, what))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self._add(f"<{tag}> has an event-handler attribute {name}={value!r}")
            if name in _URL_ATTRS and value.strip().lower().startswith(("https://", "http://")):
                pass  # a hostile but http(s) URL, escaped into the attribute: harmless
            elif name == "href" and _search_link(value):
                pass  # a topic tag: the text is only the percent-encoded query of a link to the catalog search
            elif name in _ACTIVE and MARK.search(value) or MARK.search(name):
                self._add(f"<{tag}> carries injected text in its {name!r} attribute: {value[:80]!r}")
            squashed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name in _URL_ATTRS and squashed.startswith(_DANGEROUS_SCHEMES):
                self._add(f"<{tag} {name}={value[:80]!r}> uses a script URL")
        if tag in ("iframe", "object", "embed", "base", "frame") and any(MARK.search(v) for v in values.values()):
            self._add(f"injected <{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self._add("a <meta http-equiv=refresh>")
        if tag == "script":
            kind = values.get("type", "").lower()
            if "src" in values:
                if re.match(r"^([a-z][a-z0-9+.-]*:)?//", values["src"], re.I):
                    self._add(f"a script from another site: {values['src']}")
                self._script = "external"
            elif kind in _JSON_TYPES:
                self._script = kind
            else:
                self._script = "inline"
                self._add(f"an inline executable <script{' type=' + kind if kind else ''}>")
        if tag == "style":
            self._style = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
        if tag == "style":
            self._style = False

    def handle_data(self, data: str) -> None:
        if self._style and MARK.search(data):
            self._add("injected text inside a <style> element")
        if self._script in _JSON_TYPES:
            try:
                json.loads(data)
            except ValueError as exc:
                self._add(f"a {self._script} block that is not valid JSON (broken out of?): {exc}")


def scan(page: str, text: str) -> list[Finding]:
    """Everything in one HTML page that would let catalog text run or act."""
    scanner = _Scanner(page)
    scanner.feed(text)
    scanner.close()
    return scanner.findings


def pages_with_markers(site: Path) -> Iterator[tuple[str, str]]:
    """(relative path, HTML) of every built page that shows hostile text."""
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if MARK.search(html.unescape(text)):
            yield path.relative_to(site).as_posix(), text
