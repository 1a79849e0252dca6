"""Stock Pagefind (extended build) over the same built site: the engine the search issue recommends,
measured the same way as ours so the benchmark can show where each stands.

`index(site, out)` copies a built site and indexes its HTML with the Pagefind binary from the
`pagefind[extended]` package, as a site would use it out of the box (it segments Chinese with its
own dictionary). `search(site, queries)` runs each query in a cold headless Chromium through
Pagefind's JavaScript API — no UI of ours, which only flatters Pagefind — loading the first five
results' fragments as a result list does, and counts the bytes of everything under /pagefind/.
"""

from __future__ import annotations

import shutil
import subprocess
import urllib.parse
from collections.abc import Iterable
from pathlib import Path

from sinoreport.dev.search_measure import CHROMIUM, CHROMIUM_ARGS, QueryBytes, serve
from sinoreport.search.index import BUNDLE, SearchError

SHOWN = 5


def binary() -> Path:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as e:
        raise SearchError("the Pagefind binary is missing: pip install 'pagefind[extended]'") from e
    exe = get_executable()
    if exe is None:
        raise SearchError("the Pagefind binary is missing: pip install 'pagefind[extended]'")
    return Path(exe)


def index(site: Path, out: Path) -> Path:
    """A copy of `site` (without our index) with a stock Pagefind bundle in /pagefind/."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(site, out, ignore=shutil.ignore_patterns(BUNDLE) if (site / BUNDLE).is_dir() else None)
    p = subprocess.run([str(binary()), "--site", str(out), "--silent"], capture_output=True, text=True, timeout=1800)
    if p.returncode != 0:
        raise SearchError(f"Pagefind failed ({p.returncode}): {(p.stderr or p.stdout).strip()[:2000]}")
    return out


_SEARCH = """async ([q, shown]) => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.init();
  const r = await pf.search(q);
  const urls = [];
  for (const x of r.results.slice(0, shown)) urls.push((await x.data()).url);
  return urls;
}"""


def search(site: Path, queries: Iterable[tuple[str, str]], *, gzip: bool = True) -> list[QueryBytes]:
    """Bytes and top results of stock Pagefind for each (locale, query) on an `index`ed site."""
    from playwright.sync_api import sync_playwright

    out: list[QueryBytes] = []
    with serve(site, compress=gzip) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for locale, query in queries:
                ctx = browser.new_context()
                page = ctx.new_page()
                prefix = f"{locale}/" if (site / locale / "index.html").is_file() else ""
                page.goto(f"{base}{prefix}")
                seen: list = []
                page.on("requestfinished", lambda r, seen=seen: seen.append(r))
                urls = page.evaluate(_SEARCH, [query, SHOWN])
                page.wait_for_load_state("networkidle")
                qb = QueryBytes(locale, query, results=len(urls), urls=[u.lstrip("/") for u in urls])
                for req in seen:
                    path = urllib.parse.urlsplit(req.url).path
                    if path.startswith("/pagefind/"):
                        sizes = req.sizes()
                        n = sizes["responseBodySize"] + sizes["responseHeadersSize"]
                        qb.files.append((path, n))
                        qb.total += n
                out.append(qb)
                ctx.close()
        finally:
            browser.close()
    return out
