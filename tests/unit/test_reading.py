"""How ingest reads a figure: its period, and every field of the row it proposes, from sentences we wrote
for these tests (the names are the shipped report's, so its data/ teaches the metrics and aliases)."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.conftest import REPO

from sinoreport.config import load_settings
from sinoreport.corpus import load_corpus
from sinoreport.ingest.figures import ArticleContext, propose
from sinoreport.ingest.mentions import Mentions
from sinoreport.ingest.periods import Context, find_cues, resolve
from sinoreport.ingest.reading import reading_for

D = dt.date(2025, 11, 20)


@pytest.mark.parametrize(("text", "expected", "fiscal"), [
    ("第三季營收", "2025Q3", None),
    ("上半年營收", "2025H1", None),
    ("前三季營收", "2025Q1-Q3", None),
    ("明年第四季", "2026Q4", None),
    ("去年全年", "2024", None),
    ("未來三年", "2025–2027", None),
    ("截至8月底的12個月", "TTM to 2025-08", None),
    ("過去四個季度", "TTM to 2025-09", None),
    ("今年以來", "YTD to 2025-11-20", None),
    ("本週", "week to 2025-11-20", None),
    ("11月13日", "2025-11-13", None),
    ("2026財年第三季", "FY2026Q3", 1),
    ("第三季", "FY2026Q3", 1),  # a company whose year ends in January: its quarters are fiscal
    ("下一季", "2025Q4", None),
    ("截至2025年3月31日止三個月", "2025Q1", None),
    ("2024年底", "2024-12", None),
])
def test_period_words_resolve_against_the_article_date(text, expected, fiscal):
    cues = find_cues(text)
    assert cues, text
    assert resolve(cues[-1], Context(D, fiscal)) == expected


def test_a_period_named_as_a_comparison_base_is_not_the_figures_period():
    assert find_cues("較去年同期增長15%") == []
    (cue,) = find_cues("去年同期為12億元")
    assert resolve(cue, Context(D), "2025Q3") == "2024Q3"


@pytest.fixture(scope="module")
def shipped():
    settings = load_settings(REPO)
    corpus = load_corpus(settings)
    return corpus, reading_for(corpus, settings.data_dir), Mentions.from_corpus(corpus)


def rows(shipped, text: str, date: dt.date = D) -> list[tuple]:
    corpus, reading, mentions = shipped
    actx = ArticleContext(date, corpus, reading)
    out = propose([text], mentions.find, actx, lambda s: [])
    return [(p.entity, p.metric, p.period, p.value, p.value_high, p.unit, p.kind) for p in out]


def test_results_sentence(shipped):
    got = rows(shipped, "騰訊公布2025年第三季財報,營收為1929.5億元,年增15%。")
    assert got == [("tencent", "revenue", "2025Q3", 192950000000.0, None, "CNY", "actual"),
                   ("tencent", "revenue-growth", "2025Q3", 15.0, None, "%", "actual")]


def test_a_user_count_is_users_not_money(shipped):
    assert rows(shipped, "微信月活躍使用者達14.1億。") == [
        ("wechat", "mau", "2025", 1410000000.0, None, "users", "actual")]


def test_a_list_with_respectively_gives_each_name_its_number(shipped):
    got = rows(shipped, "阿里巴巴、百度股價分別下跌3%和5%。")
    assert [(e, v) for e, _, _, v, *_ in got] == [("alibaba", -3.0), ("baidu", -5.0)]
    assert {m for _, m, *_ in got} == {"price-change"}


def test_the_yardstick_of_a_comparison_is_not_the_entity(shipped):
    (got,) = rows(shipped, "昇騰910C的推理成本僅為輝達H20的60%。")
    assert got[0] == "ascend-910c" and got[1] == "inference-cost-vs-reference"


def test_kind_words_and_future_periods(shipped):
    (estimate,) = rows(shipped, "市場預期騰訊明年資本開支將超過1000億元。")
    assert estimate == ("tencent", "capex", "2026", 100000000000.0, None, "CNY", "estimate")
    (target,) = rows(shipped, "阿里巴巴計畫未來三年投入3800億元建設AI基礎設施。")
    assert target[2:] == ("2025–2027", 380000000000.0, None, "CNY", "target")


def test_no_rows_for_dates_ordinals_section_marks_and_model_names(shipped):
    assert rows(shipped, "01首先,Gemini 3在11月13日排名第一,這是2025年的事。") == []


def test_fiscal_quarters_and_exact_values(shipped):
    (got,) = rows(shipped, "輝達第三季營收129.8億美元。")
    assert got[:3] == ("nvidia", "revenue", "FY2026Q3")
    assert got[3] == 12980000000 and repr(got[3]) == "12980000000.0"  # decimal, not 12980000000.000002


def test_ranges_and_missing_currency_said_in_a_note(shipped):
    corpus, reading, mentions = shipped
    (share,) = rows(shipped, "輝達在中國AI晶片市場的份額約為20%~30%。")
    assert share[3:6] == (20.0, 30.0, "%")
    out = propose(["阿里巴巴今年資本開支約1200億。"], mentions.find, ArticleContext(D, corpus, reading), lambda s: [])
    (p,) = out
    assert p.unit == "CNY" and "not stated" in p.note_en  # Alibaba reports in CNY: assumed, and said


def test_a_figure_about_a_segment_is_not_the_groups(shipped):
    (got,) = rows(shipped, "小米集團第三季汽車業務收入為283億元。")
    assert got[0] == "xiaomi" and got[1] == "tbd"
