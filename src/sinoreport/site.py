"""Steps that run on the built HTML site, after MkDocs has written every locale.

Each step takes the project settings and the site directory. They run from the MkDocs plugin's
on_post_build, so `sinoreport build`, `mkdocs build` and `mkdocs serve` all get them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sinoreport.config import Settings

if TYPE_CHECKING:
    from sinoreport.corpus import Corpus
    from sinoreport.render.catalogue import Entry

# Material's bundle fetches `sitemap.xml` relative to every <link rel="alternate"> on load, assuming those
# links point at language roots. Ours are per-page twins with absolute URLs (what hreflang needs), so that
# fetch would go to /zh-Hans/articles/<id>/sitemap.xml (a 404) or, on a preview server, to the production
# host. The language switcher already links each twin directly (static-i18n), so the prefetch is dropped.
_ALTERNATE_FN = re.compile(
    r'function (\w+)\(\{document\$:\w+\}\)\{let \w+=new Map;'
    r'\w+\.pipe\(\w+\(\(\)=>\w+\("link\[rel=alternate\]"\)\)'
)


_MARK = "\n/* sinoreport: alternate-link sitemap prefetch dropped (see site.py) */\n"


def drop_alternate_prefetch(settings: Settings, site: Path, serving: bool) -> None:
    bundles = sorted((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    if not bundles:
        return
    for bundle in bundles:
        js = bundle.read_text(encoding="utf-8")
        if js.endswith(_MARK):
            continue  # already patched (a dirty rebuild keeps the copied asset)
        m = _ALTERNATE_FN.search(js)
        if m is None:
            if "link[rel=alternate]" in js:
                raise RuntimeError(f"{bundle.name}: Material changed its alternate-link prefetch; update site.py")
            continue
        call = re.compile(rf"\b{re.escape(m.group(1))}\(\{{document\$:\w+\}}\);")
        patched, n = call.subn("", js)
        if n != 1:
            raise RuntimeError(f"{bundle.name}: expected one call of {m.group(1)}(), found {n}; update site.py")
        bundle.write_text(patched + _MARK, encoding="utf-8")


def post_build(settings: Settings, site: Path, serving: bool = False, drafts: bool = False,
               corpus: Corpus | None = None, catalogue: list[Entry] | None = None) -> None:
    """The steps on the built HTML: Material's prefetch dropped, then the search index (of drafts too
    when the site shows them: serve, or build --drafts) over `corpus`, the one the site was built from."""
    from sinoreport.search import index_site

    drop_alternate_prefetch(settings, site, serving)
    index_site(settings, site, serving, drafts=drafts or serving, corpus=corpus, catalogue=catalogue)


def _main(argv: list[str]) -> int:
    """`python -m sinoreport.site ROOT SITE [--serving]`: the post steps in a process of their own (serve
    runs them beside the preview server, so indexing never holds up the next rebuild)."""
    import logging
    import time

    from sinoreport.config import load_settings

    logging.basicConfig(level=logging.INFO, format="INFO    -  %(message)s")
    log = logging.getLogger("mkdocs.plugins.sinoreport")
    t0 = time.perf_counter()
    try:
        post_build(load_settings(Path(argv[0])), Path(argv[1]), serving="--serving" in argv)
    except Exception as e:  # the preview keeps working; say what failed
        log.warning(f"sinoreport: post-build step failed: {type(e).__name__}: {e}")
        return 1
    log.info(f"sinoreport: post-build steps (search index) done in {time.perf_counter() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(_main(sys.argv[1:]))
