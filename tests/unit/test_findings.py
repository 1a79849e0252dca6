"""Key findings: rows named by key or position, the rules `check` holds them to, and what the pages show."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import FIXTURE

from sinoreport.check.register import check_punctuation
from sinoreport.check.rules import check_findings
from sinoreport.config import load_settings
from sinoreport.corpus import Corpus, load_corpus
from sinoreport.i18n.convert import Converter
from sinoreport.i18n.locales import LOCALES
from sinoreport.i18n.view import LocaleView, Strings
from sinoreport.load import ContentError, load_yaml_model
from sinoreport.model import Brief, Finding, parse_row_ref

BRIEF = "content/briefs/hanshan-outlook.yaml"
CAPEX = "2025-10-07-hanshan-capex"
LINGXI = "2025-10-08-lingxi-inference-card"

# three findings on the fixture's rows: a key, a key with its article, a position
GOOD = f"""findings:
  - rows:
      capex: hanshan-cloud/capex/2025Q2
      qoq: hanshan-cloud/capex-growth-qoq/2025Q2@{CAPEX}
    en: Hanshan Cloud spent {{capex}} in {{capex:period}}, {{qoq:abs}} more than the quarter before.
    zh: 寒山雲{{capex:period}}的資本開支為{{capex}}，環比增加{{qoq:abs}}。
  - rows:
      plan: {CAPEX}#3
    en: It plans to put {{plan}} into data centers over three years.
    zh: 它計畫在三年內投入{{plan}}興建資料中心。
  - rows:
      cost: lingxi/unit-cost-reduction-vs-reference/2025-10-08
    en: Lingxi Chips claims a {{cost}} cost edge over the H20.
    zh: 靈犀晶片稱成本比H20低{{cost}}。
"""
TWO_ROWS = "  - rows:\n      capex: hanshan-cloud/capex/2025Q2\n      qoq: hanshan-cloud/capex-growth-qoq/2025Q2\n"


def _with_findings(project: Path, block: str, path: str = BRIEF) -> Corpus:
    p = project / path
    if path == BRIEF:  # the fixture's brief each time, with this block
        block = (FIXTURE / BRIEF).read_text(encoding="utf-8").replace("\nbody:\n", "\n" + block + "body:\n", 1)
    p.write_text(block, encoding="utf-8")
    return load_corpus(load_settings(project))


def _found(c: Corpus) -> list[tuple[str, str, str]]:
    return [(p.severity, f"{p.where.path.rsplit('/', 1)[-1]}:{p.where.line}", p.what) for p in check_findings(c)]


def _one(name: str, ref: str, en: str, zh: str) -> str:
    return f"  - rows:\n      {name}: {ref}\n    en: {en}\n    zh: {zh}\n"


def test_references_name_rows_by_key_article_or_position(project):
    c = _with_findings(project, GOOD)
    assert [(r.article, r.index) for r in c.rows_at("hanshan-cloud/capex/2025Q2")] == [(CAPEX, 0)]
    assert [(r.article, r.index) for r in c.rows_at(f"hanshan-cloud/capex/2025Q2@{CAPEX}")] == [(CAPEX, 0)]
    assert c.rows_at(f"hanshan-cloud/capex/2025Q2@{LINGXI}") == []
    assert [(r.article, r.index) for r in c.rows_at(f"{CAPEX}#3")] == [(CAPEX, 2)]
    assert parse_row_ref("kweb/price-change/2021-01/2024-12").period == "2021-01/2024-12"  # a period with a slash
    assert parse_row_ref("not a reference") is None
    assert [w for s, _, w in _found(c) if s == "error"] == []


def test_a_block_has_three_to_five_findings(project):
    two = GOOD.split("  - rows:\n      cost")[0]
    assert ("error", "hanshan-outlook.yaml:8", "2 key findings") in _found(_with_findings(project, two))
    six = GOOD + GOOD.removeprefix("findings:\n")
    c = _with_findings(project, six)
    assert ("error", "hanshan-outlook.yaml:8", "6 key findings") in _found(c)


def test_missing_findings_are_a_warning(project):
    c = load_corpus(load_settings(project))
    said = {(s, w) for s, _, w in _found(c)}
    assert ("warning", "the brief opens with no key findings") in said
    assert ("warning", "the home page has no key findings") in said
    # the home page's findings, from content/findings.yaml, held to the same rules
    home = _with_findings(project, GOOD, "content/findings.yaml")
    assert home.findings and not [w for _, where, w in _found(home) if where.startswith("findings.yaml")]


def test_a_reference_must_name_one_row(project):
    block = GOOD + _one("x", "hanshan-cloud/capex/2025Q3", "Spent {x}.", "支出{x}。")
    found = check_findings(_with_findings(project, block))
    (p,) = [p for p in found if "no data row" in p.what]
    assert p.severity == "error" and p.what == "no data row 'hanshan-cloud/capex/2025Q3'"
    assert "has the periods 2025Q2" in p.fix  # what it could have meant
    assert (p.where.path.endswith(BRIEF), p.where.line) == (True, 23)
    # a position past the article's rows: the fix says how many it has
    c = _with_findings(project, "findings:\n" + _one("x", f"{CAPEX}#99", "Spent {x}.", "支出{x}。"),
                       "content/findings.yaml")
    n = len(c.articles[CAPEX].figures)
    (p,) = [p for p in check_findings(c) if "no data row" in p.what and p.where.path.endswith("findings.yaml")]
    assert p.fix == f"{CAPEX} has {n} rows: use #1 … #{n}"


def test_ambiguous_key_is_an_error_with_the_positions(project):
    art = project / "content" / "articles" / f"{CAPEX}.yaml"
    text = art.read_text(encoding="utf-8")
    start = text.index("  - entity: hanshan-cloud\n    metric: capex\n")
    first = text[start:text.index("  - entity: hanshan-cloud\n    metric: capex-growth-qoq")]
    art.write_text(text.replace("figures:\n", "figures:\n" + first, 1), encoding="utf-8")
    found = [p for p in check_findings(_with_findings(project, GOOD)) if "data rows are" in p.what]
    assert [p.what for p in found] == ["2 data rows are 'hanshan-cloud/capex/2025Q2'"]
    assert f"{CAPEX}#1" in found[0].fix and f"{CAPEX}#2" in found[0].fix


def test_rows_come_from_curated_articles_the_brief_cites(project):
    _with_findings(project, GOOD)
    brief = project / BRIEF
    brief.write_text(brief.read_text(encoding="utf-8").replace(f", {LINGXI}]", "]"), encoding="utf-8")
    said = [w for _, _, w in _found(load_corpus(load_settings(project)))]
    row = "lingxi/unit-cost-reduction-vs-reference/2025-10-08"
    assert f"row {row!r} is from {LINGXI}, which the brief does not cite" in said
    art = project / "content" / "articles" / f"{LINGXI}.yaml"
    art.write_text(art.read_text(encoding="utf-8").replace("status: curated", "status: draft"), encoding="utf-8")
    said = [w for _, _, w in _found(load_corpus(load_settings(project)))]
    assert f"row {row!r} is in the draft article {LINGXI}" in said


def test_a_number_in_the_text_must_be_a_value_of_its_rows(project):
    block = GOOD + _one("capex", "hanshan-cloud/capex/2025Q2", "Spent {capex}, 45% of its budget.",
                        "支出{capex}，佔預算的45%。")
    found = [(s, where) for s, where, w in _found(_with_findings(project, block))
             if w == "number '45%' in a key finding is not a value of its rows"]
    assert found == [("error", "hanshan-outlook.yaml:24"), ("error", "hanshan-outlook.yaml:25")]  # en, zh
    # a row the text does not show backs a number it writes itself (40% is the quarter's growth)
    backed = GOOD + (TWO_ROWS + "    en: Spent {capex}, up 40%.\n    zh: 支出{capex}，增加40%。\n")
    assert [w for _, _, w in _found(_with_findings(project, backed)) if "number" in w] == []


def test_both_languages_show_the_same_rows(project):
    block = GOOD + (TWO_ROWS + "    en: Spent {capex}, up {qoq:abs}.\n    zh: 支出{capex}。\n")
    said = [w for _, _, w in _found(_with_findings(project, block))]
    assert "zh does not show {qoq}, which en does" in said


def test_placeholders_are_named_rows_in_known_formats(tmp_path):
    for zh, why in (("支出{cost}。", "names no 'cost'"), ("支出{capex:pct}。", "unknown format 'pct'")):
        p = tmp_path / "b.yaml"
        p.write_text("id: b\ntitle: {en: B}\ndek: {en: d}\ndate: 2025-10-10\nbody: {en: x}\nfindings:\n"
                     "  - rows: {capex: hanshan-cloud/capex/2025Q2}\n    en: Spent {capex}.\n"
                     f"    zh: {zh}\n", encoding="utf-8")
        with pytest.raises(ContentError) as e:
            load_yaml_model(p, Brief)
        assert why in str(e.value.problems[0].what) and e.value.problems[0].where.line >= 7
    assert Finding(en="x {a}", zh="x{a}", rows={"a": "x/y/2025"}).slots("en") == [("a", "value")]


def _view(c: Corpus, project: Path, code: str) -> LocaleView:
    s = load_settings(project)
    conv = Converter(s.language.canonical_script, (n for _, n in c.named()), c.conversions)
    return LocaleView(c, LOCALES[code], conv, Strings.of(load_settings(project)))


def test_each_locale_formats_the_values_and_names_the_sources(project):
    c = _with_findings(project, GOOD)
    first = c.briefs["hanshan-outlook"].findings[0]
    shown = {code: _view(c, project, code).finding(first) for code in ("en", "zh-Hans", "zh-Hant")}
    assert "".join(p.text for p in shown["en"].pieces) == (
        "Hanshan Cloud spent CNY 12 bn in Q2 2025, 40% more than the quarter before.")  # abs: no "+"
    assert "".join(p.text for p in shown["zh-Hans"].pieces) == "寒山云2025年第二季度的资本开支为120亿元，环比增加40%。"
    assert "".join(p.text for p in shown["zh-Hant"].pieces) == "寒山雲2025年第二季的資本開支為120億元，環比增加40%。"
    assert [(p.text, p.row.index) for p in shown["en"].pieces if p.row] == [("CNY 12 bn", 0), ("Q2 2025", 0),
                                                                           ("40%", 1)]
    assert [a.id for a in shown["en"].sources] == [CAPEX]


def test_the_html_block_links_each_value_to_its_row(project):
    from sinoreport.render.pages import Renderer
    from sinoreport.render.view import View

    c = _with_findings(project, GOOD)
    s = load_settings(project)
    r = Renderer(s, c)
    v = View(c, LOCALES["en"], r.conv, r.strings)
    v.begin("briefs/hanshan-outlook.md", html=False)
    html = r.findings_html(v, c.briefs["hanshan-outlook"].findings)
    assert html.count("<li>") == 3
    assert f'<a class="sr-finding-value" href="../../articles/{CAPEX}/#row-1" title="' in html
    assert f'href="../../articles/{CAPEX}/#row-3"' in html
    assert " in Q2 2025, " in html and ">Q2 2025<" not in html  # a period is text, not a value to follow
    assert f'<a href="../../articles/{LINGXI}/">' in html  # the source of the third finding
    assert r.findings_html(v, []) == ""


def test_the_chinese_of_findings_is_linted_like_other_prose(project):
    bad = GOOD.replace("環比增加{qoq:abs}。", "環比增加{qoq:abs},創新高。")
    c = _with_findings(project, bad)
    found = [p for p in check_punctuation(c, load_settings(project)) if p.where.path.endswith(BRIEF)]
    assert len(found) == 1 and found[0].what.startswith("half-width comma ','")
    home = _with_findings(project, bad, "content/findings.yaml")
    found = [p for p in check_punctuation(home, load_settings(project)) if p.where.path.endswith("findings.yaml")]
    assert len(found) == 1 and found[0].where.line == 6
