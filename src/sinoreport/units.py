"""The units rows may use, as data: the package's table (units.yaml beside this file) with the project's
data/units.yaml merged over it.

One `Units` table per project, held by its Corpus, serves every stage: numbers.py reads a unit's words
after a number, ingest proposes the unit in the families it belongs to, check accepts rows in it,
i18n/formats.py writes it per locale and the charts label axes with it. Nothing here is module state:
the package's table is loaded once (it is a file of the package), a project's is built when its corpus
loads, and a table compares and hashes by its fingerprint, so caches keyed by it stay per project.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import opencc

from sinoreport.load import Doc, Location, Problem, parse_yaml, to_model
from sinoreport.model import UnitDef, UnitsFile

PACKAGE_FILE = Path(__file__).with_name("units.yaml")
PROJECT_FILE = "units.yaml"  # in data/


@dataclass(frozen=True)
class Unit:
    """A unit as the pages write it: English before/after the number, the Chinese form per script."""

    id: str = ""
    en_before: str = ""  # "USD "
    en_after: str = ""  # "%", " shares"
    hant: str = ""  # "美元", "%", "股"
    hans: str = ""
    compact: bool = False  # large values as bn / 億
    currency: bool = False
    axis: str = ""  # a chart axis's English label ("USD per share"); empty: the id
    families: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


@lru_cache(maxsize=4)
def _opencc(cfg: str) -> opencc.OpenCC:
    return opencc.OpenCC(cfg)


def script_forms(word: str) -> tuple[str, ...]:
    """A word as written and in the other script (噸 → 吨, 用户 → 用戶): texts come in either."""
    if word.isascii():
        return (word,)
    forms = [word, *(_opencc(c).convert(word) for c in ("t2s", "s2t", "s2tw"))]
    return tuple(dict.fromkeys(forms))


@dataclass(frozen=True, eq=False)
class Units:
    """A project's units by id, and the words numbers.py reads: measures, currencies, what a price is per."""

    table: dict[str, Unit]
    per: dict[str, str] = field(default_factory=dict)  # word after a currency and / or 每 → per (盎司 → oz)
    uncounted: frozenset[str] = frozenset()  # measure words read as a count of no unit (次, 種)
    fingerprint: str = ""

    def __contains__(self, ident: object) -> bool:
        return ident in self.table

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.table.values())

    def __len__(self) -> int:
        return len(self.table)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Units) and other.fingerprint == self.fingerprint

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    def get(self, ident: str) -> Unit | None:
        return self.table.get(ident)

    def display(self, ident: str) -> Unit:
        """How pages write a unit; one in no table (check reports it) is written as its id."""
        return self.table.get(ident) or Unit(ident, "", f" {ident}", ident, ident)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.table)

    @property
    def currencies(self) -> tuple[str, ...]:
        return tuple(u.id for u in self.table.values() if u.currency)

    def words(self) -> dict[str, str]:
        """Every word texts write after a number → its unit id ("" for the uncounted), both scripts."""
        out: dict[str, str] = {}
        for w in self.uncounted:
            for f in script_forms(w):
                out.setdefault(f, "")
        for u in self.table.values():
            for w in u.words:
                for f in script_forms(w):
                    out[f] = u.id
        return out

    def per_words(self) -> dict[str, str]:
        return {f: per for w, per in self.per.items() for f in script_forms(w)}


def _unit(d: UnitDef) -> Unit:
    before, _, after = (d.en or f"{{}} {d.id}").partition("{}")
    hant = d.zh_hant if d.zh_hant is not None else d.zh
    hans = d.zh_hans if d.zh_hans is not None else d.zh
    return Unit(d.id, before, after, hant if hant is not None else d.id, hans if hans is not None else d.id,
                d.compact, d.currency, d.axis or "", d.families, tuple(d.words))


def _fingerprint(defs: list[UnitDef], per: dict[str, list[str]], uncounted: list[str]) -> str:
    data = [[d.model_dump(by_alias=True) for d in defs], per, uncounted]
    return hashlib.sha1(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class _Defs:
    defs: tuple[UnitDef, ...]
    per: dict[str, list[str]]
    uncounted: tuple[str, ...]


@lru_cache(maxsize=1)
def _package_defs() -> _Defs:
    f: UnitsFile = to_model(parse_yaml(PACKAGE_FILE), UnitsFile)
    return _Defs(tuple(f.units), {k: list(v) for k, v in f.per.items()}, tuple(f.uncounted))


def _build(defs: list[UnitDef], per: dict[str, list[str]], uncounted: list[str]) -> Units:
    table = {d.id: _unit(d) for d in defs}
    per_map = {w: p for p, words in per.items() for w in words}
    return Units(table, per_map, frozenset(uncounted), _fingerprint(defs, per, uncounted))


@lru_cache(maxsize=1)
def package_units() -> Units:
    """The package's units: every project's, unless its data/units.yaml changes one."""
    d = _package_defs()
    return _build(list(d.defs), d.per, list(d.uncounted))


def merge(doc: Doc, extra: UnitsFile) -> tuple[Units, list[Problem]]:
    """The package's units with a project's file merged over them: a new id adds a unit, a package id
    changes the keys the entry writes; `per` and `uncounted` words are added. Problems are located in the
    project's file: an id written twice, a new unit without its English or Chinese form, a word two of
    the project's units claim."""
    base = _package_defs()
    defs: dict[str, UnitDef] = {d.id: d for d in base.defs}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    claimed: dict[str, tuple[str, Location]] = {}

    def at(*path: object) -> Location:
        return doc.locate(("units", *path))

    for i, d in enumerate(extra.units):
        if d.id in seen:
            problems.append(Problem(at(i, "id"), f"unit {d.id!r} is defined twice in this file (first at "
                                    f"{at(seen[d.id], 'id')})", "merge the two entries into one"))
            continue
        seen[d.id] = i
        old = defs.get(d.id)
        if old is None:
            if d.en is None:
                problems.append(Problem(at(i, "id"), f"unit {d.id!r} has no English form",
                                        f'add en: "{{}} {d.id}" (the number goes where {{}} is)'))
            if d.zh is None and (d.zh_hant is None or d.zh_hans is None):
                problems.append(Problem(at(i, "id"), f"unit {d.id!r} has no Chinese form for both scripts",
                                        "add zh: (the same in both scripts) or zh-Hant: and zh-Hans:"))
            defs[d.id] = d
        else:
            given = {k: getattr(d, k) for k in d.model_fields_set if k != "id"}
            if "zh" in given:  # one Chinese form replaces the package's per-script ones
                given |= {"zh_hant": None, "zh_hans": None}
            if {"zh_hant", "zh_hans"} & d.model_fields_set:
                given["zh"] = None
            defs[d.id] = old.model_copy(update=given)
        for j, w in enumerate(d.words):
            for f in script_forms(w):
                if f in claimed and claimed[f][0] != d.id:
                    problems.append(Problem(at(i, "words", j), f"the word {w!r} is already unit {claimed[f][0]!r}'s "
                                            f"(at {claimed[f][1]})", "keep the word in one unit's `words`"))
                    break
                claimed.setdefault(f, (d.id, at(i, "words", j)))
    for key in extra.per:
        if not any(u.endswith("/" + key) for u in defs):
            problems.append(Problem(doc.locate(("per", key)), f"no unit is a price per {key!r}",
                                    f"add a unit such as CNY/{key} (en: \"CNY {{}}/{key}\") to `units`, or drop "
                                    "this entry"))
    per = {k: list(v) for k, v in base.per.items()}
    for key, words in extra.per.items():
        per[key] = list(dict.fromkeys([*per.get(key, []), *words]))
    uncounted = list(dict.fromkeys([*base.uncounted, *extra.uncounted]))
    return _build(list(defs.values()), per, uncounted), problems


def project_units(parsed: tuple[Doc, UnitsFile] | None) -> tuple[Units, list[Problem]]:
    """A project's units: the package's, with `parsed` (its data/units.yaml, when it has one) merged over."""
    if parsed is None:
        return package_units(), []
    return merge(*parsed)
