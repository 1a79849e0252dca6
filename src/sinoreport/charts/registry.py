"""Which charts exist, and how a locale's ChartSet is built: the project's declarations (data/charts.yaml,
`corpus.charts`) are drafted by their kind (charts/kinds/), the specs finished with the locale's style and
rendered to accessible inline SVG (cached by hash)."""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import altair as alt
from altair.utils import schemapi

from sinoreport.charts import Chart, ChartSet, style
from sinoreport.charts.base import Ctx, Draft, datasets_for, forget_records, record, sources_of
from sinoreport.charts.kinds import bars, scorecard, series
from sinoreport.charts.render import accessible, bundle, to_svgs
from sinoreport.charts.words import no_figure_clauses, scope_label, sentence, value_of
from sinoreport.corpus import Row
from sinoreport.model import ChartDecl, PanelDecl

if TYPE_CHECKING:
    from sinoreport.config import Settings
    from sinoreport.corpus import Corpus

log = logging.getLogger("mkdocs.plugins.sinoreport.charts")

KINDS: dict[str, Callable[[Ctx, PanelDecl], Draft | None]] = {
    "bars": bars.build, "series": series.build, "scorecard": scorecard.build,
}


def declarations(corpus: Corpus) -> list[ChartDecl]:
    """The project's charts, in their order on the Data page."""
    return sorted(corpus.charts.values(), key=lambda d: (d.order, d.id))


def datasets_of(decl: ChartDecl) -> tuple[str, ...]:
    """The datasets a chart's rows come from (its selections, its panels' and their notes')."""
    out: dict[str, None] = {}
    for p in decl.parts():
        for sel in (p.select, p.notes.select if p.notes else None):
            if sel is not None:
                out.setdefault(sel.dataset, None)
    return tuple(out)


def build_decl(ctx: Ctx, decl: ChartDecl) -> Draft | None:
    """A declaration's draft: its kind's, or its panels' stacked (each panel's scales its own)."""
    if not decl.panels:
        assert decl.kind is not None  # the model requires a kind or panels
        return KINDS[decl.kind](ctx, decl)
    drafts = [d for p in decl.panels if p.kind is not None and (d := KINDS[p.kind](ctx, p)) is not None]
    if not drafts:
        return None
    if len(drafts) == 1:
        return drafts[0]
    charts: list[Any] = []
    for d in drafts:  # a panel that is itself stacked (one per unit) adds its own panels
        charts += list(d.chart.vconcat) if isinstance(d.chart, alt.VConcatChart) else [d.chart]
    chart = alt.vconcat(*charts).resolve_scale(x="independent", y="independent", color="independent",
                                               stroke="independent", strokeDash="independent")
    clauses = tuple(c for d in drafts for c in (d.clauses or (d.takeaway,)))
    return Draft(chart, sentence(ctx, clauses), [r for d in drafts for r in d.rows], clauses=clauses,
                 companies=tuple(dict.fromkeys(c for d in drafts for c in d.companies)))


def authors_takeaway(ctx: Ctx, decl: ChartDecl, draft: Draft) -> bool:
    """Whether the author's takeaway applies: the chart shows every row it names (a chart narrowed to one
    company may not)."""
    t = decl.takeaway
    if t is None:
        return False
    drawn = {(r.article, r.index) for r in draft.rows}
    for ref in t.rows.values():
        found = ctx.corpus.rows_at(ref)
        if len(found) != 1 or (found[0].article, found[0].index) not in drawn:
            return False
    return True


def takeaway_of(ctx: Ctx, decl: ChartDecl, draft: Draft) -> str:
    """The author's takeaway where it applies, else the generated one."""
    if decl.takeaway is None or not authors_takeaway(ctx, decl, draft):
        return draft.takeaway
    return "".join(p.text for p in ctx.view.finding(decl.takeaway).pieces)


def card_caption(ctx: Ctx, decl: ChartDecl, rows: tuple[Row, ...]) -> str:
    """What a figure card says: each figure as its row states it ("T-Head PPU · Unit-cost reduction vs
    the reference chip: 40% in September 2025"), never a value the chart had transformed for its axis
    (the 60% of "% of the reference chip"), then who the source names without a figure."""
    def what(r: Row) -> str:  # a scope the row states is said ("Atlas 950 SuperPod (combined figures)")
        name = ctx.name(r.row.entity)
        if r.row.scope:
            name = ctx.t("chart_label_detail", name=name, detail=scope_label(ctx, r.row.scope))
        return f"{name} · {ctx.name(r.row.metric)}"

    items = [ctx.t("chart_point_item", entity=what(r), value=value_of(ctx, record(ctx, r)),
                   period=ctx.period(r.row.period)) for r in rows]
    missing = [w for p in decl.parts() for w in p.without_figure]
    return sentence(ctx, [*items, *no_figure_clauses(ctx, missing)])


def cache_dir(settings: Settings) -> Path:
    return settings.build_dir / "cache" / "charts"


def finish_spec(draft: Draft, title: str, desc: str, ctx: Ctx) -> dict[str, Any]:
    """The complete, localized Vega-Lite spec: the family's chart plus the locale's style."""
    spec = draft.chart.to_dict(validate=False)  # validated in tests (tests/charts); 10x faster builds
    spec["datasets"] = datasets_for(spec)
    spec["config"] = style.config(ctx.loc)
    spec["background"] = "transparent"
    spec["description"] = f"{title}{'。' if ctx.loc.zh else '. '}{desc}"
    return spec


def _uid(chart_id: str, locale: str, company: str | None) -> str:
    h = hashlib.sha1(f"{chart_id}|{locale}|{company or ''}".encode()).hexdigest()[:6]
    return f"sr-{chart_id}-{h}"


def _draft(d: ChartDecl, ctx: Ctx) -> Draft | None:
    try:
        return build_decl(ctx, d)
    except Exception as e:  # name the chart: a family's bug must not read as a content error elsewhere
        raise RuntimeError(f"chart {d.id!r}{f' for {ctx.company}' if ctx.company else ''}: "
                           f"{type(e).__name__}: {e}") from e


def build_chart_set(corpus: Corpus, view, settings: Settings) -> ChartSet:
    # Altair validates every object against the Vega-Lite JSON schema as it is built; that is most of a
    # warm build's chart time. The specs are validated in the tests, and vl-convert compiles each one.
    with schemapi.debug_mode(False):
        return _build_chart_set(corpus, view, settings)


def _build_chart_set(corpus: Corpus, view, settings: Settings) -> ChartSet:
    forget_records()
    loc = view.loc
    cache = cache_dir(settings)
    base = Ctx(corpus, view)
    jobs: list[tuple[ChartDecl, str | None, Draft]] = []
    placeholders: dict[str, Chart] = {}
    for d in declarations(corpus):
        draft = _draft(d, base)
        title = view.name(d.title)
        if draft is None:
            placeholders[d.id] = Chart(id=d.id, title=title, svg="", takeaway=view.t("chart_no_data"),
                                       order=d.order, headline="home" in d.show, ready=False)
            continue
        draft.takeaway = takeaway_of(base, d, draft)
        jobs.append((d, None, draft))
        if "company" in d.show:
            for co in _companies_in(draft, corpus):
                cctx = Ctx(corpus, view, company=co)
                cdraft = _draft(d, cctx)
                if cdraft is not None:
                    cdraft.takeaway = takeaway_of(cctx, d, cdraft)
                    jobs.append((d, co, cdraft))

    specs = []
    for d, co, draft in jobs:
        title = view.name(d.title)
        desc = draft.description or (view.text(d.description)[0] if d.description else "") or draft.takeaway
        specs.append((d, co, draft, title, desc, finish_spec(draft, title, desc, Ctx(corpus, view, co))))

    cards = [card_rows(draft, spec) for _, _, draft, _, _, spec in specs]
    for (d, co, draft, *_), card in zip(specs, cards, strict=True):
        if card and not authors_takeaway(Ctx(corpus, view, co), d, draft):
            draft.takeaway = card_caption(Ctx(corpus, view, co), d, card)
    drawn = [i for i, c in enumerate(cards) if not c]  # a card needs no SVG
    raw = dict(zip(drawn, to_svgs([specs[i][-1] for i in drawn], cache), strict=True))
    svgs = {i: accessible(svg, uid=_uid(specs[i][0].id, loc.code, specs[i][1]), title=specs[i][3], desc=specs[i][4],
                          lang=loc.code, font=style.font(loc)) for i, svg in raw.items()}

    out = ChartSet(charts=dict(placeholders))
    for i, (d, co, draft, title, _desc, spec) in enumerate(specs):
        svg = svgs.get(i, "")
        chart = Chart(
            id=d.id, title=title, svg=svg, takeaway=draft.takeaway,
            sources=draft.sources if draft.sources is not None else sources_of(draft.rows),
            rows=tuple(draft.rows), spec=spec, companies=draft.companies or _entities(draft),
            headline="home" in d.show, order=d.order, table=draft.table,
            datasets=tuple(ds for ds in datasets_of(d) if ds in corpus.datasets),
            min_width=min_width(svg), card=cards[i],
        )
        if co is None:
            out.charts[d.id] = chart
        else:
            out.company_charts.setdefault(co, []).append(chart)
    if loc.code == settings.language.default_locale:
        missing = [c for c in placeholders]
        if missing:
            log.info(f"charts without rows yet (shown as a note where embedded): {', '.join(missing)}")
    return out


def card_rows(draft: Draft, spec: dict[str, Any]) -> tuple[Row, ...]:
    """The rows to show as figure cards when the chart would compare nothing: one figure behind it (a
    benchmark line counts: it is a figure to compare with), or panels of their own (a concatenated
    chart) that each hold one figure of their metric — a one-bar panel beside a one-dot panel compares
    nothing either. Empty when the chart is drawn."""
    if draft.table is not None or not spec.get("datasets"):
        return ()
    rows = list({(r.row.entity, r.row.metric, r.row.period): r for r in draft.rows}.values())
    if len(rows) == 1:
        return tuple(rows)
    per_metric = Counter((r.row.metric, r.row.unit) for r in rows)
    panels = "vconcat" in spec or "hconcat" in spec
    return tuple(rows) if panels and max(per_metric.values()) == 1 else ()


_SVG_WIDTH = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)"')
_FONT_SIZE = re.compile(r'font-size="([\d.]+)px"')


def min_width(svg: str) -> int:
    """The narrowest the SVG may be drawn so that its smallest text is still style.SCREEN_TEXT CSS px."""
    w, sizes = _SVG_WIDTH.search(svg), [float(x) for x in _FONT_SIZE.findall(svg)]
    if w is None or not sizes:
        return 0
    return math.ceil(float(w.group(1)) * style.SCREEN_TEXT / min(sizes))


def _entities(draft: Draft) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.row.entity for r in draft.rows))


def _companies_in(draft: Draft, corpus: Corpus) -> list[str]:
    """Companies with a full profile that have rows in a chart (an entity is the company itself or one
    of its products). Short entries get no charts: that keeps the chart count bounded by the handful
    of profiled companies however large the corpus grows."""
    full = [c for c in corpus.companies.values() if c.tier == "full"]
    owner = {p.id: c.id for c in full for p in c.products}
    owner.update({c.id: c.id for c in full})
    found = [owner[e] for e in (draft.companies or _entities(draft)) if e in owner]
    return sorted(set(found))


def asset_files(settings: Settings) -> dict[str, bytes]:
    """The interactive layer's library, served from this site (never a CDN)."""
    name, data = bundle(cache_dir(settings))
    return {f"assets/sinoreport/vega/{name}": data}
