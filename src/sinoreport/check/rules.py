"""Cross-file rules: references, provenance, translations, and numbers in prose.

Every rule yields located Problems (file:line:col, what, how to fix). Errors block a build;
warnings are reported, and become errors with --strict.

Provenance: when the raw digest an article came from is found in a configured raw directory, every
quote (data rows, moats, attributed quotes) must occur verbatim in that article's raw text, and
each row's value must be a number the quote states. Without the raw digest (a clean clone with no
../shared) those checks are skipped and one warning says so.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sinoreport.config import Settings
from sinoreport.corpus import Corpus
from sinoreport.ingest.digest import Digest, DigestError, RawArticle, read_digest
from sinoreport.load import Location, Problem
from sinoreport.model import UNITS, Article, Status
from sinoreport.numbers import backed, find_numbers, is_exempt, quote_states

SUMMARY_EN_WORDS = (150, 250)
SUMMARY_ZH_CHARS = (250, 450)
KEY_POINTS = (4, 7)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_HANS_ONLY = set("们这来为时说过国后发会经对现实动机开进关还长问样种个业务数据资讯产场体与营亿万华腾讯辉达学习")


# --------------------------------------------------------------------------- raw digests


@dataclass
class RawIndex:
    """Finds and caches raw digests by file name across the configured raw directories."""

    dirs: list[Path]
    _cache: dict[str, Digest | None] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def digest(self, name: str) -> Digest | None:
        if name not in self._cache:
            self._cache[name] = None
            if "/" in name or "\\" in name or name.startswith("."):
                self.errors[name] = "the raw file name must be a plain file name"
                return None
            for d in self.dirs:
                p = d / name
                if p.is_file():
                    try:
                        self._cache[name] = _read_digest(p)
                    except DigestError as e:
                        self.errors[name] = str(e)
                    break
        return self._cache[name]

    def article(self, a: Article) -> RawArticle | None:
        d = self.digest(a.source.file)
        if d is None:
            return None
        return _by_sha(d).get(a.source.sha256)

    @property
    def available(self) -> bool:
        return any(d.is_dir() for d in self.dirs)


# Digests by path and content, for long-lived processes (`serve` checks on every edit).
_DIGESTS: dict[Path, tuple[bytes, Digest, dict[str, RawArticle]]] = {}


def _read_digest(p: Path) -> Digest:
    key = hashlib.sha1(p.read_bytes()).digest()
    hit = _DIGESTS.get(p)
    if hit is None or hit[0] != key:
        d = read_digest(p)
        hit = _DIGESTS[p] = (key, d, {})
    return hit[1]


def _by_sha(d: Digest) -> dict[str, RawArticle]:
    """sha256 → article of a digest, computed once per digest (not once per article that looks)."""
    for _, digest, table in _DIGESTS.values():
        if digest is d:
            if not table:
                table.update({ra.sha256: ra for ra in reversed(d.articles)})
            return table
    return {ra.sha256: ra for ra in reversed(d.articles)}


# --------------------------------------------------------------------------- rules


@dataclass
class Report:
    problems: list[Problem]
    strict: bool

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error" or self.strict]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def _err(where: Location, what: str, fix: str) -> Problem:
    return Problem(where, what, fix, "error")


def _warn(where: Location, what: str, fix: str) -> Problem:
    return Problem(where, what, fix, "warning")


def check_references(c: Corpus) -> Iterator[Problem]:
    entity_ids: dict[str, str] = {}
    for kind, table in (("company", c.companies), ("product", {p: 1 for p in c.products}), ("entity", c.entities)):
        for ident in table:
            if ident in entity_ids:
                where = c.where("company", c.products[ident][1].id) if kind == "product" else c.where(kind, ident)
                yield _err(where, f"id {ident!r} is both a {entity_ids[ident]} and a {kind}",
                           "rename one: rows refer to companies, products and entities by one shared id")
            entity_ids.setdefault(ident, kind)

    for a in c.articles.values():
        for i, cid in enumerate(a.companies):
            if cid not in c.companies:
                yield _err(c.where("article", a.id, "companies", i), f"unknown company {cid!r}",
                           f"add data/companies/{cid}.yaml or use an existing id")
        for i, t in enumerate(a.tags):
            if t not in c.tags:
                yield _err(c.where("article", a.id, "tags", i), f"unknown tag {t!r}", "add it to data/tags.yaml")
        if c.outlets and c.outlet_for(a.outlet) is None:
            yield _warn(c.where("article", a.id, "outlet"), f"outlet {a.outlet!r} is not in data/outlets.yaml",
                        "add it there with its English name")
    for r in c.rows:
        a = c.articles[r.article]
        i = r.index
        if r.row.entity not in entity_ids:
            yield _err(c.where("article", a.id, "figures", i, "entity"), f"unknown entity {r.row.entity!r}",
                       "use a company, product or data/entities.yaml id, or add one")
        if r.row.unit not in UNITS:
            yield _err(c.where("article", a.id, "figures", i, "unit"), f"unknown unit {r.row.unit!r}",
                       "use a unit listed in docs/FORMATS.md (or add it to model.UNITS and i18n/formats.UNITS)")
        if r.row.metric not in c.metrics:
            yield _err(c.where("article", a.id, "figures", i, "metric"), f"unknown metric {r.row.metric!r}",
                       "use an id from data/metrics.yaml or add one there")
        for j, ds in enumerate(r.row.datasets):
            if ds not in c.datasets:
                yield _err(c.where("article", a.id, "figures", i, "datasets", j), f"unknown dataset {ds!r}",
                           "use an id from data/datasets/ or add a dataset file")
        if r.row.source and r.row.source != a.id:
            yield _err(c.where("article", a.id, "figures", i, "source"),
                       f"row source {r.row.source!r} is not this article",
                       "a row lives in the article it is quoted from; move it there or drop `source`")
    for co in c.companies.values():
        if co.parent and co.parent not in c.companies:
            yield _err(c.where("company", co.id, "parent"), f"unknown parent company {co.parent!r}",
                       "use an id from data/companies/")
        if co.moats:
            for k in ("technology", "ecosystem", "globalization"):
                m = getattr(co.moats, k)
                if m.source not in c.articles:
                    yield _err(c.where("company", co.id, "moats", k, "source"), f"unknown article {m.source!r}",
                               "cite an article id from content/articles/")
    for t in c.glossary.values():
        for i, s in enumerate(t.see_also):
            if s not in c.glossary:
                yield _err(c.where("term", t.id, "see_also", i), f"unknown glossary term {s!r}",
                           "use an id from data/glossary.yaml")
    for b in c.briefs.values():
        for i, aid in enumerate(b.cites):
            if aid not in c.articles:
                yield _err(c.where("brief", b.id, "cites", i), f"unknown article {aid!r}",
                           "cite an article id from content/articles/")
        for i, cid in enumerate(b.companies):
            if cid not in c.companies:
                yield _err(c.where("brief", b.id, "companies", i), f"unknown company {cid!r}",
                           "use an id from data/companies/")
        for lang in ("en", "zh"):
            body = getattr(b.body, lang) or ""
            for m in re.finditer(r"\[\^(\d+)\]", body):
                n = int(m.group(1))
                if not 1 <= n <= len(b.cites):
                    yield _err(c.where("brief", b.id, "body", lang), f"footnote [^{n}] has no entry in `cites`",
                               f"cites lists {len(b.cites)} articles; add the article or renumber")
    for ds in c.datasets.values():
        if not c.rows_for(dataset=ds.id):
            yield _warn(c.where("dataset", ds.id), f"dataset {ds.id!r} has no rows",
                        "add `datasets: [" + ds.id + "]` to the rows that belong to it")


def check_provenance(c: Corpus, raw: RawIndex) -> Iterator[Problem]:
    if not raw.available:
        yield _warn(Location("sinoreport.yml"), "no raw directory found: quotes were not verified against sources",
                    f"put digests in one of: {', '.join(map(str, raw.dirs))}")
        return
    missing: set[str] = set()
    for a in c.articles.values():
        ra = raw.article(a)
        if ra is None:
            d = raw.digest(a.source.file)
            if d is None:
                if a.source.file not in missing:
                    missing.add(a.source.file)
                    why = raw.errors.get(a.source.file, "not found in the raw directories")
                    yield _warn(c.where("article", a.id, "source", "file"), f"raw digest {a.source.file!r}: {why}",
                                "quotes from it were not verified")
            else:
                yield _err(c.where("article", a.id, "source", "sha256"),
                           f"no article in {a.source.file} has this sha256 (the source text changed?)",
                           "re-run `sinoreport ingest` on the digest and reconcile the .incoming file")
            continue
        raw_text = ra.raw_text
        if a.title.zh != ra.title:
            yield _err(c.where("article", a.id, "title", "zh"), "title.zh is not the headline as published",
                       f"write it exactly as the digest does: {ra.title[:60]}")
        if a.outlet != ra.outlet:
            yield _err(c.where("article", a.id, "outlet"), f"outlet differs from the digest ({ra.outlet})",
                       "write the outlet exactly as the digest does")
        for i, r in enumerate(a.figures):
            if r.quote not in raw_text:
                yield _err(c.where("article", a.id, "figures", i, "quote"),
                           f"quote not found in the raw article: {r.quote[:40]!r}",
                           "copy the words exactly from the source (punctuation and spaces included)")
                continue
            for key, v in (("value", r.value), ("value_high", r.value_high)):
                if v is not None and not quote_states(r.quote, v):
                    stated = ", ".join(f"{n.text}={n.value:g}" for n in find_numbers(r.quote)) or "none"
                    yield _err(c.where("article", a.id, "figures", i, key),
                               f"{key} {v:g} is not a number the quote states (it states: {stated})",
                               "write the quoted number normalized (億 = 1e8, 萬 = 1e4, % as a plain number)")
        for i, q in enumerate(a.quotes):
            if q.text not in raw_text:
                yield _err(c.where("article", a.id, "quotes", i, "text"), "quote not found in the raw article",
                           "copy the words exactly from the source")
    for co in c.companies.values():
        if not co.moats:
            continue
        for k in ("technology", "ecosystem", "globalization"):
            m = getattr(co.moats, k)
            art = c.articles.get(m.source)
            ra = raw.article(art) if art else None
            if ra is not None and m.quote not in ra.raw_text:
                yield _err(c.where("company", co.id, "moats", k, "quote"), "moat quote not found in the cited article",
                           "copy the words exactly from the source")


def _prose(a: Article) -> Iterator[tuple[tuple, str]]:
    for lang in ("en", "zh"):
        if getattr(a.summary, lang):
            yield ("summary", lang), getattr(a.summary, lang)
        if a.analysis and getattr(a.analysis, lang):
            yield ("analysis", lang), getattr(a.analysis, lang)
        for i, kp in enumerate(a.key_points):
            if getattr(kp, lang):
                yield ("key_points", i, lang), getattr(kp, lang)
    if a.title.en:
        yield ("title", "en"), a.title.en


def unbacked_numbers(text: str, values: list[float], names: re.Pattern[str] | None = None) -> list[str]:
    """Numbers in prose that no row states. Footnote marks, chart embeds and names that contain digits
    (S&P 500, CloudMatrix 384, Qwen3-Max) are not quantities and are skipped."""
    text = _without_names(text, names)
    return [n.text for n in find_numbers(text) if not is_exempt(n, text) and not backed(n, values)]


@lru_cache(maxsize=1 << 15)  # the same prose on every rebuild in `serve`
def _without_names(text: str, names: re.Pattern[str] | None) -> str:
    text = re.sub(r"\[\^\d+\]|@chart\([^)]*\)", " ", text)
    return names.sub(" ", text) if names is not None else text


def digit_names(c: Corpus) -> re.Pattern[str] | None:
    """Every known name, alias or variant with a digit in it, longest first."""
    forms: set[str] = set()
    for _, n in c.named():
        for f in (n.name.en, n.name.zh, n.name.zh_hans, n.name.zh_hant, *n.variants, *n.aliases):
            if f and any(ch.isdigit() for ch in f):
                forms.add(f)
    if not forms:
        return None
    return re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))


def check_prose(c: Corpus) -> Iterator[Problem]:
    """Every number our prose states must be a row value (of the article, or of a brief's cited articles)."""
    names = digit_names(c)
    for a in c.articles.values():
        if a.status != Status.curated:
            continue
        values = [v for r in a.figures for v in (r.value, r.value_high) if v is not None]
        for path, text in _prose(a):
            for t in unbacked_numbers(text, values, names):
                yield _warn(c.where("article", a.id, *path), f"number {t!r} in prose is not a data row of this article",
                            "add a row for it to figures, or drop the number")
    for b in c.briefs.values():
        values = [v for aid in b.cites if aid in c.articles for r in c.articles[aid].figures
                  for v in (r.value, r.value_high) if v is not None]
        for lang in ("en", "zh"):
            for t in unbacked_numbers(getattr(b.body, lang) or "", values, names):
                yield _warn(c.where("brief", b.id, "body", lang), f"number {t!r} is not a data row of a cited article",
                            "cite the article whose row states it, or drop the number")
    for co in c.companies.values():
        values = [v for r in c.rows_for(entity=co.id) for v in (r.value, r.value_high) if v is not None]
        for field_ in ("profile", "one_line"):
            txt = getattr(co, field_)
            for lang in ("en", "zh"):
                for t in unbacked_numbers(getattr(txt, lang) or "" if txt else "", values, names):
                    yield _warn(c.where("company", co.id, field_, lang),
                                f"number {t!r} is not a data row about {co.id}", "use words, or add the row")


def check_translations(c: Corpus, canonical: str) -> Iterator[Problem]:
    for a in c.articles.values():
        if a.status != Status.curated:
            continue
        def w(*p: object, _id: str = a.id) -> Location:
            return c.where("article", _id, *p)

        if not a.title.en:
            yield _warn(w("title"), "title.en is missing", "add the English headline")
        for lang in ("en", "zh"):
            if not getattr(a.summary, lang):
                yield _warn(w("summary"), f"summary.{lang} is missing", f"write the {lang} summary")
        if a.summary.en:
            n = len(a.summary.en.split())
            lo, hi = SUMMARY_EN_WORDS
            if not lo <= n <= hi:
                yield _warn(w("summary", "en"), f"summary.en has {n} words", f"aim for {lo}–{hi}")
        if a.summary.zh:
            n = len(_CJK.findall(a.summary.zh))
            lo, hi = SUMMARY_ZH_CHARS
            if not lo <= n <= hi:
                yield _warn(w("summary", "zh"), f"summary.zh has {n} Chinese characters", f"aim for {lo}–{hi}")
        lo, hi = KEY_POINTS
        if not lo <= len(a.key_points) <= hi:
            yield _warn(w("key_points"), f"{len(a.key_points)} key points", f"curated articles have {lo}–{hi}")
        for i, kp in enumerate(a.key_points):
            for lang in ("en", "zh"):
                if not getattr(kp, lang):
                    yield _warn(w("key_points", i), f"key point has no {lang}", f"add the {lang} text")
        if a.date_basis == "inferred" and not a.date_note:
            yield _warn(w("date_basis"), "inferred date without date_note", "say how the date was inferred")
        if canonical == "hant":
            for path, text in _prose(a):
                if path[-1] == "zh" and len([ch for ch in text if ch in _HANS_ONLY]) >= 3:
                    yield _warn(w(*path), "Chinese text looks Simplified; the canonical script is Traditional",
                                "write Chinese prose in Traditional (Simplified is derived)")
    for b in c.briefs.values():
        for lang in ("en", "zh"):
            if not getattr(b.body, lang):
                yield _warn(c.where("brief", b.id, "body"), f"brief has no {lang} body", f"write the {lang} version")


def check_incoming(settings: Settings) -> Iterator[Problem]:
    for p in sorted((settings.content_dir / "articles").glob("*.incoming")):
        yield _warn(Location(str(p.relative_to(settings.root)) if p.is_relative_to(settings.root) else str(p)),
                    "the source of this article changed since it was curated; ingest kept both",
                    "merge what changed into the curated file, then delete the .incoming file")


def run_checks(c: Corpus, settings: Settings, *, strict: bool = False, raw: RawIndex | None = None) -> Report:
    raw = raw or RawIndex(settings.raw_dirs)
    problems = list(c.problems)
    problems += check_references(c)
    problems += check_provenance(c, raw)
    problems += check_translations(c, settings.language.canonical_script)
    problems += check_prose(c)
    problems += check_incoming(settings)
    uniq = sorted(set(problems), key=lambda p: (p.where, p.what))
    return Report(uniq, strict)
