"""Build every page's context per locale, render the Jinja2 templates, return the Markdown tree.

Generators build a context, then a template writes it (as in Pelican). Nothing here touches the disk:
`render_tree` returns {relative path: bytes}; writer.py writes only what changed.

Size discipline: no page lists the whole corpus. Indexes paginate (settings.site.page_size), a
company page shows its latest mentions and links to its paginated archive, related articles are
capped, and the navigation is the fixed set of tabs in mkdocs.yml.
"""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import heapq
import html
import json
import multiprocessing as mp
import os
import pickle
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, pass_context
from markupsafe import Markup

from sinoreport.charts import Chart, ChartSet, render_charts
from sinoreport.config import Settings, cores, locale_jobs, process_pool
from sinoreport.corpus import Corpus, Row
from sinoreport.i18n.convert import Converter
from sinoreport.i18n.formats import period_sort_key
from sinoreport.i18n.locales import LOCALES, Locale
from sinoreport.load import Location, Problem, display_path
from sinoreport.model import Article, Brief, Company, Finding, Status
from sinoreport.render import changes, chartpages, extras
from sinoreport.render import mentions as mention
from sinoreport.render.catalogue import KINDS, Entry, hidden_kinds, path_of
from sinoreport.render.chartblock import chart_block
from sinoreport.render.codecache import TEMPLATE_CODE
from sinoreport.render.errors import RenderError
from sinoreport.render.memo import MemoStore, PageMemo, tree_hash
from sinoreport.render.text import MD, attr, escape, first_sentence, html_text, paragraphs
from sinoreport.render.view import Strings, View, page_url

RELATED = 5
RELATED_WINDOW = 50  # neighbours either side in a company's or tag's list considered for "related"
LATEST_MENTIONS = 10
LATEST_FIGURES = 40  # figures shown on a company page, from its newest articles
CO_MENTIONS = 8


@dataclass
class Page:
    path: str  # relative to the locale's folder, e.g. "articles/<id>.md"
    template: str
    ctx: dict[str, Any] | Callable[[], dict[str, Any]] = field(default_factory=dict)
    # a fingerprint of everything the context is made from, when that is cheaper to compute than the
    # context itself (serve: an unchanged page is then reused without building its context at all)
    deps: str | None = None
    kind: str = ""  # catalogue.KINDS
    ident: str = ""


def page(kind: str, ident: str = "", ctx: dict[str, Any] | Callable[[], dict[str, Any]] | None = None, *,
         n: int = 1, deps: str | None = None) -> Page:
    """A page of a registered kind: its path and template from the catalogue."""
    return Page(path_of(kind, ident, n), KINDS[kind].template, {} if ctx is None else ctx, deps, kind, ident)


# --------------------------------------------------------------------------- corpus-wide indexes


@dataclass
class Indexes:
    """Lookups computed once per build (not per page): keeps the build linear in the corpus."""

    corpus: Corpus

    @cached_property
    def articles(self) -> list[Article]:
        return self.corpus.published()

    @cached_property
    def position(self) -> dict[str, int]:
        return {a.id: i for i, a in enumerate(self.articles)}

    @cached_property
    def by_company(self) -> dict[str, list[Article]]:
        out: dict[str, list[Article]] = defaultdict(list)
        for a in self.articles:
            for c in a.companies:
                out[c].append(a)
        return out

    @cached_property
    def by_tag(self) -> dict[str, list[Article]]:
        out: dict[str, list[Article]] = defaultdict(list)
        for a in self.articles:
            for t in a.tags:
                out[t].append(a)
        return out

    @cached_property
    def by_month(self) -> dict[str, list[Article]]:
        out: dict[str, list[Article]] = defaultdict(list)
        for a in self.articles:
            out[a.date.strftime("%Y-%m") if a.date else "undated"].append(a)
        return dict(sorted(out.items(), reverse=True))

    @cached_property
    def rows_by_article(self) -> dict[str, list[Row]]:
        out: dict[str, list[Row]] = defaultdict(list)
        for r in self.corpus.rows:
            out[r.article].append(r)
        return out

    @cached_property
    def rows_by_company(self) -> dict[str, list[Row]]:
        owner = {p: c.id for c in self.corpus.companies.values() for p in [c.id, *(x.id for x in c.products)]}
        out: dict[str, list[Row]] = defaultdict(list)
        published = set(self.position)
        for r in self.corpus.rows:
            if r.article in published and r.row.entity in owner:
                out[owner[r.row.entity]].append(r)
        return out

    @cached_property
    def _related(self) -> dict[str, list[Article]]:
        return {}

    @staticmethod
    def _places(groups: dict[str, list[Article]]) -> dict[str, tuple[list[str], dict[str, int]]]:
        out = {}
        for k, v in groups.items():
            ids = [a.id for a in v]
            out[k] = (ids, {i: n for n, i in enumerate(ids)})
        return out

    @cached_property
    def _company_places(self) -> dict[str, tuple[list[str], dict[str, int]]]:
        return self._places(self.by_company)

    @cached_property
    def _tag_places(self) -> dict[str, tuple[list[str], dict[str, int]]]:
        return self._places(self.by_tag)

    def related(self, a: Article) -> list[Article]:
        """Articles sharing companies (weight 2) or tags (weight 1), best first, then newest.

        Candidates are the RELATED_WINDOW articles either side of this one in each company's and tag's
        list (lists are newest first): related reading is close in time, and each article costs the same
        however large the corpus grows — scanning whole lists made the build quadratic. Computed once
        per article, not per locale.
        """
        if a.id in self._related:
            return self._related[a.id]
        score: Counter[str] = Counter()
        for places, keys, weight in ((self._company_places, a.companies, 2), (self._tag_places, a.tags, 1)):
            for k in keys:
                ids, place = places.get(k, ((), {}))
                if weight == 1 and len(ids) > 200:
                    continue  # a tag on most articles says nothing about relatedness
                i = place.get(a.id)
                if i is None:
                    continue
                window = ids[max(0, i - RELATED_WINDOW) : i + RELATED_WINDOW + 1]
                for _ in range(weight):
                    score.update(window)  # counted in C: this runs for every article
        score.pop(a.id, None)
        best = heapq.nsmallest(RELATED, score, key=lambda i: (-score[i], self.position[i]))
        out = self._related[a.id] = [self.articles[self.position[i]] for i in best]
        return out

    def structure(self) -> str:
        """What related() reads: the published articles in order, with their dates, companies and tags."""
        rows = [(a.id, a.date, a.date_precision, a.companies, a.tags) for a in self.articles]
        return hashlib.sha1(repr(rows).encode("utf-8")).hexdigest()

    def co_mentioned(self, company: str) -> list[tuple[str, int]]:
        n: Counter[str] = Counter()
        for a in self.by_company.get(company, ()):
            n.update(c for c in a.companies if c != company)
        return n.most_common(CO_MENTIONS)


# --------------------------------------------------------------------------- helpers


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: same YAML, much faster


def front_matter(**meta: Any) -> MD:
    """YAML front matter. The title is HTML-escaped here because Material prints page.title raw
    (header, tabs, <title>): a headline like "<script>" must stay text everywhere."""
    meta = {k: v for k, v in meta.items() if v not in (None, "", [], {})}
    if "title" in meta:
        meta["title"] = html.escape(str(meta["title"]), quote=True)
    return MD(yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096).strip())


def jsonld(data: dict[str, Any]) -> str:
    # </script> can never close the tag early: escape "<" inside the JSON
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c")


def pages_of(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def description(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for sep in ("。", ". ", "；", "，", ", ", " "):
        i = cut.rfind(sep)
        if i > limit // 2:
            return cut[: i + len(sep)].strip()
    return cut.rstrip() + "…"


# --------------------------------------------------------------------------- the renderer


class Renderer:
    def __init__(self, settings: Settings, corpus: Corpus, *, drafts: bool = False,
                 memo: MemoStore | None = None, pdfs: frozenset[str] = frozenset()):
        self.settings = settings
        self.pdfs = pdfs  # the locales whose PDF edition this build publishes (pages link it)
        self.corpus = corpus
        self.drafts = drafts
        self.stopped: Callable[[], bool] = lambda: False  # a parallel render's workers: the build gave up
        corpus.include_drafts = drafts
        self.idx = Indexes(corpus)
        self.conv = Converter(settings.language.canonical_script, (n for _, n in corpus.named()), corpus.conversions)
        self.strings = Strings.of(settings)
        self.env = self._env(settings, as_html=False)  # *.md.j2: Markdown pages (MkDocs converts them)
        self.html_env = self._env(settings, as_html=True)  # *.html.j2: HTML pages, final as written
        self.edition = dt.date.fromisoformat(settings.site.edition)
        self.memo: PageMemo | None = None
        self._deps: dict[str, str] = {}  # article id → its page's inputs (the same in every locale)
        if memo is not None:  # a long-lived process (serve): reuse pages whose inputs did not change
            pdfs = sorted(self.pdfs)
            shared = tree_hash(*settings.template_roots, settings.data_dir, settings.root / "sinoreport.yml",
                               settings.root / "editions")
            self.memo = PageMemo(memo, corpus, f"{shared}|{settings.model_dump_json()}|{drafts}|{pdfs}")
            # related reading only changes when an article's date, companies or tags (or the set) change
            idx = self.idx
            ids = self.memo.cached("related", idx.structure(),
                                   lambda: {a.id: [r.id for r in idx.related(a)] for a in idx.articles})
            for a_id, rel in ids.items():
                idx._related[a_id] = [idx.articles[idx.position[i]] for i in rel]

    @cached_property
    def edition_log(self) -> changes.EditionLog:
        """The project's editions/ (the change log, revision marks, feeds), read once."""
        return changes.read_log(self.settings)

    @staticmethod
    def _env(settings: Settings, *, as_html: bool) -> Environment:
        wrap = Markup if as_html else MD
        env = Environment(
            loader=FileSystemLoader([str(d) for d in settings.template_dirs("site")]),
            # HTML templates autoescape (Markup passes); in Markdown ones every value is escaped for
            # Markdown and HTML unless it is MD we built (render/text.py)
            autoescape=as_html,
            finalize=(lambda v: v if isinstance(v, Markup) else html_text(v) if v is not None else "") if as_html
            else lambda v: v if isinstance(v, MD) else escape(v) if v is not None else "",
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=TEMPLATE_CODE,
        )
        env.filters["a"] = lambda v: wrap(attr(v))
        env.filters["md"] = lambda v: wrap(v)  # for strings our code built in the page's format
        env.filters["json"] = lambda v: wrap(jsonld(v))
        # Chinese a template writes itself: in the project's canonical script, or in the one named (the
        # package's templates write Traditional: `{% filter zhmd('hant') %}`)
        env.filters["zhmd"] = pass_context(lambda ctx, text, script=None: wrap(ctx["v"].zh(text, script)))
        env.globals.update(
            fm=lambda **meta: wrap(front_matter(**meta, sr_body="html" if as_html else None)),
            desc=description,
            paragraphs=paragraphs,
            first_sentence=first_sentence,
            month_date=lambda m: dt.date.fromisoformat(m + "-01"),
        )
        env.globals["chart_block"] = pass_context(lambda ctx, ch: chart_block(ctx["v"], ch))
        return env

    @cached_property
    def dataset_files(self) -> dict[str, bytes]:
        if self.memo is not None:
            return self.memo.cached("datasets", self.memo.rows_key(set(self.idx.position)),
                                    lambda: extras.dataset_files(self))
        return extras.dataset_files(self)

    def has_pdf(self, locale: str) -> bool:
        return locale in self.pdfs

    # -------------------------------------------------------------- entry

    def render(self) -> dict[str, bytes]:
        files: dict[str, bytes] = {}
        problems: list[Problem] = []
        published = set(self.idx.position)
        locales = self.settings.language.locales
        # Charts are made in the background, every locale in turn, while the pages without charts are
        # rendered: most of a chart's time is vl-convert, which runs in worker processes (it holds the
        # GIL; see charts/render.py), so this thread mostly waits for them.
        with ThreadPoolExecutor(1, thread_name_prefix="sinoreport-charts") as pool:
            pending = {code: pool.submit(self.charts_for, code, published) for code in locales}
            for code in locales:
                self.render_locale(code, pending[code].result, files, problems)
        if problems:
            raise RenderError(problems)
        files.update(extras.shared_files(self.settings))
        return files

    def view(self, code: str) -> View:
        """A locale's view of this site: its strings, and the sections it does not have (`site.pages`)."""
        return View(self.corpus, LOCALES[code], self.conv, self.strings, self.settings.language.default_locale,
                    hidden=self.settings.site.pages.hidden())

    def charts_for(self, code: str, published: set[str]) -> ChartSet:
        view = self.view(code)
        if self.memo is not None:
            return self.memo.charts(code, published, lambda: render_charts(self.corpus, view, self.settings))
        return render_charts(self.corpus, view, self.settings)

    def render_locale(self, code: str, make_charts: Callable[[], ChartSet], files: dict[str, bytes],
                      problems: list[Problem], part: tuple[int, int] | None = None) -> None:
        """One locale's pages into `files`; `make_charts` is called once, when the first page needs them.
        `part` (k, n): only that share of the pages (see `pages`)."""
        loc = LOCALES[code]
        view = self.view(code)

        @cache
        def charts() -> ChartSet:
            try:
                return make_charts()
            except OSError:
                raise  # the disk or the machine (the chart cache could not be written), not a chart
            except Exception as e:  # a chart's failure names the chart; the build must stop cleanly
                raise RenderError(
                    [Problem(Location("charts"), f"charts failed for {code}: {e}", "see the chart module")]
                ) from e

        for page in self.pages(view, charts, part):
            if self.stopped():
                return
            view.begin(page.path, html=page.template.endswith(".html.j2"))
            key = None
            if self.memo is not None:
                key = (self.memo.key_of(code, page.template, page.path, page.deps) if page.deps is not None
                       else self.memo.key(code, page.template, page.path, self.context(page)))
            same = self.memo.get(code, page.path, key) if self.memo is not None else None
            if same is not None:
                files[f"{code}/{page.path}"] = same
                continue
            try:
                tpl = (self.html_env if view.html else self.env).get_template(page.template)
                text = tpl.render(v=view, t=view.t, loc=loc, site_title=self.site_title(loc),
                                  **self.context(page))
            except TemplateError as e:
                # the file at fault (a syntax error's own, an included one's), else the page's template
                name = getattr(e, "filename", None)
                where = display_path(Path(name) if name else self.settings.template_file(f"site/{page.template}"))
                problems.append(Problem(Location(where, getattr(e, "lineno", 0) or 0),
                                        f"{type(e).__name__}: {e}", f"while rendering {code}/{page.path}"))
                continue
            except RenderError as e:
                problems.extend(e.problems)
                continue
            files[f"{code}/{page.path}"] = data = text.encode("utf-8")
            if self.memo is not None:
                self.memo.put(code, page.path, key, data)
        if part is not None and part[0] != 0:
            return
        for path, data in extras.locale_files(self, view, charts()).items():
            files[f"{code}/{path}"] = data

    @staticmethod
    def context(page: Page) -> dict[str, Any]:
        if callable(page.ctx):
            page.ctx = page.ctx()
        return page.ctx

    def site_title(self, loc: Locale) -> str:
        titles = self.settings.site.title
        return titles.get(loc.code) or titles.get("en", "sinoreport")

    # -------------------------------------------------------------- page list

    def pages(self, v: View, charts: Callable[[], ChartSet], part: tuple[int, int] | None = None) -> Iterator[Page]:
        """Every page of a locale: those without charts first, while the charts are still being made.
        Contexts that link are made lazily, once the view is on their page (links are relative).

        `part` (k, n) shares a locale among n tasks of a parallel render: part 0 makes the charts and has
        the pages that show them; the other pages are dealt out in turn to parts 1 … n-1."""
        k, n = part or (0, 1)
        hidden = hidden_kinds(self.settings.site.pages.hidden())
        plain = (p for p in self.plain_pages(v) if p.kind not in hidden)
        if n == 1:
            yield from plain
            yield from (p for p in self.chart_pages(v, charts()) if p.kind not in hidden)
        elif k == 0:
            yield from (p for p in self.chart_pages(v, charts()) if p.kind not in hidden)
        else:
            for j, page in enumerate(plain):
                if j % (n - 1) == k - 1:
                    yield page

    def plain_pages(self, v: View) -> Iterator[Page]:
        c, idx, size = self.corpus, self.idx, self.settings.site.page_size
        yield page("briefs", ctx={"briefs": self.briefs_sorted()})
        for i, a in enumerate(idx.articles):
            prev = idx.articles[i + 1] if i + 1 < len(idx.articles) else None  # older
            nxt = idx.articles[i - 1] if i > 0 else None  # newer
            yield page("article", a.id, lambda a=a, prev=prev, nxt=nxt: self.article_ctx(v, a, prev, nxt),
                       deps=self.article_deps(a, prev, nxt) if self.memo is not None else None)
        yield from self.listing(v, "articles", "", idx.articles, size, title=v.t("articles"),
                                extra={"months": [(m, len(a)) for m, a in idx.by_month.items()]})
        for month, arts in idx.by_month.items():
            title = v.date(dt.date.fromisoformat(month + "-01"), "month") if month != "undated" else month
            yield from self.listing(v, "month", month, arts, size, title=title)
        yield page("companies", ctx=lambda: self.companies_ctx(v))
        for co in self.companies_sorted():
            mentions = self.mentioned_in(co.id)
            if len(mentions) > LATEST_MENTIONS:
                yield from self.listing(v, "company-articles", co.id, mentions, size,
                                        title=f"{v.name(co)} — {v.t('mentions')}")
        yield page("tags", ctx={"tags": [(t, len(idx.by_tag.get(t.id, []))) for t in
                                         sorted(c.tags.values(), key=lambda t: t.id)]})
        for t in sorted(c.tags.values(), key=lambda t: t.id):
            yield from self.listing(v, "tag", t.id, idx.by_tag.get(t.id, []), size, title=v.name(t))
        terms = sorted(c.glossary.values(), key=lambda t: v.name(t).lower())
        yield page("glossary", ctx={"terms": terms, "names": {t.id: self.script_names(t) for t in terms}})
        yield page("about", ctx={"outlets": sorted(c.outlets.values(), key=lambda o: o.id)})
        yield page("methodology", ctx={"canonical": self.settings.language.canonical_script})
        yield page("changes", ctx=lambda: changes.changes_ctx(self, v))

    def chart_pages(self, v: View, cs: ChartSet) -> Iterator[Page]:
        yield page("home", ctx=lambda: self.home_ctx(v, cs))
        for b in self.briefs_sorted():
            yield page("brief", b.id, lambda b=b: self.brief_ctx(v, b, cs))
        for co in self.companies_sorted():
            mentions = self.mentioned_in(co.id)
            yield page("company", co.id, lambda co=co, mentions=mentions: self.company_ctx(v, co, mentions, cs))
        yield page("data", ctx=lambda: self.data_ctx(v, cs))
        for ch in cs.all():  # each chart's own page and its chart-only view for embeds
            yield page("chart", ch.id, lambda ch=ch: chartpages.chart_ctx(self, v, ch, cs))
            yield page("chart-embed", ch.id, lambda ch=ch: chartpages.embed_ctx(self, v, ch))

    def companies_sorted(self) -> list[Company]:
        return sorted(self.corpus.companies.values(), key=lambda x: x.id)

    def listing(self, v: View, kind: str, ident: str, items: list[Article], size: int, *, title: str,
                extra: dict[str, Any] | None = None) -> Iterator[Page]:
        chunks = pages_of(items, size)
        base = path_of(kind, ident).removesuffix("/index.md")
        for n, chunk in enumerate(chunks, 1):
            pager = {
                "n": n, "total": len(chunks),
                "newer": path_of(kind, ident, n - 1) if n > 1 else None,
                "older": path_of(kind, ident, n + 1) if n < len(chunks) else None,
            }
            yield page(kind, ident, {"title": title, "items": chunk, "pager": pager, "base": base, **(extra or {})},
                       n=n)

    def catalogue(self, code: str, chart_ids: tuple[str, ...] = ()) -> list[Entry]:
        """Every page of a locale, without rendering it (contexts are made lazily, so none is made).
        `chart_ids`: the charts that have pages (which charts have rows is known once they are made)."""
        view = self.view(code)
        prefix = LOCALES[code].prefix(self.settings.language.default_locale)
        placeholders = ChartSet({i: Chart(id=i, title=i, svg="", takeaway="") for i in chart_ids})
        return [Entry(code, p.kind, p.ident, p.path, prefix + page_url(p.path))
                for p in self.pages(view, lambda: placeholders)]

    # -------------------------------------------------------------- contexts

    def script_names(self, n) -> dict[str, str]:
        return {"zh-Hans": self.conv.name(n, "hans"), "zh-Hant": self.conv.name(n, "hant")}

    def briefs_sorted(self) -> list[Brief]:
        return sorted(self.corpus.briefs.values(), key=lambda b: (b.order, b.id))

    def home_ctx(self, v: View, charts: ChartSet) -> dict[str, Any]:
        listed = [self.corpus.companies[i] for i in self.settings.site.home.companies if i in self.corpus.companies]
        scorecards = [sc for sc in self.corpus.scorecards.values() if any(sc.id in co.scores for co in listed)]
        return {
            "latest": self.idx.articles[: self.settings.site.latest],
            "briefs": self.briefs_sorted(),
            "home_companies": listed,
            "home_scorecards": scorecards,
            "headline_charts": charts.headline(),
            "findings": [v.finding(f) for f in self.corpus.findings],
            "edition": self.edition,
            "pdf": extras.pdf_name(v.loc.code) if self.has_pdf(v.loc.code) else None,
            "counts": {"briefs": len(self.corpus.briefs), "articles": len(self.idx.articles),
                       "companies": len(self.listed_companies())},
        }

    def article_ctx(self, v: View, a: Article, prev: Article | None, nxt: Article | None) -> dict[str, Any]:
        rows = self.idx.rows_by_article.get(a.id, [])
        return {
            "a": a,
            "rows": rows,
            "related": self.idx.related(a),
            "prev": prev,
            "next": nxt,
            "outlet": self.corpus.outlet_for(a.outlet),
            "companies": [self.corpus.companies[c] for c in a.companies if c in self.corpus.companies],
            "cited_in": self.citing(a.id),
            "draft": a.status != Status.curated,
            "open_problems": self.corpus.problems_of("article", a.id) if a.status != Status.curated else [],
            "jsonld": self.article_jsonld(v, a),
            "revised": changes.revised_rows(self, v, a.id, rows),
            "cite": Markup(chartpages.cite_block(v, chartpages.citable(self, v, "article", a.id))),
        }

    def article_deps(self, a: Article, prev: Article | None, nxt: Article | None) -> str:
        """What an article page is made from besides data/, templates/ and settings (the memo's shared
        part): the article (its figures included), its related articles and its neighbours."""
        memo = self.memo
        assert memo is not None
        hit = self._deps.get(a.id)
        if hit is None:
            parts = [memo.model(a), *(memo.model(r) for r in self.idx.related(a)),
                     memo.model(prev) if prev else "-", memo.model(nxt) if nxt else "-",
                     *(memo.model(b) for b in self.citing(a.id)),
                     *(str(p) for p in self.corpus.problems_of("article", a.id))]
            hit = self._deps[a.id] = "|".join(parts)
        return hit

    def company_ctx(self, v: View, co: Company, mentions: list[Article], charts: ChartSet) -> dict[str, Any]:
        # the figures of the newest articles only: a company page stays the same size as the corpus grows
        # (every figure is on its article's page, and the mentions archive lists every article)
        every = self.idx.rows_by_company.get(co.id, [])
        latest = sorted(every, key=lambda r: (self.idx.position[r.article], r.index))[:LATEST_FIGURES]
        rows = sorted(latest, key=lambda r: (r.row.metric, period_sort_key(r.row.period)))
        return {
            "co": co,
            "rows": rows,
            "n_rows": len(every),
            "mentions": mentions[:LATEST_MENTIONS],
            "n_mentions": len(mentions),
            "co_mentioned": [(self.corpus.companies[i], n) for i, n in self.idx.co_mentioned(co.id)
                             if i in self.corpus.companies],
            "in_briefs": [self.corpus.briefs[b] for b in self.named.briefs_by_company.get(co.id, [])],
            "parent": self.corpus.companies.get(co.parent) if co.parent else None,
            "names": self.script_names(co),
            "aliases": sorted({*co.variants, *co.aliases} - {co.name.en}),
            "charts_for": charts.for_company(co.id),
            "jsonld": self.company_jsonld(v, co),
        }

    def companies_ctx(self, v: View) -> dict[str, Any]:
        cos = sorted(self.listed_companies(), key=lambda x: v.name(x).lower())
        return {
            "full": [c for c in cos if c.tier == "full"],
            "short": [c for c in cos if c.tier != "full"],
            "counts": {c.id: len(self.named.by_company.get(c.id, [])) for c in cos},
        }

    @cached_property
    def named(self) -> mention.Mentions:
        """Which articles and briefs name each company, which briefs cite each article (mentions.py)."""
        names = mention.company_names(self.corpus, self.conv, self.settings.language.locales)
        return mention.mentions(self.corpus, names, self.idx.articles, self.briefs_sorted())

    def mentioned_in(self, company: str) -> list[Article]:
        """The published articles naming a company, newest first."""
        return [self.corpus.articles[i] for i in self.named.by_company.get(company, [])]

    def citing(self, article: str) -> list[Brief]:
        return [self.corpus.briefs[b] for b in self.named.briefs_by_article.get(article, [])]

    def listed_companies(self) -> list[Company]:
        """The companies of the report: not an outlet's company file that only its outlet brings in."""
        return [c for c in self.companies_sorted() if c.id not in self.named.outlet_only]

    def brief_ctx(self, v: View, b: Brief, charts: ChartSet) -> dict[str, Any]:
        cited = [self.corpus.articles[i] for i in b.cites if i in self.corpus.articles]
        return {"b": b, "body": extras.brief_body(self, v, b, charts), "cited": cited,
                "findings": self.findings_html(v, b.findings),
                "jsonld": self.brief_jsonld(v, b, cited),
                "cite": MD(chartpages.cite_block(v, chartpages.citable(self, v, "brief", b.id))),
                "pdf": extras.pdf_name(v.loc.code) if self.has_pdf(v.loc.code) else None}

    def findings_html(self, v: View, findings: list[Finding]) -> MD:
        """A block's key findings as the HTML list the home page shows too (_findings.html.j2), for a
        Markdown page to pass through; empty without findings."""
        if not findings:
            return MD("")
        macros = self.html_env.get_template("_findings.html.j2").make_module({"v": v, "t": v.t, "loc": v.loc})
        return MD(str(macros.finding_items([v.finding(f) for f in findings])))

    def data_ctx(self, v: View, charts: ChartSet) -> dict[str, Any]:
        datasets = sorted(self.corpus.datasets.values(), key=lambda d: (d.order, d.id))
        return {"datasets": [(d, len(self.corpus.rows_for(dataset=d.id))) for d in datasets],
                "charts": charts.all(),
                "cites": {d.id: Markup(chartpages.dataset_cite(self, v, d)) for d in datasets}}

    # -------------------------------------------------------------- structured data

    def page_url(self, v: View, path: str) -> str:
        base = self.settings.site.url.rstrip("/") + "/"
        rel = path[:-len("index.md")] if path.endswith("index.md") else path[:-3] + "/"
        return base + v.loc.prefix(self.settings.language.default_locale) + rel

    def article_jsonld(self, v: View, a: Article) -> str:
        title = v.article_title(a)
        summary, _ = v.text(a.summary)
        outlet = self.corpus.outlet_for(a.outlet)
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "alternativeHeadline": a.title.zh,
            "datePublished": a.date.isoformat() if a.date else None,
            "inLanguage": v.loc.code,
            "description": description(summary, 300),
            "url": self.page_url(v, f"articles/{a.id}.md"),
            "publisher": {"@type": "Organization", "name": v.name(outlet) if outlet else a.outlet,
                          "alternateName": a.outlet},
            "about": [
                {"@type": "Corporation", "name": v.name(self.corpus.companies[c]),
                 **({"url": self.page_url(v, f"companies/{c}.md")} if v.shown("companies") else {})}
                for c in a.companies if c in self.corpus.companies
            ],
            "isAccessibleForFree": True,
        }
        return jsonld({k: x for k, x in data.items() if x is not None})

    def company_jsonld(self, v: View, co: Company) -> str:
        names = {co.name.en, v.name(co), *co.variants, *co.aliases}
        for code in ("zh-Hans", "zh-Hant"):
            names.add(View(self.corpus, LOCALES[code], self.conv, self.strings).name(co))
        if co.name.zh:
            names.add(co.name.zh)
        data = {
            "@context": "https://schema.org",
            "@type": "Corporation",
            "name": v.name(co),
            "alternateName": sorted(n for n in names if n and n != v.name(co)),
            "url": self.page_url(v, f"companies/{co.id}.md"),
            "description": v.text(co.one_line)[0],
        }
        if co.tickers:
            data["tickerSymbol"] = [f"{t.exchange} {t.symbol}" for t in co.tickers]
        if co.website:
            data["sameAs"] = [co.website]
        return jsonld(data)

    def brief_jsonld(self, v: View, b: Brief, cited: list[Article]) -> str:
        data = {
            "@context": "https://schema.org",
            "@type": "AnalysisNewsArticle",
            "headline": v.name(b.title),
            "description": v.text(b.dek)[0],
            "datePublished": b.date.isoformat(),
            "inLanguage": v.loc.code,
            "url": self.page_url(v, f"briefs/{b.id}.md"),
            "author": {"@type": "Organization", "name": self.settings.site.author},
            "citation": [{"@type": "NewsArticle", "headline": a.title.en or a.title.zh,
                          "alternativeHeadline": a.title.zh,
                          "datePublished": a.date.isoformat() if a.date else None,
                          "url": self.page_url(v, f"articles/{a.id}.md")} for a in cited],
            "about": [{"@type": "Corporation", "name": v.name(self.corpus.companies[c])}
                      for c in b.companies if c in self.corpus.companies],
        }
        return jsonld(data)


# Below this many articles a worker's start-up (imports, the corpus sent over) costs more than it saves.
PARALLEL_MIN_ARTICLES = 200
SPLIT = 3  # parts per locale in a parallel render: the charts and their pages, and two halves of the rest


def render_jobs(settings: Settings, corpus: Corpus) -> int:
    return locale_jobs(len(settings.language.locales), len(corpus.articles), PARALLEL_MIN_ARTICLES)


def catalogue_of(settings: Settings, corpus: Corpus, *, drafts: bool = False,
                 files: dict[str, bytes] | None = None) -> list[Entry]:
    """Every page of every locale, as the render makes them (kind, id, path, URL); `files`, the render's
    tree, says which charts have pages."""
    r = Renderer(settings, corpus if drafts else corpus.without_drafts(), drafts=drafts)
    charts = {code: tuple(sorted(k[len(code) + 8:-3] for k in files or () if k.startswith(f"{code}/charts/")
                                 and k.endswith(".md") and k.count("/") == 2)) for code in settings.language.locales}
    return [e for code in settings.language.locales for e in r.catalogue(code, charts[code])]


def render_tree(settings: Settings, corpus: Corpus, *, drafts: bool = False, memo: MemoStore | None = None,
                pdfs: frozenset[str] = frozenset(), jobs: int | None = None) -> dict[str, bytes]:
    """Every file of build/docs. `memo`: reuse unchanged pages from earlier renders (serve; see memo.py).
    `jobs` > 1: the locales' pages shared among worker processes (a cold build of a large corpus); the
    same bytes."""
    with start_render(settings, corpus, drafts=drafts, memo=memo, pdfs=pdfs, jobs=jobs) as render:
        return render()


@contextmanager
def start_render(settings: Settings, corpus: Corpus, *, drafts: bool = False, memo: MemoStore | None = None,
                 pdfs: frozenset[str] = frozenset(),
                 jobs: int | None = None) -> Iterator[Callable[[], dict[str, bytes]]]:
    """render_tree while the caller does something else (the checks): on a large corpus the worker
    processes start rendering on entering, and the yielded function collects the files. Leaving without
    calling it (the checks failed) stops the workers at their next page."""
    if not drafts:
        corpus = corpus.without_drafts()  # drafts are on no page, in no chart, list or download
    jobs = 1 if memo is not None else jobs if jobs is not None else render_jobs(settings, corpus)
    if jobs <= 1 or len(settings.language.locales) < 2:
        yield lambda: Renderer(settings, corpus, drafts=drafts, memo=memo, pdfs=pdfs).render()
        return
    # Each locale in SPLIT parts, the ones with the charts first (cold, they take longest), so that two
    # cores share three locales evenly. The corpus goes to each worker once, when it starts: pickled
    # here, before the caller's checks fill its caches.
    tasks = [(code, (k, SPLIT)) for k in range(SPLIT) for code in settings.language.locales]
    workers = min(jobs, len(tasks), max(cores(), 1))
    stop = mp.get_context("spawn").Event()
    pool = process_pool(workers, _start_render_worker,
                        (settings, pickle.dumps(corpus, pickle.HIGHEST_PROTOCOL), drafts, pdfs, stop))
    futures: list[Future] = []
    # The pool starts a worker per task submitted, and starting one blocks until the worker has imported
    # what it needs and read the corpus from a pipe: a thread submits, while the caller goes on.
    starter = threading.Thread(target=lambda: futures.extend(pool.submit(_render_part, c, p) for c, p in tasks),
                               name="sinoreport-render-start")
    starter.start()

    def render() -> dict[str, bytes]:
        starter.join()
        parts = dict(zip(tasks, (f.result() for f in futures), strict=True))
        files: dict[str, bytes] = {}
        problems: list[Problem] = []
        for code in settings.language.locales:  # in locale order, as the sequential render adds them
            for k in range(SPLIT):
                part, found = parts[(code, (k, SPLIT))]
                files.update(part)
                problems += found
        if problems:
            raise RenderError(problems)
        files.update(extras.shared_files(settings))
        return files

    try:
        yield render
    finally:
        stop.set()  # nothing is waiting for the pages any more (done, or the caller failed)
        starter.join()
        pool.shutdown(wait=True, cancel_futures=True)


_WORKER: dict[str, Renderer] = {}


def _start_render_worker(settings: Settings, corpus: bytes, drafts: bool, pdfs: frozenset[str], stop: Any) -> None:
    """In a worker process, once: the renderer every task of this worker uses; charts converted here
    (the workers already fill the cores)."""
    from sinoreport.charts.render import convert_here

    convert_here()
    _WORKER["renderer"] = r = Renderer(settings, pickle.loads(corpus), drafts=drafts, pdfs=pdfs)
    r.stopped = stop.is_set
    # Its results are sent before it exits; tearing down its heap of pages and models took ~1.4 s at
    # 1,000 articles, which the build waited for.
    atexit.register(os._exit, 0)


def _render_part(code: str, part: tuple[int, int]) -> tuple[dict[str, bytes], list[Problem]]:
    """In a worker process: a part of one locale's pages."""
    r = _WORKER["renderer"]
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    try:
        r.render_locale(code, lambda: r.charts_for(code, set(r.idx.position)), files, problems, part)
    except RenderError as e:  # returned, not raised: the exception's problems do not survive pickling
        problems += e.problems
    return files, problems
