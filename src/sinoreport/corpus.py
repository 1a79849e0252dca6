"""Load a whole project (content/ + data/) into one Corpus, collecting located problems.

A broken file does not hide the others: every file is tried, every problem is reported, and the
Corpus holds whatever loaded. Each object remembers where it came from so later rules (check.py)
can point at the exact line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from sinoreport.config import Settings
from sinoreport.load import ContentError, Doc, Location, Problem, parse_yaml, to_model
from sinoreport.model import (
    Article,
    Brief,
    ChartDecl,
    ChartsFile,
    Company,
    ConversionRule,
    ConversionsFile,
    DataRow,
    Dataset,
    Dimension,
    EntitiesFile,
    Entity,
    Finding,
    FindingsFile,
    GlossaryFile,
    GlossaryTerm,
    Metric,
    MetricsFile,
    Misreading,
    Named,
    Outlet,
    OutletsFile,
    Product,
    Rating,
    Score,
    Scorecard,
    ScorecardsFile,
    Status,
    Tag,
    TagsFile,
    UnitsFile,
    parse_row_ref,
)
from sinoreport.units import PROJECT_FILE as UNITS_FILE
from sinoreport.units import Units, package_units, project_units

FINDINGS_FILE = "findings.yaml"  # in content/: the home page's key findings
SCORECARDS_FILE = "scorecards.yaml"  # in data/
# The package's baseline of phrase rules and regional vocabulary (general Taiwan/mainland usage, and what
# the package's own interface strings need); a project's data/conversions.yaml comes first, over it.
PACKAGE_CONVERSIONS = Path(__file__).parent / "i18n" / "conversions.yaml"
HOME = "home"  # the key under which the home page's findings are located (Corpus.where("findings", HOME))


@dataclass(frozen=True)
class Row:
    """A data row with its provenance resolved: the article it is quoted from, where it is written."""

    row: DataRow
    article: str  # the article it is quoted from (rows live in their article's `figures`)
    index: int  # its place in the article's `figures`: Corpus.where("article", article, "figures", index)

    def __getattr__(self, name: str) -> Any:  # row fields read through: r.value, r.quote …
        if name == "row" or name.startswith("__"):  # not set yet (unpickling): no read-through loop
            raise AttributeError(name)
        return getattr(self.row, name)


@dataclass
class Corpus:
    articles: dict[str, Article] = field(default_factory=dict)
    briefs: dict[str, Brief] = field(default_factory=dict)
    companies: dict[str, Company] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    outlets: dict[str, Outlet] = field(default_factory=dict)
    datasets: dict[str, Dataset] = field(default_factory=dict)
    scorecards: dict[str, Scorecard] = field(default_factory=dict)  # data/scorecards.yaml, in its order
    conversions: list[ConversionRule] = field(default_factory=list)  # the project's, then the package's
    misreadings: list[Misreading] = field(default_factory=list)  # what OpenCC makes of words without a rule
    findings: list[Finding] = field(default_factory=list)  # the home page's (content/findings.yaml)
    charts: dict[str, ChartDecl] = field(default_factory=dict)  # data/charts.yaml, in file order
    units: Units = field(default_factory=package_units)  # the package's, data/units.yaml merged over
    docs: dict[tuple[str, str], tuple[Doc, tuple[Any, ...]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    include_drafts: bool = True
    draft_files: set[str] = field(default_factory=set)  # drafts that loaded only in part, or not at all
    # the checks' open problems of each draft file (by path), shown on the draft's own page
    open_problems: dict[str, list[Problem]] = field(default_factory=dict)

    def problems_of(self, kind: str, ident: str) -> list[Problem]:
        doc = self.docs.get((kind, ident))
        return self.open_problems.get(doc[0].path, []) if doc else []

    # ------------------------------------------------------------------ locating

    def where(self, kind: str, key: str, *path: Any) -> Location:
        doc, prefix = self.docs[(kind, key)]
        return doc.locate((*prefix, *path))

    # ------------------------------------------------------------------ views

    def without_drafts(self) -> Corpus:
        """The curated part, for a build without drafts: draft articles (and their rows), draft companies,
        entities and tags left out. The loading record (docs, problems) is shared."""
        curated = Status.curated
        return Corpus(
            articles={k: a for k, a in self.articles.items() if a.status == curated},
            briefs=self.briefs,
            companies={k: c for k, c in self.companies.items() if c.status == curated},
            entities={k: e for k, e in self.entities.items() if e.status == curated},
            glossary=self.glossary, metrics=self.metrics,
            tags={k: t for k, t in self.tags.items() if t.status == curated},
            outlets=self.outlets, datasets=self.datasets, scorecards=self.scorecards, conversions=self.conversions,
            findings=self.findings, charts=self.charts, units=self.units, misreadings=self.misreadings,
            docs=self.docs,
            problems=self.problems, include_drafts=False, draft_files=self.draft_files,
            open_problems=self.open_problems,
        )

    def drafts(self) -> list[tuple[str, str]]:
        """(kind, id) of every draft: articles, companies, entities, tags."""
        out = [("article", k) for k, a in self.articles.items() if a.status != Status.curated]
        for kind, table in (("company", self.companies), ("entity", self.entities), ("tag", self.tags)):
            out += [(kind, k) for k, x in table.items() if x.status != "curated"]
        return out

    def published(self) -> list[Article]:
        """Articles to render, newest first (ties by id so the order is stable)."""
        arts = [a for a in self.articles.values() if self.include_drafts or a.status == Status.curated]
        return sorted(arts, key=lambda a: (a.date or dt.date.min, a.id), reverse=True)

    @cached_property
    def rows(self) -> list[Row]:
        out: list[Row] = []
        for a in sorted(self.articles.values(), key=lambda a: a.id):
            for i, r in enumerate(a.figures):
                out.append(Row(r, a.id, i))
        return out

    @cached_property
    def _rows_by(self) -> dict[tuple[str, str], list[Row]]:
        """Rows by ("dataset" | "entity" | "article", id), in `rows` order: lookups stay linear overall."""
        out: dict[tuple[str, str], list[Row]] = {}
        for r in self.rows:
            for key in (("entity", r.row.entity), ("article", r.article), *(("dataset", d) for d in r.row.datasets)):
                out.setdefault(key, []).append(r)
        return out

    def rows_for(self, *, dataset: str | None = None, entity: str | None = None, article: str | None = None):
        given = [(k, v) for k, v in (("article", article), ("entity", entity), ("dataset", dataset)) if v is not None]
        pool = self._rows_by.get(given[0], []) if given else self.rows
        return [
            r
            for r in pool
            if (dataset is None or dataset in r.row.datasets)
            and (entity is None or r.row.entity == entity)
            and (article is None or r.article == article)
        ]

    def rows_at(self, ref: str) -> list[Row]:
        """The rows a finding's reference names (model.ROW_REF_RE): one when it is right; none, or several
        (a key that more than one row has), is for `check` to report."""
        r = parse_row_ref(ref)
        if r is None:
            return []
        if r.n is not None:
            rows = self.rows_for(article=r.article or "")
            return [x for x in rows if x.index == r.n - 1]
        pool = self.rows_for(entity=r.entity, article=r.article) if r.article else self.rows_for(entity=r.entity)
        return [x for x in pool if x.row.metric == r.metric and x.row.period == r.period]

    @cached_property
    def products(self) -> dict[str, tuple[Product, Company]]:
        return {p.id: (p, c) for c in self.companies.values() for p in c.products}

    def named(self) -> Iterator[tuple[str, Named]]:
        """Every named thing with its kind, for alias tables, conversion overrides and search."""
        for c in self.companies.values():
            yield "company", c
            for p in c.products:
                yield "product", p
        for e in self.entities.values():
            yield "entity", e
        for t in self.glossary.values():
            yield "term", t
        for t in self.tags.values():
            yield "tag", t

    def name_of(self, ident: str) -> Named | Metric | Outlet | None:
        for table in (self.companies, self.entities, self.metrics, self.glossary, self.tags):
            if ident in table:
                return table[ident]
        if ident in self.products:
            return self.products[ident][0]
        return None

    def scores_of(self, co: Company) -> list[tuple[Scorecard, list[tuple[Dimension, Score, Rating]]]]:
        """A company's ratings by scorecard, in the order data/scorecards.yaml gives scorecards and their
        dimensions: only what the scorecard defines (check reports the rest)."""
        out = []
        for sc in self.scorecards.values():
            given = co.scores.get(sc.id)
            if not given:
                continue
            dims = []
            for d in sc.dimensions:
                s = given.get(d.id)
                r = sc.rating(s.rating) if s is not None else None
                if s is not None and r is not None:
                    dims.append((d, s, r))
            if dims:
                out.append((sc, dims))
        return out

    @cached_property
    def digit_names(self) -> re.Pattern[str] | None:
        """Every known name, alias or variant with a digit in it (S&P 500, CloudMatrix 384), longest first:
        such digits are part of a name, not a quantity."""
        forms: set[str] = set()
        for _, n in self.named():
            for f in (n.name.en, n.name.zh, n.name.zh_hans, n.name.zh_hant, *n.variants, *n.aliases):
                if f and any(ch.isdigit() for ch in f):
                    forms.add(f)
        if not forms:
            return None
        return re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))

    def scope_of(self, row: DataRow) -> str:
        """What a row measures at which scope: its own `scope`, else derived from its entity — a company
        is `company`; a product `business` when it is a business or subsidiary, else `product`; an entity
        of data/entities.yaml its type. Charts rank only rows of one scope."""
        return row.scope or self.entity_scope(row.entity)

    def entity_scope(self, entity: str) -> str:
        """The scope a figure about an entity has unless its row says otherwise (see scope_of)."""
        if entity in self.companies:
            return "company"
        if entity in self.products:
            return "business" if self.products[entity][0].kind in ("business", "subsidiary") else "product"
        e = self.entities.get(entity)
        return e.type if e is not None else "other"

    def outlet_for(self, written: str) -> Outlet | None:
        for o in self.outlets.values():
            if written == o.name.zh or written in o.variants or written == o.name.en:
                return o
        return None


# --------------------------------------------------------------------------- loading


def _files(d: Path) -> list[Path]:
    if not d.is_dir():
        return []
    return sorted(p for p in d.glob("*.yaml") if p.is_file() and not p.name.startswith("."))


def _parse(path: Path, model: type, parsed: dict[Path, Any] | None) -> tuple[Doc, Any]:
    """`parsed` (a long-lived Build's: serve loads the corpus on every edit): files by path and content, so an
    unchanged file is not parsed again and yields the very same model objects, which the render stage's
    page cache recognizes. Files that fail to load are not kept."""
    if parsed is None:
        doc = parse_yaml(path)
        return doc, to_model(doc, model)
    try:
        digest = hashlib.sha1(path.read_bytes()).digest()
    except OSError:
        digest = b""  # parse_yaml reports it
    hit = parsed.get(path)
    if hit is not None and hit[0] == digest and hit[1] is model:
        return hit[2], hit[3]
    doc = parse_yaml(path)
    obj = to_model(doc, model)
    if digest:
        parsed[path] = (digest, model, doc, obj)
    return doc, obj


def _load_one(corpus: Corpus, path: Path, kind: str, model: type, table: dict[str, Any],
              parsed: dict[Path, Any] | None = None) -> None:
    try:
        doc, obj = _parse(path, model, parsed)
    except ContentError as e:
        loaded = _load_draft(path, model, e) if kind == "article" else None
        corpus.problems.extend(e.problems)
        if loaded is None:
            if kind == "article" and _is_draft_text(path):
                corpus.draft_files.add(e.problems[0].where.path if e.problems else str(path))
            return
        doc, obj = loaded
        corpus.draft_files.add(doc.path)
    _register(corpus, doc, (), kind, obj, table)
    if path.stem != obj.id:
        corpus.problems.append(
            Problem(doc.locate(("id",)), f"id {obj.id!r} differs from the file name {path.name!r}",
                    f"rename the file to {obj.id}.yaml (ids are URLs; keep the id stable)")
        )


def _is_draft_text(path: Path) -> bool:
    """A file that does not parse is a draft unless it says `status: curated` (an author's half-edit)."""
    try:
        return re.search(r"^status:\s*curated\b", path.read_text(encoding="utf-8", errors="replace"), re.M) is None
    except OSError:
        return False


def _load_draft(path: Path, model: type, error: ContentError) -> tuple[Doc, Any] | None:
    """A draft article that fails validation still loads, without the parts that fail: a row with a bad
    field is left out, an optional key with a bad value is dropped. Its problems stay reported (as open
    problems of the draft). None when the file does not parse, is curated, or lacks what an article needs."""
    import copy

    from pydantic import ValidationError

    try:
        doc = parse_yaml(path)
    except ContentError:
        return None
    data = doc.data
    if not isinstance(data, dict) or str(data.get("status", "draft")) == "curated":
        return None
    data = copy.deepcopy(data)
    kept = list(range(len(data["figures"]))) if isinstance(data.get("figures"), list) else []
    for _ in range(8):
        try:
            obj = model.model_validate(data)
        except ValidationError as e:
            figures_out: set[int] = set()
            for err in e.errors():
                loc = err["loc"]
                if len(loc) >= 2 and loc[0] == "figures" and isinstance(loc[1], int):
                    figures_out.add(loc[1])
                elif loc and loc[0] in ("title", "outlet", "source", "id"):
                    return None  # what an article is cannot be guessed
                elif loc and isinstance(data, dict) and loc[0] in data:
                    data.pop(loc[0])
                elif not loc:
                    data.pop("date", None)  # model-level rules (a curated date, month precision)
            if figures_out and isinstance(data.get("figures"), list):
                data["figures"] = [f for i, f in enumerate(data["figures"]) if i not in figures_out]
                kept = [k for i, k in enumerate(kept) if i not in figures_out]
            continue
        # the rows that loaded keep pointing at their own lines
        where = {new: old for new, old in enumerate(kept)}
        marks = {k: v for k, v in doc.marks.items() if not (len(k) >= 2 and k[0] == "figures")}
        for k, v in doc.marks.items():
            if len(k) >= 2 and k[0] == "figures":
                for new, old in where.items():
                    if k[1] == old:
                        marks[("figures", new, *k[2:])] = v
            elif k == ("figures",):
                marks[k] = v
        return Doc(data=data, path=doc.path, marks=marks), obj
    return None


def _register(corpus: Corpus, doc: Doc, prefix: tuple[Any, ...], kind: str, obj: Any, table: dict) -> None:
    if obj.id in table:
        first = corpus.where(kind, obj.id)
        corpus.problems.append(
            Problem(doc.locate((*prefix, "id")), f"duplicate {kind} id {obj.id!r} (first at {first})",
                    "give each one a unique id")
        )
        return
    table[obj.id] = obj
    corpus.docs[(kind, obj.id)] = (doc, prefix)


def _parse_file(corpus: Corpus, path: Path, wrapper: type,
                parsed: dict[Path, Any] | None) -> tuple[Any, Any] | None:
    """(doc, model) of a one-file format, or None when it is absent or broken (its problems noted)."""
    if not path.is_file():
        return None
    try:
        return _parse(path, wrapper, parsed)
    except ContentError as e:
        corpus.problems.extend(e.problems)
        return None


def _load_list(corpus: Corpus, path: Path, kind: str, wrapper: type, key: str, table: dict,
               parsed: dict[Path, Any] | None = None) -> None:
    got = _parse_file(corpus, path, wrapper, parsed)
    if got is None:
        return
    doc, obj = got
    for i, item in enumerate(getattr(obj, key)):
        _register(corpus, doc, (key, i), kind, item, table)


def load_corpus(settings: Settings, *, include_drafts: bool = True, parsed: dict[Path, Any] | None = None) -> Corpus:
    """Every file of content/ and data/. `parsed`: a parse cache to reuse and fill (a long-lived Build's)."""
    c = Corpus(include_drafts=include_drafts)
    content, data = settings.content_dir, settings.data_dir
    for p in _files(content / "articles"):
        _load_one(c, p, "article", Article, c.articles, parsed)
    for p in _files(content / "briefs"):
        _load_one(c, p, "brief", Brief, c.briefs, parsed)
    for p in _files(data / "companies"):
        _load_one(c, p, "company", Company, c.companies, parsed)
    for p in _files(data / "datasets"):
        _load_one(c, p, "dataset", Dataset, c.datasets, parsed)
    _load_list(c, data / "entities.yaml", "entity", EntitiesFile, "entities", c.entities, parsed)
    _load_list(c, data / "glossary.yaml", "term", GlossaryFile, "terms", c.glossary, parsed)
    _load_list(c, data / "metrics.yaml", "metric", MetricsFile, "metrics", c.metrics, parsed)
    _load_list(c, data / "tags.yaml", "tag", TagsFile, "tags", c.tags, parsed)
    _load_list(c, data / "outlets.yaml", "outlet", OutletsFile, "outlets", c.outlets, parsed)
    _load_list(c, data / SCORECARDS_FILE, "scorecard", ScorecardsFile, "scorecards", c.scorecards, parsed)
    _load_list(c, data / "charts.yaml", "chart", ChartsFile, "charts", c.charts, parsed)
    _load_findings(c, content / FINDINGS_FILE, parsed)
    c.units, unit_problems = project_units(_parse_file(c, data / UNITS_FILE, UnitsFile, parsed))
    c.problems += unit_problems
    _load_conversions(c, data / "conversions.yaml", parsed)
    return c


def _load_conversions(c: Corpus, path: Path, parsed: dict[Path, Any] | None) -> None:
    """The project's rules, then the package's for the words the project's do not name: a project's rule
    replaces the package's for the same word (a regional pair for a word the package pins: pins apply
    first, so the package's would otherwise still win). Each file's problems are located in that file."""
    got = [_parse_file(c, p, ConversionsFile, parsed) for p in (path, PACKAGE_CONVERSIONS)]
    own = list(got[0][1].conversions) if got[0] else []
    named = {w for r in own for w in _rewritten(r)}
    package = [r for r in (got[1][1].conversions if got[1] else ()) if not _rewritten(r) & named]
    c.conversions = own + package
    c.misreadings = [m for g in got if g for m in g[1].misreadings]


def _rewritten(r: ConversionRule) -> set[str]:
    """The words a rule rewrites: a pin both of its forms; a regional pair the other region's word (a
    zh-Hans pair rewrites the Taiwan word, a zh-Hant pair the mainland one)."""
    return {"zh-Hans": {r.zh_hant}, "zh-Hant": {r.zh_hans}}.get(r.regional or "", {r.zh_hant, r.zh_hans})


def _load_findings(corpus: Corpus, path: Path, parsed: dict[Path, Any] | None) -> None:
    got = _parse_file(corpus, path, FindingsFile, parsed)
    if got is None:
        return
    doc, obj = got
    corpus.findings = list(obj.findings)
    corpus.docs[("findings", HOME)] = (doc, ())
