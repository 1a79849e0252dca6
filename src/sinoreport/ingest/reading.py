"""The word tables ingest and check read figures with: kinds, directions, metric variants, unit families,
comparison words, organization suffixes (the package's `reading.yaml`, plus the project's
`data/reading.yaml`), and each metric's own cue words from `data/metrics.yaml`.

Every word is written once in Traditional Chinese and matched in both scripts. The tables are data:
a report on another subject teaches ingest its metrics in its own data files, not in this package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import opencc
import yaml

from sinoreport.alternation import alternation
from sinoreport.corpus import Corpus
from sinoreport.model import Metric
from sinoreport.units import Units, package_units

DEFAULTS = Path(__file__).with_name("reading.yaml")
_KIND_ORDER = {"estimate": 0, "target": 1, "forecast": 2}
_TARGET_AFTER = re.compile(r"^\s?(?:的)?(?:全年|年度)?(?:銷量|销量|交付|營收|营收|出貨|出货)?(?:目標|目标)")
GENERIC_UNITS = ("items",)  # 個, 件, 項: what is counted is said by the metric
LIST_KEYS = ("comparisons", "organization_suffixes", "generic_names", "other_metrics", "appositive_heads", "name_ends",
             "company_verbs", "segment_words")
MAP_KEYS = ("kinds", "directions", "modifiers", "families", "entity_suffixes")


@lru_cache(maxsize=8)
def _converter(cfg: str) -> opencc.OpenCC:
    return opencc.OpenCC(cfg)


_SCRIPT_EDGE = re.compile(r"(?<=[\u4e00-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u4e00-\u9fff])")


@lru_cache(maxsize=1 << 14)
def script_forms(s: str) -> frozenset[str]:
    """The word as written plus its Simplified and Traditional (Taiwan) renderings, each also with a
    space where Chinese meets Latin letters or digits (本土 AI 晶片, as some outlets space them)."""
    if s.isascii():
        return frozenset({s})
    forms = {s, _converter("t2s").convert(s), _converter("s2t").convert(s),
             _converter("s2twp").convert(s), _converter("tw2sp").convert(s)}
    return frozenset(forms | {_SCRIPT_EDGE.sub(" ", f) for f in forms})


def _forms(words: list[str]) -> dict[str, str]:
    """surface form → the word as written in the table."""
    out: dict[str, str] = {}
    for w in words:
        for f in script_forms(w):
            out.setdefault(f, w)
    return out


class Table:
    """Words that each stand for one or more labels (kind, direction, modifier, metrics): the longest word
    at a position wins; a word shared by several metrics keeps them in file order (the unit decides)."""

    def __init__(self, labelled: dict[str, list[str]]):
        self.labels: dict[str, tuple[str, ...]] = {}
        for lab, words in labelled.items():
            for w in words:
                for f in script_forms(w):
                    if lab not in self.labels.get(f, ()):
                        self.labels[f] = (*self.labels.get(f, ()), lab)
        self.regex = alternation(self.labels, ignore_case=True)
        self._lower = {k.lower(): v for k, v in self.labels.items()}

    def find_all(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, labels) of every word in text, left to right."""
        if self.regex is None:
            return []
        return [(m.start(), m.end(), self._lower.get(m.group(0).lower(), ())) for m in self.regex.finditer(text)]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, label) of every word in text, left to right (a word's first label)."""
        return [(a, b, labs[0]) for a, b, labs in self.find_all(text) if labs]


@dataclass
class Reading:
    kinds: Table
    directions: Table
    modifiers: Table
    metric_cues: Table  # cue word → metric id
    families: dict[str, tuple[str, ...]]
    comparisons: re.Pattern[str] | None
    organization_suffixes: tuple[str, ...]
    appositive_heads: tuple[str, ...]
    company_verbs: tuple[str, ...]
    generic_names: frozenset[str]
    other_metrics: Table
    segments: Table
    appositive: re.Pattern[str] | None
    subject: re.Pattern[str] | None
    entity_suffixes: dict[str, tuple[str, ...]]
    metrics: dict[str, Metric] = field(default_factory=dict)
    variants: dict[tuple[str, str], str] = field(default_factory=dict)  # (base metric, modifier) → metric
    units: Units = field(default_factory=package_units)  # the project's: the words numbers.py reads

    def family_of_unit(self, unit: str | None) -> set[str]:
        return {f for f, units in self.families.items() if unit in units} if unit else set()

    def accepts(self, metric: str, unit: str | None) -> bool:
        m = self.metrics.get(metric)
        if m is None or not m.family or unit is None:
            return True
        if unit == "x" and m.modifier in ("growth", "yoy", "qoq"):
            return True  # 暴增43倍: a growth written as a multiple
        if m.unit and unit != m.unit and unit not in GENERIC_UNITS and m.unit not in GENERIC_UNITS \
                and unit in self.families.get(m.family, ()):
            return False  # counted in 台 (units), but the metric counts cards: another thing is counted
        return unit in self.families.get(m.family, ())

    def default_unit(self, metric: str) -> str | None:
        m = self.metrics.get(metric)
        units = self.families.get(m.family or "", ()) if m else ()
        return units[0] if units else None

    def variant(self, base: str, modifier: str) -> str | None:
        return self.variants.get((base, modifier))

    def kind_cue(self, text: str, pos: int) -> tuple[str, int, int] | None:
        """The kind cue that governs a number at `pos`: the strongest in its own clause (市場預期 over 目標
        over 預計), else one in a short framing clause that opens the sentence (IDC預測, …); no cue: None."""
        hits = [k for k in self.kinds.find(text) if k[1] <= pos and k[2] != "none"
                and not (text[k[0]:k[1]] in ("將", "将") and text[k[1]:k[1] + 1] in ("近", "近"))
                and not (k[0] <= 1 and text[k[1]:k[1] + 1] in (":", "："))]  # 展望: a section's heading
        if not hits:
            return None
        a = pos
        while a > 0 and text[a - 1] not in "，,:：;；()（）":
            a -= 1
        local = [k for k in hits if k[0] >= a]
        if local:
            k = min(local, key=lambda k: (_KIND_ORDER.get(k[2], 9), -k[0]))
            return k[2], k[0], k[1]
        first = re.search(r"[，,:：]", text)
        if first and first.start() <= 14 and hits[0][1] <= first.start():
            return hits[0][2], hits[0][0], hits[0][1]
        return None

    def target_after(self, text: str, end: int) -> bool:
        """460萬輛的目標: a target word right after the number."""
        return bool(_TARGET_AFTER.match(text[end:]))


def _load_yaml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    from sinoreport.load import parse_yaml

    data = parse_yaml(path).data
    return data if isinstance(data, dict) else {}


def merged_tables(project_file: Path | None) -> dict[str, Any]:
    """The package's tables with the project's words added (lists extend, maps extend per key)."""
    base = yaml.safe_load(DEFAULTS.read_text(encoding="utf-8"))
    extra = _load_yaml(project_file) if project_file else {}
    for key in LIST_KEYS:
        base[key] = list(base.get(key, [])) + [w for w in extra.get(key, []) or [] if w not in base.get(key, [])]
    for key in MAP_KEYS:
        for label, words in (extra.get(key) or {}).items():
            base.setdefault(key, {}).setdefault(label, [])
            base[key][label] = list(base[key][label]) + [w for w in words or [] if w not in base[key][label]]
    return base


def _appositive(heads: list[str], ends: list[str]) -> re.Pattern[str] | None:
    """自動駕駛公司文遠知行同日公布: a head word, then 2–5 Chinese characters, then a word that ends a name."""
    if not heads or not ends:
        return None
    h = "|".join(sorted((re.escape(f) for f in _forms(heads)), key=len, reverse=True))
    e = "|".join(sorted((re.escape(f) for f in _forms(ends)), key=len, reverse=True))
    return re.compile(rf"(?:{h})(?P<name>[\u4e00-\u9fff]{{2,5}}?)(?={e}|[,，。、;；:：(（])")


def _subject(verbs: list[str]) -> re.Pattern[str] | None:
    """快手公布, 優必選表示: 2–5 Chinese characters opening a clause, right before what a company does."""
    if not verbs:
        return None
    v = "|".join(sorted((re.escape(f) for f in _forms(verbs)), key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[,，。；;:：「」“”、\s]))(?P<name>[\u4e00-\u9fff]{{2,5}}?)(?=(?:20\d\d年)?(?:{v}))")


def reading_for(corpus: Corpus, data_dir: Path | None) -> Reading:
    t = merged_tables(data_dir / "reading.yaml" if data_dir else None)
    cues: dict[str, list[str]] = {}
    variants: dict[tuple[str, str], str] = {}
    for m in corpus.metrics.values():
        if m.cues:
            cues[m.id] = [*m.cues.zh, *m.cues.en]
        if m.variant_of and m.modifier:
            variants.setdefault((m.variant_of, m.modifier), m.id)
    comparisons = alternation(_forms(t["comparisons"]))
    families = {k: list(v) for k, v in t["families"].items()}
    for u in corpus.units:  # a unit's `family` (units.yaml, data/units.yaml) adds it to that family
        for fam in u.families:
            if u.id not in families.setdefault(fam, []):
                families[fam].append(u.id)
    return Reading(
        kinds=Table(t["kinds"]),
        directions=Table(t["directions"]),
        modifiers=Table(t["modifiers"]),
        metric_cues=Table(cues),
        families={k: tuple(v) for k, v in families.items()},
        comparisons=comparisons,
        organization_suffixes=tuple(sorted(_forms(t["organization_suffixes"]), key=len, reverse=True)),
        appositive_heads=tuple(sorted(_forms(t["appositive_heads"]), key=len, reverse=True)),
        company_verbs=tuple(sorted(_forms(t["company_verbs"]), key=len, reverse=True)),
        generic_names=frozenset(_forms(t["generic_names"])),
        other_metrics=Table({"other": t["other_metrics"]}),
        segments=Table({"segment": t["segment_words"]}),
        appositive=_appositive(t["appositive_heads"], t["name_ends"]),
        subject=_subject(t["company_verbs"]),
        entity_suffixes={k: tuple(sorted(_forms(v), key=len, reverse=True)) for k, v in t["entity_suffixes"].items()},
        metrics=dict(corpus.metrics),
        variants=variants,
        units=corpus.units,
    )
