"""Scorecard: each scored company × the dimensions of a score, rated best … worst, as a table-like grid.

A thin adapter until the generic scorecards (data/scorecards.yaml) land: it reads `Company.moats`, its
dimensions the fields of `model.Moats` and its ratings `model.MoatRating` (best first), each rating quoted
from a source. Colours are the package's, by the rating's position (best first).
"""

from __future__ import annotations

import altair as alt

from sinoreport.charts import style
from sinoreport.charts.base import Ctx, Draft, values
from sinoreport.charts.words import lower_first, sentence
from sinoreport.model import Company, MoatRating, Moats, PanelDecl

DIMENSIONS = tuple(Moats.model_fields)
RATINGS = tuple(r.value for r in MoatRating)  # best first
SCORE = {r: len(RATINGS) - 1 - i for i, r in enumerate(RATINGS)}
MAX_COMPANIES = 12


def _rating(c: Company, dim: str) -> str:
    return getattr(c.moats, dim).rating.value


def _score(c: Company) -> int:
    return sum(SCORE[_rating(c, d)] for d in DIMENSIONS)


def scored(ctx: Ctx) -> list[Company]:
    """Companies with a score (full profiles first), strongest first, then by name."""
    cos = [c for c in ctx.corpus.companies.values() if c.moats is not None
           and (ctx.company is None or c.id == ctx.company)]

    def strength(c: Company) -> tuple[int, str, str]:
        return -_score(c), ctx.view.name(c).lower(), c.id

    shown = sorted(cos, key=lambda c: (c.tier != "full", *strength(c)))[:MAX_COMPANIES]
    return sorted(shown, key=strength)


def build(ctx: Ctx, decl: PanelDecl) -> Draft | None:
    cos = scored(ctx)
    if not cos:
        return None
    v = ctx.view
    dim_labels = [ctx.t(f"moat_{m}") for m in DIMENSIONS]
    rating_labels = [ctx.t(f"moat_{r}") for r in RATINGS]
    fill = dict(zip(RATINGS, style.RATING_FILL, strict=False))
    ink = dict(zip(RATINGS, style.RATING_TEXT, strict=False))
    recs = []
    for c in cos:
        for m in DIMENSIONS:
            mo = getattr(c.moats, m)
            r = mo.rating.value
            recs.append({"company": v.name(c), "moat": ctx.t(f"moat_{m}"), "rating": ctx.t(f"moat_{r}"),
                         "ink": ink[r], "quote": mo.quote if ctx.loc.zh or not mo.quote_en else mo.quote_en,
                         "source": ctx.source_label(mo.source)})
    names = [v.name(c) for c in cos]
    base = alt.Chart(values(recs)).encode(
        x=alt.X("moat:N", sort=dim_labels, title=None,
                axis=alt.Axis(orient="top", labelAngle=0, ticks=False, domain=False, labelPadding=8)),
        y=alt.Y("company:N", sort=names, title=None, axis=alt.Axis(ticks=False, domain=False, labelPadding=8)),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=0, cornerRadius=3, width={"band": 0.94},
                           height={"band": 0.86}).encode(
        color=alt.Color("rating:N", scale=alt.Scale(domain=rating_labels, range=[fill[r] for r in RATINGS]),
                        legend=alt.Legend(title=None, orient="bottom", symbolType="square")),
        tooltip=[alt.Tooltip("company:N", title=ctx.t("company")), alt.Tooltip("moat:N", title=ctx.t("moats")),
                 alt.Tooltip("rating:N", title=ctx.t("chart_rating")), alt.Tooltip("quote:N", title=ctx.t("quote")),
                 alt.Tooltip("source:N", title=ctx.t("source"))],
    )
    text = base.mark_text(fontWeight="bold").encode(text=alt.Text("rating:N"), color=alt.Color("ink:N", scale=None))
    chart = alt.layer(cells, text).resolve_scale(color="independent").properties(
        width=min(style.WIDTH - 120, 150 * len(DIMENSIONS)), height=40 * len(cos))

    best = [c for c in cos if _score(c) == _score(cos[0])]  # ties share the lead
    n_has = sum(_rating(best[0], m) == RATINGS[0] for m in DIMENSIONS)
    key = "chart_moats_best" if len(best) == 1 else "chart_moats_tied"
    parts = [ctx.t(key, company=(ctx.t("chart_and")).join(v.name(c) for c in best), n=n_has, total=len(DIMENSIONS))]
    if len(cos) > 1:
        gaps = {m: sum(_rating(c, m) != RATINGS[0] for c in cos) for m in DIMENSIONS}
        weakest = max(DIMENSIONS, key=lambda m: (gaps[m], -DIMENSIONS.index(m)))
        if gaps[weakest]:
            parts.append(ctx.t("chart_moats_gap", moat=lower_first(ctx, ctx.t(f"moat_{weakest}")), n=gaps[weakest],
                               total=len(cos)))
    header = (ctx.t("company"), *dim_labels)
    table = tuple((v.name(c), *(ctx.t(f"moat_{_rating(c, m)}") for m in DIMENSIONS)) for c in cos)
    sources = tuple(dict.fromkeys(getattr(c.moats, m).source for c in cos for m in DIMENSIONS))
    return Draft(chart, sentence(ctx, parts), [], table=(header, table), sources=sources,
                 companies=tuple(c.id for c in cos))
