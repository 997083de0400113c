"""A seeded synthetic catalog of any size, for benchmarks.

``synth_project(dest, n, seed)`` writes a complete portal project: ``catalog/``
with ``n`` valid entries, plus ``competencies/``, ``mkdocs.yml``, ``docs/`` and
``overrides/`` copied from this repository (the theme comes with the generator), so ``portal build`` builds it.

Field sizes follow the shipped catalog: titles of 4 to 12 words, summaries of
40 to 160 words, a few keywords and learning outcomes, 1 to 8 professions and
so on. Words are drawn from the shipped catalog's and framework's own text with
their real frequencies (so common words are as common as in real entries), and
about one word in twenty is a made-up proper noun, so the vocabulary keeps
growing with the catalog as real course names, places and providers would.
"""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter
from itertools import accumulate
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's is about 20 times faster
COPIED = ("competencies", "docs", "overrides", "mkdocs.yml")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
_SYLLABLES = ("ka", "lo", "mi", "ren", "tor", "vel", "sa", "dun", "mar", "bel", "quin", "ash", "ford", "ton",
              "ley", "wick", "nor", "eth", "an", "ol", "is", "ar", "den", "hal")


def _corpus(root: Path) -> tuple[list[str], list[int], list[str]]:
    """Words and their counts from the shipped catalog and framework, and the shipped titles."""
    counts: Counter[str] = Counter()
    titles = []
    for path in sorted((root / "catalog").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        titles.append(data["title"])
        text = " ".join([data["title"], data["summary"], *data.get("learning_outcomes", ()),
                         *data.get("keywords", ())])
        counts.update(w.lower() for w in _WORD.findall(text))
    framework = (root / "competencies" / "framework.yaml").read_text(encoding="utf-8")
    counts.update(w.lower() for w in _WORD.findall(framework))
    words = sorted(counts)
    return words, [counts[w] for w in words], titles


class _Writer:
    def __init__(self, rng: random.Random, root: Path) -> None:
        self.rng = rng
        self.words, weights, self.titles = _corpus(root)
        self.cum = list(accumulate(weights))  # drawing with cumulative weights is O(log n) per word
        self.vocab = yaml.safe_load((root / "competencies" / "vocabularies.yaml").read_text(encoding="utf-8"))
        framework = yaml.safe_load((root / "competencies" / "framework.yaml").read_text(encoding="utf-8"))
        self.by_tier: dict[int, list[str]] = {}
        for c in framework["competencies"]:
            self.by_tier.setdefault(c["tier"], []).append(c["id"])
        self.providers = [self.name(2) + " " + rng.choice(("Hospice", "University", "NHS Trust", "Academy",
                                                               "Network", "Foundation", "College", "Institute"))
                          for _ in range(300)]

    def ids(self, vocab: str) -> list[str]:
        return [t["id"] for t in self.vocab[vocab]]

    def pick(self, vocab: str, low: int, high: int, skew: float = 1.0) -> list[str]:
        """``low`` to ``high`` distinct ids, earlier vocabulary terms more often (as in real data)."""
        ids = self.ids(vocab)
        cum = list(accumulate(1 / (i + 1) ** skew for i in range(len(ids))))
        out: list[str] = []
        for choice in self.rng.choices(ids, cum_weights=cum, k=self.rng.randint(low, high)):
            if choice not in out:
                out.append(choice)
        return out

    def name(self, syllables: int) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()

    def text(self, n: int) -> str:
        out = []
        for word in self.rng.choices(self.words, cum_weights=self.cum, k=n):
            out.append(self.name(self.rng.randint(2, 4)) if self.rng.random() < 0.05 else word)
        return " ".join(out)

    def title(self) -> str:
        if self.rng.random() < 0.3:  # variations on real titles: many real titles share words
            base = self.rng.choice(self.titles)
            return f"{base}: {self.text(self.rng.randint(1, 4))}"[:190]
        return self.text(self.rng.randint(4, 12)).capitalize()

    def entry(self, n: int) -> dict[str, object]:
        rng = self.rng
        tiers = sorted(rng.sample([1, 2, 3], rng.choices([1, 2, 3], [6, 3, 1])[0]))
        competencies = [c for t in tiers for c in rng.sample(self.by_tier[t], rng.randint(1, 4))]
        entry: dict[str, object] = {
            "id": f"synthetic-entry-{n:05d}",
            "type": rng.choice(["course", "resource", "programme", "guidance", "toolkit", "event"]),
            "title": self.title(),
            "url": f"https://example.org/courses/{n}",
            "provider": rng.choice(self.providers),
            "summary": self.text(rng.randint(40, 160)).capitalize() + ".",
            "tiers": tiers,
            "competencies": competencies,
            "professions": self.pick("professions", 1, 8, 0.6),
            "settings": self.pick("settings", 1, 5, 0.8),
            "formats": self.pick("formats", 1, 2, 1.2),
            "resource_types": self.pick("resource_types", 1, 3, 1.0),
            "languages": ["en"] if rng.random() < 0.9 else self.pick("languages", 1, 2, 0.5),
            # The first five access models, weighted as in real data ('not-applicable' is rare).
            "cost": rng.choices(self.ids("cost")[:5], [5, 3, 2, 1, 3])[0],
            "countries": ["GB"],
            "keywords": sorted({self.text(rng.randint(1, 3)) for _ in range(rng.randint(0, 6))}),
            "review_by": "2027-11-23",
            "reviewed": "2026-11-23",
        }
        if rng.random() < 0.25:
            entry["audiences"] = self.pick("audiences", 1, 3, 0.3)
        if rng.random() < 0.3:
            entry["disease_groups"] = self.pick("disease_groups", 1, 3, 0.7)
        if rng.random() < 0.8:
            entry["duration"] = rng.choice(["20m", "45m", "1h", "1h30m", "2h", "3h", "6h", "8h", "12h", "20h",
                                            "40h", "60h", "6w"])
        if rng.random() < 0.35:
            entry["credits"] = [{"type": t, "amount": rng.choice([1, 1.5, 2, 3, 6, 10])}
                                for t in self.pick("credit_types", 1, 2, 0.8)]
        if rng.random() < 0.5:
            entry["learning_outcomes"] = [self.text(rng.randint(6, 20)).capitalize()
                                          for _ in range(rng.randint(1, 5))]
        return entry


def one_language(config: str) -> str:
    """mkdocs.yml's text without the portal's ``languages`` option: the portal in its first language only."""
    return re.sub(r"(?m)^( +)languages:\n(?:\1 .*\n|\s*\n)*", "", config)


def synth_project(dest: Path, n: int, seed: int = 1, root: Path = ROOT, *, languages: bool = False) -> Path:
    """Write a portal project with ``n`` synthetic entries into ``dest`` (created; must not exist).

    The portal is built in its first language only, unless ``languages`` keeps mkdocs.yml's languages.
    """
    rng = random.Random(seed)
    writer = _Writer(rng, root)
    dest.mkdir(parents=True)
    for name in COPIED:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy2(src, dest / name)
    config = dest / "mkdocs.yml"
    text = one_language(config.read_text(encoding="utf-8"))
    if languages:  # the portal's own languages when it has them, else English and French
        text = config.read_text(encoding="utf-8")
        if not re.search(r"(?m)^ +languages:", text):
            text = text.replace("  - portal:\n", "  - portal:\n      languages: [en, fr]\n", 1)
    config.write_text(text, encoding="utf-8")
    catalog = dest / "catalog"
    (catalog / "pathways").mkdir(parents=True)
    for i in range(n):
        entry = writer.entry(i)
        text = yaml.dump(entry, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=120)
        (catalog / f"{entry['id']}.yaml").write_text(text, encoding="utf-8")
    return dest


if __name__ == "__main__":  # python -m benchmarks.synth DEST N [SEED]
    import sys

    synth_project(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)
