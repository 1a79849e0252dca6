"""The per-locale parallel MkDocs build (sitebuild.py) leaves the same site as static-i18n's sequential
build: every page, hreflang twin, language switcher, asset and the sitemap."""

import gzip
import re
import time
from pathlib import Path

import pytest

from sinoreport.build import Build
from sinoreport.config import load_settings
from sinoreport.sitebuild import build_html

pytestmark = pytest.mark.slow  # builds real sites; `make test-fast` leaves it out


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_parallel_locale_builds_merge_into_the_sequential_site(project):
    build = Build(load_settings(project))
    build.run()
    one, many = project / "build" / "one", project / "build" / "many"
    build_html(build, one, jobs=1)
    build_html(build, many, jobs=3)
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


def test_render_in_worker_processes_gives_the_same_tree(project):
    """A cold build of a large corpus renders each locale's Markdown (and charts) in a worker process."""
    from sinoreport.corpus import load_corpus
    from sinoreport.render.pages import render_tree

    settings = load_settings(project)
    corpus = load_corpus(settings, include_drafts=False)
    _ = corpus.rows  # computed rows travel to the workers too (they once could not be unpickled)
    one = render_tree(settings, corpus, jobs=1)
    many = render_tree(settings, corpus, jobs=3)
    assert list(one) and sorted(one) == sorted(many)
    assert [k for k in one if one[k] != many[k]] == []
    assert any(b"<svg" in v for k, v in many.items() if k.endswith("index.md"))  # charts made in the workers


def test_search_index_in_worker_processes_is_the_same(project):
    """A large site indexes each locale in a worker process; the index files are the same bytes."""
    import shutil

    from sinoreport.search.index import index_site

    settings = load_settings(project)
    build = Build(settings)
    build.run()
    site = project / "build" / "one"
    build_html(build, site, jobs=1)  # indexed in this process
    before = {k: v for k, v in files(site).items() if k.startswith("search/")}
    shutil.rmtree(site / "search")
    index_site(settings, site, jobs=3)
    after = {k: v for k, v in files(site).items() if k.startswith("search/")}
    assert len(before) > 10 and before == after
    assert not [p for p in site.iterdir() if p.name.startswith(".search-")]  # nothing left beside it


def test_a_parallel_render_left_unused_stops_its_workers(project):
    """The build renders while it checks; when the checks fail, the workers stop and none is left."""
    import multiprocessing

    from sinoreport.corpus import load_corpus
    from sinoreport.render.pages import start_render

    settings = load_settings(project)
    corpus = load_corpus(settings, include_drafts=False)
    before = set(multiprocessing.active_children())  # e.g. chart converters an earlier test started
    with pytest.raises(RuntimeError, match="checks failed"), start_render(settings, corpus, jobs=3):
        deadline = time.monotonic() + 30
        while not set(multiprocessing.active_children()) - before and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = set(multiprocessing.active_children()) - before
        assert workers, "the workers start on entering"
        raise RuntimeError("checks failed")
    assert not [w for w in workers if w.is_alive()]
