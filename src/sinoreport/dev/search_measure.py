"""What one search costs a cold visitor, in bytes on the wire, measured through the real page.

A headless Chromium with an empty cache opens a page of the built site with `?q=QUERY` (which
opens the search and runs the query, like a shared search link) and we add up every response the
search needs, headers included: our script and stylesheet, and everything under /search/ (the
locale's meta file, the index shards the query needs, one file per result shown). The page itself
and Material's assets are not counted: a reader pays for them whether or not they search.

The site is served the way static hosts serve it: text files (JS, CSS, JSON, HTML) gzip-compressed;
the index files are gzip files already. Pass gzip=False to serve everything as stored.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sinoreport.dev.httpd import serve
from sinoreport.search.index import BUNDLE

SEARCH_ASSETS = ("/assets/sinoreport/search.js", "/assets/sinoreport/search.css")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@dataclass
class QueryBytes:
    locale: str
    query: str
    total: int = 0
    results: int = 0
    files: list[tuple[str, int]] = field(default_factory=list)  # (path, bytes incl. headers)
    urls: list[str] = field(default_factory=list)  # the results shown, site-relative, best first


def page_url(base: str, site: Path, locale: str, query: str) -> str:
    prefix = f"{locale}/" if (site / locale / "index.html").is_file() else ""
    return f"{base}{prefix}?q={urllib.parse.quote(query)}"


def is_search_file(url: str) -> bool:
    path = urllib.parse.urlsplit(url).path
    return path.startswith(f"/{BUNDLE}/") or path in SEARCH_ASSETS


def measure(site: Path, queries: Iterable[tuple[str, str]], *, gzip: bool = True,
            timeout_ms: int = 20000) -> list[QueryBytes]:
    """Bytes per cold search for each (locale, query): a fresh browser context (empty cache) each."""
    from playwright.sync_api import sync_playwright

    out: list[QueryBytes] = []
    with serve(site, compress=gzip) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for locale, query in queries:
                ctx = browser.new_context()
                page = ctx.new_page()
                seen: list = []
                page.on("requestfinished", lambda r, seen=seen: seen.append(r))
                page.goto(page_url(base, site, locale, query))
                page.wait_for_selector("[data-sr-state=ready], [data-sr-state=empty]", timeout=timeout_ms)
                page.wait_for_load_state("networkidle")
                hrefs = page.eval_on_selector_all(".md-search-result__item a.md-search-result__link",
                                                  "els => els.map(e => e.href)")
                qb = QueryBytes(locale, query, results=len(hrefs), urls=[h.removeprefix(base) for h in hrefs])
                for req in seen:
                    if not is_search_file(req.url):
                        continue
                    sizes = req.sizes()
                    n = sizes["responseBodySize"] + sizes["responseHeadersSize"]
                    qb.files.append((urllib.parse.urlsplit(req.url).path, n))
                    qb.total += n
                out.append(qb)
                ctx.close()
        finally:
            browser.close()
    return out


def query_bytes(site: Path, locale: str, query: str, *, gzip: bool = True) -> QueryBytes:
    return measure(Path(site), [(locale, query)], gzip=gzip)[0]


def measure_query_bytes(site_dir: Path, locale: str, query: str, *, gzip: bool = True) -> int:
    """Bytes a cold visitor transfers for one search on a built site."""
    return query_bytes(site_dir, locale, query, gzip=gzip).total
