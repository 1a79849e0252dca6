"""Real builds of the fixture project: three locales, twins, drafts, atomic swap, plain MkDocs."""

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import assert_no_traceback, override_template

pytestmark = pytest.mark.slow  # builds real sites; `make test-fast` leaves it out


def tree_digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_three_locales_with_twins(project, cli):
    r = cli("build", cwd=project)
    assert r.code == 0, r.text
    site = project / "build" / "site"
    for prefix, lang in (("", "en"), ("zh-Hans/", "zh-Hans"), ("zh-Hant/", "zh-Hant")):
        page = html(site, f"{prefix}articles/2025-10-07-hanshan-capex/index.html")
        assert f'<html lang="{lang}"' in page
        twins = dict(re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)"', page)[i][::-1]
                     for i in range(4))
        assert twins == {
            "en": "https://example.test/articles/2025-10-07-hanshan-capex/",
            "x-default": "https://example.test/articles/2025-10-07-hanshan-capex/",
            "zh-Hans": "https://example.test/zh-Hans/articles/2025-10-07-hanshan-capex/",
            "zh-Hant": "https://example.test/zh-Hant/articles/2025-10-07-hanshan-capex/",
        }
    en = html(site, "articles/2025-10-07-hanshan-capex/index.html")
    hans = html(site, "zh-Hans/articles/2025-10-07-hanshan-capex/index.html")
    hant = html(site, "zh-Hant/articles/2025-10-07-hanshan-capex/index.html")
    assert "Hanshan Cloud lifts quarterly capex by 40%" in en and "CNY 12 bn" in en
    assert '<span lang="zh-Hant">寒山雲公布季度資本開支,較上季增四成</span>' in en
    assert "英伟达" in hans and "120亿元" in hans and "輝達" not in hans.split("<q")[0]
    assert "輝達" in hant and "120億元" in hant and "英伟达" not in hant
    # Material's UI strings follow the script
    assert "跳转至" in hans and "跳轉至" in hant
    # the language switcher points at the same page in the other locale
    link = re.search(r'<a [^>]*class="md-select__link"[^>]*hreflang="zh-Hant"[^>]*>', hans)
    switch = re.search(r'href="([^"]+)"', link.group(0)) if link else None
    assert switch and switch.group(1).endswith("zh-Hant/articles/2025-10-07-hanshan-capex/")
    # JSON-LD on articles, briefs and companies
    assert '"@type":"NewsArticle"' in en and '"alternativeHeadline":"寒山雲公布季度資本開支,較上季增四成"' in en
    brief = html(site, "briefs/hanshan-outlook/index.html")
    assert '"@type":"AnalysisNewsArticle"' in brief and '"citation":[' in brief
    company = html(site, "companies/nvidia/index.html")
    assert '"@type":"Corporation"' in company and '"tickerSymbol":["NASDAQ NVDA"]' in company
    # drafts are not published
    assert not (site / "articles" / "2025-hanshan-open-model").exists()
    # downloads
    assert (site / "data" / "capex.json").is_file() and (site / "zh-Hant" / "data" / "capex.csv").is_file()
    assert (site / "feed.xml").is_file() and (site / "zh-Hans" / "feed.xml").is_file()


def test_drafts_build_only_when_asked(project, cli):
    assert cli("build", "--drafts", cwd=project).code == 0
    page = project / "build" / "site" / "articles" / "2025-hanshan-open-model" / "index.html"
    assert page.is_file() and "Draft" in page.read_text(encoding="utf-8")


def test_failed_build_leaves_the_previous_site(project, cli):
    assert cli("build", cwd=project).code == 0
    site = project / "build" / "site"
    before = tree_digest(site)
    # 1) a content error stops the build before MkDocs
    art = project / "content" / "articles" / "2025-10-07-hanshan-capex.yaml"
    good = art.read_text(encoding="utf-8")
    art.write_text(good.replace("  - nvidia\n", "  - nobody\n", 1), encoding="utf-8")
    r = cli("build", cwd=project)
    assert r.code == 1 and "unknown company 'nobody'" in r.err and "left as it was" in r.err
    assert_no_traceback(r)
    assert tree_digest(site) == before
    # 2) an error inside MkDocs (a broken link in a template, strict) also leaves it untouched
    art.write_text(good, encoding="utf-8")
    tpl = override_template(project, "site/about.md.j2")
    tpl.write_text(tpl.read_text(encoding="utf-8") + "\n[broken](nowhere.md)\n", encoding="utf-8")
    r = cli("build", cwd=project)
    assert r.code == 1 and "nowhere.md" in r.text
    assert tree_digest(site) == before
    assert not [p for p in (project / "build").iterdir() if p.name.startswith(".site-")]


def test_a_broken_link_on_an_html_page_fails_the_build_with_its_location(project, cli):
    """Pages written as HTML are not parsed by MkDocs (so it cannot check their links): ours are checked as
    strictly — a page or file that does not exist, and an id the target page does not have."""
    tpl = override_template(project, "site/article.html.j2")
    good = tpl.read_text(encoding="utf-8")
    tpl.write_text(good + '<p><a href="../../companies/nobody-at-all/">x</a></p>\n', encoding="utf-8")
    r = cli("build", "--no-pdf", cwd=project)
    assert r.code == 1, r.text
    assert re.search(r"build/docs/zh-Hant/articles/2025-10-07-hanshan-capex\.md: error: link to "
                     r"'\.\./\.\./companies/nobody-at-all/' leads nowhere", r.err), r.err
    assert "broken link" in r.err and not (project / "build" / "site").exists()
    assert_no_traceback(r)
    tpl.write_text(good + '<p><a href="../../glossary/#no-such-term">x</a></p>\n', encoding="utf-8")
    r = cli("build", "--no-pdf", cwd=project)
    assert r.code == 1 and "glossary/ has no id 'no-such-term'" in r.err, r.err
    tpl.write_text(good + '<p><a href="../../glossary/#capex">x</a> <a href="../../data/">y</a></p>\n',
                   encoding="utf-8")
    r = cli("build", "--no-pdf", cwd=project)
    assert r.code == 0, r.text  # links that lead somewhere pass


def test_plain_mkdocs_build_and_no_rewrites(project):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = lambda: subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,  # noqa: E731
                                 capture_output=True, text=True, timeout=300)
    p = run()
    assert p.returncode == 0, p.stderr
    assert (project / "build" / "site" / "zh-Hant" / "index.html").is_file()
    docs = project / "build" / "docs"
    stamps = {f: f.stat().st_mtime_ns for f in docs.rglob("*") if f.is_file()}
    p = run()
    assert p.returncode == 0, p.stderr
    assert {f: f.stat().st_mtime_ns for f in docs.rglob("*") if f.is_file()} == stamps  # nothing rewritten


def test_markup_in_content_is_inert(project, cli):
    art = project / "content" / "articles" / "2025-10-08-lingxi-inference-card.yaml"
    text = art.read_text(encoding="utf-8").replace(
        "en: Lingxi Chips launches a new inference card",
        'en: "<script>alert(1)</script> [x](javascript:alert(2)) {{ 7*7 }} <img src=x onerror=alert(3)>"',
    )
    art.write_text(text, encoding="utf-8")
    r = cli("build", cwd=project)
    assert r.code == 0, r.text
    page = (project / "build" / "site" / "articles" / "2025-10-08-lingxi-inference-card" / "index.html").read_text()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert 'href="javascript:' not in page and "<img src=x" not in page
    assert "{{ 7*7 }}" in page or "{{ 7\\*7 }}" not in page


def test_no_markdown_syntax_leaks_into_pages(project, cli):
    assert cli("build", "--drafts", cwd=project).code == 0
    leaks = {}
    for page in (project / "build" / "site").rglob("*.html"):
        text = re.sub(r"<(script|style)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        found = [s for s in ("{:", "{ lang=", "\\.", "\\-", "\\(", "- **", "](", "| ---", "|---") if s in text]
        found += ["table row as text"] if re.search(r"(?m)^\s*\|.*\|\s*$", text) else []
        if found:
            leaks[page.relative_to(project).as_posix()] = found
    assert leaks == {}


def test_an_unchanged_build_keeps_the_site_and_still_checks(project, cli):
    """Nothing the site is made of changed (inputs, mkdocs.yml, our code, the engines, the options):
    the site is kept as it is, after the checks ran; any change, or other options, builds again."""
    assert cli("build", "--no-pdf", cwd=project).code == 0
    site = project / "build" / "site"
    before = tree_digest(site)
    r = cli("build", "--no-pdf", cwd=project)
    assert r.code == 0 and "up to date" in r.out, r.text
    assert "verified against the raw text" in r.err  # the checks ran
    assert tree_digest(site) == before
    r = cli("build", "--no-pdf", "--drafts", cwd=project)
    assert r.code == 0 and "up to date" not in r.out, r.text
    r = cli("build", "--no-pdf", cwd=project)
    assert "up to date" not in r.out  # the last build was another one
    art = project / "content" / "articles" / "2025-10-07-hanshan-capex.yaml"
    art.write_text(art.read_text(encoding="utf-8").replace("en: ", "en: Edited ", 1), encoding="utf-8")
    r = cli("build", "--no-pdf", cwd=project)
    assert r.code == 0 and "up to date" not in r.out and tree_digest(site) != before
    edited = tree_digest(site)
    # content errors are still found when the stamp matches (the raw digests live outside the inputs)
    assert "up to date" in cli("build", "--no-pdf", cwd=project).out
    raw = next((project / "raw").glob("*.txt"))
    raw.write_text(raw.read_text(encoding="utf-8").replace("40%", "41%"), encoding="utf-8")
    r = cli("build", "--no-pdf", cwd=project)
    assert r.code == 1 and "left as it was" in r.err and tree_digest(site) == edited
