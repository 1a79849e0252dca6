"""Navigation between pages (issue 17): who names whom (render/mentions.py) and what the pages make of it —
mention counts and lists from every article that names a company, briefs linked from the articles they
cite and the companies they name, outlets left out of the companies, the articles index's first lines,
counters with Chinese measure words, search dates as the pages write them, a Briefs tab and the home
page's browser title."""

import re
from pathlib import Path

import pytest
import yaml
from tests.conftest import copy_shipped

from sinoreport.build import Build
from sinoreport.config import load_settings
from sinoreport.corpus import load_corpus
from sinoreport.i18n.convert import Converter
from sinoreport.i18n.locales import LOCALES
from sinoreport.i18n.view import LocaleView, Strings
from sinoreport.render.mentions import company_names, mentions, outlet_company
from sinoreport.render.text import first_sentence

REPO = Path(__file__).resolve().parents[2]
CAPEX = "content/articles/2025-10-07-hanshan-capex.yaml"  # from Test Daily, lists Hanshan Cloud and NVIDIA
LINGXI = "content/articles/2025-10-08-lingxi-inference-card.yaml"  # from Tech Weekly
TEST_DAILY = ("id: test-daily\nname: {en: Test Daily Media, zh: 測試日報}\nsector: {en: Media, zh: 媒體}\n"
              "one_line: {en: The fictional outlet's publisher., zh: 虛構媒體的出版者。}\n")


def add(root: Path, rel: str, text: str) -> None:
    with (root / rel).open("a", encoding="utf-8") as f:
        f.write(text)


def named(root: Path):
    settings = load_settings(root)
    corpus = load_corpus(settings).without_drafts()
    conv = Converter(settings.language.canonical_script, (n for _, n in corpus.named()), corpus.conversions)
    names = company_names(corpus, conv, settings.language.locales)
    briefs = sorted(corpus.briefs.values(), key=lambda b: (b.order, b.id))
    return corpus, names, mentions(corpus, names, corpus.published(), briefs)


def text_of(files: dict[str, bytes], path: str) -> str:
    return files[path].decode("utf-8")


# --------------------------------------------------------------------------- who names whom


def test_an_article_that_only_names_a_company_counts(project):
    _, _, before = named(project)
    assert before.by_company["lingxi"] == ["2025-10-08-lingxi-inference-card"]
    add(project, CAPEX, "analysis:\n  en: Its rival says nothing yet.\n  zh: 對手靈犀尚未表態。\n")
    _, _, after = named(project)
    # named (in the Chinese only), not listed in `companies`; newest first
    assert after.by_company["lingxi"] == ["2025-10-08-lingxi-inference-card", "2025-10-07-hanshan-capex"]
    assert after.by_company["nvidia"] == before.by_company["nvidia"]


def test_the_shipped_report_counts_companies_named_only_in_the_text(tmp_path):
    root = copy_shipped(tmp_path / "report")
    _, _, m = named(root)
    # named in the figures' notes and a quote's speaker, never listed in an article's `companies`
    for c in ("economic-observer", "beijing-news", "shanghai-securities-news", "qianhai-kaiyuan-fund"):
        assert m.by_company.get(c), c
    assert "2025-10-open-source-endgame" in m.by_company["economic-observer"]
    # no company of the report shows 0 mentions (Tengjing and Taclink are in the 1260H article's list)
    corpus = load_corpus(load_settings(root))
    assert [c for c in corpus.companies if c not in m.by_company and c not in m.outlet_only] == []
    # briefs link back to what they cite and whom they name
    assert "the-capex-race-china-vs-us" in m.briefs_by_company["alibaba"]
    assert all(m.briefs_by_article.values())


def test_an_outlet_is_no_company_of_its_own_articles(project):
    (project / "data" / "companies" / "test-daily.yaml").write_text(TEST_DAILY, encoding="utf-8")
    add(project, CAPEX, "analysis:\n  en: As Test Daily reports, spending goes on.\n"
        "  zh: 據測試日報報導，支出仍在增加。\n")
    corpus, names, m = named(project)
    assert outlet_company(names, corpus.outlets["test-daily"]) == "test-daily"
    assert outlet_company(names, corpus.outlets["tech-weekly"]) is None
    assert "test-daily" not in m.by_company and m.outlet_only == {"test-daily"}
    # another outlet's article naming it does count
    add(project, LINGXI, "analysis:\n  en: Test Daily reported it first.\n  zh: 測試日報最先報導。\n")
    _, _, m = named(project)
    assert m.by_company["test-daily"] == ["2025-10-08-lingxi-inference-card"] and not m.outlet_only


def test_first_sentence():
    assert first_sentence("The U.S. said no to Inc. firms. Then more.") == "The U.S. said no to Inc. firms."
    assert first_sentence("It spent CNY 2.5 bn in Q2. It said more.") == "It spent CNY 2.5 bn in Q2."
    assert first_sentence("本文認為，開源已成策略。2025年9月，阿里") == "本文認為，開源已成策略。"
    assert first_sentence("他說：「很好。」然後") == "他說：「很好。」"
    assert first_sentence("  one\nsentence ") == "one sentence"


# --------------------------------------------------------------------------- the pages


@pytest.fixture
def rendered(project):
    (project / "data" / "companies" / "test-daily.yaml").write_text(TEST_DAILY, encoding="utf-8")
    add(project, CAPEX, "analysis:\n  en: As Test Daily reports, its rival Lingxi Chips says nothing yet.\n"
        "  zh: 據測試日報報導，對手靈犀尚未表態。\n")
    b = Build(load_settings(project))
    b.run()
    return b.files


def test_company_and_article_pages_link_back_to_the_briefs(rendered):
    for code, heading in (("en", "In the briefs"), ("zh-Hans", "提及本公司的简报"), ("zh-Hant", "提及本公司的簡報")):
        page = text_of(rendered, f"{code}/companies/lingxi.md")
        section = page.split(f">{heading}</h2>")[1]
        assert 'href="../../briefs/hanshan-outlook/"' in section.split("<h2")[0], code
        # the article that only names Lingxi is among its mentions
        assert 'href="../../articles/2025-10-07-hanshan-capex/"' in page, code
    for code, heading in (("en", "Cited in"), ("zh-Hans", "引用本文的简报"), ("zh-Hant", "引用本文的簡報")):
        page = text_of(rendered, f"{code}/articles/2025-10-07-hanshan-capex.md")
        section = page.split(f">{heading}</h2>")[1].split("<h2")[0]
        assert 'href="../../briefs/hanshan-outlook/"' in section, code


def test_counts_and_counters(rendered):
    en = text_of(rendered, "en/companies/index.md")
    assert "Test Daily Media" not in en  # an outlet's own company file is not one of the report's companies
    row = re.search(r"Lingxi Chips</a></td>.*?<td[^>]*>(\d+)</td>\s*</tr>", en, re.S)
    assert row and row.group(1) == "2"  # listed by one article, named by another
    assert '<p class="sr-counts">3 companies</p>' in en
    home = {c: text_of(rendered, f"{c}/index.md") for c in ("en", "zh-Hans", "zh-Hant")}
    assert re.search(r">1 brief</a> · <a [^>]+>2 articles</a> · <a [^>]+>3 companies</a>", home["en"])
    assert re.search(r">1篇简报</a> · <a [^>]+>2篇文章</a> · <a [^>]+>3家公司</a>", home["zh-Hans"])
    assert re.search(r">1篇簡報</a> · <a [^>]+>2篇文章</a> · <a [^>]+>3家公司</a>", home["zh-Hant"])
    # how many articles after a month, a tag or a company: （2篇） in Chinese, (2) in English
    assert ">October 2025</a> (2)" in text_of(rendered, "en/articles/index.md")
    assert ">2025年10月</a>（2篇）" in text_of(rendered, "zh-Hans/articles/index.md")
    assert re.search(r"</a>（\d+篇）</li>", text_of(rendered, "zh-Hant/tags/index.md"))
    assert re.search(r">(輝達|NVIDIA)</a>（1篇）", text_of(rendered, "zh-Hant/companies/lingxi.md"))


def test_the_articles_index_shows_each_summary_first_sentence(rendered):
    en = text_of(rendered, "en/articles/index.md")
    assert ('<span class="sr-first">Hanshan Cloud, a fictional provider, reported second-quarter capital expenditure'
            in en)
    assert "Analysts expect" not in en  # the first sentence only
    hant = text_of(rendered, "zh-Hant/articles/index.md")
    assert re.search(r'<span class="sr-first">虛構的雲端服務商寒山雲[^<。]*。</span>', hant)


# --------------------------------------------------------------------------- search, tabs, title


def test_search_results_date_a_month_precision_article_as_a_month(tmp_path):
    from sinoreport.search.index import _docs_for
    from sinoreport.search.pages import PageText

    root = copy_shipped(tmp_path / "report")
    settings = load_settings(root)
    corpus = load_corpus(settings)
    conv = Converter(settings.language.canonical_script, (n for _, n in corpus.named()), corpus.conversions)
    strings = Strings.of(load_settings(root))
    month = "2025-10-open-source-endgame"
    assert corpus.articles[month].date_precision == "month"
    for code, want in (("en", "October 2025"), ("zh-Hans", "2025年10月"), ("zh-Hant", "2025年10月")):
        view = LocaleView(corpus, LOCALES[code], conv, strings)
        (doc,) = _docs_for(("article", month), "a/", PageText("t"), corpus, view)
        assert doc.date == want, code
        (day,) = _docs_for(("article", "2025-10-03-ark-buys-alibaba-baidu"), "b/", PageText("t"), corpus, view)
        assert day.date == {"en": "Oct 3, 2025"}.get(code, "2025年10月3日"), code


def test_briefs_is_a_tab_in_every_locale():
    doc = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    tabs = [next(iter(item)) for item in doc["nav"]]
    assert "Briefs" in tabs and {"Briefs": "briefs/index.md"} in doc["nav"]
    for lang in doc["plugins"][1]["i18n"]["languages"]:
        if lang["locale"] != "en":
            assert lang["nav_translations"]["Briefs"], lang["locale"]


class _Loader(yaml.SafeLoader):  # mkdocs.yml's !!python tags are not ours to run here
    pass


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def test_the_built_site_has_the_tab_and_a_plain_home_title(fixture_site):
    names = {"en": "China AI &amp; Tech Report", "zh-Hans": "中国AI与科技报告", "zh-Hant": "中國AI與科技報告"}
    tabs = {"en": "Briefs", "zh-Hans": "分析简报", "zh-Hant": "分析簡報"}
    for code, name in names.items():
        folder = fixture_site if code == "en" else fixture_site / code
        home = (folder / "index.html").read_text(encoding="utf-8")
        assert re.search(r"<title>(.*?)</title>", home).group(1) == name, code
        tab = re.search(r'<a href="briefs/" class="md-tabs__link">\s*(.*?)\s*</a>', home)
        assert tab and tab.group(1) == tabs[code], code
        briefs = (folder / "briefs" / "index.html").read_text(encoding="utf-8")
        assert re.search(r"<title>(.*?)</title>", briefs).group(1).endswith(f" - {name}"), code


def test_the_pdf_edition_lists_the_companies_the_site_lists(project):
    from sinoreport.pdf import render_html

    (project / "data" / "companies" / "test-daily.yaml").write_text(TEST_DAILY, encoding="utf-8")
    settings = load_settings(project)
    html = render_html(settings, load_corpus(settings).without_drafts(), "en")
    assert "Lingxi Chips" in html and "Test Daily Media" not in html
