"""Editions: dated snapshots of the published corpus, and what changed between them.

An edition (`sinoreport edition [--date YYYY-MM-DD]`) records, in `editions/<date>.json` in the project,
the published data rows (by key: entity/metric/period@article → value, unit, kind, quote, producer), the
published articles' ids and titles and the briefs' ids and titles. The file is small, sorted and stable
(the same corpus writes the same bytes), committed with the report, and never overwritten unless asked.

`diff(old, new)` says what changed: articles and briefs added or removed; rows added, removed or revised
(the same key with another value, unit, kind or quote: old → new). `history` pairs each edition with its
diff against the one before; the render stage makes the change log and the revision marks from it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sinoreport.config import Settings
    from sinoreport.corpus import Corpus, Row

FORMAT = 1
# what a row's revision is about: a change in any of these (same key) is a revision
ROW_FIELDS = ("value", "value_high", "unit", "kind", "qualifier", "quote", "producer")


class EditionError(Exception):
    pass


class EditionExists(EditionError):
    pass


def editions_dir(settings: Settings) -> Path:
    return settings.root / "editions"


def edition_path(settings: Settings, date: dt.date) -> Path:
    return editions_dir(settings) / f"{date.isoformat()}.json"


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if x == int(x) and abs(x) < 2**53 else x


def row_keys(rows: list[Row]) -> dict[tuple[str, int], str]:
    """(article, index) → the row's key: `entity/metric/period@article`, plus `#n` (its place in the
    article's figures, 1-based) where several rows of one article share entity, metric and period."""
    base: dict[tuple[str, int], str] = {}
    count: dict[str, int] = {}
    for r in rows:
        k = f"{r.row.entity}/{r.row.metric}/{r.row.period}@{r.article}"
        base[(r.article, r.index)] = k
        count[k] = count.get(k, 0) + 1
    return {where: (k if count[k] == 1 else f"{k}#{where[1] + 1}") for where, k in base.items()}


def row_record(r: Row) -> dict[str, Any]:
    d = r.row
    return {
        "entity": d.entity, "metric": d.metric, "period": d.period, "article": r.article,
        "value": _num(d.value), "value_high": _num(d.value_high), "unit": d.unit, "kind": d.kind.value,
        "qualifier": d.qualifier.value if d.qualifier else None, "quote": d.quote, "producer": d.producer,
    }


def snapshot(corpus: Corpus, date: dt.date) -> dict[str, Any]:
    """The edition of a corpus: its published (curated) articles, their rows, and the briefs."""
    published = {a.id: a for a in corpus.articles.values() if a.status.value == "curated"}
    rows = [r for r in corpus.rows if r.article in published]
    keys = row_keys(rows)
    return {
        "format": FORMAT,
        "edition": date.isoformat(),
        "articles": {a.id: {"en": a.title.en, "zh": a.title.zh, "date": a.date.isoformat() if a.date else None}
                     for a in sorted(published.values(), key=lambda a: a.id)},
        "briefs": {b.id: {"en": b.title.en, "zh": b.title.zh, "date": b.date.isoformat()}
                   for b in sorted(corpus.briefs.values(), key=lambda b: b.id)},
        "rows": {keys[(r.article, r.index)]: row_record(r)
                 for r in sorted(rows, key=lambda r: keys[(r.article, r.index)])},
    }


def dumps(edition: dict[str, Any]) -> bytes:
    return (json.dumps(edition, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def write_edition(settings: Settings, corpus: Corpus, date: dt.date, *, force: bool = False) -> tuple[Path, bool]:
    """Write editions/<date>.json; (path, whether it was written). An existing edition with other
    contents is never replaced unless `force`; one with the same contents is left as it is."""
    path = edition_path(settings, date)
    data = dumps(snapshot(corpus, date))
    if path.is_file():
        if path.read_bytes() == data:
            return path, False
        if not force:
            raise EditionExists(f"{path} exists and differs from the corpus now")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path, True


def load_edition(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise EditionError(f"{path}: not an edition file ({e})") from e
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("rows"), dict):
        raise EditionError(f"{path}: not an edition file of format {FORMAT}")
    try:
        dt.date.fromisoformat(str(data.get("edition")))
    except ValueError as e:
        raise EditionError(f"{path}: its edition date is not YYYY-MM-DD") from e
    return data


def load_editions(settings: Settings) -> list[dict[str, Any]]:
    """Every edition of the project, oldest first."""
    d = editions_dir(settings)
    if not d.is_dir():
        return []
    found = [load_edition(p) for p in sorted(d.glob("*.json"))]
    return sorted(found, key=lambda e: e["edition"])


# --------------------------------------------------------------------------- what changed


@dataclass(frozen=True)
class Revision:
    key: str
    old: dict[str, Any]
    new: dict[str, Any]

    @property
    def fields(self) -> list[str]:
        return [f for f in ROW_FIELDS if self.old.get(f) != self.new.get(f)]


@dataclass
class Diff:
    edition: str  # the newer edition's date
    previous: str | None  # the older one's (None: the first edition)
    articles_added: list[str] = field(default_factory=list)
    articles_removed: list[str] = field(default_factory=list)
    briefs_added: list[str] = field(default_factory=list)
    briefs_removed: list[str] = field(default_factory=list)
    rows_added: list[str] = field(default_factory=list)
    rows_removed: list[str] = field(default_factory=list)
    rows_revised: list[Revision] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.articles_added or self.articles_removed or self.briefs_added or self.briefs_removed
                    or self.rows_added or self.rows_removed or self.rows_revised)


def diff(old: dict[str, Any] | None, new: dict[str, Any]) -> Diff:
    """What changed from `old` to `new` (None: everything in `new` is added). Ids and keys sorted."""
    o = old or {"articles": {}, "briefs": {}, "rows": {}, "edition": None}
    out = Diff(edition=new["edition"], previous=o["edition"])
    for part, added, removed in (("articles", out.articles_added, out.articles_removed),
                                 ("briefs", out.briefs_added, out.briefs_removed),
                                 ("rows", out.rows_added, out.rows_removed)):
        before, after = o.get(part, {}), new.get(part, {})
        added += sorted(set(after) - set(before))
        removed += sorted(set(before) - set(after))
    rows_o, rows_n = o.get("rows", {}), new.get("rows", {})
    for k in sorted(set(rows_o) & set(rows_n)):
        if any(rows_o[k].get(f) != rows_n[k].get(f) for f in ROW_FIELDS):
            out.rows_revised.append(Revision(k, rows_o[k], rows_n[k]))
    return out


def history(editions: list[dict[str, Any]]) -> list[Diff]:
    """Each edition's diff against the one before it, newest first."""
    ordered = sorted(editions, key=lambda e: e["edition"])
    return [diff(ordered[i - 1] if i else None, e) for i, e in enumerate(ordered)][::-1]


def revisions(diffs: list[Diff]) -> dict[str, str]:
    """Row key → the latest edition that revised it (first editions revise nothing)."""
    out: dict[str, str] = {}
    for d in sorted(diffs, key=lambda d: d.edition):
        for rev in d.rows_revised:
            out[rev.key] = d.edition
    return out
