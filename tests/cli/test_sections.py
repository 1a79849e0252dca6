"""Which sections a site has is configuration (`site.pages` in sinoreport.yml): a section turned off has no
pages, no tab, no search entries, and no page links to it."""

import re
from pathlib import Path

import pytest
from tests.conftest import assert_no_traceback, copy_project, run_cli
from tests.support.crawl import broken, links, target

pytestmark = pytest.mark.slow  # real site builds

BASE = "http://site.test/"
FOLDERS = {"briefs": "briefs", "companies": "companies", "tags": "tags", "glossary": "glossary"}


def build(tmp_path: Path, pages: dict[str, bool]) -> Path:
    project = copy_project(tmp_path / "project")
    cfg = project / "sinoreport.yml"
    block = "".join(f"    {k}: {'true' if v else 'false'}\n" for k, v in pages.items())
    text = cfg.read_text(encoding="utf-8").replace("site:\n", "site:\n  pages:\n" + block, 1)
    cfg.write_text(text, encoding="utf-8")
    r = run_cli("build", "--no-pdf", cwd=project, timeout=600)
    assert r.code == 0, r.text
    assert_no_traceback(r)
    return project / "build" / "site"


def section(site: Path, f: Path) -> str | None:
    rel = f.relative_to(site).as_posix()
    rel = re.sub(r"^zh-Han[st]/", "", rel)
    if rel == "data/index.html":
        return "data"
    head = rel.split("/", 1)[0]
    return head if head in FOLDERS and "/" in rel else None


def targets(site: Path) -> dict[str, set[str]]:
    """Section → the pages that link into it."""
    out: dict[str, set[str]] = {}
    for here, _raw, url in links(site, BASE):
        f = target(site, BASE, url.split("#")[0])
        s = section(site, f) if f is not None else None
        if s:
            out.setdefault(s, set()).add(here)
    return out


def tabs(site: Path, page: str = "index.html") -> list[str]:
    html = (site / page).read_text(encoding="utf-8")
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r'class="md-tabs__link"[^>]*>(.*?)</a>', html, re.S)]


def test_every_section_but_the_articles_can_be_turned_off(tmp_path):
    site = build(tmp_path, {"briefs": False, "companies": False, "tags": False, "glossary": False, "data": False})
    for loc in ("", "zh-Hans/", "zh-Hant/"):
        assert (site / loc / "index.html").is_file() and (site / loc / "articles" / "index.html").is_file()
        for folder in FOLDERS.values():
            assert not (site / loc / folder).exists(), f"{loc}{folder}"
        assert not (site / loc / "data" / "index.html").exists()
        assert list((site / loc / "data").glob("*.json")), "the downloads stay"  # linked from charts, tables
    assert broken(site, BASE) == []
    assert targets(site) == {}  # nothing links into a section that is not there
    assert tabs(site) == ["Report", "Articles", "About"]
    assert tabs(site, "zh-Hant/index.html") == ["報告", "文章", "關於"]
    # the names that would link to a company page or a glossary entry are text
    article = next((site / "articles").glob("2025-*/index.html")).read_text(encoding="utf-8")
    assert "Hanshan" in article and "/companies/" not in article and "/glossary/" not in article
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/companies/" not in sitemap and "/glossary/" not in sitemap and "/briefs/" not in sitemap


def test_one_section_off_leaves_the_others_linked(tmp_path):
    site = build(tmp_path, {"glossary": False})
    assert not (site / "glossary").exists() and (site / "companies" / "index.html").is_file()
    assert broken(site, BASE) == []
    linked = targets(site)
    assert "glossary" not in linked and {"companies", "briefs", "tags", "data"} <= set(linked)
    assert "Glossary" not in tabs(site) and "Companies" in tabs(site)
