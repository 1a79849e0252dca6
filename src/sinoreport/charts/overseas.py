"""Overseas revenue share by company, with Google's share as the benchmark line."""

from __future__ import annotations

from sinoreport.charts import marks
from sinoreport.charts.base import ChartDef, Ctx, Draft, largest, latest_per_entity, pct_axis, record
from sinoreport.charts.words import labeled, sentence, shown_note, value_of

DATASET = "overseas-revenue"
METRIC = "overseas-revenue-share"
BENCHMARK = "google"  # the company the Chinese giants are measured against in the source reporting


def overseas_share(ctx: Ctx) -> Draft | None:
    every = latest_per_entity([r for r in ctx.rows(DATASET, metrics=[METRIC]) if r.row.entity != BENCHMARK])
    if not every:
        return None
    rows = largest(every)
    bench = ctx.rows(DATASET, metrics=[METRIC], where=lambda r: r.row.entity == BENCHMARK, narrow=False)
    b = bench[-1] if bench else None  # the latest benchmark figure
    several = len({r.row.period for r in rows}) > 1
    recs = [record(ctx, r, bar=labeled(ctx, ctx.name(r.row.entity), ctx.period(r.row.period)) if several
                   else ctx.name(r.row.entity)) for r in rows]
    rule = None
    if b is not None:
        rule = {"x": b.row.value, "label": ctx.t("chart_benchmark_line", entity=ctx.name(BENCHMARK),
                                                 value=ctx.value(b), period=ctx.period(b.row.period))}
    chart = marks.hbars(ctx, recs, y_field="bar", x_axis=pct_axis(ctx.name(METRIC)), rule=rule)
    ranked = sorted(recs, key=lambda r: -r["x"])
    if b is not None:
        parts = [ctx.t("chart_overseas_top", entity=ranked[0]["label"], value=value_of(ctx, ranked[0]),
                       bench=ctx.name(BENCHMARK), bench_v=ctx.value(b))]
    else:
        parts = [ctx.t("chart_point_item", entity=ranked[0]["label"], value=value_of(ctx, ranked[0]),
                       period=ranked[0]["period_label"])]
    if len(ranked) > 1:
        parts.append(ctx.t("chart_overseas_low", entity=ranked[-1]["label"], value=value_of(ctx, ranked[-1])))
    parts.append(shown_note(ctx, len(rows), len(every)))
    return Draft(chart, sentence(ctx, parts), rows + bench[-1:])


CHARTS = [ChartDef("overseas-revenue-share", overseas_share, order=80, datasets=(DATASET,))]
