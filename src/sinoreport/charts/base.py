"""What chart kinds share: selecting rows, turning them into localized records, axis scales, and the
shape of what a kind builds.

A chart is declared in the project's data/charts.yaml (model.ChartDecl); its kind (charts/kinds/) has one
function `build(ctx, decl)` that selects the declared rows (`select_rows`: dataset, metrics, entities,
periods, kinds, units — never an id or a number typed in code) and returns a `Draft` (Altair chart +
takeaway + the rows behind it), or None when there are no rows for it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import altair as alt

from sinoreport.corpus import Corpus, Row
from sinoreport.i18n.formats import period_sort_key
from sinoreport.i18n.view import LocaleView
from sinoreport.model import Kind, Select, period_date, period_matches  # noqa: F401  (kinds import them here)

# --------------------------------------------------------------------------- context


@dataclass
class Ctx:
    """One locale, optionally narrowed to one company (its own rows and its products')."""

    corpus: Corpus
    view: LocaleView
    company: str | None = None

    @property
    def loc(self):
        return self.view.loc

    def t(self, key: str, **kw: object) -> str:
        return self.view.t(key, **kw)

    @cached_property
    def published(self) -> set[str]:
        return {a.id for a in self.corpus.published()}

    @cached_property
    def owned(self) -> set[str] | None:
        """Entity ids that belong to the company this context is narrowed to (None: no narrowing)."""
        if self.company is None:
            return None
        co = self.corpus.companies.get(self.company)
        return {self.company, *(p.id for p in co.products)} if co else {self.company}

    def rows(self, dataset: str, *, metrics: Iterable[str] | None = None,
             where: Callable[[Row], bool] | None = None, narrow: bool = True) -> list[Row]:
        """Published rows of a dataset (optionally of some metrics), one per entity, metric and period,
        in chronological then entity order.

        When several articles give a figure for the same entity, metric and period, the chart shows one:
        an actual over an estimate over a forecast or target, then the newest article's.
        `narrow=False` keeps every entity even in a company context (for benchmarks and references).
        """
        ms = set(metrics) if metrics is not None else None
        best: dict[tuple[str, str, str], Row] = {}
        for r in self.corpus.rows_for(dataset=dataset):
            if not (r.article in self.published
                    and (ms is None or r.row.metric in ms)
                    and (where is None or where(r))
                    and (not narrow or self.owned is None or r.row.entity in self.owned)):
                continue
            key = (r.row.entity, r.row.metric, r.row.period)
            if key not in best or self._rank(r) > self._rank(best[key]):
                best[key] = r
        return sorted(best.values(),
                      key=lambda r: (period_sort_key(r.row.period), r.row.entity, r.row.metric, r.article))

    def _rank(self, r: Row) -> tuple[int, str, str]:
        a = self.corpus.articles[r.article]
        return (_KIND_RANK[r.row.kind], (a.date or dt.date.min).isoformat(), r.article)

    # ------------------------------------------------------------------ labels

    def name(self, ident: str) -> str:
        return self.view.name_of(ident)

    def value(self, r: Row) -> str:
        return self.view.value(r.row)

    def period(self, p: str) -> str:
        return self.view.period(p)

    def kind(self, k: Kind | str) -> str:
        return self.view.kind(k.value if isinstance(k, Kind) else k)

    def source_label(self, article_id: str, producer: str | None = None) -> str:
        a = self.corpus.articles.get(article_id)
        if a is None:
            return article_id
        outlet = self.view.via(self.view.outlet_name(a), (producer,) if producer else ())
        return f"{outlet}{self.view.punct(', ')}{self.view.date(a.date, a.date_precision)}"

    def note(self, r: Row) -> str:
        return self.view.text(r.row.note)[0] if r.row.note else ""


_KIND_RANK = {Kind.actual: 3, Kind.estimate: 2, Kind.forecast: 1, Kind.target: 1}

# Charts summarize: a bar chart shows at most MAX_BARS bars, a path at most MAX_PERIODS periods and
# MAX_SERIES lines. Everything else stays in the table's dataset downloads.
MAX_BARS = 15
MAX_PERIODS = 8
MAX_SERIES = 6


def select_rows(ctx: Ctx, sel: Select, *, narrow: bool = True) -> list[Row]:
    """The published rows a declaration selects (Ctx.rows: one per entity, metric and period)."""
    return ctx.rows(sel.dataset, metrics=sel.metrics, where=lambda r: sel.admits(r.row), narrow=narrow)


def latest_per_entity(rows: list[Row]) -> list[Row]:
    """Each entity's (and metric's) latest figure: one bar per company in a cross-section."""
    out: dict[tuple[str, str], Row] = {}
    for r in rows:  # rows come in chronological order
        out[(r.row.entity, r.row.metric)] = r
    return sorted(out.values(), key=lambda r: (period_sort_key(r.row.period), r.row.entity, r.row.metric))


def largest(rows: list[Row], n: int = MAX_BARS, *, by_size: bool = False) -> list[Row]:
    """The n largest (or, `by_size`, the n largest moves either way), in their original order."""
    if len(rows) <= n:
        return rows
    keep = set(map(id, sorted(rows, key=lambda r: -(abs(r.row.value) if by_size else r.row.value))[:n]))
    return [r for r in rows if id(r) in keep]


def main_series(rows: list[Row], n: int = MAX_SERIES, *, keep: Iterable[str] = ()) -> list[Row]:
    """Rows of at most n entities: those in `keep`, then the largest by their latest value."""
    latest = {r.row.entity: r.row.value for r in rows}
    pinned = [e for e in keep if e in latest]
    rest = sorted((e for e in latest if e not in pinned), key=lambda e: -latest[e])
    chosen = set((pinned + rest)[:n])
    return [r for r in rows if r.row.entity in chosen]


def recent(rows: list[Row], n: int = MAX_PERIODS) -> list[Row]:
    """Rows of the n latest periods."""
    keep = set(periods_in_order(rows)[-n:])
    return [r for r in rows if r.row.period in keep]


def period_months(p: str) -> tuple[int, int] | None:
    """A period as (first month, counted from year 0; its length in months), or None when it has no year
    (TTM, YTD): "2025Q3" → (24306, 3), "2025" and "FY2025" → (24300, 12), "2025-07" → (24306, 1)."""
    year, sub, _ = period_sort_key(p)
    if not year or p.startswith(("TTM", "YTD")):
        return None
    length = 3 if "Q" in p else 6 if re.search(r"H[12]", p) else 1 if re.match(r"^\d{4}-\d{2}", p) else 12
    return year * 12 + max(sub, 1) - 1, length


def continuous(a: dict[str, Any], b: dict[str, Any], *, temporal: bool = False) -> bool:
    """Whether a line may join two consecutive records of a series: b's period starts where a's ends
    (quarters, halves, years, months), or for dated points no more than a year later."""
    if temporal:
        da, db = dt.date.fromisoformat(a["date"]), dt.date.fromisoformat(b["date"])
        return (db - da).days <= 366
    pa, pb = period_months(a["period"]), period_months(b["period"])
    if pa is None or pb is None:
        return True
    return pb[0] - pa[0] <= pa[1]


def is_projection(r: Row) -> bool:
    """Forecasts and targets are drawn as projections (dashed / faded), never as facts."""
    return r.row.kind in (Kind.forecast, Kind.target)


# --------------------------------------------------------------------------- records


def record(ctx: Ctx, r: Row, scale: Scale | None = None, **extra: Any) -> dict[str, Any]:
    """A row as a Vega data record: the plain value, the axis value, and pre-formatted labels."""
    d = r.row
    value = d.value if d.value_high is None else (d.value + d.value_high) / 2  # a range is drawn at its middle
    kind_label = ctx.kind(d.kind)
    rec = {
        "entity": d.entity,
        "label": ctx.name(d.entity),
        "metric": d.metric,
        "metric_label": ctx.name(d.metric),
        "period": d.period,
        "period_label": ctx.period(d.period),
        "value": value,
        "x": value / scale.divisor if scale else value,
        "text": ctx.value(r),
        "kind": d.kind.value,
        "kind_label": kind_label,
        "projection": is_projection(r),
        "source": ctx.source_label(r.article, d.producer),
        "note": ctx.note(r),
    }
    rec.update(extra)
    return rec


def periods_in_order(rows: Iterable[Row]) -> list[str]:
    return sorted({r.row.period for r in rows}, key=period_sort_key)


def sources_of(rows: Iterable[Row]) -> tuple[str, ...]:
    """Article ids in first-use order."""
    seen: dict[str, None] = {}
    for r in rows:
        seen.setdefault(r.article, None)
    return tuple(seen)


# --------------------------------------------------------------------------- scales


@dataclass(frozen=True)
class Scale:
    """Axis values are value / divisor, titled with the unit: "USD bn", "億美元", "%"."""

    divisor: float
    unit: str  # axis unit label in the locale


_EN_STEPS = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))
_ZH_STEPS = {"hant": ((1e12, "兆"), (1e8, "億"), (1e4, "萬")), "hans": ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))}


def scale_for(values: Iterable[float], unit: str, ctx: Ctx) -> Scale:
    """Pick a divisor so the largest value reads as 1–9999 of a named step (bn / 億)."""
    top = max((abs(v) for v in values), default=0.0)
    loc = ctx.loc
    steps = _ZH_STEPS[loc.script] if loc.zh else _EN_STEPS
    div, word = 1.0, ""
    spec = ctx.corpus.units.display(unit)  # the project's units (units.yaml, data/units.yaml)
    if spec.compact:
        for s, w in steps:
            if top >= s:
                div, word = s, w
                break
    if loc.zh:
        zh = spec.hans if loc.script == "hans" else spec.hant
        if spec.currency:
            return Scale(div, f"{word}{zh}")  # 億美元
        if word:
            return Scale(div, word)  # counts: 億 (the axis title names what is counted)
        return Scale(div, zh)  # 張, %
    if spec.currency:
        return Scale(div, f"{spec.en_before.strip() or unit} {word}".strip())  # USD bn
    if spec.axis:
        return Scale(div, spec.axis)  # %, USD per share
    return Scale(div, word or unit)  # bn (users), cards


def tick_step(lo: float, hi: float, count: int) -> float:
    """The step between ticks that Vega (d3-array `tickStep`) draws for a domain and a tick count."""
    span = abs(hi - lo)
    if span == 0 or count <= 0:
        return 1.0
    raw = span / count
    step = 10 ** math.floor(math.log10(raw))
    err = raw / step
    if err >= math.sqrt(50):
        step *= 10
    elif err >= math.sqrt(10):
        step *= 5
    elif err >= math.sqrt(2):
        step *= 2
    return step


def tick_format(lo: float, hi: float, count: int = 5) -> str:
    """A d3 format with as many decimals as the tick step needs: an axis of 0–3.4 (USD bn) reads
    0.0, 0.5, 1.0 … rather than 0, 1, 1, 2 (",.0f" rounds each tick on its own)."""
    step = tick_step(lo, hi, count)
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    return f",.{decimals}f"


def value_axis(axis: dict[str, Any], lo: float, hi: float, count: int) -> dict[str, Any]:
    """An axis over [lo, hi] with `count` ticks labelled to the step's precision; a family's own
    `format` (a percent or date axis) and `tickCount` win."""
    return {"tickCount": count, "format": tick_format(lo, hi, count)} | axis


def nice_max(values: Iterable[float], pad: float = 1.12) -> float:
    """An axis maximum with room for value labels beside the longest bar."""
    top = max((v for v in values), default=0.0)
    return top * pad if top > 0 else 1.0


# --------------------------------------------------------------------------- definitions


@dataclass
class Draft:
    """What a family builds for one chart in one locale (before rendering to SVG)."""

    chart: alt.TopLevelMixin
    takeaway: str
    rows: list[Row]
    description: str = ""  # a longer text alternative for the SVG <desc> (defaults to the takeaway)
    table: tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] | None = None  # for charts not made of rows
    sources: tuple[str, ...] | None = None  # defaults to the rows' articles
    companies: tuple[str, ...] = ()
    # the takeaway's clauses, when a chart of several panels joins them into one sentence
    clauses: tuple[str, ...] = ()


# --------------------------------------------------------------------------- spec helpers


# Records are kept out of the Altair objects: Altair deep-copies a chart (data included) on every
# .encode()/.properties()/layer, which was most of a warm build's chart time. Charts refer to a named
# dataset; `datasets_for` puts the records in the spec's top-level `datasets` (standard Vega-Lite).
_RECORDS: dict[str, list[dict[str, Any]]] = {}


def values(records: list[dict[str, Any]]) -> alt.NamedData:
    text = json.dumps(records, sort_keys=True, ensure_ascii=False, default=str)
    name = "d" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]  # by content: specs hash stably
    _RECORDS[name] = json.loads(text)
    return alt.NamedData(name=name)


def datasets_for(spec: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The records of every named dataset a spec uses."""
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and isinstance(data.get("name"), str):
                names.add(data["name"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return {n: _RECORDS[n] for n in sorted(names)}


def forget_records() -> None:
    _RECORDS.clear()


def y_title(text: str) -> dict[str, Any]:
    """A vertical axis title set horizontally above the axis (reads in any script)."""
    return {"title": text, "titleAngle": 0, "titleAlign": "left", "titleAnchor": "end", "titleY": -8,
            "titleX": 0, "titleBaseline": "bottom"}


def pct_axis(title: str = "") -> dict[str, Any]:
    return {"title": title or None, "format": ",~r", "labelExpr": "datum.label + '%'"}


def bar_height(n: int) -> int:
    return max(60, n * 26)


def tooltip(ctx: Ctx, *fields: tuple[str, str]) -> list[alt.Tooltip]:
    """Tooltip fields with localized titles; the values are pre-formatted strings."""
    return [alt.Tooltip(f"{f}:N", title=ctx.t(key)) for f, key in fields]


def std_tooltip(ctx: Ctx) -> list[alt.Tooltip]:
    return tooltip(ctx, ("label", "entity"), ("metric_label", "metric"), ("period_label", "period"),
                   ("text", "value"), ("kind_label", "kind"), ("source", "source"))


def ratio(a: float, b: float) -> float | None:
    return a / b if b and math.isfinite(a / b) else None
