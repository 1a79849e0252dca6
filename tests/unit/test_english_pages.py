"""English pages for English readers (issue 17): every quote has our English rendering beside it
(`quote_en`, required of curated rows and score quotes), the parties that produced a figure are named
beside the outlet ("IDC via 36Kr Finance"), Chinese left on a page is marked with its lang, one English
spelling standard, and no words of our pipeline on reader pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from tests.conftest import PACKAGE_TEMPLATES
from tests.support.files import edit, line_of

from sinoreport.check import run_checks
from sinoreport.check.spelling import check_spelling, misspellings
from sinoreport.config import load_settings
from sinoreport.corpus import load_corpus
from sinoreport.i18n.convert import Converter, script_of
from sinoreport.i18n.locales import LOCALES
from sinoreport.i18n.view import Strings
from sinoreport.render.view import View

REPO = Path(__file__).resolve().parents[2]
ARTICLE = "content/articles/2025-10-07-hanshan-capex.yaml"
COMPANY = "data/companies/hanshan-cloud.yaml"


def problems(root: Path, what: str) -> list:
    settings = load_settings(root)
    return [p for p in run_checks(load_corpus(settings), settings).problems if what in p.what]


# --------------------------------------------------------------------------- quote_en


def test_a_curated_row_without_an_english_rendering_is_a_located_error(project, monkeypatch):
    monkeypatch.chdir(project)
    edit(project, ARTICLE, '    quote_en: "up 40% on the previous quarter"\n', "")
    (p,) = problems(project, "no English rendering")
    assert p.severity == "error" and p.where.path == ARTICLE
    assert p.where.line == line_of(project, ARTICLE, "quote: 較上季增長40%")
    assert "quote_en:" in p.fix


def test_a_score_quote_without_an_english_rendering_is_a_located_error(project, monkeypatch):
    monkeypatch.chdir(project)
    edit(project, COMPANY, ', quote_en: "analysts expect cloud revenue to grow 25% next year"', "")
    (p,) = problems(project, "no English rendering")
    assert p.severity == "error" and p.where.path == COMPANY
    assert p.where.line == line_of(project, COMPANY, "globalization:")


def test_an_attributed_quote_without_english_is_a_located_error(project, monkeypatch):
    monkeypatch.chdir(project)
    edit(project, ARTICLE, "    en: The company said it would invest CNY 90 bn in data centers over three years\n", "")
    (p,) = problems(project, "no English rendering")
    assert p.severity == "error" and p.where.line == line_of(project, ARTICLE, "  - text: 公司表示")


def test_an_english_rendering_in_chinese_is_an_error(project, monkeypatch):
    monkeypatch.chdir(project)
    edit(project, ARTICLE, '"up 40% on the previous quarter"', '"較上季增長40%"')
    (p,) = problems(project, "contains Chinese characters")
    assert p.severity == "error" and p.where.line == line_of(project, ARTICLE, 'quote_en: "較上季')


def test_a_draft_without_english_renderings_has_open_problems_not_errors(project, monkeypatch):
    monkeypatch.chdir(project)
    edit(project, ARTICLE, "status: curated", "status: draft")
    edit(project, ARTICLE, '    quote_en: "up 40% on the previous quarter"\n', "")
    (p,) = problems(project, "no English rendering")
    assert p.severity == "draft" and p.where.line == line_of(project, ARTICLE, "quote: 較上季增長40%")


def test_ingest_leaves_the_english_rendering_to_a_person():
    from sinoreport.ingest.figures import Proposal
    from sinoreport.ingest.run import _row

    row = _row(Proposal("x", "revenue", "2025", 1.0, "CNY", "actual", None, "營收1元"))
    assert row["quote"] == "營收1元" and "quote_en" not in row


def test_every_shipped_quote_has_an_english_rendering():
    settings = load_settings(REPO)
    found = [p for p in run_checks(load_corpus(settings), settings).problems
             if "English rendering" in p.what or "quote_en" in p.what or "producer" in p.what]
    assert found == []


# --------------------------------------------------------------------------- producers


def test_an_unknown_producer_is_a_located_error(project, monkeypatch):
    monkeypatch.chdir(project)
    edit(project, ARTICLE, '    quote_en: "up 40% on the previous quarter"\n',
         '    quote_en: "up 40% on the previous quarter"\n    producer: no-such-house\n')
    (p,) = problems(project, "unknown producer")
    assert p.severity == "error" and p.where.line == line_of(project, ARTICLE, "producer: no-such-house")
    assert "data/companies/" in p.fix


@pytest.fixture(scope="module")
def views() -> dict[str, View]:
    from tests.conftest import FIXTURE

    settings = load_settings(FIXTURE)
    corpus = load_corpus(settings)
    conv = Converter("hant", (n for _, n in corpus.named()), corpus.conversions)
    strings = Strings.of(settings)
    return {c: View(corpus, LOCALES[c], conv, strings, html=True) for c in ("en", "zh-Hans", "zh-Hant")}


def test_a_source_names_the_producer_via_the_outlet(views):
    assert views["en"].via("36Kr Finance", ["nvidia"]) == "NVIDIA via 36Kr Finance"
    assert views["en"].via("36Kr Finance", ["nvidia", "nvidia", None]) == "NVIDIA via 36Kr Finance"
    assert views["en"].via("36Kr Finance", []) == "36Kr Finance"
    assert views["en"].via("36Kr Finance", ["nvidia", "hanshan-cloud"]) == "NVIDIA and Hanshan Cloud via 36Kr Finance"
    assert views["zh-Hant"].via("36氪財經", ["nvidia"]) == "輝達，經36氪財經"
    assert views["zh-Hans"].via("36氪财经", ["nvidia"]) == "英伟达，经36氪财经"


def test_chart_records_carry_the_producer(views, monkeypatch):
    from sinoreport.charts.base import Ctx

    v = views["en"]
    ctx = Ctx(v.corpus, v)
    article = "2025-10-07-hanshan-capex"
    label = ctx.source_label(article, "nvidia")
    assert label.startswith("NVIDIA via ") and label.endswith("Oct 7, 2025")
    assert not ctx.source_label(article).startswith("NVIDIA")


# --------------------------------------------------------------------------- names and their lang


def test_script_of_tells_a_names_script():
    assert script_of("阿里巴巴集團") == "hant" and script_of("百度智能云") == "hans"
    assert script_of("百度") == "" and script_of("BABA") is None


def test_other_names_are_marked_and_come_after_the_pages_own_forms(views):
    items = ["阿里雲", "阿里云", "BABA", "百度"]
    assert views["en"].names_list(items) == (
        'BABA, <span lang="zh-Hant">阿里雲</span>, <span lang="zh-Hans">阿里云</span>, '
        '<span lang="zh-Hant">百度</span>')
    assert views["zh-Hant"].names_list(items) == '阿里雲、BABA、百度、<span lang="zh-Hans">阿里云</span>'
    assert views["zh-Hans"].names_list(items) == '阿里云、BABA、百度、<span lang="zh-Hant">阿里雲</span>'
    forms = {"zh-Hans": "阿里巴巴", "zh-Hant": "阿里巴巴集團"}
    assert views["zh-Hant"].name_forms("Alibaba", forms) == (
        '阿里巴巴集團 · <span lang="zh-Hans">阿里巴巴</span> · <span lang="en">Alibaba</span>')
    assert views["en"].name_forms("Alibaba", forms) == (
        'Alibaba · <span lang="zh-Hans">阿里巴巴</span> · <span lang="zh-Hant">阿里巴巴集團</span>')


# --------------------------------------------------------------------------- spelling, pipeline words


def test_spelling_follows_one_standard():
    assert misspellings("Globalisation favours the centre, whilst modelled", "en-US") == [
        ("Globalisation", "Globalization"), ("favours", "favors"), ("centre", "center"), ("whilst", "while"),
        ("modelled", "modeled")]
    assert misspellings("globalization favors the center", "en-GB") == [
        ("globalization", "globalisation"), ("favors", "favours"), ("center", "centre")]
    assert misspellings("a check while among analyses", "en-GB") == []  # written alike in both
    assert misspellings("Hong Kong Convention Centre", "en-US", frozenset({"centre"})) == []


def test_a_word_of_the_other_standard_is_a_located_warning(project, monkeypatch):
    monkeypatch.chdir(project)
    edit(project, ARTICLE, "  - en: A three-year plan puts CNY 90 bn into data centers.",
         "  - en: A three-year programme puts CNY 90 bn into data centres.")
    settings = load_settings(project)
    found = list(check_spelling(load_corpus(settings), settings.language.spelling))
    line = line_of(project, ARTICLE, "three-year programme")
    assert {(p.where.path, p.where.line, p.severity) for p in found} == {(ARTICLE, line, "warning")}
    assert {p.what.split("'")[1] for p in found} == {"programme", "centres"}
    assert any("'centers'" in p.fix for p in found)
    assert {p.what for p in problems(project, "spelling")} == {p.what for p in found}  # `check` runs it
    # the standard is a setting: on an en-GB report these words are right and the American ones are not
    cfg = project / "sinoreport.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "language:\n  spelling: en-GB\n", encoding="utf-8")
    settings = load_settings(project)
    assert settings.language.spelling == "en-GB"
    found = {p.what.split("'")[1] for p in check_spelling(load_corpus(settings), settings.language.spelling)}
    assert "programme" not in found and "centres" not in found and "centers" in found


_PIPELINE = re.compile(r"\bseed (?:corpus|articles?|digests?)\b|\bingest(?:ed|ion|s)?\b|\bcorpus\b|語料", re.I)
_DRAFT_PAGE_STRINGS = {"draft", "draft_note", "open_problems"}  # shown only on a draft's own page


def _reader_text() -> list[tuple[str, str]]:
    out = []
    for root in (PACKAGE_TEMPLATES, REPO / "templates"):  # the package's strings and templates, the report's own
        strings = yaml.safe_load((root / "strings.yaml").read_text(encoding="utf-8"))["strings"]
        out += [(f"strings.yaml:{k}", v.get("en", "")) for k, v in strings.items() if k not in _DRAFT_PAGE_STRINGS]
    for p in [*sorted(PACKAGE_TEMPLATES.glob("site/*.j2")), *sorted((REPO / "templates").glob("site/*.j2")),
              PACKAGE_TEMPLATES / "print" / "report.html.j2"]:
        # template text outside {{ }} / {% %} / {# #}: what a reader sees
        body = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", p.read_text(encoding="utf-8"), flags=re.S)
        out.append((p.name, body))
    for p in sorted((REPO / "content").rglob("*.yaml")) + sorted((REPO / "data").rglob("*.yaml")):
        if p.name != "ingested.yaml":
            text = "\n".join(line for line in p.read_text(encoding="utf-8").split("\n")
                             if not line.lstrip().startswith("#"))  # comments are for curators
            out.append((str(p.relative_to(REPO)), text))
    return out


def test_reader_pages_carry_no_pipeline_words_and_one_spelling():
    pipeline = [(where, m.group(0)) for where, text in _reader_text() for m in _PIPELINE.finditer(text)]
    assert pipeline == []
    settings = load_settings(REPO)
    spelled = [(where, w) for where, text in _reader_text() if not where.startswith(("content/", "data/"))
               for w, _ in misspellings(text, settings.language.spelling)]
    assert spelled == []
    corpus = load_corpus(settings)
    assert [str(p) for p in check_spelling(corpus, settings.language.spelling)] == []


# --------------------------------------------------------------------------- the built site


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})


class _Han(HTMLParser):
    """Han characters of a page's text outside elements marked with a Chinese lang (and outside
    script/style/template content, which a reader does not see as text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.unmarked: list[str] = []

    def _inside(self) -> bool:
        return any(zh for _, zh in self.stack)

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _VOID:
            return
        lang = dict(attrs).get("lang") or ""
        hidden = tag in ("script", "style", "template")
        self.stack.append((tag, lang.lower().startswith("zh") or hidden))

    def handle_endtag(self, tag) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data) -> None:
        if not self._inside():
            self.unmarked += re.findall(r"[\u3400-\u9fff\uf900-\ufaff]", data)


def unmarked_han(html: str) -> int:
    p = _Han()
    body = html.split("<body", 1)[-1]
    p.feed("<body" + body)
    return len(p.unmarked)


def test_unmarked_han_counts_only_text_outside_zh_elements():
    assert unmarked_han('<body><p>A <span lang="zh-Hant">阿里</span> b</p></body>') == 0
    assert unmarked_han("<body><p>阿里 <script>var x='百度'</script></p></body>") == 2


def test_english_pages_carry_no_unmarked_chinese(shipped_site):
    counts = {}
    for page in sorted(shipped_site.rglob("index.html")):
        rel = page.relative_to(shipped_site).as_posix()
        if rel.startswith(("zh-Hans/", "zh-Hant/", "assets/")):
            continue
        n = unmarked_han(page.read_text(encoding="utf-8"))
        if n:
            counts[rel] = n
    assert counts == {}


def test_pages_show_the_english_rendering_and_the_producer(shipped_site):
    en = (shipped_site / "articles" / "2025-09-de-nvidia-alibaba-ppu-baidu-kunlun" / "index.html").read_text("utf-8")
    assert '<q class="sr-quote-en">down nearly 50% quarter on quarter</q>' in en
    assert '<q lang="zh-Hant">環比下滑了近50%</q>' in en
    assert "figure by IDC" in en
    hant = (shipped_site / "zh-Hant" / "articles" / "2025-09-de-nvidia-alibaba-ppu-baidu-kunlun" / "index.html"
            ).read_text("utf-8")
    assert "sr-quote-en" not in hant and "環比下滑了近50%" in hant  # Chinese pages show the original
    data = (shipped_site / "data" / "index.html").read_text("utf-8")
    assert "IDC (International Data Corporation) via 36Kr Finance, September 2025" in data  # source lines
    assert '"source":"IDC (International Data Corporation) via 36Kr Finance' in data  # tooltips
    assert "IDC (International Data Corporation) and Bernstein via 36Kr Finance" in data
    assert "國際數據資訊，經36氪財經" in (shipped_site / "zh-Hant" / "data" / "index.html").read_text("utf-8")
    assert "国际数据公司，经36氪财经" in (shipped_site / "zh-Hans" / "data" / "index.html").read_text("utf-8")
    alibaba = (shipped_site / "companies" / "alibaba" / "index.html").read_text("utf-8")
    assert "on the technology base, Alibaba is investing heavily enough" in alibaba


def test_chinese_words_inside_english_are_marked(views):
    from markupsafe import Markup

    from sinoreport.render.text import mark_han

    v = views["en"]
    assert v.marked(Markup("per a 經濟觀察網 report, 3800億 in total")) == (
        'per a <span lang="zh-Hant">經濟觀察網</span> report, 3800<span lang="zh-Hant">億</span> in total')
    assert v.marked(Markup('NVIDIA (英伟达) <a title="輝達">x</a>')) == (
        'NVIDIA (<span lang="zh-Hans">英伟达</span>) <a title="輝達">x</a>')
    already = Markup('<span lang="zh-Hant">輝達<b>晶片</b></span>')
    assert v.marked(already) == already and mark_han("no Chinese", v.lang_of) == "no Chinese"
    assert views["zh-Hant"].marked(Markup("輝達 英伟达")) == "輝達 英伟达"  # Chinese pages as they are
