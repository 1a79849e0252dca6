"""The scorecard kind: companies × the dimensions of one scorecard of data/scorecards.yaml, each cell a
rating quoted from a source (`Company.scores`), coloured by the rating's place on the scale (best first).

The declaration names the scorecard (`scorecard: <id>`; with one scorecard in the project it may be left
out). Companies are ordered strongest first (the sum of their ratings' scores), then by name; full
profiles are preferred when there are more than MAX_COMPANIES. The caption names the leader (or those who
share the lead) and how many dimensions it is rated best on, and the dimension most often rated below the
best. The records and encodings are the same in every locale; only their labels are the locale's.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from sinoreport.charts import style
from sinoreport.charts.base import Ctx, Draft, values
from sinoreport.charts.words import lower_first, sentence
from sinoreport.model import Company, Scorecard

MAX_COMPANIES = 12


def scorecard_of(ctx: Ctx, decl: Any) -> Scorecard | None:
    ident = getattr(decl, "scorecard", None)
    if ident is None:
        cards = list(ctx.corpus.scorecards.values())
        return cards[0] if len(cards) == 1 else None
    return ctx.corpus.scorecards.get(ident)


def _score(sc: Scorecard, co: Company) -> float:
    given = co.scores.get(sc.id, {})
    total = 0.0
    for d in sc.dimensions:
        r = sc.rating(given[d.id].rating) if d.id in given else None
        total += r.score if r is not None else 0.0
    return total


def scored(ctx: Ctx, sc: Scorecard) -> list[Company]:
    """Companies rated on the scorecard (full profiles first), strongest first, then by name."""
    cos = [c for c in ctx.corpus.companies.values() if c.scores.get(sc.id)
           and (ctx.company is None or c.id == ctx.company)]

    def strength(c: Company) -> tuple[float, str, str]:
        return -_score(sc, c), ctx.view.name(c).lower(), c.id

    shown = sorted(cos, key=lambda c: (c.tier != "full", *strength(c)))[:MAX_COMPANIES]
    return sorted(shown, key=strength)


def build(ctx: Ctx, decl: Any) -> Draft | None:
    sc = scorecard_of(ctx, decl)
    if sc is None:
        return None
    cos = scored(ctx, sc)
    if not cos:
        return None
    v = ctx.view
    dims = sc.dimensions
    dim_labels = [v.name(d.name) for d in dims]
    rating_labels = [v.name(r.name) for r in sc.ratings]

    def rating(c: Company, dim: str):
        s = c.scores.get(sc.id, {}).get(dim)
        return (s, sc.rating(s.rating)) if s is not None else (None, None)

    recs = []
    for c in cos:
        for d, label in zip(dims, dim_labels, strict=True):
            s, r = rating(c, d.id)
            if s is None or r is None:
                continue
            recs.append({"company": v.name(c), "dimension": label, "rating": v.name(r.name), "ink": sc.ink(r),
                         "quote": s.quote if ctx.loc.zh or not s.quote_en else s.quote_en,
                         "source": ctx.source_label(s.source)})
    names = [v.name(c) for c in cos]
    base = alt.Chart(values(recs)).encode(
        x=alt.X("dimension:N", sort=dim_labels, title=None,
                axis=alt.Axis(orient="top", labelAngle=0, ticks=False, domain=False, labelPadding=8)),
        y=alt.Y("company:N", sort=names, title=None, axis=alt.Axis(ticks=False, domain=False, labelPadding=8)),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=0, cornerRadius=3, width={"band": 0.94},
                           height={"band": 0.86}).encode(
        color=alt.Color("rating:N", scale=alt.Scale(domain=rating_labels, range=[sc.fill(r) for r in sc.ratings]),
                        legend=alt.Legend(title=None, orient="bottom", symbolType="square")),
        tooltip=[alt.Tooltip("company:N", title=ctx.t("company")),
                 alt.Tooltip("dimension:N", title=v.word(sc.dimension_word, capital=True)),
                 alt.Tooltip("rating:N", title=ctx.t("chart_rating")), alt.Tooltip("quote:N", title=ctx.t("quote")),
                 alt.Tooltip("source:N", title=ctx.t("source"))],
    )
    text = base.mark_text(fontWeight="bold").encode(text=alt.Text("rating:N"), color=alt.Color("ink:N", scale=None))
    chart = alt.layer(cells, text).resolve_scale(color="independent").properties(
        width=min(style.WIDTH - 120, 150 * len(dims)), height=40 * len(cos))
    return Draft(chart, caption(ctx, sc, cos), [], table=_table(ctx, sc, cos, dim_labels),
                 sources=tuple(dict.fromkeys(s.source for c in cos for s in c.scores[sc.id].values())),
                 companies=tuple(c.id for c in cos))


def caption(ctx: Ctx, sc: Scorecard, cos: list[Company]) -> str:
    """"{leader} leads, rated “{best}” on {n} of {total} {dimensions}; {dimension} is the most common gap
    ({n} of {total} companies rated below “{best}”)": ties share the lead; no gap when every company is rated
    best everywhere; no lead when the leader is rated best nowhere."""
    v = ctx.view
    best = sc.best
    dims = sc.dimensions

    def n_best(c: Company) -> int:
        given = c.scores.get(sc.id, {})
        return sum(1 for d in dims if d.id in given and given[d.id].rating == best.id)

    top = _score(sc, cos[0])
    leaders = [c for c in cos if _score(sc, c) == top]
    n = n_best(leaders[0])
    parts = []
    if n and all(n_best(c) == n for c in leaders):
        key = "chart_scorecard_best" if len(leaders) == 1 else "chart_scorecard_tied"
        parts.append(ctx.t(key, company=ctx.t("chart_and").join(v.name(c) for c in leaders), n=n, total=len(dims),
                           best=v.name(best.name), dimensions=v.word(sc.dimension_word, len(dims))))
    if len(cos) > 1:
        gaps = {d.id: sum(1 for c in cos if c.scores.get(sc.id, {}).get(d.id) is None
                          or c.scores[sc.id][d.id].rating != best.id) for d in dims}
        weakest = max(dims, key=lambda d: (gaps[d.id], -dims.index(d)))
        if gaps[weakest.id]:
            parts.append(ctx.t("chart_scorecard_gap", dimension=lower_first(ctx, v.name(weakest.name)),
                               n=gaps[weakest.id], total=len(cos), best=v.name(best.name)))
    return sentence(ctx, parts)


def _table(ctx: Ctx, sc: Scorecard, cos: list[Company], dim_labels: list[str]):
    v = ctx.view
    header = (ctx.t("company"), *dim_labels)
    rows = []
    for c in cos:
        given = c.scores.get(sc.id, {})
        cells = []
        for d in sc.dimensions:
            r = sc.rating(given[d.id].rating) if d.id in given else None
            cells.append(v.name(r.name) if r is not None else "")
        rows.append((v.name(c), *cells))
    return header, tuple(rows)
