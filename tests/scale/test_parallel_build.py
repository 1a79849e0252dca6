"""The per-locale parallel MkDocs build (sitebuild.py) leaves the same site as static-i18n's sequential
build: every page, hreflang twin, language switcher, asset and the sitemap."""

import gzip
import re
from pathlib import Path

from sinoreport.build import render_docs
from sinoreport.config import load_settings
from sinoreport.sitebuild import build_html


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_parallel_locale_builds_merge_into_the_sequential_site(project):
    settings = load_settings(project)
    render_docs(settings, drafts=False, strict=False)
    one, many = project / "build" / "one", project / "build" / "many"
    build_html(settings, one, drafts=False, strict=False, jobs=1)
    build_html(settings, many, drafts=False, strict=False, jobs=3)
    a, b = files(one), files(many)
    assert sorted(a) == sorted(b)
    differ = sorted(k for k in a if a[k] != b[k])
    # Only 404.html differs: the sequential build gives it the alternates of the last page it rendered
    # (static-i18n leaves them in the config); the parallel one its own root alternates.
    assert differ == ["404.html"], differ
    root_404 = b["404.html"].decode()
    assert '<link rel="alternate" href="https://example.test/" hreflang="x-default">' in root_404
    # the sitemap lists every locale's pages, in locale order, with hreflang alternates
    sitemap = b["sitemap.xml"].decode()
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs and any("/zh-Hans/" in u for u in locs) and any("/zh-Hant/" in u for u in locs)
    first_zh = next(i for i, u in enumerate(locs) if "/zh-" in u)
    assert all("/zh-" not in u for u in locs[:first_zh])
    assert gzip.decompress(b["sitemap.xml.gz"]) == b["sitemap.xml"]
    # the post-build steps ran on the merged site: the search index covers every locale
    assert {k.split("/")[1] for k in b if k.startswith("search/") and k.count("/") >= 2} >= {"en", "zh-Hans",
                                                                                           "zh-Hant"}
