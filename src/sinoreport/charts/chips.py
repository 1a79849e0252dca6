"""Chips: domestic accelerators against NVIDIA references (normalized: the reference chip = 100%),
cluster scale, and NVIDIA's revenue and share from mainland China."""

from __future__ import annotations

from typing import Any

import altair as alt

from sinoreport.charts import marks, style
from sinoreport.charts.base import (
    ChartDef,
    Ctx,
    Draft,
    largest,
    latest_per_entity,
    pct_axis,
    periods_in_order,
    recent,
    record,
    scale_for,
    y_title,
)
from sinoreport.charts.words import labeled, path_item, sentence, shown_note
from sinoreport.corpus import Row

DATASET = "chips"
REFERENCE_COMPANY = "nvidia"
# metric → how a row becomes "% of the reference chip", and the short label of the comparison
RELATIVE = {
    "compute-vs-reference": ("as_is", "chart_cmp_compute"),
    "inference-cost-vs-reference": ("as_is", "chart_cmp_inference_cost"),
    "unit-cost-reduction-vs-reference": ("complement", "chart_cmp_unit_cost"),  # 30% lower → 70% of it
}
CLUSTER = "cluster-scale"


def reference_name(ctx: Ctx, r: Row) -> str:
    """The NVIDIA chip a row is measured against, as named in the row's note (a product of the
    reference company), else the company itself."""
    co = ctx.corpus.companies.get(REFERENCE_COMPANY)
    note = " ".join(filter(None, [r.row.note.en, r.row.note.zh])) if r.row.note else ""
    for p in co.products if co else ():
        forms = [p.name.en, p.name.zh or "", *p.aliases]
        if any(f and f in note for f in forms):
            return ctx.view.name(p)
    return ctx.name(REFERENCE_COMPANY)


def domestic_vs_nvidia(ctx: Ctx) -> Draft | None:
    rel_all = latest_per_entity(ctx.rows(DATASET, metrics=list(RELATIVE)))
    cluster_all = latest_per_entity(ctx.rows(DATASET, metrics=[CLUSTER]))
    if not rel_all and not cluster_all:
        return None
    rel_rows, cluster_rows = largest(rel_all), largest(cluster_all)
    panels = []
    parts = []
    if rel_rows:
        refs = {reference_name(ctx, r) for r in rel_rows}
        recs = []
        for r in rel_rows:
            how, key = RELATIVE[r.row.metric]
            pct = r.row.value if how == "as_is" else 100 - r.row.value
            ref = reference_name(ctx, r)
            recs.append(record(ctx, r, x=pct, text=ctx.view.amount(pct, "%"),
                               bar=ctx.t("chart_cmp_bar", chip=ctx.name(r.row.entity), what=ctx.t(key), ref=ref)))
            if len(parts) < 3:  # the takeaway names a few; the chart and table show them all
                parts.append(ctx.t("chart_cmp_item", chip=ctx.name(r.row.entity), what=ctx.t(key),
                                   value=ctx.view.amount(pct, "%"), ref=ref))
        rule_label = ctx.t("chart_reference_line", ref=next(iter(refs)) if len(refs) == 1
                           else ctx.name(REFERENCE_COMPANY))
        panels.append(marks.hbars(ctx, recs, y_field="bar", x_axis=pct_axis(ctx.t("chart_pct_of_reference")),
                                  rule={"x": 100, "label": rule_label}))
    if cluster_rows:
        unit = cluster_rows[0].row.unit
        same = [r for r in cluster_rows if r.row.unit == unit]
        sc = scale_for((r.row.value for r in same), unit, ctx)
        recs = [record(ctx, r, sc, bar=ctx.name(r.row.entity)) for r in same]
        for rec, r in zip(recs, same, strict=True):
            rec["ref"] = "reference" if _is_reference(ctx, r.row.entity) else "domestic"
        panels.append(marks.hbars(ctx, recs, y_field="bar", color_by="ref",
                                  scale=alt.Scale(domain=["reference", "domestic"],
                                                  range=[style.NVIDIA, style.DOMESTIC]),
                                  x_axis={"title": labeled(ctx, ctx.name(CLUSTER), sc.unit)}))
        top = max(same, key=lambda r: r.row.value)
        parts.append(ctx.t("chart_cluster_item", chip=ctx.name(top.row.entity), value=ctx.value(top)))
    chart = panels[0] if len(panels) == 1 else alt.vconcat(*panels).resolve_scale(x="independent")
    intro = ctx.t("chart_cmp_intro") if rel_rows else ""
    parts.append(shown_note(ctx, len(rel_rows) + len(cluster_rows), len(rel_all) + len(cluster_all)))
    return Draft(chart, intro + sentence(ctx, parts), rel_rows + cluster_rows)


def _is_reference(ctx: Ctx, entity: str) -> bool:
    co = ctx.corpus.companies.get(REFERENCE_COMPANY)
    return entity == REFERENCE_COMPANY or bool(co and any(p.id == entity for p in co.products))


# --------------------------------------------------------------------------- NVIDIA in China

NV_DATASET = "nvidia-china"
NV_REVENUE = "china-revenue"
NV_SHARE = "china-revenue-share"


def nvidia_china(ctx: Ctx) -> Draft | None:
    rev = recent(ctx.rows(NV_DATASET, metrics=[NV_REVENUE]))
    share = recent(ctx.rows(NV_DATASET, metrics=[NV_SHARE]))
    if not rev and not share:
        return None
    panels = []
    parts = []
    for rows, is_share in ((rev, False), (share, True)):
        if not rows:
            continue
        order = [ctx.period(p) for p in periods_in_order(rows)]
        if is_share:
            recs = [record(ctx, r) for r in rows]
            axis = pct_axis() | y_title(ctx.name(NV_SHARE))
            panels.append(marks.path(ctx, recs, order=order, y_axis=axis, height=200,
                                     colors={REFERENCE_COMPANY: style.NVIDIA}))
        else:
            unit = rows[0].row.unit
            rows = [r for r in rows if r.row.unit == unit]  # one currency on this axis
            sc = scale_for((r.row.value for r in rows), unit, ctx)
            recs = [record(ctx, r, sc) for r in rows]
            panels.append(marks.period_bars(ctx, recs, order=order, height=200,
                                            width=style.WIDTH,
                                            y_axis=y_title(labeled(ctx, ctx.name(NV_REVENUE), sc.unit))))
        series: dict[str, list[dict[str, Any]]] = {}
        for rec in recs:
            series.setdefault(f"{rec['label']} · {rec['metric_label']}", []).append(rec)
        for k, pts in series.items():
            pts.sort(key=lambda p: order.index(p["period_label"]))
            parts.append(path_item(ctx, k, pts))
    chart = panels[0] if len(panels) == 1 else alt.vconcat(*panels).resolve_scale(
        x="independent", y="independent", color="independent", strokeDash="independent")
    return Draft(chart, sentence(ctx, parts), rev + share)


CHARTS = [
    ChartDef("domestic-chips-vs-nvidia", domestic_vs_nvidia, order=60, datasets=(DATASET,)),
    ChartDef("nvidia-china-revenue", nvidia_china, order=70, datasets=(NV_DATASET,)),
]
