"""Capital expenditure: Chinese cloud providers against US peers, the global AI capex forecast, the
companies' AI investment plans, and quarter-on-quarter capex growth.

Amounts in different currencies are never put on one axis: each currency gets its own panel, titled
with its unit (the report converts nothing, so there is no conversion to state).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import altair as alt

from sinoreport.charts import marks
from sinoreport.charts.base import (
    ChartDef,
    Ctx,
    Draft,
    Scale,
    largest,
    latest_per_entity,
    main_series,
    pct_axis,
    periods_in_order,
    ratio,
    recent,
    record,
    scale_for,
    y_title,
)
from sinoreport.charts.words import labeled, lower_first, multiple, path_item, sentence, shown_note, value_of
from sinoreport.corpus import Row
from sinoreport.model import Kind

DATASET = "capex"
PLAN_METRICS = ("capex", "ai-infrastructure-investment", "ai-chip-spending")


def by_unit(rows: list[Row]) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for r in rows:
        out.setdefault(r.row.unit, []).append(r)
    return out


def money_panels(ctx: Ctx, rows: list[Row], make: Callable[[list[dict[str, Any]], Scale], alt.TopLevelMixin],
                 extra: Callable[[Row], dict[str, Any]] | None = None) -> alt.TopLevelMixin:
    """One panel per unit (currency), stacked; each with its own scale and unit-titled axis."""
    panels = []
    for unit, rs in by_unit(rows).items():
        sc = scale_for((r.row.value_high or r.row.value for r in rs), unit, ctx)
        recs = [record(ctx, r, sc, **(extra(r) if extra else {})) for r in rs]
        panels.append(make(recs, sc))
    if len(panels) == 1:
        return panels[0]
    return alt.vconcat(*panels).resolve_scale(x="independent", y="independent", color="independent",
                                              stroke="independent")


# --------------------------------------------------------------------------- CSPs vs US peers (TTM)


def china_vs_us(ctx: Ctx) -> Draft | None:
    every = latest_per_entity(ctx.rows(DATASET, metrics=["capex"], where=lambda r: r.row.period.startswith("TTM")))
    if not every:
        return None
    rows = [r for rs in by_unit(every).values() for r in largest(rs)]
    chart = money_panels(ctx, rows, lambda recs, sc: marks.hbars(
        ctx, recs, x_axis={"title": sc.unit},
        color_by="label", scale=marks.entity_scale(recs)))
    parts = []
    for unit_rows in by_unit(rows).values():
        hi = max(unit_rows, key=lambda r: r.row.value)
        lo = min(unit_rows, key=lambda r: r.row.value)
        k = ratio(hi.row.value, lo.row.value)
        if hi is not lo and k:
            parts.append(ctx.t("chart_capex_vs", top=ctx.name(hi.row.entity), top_v=value_of(ctx, record(ctx, hi)),
                               low=ctx.name(lo.row.entity), low_v=value_of(ctx, record(ctx, lo)),
                               ratio=multiple(ctx, k), period=ctx.period(hi.row.period)))
        else:
            parts.append(ctx.t("chart_point_item", entity=ctx.name(hi.row.entity),
                               value=value_of(ctx, record(ctx, hi)), period=ctx.period(hi.row.period)))
    return Draft(chart, sentence(ctx, [*parts, shown_note(ctx, len(rows), len(every))]), rows)


# --------------------------------------------------------------------------- global forecast


def global_forecast(ctx: Ctx) -> Draft | None:
    rows = main_series(recent(ctx.rows(DATASET, metrics=["capex"], where=lambda r: r.row.kind == Kind.forecast
                                       and not r.row.period.startswith("TTM"))))
    if not rows:
        return None
    order = [ctx.period(p) for p in periods_in_order(rows)]
    entities = list(dict.fromkeys(r.row.entity for r in rows))

    def make(recs: list[dict[str, Any]], sc: Scale) -> alt.TopLevelMixin:
        axis = y_title(sc.unit)
        if len(entities) == 1:
            return marks.period_bars(ctx, recs, order=order, y_axis=axis)
        return marks.path(ctx, recs, order=order, y_axis=axis)

    chart = money_panels(ctx, rows, make)
    series: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        series.setdefault(ctx.name(r.row.entity), []).append(record(ctx, r))
    return Draft(chart, sentence(ctx, [path_item(ctx, k, v) for k, v in series.items()]), rows)


# --------------------------------------------------------------------------- investment plans


def plans(ctx: Ctx) -> Draft | None:
    every = ctx.rows(DATASET, metrics=PLAN_METRICS, where=lambda r: r.row.kind == Kind.target)
    if not every:
        return None
    rows = [r for rs in by_unit(every).values() for r in largest(rs)]

    def label(r: Row) -> dict[str, Any]:
        # every bar here is a plan: drawn solid, the chart's title says so; the table marks each "target"
        return {"bar": labeled(ctx, f"{ctx.name(r.row.entity)} · {ctx.name(r.row.metric)}", ctx.period(r.row.period)),
                "projection": False}

    chart = money_panels(ctx, rows, lambda recs, sc: marks.hbars(
        ctx, recs, y_field="bar", x_axis={"title": sc.unit},
        color_by="label", scale=marks.entity_scale(recs)), extra=label)
    biggest = [max(rs, key=lambda r: r.row.value) for rs in by_unit(rows).values()]
    parts = [ctx.t("chart_plans_top", entity=ctx.name(r.row.entity), metric=lower_first(ctx, ctx.name(r.row.metric)),
                   value=ctx.value(r), period=ctx.period(r.row.period)) for r in biggest]
    return Draft(chart, sentence(ctx, [*parts, shown_note(ctx, len(rows), len(every))]), rows)


# --------------------------------------------------------------------------- growth, quarter on quarter


def growth_qoq(ctx: Ctx) -> Draft | None:
    every = latest_per_entity(ctx.rows(DATASET, metrics=["capex-growth-qoq"]))
    if not every:
        return None
    rows = largest(every, by_size=True)
    several_periods = len({r.row.period for r in rows}) > 1
    recs = [record(ctx, r, bar=labeled(ctx, ctx.name(r.row.entity), ctx.period(r.row.period)) if several_periods
                   else ctx.name(r.row.entity)) for r in rows]
    # one period for all bars: it titles the axis instead of repeating on every label
    axis = pct_axis("" if several_periods else ctx.period(rows[0].row.period))
    chart = marks.hbars(ctx, recs, y_field="bar", x_axis=axis, diverging=True)
    ranked = sorted(recs, key=lambda r: -r["x"])
    parts = [ctx.t("chart_growth_top", entity=ranked[0]["label"], value=value_of(ctx, ranked[0]),
                   period=ranked[0]["period_label"])]
    if len(ranked) > 1:
        parts.append(ctx.t("chart_growth_low", entity=ranked[-1]["label"], value=value_of(ctx, ranked[-1]),
                           period=ranked[-1]["period_label"]))
    return Draft(chart, sentence(ctx, [*parts, shown_note(ctx, len(rows), len(every))]), rows)


CHARTS = [
    ChartDef("capex-china-vs-us", china_vs_us, order=20, headline=True, datasets=(DATASET,)),
    ChartDef("global-ai-capex-forecast", global_forecast, order=30, datasets=(DATASET,)),
    ChartDef("ai-investment-plans", plans, order=40, datasets=(DATASET,)),
    ChartDef("capex-growth-qoq", growth_qoq, order=50, datasets=(DATASET,)),
]
