"""Steps that run on the built HTML site, after MkDocs has written every locale.

Each step takes the project settings and the site directory. They run from the MkDocs plugin's
on_post_build, so `sinoreport build`, `mkdocs build` and `mkdocs serve` all get them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sinoreport.config import Settings

Step = Callable[[Settings, Path, bool], None]

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


def steps() -> list[Step]:
    out: list[Step] = [drop_alternate_prefetch]
    try:
        from sinoreport.search import index_site
    except ImportError:
        pass
    else:
        out.append(index_site)
    return out


def post_build(settings: Settings, site: Path, serving: bool = False) -> None:
    for step in steps():
        step(settings, site, serving)
