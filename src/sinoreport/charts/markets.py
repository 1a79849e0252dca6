"""Markets: the path of KWEB (the China internet ETF) and the year's moves of the named stocks."""

from __future__ import annotations

import re

import altair as alt

from sinoreport.charts import marks, style
from sinoreport.charts.base import (
    MAX_PERIODS,
    ChartDef,
    Ctx,
    Draft,
    largest,
    latest_per_entity,
    pct_axis,
    recent,
    record,
    scale_for,
    y_title,
)
from sinoreport.charts.words import labeled, lower_first, sentence, shown_note, value_of
from sinoreport.corpus import Row

DATASET = "markets"
KWEB = "kweb"
PRICE = "price"
CHANGES = ("price-change", "fund-return")
_DATED = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def _date(period: str) -> str | None:
    m = _DATED.match(period)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3) or '01'}" if m else None


def kweb_path(ctx: Ctx) -> Draft | None:
    prices = ctx.rows(DATASET, metrics=[PRICE],
                      where=lambda r: r.row.entity == KWEB and _date(r.row.period) is not None)
    changes = latest_per_entity(ctx.rows(DATASET, metrics=CHANGES, where=lambda r: r.row.entity == KWEB))
    prices = recent(prices, 3 * MAX_PERIODS)  # a path, not a tick chart
    if not prices:
        return None
    unit = prices[0].row.unit
    prices = [r for r in prices if r.row.unit == unit]
    sc = scale_for((r.row.value for r in prices), unit, ctx)
    recs = [record(ctx, r, sc, date=_date(r.row.period)) for r in prices]
    order = [r["period_label"] for r in recs]
    chart = marks.path(ctx, recs, order=order, temporal=True, y_axis=y_title(sc.unit),
                       colors={KWEB: style.PALETTE[0]}, height=220)
    notes = [ctx.t("chart_change_item", metric=lower_first(ctx, ctx.name(r.row.metric)),
                   value=value_of(ctx, record(ctx, r)),
                   period=ctx.period(r.row.period)) for r in changes]
    if notes:
        chart = chart.properties(title=alt.TitleParams(text=sentence(ctx, notes), orient="bottom", anchor="start",
                                                       fontSize=style.TEXT, fontWeight="normal", color=style.INK,
                                                       offset=10))
    first, last = recs[0], recs[-1]
    parts = [ctx.t("chart_path_item", entity=first["label"], first=first["text"], p1=first["period_label"],
                   last=last["text"], p2=last["period_label"]) if first is not last else
             ctx.t("chart_point_item", entity=first["label"], value=first["text"], period=first["period_label"])]
    return Draft(chart, sentence(ctx, parts + notes), prices + changes)


def _the_year(r: Row) -> bool:
    """A move over the year: year to date, twelve months, or a calendar year."""
    p = r.row.period
    return p.startswith(("YTD", "TTM")) or bool(re.fullmatch(r"\d{4}", p))


def stock_moves(ctx: Ctx) -> Draft | None:
    every = latest_per_entity(ctx.rows(DATASET, metrics=["price-change"],
                                       where=lambda r: _the_year(r) and r.row.unit == "%"))
    if not every:
        return None
    rows = largest(every, by_size=True)
    several = len({r.row.period for r in rows}) > 1
    recs = [record(ctx, r, bar=labeled(ctx, ctx.name(r.row.entity), ctx.period(r.row.period)) if several
                   else ctx.name(r.row.entity)) for r in rows]
    metric = ctx.name("price-change")
    title = metric if several else labeled(ctx, metric, ctx.period(rows[0].row.period))
    chart = marks.hbars(ctx, recs, y_field="bar", x_axis=pct_axis(title), diverging=True)
    ranked = sorted(recs, key=lambda r: -r["x"])
    top, low = ranked[0], ranked[-1]
    parts = [ctx.t("chart_moves_top", entity=top["label"], value=value_of(ctx, top), period=top["period_label"])]
    if low is not top:
        parts.append(ctx.t("chart_moves_low", entity=low["label"], value=value_of(ctx, low),
                           period=low["period_label"]))
    parts.append(shown_note(ctx, len(rows), len(every)))
    return Draft(chart, sentence(ctx, parts), rows)


CHARTS = [
    ChartDef("kweb-path", kweb_path, order=100, per_company=False, datasets=(DATASET,)),
    ChartDef("stock-moves", stock_moves, order=110, datasets=(DATASET,)),
]
