"""Charts stage: data rows → Altair (Vega-Lite) specs per locale → inline SVG, plus the interactive layer.

The render stage asks for a ChartSet per locale and embeds what it gets:
- `ChartSet.get(id)` for a brief's `@chart(id)` and the Data page,
- `ChartSet.headline()` for the home page,
- `ChartSet.for_company(id)` for company profiles.

Charts are declared in the project's data/charts.yaml; their kinds (charts/kinds/, one module each) are
listed in `registry.KINDS`; `render.py` turns specs into SVG.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sinoreport.corpus import Row

if TYPE_CHECKING:
    from sinoreport.config import Settings
    from sinoreport.corpus import Corpus


@dataclass(frozen=True)
class Chart:
    """One chart in one locale: what the render stage needs to embed it anywhere.

    The render stage (render/chartblock.py) wraps it into a figure with the takeaway, links to the
    source articles relative to the embedding page, and a collapsible data table.
    """

    id: str
    title: str  # localized
    svg: str  # inline SVG markup: role="graphics-document", <title>, <desc>
    takeaway: str  # one localized sentence
    sources: tuple[str, ...] = ()  # article ids the rows come from
    rows: tuple[Row, ...] = ()  # the data behind the chart, for the table
    spec: dict[str, Any] | None = None  # localized Vega-Lite spec for the interactive layer
    companies: tuple[str, ...] = ()
    headline: bool = False
    order: int = 100
    # False when the corpus has no rows for this chart yet: the id stays valid (a brief that embeds it
    # still builds and shows a short note), but the chart is left out of `all()` and the headlines.
    ready: bool = True
    # (header, rows) of localized cells, for charts not drawn from data rows (a scorecard)
    table: tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] | None = None
    datasets: tuple[str, ...] = ()  # the datasets its rows belong to: /data/<id>.json and .csv
    # CSS px the SVG is never scaled below: its smallest text then still reads as style.SCREEN_TEXT px
    min_width: int = 0
    # The one figure of a chart that would compare nothing: shown as a figure card, not a one-bar chart
    card: tuple[Row, ...] = ()


@dataclass
class ChartSet:
    charts: dict[str, Chart] = field(default_factory=dict)
    # company id → chart blocks filtered to that company (rendered on demand by the family)
    company_charts: dict[str, list[Chart]] = field(default_factory=dict)

    def get(self, chart_id: str) -> Chart | None:
        return self.charts.get(chart_id)

    def all(self) -> list[Chart]:
        return sorted((c for c in self.charts.values() if c.ready), key=lambda c: (c.order, c.id))

    def headline(self) -> list[Chart]:
        return [c for c in self.all() if c.headline]

    def for_company(self, company: str) -> list[Chart]:
        return self.company_charts.get(company, [])


def render_charts(corpus: Corpus, view, settings: Settings) -> ChartSet:
    from sinoreport.charts.registry import build_chart_set

    return build_chart_set(corpus, view, settings)
