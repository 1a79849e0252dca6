"""Chart declarations (data/charts.yaml) held to the corpus, and authors' takeaways held to their charts.

- Every id a declaration names (datasets, metrics, entities of its selections, benchmark, `keep`,
  `transform`/`labels` metrics, `without_figure` entities and articles) exists.
- A `without_figure` quote is verbatim in its article's raw text, as a row's quote is.
- A takeaway (same shape as a key finding) writes numbers only as placeholders; each placeholder names one
  curated row that is one of the chart's rows; both languages show the same rows; every comparison it
  states between two placeholders holds (more/less than, N times, twice, half — 高於, 低於, N倍, 一半 …), and
  a superlative next to a placeholder (highest, fastest, 最高, 最快 …) is true among the chart's comparable
  rows (same metric, unit and scope).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from sinoreport.check.raw import RawIndex
from sinoreport.check.rules import unbacked_numbers
from sinoreport.corpus import Corpus, Row
from sinoreport.i18n.formats import period_sort_key
from sinoreport.load import Location, Problem
from sinoreport.model import SLOT_RE, ChartDecl, PanelDecl, Select, Status

# comparisons between two placeholders: left > right, left < right (words of either Chinese script)
MORE = re.compile(r"\b(?:more|higher|faster|larger|greater|bigger)\s+than\b|\babove\b|\bahead\s+of\b"
                  r"|\bexceed(?:s|ed|ing)?\b|高於|高于|超過|超过|多於|多于|大於|大于|快於|快于|領先|领先", re.I)
LESS = re.compile(r"\b(?:less|lower|slower|smaller|fewer)\s+than\b|\bbelow\b|\bbehind\b"
                  r"|低於|低于|少於|少于|不及|小於|小于|慢於|慢于|落後|落后", re.I)
# "about 6.5 times", "twice", "half"; 6.5倍, 兩倍, 一半: the ratio left / right, within 15 %
TIMES = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*(?:times\b|倍)|(?P<two>\btwice\b|兩倍|两倍)|(?P<half>\bhalf\b|一半)", re.I)
RATIO_TOLERANCE = 0.15
HIGHEST = re.compile(r"\b(?:highest|largest|biggest|fastest|most)\b|最高|最大|最快|最多", re.I)
LOWEST = re.compile(r"\b(?:lowest|smallest|slowest|least)\b|最低|最小|最慢|最少", re.I)
SENTENCE_END = re.compile(r"[.;。；!?！？]")


def _err(where: Location, what: str, fix: str) -> Problem:
    return Problem(where, what, fix, "error")


def selections(decl: ChartDecl) -> list[tuple[tuple, Select]]:
    """Every selection of a chart with its path in the file: the chart's or its panels', and their notes'."""
    out = []
    for i, p in enumerate(decl.parts()):
        prefix = ("panels", i) if decl.panels else ()
        if p.select is not None:
            out.append(((*prefix, "select"), p.select))
        if p.notes is not None:
            out.append(((*prefix, "notes", "select"), p.notes.select))
    return out


def chart_rows(c: Corpus, decl: ChartDecl) -> list[Row]:
    """The rows a chart can draw: what its selections admit, and its benchmarks' rows."""
    out: dict[tuple[str, int], Row] = {}
    for _, sel in selections(decl):
        for r in c.rows_for(dataset=sel.dataset):
            if sel.admits(r.row):
                out[(r.article, r.index)] = r
    for p in decl.parts():
        if p.benchmark is not None and p.select is not None:
            anyone = p.select.model_copy(update={"entities": None, "exclude": []})
            for r in c.rows_for(dataset=p.select.dataset, entity=p.benchmark.entity):
                if anyone.admits(r.row):
                    out[(r.article, r.index)] = r
    return list(out.values())


def check_charts(c: Corpus, raw: RawIndex) -> Iterator[Problem]:
    entities = set(c.companies) | set(c.products) | set(c.entities)
    for decl in c.charts.values():
        def at(*path: object, _id: str = decl.id) -> Location:
            return c.where("chart", _id, *path)

        for path, sel in selections(decl):
            if sel.dataset not in c.datasets:
                yield _err(at(*path, "dataset"), f"unknown dataset {sel.dataset!r}",
                           f"use an id of data/datasets/: {', '.join(sorted(c.datasets)) or '(none yet)'}")
            for i, m in enumerate(sel.metrics or ()):
                if m not in c.metrics:
                    yield _err(at(*path, "metrics", i), f"unknown metric {m!r}", "use an id of data/metrics.yaml")
            for key in ("entities", "exclude"):
                for i, e in enumerate(getattr(sel, key) or ()):
                    if e not in entities:
                        yield _err(at(*path, key, i), f"unknown entity {e!r}",
                                   "use an id of data/companies/ (a company or product) or data/entities.yaml")
        for i, p in enumerate(decl.parts()):
            yield from _panel_refs(c, p, ("panels", i) if decl.panels else (), at, entities, raw)
        if decl.takeaway is not None:
            yield from check_takeaway(c, decl)


def _panel_refs(c: Corpus, p: PanelDecl, prefix: tuple, at, entities: set[str], raw: RawIndex) -> Iterator[Problem]:
    if p.benchmark is not None and p.benchmark.entity not in entities:
        yield _err(at(*prefix, "benchmark", "entity"), f"unknown entity {p.benchmark.entity!r}",
                   "use an id of data/companies/ or data/entities.yaml")
    for i, e in enumerate(p.keep):
        if e not in entities:
            yield _err(at(*prefix, "keep", i), f"unknown entity {e!r}",
                       "use an id of data/companies/ or data/entities.yaml")
    for key in ("transform", "labels"):
        for m in getattr(p, key):
            if m not in c.metrics:
                yield _err(at(*prefix, key, m), f"unknown metric {m!r}", "use an id of data/metrics.yaml")
    for i, w in enumerate(p.without_figure):
        if w.entity not in entities:
            yield _err(at(*prefix, "without_figure", i, "entity"), f"unknown entity {w.entity!r}",
                       "use an id of data/companies/ or data/entities.yaml")
        a = c.articles.get(w.article)
        if a is None:
            yield _err(at(*prefix, "without_figure", i, "article"), f"unknown article {w.article!r}",
                       "use the id of the article whose text says it (content/articles/)")
            continue
        ra = raw.article(a)
        if ra is not None and w.quote not in ra.raw_text:
            yield _err(at(*prefix, "without_figure", i, "quote"),
                       f"quote not found in the raw article {a.id}: {w.quote[:40]!r}",
                       "copy the words exactly from the source (punctuation and spaces included)")


# --------------------------------------------------------------------------- takeaways


def check_takeaway(c: Corpus, decl: ChartDecl) -> Iterator[Problem]:
    t = decl.takeaway
    assert t is not None
    mine = {(r.article, r.index) for r in chart_rows(c, decl)}
    rows: dict[str, Row] = {}
    for name, ref in t.rows.items():
        where = c.where("chart", decl.id, "takeaway", "rows", name)
        found = c.rows_at(ref)
        if len(found) != 1:
            yield _err(where, f"takeaway: {'no data row' if not found else f'{len(found)} data rows are'} {ref!r}",
                       "name one row as entity/metric/period (add @article, or use article-id#n)")
            continue
        r = found[0]
        if (r.article, r.index) not in mine:
            sels = "; ".join(f"dataset {s.dataset}" + (f", metrics {', '.join(s.metrics)}" if s.metrics else "")
                             for _, s in selections(decl))
            yield _err(where, f"takeaway: row {ref!r} is not one of this chart's rows",
                       f"a takeaway speaks of what its chart shows ({sels}): name one of those rows, or select it")
            continue
        if c.articles[r.article].status != Status.curated:
            yield _err(where, f"takeaway: row {ref!r} is in the draft article {r.article}", "curate the article first")
            continue
        rows[name] = r
    shown = {lang: {n for n, fmt in t.slots(lang) if fmt != "period"} for lang in ("en", "zh")}
    for lang, other in (("en", "zh"), ("zh", "en")):
        where = c.where("chart", decl.id, "takeaway", lang)
        for n in sorted(shown[other] - shown[lang]):
            yield _err(where, f"the takeaway's {lang} does not show {{{n}}}, which {other} does",
                       "both languages state the same numbers: write the placeholder in both")
        text = getattr(t, lang)
        bare = TIMES.sub(" ", SLOT_RE.sub(" ", text))  # a multiple is checked as a comparison (below)
        for num in unbacked_numbers(bare, [], c.digit_names):
            yield _err(where, f"number {num!r} in the takeaway is not a placeholder",
                       "write every number as a placeholder for a row of the chart ({name}, named in `rows`)")
        if len(rows) == len(t.rows):
            yield from _claims(c, decl, text, rows, where)


def _value(r: Row, fmt: str) -> float:
    v = r.row.value if r.row.value_high is None else (r.row.value + r.row.value_high) / 2
    return abs(v) if fmt == "abs" else v


def _claims(c: Corpus, decl: ChartDecl, text: str, rows: dict[str, Row], where: Location) -> Iterator[Problem]:
    slots = [m for m in SLOT_RE.finditer(text) if (m.group(2) or "value") != "period"]
    # comparisons: the words between two placeholders of one sentence
    for a, b in itertools.pairwise(slots):
        mid = text[a.end():b.start()]
        if SENTENCE_END.search(mid):
            continue
        ra, rb = rows[a.group(1)], rows[b.group(1)]
        va, vb = _value(ra, a.group(2) or "value"), _value(rb, b.group(2) or "value")
        pair = f"{{{a.group(1)}}} ({va:g}) and {{{b.group(1)}}} ({vb:g})"
        if MORE.search(mid) and not va > vb:
            yield _err(where, f"the takeaway says {a.group(0)} is more than {b.group(0)}, but {pair} are not so",
                       "say what the rows show (lower, below …), or name the rows you mean")
        if LESS.search(mid) and not va < vb:
            yield _err(where, f"the takeaway says {a.group(0)} is less than {b.group(0)}, but {pair} are not so",
                       "say what the rows show (higher, above …), or name the rows you mean")
        m = TIMES.search(mid)
        if m is not None:
            n = float(m.group("n")) if m.group("n") else 2.0 if m.group("two") else 0.5
            actual = va / vb if vb else float("inf")
            if abs(actual - n) > RATIO_TOLERANCE * n:
                yield _err(where, f"the takeaway says {a.group(0)} is {m.group(0).strip()} {b.group(0)}, but the ratio "
                                  f"of {pair} is {actual:.2g}",
                           f"write the ratio the rows give (about {actual:.1f} times), or drop it")
    # superlatives: the placeholder nearest to the word, in its sentence
    for pattern, highest in ((HIGHEST, True), (LOWEST, False)):
        for w in pattern.finditer(text):
            near = [s for s in slots if not SENTENCE_END.search(text[min(s.end(), w.start()):max(s.start(), w.end())])]
            if not near:
                continue
            s = min(near, key=lambda s: min(abs(s.start() - w.end()), abs(w.start() - s.end())))
            r = rows[s.group(1)]
            peers = _comparable(c, decl, r)
            v = _value(r, s.group(2) or "value")
            best = max if highest else min
            top = best(peers, key=lambda x: _value(x, s.group(2) or "value"))
            if _value(top, s.group(2) or "value") != v:
                yield _err(where, f"the takeaway calls {s.group(0)} {w.group(0)!r}, but {top.row.entity}'s "
                                  f"{_value(top, s.group(2) or 'value'):g} ({top.row.period}) is "
                                  f"{'higher' if highest else 'lower'} among the chart's comparable rows",
                           "a superlative holds among rows of the same metric, unit and scope: reword it, or "
                           "name the row that is")


def _comparable(c: Corpus, decl: ChartDecl, r: Row) -> list[Row]:
    """The chart's rows a superlative about r is measured against: same metric, unit and scope; each
    entity's latest (what bars draw)."""
    scope = c.scope_of(r.row)
    latest: dict[str, Row] = {}
    for x in chart_rows(c, decl):
        if x.row.metric == r.row.metric and x.row.unit == r.row.unit and c.scope_of(x.row) == scope:
            cur = latest.get(x.row.entity)
            if cur is None or period_sort_key(x.row.period) > period_sort_key(cur.row.period):
                latest[x.row.entity] = x
    latest[r.row.entity] = r
    return list(latest.values())
