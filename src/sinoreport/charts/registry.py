"""Which charts exist. Chart families (one module each) are added here."""

from __future__ import annotations

from sinoreport.charts import ChartSet


def build_chart_set(corpus, view, settings) -> ChartSet:
    return ChartSet()
