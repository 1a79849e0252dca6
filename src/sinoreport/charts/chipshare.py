"""China's AI-chip market: NVIDIA against domestic vendors over the years, forecasts dashed, with the
shipment volume noted under the chart."""

from __future__ import annotations

import altair as alt

from sinoreport.charts import marks, style
from sinoreport.charts.base import (
    ChartDef,
    Ctx,
    Draft,
    latest_per_entity,
    main_series,
    pct_axis,
    periods_in_order,
    recent,
    record,
)
from sinoreport.charts.words import path_item, sentence, value_of

DATASET = "ai-chip-share"
SHARE = "ai-chip-market-share-china"
SHIPMENTS = "ai-chip-shipments-china"
REFERENCE = "nvidia"  # the incumbent the domestic vendors are measured against


def share_path(ctx: Ctx) -> Draft | None:
    rows = main_series(recent(ctx.rows(DATASET, metrics=[SHARE])), keep=[REFERENCE])
    if not rows:
        return None
    shipped = latest_per_entity(ctx.rows(DATASET, metrics=[SHIPMENTS]))[-2:]  # the latest volumes
    recs = [record(ctx, r) for r in rows]
    order = [ctx.period(p) for p in periods_in_order(rows)]
    # the incumbent in NVIDIA green; the first challenger in red, any others from the palette
    challengers = sorted({r["entity"] for r in recs} - {REFERENCE})
    colors = {REFERENCE: style.NVIDIA, **({challengers[0]: style.DOMESTIC} if challengers else {})}
    chart = marks.path(ctx, recs, order=order, y_axis=pct_axis(), colors=colors, y_domain=[0, 100])
    ship_notes = [ctx.t("chart_shipments_note", entity=ctx.name(r.row.entity), value=value_of(ctx, record(ctx, r)),
                        period=ctx.period(r.row.period)) for r in shipped]
    if ship_notes:
        chart = chart.properties(title=alt.TitleParams(
            text=sentence(ctx, ship_notes), orient="bottom", anchor="start", fontSize=style.TEXT, fontWeight="normal",
            color=style.INK, offset=10))
    series: dict[str, list] = {}
    for r in recs:
        series.setdefault(r["label"], []).append(r)
    for pts in series.values():
        pts.sort(key=lambda p: order.index(p["period_label"]))
    takeaway = sentence(ctx, [path_item(ctx, label, pts) for label, pts in series.items()] + ship_notes)
    return Draft(chart, takeaway, rows + shipped)


CHARTS = [ChartDef("ai-chip-share-china", share_path, order=10, headline=True, datasets=(DATASET,))]
