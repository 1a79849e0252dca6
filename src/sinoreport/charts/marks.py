"""Chart shapes the families share: a path over periods with projections dashed, horizontal bars with
labels, and bars by period with projections faded. All take localized records (base.record)."""

from __future__ import annotations

from typing import Any

import altair as alt

from sinoreport.charts import style
from sinoreport.charts.base import (
    Ctx,
    bar_height,
    continuous,
    nice_max,
    pct_axis,
    std_tooltip,
    value_axis,
    values,
    y_title,
)


def entity_scale(records: list[dict[str, Any]], *, field: str = "label",
                 fixed: dict[str, str] | None = None) -> alt.Scale:
    """One color per entity, assigned in entity-id order so a company has the same color in every locale;
    `fixed` pins colors by entity id (a declaration's `colors:`)."""
    by_id: dict[str, str] = {}
    for r in sorted(records, key=lambda r: r["entity"]):
        by_id.setdefault(r["entity"], r[field])
    pins = fixed or {}
    free = iter(c for c in style.PALETTE if c not in pins.values())
    rng = [pins[e] if e in pins else next(free, style.PALETTE[-1]) for e in by_id]
    return alt.Scale(domain=list(by_id.values()), range=rng)


def entity_color(records: list[dict[str, Any]], *, field: str = "label", legend: bool = False,
                 fixed: dict[str, str] | None = None) -> alt.Color:
    """The color channel for `entity_scale`."""
    return alt.Color(f"{field}:N", scale=entity_scale(records, field=field, fixed=fixed),
                     legend=alt.Legend(title=None, orient="top") if legend else None)


def kind_scale(ctx: Ctx, records: list[dict[str, Any]], *, key: str = "seg") -> tuple[list[str], list[bool]]:
    """How values are drawn, for the legend: the kinds present ('actual' first), and which are projections."""
    actual = ctx.kind("actual")
    labels = [actual] if any(r[key] == actual for r in records) else []
    for r in records:
        if r[key] not in labels:
            labels.append(r[key])
    return labels, [lab != actual for lab in labels]


def path(ctx: Ctx, records: list[dict[str, Any]], *, order: list[str], y_axis: dict[str, Any],
         colors: dict[str, str] | None = None, temporal: bool = False, x_title: str | None = None,
         height: int = 260, y_domain: list[float] | None = None) -> alt.LayerChart:
    """Lines per series over periods; the segment into forecasts/targets is dashed, their points hollow.

    Each record needs entity, label (series), period_label, x (axis value), text, projection, kind_label;
    with `temporal`, also `date` (ISO). `order` lists the period labels in time order; `colors` pins
    colors by entity id.
    """
    recs: list[dict[str, Any]] = []
    by_series: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_series.setdefault(r["label"], []).append(r)
    for _, pts in by_series.items():
        pts.sort(key=lambda p: order.index(p["period_label"]) if p["period_label"] in order else 0)
        last_actual = None
        run = 0
        for prev, p in zip([None, *pts], pts, strict=False):
            # a hole in the periods (2019 then 2025, 2023 then 2025) starts a new line: the chart does not
            # draw a trend through years it has no figure for
            if prev is not None and not continuous(prev, p, temporal=temporal):
                run += 1
                last_actual = None
            if not p["projection"]:
                recs.append({**p, "seg": ctx.kind("actual"), "bridge": False, "run": f"{run}"})
                last_actual = p
            else:
                if last_actual is not None:  # the dashed segment starts at the last actual value
                    recs.append({**last_actual, "seg": p["kind_label"], "bridge": True, "run": f"{run}"})
                    last_actual = None
                recs.append({**p, "seg": p["kind_label"], "bridge": False, "run": f"{run}"})
    for r in recs:
        r["part"] = f"{r.pop('run')}:{r['seg']}"
    segs, proj = kind_scale(ctx, recs)
    has_proj = any(proj)
    dash = [style.FORECAST_DASH if p else [1, 0] for p in proj]
    # where two series meet at a period, the lower value's label goes under its point
    for r in recs:
        r["below"] = any(o["period_label"] == r["period_label"] and o["label"] != r["label"] and o["x"] > r["x"]
                         for o in recs)
    x = (alt.X("date:T", title=x_title, scale=alt.Scale(padding=36),
               axis=alt.Axis(format="%Y年" if ctx.loc.zh else "%Y", tickCount="year", labelAngle=0, grid=False))
         if temporal else
         alt.X("period_label:N", sort=order, title=x_title, axis=alt.Axis(labelAngle=0, grid=False,
                                                                         labelLimit=140)))
    # headroom above the highest point for its label
    domain = y_domain or [0, nice_max((r["x"] for r in recs), pad=1.18)]
    y = alt.Y("x:Q", axis=alt.Axis(**value_axis(y_axis, domain[0], domain[1], 5)),
              scale=alt.Scale(domain=domain, nice=True))
    legend = alt.Legend(title=None, orient="top") if len(by_series) > 1 else None
    color = alt.Color("label:N", scale=entity_scale(recs, fixed=colors), legend=legend)
    stroke = alt.Stroke("label:N", scale=entity_scale(recs, fixed=colors), legend=legend)  # one merged legend
    # channel objects, not dicts or shorthand strings: Altair re-reads its whole schema for each of those
    pos = alt.Chart(values(recs)).encode(x=x, y=y)
    line = pos.mark_line().encode(
        color=color,
        strokeDash=alt.StrokeDash("seg:N", scale=alt.Scale(domain=segs, range=dash),
                                  legend=alt.Legend(title=None, orient="top", symbolType="stroke", symbolSize=500,
                                                    symbolStrokeColor=style.INK, symbolStrokeWidth=2)
                                  if has_proj else None),
        detail=alt.Detail("part:N"),  # one line per kind of value and unbroken run of periods
    )
    pts = pos.transform_filter("!datum.bridge")
    dots = pts.mark_point(filled=True, size=70, strokeWidth=2).encode(
        color=color, stroke=stroke,
        fillOpacity=alt.FillOpacityValue(1, condition={"test": "datum.projection", "value": 0.15}),
        tooltip=std_tooltip(ctx),
    )
    layers = [line, dots]
    if any(not r["below"] for r in recs):  # (an empty layer makes Vega warn about an infinite extent)
        layers.append(pts.transform_filter("!datum.below").mark_text(dy=-13, fontWeight="bold", color=style.INK)
                      .encode(text=alt.Text("text:N")))
    if any(r["below"] for r in recs):
        layers.append(pts.transform_filter("datum.below").mark_text(dy=16, fontWeight="bold", color=style.INK)
                      .encode(text=alt.Text("text:N")))
    return alt.layer(*layers).properties(width=style.WIDTH, height=height)


def hbars(ctx: Ctx, records: list[dict[str, Any]], *, x_axis: dict[str, Any], y_field: str = "label",
          color_by: str | None = None, scale: alt.Scale | None = None, legend: bool = False,
          sort: list[str] | None = None, rule: dict[str, Any] | None = None,
          diverging: bool = False) -> alt.LayerChart:
    """Horizontal bars with their formatted value beside them; projections faded and dashed.

    `color_by` + `scale`: color the bars by a field (entity, metric); `rule`: a reference line
    {"x": value, "label": text} (a benchmark company, the reference chip); `diverging`: gains and losses
    in two colors with labels on the outer side of each bar.
    """
    xs = [r["x"] for r in records] + ([rule["x"]] if rule else [])
    lo = min(0.0, min(xs, default=0.0))
    hi = max(0.0, max(xs, default=0.0))
    span = (hi - lo) or 1.0
    domain = [lo - (span * 0.22 if lo < 0 else 0), hi + span * 0.22 if hi > 0 else 0.0]
    order = list(dict.fromkeys(sort or [r[y_field] for r in sorted(records, key=lambda r: -r["x"])]))
    y = alt.Y(f"{y_field}:N", sort=order, title=None, axis=alt.Axis(labelLimit=340, ticks=False, domain=False))
    x = alt.X("x:Q", axis=alt.Axis(**value_axis(x_axis, domain[0], domain[1], 6)),
              scale=alt.Scale(domain=domain, nice=False))
    base = alt.Chart(values(records)).encode(y=y, x=x)
    if diverging:
        gain = {"test": "datum.x >= 0", "value": style.UP}
        fill, stroke = alt.ColorValue(style.DOWN, condition=gain), alt.StrokeValue(style.DOWN, condition=gain)
    elif color_by is not None:
        lg = alt.Legend(title=None, orient="top") if legend else None
        fill, stroke = alt.Color(f"{color_by}:N", scale=scale, legend=lg), alt.Stroke(f"{color_by}:N", scale=scale,
                                                                                        legend=lg)
    else:
        fill, stroke = alt.ColorValue(style.PALETTE[0]), alt.StrokeValue(style.PALETTE[0])
    bars = base.mark_bar(height={"band": 0.72}, strokeWidth=1.5).encode(
        color=fill, stroke=stroke,
        fillOpacity=alt.FillOpacityValue(1, condition={"test": "datum.projection",
                                                       "value": style.FORECAST_OPACITY}),
        strokeDash=alt.StrokeDashValue([1, 0], condition={"test": "datum.projection",
                                                          "value": style.FORECAST_DASH}),
        tooltip=std_tooltip(ctx),
    )
    # value labels on the outer side of each bar: right of gains, left of losses
    text = base.transform_filter("datum.x >= 0").mark_text(dx=5, align="left", color=style.INK).encode(
        text=alt.Text("text:N"))
    layers: list[alt.Chart] = [bars, text]
    if lo < 0:
        layers.append(base.transform_filter("datum.x < 0").mark_text(dx=-5, align="right", color=style.INK)
                      .encode(text=alt.Text("text:N")))
    if rule is not None:
        rr = alt.Chart(values([rule])).encode(x=alt.X("x:Q"))
        layers.append(rr.mark_rule(strokeDash=[4, 3], color=style.BENCHMARK, strokeWidth=2))
        layers.append(rr.mark_text(align="left", dx=4, baseline="top", y=-14, color=style.INK)
                      .encode(text=alt.Text("label:N")))
    if lo < 0:
        layers.append(alt.Chart(values([{"x": 0}])).mark_rule(color=style.INK, opacity=0.5)
                      .encode(x=alt.X("x:Q")))
    return alt.layer(*layers).properties(width=style.WIDTH - 160, height=bar_height(len(order)))


def period_bars(ctx: Ctx, records: list[dict[str, Any]], *, order: list[str], y_axis: dict[str, Any],
                height: int = 240, width: int | None = None) -> alt.LayerChart:
    """Vertical bars per period (one series); forecasts/targets faded with a dashed outline, and the
    legend says which kind each style is (even when every bar is a forecast)."""
    for r in records:
        r["seg"] = r["kind_label"] if r["projection"] else ctx.kind("actual")
    segs, proj = kind_scale(ctx, records)
    legend = alt.Legend(title=None, orient="top", symbolType="square", symbolSize=180,
                        symbolStrokeColor=style.PALETTE[0], symbolFillColor=style.PALETTE[0]) if any(proj) else None
    top = nice_max(r["x"] for r in records)
    base = alt.Chart(values(records)).encode(
        x=alt.X("period_label:N", sort=order, title=None, axis=alt.Axis(labelAngle=0, grid=False)),
        y=alt.Y("x:Q", axis=alt.Axis(**value_axis(y_axis, 0, top, 5)), scale=alt.Scale(domain=[0, top])),
    )
    bars = base.mark_bar(width={"band": 0.6}, strokeWidth=1.5, color=style.PALETTE[0],
                         stroke=style.PALETTE[0]).encode(
        fillOpacity=alt.FillOpacity("seg:O", sort=segs, scale=alt.Scale(
            type="ordinal", domain=segs, range=[style.FORECAST_OPACITY if p else 1 for p in proj]), legend=legend),
        strokeDash=alt.StrokeDash("seg:O", sort=segs, scale=alt.Scale(
            domain=segs, range=[style.FORECAST_DASH if p else [1, 0] for p in proj]), legend=legend),
        tooltip=std_tooltip(ctx),
    )
    text = base.mark_text(dy=-8, baseline="bottom", fontWeight="bold", color=style.INK).encode(
        text=alt.Text("text:N"))
    return alt.layer(bars, text).properties(width=width or min(style.WIDTH, 120 * len(order) + 80), height=height)


def with_note(chart: alt.TopLevelMixin, text: str) -> alt.TopLevelMixin:
    """A sentence set under the chart (figures stated rather than drawn: shipments, a fund's return)."""
    return chart.properties(title=alt.TitleParams(text=text, orient="bottom", anchor="start", fontSize=style.TEXT,
                                                  fontWeight="normal", color=style.INK, offset=10))


__all__ = ["hbars", "path", "pct_axis", "period_bars", "y_title"]
