"""Issue 4: a page's size does not grow with the corpus. Real builds of 10 and 300 synthetic articles
(`sinoreport synth`) with the real templates, Material and static-i18n; article pages are compared.

To stay fast it renders every locale's Markdown but runs MkDocs for English only (the same static-i18n
build `sinoreport build` runs per locale, alternates included), and skips the charts, which article
pages do not embed.
"""

import re
import statistics
from pathlib import Path

import pytest

from sinoreport.charts import ChartSet
from sinoreport.check import run_checks
from sinoreport.config import load_settings
from sinoreport.corpus import load_corpus
from sinoreport.render import pages
from sinoreport.render.writer import write_tree
from sinoreport.sitebuild import build_locale
from sinoreport.synth import write_project

ARTICLE = re.compile(r"^[^/]+/articles/\d{4}-\d{2}-\d{2}-[^/]+\.md$")


def build(root: Path, n: int) -> tuple[dict[str, int], dict[str, int]]:
    """Markdown bytes of every article page (all locales) and HTML bytes of the English ones."""
    write_project(root, n)
    settings = load_settings(root)
    corpus = load_corpus(settings, include_drafts=False)
    assert run_checks(corpus, settings).ok
    files = pages.render_tree(settings, corpus, jobs=1)  # in this process, where the charts are stubbed
    write_tree(settings.docs_dir, files)
    md = {k: len(v) for k, v in files.items() if ARTICLE.search(k)}
    site = root / "build" / "site"
    build_locale(str(root), "en", str(site), False, False)
    html = {p.parent.name: p.stat().st_size for p in (site / "articles").glob("*/index.html")
            if p.parent.name[:4].isdigit()}
    return md, html


@pytest.mark.slow
def test_article_pages_do_not_grow_with_the_corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "render_charts", lambda corpus, view, settings: ChartSet())
    md10, html10 = build(tmp_path / "p10", 10)
    md300, html300 = build(tmp_path / "p300", 300)
    assert len(html10) == 10 and len(html300) == 300
    assert len(md300) == 3 * 300
    # the median article page: the benchmark's target (≤ 1.1x), here between 10 and 300 articles
    ratio = statistics.median(html300.values()) / statistics.median(html10.values())
    assert ratio <= 1.1, ratio
    # the same ten articles exist in both corpora: in every locale each page differs only in its
    # related and previous/next links, never by a list that grows with the corpus
    for ident, size in html10.items():
        assert html300[ident] <= 1.1 * size, (ident, size, html300[ident])
    assert len(md10) == 30
    for path, size in md10.items():
        assert md300[path] <= 1.1 * size, (path, size, md300[path])
