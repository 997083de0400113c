"""Check documents against their JSON Schema and word each failure for a curator."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from functools import cache, partial
from typing import Any

import fastjsonschema
from fastjsonschema.draft04 import CodeGeneratorDraft04
from fastjsonschema.draft07 import CodeGeneratorDraft07
from fastjsonschema.ref_resolver import RefResolver
from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError, best_match

from .. import schemas
from ..errors import Problem
from ..load.project import Document, Kind
from .hints import closest, did_you_mean

_TYPE_WORDS = {
    "string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
    "array": "a list", "object": "a mapping of fields", "null": "empty",
}

# Words for the patterns our schemas use, keyed by the pattern's $defs name.
_PATTERN_WORDS = {
    "slug": "must be an id of lowercase letters, digits and single hyphens, such as 'care-home-basics'",
    "url": "must be a full http:// or https:// address; other schemes (javascript:, data:, file:, mailto:) are not allowed",
    "line": "must be one line of text, not empty",
    "text": "must not be empty",
    "length": "must be a length such as 45m, 1h30m, 8h, 2d, 6w or an ISO 8601 duration like PT8H",
    "study_time": "must be a study time in hours and minutes, such as 30m, 2h or 1h30m",
    "datetime": "must be a year (2027), a month (2027-09), a day (2027-09-14) or a day and local time such as "
                "2027-09-14T12:30 (put the zone in 'timezone')",
    "partial_date": "must be a year (2027), a month (2027-09) or a day (2027-09-14)",
    "country": "must be an ISO 3166 code such as GB, GB-WLS or CA-ON, or a UN M49 area code such as 150 (Europe)",
    "fields": "must be a field name such as duration or cost",
    "language": "must be a BCP 47 language tag such as en, fr or pt-BR",
}

# What curators write for "not known": for a length, leaving the field out says that.
_NOT_STATED = {"none", "unknown", "n/a", "na", "not stated", "?", "-", "tbc", "varies"}

# A date and time followed by a UTC offset ('Z', '+05:00'); group 1 is the local time to the minute.
_OFFSET = re.compile(r"^(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2})(?::\d{2}(?:\.\d*)?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)\Z")


def _is_whole_number(checker: Any, instance: Any) -> bool:
    # JSON Schema counts 2.0 as an integer, but a tier written 2.0 stays the float 2.0
    # in the data and links to /tiers/2.0/: an integer field takes a number without a point.
    return isinstance(instance, int) and not isinstance(instance, bool)


def _over_length(instance: Any, schema: dict[str, Any]) -> bool:
    """Whether ``instance`` is text longer than its schema allows, which earns the length error alone."""
    limit = schema.get("maxLength")
    return isinstance(instance, str) and isinstance(limit, int) and len(instance) > limit


def _ecma_pattern_keyword(validator: Any, pattern: str, instance: Any,
                          schema: dict[str, Any]) -> Iterator[ValidationError]:
    """The ``pattern`` keyword with ECMA-262's meaning of ``$``, as the published schemas intend."""
    if _over_length(instance, schema):
        return  # a 250 KB title is told its length, not also its form
    if validator.is_type(instance, "string") and not ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _format_keyword(validator: Any, fmt: str, instance: Any,
                    schema: dict[str, Any]) -> Iterator[ValidationError]:
    """The ``format`` keyword, skipped for text already over its length limit."""
    if not _over_length(instance, schema):
        yield from _FORMAT(validator, fmt, instance, schema)


_FORMAT = Draft202012Validator.VALIDATORS["format"]


def _unique_items_keyword(validator: Any, unique: bool, instance: Any,
                          schema: dict[str, Any]) -> Iterator[ValidationError]:
    """``uniqueItems`` in time linear in the list's length.

    jsonschema compares every pair once a list mixes kinds of value (numbers
    and text cannot be sorted together): a 256 KB file listing 40,000 of them
    took minutes. Each item is turned into a hashable key with JSON Schema's
    equality instead (1 equals 1.0, true does not equal 1).
    """
    if not (unique and validator.is_type(instance, "array")):
        return
    seen: set[Any] = set()
    for item in instance:
        key = _json_key(item)
        if key in seen:
            yield ValidationError(f"{instance!r} has non-unique elements")
            return
        seen.add(key)


def _json_key(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return ("literal", value)
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, str):
        return ("text", value)
    if isinstance(value, dict):
        return ("object", frozenset((k, _json_key(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("array", tuple(_json_key(v) for v in value))
    return ("other", repr(value))


# Draft 2020-12 as the catalog reads it: whole numbers only where an integer is expected,
# and patterns as JSON Schema (ECMA-262) reads them, so that editors using the published
# schemas and this validator agree.
_CatalogValidator = validators.extend(
    Draft202012Validator,
    validators={"pattern": _ecma_pattern_keyword, "format": _format_keyword, "uniqueItems": _unique_items_keyword},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_whole_number),
)


@cache
def validator(kind: Kind) -> Draft202012Validator:
    """The compiled validator for ``kind``; built once per process."""
    schema = schemas.load(kind.value)
    Draft202012Validator.check_schema(schema)
    return _CatalogValidator(inline_refs(schema), format_checker=FormatChecker())


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every local ``$ref`` replaced by what it points to.

    Resolving references dominated validation time (about half of it for a
    10,000-entry catalog). Our schemas are not recursive, so inlining is exact.
    """
    defs = schema.get("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(n) for n in node]
        if not isinstance(node, dict):
            return node
        out = {k: walk(v) for k, v in node.items() if k != "$defs"}
        ref = out.pop("$ref", None)
        if ref is None:
            return out
        target = walk(defs[ref.removeprefix("#/$defs/")])
        if set(target) & set(out):
            return {"allOf": [target, out]}  # keep both constraints when keywords overlap
        return {**target, **out}

    return walk(schema)


@cache
def screen(kind: Kind) -> Callable[[Any], Any]:
    """A fast yes/no check of ``kind``'s schema, compiled to Python code.

    Walking the schema with jsonschema was about two thirds of validation time,
    yet nearly every file in a pull request is valid. The screen passes a
    document only when jsonschema would too (it is at least as strict: the same
    keywords, the same format checks, never filling in defaults); anything it
    rejects goes to jsonschema, which finds and words every error, or finds none.
    """
    schema = _compiler_patterns(inline_refs(schemas.load(kind.value)))
    # Our schemas use no keyword that differs between Draft 7 and Draft 2020-12
    # (tests/test_validate_screen.py holds them to that); the compiler knows Draft 7.
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    checker = FormatChecker()
    formats = {name: partial(_conforms, checker, name) for name in ("date", "uri", "date-time", "email")}
    return _compile_screen(schema, formats)


class _WholeNumbersDraft07(CodeGeneratorDraft07):
    """Draft 7 code, but 'integer' means a number written without a point, as in Draft 4.

    Since Draft 6 a float such as 2.0 counts as an integer; the validator refuses
    it (``_is_whole_number``), and the screen must never be looser than the validator.
    """

    generate_type = CodeGeneratorDraft04.generate_type

    def exc(self, msg: str, *args: Any, append_to_msg: str | None = None, rule: str | None = None) -> None:
        """A bare refusal. The compiler's own writes the failing part of the schema into the code at every
        check, which made the code several times larger and compiling it a fifth of validation time; the
        screen only has to say no, and jsonschema then words every error."""
        self.l('raise JsonSchemaValueException("refused by the screen")')


def _compile_screen(schema: dict[str, Any], formats: dict[str, Callable[[Any], bool]]) -> Callable[[Any], Any]:
    """``fastjsonschema.compile`` with the generator above; the library offers no hook for types."""
    resolver = RefResolver.from_schema(schema, handlers={}, store={})
    generator = _WholeNumbersDraft07(schema, resolver=resolver, formats=formats, use_default=False,
                                     use_formats=True)
    state = generator.global_state
    exec(generator.func_code, state)  # code generated from our own schema, as compile() does
    return partial(state[resolver.get_scope_name()], custom_formats=formats)


def _compiler_patterns(node: Any) -> Any:
    """``node`` with each pattern spelt so that the compiler keeps its ECMA-262 meaning.

    The compiler turns every unescaped ``$`` into ``\\Z`` (end of text only),
    which is right outside a character class but breaks ``$`` inside one.
    Each pattern is first spelt in Python with ECMA-262's meaning
    (``ecma_pattern``), then its remaining dollars are respelt.
    """
    if isinstance(node, list):
        return [_compiler_patterns(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _compiler_patterns(v) for k, v in node.items()}
    if isinstance(node.get("pattern"), str):
        out["pattern"] = _respell_dollars(ecma_pattern(node["pattern"]))
    return out


# Patterns whose literal spelling backtracks in time that grows with the square of the
# value's length (a 250 KB title ending in a line break took minutes), each with a
# spelling that matches exactly the same texts in linear time. "One line with a
# non-space character": look ahead for the character, then take the line.
_LINEAR = {
    "^[^\\n\\r]*\\S[^\\n\\r]*$": "^(?=[^\\n\\r]*\\S)[^\\n\\r]*$",
}


def ecma_pattern(pattern: str) -> str:
    """``pattern`` spelt so that Python reads ``$`` as ECMA-262 (JSON Schema) does.

    Outside a character class, ECMA-262's ``$`` (without the multiline flag) is
    the end of the text, ``\\Z``; Python's also matches before a final line
    break, so 'https://example.org/x' followed by a line break would pass.
    Patterns known to backtrack badly are first replaced by a linear equivalent.
    """
    return _dollars(_LINEAR.get(pattern, pattern), outside="\\Z", inside="$")


@cache
def ecma_regex(pattern: str) -> re.Pattern[str]:
    """The compiled form of a schema pattern, with ECMA-262's meaning of ``$``."""
    return re.compile(ecma_pattern(pattern))


def _respell_dollars(pattern: str) -> str:
    """``pattern`` with the same meaning in Python and no unescaped ``$`` for the compiler to rewrite.

    Python's ``$`` (without MULTILINE) is ``(?=\\n?\\Z)``; inside a class it
    is a plain dollar, ``\\$``.
    """
    return _dollars(pattern, outside="(?=\\n?\\Z)", inside="\\$")


def _dollars(pattern: str, *, outside: str, inside: str) -> str:
    """``pattern`` with each unescaped ``$`` replaced: by ``outside`` outside a character class, else ``inside``."""
    out = []
    escaped = in_class = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "$":
            out.append(inside if in_class else outside)
        else:
            # A ']' right after '[' or '[^' is literal, but none of our patterns has one.
            in_class = (in_class and ch != "]") or (not in_class and ch == "[")
            out.append(ch)
    return "".join(out)


def _conforms(checker: FormatChecker, name: str, value: Any) -> bool:
    return checker.conforms(value, name)


def schema_problems(doc: Document) -> list[Problem]:
    """Every schema failure in ``doc``, one problem each, located at the offending value."""
    try:
        screen(doc.kind)(doc.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass  # jsonschema finds every error, in the detail a curator needs
    problems: list[Problem] = []
    for error in validator(doc.kind).iter_errors(doc.data):
        problems.extend(_explain(doc, error))
    return problems


def field_name(path: tuple[str | int, ...] | list[str | int]) -> str:
    """``runs[0].start`` from ``("runs", 0, "start")``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _describe(value: Any) -> str:
    if value is None:
        return "null"  # YAML's word: an empty value, '~' or 'null'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, (dict, list)):
        return _TYPE_WORDS["object" if isinstance(value, dict) else "array"]
    return repr(value)


def _explain(doc: Document, error: ValidationError) -> list[Problem]:
    path = tuple(error.absolute_path)
    name = field_name(path)
    v, value, schema = error.validator, error.instance, error.schema
    if v == "required":
        missing = [k for k in error.validator_value if k not in value]
        if schema.get("additionalProperties") is False:
            # A misspelt field ('competences') is already reported as unknown, with a
            # 'did you mean' naming the missing one; saying it is missing too is noise.
            known = list(schema.get("properties", {}))
            typos = {closest(k, known) for k in value if k not in known}
            missing = [k for k in missing if k not in typos]
        return [doc.at(path, f"missing required field '{k}'"
                       + (f" in {name}" if path else ""), code="required") for k in missing]
    if v == "additionalProperties":
        known = list(schema.get("properties", {}))
        extras = [k for k in value if k not in known]
        return [doc.at((*path, k), f"unknown field '{k}'{' in ' + name if path else ''}{did_you_mean(k, known)}",
                       key=True, code="unknown-field") for k in extras]
    if v in ("oneOf", "anyOf"):
        return _explain_choice(doc, error)
    written = doc.positions.written.get(path)
    return [doc.at(path, _message(name, v, value, schema, error, written), code=v)]


def _explain_choice(doc: Document, error: ValidationError) -> list[Problem]:
    """For 'a name or a list' style choices, explain the branch the curator was aiming at."""
    path = tuple(error.absolute_path)
    # A branch refused for its type or constant ('none') is not the one aimed at.
    aimed = [e for e in error.context
             if not (e.validator in ("type", "const") and len(e.relative_schema_path) <= 3)]
    aimed = [e for e in aimed if e.validator != "$ref"] or aimed
    if aimed:
        return _explain(doc, best_match(aimed))
    kinds = []
    for branch in error.validator_value:
        t = branch.get("type") or _ref_type(branch)
        if t:
            kinds.append(_TYPE_WORDS.get(t, t))
    expected = " or ".join(dict.fromkeys(kinds)) or "another form"
    written = doc.positions.written.get(path)
    if "text" in kinds and written is not None:
        text_branch = next((b for b in error.validator_value if b.get("type") == "string"), {})
        message = _read_as_number(field_name(path), expected, written, error.instance, text_branch.get("pattern"))
        return [doc.at(path, message, code="type")]
    return [doc.at(path, f"{field_name(path)} should be {expected}, not {_describe(error.instance)}", code="type")]


def _read_as_number(name: str, words: str, written: str, value: Any, pattern: str | None) -> str:
    """Where text belongs, say that YAML read ``written`` as the number ``value``, and what to write instead."""
    read = "a number" if written == repr(value) else f"the number {value!r}"
    form = _PATTERN_WORDS.get(_pattern_kind(pattern) or "") if pattern else None
    if form and not ecma_regex(pattern).search(written):
        # Quoting it would not be enough ('1:30' is no length either): say what the field takes.
        if written == repr(value):
            return f"{name} is the number {written}: {form}"
        return f"{name} is {written}, which YAML reads as {read}: {form}"
    return f'{name} should be {words}; write "{written}" in quotes (unquoted, YAML reads it as {read})'


def _not_finite(text: str) -> bool:
    """Whether ``text`` is YAML's or Python's spelling of a number that is not finite (.nan, .inf, 1e400)."""
    if text.strip().lstrip("+-").lower() in (".nan", ".inf"):
        return True
    try:
        return not math.isfinite(float(text))
    except ValueError:
        return False


def _ref_type(branch: dict[str, Any]) -> str | None:
    ref = branch.get("$ref", "")
    if ref.endswith(("/slug", "/line", "/text", "/length", "/url")):
        return "string"
    return None


def _def_name(error: ValidationError) -> str | None:
    for part in reversed(list(error.schema_path)[:-1]):
        if isinstance(part, str) and part in _PATTERN_WORDS:
            return part
    return _pattern_kind(error.schema.get("pattern", ""))


def _pattern_kind(pattern: str) -> str | None:
    """The $defs name of one of our patterns, which keys its words in ``_PATTERN_WORDS``."""
    if pattern.startswith("^[a-z]{2,3}"):
        return "language"
    for kind in ("entry", "pathway"):
        for key, defn in schemas.load(kind)["$defs"].items():
            branches = [defn, *defn.get("anyOf", ())]  # a date may also be a bare year, written as a number
            if any(b.get("pattern") == pattern for b in branches) and key in _PATTERN_WORDS:
                return key
    return None


def _message(name: str, v: str, value: Any, schema: dict[str, Any], error: ValidationError,
             written: str | None = None) -> str:
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    # Quote a number as the curator wrote it ('2.0', '010'), not as Python prints it.
    shown = written if written is not None and number else _describe(value)
    if v == "type":
        expected = schema["type"]
        expected = expected if isinstance(expected, list) else [expected]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        if isinstance(value, float) and "integer" in expected and "number" not in expected:
            whole = int(value) if math.isfinite(value) else 2
            return f"{name} is {shown}: must be a whole number such as {whole}, without a decimal point"
        if isinstance(value, str) and {"number", "integer"} & set(expected) and _not_finite(value):
            return f"{name} is {value.strip()}: must be a finite number"
        if number and "string" in expected and written is not None:
            return _read_as_number(name, words, written, value, schema.get("pattern"))
        hint = ""
        if isinstance(value, bool) and "string" in expected:
            hint = " (YAML reads yes/no/on/off as true/false: put the text in quotes)"
        elif isinstance(value, str) and "array" in expected:
            hint = f" (write it as a list: [{value}])"
        elif value is None:
            return f"{name} is empty (null); give a value or leave the field out"
        return f"{name} should be {words}, not {shown}{hint}"
    if v == "enum" and value is None:
        options = ", ".join(str(o) for o in schema["enum"] if o is not None)
        return f"{name} is empty (null); give one of: {options}, or leave the field out"
    if v == "enum":
        options = [str(o) for o in schema["enum"]]
        return f"{name} is {shown}; expected one of: {', '.join(options)}{did_you_mean(str(value), options)}"
    if v == "const":
        return f"{name} must be {schema['const']!r}"
    if v == "pattern":
        if value == "":
            return f"{name} is empty"  # the same words as minLength, so the two merge into one problem
        kind = _def_name(error)
        words = _PATTERN_WORDS.get(kind or "", f"does not match the expected form ({schema['pattern']})")
        offset = _OFFSET.match(value) if kind == "datetime" else None
        if offset:
            words = (f"must be the local time without a UTC offset, such as {offset[1].replace('t', 'T')}; "
                     "the zone goes in 'timezone'")
        elif value.endswith("\n") and ecma_regex(schema["pattern"]).search(value.rstrip("\r\n")):
            # Only the final line break is wrong, which a block scalar ('|' or '>') keeps.
            words += ("; it ends with a line break: write it on one line, or end the block with "
                      "'|-' or '>-' instead of '|' or '>'")
        elif kind == "url" and value.startswith(("http://", "https://")) and any(ch.isspace() for ch in value):
            # The scheme is right; say what is actually wrong with it.
            words = "must be a full address without spaces or line breaks; write a space as %20"
        if kind == "length" and value.strip().lower() in _NOT_STATED:
            words = ("not a length; leave the field out when the source does not say how long it takes "
                     f"(otherwise it {words})")
        if kind == "slug" and value.lower() != value:
            words += f"; did you mean '{value.lower()}'?"
        return f"{name} is {shown}: {words}"
    if v == "format":
        fmt = schema["format"]
        if fmt == "date":
            return f"{name} is {shown}: not a real date in the form YYYY-MM-DD"
        if fmt == "uri":
            return f"{name} is {shown}: {_PATTERN_WORDS['url']}"
        return f"{name} is {shown}: not a valid {fmt}"
    if v == "minItems":
        n = schema["minItems"]
        return f"{name} needs at least {n} item{'s' if n != 1 else ''}"
    if v == "maxItems":
        return f"{name} has {len(value)} items; at most {schema['maxItems']} are allowed"
    if v == "uniqueItems":
        seen: set[str] = set()
        dupes = []
        for item in value:
            key = repr(item)
            if key in seen:
                dupes.append(_describe(item))
            seen.add(key)
        return f"{name} lists {', '.join(dupes) or 'an item'} more than once"
    if v in ("minimum", "exclusiveMinimum"):
        bound = schema[v]
        return f"{name} is {shown}; it must be {'at least' if v == 'minimum' else 'more than'} {bound}"
    if v in ("maximum", "exclusiveMaximum"):
        bound = schema[v]
        if name.startswith("tiers") or name == "tier":
            return f"{name} is {shown}; tiers are 1, 2 or 3"
        return f"{name} is {shown}; it must be {'at most' if v == 'maximum' else 'less than'} {bound}"
    if v == "minLength":
        return f"{name} is empty"
    if v == "maxLength":
        return f"{name} is {len(value)} characters long; the limit is {schema['maxLength']}"
    if v == "minProperties" and isinstance(value, dict) and "extends" in value and len(value) == 1:
        fields = [k for k in schema.get("properties", {}) if k != "extends"]
        return f"{name} only says what it extends; add {' or '.join(fields)}"
    if v == "minProperties":
        return f"{name} is an empty mapping; give at least one field"
    return f"{name}: {error.message}"
