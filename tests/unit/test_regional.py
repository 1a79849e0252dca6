"""The regional-vocabulary layer of the converter: Taiwan ↔ mainland words on top of script conversion,
below names and pins (i18n/convert.py, the `regional` rules of data/conversions.yaml)."""

from pathlib import Path

import pytest

from sinoreport.i18n.convert import Converter
from sinoreport.load import load_yaml_model
from sinoreport.model import Company, ConversionRule, ConversionsFile, GlossaryTerm

REPO = Path(__file__).resolve().parents[2]
PACKAGE_CONVERSIONS = REPO / "src" / "sinoreport" / "i18n" / "conversions.yaml"


def rule(hant: str, hans: str, regional: str | None = None) -> ConversionRule:
    return ConversionRule.model_validate({"zh-Hant": hant, "zh-Hans": hans, "regional": regional})


def company(ident: str, zh: str, **kw) -> Company:
    return Company.model_validate({"id": ident, "name": {"en": ident, "zh": zh, **kw.pop("pins", {})},
                                   "sector": {"en": "x"}, "one_line": {"en": "x"}, **kw})


RULES = [
    rule("投資人", "投资者", "zh-Hans"),
    rule("雲端", "云", "zh-Hans"),
    rule("部位", "仓位", "zh-Hans"),
    rule("總部位於", "总部位于", "both"),
    rule("資料中心業者", "数据中心运营商", "zh-Hans"),
    rule("晶片間", "芯片间", "both"),
    rule("第三季", "第三季度", "both"),
    rule("資訊", "信息", "zh-Hant"),
    rule("演算法", "算法", "zh-Hant"),
    rule("網路", "网络", "zh-Hant"),
    rule("雲端運算", "云计算"),  # a pin: no `regional`
]


@pytest.fixture
def conv() -> Converter:
    named = [
        company("cloudco", "雲端科技", pins={"zh-Hans": "云端科技"}),  # a name that holds a regional word
        company("birdnet", "飛鳥", aliases=["飛鳥網絡"]),  # an alias stays as written
        GlossaryTerm.model_validate({"id": "dc", "name": {"en": "Data center", "zh": "資料中心"},
                                     "definition": {"en": "x"}}),
        GlossaryTerm.model_validate({"id": "bw", "name": {"en": "Bandwidth", "zh": "片間頻寬"},
                                     "definition": {"en": "x"}}),
        GlossaryTerm.model_validate({"id": "inv", "name": {"en": "Investor", "zh": "機構投資人"},
                                     "definition": {"en": "x"}}),
    ]
    return Converter("hant", named, RULES)


def test_taiwan_words_become_mainland_words_on_zh_hans(conv):
    assert conv.to_script("投資人看好雲端巨頭", "hans") == "投资者看好云巨头"
    assert conv.to_script("投資人看好雲端巨頭", "hant") == "投資人看好雲端巨頭"  # Taiwan pages keep them


def test_the_other_direction_rewrites_mainland_words_on_zh_hant(conv):
    assert conv.to_script("資訊與信息", "hant") == "資訊與資訊"
    assert conv.to_script("推荐算法", "hant", source="hans") == "推薦演算法"
    assert conv.to_script("推薦演算法", "hant") == "推薦演算法"  # never 演演算法: the locale's own word is kept


def test_a_pair_written_for_both_pages(conv):
    assert conv.to_script("2025年第三季", "hans") == "2025年第三季度"
    assert conv.to_script("2025年第三季度", "hant") == "2025年第三季"
    assert conv.to_script("2025年第三季度", "hans") == "2025年第三季度"  # not 第三季度度


def test_a_longer_shared_phrase_protects_a_short_regional_word(conv):
    assert conv.to_script("總部位於上海，部位不大", "hans") == "总部位于上海，仓位不大"


def test_pins_win(conv):
    # a pinned name keeps its form though it holds a regional word (雲端 → 云 elsewhere)
    assert conv.to_script("雲端科技的雲端業務", "hans") == "云端科技的云业务"
    # a pin without `regional` beats the shorter regional word inside it
    assert conv.to_script("雲端運算", "hans") == "云计算"
    # a regional word that would cut a name is not applied: the name keeps its form
    assert "片间带宽" in conv.to_script("晶片間頻寬", "hans")


def test_a_regional_phrase_around_a_whole_name_replaces_it(conv):
    assert conv.to_script("中國資料中心業者", "hans") == "中国数据中心运营商"
    assert conv.to_script("資料中心", "hans") == "数据中心"


def test_company_aliases_stay_as_written_but_our_terms_take_regional_words(conv):
    assert conv.to_script("飛鳥網絡的物流網絡", "hant") == "飛鳥網絡的物流網路"
    glossary = GlossaryTerm.model_validate({"id": "inv", "name": {"en": "Investor", "zh": "機構投資人"},
                                            "definition": {"en": "x"}})
    assert conv.name(glossary, "hans") == "机构投资者"


def test_conversion_normalizes_punctuation(conv):
    assert conv.to_script("「技術底座」,見下(注)", "hans") == "“技术底座”，见下（注）"
    assert conv.to_script("「技術底座」,見下(注)", "hant") == "「技術底座」，見下（注）"


def test_shipped_pairs_fix_what_native_readers_flagged():
    """The package's regional vocabulary (src/sinoreport/i18n/conversions.yaml) under the shipped report's
    data/conversions.yaml: the words issue 17's readers found on the shipped pages."""
    rules = [*load_yaml_model(REPO / "data" / "conversions.yaml", ConversionsFile).conversions,
             *load_yaml_model(PACKAGE_CONVERSIONS, ConversionsFile).conversions]
    conv = Converter("hant", [], rules)
    hans = {"投資人": "投资者", "超大規模業者": "超大规模云厂商", "晶片業者": "芯片企业", "雲端巨頭": "云巨头",
            "雲端運算": "云计算", "市佔率": "市场份额", "推定": "推断", "評比": "评估", "買進": "买入",
            "標竿": "标杆", "睽違四年": "时隔四年", "晶片間頻寬": "芯片间带宽", "視訊記憶體": "显存",
            "近4兆美元": "近4万亿美元", "40兆瓦": "40兆瓦"}
    for hant, want in hans.items():
        assert conv.to_script(hant, "hans") == want, hant
    hant = {"圖表數據": "圖表資料", "信息": "資訊", "大語言模型": "大型語言模型", "牛市": "牛市"}
    for text, want in hant.items():
        assert conv.to_script(text, "hant") == want, text


def test_template_punctuation_is_full_width_on_chinese_pages():
    from sinoreport.corpus import Corpus
    from sinoreport.i18n.locales import LOCALES
    from sinoreport.i18n.view import LocaleView, Strings

    views = {code: LocaleView(Corpus(), LOCALES[code], Converter("hant"), Strings({})) for code in LOCALES}
    assert views["zh-Hans"].punct(":") == "：" and views["zh-Hant"].punct("()") == "（）"
    assert views["en"].punct(":") == ":"


def test_a_project_written_in_simplified_gets_the_same_pairs():
    conv = Converter("hans", [], RULES)
    assert conv.to_script("投资人关注信息与网络", "hans") == "投资者关注信息与网络"
    assert conv.to_script("投资人关注信息与网络", "hant") == "投資人關注資訊與網路"


def test_an_alias_keeps_the_pinned_names_inside_it():
    # 昇騰 is pinned to Huawei's own 昇腾 (t2s gives 升腾); the alias 華為昇騰 must not undo that
    huawei = company("huawei", "華為", products=[{"id": "ascend", "kind": "chip",
                                                 "name": {"en": "Ascend", "zh": "昇騰", "zh-Hans": "昇腾"},
                                                 "aliases": ["華為昇騰", "昇騰晶片"]}])
    conv = Converter("hant", [huawei, *huawei.products], [*RULES, rule("晶片", "芯片", "zh-Hant")])
    assert conv.to_script("華為昇騰與昇騰晶片", "hans") == "华为昇腾与昇腾芯片"


def test_taiwan_character_forms_match_too():
    # 群 is Taiwan's form, 羣 OpenCC's standard one: the pair must match what Taiwan text writes
    conv = Converter("hant", [], [rule("社群媒體", "社交媒体", "zh-Hans")])
    assert conv.to_script("社群媒體與社羣媒體", "hans") == "社交媒体与社交媒体"


def test_a_quote_changes_script_only(conv):
    # someone else's words: the regional word and the half-width punctuation are the source's, and stay
    said = "投資人說,雲端需求「很強」"
    assert conv.to_script(said, "hans", verbatim=True) == "投资人说,云端需求「很强」"
    assert conv.to_script(said, "hans") != conv.to_script(said, "hans", verbatim=True)  # prose is normalized
