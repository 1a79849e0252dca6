"""The moat scorecard, until charts are declared in data/charts.yaml: the scorecard kind
(kinds/scorecard.py) over the `moats` scorecard of data/scorecards.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from sinoreport.charts.base import ChartDef, Ctx, Draft
from sinoreport.charts.kinds import scorecard as kind


@dataclass(frozen=True)
class _Decl:
    scorecard: str


def scorecard(ctx: Ctx) -> Draft | None:
    return kind.build(ctx, _Decl("moats"))


# On a company page the profile already shows that company's ratings as a table with the quotes.
CHARTS = [ChartDef("moat-scorecard", scorecard, order=90, headline=True, per_company=False)]
