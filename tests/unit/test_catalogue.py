"""The catalogue: every page of every locale from one table of kinds, the same pages the render writes,
and what the search index reads page kinds from."""

import shutil

from sinoreport.build import Build
from sinoreport.config import load_settings
from sinoreport.render.catalogue import KINDS, path_of


def test_paths_come_from_the_table_of_kinds():
    assert path_of("article", "x") == "articles/x.md" and path_of("home") == "index.md"
    assert path_of("tag", "ai") == "tags/ai/index.md" and path_of("tag", "ai", 3) == "tags/ai/page/3.md"
    assert path_of("articles", "", 2) == "articles/page/2.md"
    assert all(k.template.endswith((".html.j2", ".md.j2")) for k in KINDS.values())


def test_the_catalogue_is_every_page_the_render_writes(project):
    b = Build(load_settings(project))
    b.run()
    pages = {k for k in b.files if k.endswith((".md", "/index.html"))}  # embed views: standalone HTML pages
    listed = {f"{e.locale}/{e.path}" for e in b.catalogue}
    assert listed == pages and len(b.catalogue) == len(pages)  # each page once
    by = {(e.locale, e.kind, e.ident): e for e in b.catalogue}
    art = by[("zh-Hant", "article", "2025-10-07-hanshan-capex")]
    assert art.url == "zh-Hant/articles/2025-10-07-hanshan-capex/" and art.search == "article"
    assert by[("en", "home", "")].url == "" and by[("en", "glossary", "")].search == "term"
    # the kind a page is rendered as is in its front matter too (what a theme or a reader of build/docs sees)
    assert b"sr_type: article" in b.files["en/articles/2025-10-07-hanshan-capex.md"]


def test_the_search_index_from_the_catalogue_is_the_index_read_from_urls(fixture_site, tmp_path):
    """Kinds from the catalogue (the build) and kinds read from the URLs (a preview's background indexer)
    give the same index, byte for byte."""
    from sinoreport.search.index import index_site

    project = fixture_site.parents[1]
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    before = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "search").rglob("*") if p.is_file()}
    shutil.rmtree(site / "search")
    index_site(load_settings(project), site, jobs=1)  # no catalogue: kinds from URLs
    after = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "search").rglob("*") if p.is_file()}
    assert len(before) > 10 and before == after
