"""A chart embedded in a page: inline SVG first (works without JavaScript, in print and feeds),
with the takeaway, the sources as links relative to this page, and the data as a collapsible table.

The localized Vega-Lite spec rides along as `<script type="application/json">`; the loader
(templates/assets/charts.js) swaps in the interactive view from the locally served bundle (named in
`data-vega`, beside the loader) when the reader reaches for a chart (pointer, touch, focus), and leaves
the SVG if anything fails.
"""

from __future__ import annotations

import json

from sinoreport.charts import Chart
from sinoreport.charts.render import bundle_name
from sinoreport.render.text import MD, attr, escape
from sinoreport.render.view import View


def _spec_json(spec: dict) -> str:
    # inside <script>: "<" escaped so no text in the data can close the element
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _table(v: View, chart: Chart) -> str:
    if chart.table is not None:
        header, rows = chart.table
        head = "| " + " | ".join(escape(h) for h in header) + " |"
        rule = "|" + "---|" * len(header)
        body = "\n".join("| " + " | ".join(escape(c) for c in row) + " |" for row in rows)
        return f"{head}\n{rule}\n{body}"
    rows = "\n".join(
        f"| {escape(v.name_of(r.row.entity))} | {escape(v.name_of(r.row.metric))} | {escape(v.period(r.row.period))} "
        f"| {escape(v.value(r.row))}{' (' + escape(v.kind(r.row.kind)) + ')' if r.row.kind != 'actual' else ''} |"
        for r in chart.rows
    )
    return (
        f"| {escape(v.t('entity'))} | {escape(v.t('metric'))} | {escape(v.t('period'))} | {escape(v.t('value'))} |\n"
        f"|---|---|---|--:|\n{rows}"
    )


def chart_block(v: View, chart: Chart) -> MD:
    if not chart.ready:
        return MD(
            f'<figure class="sr-chart sr-chart-empty" id="chart-{attr(chart.id)}" markdown>\n\n'
            f"<figcaption markdown>\n\n**{escape(chart.title)}** — {escape(chart.takeaway)}\n\n</figcaption>\n\n"
            f"</figure>"
        )
    sources = []
    for aid in chart.sources:
        a = v.corpus.articles.get(aid)
        if a is None:
            continue
        outlet = v.corpus.outlet_for(a.outlet)
        label = f"{v.name(outlet) if outlet else a.outlet}, {v.date(a.date, a.date_precision)}"
        sources.append(f"[{escape(label)}]({v.url(f'articles/{a.id}.md')})")
    links = [f"[{escape(d)}.{ext}]({v.asset(f'data/{d}.{ext}')})" for d in chart.datasets for ext in ("json", "csv")]
    downloads = f" — {escape(v.t('download'))}: {' · '.join(links)}" if links else ""
    spec = ""
    if chart.spec is not None:
        spec = f'<script type="application/json" class="sr-chart-spec">{_spec_json(chart.spec)}</script>'
    return MD(
        f'<figure class="sr-chart" id="chart-{attr(chart.id)}" data-chart="{attr(chart.id)}" '
        f'data-vega="{attr(bundle_name())}" markdown>\n\n'
        f'<div class="sr-chart-svg">{chart.svg}</div>\n{spec}\n\n'
        f'<figcaption markdown>\n\n**{escape(chart.title)}** — {escape(chart.takeaway)}\n\n'
        f"{escape(v.t('sources'))}: {' · '.join(sources)}{downloads}\n\n"
        # the data table inside the caption: a figcaption must be the figure's first or last child
        f'<details class="sr-chart-data" markdown>\n<summary>{escape(v.t("chart_data"))}</summary>\n\n'
        f"{_table(v, chart)}\n\n</details>\n\n</figcaption>\n\n</figure>"
    )
