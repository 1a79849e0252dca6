"""Pages that did not change are not rendered again — in a long-lived process (`sinoreport serve`).

A page's Markdown is a function of its template, its locale, its context and what every page shares
(templates/, data/, settings, which PDFs exist). Its key is a hash of all of these; when an edit leaves
a page's key unchanged, the previous Markdown is reused. Contexts are fingerprinted by value: a model
by its JSON (cached per object — the corpus keeps unchanged files' objects across loads), a data row
with the article it comes from, a chart with its source articles. Templates reach the corpus directly
only for the articles behind rows, scores and chart sources, and those are part of the fingerprint; a
context holding anything else unknown is not memoized (it is simply rendered).

Charts (per locale) and the dataset downloads are memoized on the rows they can select and the
articles' dates and outlets.

Everything remembered lives in one MemoStore, which the long-lived Build of `sinoreport serve` owns
(build.State): dropping the Build drops the memo. `sinoreport build` renders without one; nothing here
changes what a page says.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sinoreport.charts import Chart, ChartSet
from sinoreport.corpus import Corpus, Row
from sinoreport.model import Company
from sinoreport.render.text import MD

_MAX_MODELS = 500_000


@dataclasses.dataclass
class MemoStore:
    """What a memo remembers between renders of one project."""

    pages: dict[tuple[str, str], tuple[str, bytes]] = dataclasses.field(default_factory=dict)  # (locale, path)
    values: dict[str, tuple[str, Any]] = dataclasses.field(default_factory=dict)  # charts per locale, downloads
    # id → (the object, kept alive so the id stays its own; its hash)
    models: dict[int, tuple[object, str]] = dataclasses.field(default_factory=dict)
    reused: int = 0  # pages taken from the memo, over its life (a rebuild reports its own share)


class _Unknown(Exception):
    pass


def _h(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def tree_hash(*roots: Path) -> str:
    """Contents of every file under these paths (templates/, data/, sinoreport.yml)."""
    h = hashlib.sha1()
    for root in roots:
        files = sorted(root.rglob("*")) if root.is_dir() else [root] if root.is_file() else []
        for p in files:
            if p.is_file():
                h.update(str(p).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


class PageMemo:
    def __init__(self, store: MemoStore, corpus: Corpus, shared: str):
        self.store = store
        self.corpus = corpus
        self.shared = shared  # hash of what every page depends on
        if len(store.models) > _MAX_MODELS:
            store.models.clear()

    # ------------------------------------------------------------------ fingerprints

    def model(self, m: BaseModel) -> str:
        models = self.store.models
        hit = models.get(id(m))
        if hit is not None and hit[0] is m:
            return hit[1]
        fp = _h(type(m).__name__ + m.model_dump_json())
        models[id(m)] = (m, fp)
        return fp

    def article(self, ident: str) -> str:
        a = self.corpus.articles.get(ident)
        return self.model(a) if a is not None else "-"

    def fp(self, x: Any) -> str:
        t = type(x)  # the common types first: this runs over every page's context on every rebuild
        if t is str or t is int or t is float or t is bool or x is None:
            return repr(x)
        if t is MD:
            return "M" + _h(x)
        if t is list or t is tuple:
            return "[" + ",".join([self.fp(i) for i in x]) + "]"
        if t is Row:
            return f"R({self.model(x.row)},{x.article},{x.index},{self.article(x.article)})"
        if isinstance(x, BaseModel):
            fp = self.model(x)
            if t is Company and x.scores:  # the template shows the score quotes' articles' script
                fp += "".join(self.article(m.source) for dims in x.scores.values() for m in dims.values())
            return fp
        if t is dict:
            items = sorted(x.items(), key=lambda kv: repr(kv[0]))
            return "{" + ",".join([f"{self.fp(k)}:{self.fp(v)}" for k, v in items]) + "}"
        if isinstance(x, Enum):
            return repr(x.value)
        if isinstance(x, (str, int, float)):
            return t.__name__ + repr(x)
        if isinstance(x, dt.date):
            return x.isoformat()
        if t is Chart:
            fields = [self.fp(getattr(x, f.name)) for f in dataclasses.fields(x)]
            return "C(" + ",".join(fields) + "".join(self.article(s) for s in x.sources) + ")"
        if dataclasses.is_dataclass(x) and not isinstance(x, type):
            return t.__name__ + "(" + ",".join(self.fp(getattr(x, f.name)) for f in dataclasses.fields(x)) + ")"
        raise _Unknown(t.__name__)

    # ------------------------------------------------------------------ pages

    def key(self, code: str, template: str, path: str, ctx: dict[str, Any]) -> str | None:
        try:
            return _h(f"{self.shared}|{code}|{template}|{path}|{self.fp(ctx)}")
        except _Unknown:
            return None

    def key_of(self, code: str, template: str, path: str, deps: str) -> str:
        """The key of a page whose inputs were fingerprinted by the caller (Page.deps)."""
        return _h(f"{self.shared}|{code}|{template}|{path}|D{deps}")

    def get(self, code: str, path: str, key: str | None) -> bytes | None:
        if key is None:
            return None
        hit = self.store.pages.get((code, path))
        if hit is not None and hit[0] == key:
            self.store.reused += 1
            return hit[1]
        return None

    def put(self, code: str, path: str, key: str | None, data: bytes) -> None:
        if key is not None:
            self.store.pages[(code, path)] = (key, data)

    # ------------------------------------------------------------------ charts

    def rows_key(self, published: set[str]) -> str:
        """Every published row, with its article's date, outlet and status (what charts and downloads read)."""
        if getattr(self, "_rows_key", None) is None:
            parts = []
            for r in self.corpus.rows:
                if r.article not in published:
                    continue
                a = self.corpus.articles[r.article]
                parts.append(f"{self.model(r.row)}|{r.article}|{a.date}|{a.date_precision}|{a.outlet}|{a.status}")
            self._rows_key = _h(self.shared + "\n".join(parts))
        return self._rows_key

    def charts(self, code: str, published: set[str], make: Callable[[], ChartSet]) -> ChartSet:
        """The locale's charts, made again only when a row they could select, or its article's date,
        outlet or status, changed (or anything every page shares)."""
        return self.cached(f"charts:{code}", self.rows_key(published), make)

    def cached(self, name: str, key: str, make: Callable[[], Any]) -> Any:
        hit = self.store.values.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]
        value = make()
        self.store.values[name] = (key, value)
        return value
