"""User scale: daily and monthly active users and total users of the products in the corpus."""

from __future__ import annotations

import altair as alt

from sinoreport.charts import marks, style
from sinoreport.charts.base import ChartDef, Ctx, Draft, largest, latest_per_entity, record, scale_for
from sinoreport.charts.words import sentence, shown_note, value_of

DATASET = "users"
METRICS = ("dau", "mau", "users")  # counts of people; time spent and the like are other charts' business


def user_scale(ctx: Ctx) -> Draft | None:
    every = latest_per_entity(ctx.rows(DATASET, metrics=METRICS, where=lambda r: r.row.unit == "users"))
    if not every:
        return None
    rows = largest(every)
    sc = scale_for((r.row.value for r in rows), "users", ctx)
    recs = [record(ctx, r, sc, bar=ctx.name(r.row.entity)) for r in rows]
    metrics = list(dict.fromkeys(r["metric_label"] for r in recs))
    chart = marks.hbars(ctx, recs, y_field="bar", color_by="metric_label", legend=True,
                        scale=alt.Scale(domain=metrics, range=style.PALETTE[: len(metrics)]),
                        x_axis={"title": ctx.t("chart_users_axis", unit=sc.unit)})
    ranked = sorted(recs, key=lambda r: -r["value"])
    top = ranked[0]
    parts = [ctx.t("chart_users_top", entity=top["label"], value=value_of(ctx, top), metric=top["metric_label"],
                   period=top["period_label"])]
    return Draft(chart, sentence(ctx, [*parts, shown_note(ctx, len(rows), len(every))]), rows)


CHARTS = [ChartDef("user-scale", user_scale, order=120, datasets=(DATASET,))]
