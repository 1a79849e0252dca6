"""Search building blocks without a browser: tokens, page text, names, cross-script tables, index format."""

from __future__ import annotations

import gzip
import json

import pytest

from sinoreport.config import load_settings
from sinoreport.corpus import load_corpus
from sinoreport.i18n.convert import Converter
from sinoreport.i18n.locales import LOCALES
from sinoreport.i18n.view import LocaleView, Strings
from sinoreport.search import aliases, engine, scripts
from sinoreport.search.pages import drop_sections, extract, page_kind, split_sections
from sinoreport.search.tokens import bigrams, browser_rules, fold, stem, words

# --------------------------------------------------------------------------- tokens


def test_bigrams_stay_inside_runs_of_han():
    assert bigrams("寒山雲公布H20晶片。英") == ["寒山", "山雲", "雲公", "公布", "晶片"]
    assert bigrams("no Chinese here") == []


def test_words_fold_width_case_and_plurals():
    assert words("NVIDIA’s ＡＩ chips, Qwen3-Max; 2025年 a") == ["nvidia", "ai", "chip", "qwen3", "max", "2025"]
    assert [stem(w) for w in ("companies", "classes", "status", "analysis", "gas", "h20s")] == \
        ["company", "class", "status", "analysis", "gas", "h20s"]


def test_fold_makes_spellings_of_a_name_compare_equal():
    assert fold("HS-MM") == fold("hs mm") == fold("ＨＳ－ＭＭ") == "hs mm"
    assert fold(" Alibaba  Group ") == "alibaba group"
    assert fold("「英伟达」") == "英伟达"


def test_browser_rules_are_the_python_patterns():
    rules = browser_rules()
    assert rules["han"].startswith("[\\u{3400}-\\u{4dbf}")
    assert "“”" in rules["sep"]


# --------------------------------------------------------------------------- page text


PAGE = """<html><head><title>T - Site</title></head><body><nav>menu 导航</nav>
<article class="md-content__inner md-typeset">
<h1 id="title">寒山云 &amp; 伙伴</h1>
<p>正文<a href="#">链接</a>一段<br>第二行</p>
<svg><text>图表标签</text><svg><text>内层</text></svg></svg>
<div class="sr-noindex"><p>不要<div>嵌套</div>这个</p></div>
<p data-pagefind-ignore>也不要</p>
<script>var x = "<p>no</p>";</script>
<!-- <p>comment</p> -->
<h2 id="related">相关文章</h2><ul><li>别的页面</li></ul>
<h2 id="numbers">数据</h2>
<table><tr><th>对象</th><th>数值</th></tr><tr><td>寒山云</td><td>120亿元</td></tr></table>
<nav class="sr-prevnext"><a href="#">下一篇</a></nav>
</article><footer>页脚</footer></body></html>"""


def test_extract_keeps_the_main_text_and_drops_chrome_charts_and_marked_parts():
    page = extract(PAGE)
    assert page is not None and page.title == "寒山云 & 伙伴"
    texts = [b.text for b in page.blocks]
    assert texts[:3] == ["寒山云 & 伙伴", "正文链接一段 第二行", "相关文章"]
    assert "对象 数值" in texts and "寒山云 120亿元" in texts
    joined = " ".join(texts)
    for gone in ("导航", "图表标签", "内层", "不要", "嵌套", "也不要", "no", "comment", "下一篇", "页脚"):
        assert gone not in joined
    headings = [(b.tag, b.id) for b in page.blocks if b.tag != "p"]
    assert headings == [("h1", "title"), ("h2", "related"), ("h2", "numbers")]


def test_list_sections_are_dropped_and_glossary_terms_split():
    page = drop_sections(extract(PAGE), {"相关文章"})
    assert "别的页面" not in [b.text for b in page.blocks] and "寒山云 120亿元" in [b.text for b in page.blocks]
    parts = split_sections(page)
    assert [a for a, _ in parts] == ["numbers"]
    assert parts[0][1].title == "数据" and parts[0][1].blocks[-1].text == "寒山云 120亿元"


@pytest.mark.parametrize(("rel", "kind"), [
    ("articles/2025-10-07-x/index.html", ("article", "2025-10-07-x")),
    ("articles/months/2025-10/index.html", None),
    ("articles/page/2/index.html", None),
    ("articles/index.html", None),
    ("briefs/outlook/index.html", ("brief", "outlook")),
    ("companies/nvidia/index.html", ("company", "nvidia")),
    ("companies/nvidia/articles/index.html", None),
    ("glossary/index.html", ("term", "")),
    ("data/index.html", ("data", "")),
    ("about/methodology/index.html", ("about", "methodology")),
    ("tags/chips/index.html", None),
    ("index.html", None),
])
def test_which_pages_are_searchable(rel, kind):
    assert page_kind(rel) == kind


# --------------------------------------------------------------------------- names and scripts


@pytest.fixture(scope="module")
def fixture_views():
    from tests.conftest import FIXTURE

    settings = load_settings(FIXTURE)
    corpus = load_corpus(settings)
    conv = Converter("hant", (n for _, n in corpus.named()), corpus.conversions)
    strings = Strings.of(settings)
    return corpus, {c: LocaleView(corpus, LOCALES[c], conv, strings) for c in ("en", "zh-Hans", "zh-Hant")}


def test_alias_entries_know_every_spelling_and_each_locale_form(fixture_views):
    corpus, views = fixture_views
    by_id = {e.id: e for e in aliases.entries(corpus, views["zh-Hans"]) if e.kind != "tag"}
    nvidia = by_id["nvidia"]
    assert {"nvidia", "nvda", "輝達", "英偉達", "英伟达", "辉达"} <= nvidia.forms
    assert nvidia.search == ["英伟达"] and nvidia.profile == "nvidia"
    assert by_id["hanshan-mm"].profile == "hanshan-cloud" and "hs mm" in by_id["hanshan-mm"].forms
    assert by_id["capex"].kind == "term" and by_id["capex"].profile == ""
    en = {e.id: e for e in aliases.entries(corpus, views["en"])}
    assert en["hanshan-cloud"].search == ["Hanshan Cloud", "Hanshan"]
    assert en["nvidia"].search == ["NVIDIA"]
    hant = {e.id: e for e in aliases.entries(corpus, views["zh-Hant"])}
    assert hant["nvidia"].search == ["輝達"]
    table = aliases.form_table(aliases.entries(corpus, views["zh-Hans"]))
    kinds = [aliases.entries(corpus, views["zh-Hans"])[i].kind for i in table["寒山雲"]]
    assert kinds[0] == "company" and "tag" in kinds


def test_company_profiles_carry_all_names_of_company_and_products(fixture_views):
    corpus, views = fixture_views
    names = aliases.company_names(corpus.companies["hanshan-cloud"], views["zh-Hans"])
    assert names[:2] == ["寒山云", "Hanshan Cloud"]
    assert {"HSC", "Hanshan", "寒山多模态", "Hanshan MM", "HS-MM"} <= set(names)


def test_cross_script_tables_map_queries_onto_the_locale_text():
    hant_text = "輝達晶片的市佔率，資料中心的軟體。"
    hans_text = "英伟达芯片的市占率，数据中心的软件。"
    chars, phrases = scripts.query_tables("hans", hans_text, hant_text)
    assert chars["佔"] == "占" and chars["達"] == "达" and "體" not in chars  # 体 is not in the text
    assert phrases["晶片"] == "芯片" and phrases["資料"] == "数据" and phrases["軟體"] == "软件"
    assert all(t in hans_text for t in chars.values())  # only characters the pages use
    chars, phrases = scripts.query_tables("hant", hant_text, hans_text)
    assert chars["占"] == "佔" and phrases["芯片"] == "晶片" and phrases["软件"] == "軟體"


# --------------------------------------------------------------------------- index format


def test_shards_round_trip_and_cover_every_token_in_order():
    index = {f"t{i:04d}": [(d, 1 + d % 100) for d in range(0, 3 * i + 1, 3)] for i in range(300)}
    index["芯片"] = [(0, 127), (5, 3)]
    parts = engine.shards(index, target=2000)
    assert len(parts) > 5
    firsts = [p[0][0] for p in parts]
    assert firsts == sorted(firsts, key=engine.utf16_key)
    decoded: dict = {}
    for p in parts:
        decoded |= engine.decode_shard(engine.encode_shard(p))
    assert decoded == index


def test_utf16_order_matches_javascript_string_order():
    # a supplementary-plane ideograph sorts before a compatibility ideograph in JavaScript
    assert sorted(["\uf900a", "\U00020000a"], key=engine.utf16_key) == ["\U00020000a", "\uf900a"]


def test_build_writes_gzip_shards_documents_and_weights():
    recs = [
        engine.Record("a/", "article", "英伟达芯片",
                      [engine.Field("英伟达芯片", 3), engine.Field("英伟达在当地的份额", 1)],
                      ["英伟达在当地的份额"], "2025-10-07"),
        engine.Record("c/", "company", "寒山云", [engine.Field("寒山云 cloud", 3)], ["寒山云"], ident="hanshan"),
        engine.Record("g/#x", "term", "资本开支", [engine.Field("资本开支", 1.5)], ["定义"]),
    ]
    built = engine.build(recs)
    assert built.meta["n"] == 3 and built.meta["docs"] == "act" and built.profiles == {"hanshan": 1}
    shard_files = [k for k in built.files if k.split("/")[-1].startswith("s")]
    postings: dict = {}
    for k in shard_files:
        postings |= engine.decode_shard(gzip.decompress(built.files[k]))
    assert set(postings["英伟"]) == {(0, postings["英伟"][0][1])} and postings["cloud"][0][0] == 1
    assert all(1 <= w <= engine.MAX_WEIGHT for ps in postings.values() for _, w in ps)
    doc = json.loads(gzip.decompress(built.files[f"{built.meta['build']}/d0.bin"]))
    assert doc == {"t": "英伟达芯片", "u": "a/", "k": "article", "d": "2025-10-07", "x": ["英伟达在当地的份额"]}
    # the same records give the same files (reproducible builds)
    assert engine.build(recs).files == built.files
