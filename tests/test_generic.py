"""The package is general: its code names none of the shipped report's companies, products, datasets,
metrics or entities (issue 19, design §4).

The ids are read from the shipped report's data/ (companies and their products, datasets, metrics,
entities). The package source (src/sinoreport/**/*.py, `synth/` aside: it writes synthetic projects on
purpose) is read with `ast`, so comments and docstrings do not count. What counts:

- a string constant that is an id (`"alibaba"`), or holds one as a part of a key-like string without
  spaces (`"alibaba/capex/2025"`, `"nvidia.csv"`); in text with spaces only a compound id counts
  (`"capex-growth-qoq"`): a one-word id there is an English word or an example (`Microsoft YaHei`);
- an identifier (a name, an attribute, a function, class, module or import name) that is an id, or has
  one among its words, compared case-insensitively with `_` read as `-` (`KWEB`, `kweb_path`,
  `domestic_vs_nvidia`).

An id that is also the package's own vocabulary is not counted: a unit of the package's table (`units.yaml`), a key or
word of `ingest/reading.yaml` (its unit families: `users`, `price`), a field or enum value of
`model.py`, and a name of the site engine's page API (`meta` of mkdocs' Page, which is also an HTML
element and our search index's file). That set is computed from those sources, never listed here.
"""

from __future__ import annotations

import ast
import enum
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
PKG = REPO / "src" / "sinoreport"
DATA = REPO / "data"
OUTSIDE = {"synth"}  # synthetic projects name ids on purpose

_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def shipped_ids() -> dict[str, str]:
    """id → what it is, from the shipped report's data/."""
    ids: dict[str, str] = {}
    for f in sorted((DATA / "companies").glob("*.yaml")):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        ids[doc["id"]] = "company"
        for p in doc.get("products") or []:
            ids[p["id"]] = f"product of {doc['id']}"
    for f in sorted((DATA / "datasets").glob("*.yaml")):
        ids[yaml.safe_load(f.read_text(encoding="utf-8"))["id"]] = "dataset"
    for m in yaml.safe_load((DATA / "metrics.yaml").read_text(encoding="utf-8"))["metrics"]:
        ids[m["id"]] = "metric"
    for e in yaml.safe_load((DATA / "entities.yaml").read_text(encoding="utf-8"))["entities"]:
        ids[e["id"]] = "entity"
    return ids


def _norm(word: str) -> str:
    return word.lower().replace("_", "-").strip("-")


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)
    elif isinstance(node, str):
        yield node


def _literals(annotation: object) -> Iterator[str]:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        yield from (str(m.value) for m in annotation)
    if typing.get_origin(annotation) is typing.Literal:
        yield from (str(a) for a in typing.get_args(annotation))
    for a in typing.get_args(annotation):
        yield from _literals(a)


def vocabulary() -> set[str]:
    """Words the package owns: units, reading-table keys and words, model fields and enum values, and the
    names of the site engine's page API."""
    from mkdocs.structure.pages import Page
    from pydantic import BaseModel

    from sinoreport import model
    from sinoreport.units import package_units

    words = set(package_units().ids)
    words |= set(_strings(yaml.safe_load((PKG / "ingest" / "reading.yaml").read_text(encoding="utf-8"))))
    for obj in vars(model).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == model.__name__:
            for name, f in obj.model_fields.items():
                words.add(name)
                words |= set(_literals(f.annotation))
        elif isinstance(obj, type) and issubclass(obj, enum.Enum) and obj.__module__ == model.__name__:
            words |= {str(m.value) for m in obj}
    words |= {a for c in Page.__mro__ for a in [*dir(c), *getattr(c, "__annotations__", {})] if not a.startswith("_")}
    return {_norm(w) for w in words}


@dataclass(frozen=True)
class Hit:
    file: str
    line: int
    id: str
    what: str  # string or identifier, as written

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.what} names {self.id!r}"


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body:
            first = n.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                out.add(id(first.value))
    return out


def _in_string(text: str, ids: dict[str, str]) -> set[str]:
    low = text.strip().lower()
    if low in ids:
        return {low}
    tokens = set(_TOKEN.findall(low))
    if any(c.isspace() for c in low):  # prose: only compound ids are unambiguous
        return {t for t in tokens if "-" in t and t in ids}
    return {t for t in tokens if t in ids}


def _in_identifier(name: str, ids: dict[str, str]) -> set[str]:
    parts = _norm(name).split("-")
    runs = {"-".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}
    return {r for r in runs if r in ids}


def scan(source: str, file: str, ids: dict[str, str]) -> list[Hit]:
    tree = ast.parse(source)
    docs = _docstrings(tree)
    hits = []
    for n in ast.walk(tree):
        line = getattr(n, "lineno", 0)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs:
            hits += [Hit(file, line, i, repr(n.value[:60])) for i in _in_string(n.value, ids)]
            continue
        names: list[str] = []
        if isinstance(n, ast.Name):
            names = [n.id]
        elif isinstance(n, ast.Attribute):
            names = [n.attr]
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [n.name]
        elif isinstance(n, ast.arg):
            names = [n.arg]
        elif isinstance(n, ast.alias):
            names = [*n.name.split("."), *([n.asname] if n.asname else [])]
        elif isinstance(n, ast.ImportFrom) and n.module:
            names = n.module.split(".")
        for name in names:
            hits += [Hit(file, line, i, name) for i in _in_identifier(name, ids)]
    return hits


def package_hits(ids: dict[str, str]) -> list[Hit]:
    hits = []
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG)
        if rel.parts[0] in OUTSIDE:
            continue
        file = path.relative_to(REPO).as_posix()
        hits += [Hit(file, 1, i, f"module {rel.as_posix()}") for i in _in_identifier(path.stem, ids)]
        hits += scan(path.read_text(encoding="utf-8"), file, ids)
    return sorted(set(hits), key=lambda h: (h.file, h.line, h.id))


def report_ids() -> dict[str, str]:
    vocab = vocabulary()
    return {i: what for i, what in shipped_ids().items() if i not in vocab}


# --------------------------------------------------------------------------- tests


def test_the_package_names_none_of_the_shipped_reports_ids():
    ids = report_ids()
    hits = package_hits(ids)
    assert not hits, (f"{len(hits)} place(s) in the package name an id of the shipped report's data/ "
                      "(move it to the project's data, e.g. data/charts.yaml):\n"
                      + "\n".join(f"{h}  [{ids[h.id]}]" for h in hits))


def test_the_scan_reads_the_shipped_ids_and_leaves_the_package_vocabulary_out():
    every, ids = shipped_ids(), report_ids()
    assert {"alibaba", "capex", "market-share", "qwen", "china-csps"} <= set(ids)  # company, metric, product, entity
    assert every["qwen"].startswith("product") and every["china-csps"] == "entity"
    assert {"users", "price"} <= set(every) - set(ids)  # metric ids that are also unit families
    assert "meta" in every and "meta" not in ids  # a company id that is also the engine's page API and HTML


def test_the_scan_finds_an_id_in_code_but_not_in_docstrings_comments_or_vocabulary():
    ids = report_ids()
    source = '''
"""A module about alibaba."""  # comment: alibaba
import sinoreport.charts.capex as capex_chart
BENCHMARK = "google"
ROWS = "alibaba/capex/2025Q2"
NOTE = "the capex-growth-qoq chart ranks growth"
FONT = "Microsoft YaHei"
UNIT = "users"


def kweb_path(rows, meta):
    """Prices of kweb."""
    return [r for r in rows if r.entity == NVIDIA_CHINA and r.unit == "users"]
'''
    found = {(h.line, h.id) for h in scan(source, "m.py", ids)}
    assert found == {
        (3, "capex"), (4, "google"), (5, "alibaba"), (5, "capex"), (6, "capex-growth-qoq"), (11, "kweb"),
        (13, "nvidia-china"), (13, "nvidia"),
    }, found
