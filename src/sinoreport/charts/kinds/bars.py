"""Bars: one horizontal bar per entity (and metric), ranked, each entity's latest figure by default.

Rows of different units or scopes are never ranked together: each (unit, scope) is a panel of its own
(stacked, with its own axis; titled with its scope when the chart has more than one), and the caption's
superlatives are only among comparable rows (same metric, unit and scope). Entities the source names
without a figure (`without_figure`) are said in the caption, and the superlatives then say "of those with
a figure". Options (docs/FORMATS.md, Charts): latest, top, by_size, diverging, label, color/colors,
benchmark, reference, transform, labels, axis, words, caption, without_figure, notes.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from sinoreport.charts import marks, style
from sinoreport.charts.base import (
    Ctx,
    Draft,
    Scale,
    largest,
    latest_per_entity,
    pct_axis,
    ratio,
    record,
    scale_for,
    select_rows,
)
from sinoreport.charts.words import (
    labeled,
    lower_first,
    multiple,
    no_figure_clauses,
    notes_of,
    said,
    scope_label,
    sentence,
    shown_note,
    template,
    upper_first,
    value_of,
    without_figure,
)
from sinoreport.corpus import Row
from sinoreport.model import PanelDecl


def panels(ctx: Ctx, rows: list[Row]) -> list[tuple[tuple[str, str], list[Row]]]:
    """Rows by (unit, scope): the larger groups first, then in order of first appearance."""
    out: dict[tuple[str, str], list[Row]] = {}
    for r in rows:
        out.setdefault((r.row.unit, ctx.corpus.scope_of(r.row)), []).append(r)
    order = list(out)
    return sorted(out.items(), key=lambda kv: (-len(kv[1]), order.index(kv[0])))


def metric_label(ctx: Ctx, decl: PanelDecl, metric: str) -> str:
    label = decl.labels.get(metric)
    return ctx.view.name(label) if label is not None else ctx.name(metric)


def build(ctx: Ctx, decl: PanelDecl) -> Draft | None:
    assert decl.select is not None  # the model requires it for bars
    every = select_rows(ctx, decl.select)
    bench: Row | None = None
    if decl.benchmark is not None:
        b = decl.benchmark.entity
        every = [r for r in every if r.row.entity != b]
        # the selection's rows of the benchmark, whatever its entity filters (and in a company's chart too)
        anyone = decl.select.model_copy(update={"entities": None, "exclude": []})
        found = ctx.rows(anyone.dataset, metrics=anyone.metrics, narrow=False,
                         where=lambda r: r.row.entity == b and anyone.admits(r.row))
        bench = found[-1] if found else None  # its latest figure
    if decl.latest is not False:
        every = latest_per_entity(every)
    if not every:
        return None
    groups = panels(ctx, every)
    scopes = {scope for (_, scope), _ in groups}
    several = len(scopes) > 1
    missing = without_figure(ctx, decl.without_figure)
    missing_scopes = {ctx.corpus.entity_scope(w.entity) for w in missing}
    charts: list[alt.TopLevelMixin] = []
    clauses: list[str] = []
    drawn: list[Row] = []
    bench_drawn = False
    for (unit, scope), rs in groups:
        rows = largest(rs, decl.top, by_size=decl.by_size)
        drawn += rows
        rule = None
        if bench is not None and bench.row.unit == unit and not bench_drawn and (
                ctx.corpus.scope_of(bench.row) == scope
                or not any(u == unit and s == ctx.corpus.scope_of(bench.row) for (u, s), _ in groups)):
            bench_drawn = True
            rule = {"x": bench.row.value, "label": ctx.t(
                "chart_benchmark_line", entity=ctx.name(bench.row.entity), value=ctx.value(bench),
                period=ctx.period(bench.row.period))}
        chart, recs = _panel(ctx, decl, rows, unit, rule)
        if several:
            chart = chart.properties(title=alt.TitleParams(
                text=upper_first(ctx, scope_label(ctx, scope)), anchor="start", fontSize=style.TEXT + 1,
                fontWeight="bold", color=style.INK, offset=6))
        charts.append(chart)
        clauses += _caption(ctx, decl, recs, scope if several else None,
                            partial=scope in missing_scopes or (not several and bool(missing)))
    if bench is not None:
        clauses.append(ctx.t("chart_benchmark_item", entity=ctx.name(bench.row.entity), value=ctx.value(bench),
                             period=ctx.period(bench.row.period)))
    clauses += no_figure_clauses(ctx, decl.without_figure)
    clauses.append(shown_note(ctx, len(drawn), len(every)))
    note_rows, note_clauses, chart_notes = notes_of(ctx, decl)
    clauses += note_clauses
    chart = charts[0] if len(charts) == 1 else alt.vconcat(*charts).resolve_scale(
        x="independent", y="independent", color="independent", stroke="independent")
    if chart_notes:
        chart = marks.with_note(chart, chart_notes)
    rows_out = drawn + ([bench] if bench is not None else []) + note_rows
    clauses = [c for c in clauses if c]
    return Draft(chart, sentence(ctx, clauses), rows_out, clauses=tuple(clauses))


def _scale(ctx: Ctx, rows: list[Row], unit: str) -> Scale:
    return scale_for((r.row.value_high or r.row.value for r in rows), unit, ctx)


def _panel(ctx: Ctx, decl: PanelDecl, rows: list[Row], unit: str,
           rule: dict[str, Any] | None) -> tuple[alt.TopLevelMixin, list[dict[str, Any]]]:
    sc = _scale(ctx, rows, unit)
    metrics = list(dict.fromkeys(r.row.metric for r in rows))
    periods = {r.row.period for r in rows}
    recs = []
    for r in rows:
        name = ctx.name(r.row.entity)
        mlabel = metric_label(ctx, decl, r.row.metric)
        bar = name
        if decl.label == "entity-metric" or (decl.label == "auto" and len(metrics) > 1):
            bar = f"{name} · {mlabel}"
        if decl.label == "auto" and len(periods) > 1:
            bar = labeled(ctx, bar, ctx.period(r.row.period))
        extra: dict[str, Any] = {"bar": bar, "metric_label": mlabel,
                                 "name": f"{name} · {mlabel}" if len(metrics) > 1 else name}
        if decl.transform.get(r.row.metric) == "complement":
            shown = 100 - r.row.value
            extra |= {"x": shown / sc.divisor, "text": ctx.view.amount(shown, r.row.unit)}
        recs.append(record(ctx, r, sc, **extra))
    if decl.reference is not None:
        ref_text = ctx.view.amount(decl.reference.value, unit)
        rule = {"x": decl.reference.value / sc.divisor,
                "label": template(ctx, decl.reference.label, ref=ref_text, value=ref_text) or ref_text}
    elif rule is not None:
        rule = dict(rule, x=rule["x"] / sc.divisor)
    metric = metric_label(ctx, decl, metrics[0]) if len(metrics) == 1 else ""
    period = ctx.period(next(iter(periods))) if len(periods) == 1 else ""
    if decl.axis is not None and decl.axis.title is not None:
        title = template(ctx, decl.axis.title, unit=sc.unit, metric=metric, period=period)
    else:
        title = metric if unit == "%" else (labeled(ctx, metric, sc.unit) if metric else sc.unit)
        if period:
            title = labeled(ctx, title, period) if title else period
    axis = pct_axis(title) if unit == "%" else {"title": title}
    color = decl.color or ("entity" if decl.colors else "none")
    kw: dict[str, Any] = {}
    if decl.diverging:
        kw["diverging"] = True
    elif color == "entity":
        kw |= {"color_by": "label", "scale": marks.entity_scale(recs, fixed=decl.colors)}
    elif color == "metric":
        labels = list(dict.fromkeys(r["metric_label"] for r in recs))
        kw |= {"color_by": "metric_label", "legend": True,
               "scale": alt.Scale(domain=labels, range=style.PALETTE[: len(labels)])}
    chart = marks.hbars(ctx, recs, y_field="bar", x_axis=axis, rule=rule, **kw)
    return chart, recs


def _word(ctx: Ctx, word: str, scope: str | None, partial: bool) -> str:
    if scope is not None:
        key = "chart_word_among_with_figure" if partial else "chart_word_among"
        return ctx.t(key, word=word, scope=scope_label(ctx, scope))
    return ctx.t("chart_word_with_figure", word=word) if partial else word


def _caption(ctx: Ctx, decl: PanelDecl, recs: list[dict[str, Any]], scope: str | None, *,
             partial: bool) -> list[str]:
    """The caption's clauses for one panel: per metric (rows of one metric, unit and scope compare)."""
    mode = decl.caption or "rank"
    if mode == "none":
        return []
    by_metric: dict[str, list[dict[str, Any]]] = {}
    for r in recs:
        by_metric.setdefault(r["metric"], []).append(r)
    out = []
    words = decl.words
    for group in sorted(by_metric.values(), key=lambda g: -len(g)):
        ranked = sorted(group, key=lambda r: -r["x"])
        top, low = ranked[0], ranked[-1]
        if top is low:
            out.append(ctx.t("chart_point_item", entity=top["name"], value=value_of(ctx, top),
                             period=top["period_label"]))
        elif mode == "ratio" and (k := ratio(top["x"], low["x"])) and k > 0:
            out.append(ctx.t("chart_ratio_item", top=top["label"], top_v=value_of(ctx, top), low=low["label"],
                             low_v=value_of(ctx, low), ratio=multiple(ctx, k), period=top["period_label"]))
        elif mode == "largest":
            word = _word(ctx, said(ctx, words.top if words else None, "chart_word_largest"), scope, partial)
            out.append(ctx.t("chart_largest_item", word=word, entity=top["label"],
                             metric=lower_first(ctx, top["metric_label"]), value=value_of(ctx, top),
                             period=top["period_label"]))
        else:  # rank (also a ratio of values that cannot be divided)
            hi = _word(ctx, said(ctx, words.top if words else None, "chart_word_highest"), scope, partial)
            lo = _word(ctx, said(ctx, words.low if words else None, "chart_word_lowest"), scope, partial)
            out.append(ctx.t("chart_rank_item", word=hi, entity=top["name"], value=value_of(ctx, top),
                             period=top["period_label"]))
            out.append(ctx.t("chart_rank_item", word=lo, entity=low["name"], value=value_of(ctx, low),
                             period=low["period_label"]))
    return out
