"""The register lint and the punctuation rule of `sinoreport check` (check/register.py): Chinese as each
locale's pages show it, located at the source text, with quotes and headlines left as published."""

from pathlib import Path

import pytest
from tests.conftest import assert_no_traceback, override_template
from tests.support.files import edit, line_of

from sinoreport.check import run_checks
from sinoreport.check.register import Register, check_chinese, lint_pages
from sinoreport.config import load_settings
from sinoreport.corpus import load_corpus

REPO = Path(__file__).resolve().parents[2]
ARTICLE = "content/articles/2025-10-07-hanshan-capex.yaml"


@pytest.fixture
def lint_project(project: Path) -> Path:
    """The fixture project with a register, a regional pair and prose that breaks both rules."""
    (project / "data" / "register.yaml").write_text(
        "zh-Hans:\n  业者: 企业/厂商\n  标竿: 标杆\nzh-Hant:\n  信息: 資訊\nallow:\n  zh-Hans: [从业者]\n",
        encoding="utf-8")
    with (project / "data" / "conversions.yaml").open("a", encoding="utf-8") as f:
        f.write("  - {zh-Hant: 投資人, zh-Hans: 投资者, regional: zh-Hans}\n")
    edit(project, ARTICLE, "分析師預期明年雲端營收成長25%。",
         "分析師預期明年雲端營收成長25%,面板業者與從業者都在觀望。")
    edit(project, ARTICLE, "    zh: 三年計畫將投入900億元於資料中心。",
         "    zh: 三年計畫將投入900億元於資料中心，賽道仍少。")
    return project


def run(root: Path):
    settings = load_settings(root)
    return check_chinese(load_corpus(settings), settings)


def test_other_region_words_are_located_warnings_with_the_locales_word(lint_project, monkeypatch):
    monkeypatch.chdir(lint_project)
    problems = [p for p in run(lint_project) if "reads as" in p.what]
    found = {(p.where.path, p.where.line, p.what.split("'")[1], p.severity) for p in problems}
    # words no regional pair replaces (the package's pairs rewrite 晶片業者 and 信息 before a page shows them)
    assert (ARTICLE, line_of(lint_project, ARTICLE, "面板業者"), "业者", "warning") in found
    assert (ARTICLE, line_of(lint_project, ARTICLE, "賽道仍少"), "賽道", "warning") in found
    hit = next(p for p in problems if "'业者'" in p.what)
    assert "zh-Hans" in hit.what and "企业/厂商" in hit.fix
    assert hit.where.col == (lint_project / ARTICLE).read_text(encoding="utf-8").split("\n")[
        hit.where.line - 1].index("業者") + 1
    # 从业者 is allowed; the regional pair rewrote 投資人 before the page shows it
    assert {p.what.split("'")[1] for p in problems if p.where.path == ARTICLE} == {"业者", "賽道"}


def test_quotes_and_the_published_headline_are_exempt(lint_project, monkeypatch):
    monkeypatch.chdir(lint_project)
    edit(lint_project, ARTICLE, "  zh: 寒山雲公布季度資本開支,較上季增四成",
         "  zh: 寒山雲業者公布季度資本開支,較上季增四成")
    edit(lint_project, ARTICLE, "  - text: 公司表示未來三年將投入900億元建設資料中心",
         "  - text: 公司業者表示,未來三年將投入900億元建設資料中心")
    edit(lint_project, ARTICLE, "    quote: 寒山雲今天公布第二季資本開支為120億元",
         "    quote: 寒山雲業者今天公布,第二季資本開支為120億元")
    lines = {line_of(lint_project, ARTICLE, s) for s in ("寒山雲業者公布", "公司業者表示", "寒山雲業者今天")}
    assert len(lines) == 3
    assert not [p for p in run(lint_project) if p.where.path == ARTICLE and p.where.line in lines]


def test_half_width_punctuation_in_our_prose_is_an_error_with_the_fix(lint_project, monkeypatch):
    monkeypatch.chdir(lint_project)
    problems = [p for p in run(lint_project) if p.severity == "error"]
    (p,) = [p for p in problems if p.where.path == ARTICLE]
    line = line_of(lint_project, ARTICLE, "成長25%,面板")
    assert (p.where.line, p.where.col) == (line, (lint_project / ARTICLE).read_text(encoding="utf-8").split(
        "\n")[line - 1].index("%,") + 2)
    assert "'，'" in p.fix
    settings = load_settings(lint_project)
    report = run_checks(load_corpus(settings), settings)
    assert p in report.errors


def own_strings(root: Path, *lines: str) -> None:
    """The project's templates/strings.yaml: these keys over the package's."""
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "strings.yaml").write_text("strings:\n" + "".join(f"{s}\n" for s in lines),
                                                      encoding="utf-8")


def test_interface_strings_are_checked(lint_project, monkeypatch):
    # a key the project gives over the package's: located in the project's file
    monkeypatch.chdir(lint_project)
    own_strings(lint_project, "  summary: {en: Summary, zh: 摘要:業者}")
    line = line_of(lint_project, "templates/strings.yaml", "摘要:業者")
    problems = [p for p in run(lint_project) if (p.where.path, p.where.line) == ("templates/strings.yaml", line)]
    assert sorted((p.severity, p.where.col) for p in problems) == [("error", 32), ("warning", 33)]


def test_the_other_side_of_a_regional_pair_is_flagged_where_it_survives(lint_project, monkeypatch):
    # a pinned string is shown as written: the regional pair cannot rewrite it, the lint says so
    monkeypatch.chdir(lint_project)
    own_strings(lint_project, "  summary: {en: Summary, zh: 摘要, zh-Hans: 投资人摘要}")
    line = line_of(lint_project, "templates/strings.yaml", "投资人摘要")
    (p,) = [p for p in run(lint_project) if (p.where.path, p.where.line) == ("templates/strings.yaml", line)]
    assert "'投资人'" in p.what and "投资者" in p.fix


def test_the_shipped_report_passes_both_rules(monkeypatch):
    monkeypatch.chdir(REPO)
    assert run(REPO) == []


# --------------------------------------------------------------------------- rendered pages

REGISTER = Register({"zh-Hans": {"业者": "企业/厂商", "云端": "云"}, "zh-Hant": {"信息": "資訊"}},
                    {"zh-Hans": ["从业者"]}, names=["雲端科技"])


def test_lint_pages_reads_what_the_pages_locale_reader_reads():
    html = ("<html lang=\"zh-Hans\"><body>\n<p>晶片业者看好<a title=\"云端服务\">这里</a></p>\n"
            "<p><q lang=\"zh-Hant\">原文的业者</q>与<blockquote>引文业者</blockquote></p>\n"
            "<p lang=\"en\">业者</p><script>var s = '业者';</script><p>从业者与云端科技</p></body></html>")
    problems = lint_pages({"zh-Hans/articles/a/index.html": html.encode()}, REGISTER)
    assert [(p.where.line, p.what.split("'")[1]) for p in problems] == [(2, "业者"), (2, "云端")]
    assert problems[0].where.col == 6 and "企业/厂商" in problems[0].fix


def test_lint_pages_on_markdown_skips_blockquotes_and_knows_the_locale():
    md = "---\ntitle: 一篇文章\n---\n\n> 引文的信息\n\n這是信息。\n\n<span lang=\"zh-Hans\">信息</span>\n"
    problems = lint_pages({"zh-Hant/articles/b.md": md.encode(), "zh-Hans/articles/b.md": md.encode(),
                           "en/articles/b.md": md.encode()}, REGISTER)
    assert [(p.where.path, p.where.line, p.where.col) for p in problems] == [("zh-Hant/articles/b.md", 7, 3)]


def test_lint_pages_can_check_punctuation_too():
    md = "---\ntitle: 一篇文章\n---\n這是信息,而且很多\n"  # a front matter key's colon is no prose
    page = {"zh-Hant/x.md": md.encode()}
    assert len(lint_pages(page, REGISTER)) == 1
    both = lint_pages(page, REGISTER, punctuation=True)
    assert [(p.where.line, p.where.col) for p in both] == [(4, 3), (4, 5)] and "'，'" in both[1].fix


def test_a_character_form_is_flagged_as_written():
    # 裏 is a form Taiwan does not write (裡): the word list is not converted into the locale's script
    register = Register({"zh-Hant": {"裏": "裡"}})
    assert [h.word for h in register.hits("這裏與那裡", "zh-Hant")] == ["裏"]


def _rendered(project):
    from sinoreport.build import Build
    from sinoreport.config import load_settings

    settings = load_settings(project)
    b = Build(settings)
    b.run(write=False)
    assert not (project / "build" / "docs" / "zh-Hans").exists()  # rendered in memory only
    return settings, b


def test_the_rendered_pages_are_read_as_their_readers_read_them(project):
    """What a template writes between strings reaches readers without passing the checks of content/:
    the page lint sees it, located in build/docs, and leaves other people's words alone."""
    from sinoreport.check.register import lint_site

    settings, b = _rendered(project)
    assert lint_site(settings, b.corpus, b.files) == []  # our templates write Chinese punctuation
    tpl = override_template(project, "site/company.html.j2")
    tpl.write_text(tpl.read_text(encoding="utf-8").replace("{{ t('sector') }}{{ v.punct(': ') }}",
                                                           "{{ t('sector') }}: ", 1), encoding="utf-8")
    settings, b = _rendered(project)
    found = lint_site(settings, b.corpus, b.files)
    assert found and all(p.where.path.startswith("build/docs/zh-") and "/companies/" in p.where.path for p in found)
    assert {p.what.split(" in Chinese text")[0] for p in found} == {"':'"}
    page = b.files[found[0].where.path.removeprefix("build/docs/")].decode()
    line = page.split("\n")[found[0].where.line - 1]
    assert line[found[0].where.col - 1:].startswith(":")  # the column is the mark's


def test_a_strict_check_fails_on_what_only_the_pages_show(project, cli):
    tpl = override_template(project, "site/article.html.j2")
    tpl.write_text(tpl.read_text(encoding="utf-8").replace("{{ t('date') }}{{ v.punct(': ') }}",
                                                           "{{ t('date') }}:", 1), encoding="utf-8")
    r = cli("check", "--strict", cwd=project)
    assert r.code == 1 and "build/docs/zh-Hant/articles/" in r.err and "':'" in r.err, r.err[-2000:]
    assert_no_traceback(r)
