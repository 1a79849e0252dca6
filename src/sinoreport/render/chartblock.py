"""A chart embedded in a page: inline SVG first (works without JavaScript, in print and feeds),
with the takeaway, the sources as links relative to this page, and the data as a collapsible table."""

from __future__ import annotations

from sinoreport.charts import Chart
from sinoreport.render.text import MD, attr, escape
from sinoreport.render.view import View


def chart_block(v: View, chart: Chart) -> MD:
    sources = []
    for aid in chart.sources:
        a = v.corpus.articles.get(aid)
        if a is None:
            continue
        outlet = v.corpus.outlet_for(a.outlet)
        label = f"{v.name(outlet) if outlet else a.outlet}, {v.date(a.date, a.date_precision)}"
        sources.append(f"[{escape(label)}]({v.url(f'articles/{a.id}.md')})")
    rows = "\n".join(
        f"| {escape(v.name_of(r.row.entity))} | {escape(v.name_of(r.row.metric))} | {escape(v.period(r.row.period))} "
        f"| {escape(v.value(r.row))}{' (' + escape(v.kind(r.row.kind)) + ')' if r.row.kind != 'actual' else ''} |"
        for r in chart.rows
    )
    table = (
        f"| {escape(v.t('entity'))} | {escape(v.t('metric'))} | {escape(v.t('period'))} | {escape(v.t('value'))} |\n"
        f"|---|---|---|--:|\n{rows}"
    )
    return MD(
        f'<figure class="sr-chart" id="chart-{attr(chart.id)}" markdown>\n\n'
        f'<div class="sr-chart-svg">{chart.svg}</div>\n\n'
        f'<figcaption markdown>\n\n**{escape(chart.title)}** — {escape(chart.takeaway)}\n\n'
        f"{escape(v.t('sources'))}: {' · '.join(sources)}\n\n</figcaption>\n\n"
        f'<details class="sr-chart-data" markdown>\n<summary>{escape(v.t("chart_data"))}</summary>\n\n{table}\n\n'
        f"</details>\n\n</figure>"
    )
