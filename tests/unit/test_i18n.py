"""Script conversion with per-term overrides, and Babel formats per locale."""

import datetime as dt
from pathlib import Path

import pytest

from sinoreport.i18n.convert import Converter
from sinoreport.i18n.formats import fmt_date, fmt_period, fmt_value
from sinoreport.i18n.locales import LOCALES
from sinoreport.load import load_yaml_model
from sinoreport.model import Company, ConversionRule, ConversionsFile

EN, HANS, HANT = LOCALES["en"], LOCALES["zh-Hans"], LOCALES["zh-Hant"]


def company(**kw):
    return Company.model_validate({"sector": {"en": "x"}, "one_line": {"en": "x"}, **kw})


@pytest.fixture
def conv():
    nvidia = company(id="nvidia", name={"en": "NVIDIA", "zh": "輝達", "zh-Hans": "英伟达"}, variants=["英偉達"])
    gds = company(id="gds", name={"en": "GDS", "zh": "萬國數據"}, variants=["萬國資料"])
    rule = ConversionRule.model_validate({"zh-Hant": "指標", "zh-Hans": "指标"})
    return Converter("hant", [nvidia, gds], [rule])


def test_pins_and_variants_win_over_opencc(conv):
    text = "英偉達與輝達的市佔率，萬國資料的資料中心，關鍵指標"
    assert conv.to_script(text, "hans") == "英伟达与英伟达的市占率，万国数据的数据中心，关键指标"
    assert conv.to_script(text, "hant") == "輝達與輝達的市佔率，萬國數據的資料中心，關鍵指標"


def test_other_direction(conv):
    assert conv.to_script("英伟达的芯片与软件", "hant", source="hans") == "輝達的晶片與軟體"


def test_cached(conv):
    a = conv.to_script("輝達", "hans")
    assert conv.to_script("輝達", "hans") is a


@pytest.mark.parametrize(
    ("value", "unit", "kw", "en", "hans", "hant"),
    [
        (380e9, "CNY", {}, "CNY 380 bn", "3800亿元", "3800億元"),
        (2.77e9, "USD", {}, "USD 2.77 bn", "27.7亿美元", "27.7億美元"),
        (35.8, "%", {}, "35.8%", "35.8%", "35.8%"),
        (-3.5, "%", {"signed": True}, "−3.5%", "−3.5%", "−3.5%"),
        (20, "%", {"high": 30}, "20–30%", "20–30%", "20–30%"),
        (4e12, "USD", {"qualifier": "nearly"}, "nearly USD 4 tn", "近4万亿美元", "近4兆美元"),
        (7.8e8, "users", {}, "780 million users", "7.8亿名用户", "7.8億名使用者"),
    ],
)
def test_amounts(value, unit, kw, en, hans, hant):
    assert fmt_value(value, unit, EN, **kw) == en
    assert fmt_value(value, unit, HANS, **kw) == hans
    assert fmt_value(value, unit, HANT, **kw) == hant


def test_dates_and_periods():
    d = dt.date(2025, 10, 8)
    assert (fmt_date(d, EN), fmt_date(d, HANS), fmt_date(d, HANT)) == ("Oct 8, 2025", "2025年10月8日", "2025年10月8日")
    assert fmt_date(d.replace(day=1), EN, "month") == "October 2025"
    assert fmt_period("2025Q2", EN) == "Q2 2025"
    assert fmt_period("2025Q2", HANS) == "2025年第二季度"
    assert fmt_period("FY2026Q2", HANT) == "2026財年第二季"
    assert fmt_period("TTM to 2025-08", EN) == "12 months to August 2025"
    assert fmt_period("2025–2027", HANT) == "2025–2027年"


def test_every_unit_of_the_package_has_its_forms_in_every_locale():
    """src/sinoreport/units.yaml: every unit writes its English form (with the number's place) and a Chinese
    form in both scripts, so no page falls back to the bare id."""
    from sinoreport.load import parse_yaml, to_model
    from sinoreport.model import UnitsFile
    from sinoreport.units import PACKAGE_FILE

    for d in to_model(parse_yaml(PACKAGE_FILE), UnitsFile).units:
        assert d.en is not None, d.id
        assert d.zh is not None or (d.zh_hant is not None and d.zh_hans is not None), d.id


def test_join_cjk_removes_fold_spaces_but_keeps_structure():
    from sinoreport.i18n.convert import join_cjk

    folded = "輝達的市佔率 下滑，\n本土廠商 上升。Apple and NVIDIA 合作"
    assert join_cjk(folded) == "輝達的市佔率下滑，本土廠商上升。Apple and NVIDIA 合作"
    md = "## 標題\n第一行\n第二行\n\n第二段"
    assert join_cjk(md, markdown=True) == "## 標題\n第一行第二行\n\n第二段"


def test_shipped_phrase_rules_fix_taiwan_terms_tw2sp_misreads():
    """The package's rules (src/sinoreport/i18n/conversions.yaml, every project's): each phrase tw2sp turns
    into a different word on the mainland side is pinned to what a mainland financial reader expects."""
    package = Path(__file__).resolve().parents[2] / "src" / "sinoreport" / "i18n" / "conversions.yaml"
    rules = load_yaml_model(package, ConversionsFile).conversions
    raw = Converter("hant", [], [])
    pinned = Converter("hant", [], rules)
    cases = {"分析簡報": "分析简报", "資料來源": "资料来源", "回應查詢": "回应查询",
             "運算、儲存與服務": "运算、存储与服务", "關鍵指標": "关键指标"}
    for hant, hans in cases.items():
        assert raw.to_script(hant, "hans") != hans, f"OpenCC alone now gets {hant} right: drop the rule"
        assert pinned.to_script(hant, "hans") == hans
