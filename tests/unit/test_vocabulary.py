"""The package's Taiwan/mainland vocabulary is every project's (issue 19): phrase rules and regional pairs in
src/sinoreport/i18n/conversions.yaml, register words in src/sinoreport/i18n/register.yaml, with a project's
data/conversions.yaml and data/register.yaml adding to and overriding them.

Without it a new project's Simplified pages read the package's own interface strings as OpenCC's tw2sp
reads them: 关键指针 (關鍵指標), 分析演示文稿 (分析簡報), 数据列 (資料列)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from sinoreport.check.register import PACKAGE_REGISTER, load_register
from sinoreport.config import load_settings
from sinoreport.corpus import PACKAGE_CONVERSIONS, load_corpus
from sinoreport.i18n.convert import Converter
from sinoreport.i18n.locales import LOCALES
from sinoreport.i18n.view import LocaleView, Strings
from sinoreport.load import load_yaml_model
from sinoreport.model import ConversionsFile

REPO = Path(__file__).resolve().parents[2]


def package_strings() -> Path:
    """The package's interface strings (moving from templates/ into the package: either place)."""
    for p in (REPO / "src" / "sinoreport" / "templates" / "strings.yaml", REPO / "templates" / "strings.yaml"):
        if p.is_file():
            return p
    raise AssertionError("no strings.yaml")


def views(project: Path) -> dict[str, LocaleView]:
    c = load_corpus(load_settings(project))
    conv = Converter("hant", (n for _, n in c.named()), c.conversions)
    strings = Strings.load(package_strings())
    return {code: LocaleView(c, LOCALES[code], conv, strings) for code in ("zh-Hans", "zh-Hant")}


def shown_hans(conv: Converter) -> dict[str, tuple[str, str]]:
    """Every interface string: (its canonical `zh`, as a zh-Hans page shows it: its pin, else `zh` converted)."""
    table = yaml.safe_load(package_strings().read_text(encoding="utf-8"))["strings"]
    return {k: (e["zh"], e.get("zh-Hans") or conv.to_script(e["zh"], "hans")) for k, e in table.items() if e.get("zh")}


def misread(conv: Converter, misreadings) -> set[tuple[str, str]]:
    """(string, wrong form) where a string writes the word and its zh-Hans page shows the misreading of it
    (數據列入 is fine: it is not 資料列)."""
    return {(k, m.wrong) for k, (zh, shown) in shown_hans(conv).items() for m in misreadings
            if m.zh_hant in zh and m.wrong in shown}


def test_a_project_without_conversions_reads_the_package_strings_right(project):
    (project / "data" / "conversions.yaml").unlink()
    v = views(project)
    assert v["zh-Hans"].t("metrics") == "关键指标" and v["zh-Hans"].t("briefs") == "分析简报"
    assert "数据行" in v["zh-Hans"].t("executive_summary_note")
    assert v["zh-Hant"].t("metrics") == "關鍵指標" and v["zh-Hant"].t("briefs") == "分析簡報"


def test_a_project_without_conversions_builds_pages_without_the_misreadings(project):
    from sinoreport.build import Build

    (project / "data" / "conversions.yaml").unlink()
    b = Build(load_settings(project))
    b.run(write=False)
    hans = {p: data.decode("utf-8") for p, data in b.files.items() if p.startswith("zh-Hans/") and p.endswith(
        (".md", ".html"))}
    assert hans and any("分析简报" in t for t in hans.values())
    for wrong in ("指针", "演示文稿", r"数据列(?!入)"):  # 数据列入 (listed in the data) is right
        assert not [p for p, t in hans.items() if re.search(wrong, t)], wrong


def test_the_package_strings_show_none_of_the_known_misreadings():
    """The check that would have caught it: the package's strings converted with the package's rules alone
    (no project's) show none of the misreadings its conversions.yaml lists — and without those rules they
    would, so the list is the one that matters."""
    base = load_yaml_model(PACKAGE_CONVERSIONS, ConversionsFile)
    assert {"指针", "演示文稿", "数据列"} <= {m.wrong for m in base.misreadings}
    assert misread(Converter("hant", (), base.conversions), base.misreadings) == set()
    bare = {w for _, w in misread(Converter("hant"), base.misreadings)}
    assert bare == {"指针", "演示文稿", "数据列"}  # OpenCC alone: every one of them is on a page


def test_a_project_rule_wins_over_the_package_rule(project):
    (project / "data" / "conversions.yaml").write_text(
        "conversions:\n  - {zh-Hant: 簡報, zh-Hans: 简讯}\n"
        "  - {zh-Hant: 投資人, zh-Hans: 投资人士, regional: zh-Hans}\n",
        encoding="utf-8")
    v = views(project)
    assert v["zh-Hans"].t("briefs") == "分析简讯"
    assert v["zh-Hans"].zh("美國投資人") == "美国投资人士"  # the package says 投资者
    assert v["zh-Hans"].t("metrics") == "关键指标"  # the package's rules still apply


def test_a_project_regional_pair_replaces_the_packages_pin_for_the_word(project):
    """The package pins 透過 → 通过 (everywhere, quotes too); a report that makes it a regional pair wants
    its quotes to keep the source's 透过 and only its own prose to read 通过. The pin applied first and won
    while both rules were kept."""
    (project / "data" / "conversions.yaml").write_text(
        "conversions:\n  - {zh-Hant: 透過, zh-Hans: 通过, regional: zh-Hans}\n", encoding="utf-8")
    c = load_corpus(load_settings(project))
    conv = Converter("hant", (n for _, n in c.named()), c.conversions)
    assert conv.to_script("衡川透過入股", "hans", verbatim=True) == "衡川透过入股"  # a quote: verbatim
    assert conv.to_script("衡川透過入股", "hans") == "衡川通过入股"  # our prose: the mainland word


def test_the_register_is_the_packages_with_the_projects_over_it(project):
    settings = load_settings(project)
    c = load_corpus(settings)
    register, problems = load_register(settings, c)
    assert problems == []
    assert register.words["zh-Hans"]["业者"] == "企业/厂商"  # a package word, with no data/register.yaml
    assert register.words["zh-Hans"]["投资人"] == "投资者"  # a package regional pair's other side
    (project / "data" / "register.yaml").write_text(
        "zh-Hans:\n  业者: 厂商\n  龙头股: 权重股\nallow:\n  zh-Hans: [擘划者]\n", encoding="utf-8")
    register, problems = load_register(settings, c)
    assert problems == []
    assert register.words["zh-Hans"]["业者"] == "厂商" and register.words["zh-Hans"]["龙头股"] == "权重股"
    assert "擘划" in register.words["zh-Hans"] and not register.hits("擘划者", "zh-Hans")
    assert register.hits("擘划", "zh-Hans")


def test_a_broken_project_file_is_located_in_it_and_the_package_still_applies(project, cli):
    (project / "data" / "conversions.yaml").write_text("conversions:\n  - {zh-Hant: 指標}\n", encoding="utf-8")
    (project / "data" / "register.yaml").write_text("zh-Hans:\n  业者: [企业]\n", encoding="utf-8")
    r = cli("check", cwd=project)
    assert r.code == 1
    assert "data/conversions.yaml:2:" in r.err and "data/register.yaml:2:" in r.err
    assert "i18n/conversions.yaml" not in r.err and "i18n/register.yaml" not in r.err
    v = views(project)
    assert v["zh-Hans"].t("metrics") == "关键指标"


def test_the_package_files_load_and_the_shipped_report_keeps_only_its_own():
    base = load_yaml_model(PACKAGE_CONVERSIONS, ConversionsFile).conversions
    shipped = load_yaml_model(REPO / "data" / "conversions.yaml", ConversionsFile).conversions
    assert len(base) > 100 and 0 < len(shipped) < 10
    assert not {(r.zh_hant, r.regional) for r in shipped} & {(r.zh_hant, r.regional) for r in base}
    reg = yaml.safe_load(PACKAGE_REGISTER.read_text(encoding="utf-8"))
    assert len(reg["zh-Hans"]) > 500 and len(reg["zh-Hant"]) > 500


def test_check_warns_where_a_page_shows_a_misreading_at_the_word(project):
    """The lint reads every prose field and interface string as its page shows it: a misreading (the
    package's, or one a project lists) is a warning at the source word, with the fix."""
    from sinoreport.check.register import check_register

    art = project / "content" / "articles" / "2025-10-07-hanshan-capex.yaml"
    text = art.read_text(encoding="utf-8")
    old = "    zh: 三年計畫將投入900億元於資料中心。"
    art.write_text(text.replace(old, old[:-1] + "，行程未定。"), encoding="utf-8")
    with (project / "data" / "conversions.yaml").open("a", encoding="utf-8") as f:
        f.write("misreadings:\n  - {zh-Hant: 行程, wrong: 进程, note: \"an itinerary, not a process\"}\n")
    settings = load_settings(project)
    found = [p for p in check_register(load_corpus(settings), settings) if "OpenCC's reading" in p.what]
    (p,) = found
    line = next(n for n, s in enumerate(art.read_text(encoding="utf-8").split("\n"), 1) if "行程未定" in s)
    assert p.where.path.endswith("2025-10-07-hanshan-capex.yaml") and p.where.line == line
    assert "'进程'" in p.what and "data/conversions.yaml" in p.fix and p.severity == "warning"
