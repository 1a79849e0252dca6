"""`sinoreport rename OLD NEW`: give an article, company, product, entity, tag, metric, dataset, brief or
glossary term a new id, moving its file and rewriting every reference — and nothing else.

References are found the way `check` finds them (the parsed files, with the line and column of every
value), so an id that also occurs as a word in prose ("gold" the tag, "gold" in a summary) is left alone
where it is prose. Every changed file is written whole to a temporary file first, then all are renamed
into place; a rename that cannot be done (unknown id, the new id taken, a file that does not parse)
changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sinoreport.config import Settings
from sinoreport.corpus import Corpus, load_corpus
from sinoreport.load import Doc, parse_yaml
from sinoreport.model import ID_RE


class RenameError(Exception):
    pass


@dataclass
class Plan:
    kind: str
    old: str
    new: str
    edits: dict[Path, list[tuple[int, int]]] = field(default_factory=dict)  # file → (line, col) of each id
    move: tuple[Path, Path] | None = None

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.edits.values())


# where each kind's id is referred to: (file kind, path pattern inside the document); "*" is any list index
REFERENCES: dict[str, list[tuple[str, tuple[Any, ...]]]] = {
    "article": [("brief", ("cites", "*")), ("company", ("scores", "*", "*", "source")),
                ("article", ("figures", "*", "source"))],
    "company": [("article", ("companies", "*")), ("article", ("figures", "*", "entity")),
                ("brief", ("companies", "*")), ("company", ("parent",))],
    "product": [("article", ("figures", "*", "entity"))],
    "entity": [("article", ("figures", "*", "entity"))],
    "tag": [("article", ("tags", "*"))],
    "metric": [("article", ("figures", "*", "metric")), ("metric", ("variant_of",))],
    "dataset": [("article", ("figures", "*", "datasets", "*"))],
    "term": [("term", ("see_also", "*"))],
    "brief": [],
}
_OWN_FILE = {"article": ("content", "articles"), "brief": ("content", "briefs"), "company": ("data", "companies"),
             "dataset": ("data", "datasets")}


def _kind_of(c: Corpus, ident: str) -> str:
    found = [k for k, table in (("article", c.articles), ("brief", c.briefs), ("company", c.companies),
                                ("product", c.products), ("entity", c.entities), ("tag", c.tags),
                                ("metric", c.metrics), ("dataset", c.datasets), ("term", c.glossary))
             if ident in table]
    if not found:
        raise RenameError(f"{ident!r} is not the id of anything in this project")
    if len(found) > 1:
        raise RenameError(f"{ident!r} is the id of a {' and a '.join(found)}: make them distinct by hand first")
    return found[0]


def _matches(path: tuple[Any, ...], pattern: tuple[Any, ...]) -> bool:
    return len(path) == len(pattern) and all(p == "*" or p == q for p, q in zip(pattern, path, strict=True))


def _values(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    """Every scalar in a document with its path."""
    if isinstance(data, dict):
        return [x for k, v in data.items() for x in _values(v, (*at, k))]
    if isinstance(data, list):
        return [x for i, v in enumerate(data) for x in _values(v, (*at, i))]
    return [(at, data)]


def plan(c: Corpus, settings: Settings, old: str, new: str) -> Plan:
    if not ID_RE.match(new) or "--" in new:
        raise RenameError(f"{new!r} is not a usable id: lower-case ASCII letters, digits and single hyphens")
    kind = _kind_of(c, old)
    # companies, products and entities share one namespace (a row's entity); the others have their own
    space = {"company", "product", "entity"} if kind in ("company", "product", "entity") else {kind}
    tables = {"article": c.articles, "brief": c.briefs, "company": c.companies, "product": c.products,
              "entity": c.entities, "tag": c.tags, "metric": c.metrics, "dataset": c.datasets, "term": c.glossary}
    if any(new in tables[k] for k in space):
        raise RenameError(f"{new!r} is already an id of a {'/'.join(sorted(space))} in this project")
    p = Plan(kind, old, new)
    # the thing's own id
    own = ("company", c.products[old][1].id) if kind == "product" else (kind, old)
    doc, prefix = c.docs[own]
    own_path = (*prefix, "id") if kind != "product" else (*prefix, "products",
                                                          [q.id for q in c.products[old][1].products].index(old), "id")
    _add(p, doc, own_path)
    for file_kind, pattern in REFERENCES[kind]:
        seen: set[str] = set()
        for (k, _), (doc, prefix) in c.docs.items():
            if k != file_kind or (doc.path, prefix) in seen:
                continue
            seen.add((doc.path, prefix))
            node = doc.data
            for step in prefix:
                node = node[step]
            for path, value in _values(node):
                if value == old and _matches(path, pattern):
                    _add(p, doc, (*prefix, *path))
    if kind in _OWN_FILE:
        base, folder = _OWN_FILE[kind]
        root = settings.content_dir if base == "content" else settings.data_dir
        p.move = (root / folder / f"{old}.yaml", root / folder / f"{new}.yaml")
    return p


def _add(p: Plan, doc: Doc, path: tuple[Any, ...]) -> None:
    line, col = doc.marks.get(path, (0, 0))
    if line:
        p.edits.setdefault(Path(doc.path), []).append((line, col))


def _rewrite(text: str, places: list[tuple[int, int]], old: str, new: str) -> str:
    """Replace the id at each place: the value at (line, col), or after the key that starts there."""
    lines = text.split("\n")
    word = re.compile(rf"(?<![a-z0-9-]){re.escape(old)}(?![a-z0-9-])")
    for line, col in sorted(set(places), reverse=True):
        s = lines[line - 1]
        m = word.search(s, max(0, col - 1))
        if m is None:
            raise RenameError(f"line {line} does not hold {old!r} where it should; nothing was changed")
        lines[line - 1] = s[: m.start()] + new + s[m.end() :]
    return "\n".join(lines)


def _ledger(settings: Settings, old: str, new: str) -> tuple[Path, str] | None:
    path = settings.content_dir / "ingested.yaml"
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    changed = re.sub(rf"(?m)^(\s*(?:- )?id: ){re.escape(old)}$", rf"\g<1>{new}", text)
    return (path, changed) if changed != text else None


def rename(settings: Settings, old: str, new: str) -> Plan:
    c = load_corpus(settings)
    broken = [pr for pr in c.problems if pr.severity == "error" and "YAML" in pr.what]
    if broken:
        raise RenameError(f"{broken[0].where}: {broken[0].what} — fix the file first (rename must read every file)")
    p = plan(c, settings, old, new)
    texts: dict[Path, str] = {}
    for path, places in p.edits.items():
        texts[path] = _rewrite(path.read_text(encoding="utf-8"), places, old, new)
    led = _ledger(settings, old, new)
    if led:
        texts[led[0]] = led[1]
    if p.move and p.move[1].exists():
        raise RenameError(f"{p.move[1]} exists already")
    tmps = []
    try:
        for path, text in texts.items():
            tmp = path.with_name(f".{path.name}.rename")
            tmp.write_text(text, encoding="utf-8")
            tmps.append((tmp, path))
    except BaseException:
        for tmp, _ in tmps:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, path in tmps:
        tmp.replace(path)
    if p.move:
        p.move[0].replace(p.move[1])
    parse_yaml(p.move[1] if p.move else next(iter(texts)))  # what was written parses
    return p
