"""Broken and hostile catalogs: each case is a set of files written over the mini portal.

Large or binary cases are generated here rather than committed. Each case
names the file the error must be reported in and, where it is certain, the
line; ``portal validate`` and ``portal build`` must both reject the catalog
with that located error and no traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
BASICS = (MINI / "catalog" / "mini-basics.yaml").read_bytes()
ROUTE = (MINI / "catalog" / "pathways" / "mini-route.yaml").read_bytes()


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, bytes]  # project-relative path -> content (replaces a file of the same name)
    path: str  # where the error must be reported
    line: int | None = None  # its line, when the case pins it down; 0 for the whole file (empty, too large)


def _entry(name: str, body: bytes) -> dict[str, bytes]:
    return {f"catalog/{name}.yaml": body}


def _billion_laughs(levels: int = 9, width: int = 10) -> bytes:
    lines = [b'a0: &a0 "lol"']
    for i in range(1, levels + 1):
        refs = ", ".join(f"*a{i - 1}" for _ in range(width)).encode()
        lines.append(f"a{i}: &a{i} [".encode() + refs + b"]")
    return b"\n".join(lines) + b"\n"


def _huge(size: int) -> bytes:
    # Valid YAML all the way: only its size is wrong.
    line = b"  - " + b"x" * 96 + b"\n"
    return b"id: huge\nkeywords:\n" + line * (size // len(line))


CASES = [
    Case("syntax-error", _entry("broken", b'id: broken\ntitle: "never closed\nsummary: x\n'), "catalog/broken.yaml"),
    Case("unclosed-flow", _entry("broken", b"id: broken\ntiers: [1, 2\nsummary: x\n"), "catalog/broken.yaml"),
    Case("tab-indentation", _entry("broken", b"id: broken\nprovider:\n\t- name: x\n"), "catalog/broken.yaml", 3),
    Case("bad-indentation", _entry("broken", b"id: broken\n  title: x\n summary: y\n"), "catalog/broken.yaml"),
    Case("alias-bomb", _entry("bomb", _billion_laughs()), "catalog/bomb.yaml"),
    Case("alias-bomb-in-vocabularies", {"competencies/vocabularies.yaml": _billion_laughs()},
         "competencies/vocabularies.yaml"),
    Case("alias-bomb-in-pathway", {"catalog/pathways/bomb.yaml": _billion_laughs()}, "catalog/pathways/bomb.yaml"),
    Case("huge-file", _entry("huge", _huge(3 * 1024 * 1024)), "catalog/huge.yaml", 0),
    Case("huge-value", _entry("mini-basics", BASICS.replace(b"summary: >\n", b"summary: " + b"y" * 200_000 + b"\nx_: >\n")),
         "catalog/mini-basics.yaml"),
    Case("deep-nesting", _entry("deep", b"id: deep\nsummary: " + b"[" * 5000 + b"]" * 5000 + b"\n"), "catalog/deep.yaml", 2),
    Case("deep-mapping", _entry("deep", b"id: deep\n" + b"".join(b" " * i + b"k:\n" for i in range(200))),
         "catalog/deep.yaml"),
    Case("latin-1", _entry("mini-basics", BASICS.replace(b"Basics of end", b"Basics of caf\xe9 end")),
         "catalog/mini-basics.yaml", 3),
    Case("utf-16", _entry("mini-basics", "\ufeff".encode("utf-16-le") + BASICS.decode().encode("utf-16-le")),
         "catalog/mini-basics.yaml", 1),
    Case("binary-garbage", _entry("garbage", bytes(range(256)) * 8), "catalog/garbage.yaml", 2),
    Case("nul-byte", _entry("mini-basics", BASICS.replace(b"kindness", b"kind\x00ness")), "catalog/mini-basics.yaml"),
    Case("empty-file", _entry("empty", b""), "catalog/empty.yaml", 0),
    Case("duplicate-key", _entry("mini-basics", BASICS + b"title: A second title\n"), "catalog/mini-basics.yaml",
         BASICS.count(b"\n") + 1),
    Case("duplicate-entry-id", {"catalog/mini-basics.yml": BASICS}, "catalog/mini-basics.yml", 1),
    Case("duplicate-pathway-id", {"catalog/pathways/mini-route.yml": ROUTE}, "catalog/pathways/mini-route.yml", 1),
    Case("python-tag", _entry("evil", b"id: evil\ntitle: !!python/object/apply:os.system ['touch /tmp/pwned']\n"),
         "catalog/evil.yaml", 2),
    Case("broken-framework", {"competencies/framework.yaml": b"id: fw\ntitle: [\n"}, "competencies/framework.yaml"),
    Case("not-a-mapping", _entry("list", b"- id: list\n- title: x\n"), "catalog/list.yaml", 1),
]
