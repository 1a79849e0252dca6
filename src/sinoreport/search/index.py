"""Build the search index of a built site: one index per locale, written to <site>/search/<locale>/.

For every page worth finding (pages.py) the record holds the page's title and main text, and the
names the page is about (aliases.py) as extra indexed text: a company profile carries every
spelling of the company and its products, an article the names of the companies and tags it is
about, in the locale's script. A reader only ever downloads the index of the locale they read, so
results come from that locale alone.

Beside the index, each locale's `meta.bin` carries what the browser needs to read a query the way
pages were indexed: the token rules, the alias table, cross-script tables and the UI strings.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sinoreport.config import Settings, locale_jobs, process_pool
from sinoreport.corpus import Corpus, load_corpus
from sinoreport.i18n.convert import Converter
from sinoreport.i18n.locales import LOCALES
from sinoreport.i18n.view import LocaleView, Strings
from sinoreport.render.catalogue import Entry
from sinoreport.search import aliases, engine, scripts
from sinoreport.search.pages import PageText, drop_sections, extract, page_kind, split_sections
from sinoreport.search.tokens import browser_rules

log = logging.getLogger("mkdocs.plugins.sinoreport.search")

BUNDLE = "search"  # <site>/search/<locale>/…
DATA_VERSION = 1
# field weights: a word in the title counts three times, in a heading twice; the names a page is
# about count like a heading, and on a company's own profile like its title
TITLE, HEADING, TEXT = 3.0, 2.0, 1.0
NAMES = {"company": 4.0}
NAMES_DEFAULT = 2.0
# Pages that explain rather than report count less, and rank after articles, briefs and profiles
# that match as well (search.js): for a topic, readers want the reporting first.
LIGHT = {"term": 0.5, "data": 0.5, "about": 0.3}
# headings (templates/strings.yaml keys) of sections that list other pages: not indexed
LIST_SECTIONS = ("related", "mentions", "co_mentioned", "cited_articles", "companies_mentioned", "cited_in",
                 "named_in_briefs")
# UI strings the browser needs, from templates/strings.yaml
STRINGS = ("search_no_results", "search_no_results_hint", "search_more", "search_profile",
           "search_kind_company", "search_kind_article", "search_kind_brief", "search_kind_term",
           "search_kind_data", "search_kind_about", "search_error")


class SearchError(Exception):
    pass


@dataclass
class Doc:
    """One searchable page, or a part of one (a glossary term)."""

    url: str  # site-relative, e.g. "zh-Hans/articles/<id>/" or "glossary/#capex"
    kind: str
    text: PageText
    names: list[str] = field(default_factory=list)
    date: str = ""
    ident: str = ""  # a company profile's company id

    def record(self) -> engine.Record:
        light = LIGHT.get(self.kind, 1.0)
        fields = []
        for b in self.text.blocks:
            w = TITLE if b.tag == "h1" else HEADING if b.tag.startswith("h") else TEXT
            fields.append(engine.Field(b.text, w * light))
        if self.names:
            fields.append(engine.Field(" · ".join(self.names), NAMES.get(self.kind, NAMES_DEFAULT) * light))
        excerpt = [b.text for b in self.text.blocks if b.tag != "h1"]
        return engine.Record(self.url, self.kind, self.text.title, fields, excerpt, self.date, self.ident)

    def plain(self) -> str:
        return "\n".join([self.text.title, *(b.text for b in self.text.blocks), *self.names])


# --------------------------------------------------------------------------- documents


def locale_of(rel: str, codes: list[str], default: str) -> tuple[str, str]:
    """(locale code, path inside the locale) of a site-relative path."""
    first, _, rest = rel.partition("/")
    if first in codes and first != default and rest:
        return first, rest
    return default, rel


def documents(site: Path, corpus: Corpus, views: dict[str, LocaleView], default: str,
              only: str | None = None, kinds: dict[str, tuple[str, str]] | None = None) -> dict[str, list[Doc]]:
    """Every searchable page of the built site, per locale (`only`: that locale's). `kinds`: the Build's
    catalogue, site-relative URL → (search kind, id); without it (the background indexer of a preview)
    kinds are read from the URLs."""
    codes = list(views)
    out: dict[str, list[Doc]] = {c: [] for c in codes if only in (None, c)}
    lists = {c: {v.t(k) for k in LIST_SECTIONS if k in v.strings.table} for c, v in views.items()}
    if kinds is not None:  # the catalogue's searchable pages only: no walk over the site
        rels = sorted((f"{url}index.html" for url in kinds), key=lambda r: r.split("/"))
    else:
        rels = [p.relative_to(site).as_posix() for p in sorted(site.rglob("index.html"))]
    for rel in rels:
        path = site / rel
        if rel.startswith(f"{BUNDLE}/") or not path.is_file():
            continue
        code, inner = locale_of(rel, codes, default)
        if code not in out:
            continue
        kind = kinds.get(rel[: -len("index.html")]) if kinds is not None else page_kind(inner)
        if kind is None:
            continue
        page = extract(path.read_text(encoding="utf-8"))
        if page is None or not page.blocks:
            continue
        page = drop_sections(page, lists[code])
        url = rel[: -len("index.html")]
        out[code].extend(_docs_for(kind, url, page, corpus, views[code]))
    return out


def _docs_for(kind: tuple[str, str], url: str, page: PageText, corpus: Corpus, view: LocaleView) -> Iterator[Doc]:
    k, ident = kind
    if k == "term":
        for anchor, part in split_sections(page):
            term = corpus.glossary.get(anchor)
            yield Doc(f"{url}#{anchor}", "term", part, aliases.all_names([term], view) if term else [])
        return
    names: list[str] = []
    date = ""
    if k == "company" and ident in corpus.companies:
        names = aliases.company_names(corpus.companies[ident], view)
    elif k == "article" and ident in corpus.articles:
        a = corpus.articles[ident]
        names = aliases.page_names(corpus, view, a.companies, a.tags)
        date = view.date(a.date, a.date_precision)  # as the pages write it: a month-precision date is a month
    elif k == "brief" and ident in corpus.briefs:
        b = corpus.briefs[ident]
        names = aliases.page_names(corpus, view, b.companies)
        date = view.date(b.date)
    yield Doc(url, k, page, [n for n in names if n != page.title], date, ident if k == "company" else "")


# --------------------------------------------------------------------------- query data


def query_data(code: str, corpus: Corpus, view: LocaleView, texts: dict[str, str],
               profiles: dict[str, int]) -> dict:
    """What the browser needs to read a query the way this locale's pages were indexed."""
    entries = aliases.entries(corpus, view)
    data: dict = {
        "v": DATA_VERSION,
        "lang": code,
        "rules": browser_rules(),
        "kinds": list(aliases.KIND_ORDER),
        # [kind, name, spellings the pages use, document number of the profile or -1]
        "entries": [[aliases.KIND_ORDER.index(e.kind), e.name, e.search, profiles.get(e.profile, -1)]
                    for e in entries],
        "forms": aliases.form_table(entries),
        "t": {k: view.t(k) for k in STRINGS},
    }
    loc = LOCALES[code]
    if loc.zh:
        other = "zh-Hant" if loc.script == "hans" else "zh-Hans"
        chars, phrases = scripts.query_tables(loc.script or "hant", texts.get(code, ""), texts.get(other, ""))
        data["chars"] = "".join(s + t for s, t in sorted(chars.items()))
        data["phrases"] = dict(sorted(phrases.items()))
    return data


# --------------------------------------------------------------------------- the step


# Below this many pages an indexing worker's start-up (imports, the corpus sent over) costs more than
# it saves.
PARALLEL_MIN_PAGES = 1200


def _views(settings: Settings, corpus: Corpus) -> dict[str, LocaleView]:
    conv = Converter(settings.language.canonical_script, (n for _, n in corpus.named()), corpus.conversions)
    strings = Strings.of(settings)
    default = settings.language.default_locale
    return {c: LocaleView(corpus, LOCALES[c], conv, strings, default) for c in settings.language.locales}


def index_locale(settings: Settings, corpus: Corpus, site: Path, code: str,
                 views: dict[str, LocaleView] | None = None,
                 kinds: dict[str, tuple[str, str]] | None = None) -> tuple[engine.Built, str, int]:
    """One locale's index (meta.bin still to complete), its pages' plain text, and how many pages.
    `views`: the caller's, made once for every locale; a worker process makes its own."""
    views = views or _views(settings, corpus)
    items = documents(site, corpus, views, settings.language.default_locale, only=code, kinds=kinds)[code]
    return engine.build([d.record() for d in items]), "\n".join(d.plain() for d in items), len(items)


_WORKER: dict[str, tuple] = {}


def _start_index_worker(settings: Settings, corpus: Corpus, site: Path, kinds: dict | None) -> None:
    """In a worker process, once: what every locale's task needs (the corpus crosses once, not per task)."""
    _WORKER["inputs"] = (settings, corpus, site, kinds)


def _index_in_worker(code: str) -> tuple[engine.Built, str, int]:
    settings, corpus, site, kinds = _WORKER["inputs"]
    return index_locale(settings, corpus, site, code, kinds=kinds)


def _jobs(settings: Settings, site: Path) -> int:
    pages = sum(1 for _ in site.rglob("index.html"))
    return locale_jobs(len(settings.language.locales), pages, PARALLEL_MIN_PAGES)


def index_site(settings: Settings, site: Path, serving: bool = False, jobs: int | None = None,
               drafts: bool = False, corpus: Corpus | None = None,
               catalogue: list[Entry] | None = None) -> None:
    """The post-build step: index every locale of the built site into <site>/search/ (each locale in a
    worker process on a large site). Drafts are indexed when the site shows them (serve, --drafts).
    `corpus`: the one the site was built from (the Build's); loaded again only when not given (the
    background indexer of a preview). `catalogue`: the Build's pages, which say what kind each is."""
    kinds = {e.url: (e.search, e.ident) for e in catalogue if e.search} if catalogue else None
    if corpus is None:
        corpus = load_corpus(settings, include_drafts=serving or drafts)
        if not (serving or drafts):
            corpus = corpus.without_drafts()
    codes = list(settings.language.locales)
    if jobs is None:  # serve indexes in the background, beside the next rebuild: one process
        jobs = 1 if serving else _jobs(settings, site)
    views = _views(settings, corpus)
    if jobs > 1 and len(codes) > 1:
        with process_pool(jobs, _start_index_worker, (settings, corpus, site, kinds)) as pool:
            made = list(pool.map(_index_in_worker, codes))
    else:
        made = [index_locale(settings, corpus, site, c, views, kinds) for c in codes]
    texts = {c: text for c, (_, text, _) in zip(codes, made, strict=True)}
    out = site / BUNDLE
    # written beside and swapped in whole: a reader (or a preview server) never sees half an index, and
    # an indexer stopped midway (serve replaces a stale one) leaves the previous index as it was
    for stale in site.glob(f".{out.name}-*"):  # left by an indexer that was stopped
        shutil.rmtree(stale, ignore_errors=True)
    new = out.with_name(f".{out.name}-new-{os.getpid()}")
    total = 0
    for code, (built, _, n) in zip(codes, made, strict=True):
        meta = built.meta | query_data(code, corpus, views[code], texts, built.profiles)
        files = built.files | {"meta.bin": engine.gz(json.dumps(meta, ensure_ascii=False,
                                                                separators=(",", ":")).encode("utf-8"))}
        for name, data in files.items():
            path = new / code / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        total += n
    old = out.with_name(f".{out.name}-old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    log.info(f"sinoreport: search index of {total} pages in {len(codes)} locales")
