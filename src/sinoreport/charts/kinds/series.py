"""Series: figures over periods — a line per entity (forecasts and targets dashed from the last actual
figure, as the reader's today), or bars by period (`mark: bars`; `auto`: bars when there is one entity).
Dated periods (2025-09, 2025-10-02) are drawn on a time axis. One panel per unit, stacked.

Options (docs/FORMATS.md, Charts): mark, recent, series, keep, latest, label, colors, axis, y (domain),
height, caption (path | none), without_figure, notes.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from sinoreport.charts import marks, style
from sinoreport.charts.base import (
    MAX_PERIODS,
    MAX_SERIES,
    Ctx,
    Draft,
    latest_per_entity,
    main_series,
    pct_axis,
    period_date,
    periods_in_order,
    recent,
    record,
    scale_for,
    select_rows,
    y_title,
)
from sinoreport.charts.words import no_figure_clauses, notes_of, path_item, sentence, template
from sinoreport.corpus import Row
from sinoreport.model import ChartDecl, PanelDecl


def build(ctx: Ctx, decl: PanelDecl) -> Draft | None:
    assert decl.select is not None  # the model requires it for series
    rows = select_rows(ctx, decl.select)
    if decl.latest:
        rows = latest_per_entity(rows)
    rows = main_series(recent(rows, decl.recent or MAX_PERIODS), decl.series or MAX_SERIES, keep=decl.keep)
    if not rows:
        return None
    temporal = all(period_date(r.row.period) for r in rows)
    by_unit: dict[str, list[Row]] = {}
    for r in rows:
        by_unit.setdefault(r.row.unit, []).append(r)
    panel = not isinstance(decl, ChartDecl)  # one of a chart's panels: as wide as the others
    charts: list[alt.TopLevelMixin] = []
    clauses: list[str] = []
    for unit, rs in by_unit.items():
        sc = scale_for((r.row.value_high or r.row.value for r in rs), unit, ctx)
        metrics = list(dict.fromkeys(r.row.metric for r in rs))
        with_metric = decl.label == "entity-metric" or len(metrics) > 1
        recs: list[dict[str, Any]] = []
        for r in rs:
            name = ctx.name(r.row.entity)
            extra: dict[str, Any] = {"date": period_date(r.row.period)} if temporal else {}
            if len(metrics) > 1:
                extra["label"] = f"{name} · {ctx.name(r.row.metric)}"
            recs.append(record(ctx, r, sc, **extra))
        order = [ctx.period(p) for p in periods_in_order(rs)]
        metric = ctx.name(metrics[0]) if len(metrics) == 1 else ""
        if decl.axis is not None and decl.axis.title is not None:
            title = template(ctx, decl.axis.title, unit=sc.unit, metric=metric)
        else:
            title = "" if unit == "%" else sc.unit
        axis = (pct_axis() | y_title(title) if title else pct_axis()) if unit == "%" else y_title(title)
        entities = {r.row.entity for r in rs}
        bars = decl.mark == "bars" or (decl.mark == "auto" and len(entities) == 1 and not temporal)
        if bars:
            charts.append(marks.period_bars(ctx, recs, order=order, y_axis=axis, height=decl.height or 240,
                                            width=style.WIDTH if panel else None))
        else:
            charts.append(marks.path(ctx, recs, order=order, y_axis=axis, colors=decl.colors or None,
                                     temporal=temporal, height=decl.height or 260,
                                     y_domain=list(decl.y.domain) if decl.y and decl.y.domain else None))
        if (decl.caption or "path") != "none":
            series: dict[str, list[dict[str, Any]]] = {}
            for rec in recs:
                key = f"{ctx.name(rec['entity'])} · {rec['metric_label']}" if with_metric else rec["label"]
                series.setdefault(key, []).append(rec)
            for key, pts in series.items():
                pts.sort(key=lambda p: order.index(p["period_label"]))
                clauses.append(path_item(ctx, key, pts))
    clauses += no_figure_clauses(ctx, decl.without_figure)
    note_rows, note_clauses, chart_notes = notes_of(ctx, decl)
    clauses += note_clauses
    chart = charts[0] if len(charts) == 1 else alt.vconcat(*charts).resolve_scale(
        x="independent", y="independent", color="independent", stroke="independent", strokeDash="independent")
    if chart_notes:
        chart = marks.with_note(chart, chart_notes)
    clauses = [c for c in clauses if c]
    return Draft(chart, sentence(ctx, clauses), rows + note_rows, clauses=tuple(clauses))
