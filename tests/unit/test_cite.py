""""Cite this" (render/cite.py): the formatted citation per locale, BibTeX and CSL-JSON, exactly."""

from __future__ import annotations

import datetime as dt
import json

from sinoreport.render.cite import Citable, bib_escape, cite

ED = dt.date(2025, 10, 10)


def article(locale: str, title: str, outlet: str, site: str) -> Citable:
    prefix = "" if locale == "en" else f"{locale}/"
    return Citable("article", "2025-10-07-hanshan-capex", locale, title, outlet, site,
                   f"https://example.test/{prefix}articles/2025-10-07-hanshan-capex/", ED, dt.date(2025, 10, 7))


EN = article("en", "Hanshan Cloud lifts quarterly capex by 40%", "Test Daily", "China AI & Tech Report")
HANS = article("zh-Hans", "寒山云公布季度资本开支,较上季增四成", "测试日报", "中国AI与科技报告")
HANT = article("zh-Hant", "寒山雲公布季度資本開支,較上季增四成", "測試日報", "中國AI與科技報告")


def test_english_citation():
    assert cite(EN).text == (
        "Test Daily. “Hanshan Cloud lifts quarterly capex by 40%.” China AI & Tech Report, 7 October 2025. "
        "Edition of 10 October 2025. https://example.test/articles/2025-10-07-hanshan-capex/. "
        "Accessed 10 October 2025.")


def test_gb_t_7714_citations_in_each_script():
    assert cite(HANS).text == (
        "测试日报. 寒山云公布季度资本开支,较上季增四成[EB/OL]. 2025-10-10版. 中国AI与科技报告, "
        "(2025-10-07)[2025-10-10]. https://example.test/zh-Hans/articles/2025-10-07-hanshan-capex/.")
    assert cite(HANT).text == (
        "測試日報. 寒山雲公布季度資本開支,較上季增四成[EB/OL]. 2025-10-10版. 中國AI與科技報告, "
        "(2025-10-07)[2025-10-10]. https://example.test/zh-Hant/articles/2025-10-07-hanshan-capex/.")


def test_other_kinds_type_codes_and_titles_ending_in_a_mark():
    brief = Citable("brief", "who-could-be-chinas-google", "en", "Who could be China's Google?", "sinoreport",
                    "China AI & Tech Report", "https://example.test/briefs/who-could-be-chinas-google/", ED,
                    dt.date(2025, 11, 28))
    assert cite(brief).text == (
        "sinoreport. “Who could be China's Google?” China AI & Tech Report, 28 November 2025. "
        "Edition of 10 October 2025. https://example.test/briefs/who-could-be-chinas-google/. "
        "Accessed 10 October 2025.")
    data = Citable("dataset", "capex", "zh-Hant", "資本開支", "sinoreport", "中國AI與科技報告",
                   "https://example.test/zh-Hant/data/#capex", ED)
    assert cite(data).text == (
        "sinoreport. 資本開支[DS/OL]. 2025-10-10版. 中國AI與科技報告, [2025-10-10]. "
        "https://example.test/zh-Hant/data/#capex.")
    chart = Citable("chart", "capex-china-vs-us", "zh-Hans", "中美资本开支", "sinoreport", "中国AI与科技报告",
                    "https://example.test/zh-Hans/charts/capex-china-vs-us/", ED)
    assert "[EB/OL]" in cite(chart).text
    assert json.loads(cite(chart).csl)[0]["type"] == "figure"
    assert json.loads(cite(data).csl)[0]["type"] == "dataset"


def test_bibtex_exact():
    assert cite(EN).bibtex == """@online{sinoreport-article-2025-10-07-hanshan-capex,
  author = {{Test Daily}},
  title = {{Hanshan Cloud lifts quarterly capex by 40\\%}},
  organization = {China AI \\& Tech Report},
  date = {2025-10-07},
  year = {2025},
  version = {2025-10-10},
  url = {https://example.test/articles/2025-10-07-hanshan-capex/},
  urldate = {2025-10-10},
  langid = {english}
}
"""
    assert cite(HANT).bibtex == """@online{sinoreport-article-2025-10-07-hanshan-capex-zh-hant,
  author = {{測試日報}},
  title = {{寒山雲公布季度資本開支,較上季增四成}},
  organization = {中國AI與科技報告},
  date = {2025-10-07},
  year = {2025},
  version = {2025-10-10},
  url = {https://example.test/zh-Hant/articles/2025-10-07-hanshan-capex/},
  urldate = {2025-10-10},
  langid = {chinese}
}
"""
    assert cite(HANS).key == "sinoreport-article-2025-10-07-hanshan-capex-zh-hans"
    assert bib_escape("a_b {c} #1 ~x^") == r"a\_b \{c\} \#1 \textasciitilde{}x\textasciicircum{}"


def test_csl_json_exact():
    assert json.loads(cite(HANS).csl) == [{
        "id": "sinoreport-article-2025-10-07-hanshan-capex-zh-hans",
        "type": "webpage",
        "title": "寒山云公布季度资本开支,较上季增四成",
        "author": [{"literal": "测试日报"}],
        "container-title": "中国AI与科技报告",
        "publisher": "中国AI与科技报告",
        "version": "2025-10-10",
        "URL": "https://example.test/zh-Hans/articles/2025-10-07-hanshan-capex/",
        "accessed": {"date-parts": [[2025, 10, 10]]},
        "issued": {"date-parts": [[2025, 10, 7]]},
        "language": "zh-Hans",
    }]
    assert "\"issued\": {\n      \"date-parts\": [[2025, 10, 7]]\n    }" in cite(HANS).csl
