"""Cross-file rules: references, provenance, translations, placeholders and numbers in prose.

Every rule yields located Problems (file:line:col, what, how to fix). Errors block a build;
warnings are reported, and become errors with --strict. The rules that read a row against its quote
are in semantic.py; where raw digests are found, in raw.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from sinoreport.check.raw import Coverage, RawIndex
from sinoreport.config import Settings
from sinoreport.corpus import FINDINGS_FILE, HOME, SCORECARDS_FILE, Corpus
from sinoreport.load import Location, Problem
from sinoreport.model import (
    PLACEHOLDER,
    SLOT_RE,
    Article,
    Company,
    Finding,
    Score,
    Status,
    parse_row_ref,
)
from sinoreport.numbers import backed, find_numbers, is_exempt
from sinoreport.units import Units

SUMMARY_EN_WORDS = (150, 250)
SUMMARY_ZH_CHARS = (250, 450)
KEY_POINTS = (4, 7)
KEY_FINDINGS = (3, 5)  # a block of key findings (the home page, each brief)


def summary_bounds(source_chars: int | None) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    """(en words, zh characters, key points) a summary aims for, scaled to the source: a summary is at most
    about half as long as what it summarizes (a 270-character item cannot need 250 characters), and the
    editorial ranges apply to full-length articles. Unknown source length: the editorial ranges."""
    if not source_chars:
        return SUMMARY_EN_WORDS, SUMMARY_ZH_CHARS, KEY_POINTS
    zh_hi = min(SUMMARY_ZH_CHARS[1], max(60, source_chars // 2))
    zh_lo = min(SUMMARY_ZH_CHARS[0], max(30, source_chars // 5))
    en_hi = min(SUMMARY_EN_WORDS[1], max(40, round(zh_hi * 0.6)))
    en_lo = min(SUMMARY_EN_WORDS[0], max(20, round(zh_lo * 0.6)))
    kp_lo = min(KEY_POINTS[0], max(2, source_chars // 250))
    return (en_lo, en_hi), (zh_lo, zh_hi), (kp_lo, KEY_POINTS[1])
_CJK = re.compile(r"[\u4e00-\u9fff]")
_HANS_ONLY = set("们这来为时说过国后发会经对现实动机开进关还长问样种个业务数据资讯产场体与营亿万华腾讯辉达学习")


# --------------------------------------------------------------------------- rules


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

    currencies = set(c.units.currencies)
    for co in c.companies.values():
        if co.currency and co.currency not in currencies:
            yield _err(c.where("company", co.id, "currency"), f"{co.currency!r} is not a currency of the units",
                       f"use one of {', '.join(sorted(currencies))}, or add it to data/units.yaml "
                       "with `currency: true`")

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
        line = c.where("article", a.id, "figures", i).line

        def row_err(*path: object, what: str, fix: str, _a: str = a.id, _i: int = i, _line: int = line) -> Problem:
            # listed with the row's other problems, before what they cause (an unknown metric has no family)
            return Problem(c.where("article", _a, "figures", _i, *path), what, fix, "error", (_line, 0))

        if r.row.entity not in entity_ids:
            yield row_err("entity", what=f"unknown entity {r.row.entity!r}",
                          fix="use a company, product or data/entities.yaml id, or add one")
        if r.row.unit not in c.units:
            yield row_err("unit", what=f"unknown unit {r.row.unit!r}",
                          fix="use a unit listed in docs/FORMATS.md (Units), or add it to data/units.yaml "
                              "with its English and Chinese forms and the words texts write it with")
        if r.row.metric not in c.metrics:
            yield row_err("metric", what=f"unknown metric {r.row.metric!r}",
                          fix="use an id from data/metrics.yaml or add one there")
        for j, ds in enumerate(r.row.datasets):
            if ds not in c.datasets:
                yield row_err("datasets", j, what=f"unknown dataset {ds!r}",
                              fix="use an id from data/datasets/ or add a dataset file")
        if r.row.producer and r.row.producer not in c.companies and r.row.producer not in c.entities:
            yield row_err("producer", what=f"unknown producer {r.row.producer!r}",
                          fix="use the id of a company in data/companies/ or an entity in data/entities.yaml "
                              "(add a short company file for an analyst house or tracker)")
        if r.row.source and r.row.source != a.id:
            yield row_err("source", what=f"row source {r.row.source!r} is not this article",
                          fix="a row lives in the article it is quoted from; move it there or drop `source`")
    for co in c.companies.values():
        if co.parent and co.parent not in c.companies:
            yield _err(c.where("company", co.id, "parent"), f"unknown parent company {co.parent!r}",
                       "use an id from data/companies/")
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


def _scores(co: Company) -> Iterator[tuple[str, str, Score]]:
    """(scorecard, dimension, score) of a company, as its file lists them."""
    for sc, dims in co.scores.items():
        for dim, m in dims.items():
            yield sc, dim, m


def _ids(xs: Iterable[str]) -> str:
    return ", ".join(xs) or "none"


def check_scores(c: Corpus) -> Iterator[Problem]:
    """Every company's `scores` against data/scorecards.yaml: a known scorecard, each of its dimensions rated
    (no other), a known rating, a source that is an article. While data/scorecards.yaml itself does not load,
    its own errors are the ones reported."""
    broken = any(Path(p.where.path).name == SCORECARDS_FILE for p in c.problems)
    for co in c.companies.values():
        for sc_id, dims in co.scores.items():
            sc = c.scorecards.get(sc_id)
            if sc is None:
                if broken:
                    continue
                yield _err(c.where("company", co.id, "scores", sc_id), f"unknown scorecard {sc_id!r}",
                           f"use a scorecard id of data/scorecards.yaml ({_ids(c.scorecards)}) or declare "
                           f"{sc_id!r} there with its dimensions and ratings")
                continue
            for d in sc.dimensions:
                if d.id not in dims:
                    yield _err(c.where("company", co.id, "scores", sc_id),
                               f"no rating for {d.id!r}: the {sc_id!r} scorecard rates every company on each of its "
                               "dimensions", f"add `{d.id}: {{rating: …, source: …, quote: …, quote_en: …}}`")
            for dim, m in dims.items():
                if sc.dimension(dim) is None:
                    known = _ids(x.id for x in sc.dimensions)
                    yield _err(c.where("company", co.id, "scores", sc_id, dim),
                               f"unknown dimension {dim!r} of the {sc_id!r} scorecard",
                               f"use one of its dimensions ({known}) or add {dim!r} to it in data/scorecards.yaml")
                if sc.rating(m.rating) is None:
                    yield _err(c.where("company", co.id, "scores", sc_id, dim, "rating"),
                               f"unknown rating {m.rating!r} of the {sc_id!r} scorecard",
                               f"use one of its ratings ({_ids(r.id for r in sc.ratings)})")
                if m.source not in c.articles:
                    yield _err(c.where("company", co.id, "scores", sc_id, dim, "source"),
                               f"unknown article {m.source!r}", "cite an article id from content/articles/ "
                               "(the article the quote is from)")


def check_home(c: Corpus, settings: Settings) -> Iterator[Problem]:
    """The companies of the home page's table (`site.home.companies` in sinoreport.yml) are companies."""
    wanted = settings.site.home.companies
    missing = [(i, cid) for i, cid in enumerate(wanted) if cid not in c.companies]
    if not missing:
        return
    from sinoreport.config import CONFIG_NAME
    from sinoreport.load import ContentError, parse_yaml

    path = settings.root / CONFIG_NAME
    try:
        doc = parse_yaml(path)
    except ContentError:
        doc = None
    for i, cid in missing:
        where = doc.locate(("site", "home", "companies", i)) if doc is not None else Location(str(path))
        yield _err(where, f"unknown company {cid!r} in site.home.companies",
                   "use an id from data/companies/ (the home page's table lists these companies)")


def check_provenance(c: Corpus, raw: RawIndex, coverage: Coverage) -> Iterator[Problem]:
    """Quotes (rows, attributed quotes, scores) must be verbatim in the raw article; every article either
    is verified against its raw text or says why it could not be (a warning; an error with --strict)."""
    for a in c.articles.values():
        ra = raw.article(a)
        if ra is None:
            d = raw.digest(a.source.file)
            if d is None:
                why = f"digest {a.source.file} not found"
                coverage.unverified[a.id] = why
                if a.status == Status.curated:
                    yield _warn(c.where("article", a.id, "source", "file"),
                                f"not verified: raw digest {a.source.file!r} {raw.errors.get(a.source.file, '')}",
                                "put the digest in a raw directory of sinoreport.yml (or ingest it again from where "
                                "it is) so quotes and values can be checked")
            else:
                coverage.unverified[a.id] = "source text changed"
                yield _err(c.where("article", a.id, "source", "sha256"),
                           f"no article in {a.source.file} has this sha256 (the source text changed?)",
                           "re-run `sinoreport ingest` on the digest and reconcile the .incoming file")
            continue
        coverage.verified.append(a.id)
        raw_text = ra.raw_text
        if a.title.zh != ra.title:
            yield _err(c.where("article", a.id, "title", "zh"), "title.zh is not the headline as published",
                       f"write it exactly as the digest does: {ra.title[:60]}")
        if a.outlet != ra.outlet:
            yield _err(c.where("article", a.id, "outlet"), f"outlet differs from the digest ({ra.outlet})",
                       "write the outlet exactly as the digest does")
        for i, r in enumerate(a.figures):
            if r.quote not in raw_text:
                yield Problem(c.where("article", a.id, "figures", i, "quote"),
                              f"quote not found in the raw article: {r.quote[:40]!r}",
                              "copy the words exactly from the source (punctuation and spaces included)", "error",
                              (c.where("article", a.id, "figures", i).line, 0))
        for i, q in enumerate(a.quotes):
            if q.text not in raw_text:
                yield _err(c.where("article", a.id, "quotes", i, "text"), "quote not found in the raw article",
                           "copy the words exactly from the source")
    for co in c.companies.values():
        for sc, dim, m in _scores(co):
            art = c.articles.get(m.source)
            ra = raw.article(art) if art else None
            if ra is not None and m.quote not in ra.raw_text:
                yield _err(c.where("company", co.id, "scores", sc, dim, "quote"),
                           "the score's quote is not found in the cited article",
                           "copy the words exactly from the source (punctuation and spaces included)")


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


def unbacked_numbers(text: str, values: list[float], names: re.Pattern[str] | None = None,
                     units: Units | None = None) -> list[str]:
    """Numbers in prose that no row states. Footnote marks, chart embeds and names that contain digits
    (S&P 500, CloudMatrix 384, Qwen3-Max) are not quantities and are skipped. `units`: the project's."""
    text = _without_names(text, names)
    return [n.text for n in find_numbers(text, units) if not is_exempt(n, text) and not backed(n, values)]


@lru_cache(maxsize=1 << 15)  # the same prose on every rebuild in `serve`
def _without_names(text: str, names: re.Pattern[str] | None) -> str:
    text = re.sub(r"\[\^\d+\]|@chart\([^)]*\)", " ", text)
    return names.sub(" ", text) if names is not None else text


def check_prose(c: Corpus) -> Iterator[Problem]:
    """Every number our prose states must be a row value (of the article, or of a brief's cited articles)."""
    names = c.digit_names
    for a in c.articles.values():
        if a.status != Status.curated:
            continue
        values = [v for r in a.figures for v in (r.value, r.value_high) if v is not None]
        for path, text in _prose(a):
            for t in unbacked_numbers(text, values, names, c.units):
                yield _warn(c.where("article", a.id, *path), f"number {t!r} in prose is not a data row of this article",
                            "add a row for it to figures, or drop the number")
    for b in c.briefs.values():
        values = [v for aid in b.cites if aid in c.articles for r in c.articles[aid].figures
                  for v in (r.value, r.value_high) if v is not None]
        for lang in ("en", "zh"):
            for t in unbacked_numbers(getattr(b.body, lang) or "", values, names, c.units):
                yield _warn(c.where("brief", b.id, "body", lang), f"number {t!r} is not a data row of a cited article",
                            "cite the article whose row states it, or drop the number")
    for co in c.companies.values():
        values = [v for r in c.rows_for(entity=co.id) for v in (r.value, r.value_high) if v is not None]
        for field_ in ("profile", "one_line"):
            txt = getattr(co, field_)
            for lang in ("en", "zh"):
                for t in unbacked_numbers(getattr(txt, lang) or "" if txt else "", values, names, c.units):
                    yield _warn(c.where("company", co.id, field_, lang),
                                f"number {t!r} is not a data row about {co.id}", "use words, or add the row")


def check_findings(c: Corpus) -> Iterator[Problem]:
    """Key findings (the home page's, each brief's): 3–5 in a block; each row a finding names is one curated
    row (of an article the brief cites); both languages show the same rows; every number the text writes
    itself is one of its rows'."""
    lo, hi = KEY_FINDINGS
    blocks: list[tuple[str, str, list[Finding], set[str] | None]] = []
    if c.findings or ("findings", HOME) in c.docs:
        blocks.append(("findings", HOME, c.findings, None))
    elif c.briefs:
        yield _warn(Location(f"content/{FINDINGS_FILE}"), "the home page has no key findings",
                    f"write {lo}–{hi} findings in content/{FINDINGS_FILE} (docs/FORMATS.md, Key findings)")
    for b in c.briefs.values():
        if not b.findings:
            yield _warn(c.where("brief", b.id, "id"), "the brief opens with no key findings",
                        f"add `findings:` with {lo}–{hi} findings, each with its numbers from rows")
        blocks.append(("brief", b.id, b.findings, set(b.cites)))
    names = c.digit_names
    for kind, ident, findings, cited in blocks:
        if findings and not lo <= len(findings) <= hi:
            yield _err(c.where(kind, ident, "findings"), f"{len(findings)} key findings",
                       f"a block of key findings has {lo}–{hi}: the most important, each a sentence or two")
        for i, f in enumerate(findings):
            yield from _finding(c, kind, ident, i, f, cited, names)


def _finding(c: Corpus, kind: str, ident: str, i: int, f: Finding, cited: set[str] | None,
             names: re.Pattern[str] | None) -> Iterator[Problem]:
    values: list[float] = []
    for name, ref in f.rows.items():
        where = c.where(kind, ident, "findings", i, "rows", name)
        found = c.rows_at(ref)
        if not found:
            yield _err(where, f"no data row {ref!r}", _missing_fix(c, ref))
            continue
        if len(found) > 1:
            arts = sorted({r.article for r in found})
            fix = (f"add @article-id to say which: {', '.join(f'{ref}@{a}' for a in arts)}" if len(arts) > 1
                   else f"name one by its position: {', '.join(f'{r.article}#{r.index + 1}' for r in found)}")
            yield _err(where, f"{len(found)} data rows are {ref!r}", fix)
            continue
        r = found[0]
        a = c.articles[r.article]
        if a.status != Status.curated:
            yield _err(where, f"row {ref!r} is in the draft article {a.id}",
                       "curate the article first: drafts are on no page")
        elif cited is not None and a.id not in cited:
            yield _err(where, f"row {ref!r} is from {a.id}, which the brief does not cite",
                       f"add {a.id} to `cites` (the findings' sources are the brief's)")
        values += [v for v in (r.row.value, r.row.value_high) if v is not None]
    shown = {lang: {n for n, fmt in f.slots(lang) if fmt != "period"} for lang in ("en", "zh")}
    for lang, other in (("en", "zh"), ("zh", "en")):
        for n in sorted(shown[other] - shown[lang]):
            yield _err(c.where(kind, ident, "findings", i, lang), f"{lang} does not show {{{n}}}, which {other} does",
                       "both languages state the same numbers: write the placeholder in both")
        text = SLOT_RE.sub(" ", getattr(f, lang))
        for t in unbacked_numbers(text, values, names, c.units):
            yield _err(c.where(kind, ident, "findings", i, lang),
                       f"number {t!r} in a key finding is not a value of its rows",
                       "show the row with a placeholder ({name}), add the row that states it to `rows`, or drop it")


def _missing_fix(c: Corpus, ref: str) -> str:
    """What to write instead of a reference that names no row: the periods that entity and metric have,
    or how many rows the article has."""
    r = parse_row_ref(ref)
    if r is not None and r.n is not None:
        n = len(c.articles[r.article].figures) if r.article in c.articles else 0
        return (f"{r.article} has {n} rows: use #1 … #{n}" if n
                else f"{r.article!r} is no article with rows: use an id from content/articles/")
    if r is not None:
        periods = sorted({x.row.period for x in c.rows_for(entity=r.entity or "", article=r.article)
                          if x.row.metric == r.metric})
        if periods:
            return f"{r.entity}/{r.metric} has the periods {', '.join(periods)}: write one as the row does"
    return "write entity/metric/period exactly as a row of content/articles/ does, or article-id#n"


def check_translations(c: Corpus, canonical: str, raw: RawIndex | None = None) -> Iterator[Problem]:
    for a in c.articles.values():
        if a.status != Status.curated:
            continue
        ra = raw.article(a) if raw is not None else None
        en_range, zh_range, kp_range = summary_bounds(len(_CJK.findall(ra.text)) if ra else None)
        def w(*p: object, _id: str = a.id) -> Location:
            return c.where("article", _id, *p)

        if not a.title.en:
            yield _warn(w("title"), "title.en is missing", "add the English headline")
        for lang in ("en", "zh"):
            if not getattr(a.summary, lang):
                yield _warn(w("summary"), f"summary.{lang} is missing", f"write the {lang} summary")
        if a.summary.en:
            n = len(a.summary.en.split())
            lo, hi = en_range
            if not lo <= n <= hi:
                yield _warn(w("summary", "en"), f"summary.en has {n} words", f"aim for {lo}–{hi}")
        if a.summary.zh:
            n = len(_CJK.findall(a.summary.zh))
            lo, hi = zh_range
            if not lo <= n <= hi:
                yield _warn(w("summary", "zh"), f"summary.zh has {n} Chinese characters", f"aim for {lo}–{hi}")
        lo, hi = kp_range
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


def check_quote_renderings(c: Corpus) -> Iterator[Problem]:
    """Every quote shown on an English page has our English rendering beside it, written in English: rows
    (`quote_en`) and attributed quotes (`en`) of every article and the score quotes of every company. In
    drafts these are open problems (ingest cannot translate); in curated files, errors."""
    for a in c.articles.values():
        for i, r in enumerate(a.figures):
            line = (c.where("article", a.id, "figures", i).line, 0)
            if not r.quote_en:
                yield Problem(c.where("article", a.id, "figures", i, "quote"), "the quote has no English rendering",
                              "add `quote_en:` under `quote:` with our faithful English of it (numbers exactly as "
                              "the quote writes them)", "error", line)
            elif _CJK.search(r.quote_en):
                yield Problem(c.where("article", a.id, "figures", i, "quote_en"),
                              "quote_en contains Chinese characters",
                              "write quote_en in English (names in their English form)", "error", line)
        for i, q in enumerate(a.quotes):
            if not q.en:
                yield _err(c.where("article", a.id, "quotes", i, "text"), "the quote has no English rendering",
                           "add `en:` to the quote with our faithful English of it")
    for co in c.companies.values():
        for sc, dim, m in _scores(co):
            if not m.quote_en:
                yield _err(c.where("company", co.id, "scores", sc, dim, "quote"),
                           "the score's quote has no English rendering",
                           "add `quote_en:` under `quote:` with our faithful English of it")
            elif _CJK.search(m.quote_en):
                yield _err(c.where("company", co.id, "scores", sc, dim, "quote_en"),
                           "quote_en contains Chinese characters",
                           "write quote_en in English (names in their English form)")


def check_incoming(settings: Settings) -> Iterator[Problem]:
    for p in sorted((settings.content_dir / "articles").glob("*.incoming")):
        yield _warn(Location(str(p.relative_to(settings.root)) if p.is_relative_to(settings.root) else str(p)),
                    "the source of this article changed since it was curated; ingest kept both",
                    "merge what changed into the curated file, then delete the .incoming file")


def _texts(x: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string inside a model, with its path (for locating placeholders)."""
    from pydantic import BaseModel

    if isinstance(x, str):
        yield path, x
    elif isinstance(x, BaseModel):
        for name, info in type(x).model_fields.items():
            yield from _texts(getattr(x, name), (*path, info.alias or name))
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from _texts(v, (*path, i))
    elif isinstance(x, dict):  # a company's scores: scorecard → dimension → score
        for k, v in x.items():
            yield from _texts(v, (*path, k))


def check_placeholders(c: Corpus) -> Iterator[Problem]:
    """Curated content carries no TODO placeholder that ingest wrote where a person must write."""
    for kind, table in (("article", c.articles), ("company", c.companies), ("tag", c.tags)):
        for ident, obj in table.items():
            if getattr(obj, "status", "curated") != "curated":
                continue
            for path, text in _texts(obj):
                if text.startswith(PLACEHOLDER):
                    yield _err(c.where(kind, ident, *path), f"still the placeholder {text[:50]!r}",
                               "write it (the file is curated), or set status: draft")


def check_drafts_referenced(c: Corpus) -> Iterator[Problem]:
    """Curated content refers only to curated companies and tags: drafts are left out of the build."""
    drafts = {cid for cid, co in c.companies.items() if co.status != "curated"}
    draft_tags = {t for t, tag in c.tags.items() if tag.status != "curated"}
    if not drafts and not draft_tags:
        return
    products = {p.id for cid in drafts for p in c.companies[cid].products}
    for a in c.articles.values():
        if a.status != Status.curated:
            continue
        for i, cid in enumerate(a.companies):
            if cid in drafts:
                yield _err(c.where("article", a.id, "companies", i), f"company {cid!r} is still a draft",
                           f"curate data/companies/{cid}.yaml (status: curated) or drop it here")
        for i, t in enumerate(a.tags):
            if t in draft_tags:
                yield _err(c.where("article", a.id, "tags", i), f"tag {t!r} is still a draft",
                           "curate it in data/tags.yaml (status: curated) or drop it here")
        for i, f in enumerate(a.figures):
            if f.entity in drafts or f.entity in products:
                yield _err(c.where("article", a.id, "figures", i, "entity"), f"entity {f.entity!r} is still a draft",
                           f"curate data/companies/{f.entity}.yaml first")
