"""Scorecards are the project's (data/scorecards.yaml): companies carry `scores:` on their dimensions, check
holds them to the scorecard with located errors, pages show each scorecard's own labels and colours, the
home page's table lists `site.home.companies`, and the scorecard chart kind's caption is general."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.files import edit, line_of

from sinoreport.build import Build
from sinoreport.charts.base import Ctx
from sinoreport.charts.kinds import scorecard as kind
from sinoreport.check import run_checks
from sinoreport.config import load_settings
from sinoreport.corpus import load_corpus
from sinoreport.i18n.convert import Converter
from sinoreport.i18n.locales import LOCALES
from sinoreport.i18n.view import LocaleView, Strings
from sinoreport.model import RATING_FILLS, Scorecard

COMPANY = "data/companies/hanshan-cloud.yaml"
CARDS = "data/scorecards.yaml"
LINGXI = "data/companies/lingxi.yaml"

# a second scorecard on another subject, with four ratings, one colour pinned
GOVERNANCE = """\
  - id: governance
    title: {en: Governance scorecard, zh: 治理評分}
    dimension_word: {en: area, many: areas, zh: 面向}
    dimensions:
      - {id: disclosure, name: {en: Disclosure, zh: 資訊揭露}}
      - {id: board, name: {en: Board independence, zh: 董事會獨立性}}
    ratings:
      - {id: strong, name: {en: strong, zh: 強}, score: 3}
      - {id: fair, name: {en: fair, zh: 尚可}, score: 2, color: "#1565c0"}
      - {id: weak, name: {en: weak, zh: 弱}, score: 1}
      - {id: none, name: {en: none, zh: 無}, score: 0}
"""
_QUOTE = 'source: 2025-10-07-hanshan-capex, quote: 寒山雲今天公布第二季資本開支為120億元, quote_en: "capex"'
HANSHAN_GOVERNANCE = f"""\
  governance:
    disclosure: {{rating: strong, {_QUOTE}}}
    board: {{rating: fair, {_QUOTE}}}
"""


def append(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")


def problems(root: Path, what: str) -> list:
    settings = load_settings(root)
    corpus = load_corpus(settings)
    return [p for p in [*corpus.problems, *run_checks(corpus, settings).problems] if what in p.what]


# --------------------------------------------------------------------------- check


def test_the_fixture_scores_are_clean(project):
    assert not problems(project, "score") and not problems(project, "scorecard")


def test_an_unknown_scorecard_is_a_located_error(project):
    edit(project, COMPANY, "  moats:\n", "  moat:\n")
    (p,) = problems(project, "unknown scorecard")
    assert p.severity == "error" and p.where.path.endswith(COMPANY)
    assert p.where.line == line_of(project, COMPANY, "  moat:")
    assert "moats" in p.fix and "data/scorecards.yaml" in p.fix


def test_an_unknown_and_a_missing_dimension_are_located_errors(project):
    edit(project, COMPANY, "    globalization: {", "    global: {")
    (unknown,) = problems(project, "unknown dimension")
    assert unknown.where.line == line_of(project, COMPANY, "    global: {")
    assert "technology, ecosystem, globalization" in unknown.fix
    (missing,) = problems(project, "no rating for 'globalization'")
    assert missing.severity == "error" and missing.where.line == line_of(project, COMPANY, "  moats:")
    assert "globalization:" in missing.fix


def test_an_unknown_rating_is_a_located_error(project):
    edit(project, COMPANY, "ecosystem: {rating: building", "ecosystem: {rating: partial")
    (p,) = problems(project, "unknown rating 'partial'")
    assert p.where.line == line_of(project, COMPANY, "ecosystem: {rating: partial")
    assert "has, building, lacks" in p.fix


def test_the_source_of_a_score_must_be_an_article(project):
    edit(project, COMPANY, "ecosystem: {rating: building, source: 2025-10-07-hanshan-capex",
         "ecosystem: {rating: building, source: 2025-10-07-nowhere")
    (p,) = problems(project, "unknown article '2025-10-07-nowhere'")
    assert p.severity == "error" and p.where.line == line_of(project, COMPANY, "2025-10-07-nowhere")


def test_a_score_quote_in_chinese_english_is_an_error(project):
    edit(project, COMPANY, '"analysts expect cloud revenue to grow 25% next year"', '"分析師預計"')
    (p,) = problems(project, "quote_en contains Chinese")
    assert p.where.path.endswith(COMPANY) and p.where.line == line_of(project, COMPANY, "globalization:")


def test_a_score_quote_is_held_to_its_article(project):
    edit(project, COMPANY, "quote: 分析師預計明年雲端營收將成長25%", "quote: 分析師預計明年雲端營收將翻倍")
    (p,) = problems(project, "quote is not found in the cited article")
    assert p.where.line == line_of(project, COMPANY, "翻倍")


def test_a_draft_companys_scores_are_open_problems(project):
    edit(project, COMPANY, "tier: full\n", "status: draft\ntier: full\n")
    edit(project, COMPANY, ', quote_en: "analysts expect cloud revenue to grow 25% next year"', "")
    settings = load_settings(project)
    (p,) = [p for p in run_checks(load_corpus(settings), settings).problems if "no English rendering" in p.what]
    assert p.severity == "draft"


def test_the_chinese_of_a_scorecard_and_of_score_notes_is_linted(project, monkeypatch):
    from sinoreport.check.register import check_chinese

    monkeypatch.chdir(project)
    (project / "data" / "register.yaml").write_text("zh-Hans:\n  业者: 企业/厂商\n", encoding="utf-8")
    edit(project, CARDS, "{id: ecosystem, name: {en: Ecosystem loop, zh: 生態閉環}}",
         "{id: ecosystem, name: {en: Ecosystem loop, zh: 業者生態}}")
    edit(project, COMPANY, 'quote_en: "analysts expect cloud revenue to grow 25% next year"}',
         'quote_en: "analysts expect cloud revenue to grow 25% next year", note: {en: A note., zh: "面板業者,觀望。"}}')
    settings = load_settings(project)
    found = [p for p in check_chinese(load_corpus(settings), settings)]
    where = {(Path(p.where.path).as_posix(), p.where.line, p.severity) for p in found}
    assert (CARDS, line_of(project, CARDS, "業者生態"), "warning") in where
    assert (COMPANY, line_of(project, COMPANY, "面板業者"), "warning") in where  # 业者 on zh-Hans pages
    assert (COMPANY, line_of(project, COMPANY, "面板業者"), "error") in where  # the half-width comma


@pytest.mark.parametrize(("old", "new", "said"), [
    ("score: 1}", "score: 3}", "best first"),
    ("{id: lacks,", "{id: has,", "'has' is listed twice"),
    ("title: {en: Moat scorecard", "titel: {en: Moat scorecard", "titel"),
    ("score: 0}", "score: 0, color: green}", "color"),
])
def test_a_broken_scorecards_file_is_a_located_error(project, old, new, said):
    edit(project, CARDS, old, new)
    found = problems(project, "")
    hits = [p for p in found if p.where.path.endswith(CARDS) and (said in p.what or said in p.fix)]
    assert hits and all(p.where.line for p in hits), [str(p) for p in found]


# --------------------------------------------------------------------------- colours


def test_ratings_take_the_package_colours_by_place_unless_they_pin_one(project):
    settings = load_settings(project)
    append(project, CARDS, GOVERNANCE)
    sc = load_corpus(settings).scorecards["governance"]
    fills = [sc.fill(r) for r in sc.ratings]
    assert fills == [RATING_FILLS[4][0], "#1565c0", RATING_FILLS[4][2], RATING_FILLS[4][3]]
    assert sc.ink(sc.ratings[0]) == "#ffffff" and sc.ink(sc.ratings[3]) == "#1a1a1a"
    long = Scorecard.model_validate({
        "id": "x", "title": {"en": "X"}, "dimension_word": {"en": "item"},
        "dimensions": [{"id": "a", "name": {"en": "A"}}],
        "ratings": [{"id": f"r{i}", "name": {"en": str(i)}, "score": -i} for i in range(7)]})
    assert [long.fill(r) for r in long.ratings][-3:] == [RATING_FILLS[5][-1]] * 3


# --------------------------------------------------------------------------- pages


@pytest.fixture
def two_cards(project):
    append(project, CARDS, GOVERNANCE)
    append(project, COMPANY, HANSHAN_GOVERNANCE)  # `scores:` is the file's last key
    edit(project, "sinoreport.yml", "site:\n", "site:\n  home:\n    companies: [hanshan-cloud, lingxi]\n")
    return project


def test_pages_show_every_scorecard_with_its_own_labels(two_cards):
    assert not problems(two_cards, "score"), [str(p) for p in problems(two_cards, "score")]
    b = Build(load_settings(two_cards))
    b.run()
    page = b.files["en/companies/hanshan-cloud.md"].decode()
    assert ">Moat scorecard</h2>" in page and ">Governance scorecard</h2>" in page
    assert "<th>Moat</th>" in page and "<th>Area</th>" in page and "<th>Evidence</th>" in page
    assert "<td>Board independence</td>" in page
    assert 'style="background: #1565c0; color: #ffffff;">fair</span>' in page
    zh = b.files["zh-Hans/companies/hanshan-cloud.md"].decode()
    assert ">治理评分</h2>" in zh and "<th>面向</th>" in zh and ">尚可</span>" in zh
    home = b.files["en/index.md"].decode()
    # the package's heading (a report gives its own in templates/strings.yaml)
    table = home.split(">Companies at a glance</h2>")[1].split("</table>")[0]
    assert "Hanshan Cloud" in table and "Lingxi" in table
    assert "<th>Technology base</th>" in table and "<th>Disclosure</th>" in table
    assert table.count('class="sr-score"') == 5  # Hanshan's 3 + 2 ratings; Lingxi has none


def test_an_unknown_company_of_the_home_table_is_a_located_error(project, monkeypatch):
    monkeypatch.chdir(project)
    edit(project, "sinoreport.yml", "site:\n", "site:\n  home:\n    companies: [hanshan-cloud, hanshan]\n")
    (p,) = problems(project, "site.home.companies")
    assert p.severity == "error" and p.where.path.endswith("sinoreport.yml") and "'hanshan'" in p.what
    line = line_of(project, "sinoreport.yml", "companies:")
    text = (project / "sinoreport.yml").read_text(encoding="utf-8").split("\n")[line - 1]
    assert (p.where.line, p.where.col) == (line, text.index(", hanshan]") + 3)


def test_the_home_table_is_left_out_without_companies(project):
    b = Build(load_settings(project))
    b.run()
    assert "at a glance" not in b.files["en/index.md"].decode()
    assert "sr-score" in b.files["en/companies/hanshan-cloud.md"].decode()


# --------------------------------------------------------------------------- the chart kind


class _Decl:
    def __init__(self, scorecard: str | None) -> None:
        self.scorecard = scorecard


def _ctx(root: Path, code: str = "en") -> Ctx:
    settings = load_settings(root)
    corpus = load_corpus(settings)
    conv = Converter(settings.language.canonical_script, (n for _, n in corpus.named()), corpus.conversions)
    strings = Strings.of(settings)
    return Ctx(corpus, LocaleView(corpus, LOCALES[code], conv, strings))


@pytest.fixture
def three_rated(project):
    """Hanshan and Lingxi rated on the moats scorecard: Lingxi has/has/building, Hanshan has/building/lacks."""
    append(project, LINGXI, "scores:\n  moats:\n" + "".join(
        f"    {d}: {{rating: {r}, source: 2025-10-07-hanshan-capex, quote: 寒山雲今天公布第二季資本開支為120億元,"
        f' quote_en: "x"}}\n' for d, r in (("technology", "has"), ("ecosystem", "has"), ("globalization", "building"))))
    return project


def test_the_caption_names_the_leader_and_the_most_common_gap(three_rated):
    d = kind.build(_ctx(three_rated), _Decl("moats"))
    assert d is not None
    assert d.takeaway == ("Lingxi Chips leads, rated “has” on 2 of 3 moats; globalization is the most common gap "
                          "(2 of 2 companies rated below “has”).")
    assert d.table[0] == ("Company", "Technology base", "Ecosystem loop", "Globalization")
    assert [r[0] for r in d.table[1]] == ["Lingxi Chips", "Hanshan Cloud"]
    zh = kind.build(_ctx(three_rated, "zh-Hant"), _Decl("moats"))
    assert zh.takeaway.startswith("靈犀晶片領先，3項護城河中有2項評為「具備」")
    # one structure in every locale: the same records and encodings, only the labels differ
    assert len(zh.chart.to_dict()["layer"]) == len(d.chart.to_dict()["layer"])


def test_ties_share_the_lead_and_an_unknown_scorecard_draws_nothing(project):
    ctx = _ctx(project)
    d = kind.build(ctx, _Decl(None))  # the only scorecard
    assert d is not None and d.takeaway.startswith("Hanshan Cloud leads, rated “has” on 1 of 3 moats")
    assert kind.build(ctx, _Decl("nope")) is None
