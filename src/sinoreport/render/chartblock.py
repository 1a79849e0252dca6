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
from sinoreport.render.text import attr, html_text, table
from sinoreport.render.view import View


def _spec_json(spec: dict) -> str:
    # inside <script>: "<" escaped so no text in the data can close the element
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _table(v: View, chart: Chart) -> str:
    if chart.table is not None:
        header, rows = chart.table
        return table([html_text(h) for h in header], [[html_text(c) for c in row] for row in rows])
    def value(r) -> str:
        kind = f"{v.punct(' (')}{v.kind(r.row.kind)}{v.punct(')')}" if r.row.kind != "actual" else ""
        return html_text(v.value(r.row) + kind)

    body = [[html_text(v.name_of(r.row.entity)), html_text(v.name_of(r.row.metric)), html_text(v.period(r.row.period)),
             value(r)] for r in chart.rows]
    header = [html_text(v.t(k)) for k in ("entity", "metric", "period", "value")]
    if any(r.row.producer for r in chart.rows):  # who made each figure, where some come from a third party
        header.append(html_text(v.t("source")))
        for cells, r in zip(body, chart.rows, strict=True):
            a = v.corpus.articles.get(r.article)
            outlet = v.outlet_name(a) if a is not None else r.article
            cells.append(html_text(v.via(outlet, [r.row.producer] if r.row.producer else [])))
    return table(header, body, right=[3])


chart_table = _table  # the chart's data as a table (the chart pages' Table view)


def sources_html(v: View, chart: Chart) -> str:
    """The chart's source articles as links relative to the page: "IDC via 36Kr Finance, 8 Oct 2025"."""
    sources = []
    for aid in chart.sources:
        a = v.corpus.articles.get(aid)
        if a is None:
            continue
        outlet = v.corpus.outlet_for(a.outlet)
        producers = [r.row.producer for r in chart.rows if r.article == aid and r.row.producer]
        label = (f"{v.via(v.name(outlet) if outlet else a.outlet, producers)}{v.punct(', ')}"
                 f"{v.date(a.date, a.date_precision)}")
        sources.append(_link(label, v.href(f"articles/{a.id}.md")))
    return " · ".join(sources)


def card(v: View, chart: Chart) -> str:
    """A figure card: each figure large, with what it is of, when a chart would compare nothing."""
    items = []
    for r in chart.card:
        kind = (f' <span class="sr-kind">{html_text(v.kind(r.row.kind))}</span>' if r.row.kind != "actual" else "")
        what = v.punct(" · ").join([v.name_of(r.row.entity), v.name_of(r.row.metric), v.period(r.row.period)])
        items.append(f'<p class="sr-card"><span class="sr-card-value">{html_text(v.value(r.row))}</span>{kind}'
                     f'<span class="sr-card-label">{html_text(what)}</span></p>')
    return f'<div class="sr-card-figures">{"".join(items)}</div>'


def _link(label: str, href: str) -> str:
    return f'<a href="{attr(href)}">{html_text(label)}</a>'


def chart_block(v: View, chart: Chart, *, own_page: bool = False) -> str:
    """The figure as HTML, with final URLs: the same on an HTML page and inside a Markdown one (raw HTML
    there is passed through as it is). `own_page`: on the chart's own page, which has the table as a tab
    and the permalink and embed code in sections of their own."""
    title = f"<strong>{html_text(chart.title)}</strong> — {html_text(chart.takeaway)}"
    if not chart.ready:
        return v.safe(f'<figure class="sr-chart sr-chart-empty" id="chart-{attr(chart.id)}">\n'
                      f"<figcaption>\n<p>{title}</p>\n</figcaption>\n</figure>")
    links = [_link(f"{d}.{ext}", v.asset(f"data/{d}.{ext}")) for d in chart.datasets for ext in ("json", "csv")]
    downloads = f" — {html_text(v.t('download'))}{v.punct(': ')}{' · '.join(links)}" if links else ""
    caption = f"<p>{html_text(v.t('sources'))}{v.punct(': ')}{sources_html(v, chart)}{downloads}</p>\n"
    # the chart's own page (permalink) and its embed code, from wherever the chart is shown
    page = f"charts/{chart.id}.md"
    caption += "" if own_page else (f'<p class="sr-chart-links">{_link(v.t("chart_permalink"), v.href(page))} · '
                f'{_link(v.t("chart_share"), v.href(page + "#embed"))}</p>\n')
    if chart.card:
        return v.safe(f'<figure class="sr-chart sr-chart-card" data-chart="{attr(chart.id)}" '
                      f'id="chart-{attr(chart.id)}">\n{card(v, chart)}\n'
                      f"<figcaption>\n<p>{title}</p>\n{caption}</figcaption>\n</figure>")
    spec = ""
    if chart.spec is not None:
        spec = f'<script class="sr-chart-spec" type="application/json">{_spec_json(chart.spec)}</script>'
    # the width the SVG is not scaled below (its smallest text then reads at style.SCREEN_TEXT px)
    floor = f' style="--sr-chart-min: {chart.min_width}px"' if chart.min_width else ""
    return v.safe(
        f'<figure class="sr-chart" data-chart="{attr(chart.id)}" data-vega="{attr(bundle_name())}" '
        f'id="chart-{attr(chart.id)}"{floor}>\n'
        f'<div class="sr-chart-svg">{chart.svg}</div>\n{spec}\n'
        f"<figcaption>\n<p>{title}</p>\n{caption}"
        # the data table inside the caption: a figcaption must be the figure's first or last child
        + ("" if own_page else f'<details class="sr-chart-data">\n<summary>{html_text(v.t("chart_data"))}</summary>\n'
           f"{_table(v, chart)}\n</details>\n")
        + "</figcaption>\n</figure>"
    )
