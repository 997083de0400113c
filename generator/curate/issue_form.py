"""Turn a "Propose a course or resource" issue into a catalog entry, or into located errors.

GitHub renders a submitted issue form as Markdown: one ``### Label`` heading
per field, then the answer (``_No response_`` when left empty; dropdowns with
several choices as ``a, b``; checkboxes as ``- [X] label``). The form file
itself (.github/ISSUE_TEMPLATE/propose-entry.yml) says which label belongs to
which field id, and the ids are entry field names, so the two cannot drift.

The issue body is untrusted input: it is only ever parsed as text here and
written as YAML through :mod:`generator.curate.yamltext`, never run.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import PortalError, Problem
from ..settings import Settings
from . import scaffold

NO_RESPONSE = "_No response_"
MAX_BODY = 65536
LIST_FIELDS = {"competencies", "professions", "settings", "languages", "countries"}
# Entry fields the form may fill in; any other field id is a note for the reviewer.
ENTRY_KEYS = {"id", "title", "url", "provider", "summary", "type", "tiers", "competencies", "professions",
              "settings", "cost", "duration", "languages", "countries"}


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    type: str
    required: bool


@dataclass
class Outcome:
    """What the workflow needs: the file written (if any), and text for the issue and the pull request."""

    path: str = ""
    entry_id: str = ""
    errors: list[str] = field(default_factory=list)
    comment: str = ""
    pr_body: str = ""


def read_form(path: Path) -> list[FormField]:
    """The fields of an issue form, in order (markdown blocks have no answer and are skipped)."""
    try:
        form = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PortalError(f"cannot read the issue form {path}: {exc}") from None
    out = []
    for item in form.get("body", []) if isinstance(form, dict) else []:
        if not isinstance(item, dict) or item.get("type") == "markdown" or "id" not in item:
            continue
        label = str(item.get("attributes", {}).get("label", "")).strip()
        required = bool((item.get("validations") or {}).get("required", False))
        out.append(FormField(str(item["id"]), label, str(item.get("type", "")), required))
    return out


def parse_body(body: str, form: list[FormField]) -> tuple[dict[str, str], list[str]]:
    """The answer to each field, by field id, and errors for required answers that are missing."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_BODY:
        return {}, [f"The issue is {len(text):,} characters long, more than the {MAX_BODY:,} a proposal may have."]
    by_label = {f.label.casefold(): f for f in form}
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.split("\n"):
        heading = re.match(r"^###\s+(.+?)\s*$", line)
        if heading and heading[1].casefold() in by_label:
            current = by_label[heading[1].casefold()].id
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    values: dict[str, str] = {}
    errors: list[str] = []
    for f in form:
        raw = "\n".join(sections.get(f.id, [])).strip()
        if raw == NO_RESPONSE:
            raw = ""
        if f.type == "checkboxes":
            raw = "\n".join(m[1] for m in re.finditer(r"^\s*-\s*\[[xX]\]\s*(.+)$", raw, re.M))
        values[f.id] = raw
        if f.required and not raw:
            if f.id not in sections:
                errors.append(f"**{f.label}**: this section is missing from the issue. Please use the "
                              "“Propose a course or resource” form, and keep its headings.")
            else:
                errors.append(f"**{f.label}**: this answer is required.")
    return values, errors


def slugify(text: str, limit: int = 60) -> str:
    """A permanent id made from a title: ascii, lower case, words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    slug = ""
    for w in words:
        candidate = f"{slug}-{w}" if slug else w
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "proposal"


def _code(value: str, limit: int = 200) -> str:
    """Echo submitted text as one inline code span, the only Markdown GitHub leaves entirely inert.

    Inside a code span GitHub makes no @mention, #reference, link, autolink, image,
    emphasis or HTML. Whitespace (newlines too) collapses to single spaces, so the
    value cannot start a new block, and the fence is one backtick longer than any
    run of backticks in the value, so backticks show as typed and cannot close it.
    Control and format characters (bidi overrides, zero-width spaces) are dropped:
    they could make the echo read differently from what was submitted.
    """
    text = " ".join("".join(ch for ch in value if ch.isprintable() or ch.isspace()).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if not text:
        return "(nothing)"
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    # A span that starts or ends with a backtick needs a space inside each fence; CommonMark strips one of each.
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _split(value: str) -> list[str]:
    return [v.strip().strip("`") for v in re.split(r"[,\n;]", value) if v.strip().strip("`").strip()]


def to_entry(values: dict[str, str], form: list[FormField]) -> tuple[dict[str, Any], list[str]]:
    """Entry values (as ``portal new`` takes them) from the answers, and errors located by field label."""
    label = {f.id: f.label for f in form}
    errors: list[str] = []
    out: dict[str, Any] = {}
    for key in ENTRY_KEYS & set(values):
        raw = values[key].strip()
        if not raw:
            continue
        if key == "tiers":
            # Any tier the schema allows (1-5); the validator then checks them against the portal's framework.
            tiers = sorted({int(m) for m in re.findall(r"(?i)\btier\s*([1-5])\b", raw)} |
                           {int(m) for m in re.findall(r"^\s*([1-5])\s*$", raw, re.M)})
            if not tiers:
                errors.append(f"**{label[key]}**: choose at least one tier (got {_code(raw)}).")
            out[key] = tiers
        elif key in LIST_FIELDS:
            out[key] = _split(raw)
        elif key == "summary":
            out[key] = " ".join(raw.split())  # one paragraph, as catalog summaries are; written folded
        elif key in ("title", "provider", "url", "id", "type", "cost", "duration"):
            if "\n" in raw:
                errors.append(f"**{label[key]}**: write this on one line.")
            out[key] = " ".join(raw.split())
        else:
            out[key] = raw
    if "url" in out and not re.match(r"^https?://\S+$", out["url"]):
        errors.append(f"**{label.get('url', 'url')}**: give the full web address, starting with https:// "
                      f"(got {_code(out['url'])}).")
    if "id" in out and not scaffold.SLUG.match(out["id"]):
        errors.append(f"**{label.get('id', 'id')}**: use lower-case letters, digits and single hyphens only, "
                      f"e.g. {_code(slugify(out['id']))} (got {_code(out['id'])}).")
    return out, errors


def _comment_errors(errors: list[str]) -> str:
    return ("Thank you for the proposal. It could not be turned into a catalog entry yet; "
            "please **edit the issue** to fix the following, and it will be checked again:\n\n"
            + "".join(f"- {e}\n" for e in errors)
            + "\nIf something is unclear, add a comment and a curator will help.\n")


def _pr_body(values: dict[str, str], form: list[FormField], rel: str, issue: str) -> str:
    notes = [f for f in form if f.id not in ENTRY_KEYS and values.get(f.id)]
    lines = [f"Proposed through an issue form{f' ({issue})' if issue else ''}: adds `{rel}`.", "",
             "Reviewers: check every fact against the provider's own page, then complete the optional fields "
             "(formats, duration, credits, sources) before merging.", ""]
    for f in notes:
        # A code block: the submitter's words cannot mention people, add links or break out of it.
        text = values[f.id].replace("~~~", "~ ~ ~")
        lines += [f"**{f.label}**", "", "~~~text", text, "~~~", ""]
    return "\n".join(lines)


def propose(settings: Settings, body: str, form_path: Path, *, today: dt.date, issue: str = "") -> Outcome:
    """Write catalog/ID.yaml from an issue body if it makes a valid entry; otherwise explain why not."""
    form = read_form(form_path)
    values, errors = parse_body(body, form)
    data_in, more = to_entry(values, form)
    errors += more
    label = {f.id: f.label for f in form}
    # The catalog's ids start with the provider, e.g. example-college-first-steps.
    item_id = data_in.pop("id", "") or slugify(f"{data_in.get('provider', '')} {data_in.get('title', '')}")
    path = scaffold.target(settings, "entry", item_id)
    if not errors and path.exists():
        where = label.get("id", "Suggested id")
        errors.append(f"**{where}**: an entry with the id {_code(item_id)} is already in the catalog. If this is the same "
                      f"course, say what should change in a comment instead; if it is a different one, give it "
                      f"another id under “{where}”.")
    if errors:
        return Outcome(entry_id=item_id, errors=errors, comment=_comment_errors(errors))
    data = scaffold.build_data("entry", item_id, data_in, [], today)

    def locate(problem: Problem, text: str) -> str:
        # Validator messages quote the submitted values, so the whole message is echoed as code.
        key = scaffold.key_at(text, problem.line)
        return f"**{label.get(key, key or 'Entry')}**: {_code(problem.message, 400)}"

    hdr = scaffold.header(settings, "entry", path)
    hdr[2] = f"Proposed through an issue form{f' ({issue})' if issue else ''}: a curator checks every fact before merging."
    errors, _warnings = scaffold.create(settings, "entry", item_id, data, hdr, path, locate)
    if errors:
        return Outcome(entry_id=item_id, errors=errors, comment=_comment_errors(errors))
    rel = settings.relative(path)
    comment = (f"Thank you! The proposal is a valid catalog entry ({_code(rel)}). A pull request with it is being "
               "opened; a curator will check the facts and may ask you questions there.\n")
    return Outcome(path=rel, entry_id=item_id, comment=comment, pr_body=_pr_body(values, form, rel, issue))
