"""The moat scorecard: each scored company × the three moats (technology base, ecosystem loop,
globalization), rated has / building / lacks, from `Company.moats` (each rating quoted from a source)."""

from __future__ import annotations

import altair as alt

from sinoreport.charts import style
from sinoreport.charts.base import ChartDef, Ctx, Draft, values
from sinoreport.charts.words import lower_first, sentence
from sinoreport.model import Company

MOATS = ("technology", "ecosystem", "globalization")
RATINGS = ("has", "building", "lacks")
SCORE = {"has": 2, "building": 1, "lacks": 0}


MAX_COMPANIES = 12


def scored(ctx: Ctx) -> list[Company]:
    """Companies with a moat rating (full profiles first), strongest first, then by name."""
    cos = [c for c in ctx.corpus.companies.values() if c.moats is not None
           and (ctx.company is None or c.id == ctx.company)]
    def strength(c: Company) -> tuple[int, str, str]:
        return -sum(SCORE[getattr(c.moats, m).rating.value] for m in MOATS), ctx.view.name(c).lower(), c.id

    shown = sorted(cos, key=lambda c: (c.tier != "full", *strength(c)))[:MAX_COMPANIES]
    return sorted(shown, key=strength)


def scorecard(ctx: Ctx) -> Draft | None:
    cos = scored(ctx)
    if not cos:
        return None
    v = ctx.view
    moat_labels = [ctx.t(f"moat_{m}") for m in MOATS]
    rating_labels = [ctx.t(f"moat_{r}") for r in RATINGS]
    recs = []
    for c in cos:
        for m in MOATS:
            mo = getattr(c.moats, m)
            r = mo.rating.value
            recs.append({"company": v.name(c), "moat": ctx.t(f"moat_{m}"), "rating": ctx.t(f"moat_{r}"),
                         "ink": style.MOAT_TEXT[r], "quote": mo.quote if ctx.loc.zh or not mo.quote_en else mo.quote_en,
                         "source": ctx.source_label(mo.source)})
    names = [v.name(c) for c in cos]
    base = alt.Chart(values(recs)).encode(
        x=alt.X("moat:N", sort=moat_labels, title=None,
                axis=alt.Axis(orient="top", labelAngle=0, ticks=False, domain=False, labelPadding=8)),
        y=alt.Y("company:N", sort=names, title=None, axis=alt.Axis(ticks=False, domain=False, labelPadding=8)),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=0, cornerRadius=3, width={"band": 0.94},
                           height={"band": 0.86}).encode(
        color=alt.Color("rating:N", scale=alt.Scale(domain=rating_labels,
                                                    range=[style.MOAT_FILL[r] for r in RATINGS]),
                        legend=alt.Legend(title=None, orient="bottom", symbolType="square")),
        tooltip=[alt.Tooltip("company:N", title=ctx.t("company")), alt.Tooltip("moat:N", title=ctx.t("moats")),
                 alt.Tooltip("rating:N", title=ctx.t("chart_rating")), alt.Tooltip("quote:N", title=ctx.t("quote")),
                 alt.Tooltip("source:N", title=ctx.t("source"))],
    )
    text = base.mark_text(fontWeight="bold").encode(text=alt.Text("rating:N"), color=alt.Color("ink:N", scale=None))
    chart = alt.layer(cells, text).resolve_scale(color="independent").properties(
        width=min(style.WIDTH - 120, 150 * len(MOATS)), height=40 * len(cos))

    def score(c: Company) -> int:
        return sum(SCORE[getattr(c.moats, m).rating.value] for m in MOATS)

    best = [c for c in cos if score(c) == score(cos[0])]  # ties share the lead
    n_has = sum(getattr(best[0].moats, m).rating.value == "has" for m in MOATS)
    key = "chart_moats_best" if len(best) == 1 else "chart_moats_tied"
    parts = [ctx.t(key, company=(ctx.t("chart_and")).join(v.name(c) for c in best), n=n_has, total=len(MOATS))]
    if len(cos) > 1:
        gaps = {m: sum(getattr(c.moats, m).rating.value != "has" for c in cos) for m in MOATS}
        weakest = max(MOATS, key=lambda m: (gaps[m], -MOATS.index(m)))
        if gaps[weakest]:
            parts.append(ctx.t("chart_moats_gap", moat=lower_first(ctx, ctx.t(f"moat_{weakest}")), n=gaps[weakest],
                               total=len(cos)))
    header = (ctx.t("company"), *moat_labels)
    table = tuple((v.name(c), *(ctx.t(f"moat_{getattr(c.moats, m).rating.value}") for m in MOATS)) for c in cos)
    sources = tuple(dict.fromkeys(getattr(c.moats, m).source for c in cos for m in MOATS))
    return Draft(chart, sentence(ctx, parts), [], table=(header, table), sources=sources,
                 companies=tuple(c.id for c in cos))


# On a company page the profile already shows that company's moats as a table with the quotes.
CHARTS = [ChartDef("moat-scorecard", scorecard, order=90, headline=True, per_company=False)]
