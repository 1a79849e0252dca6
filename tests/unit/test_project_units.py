"""Units are project data: data/units.yaml merged over the package's units.yaml (issue 19).

A report on EV batteries counts in GWh and prices in CNY/kWh; with its own data/units.yaml, ingest reads
those units in the digest, check accepts rows in them, the pages write them in every locale and the charts
label their axes with them, with no change to the package."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from sinoreport.corpus import load_corpus
from sinoreport.numbers import find_numbers
from sinoreport.units import package_units

UNITS_YAML = """\
units:
  - {id: GWh, en: "{} GWh", zh: GWh, words: [GWh, 吉瓦時], family: energy}
  - {id: Wh/kg, en: "{} Wh/kg", zh: 瓦時/公斤, words: [Wh/kg], family: energy-density, axis: Wh per kg}
  - {id: CNY/kWh, en: "CNY {}/kWh", zh-Hant: 元/千瓦時, zh-Hans: 元/千瓦时, family: price}
per:
  kWh: [千瓦時, kWh, 度]
"""
METRIC = ("  - {id: annual-capacity, name: {en: Annual production capacity, zh: 年產能}, family: energy,"
          " cues: {zh: [年產能, 產能]}}\n")
LINE = "該公司年產能達486GWh。"
ROW = """\
  - entity: lingxi
    metric: annual-capacity
    period: "2025"
    value: 486
    unit: GWh
    quote: 該公司年產能達486GWh
    quote_en: "the company's annual capacity reaches 486 GWh"
"""
ARTICLE = "content/articles/2025-10-08-lingxi-inference-card.yaml"


def _settings(project: Path):
    from sinoreport.config import load_settings

    return load_settings(project)


def _with_gwh_row(project: Path, *, units: bool = True) -> Path:
    """The fixture with a capacity in GWh: the digest says it, the Lingxi article has the row."""
    if units:
        (project / "data" / "units.yaml").write_text(UNITS_YAML, encoding="utf-8")
    with (project / "data" / "metrics.yaml").open("a", encoding="utf-8") as f:
        f.write(METRIC)
    digest = project / "raw" / "digest.txt"
    lines = digest.read_text(encoding="utf-8").split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith("10月8日"))
    lines[i] = lines[i].replace("該公司今年已出貨", LINE + "該公司今年已出貨")
    digest.write_text("\n".join(lines), encoding="utf-8")
    sha = hashlib.sha256((lines[i - 1] + "\n" + lines[i]).encode("utf-8")).hexdigest()
    art = project / ARTICLE
    text = art.read_text(encoding="utf-8")
    text = text.replace("source:\n", ROW + "source:\n").replace(
        "sha256: 3501efb5edba49549ed9d11d9d1f8b47c1207762f896cae74d79cd9394d072f6", f"sha256: {sha}")
    art.write_text(text, encoding="utf-8")
    return project


def test_the_package_units_are_a_data_file_every_project_gets(project):
    c = load_corpus(_settings(project))
    assert c.units == package_units() and "CNY" in c.units and "GWh" not in c.units
    assert c.units.currencies == ("CNY", "USD", "HKD")


def test_numbers_read_a_project_unit_only_with_its_table(project):
    c = load_corpus(_settings(_with_gwh_row(project)))
    assert find_numbers("年產能達486GWh") == []  # a digit glued to letters is a name (H20) without the unit
    (n,) = find_numbers("年產能達486GWh", c.units)
    assert (n.value, n.unit, n.text) == (486, "GWh", "486GWh")
    (n,) = find_numbers("年产能达486吉瓦时", c.units)  # the words are read in both scripts
    assert n.unit == "GWh"
    assert [(x.value, x.unit) for x in find_numbers("能量密度300Wh/kg", c.units)] == [(300, "Wh/kg")]
    # a price per a project's `per` word, after a currency, with / or 每
    assert [(x.value, x.unit) for x in find_numbers("電芯均價0.45元/千瓦時", c.units)] == [(0.45, "CNY/kWh")]
    assert [(x.value, x.unit) for x in find_numbers("每千瓦時0.45元", c.units)] == [(0.45, "CNY/kWh")]
    assert [(x.value, x.unit) for x in find_numbers("每盎司4200美元", c.units)] == [(4200, "USD/oz")]  # the package's


def test_ingest_proposes_a_row_in_the_projects_unit(project, cli, tmp_path):
    (project / "data" / "units.yaml").write_text(UNITS_YAML, encoding="utf-8")
    with (project / "data" / "metrics.yaml").open("a", encoding="utf-8") as f:
        f.write(METRIC)
    raw = tmp_path / "d.txt"
    raw.write_text("寒山雲擴建電池工廠\n寒山雲今天宣布擴建電池工廠,產能達486GWh。 (測試日報)\n", encoding="utf-8")
    r = cli("ingest", str(raw), "--content-dir", str(tmp_path / "content"), cwd=project)
    assert r.code == 0, r.text
    (doc,) = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (tmp_path / "content" / "articles").glob("*.yaml")]
    (row,) = doc["figures"]
    assert (row["entity"], row["metric"], row["value"], row["unit"]) == ("hanshan-cloud", "annual-capacity", 486, "GWh")
    assert "486GWh" in row["quote"]


def test_check_accepts_a_row_in_the_projects_unit(project, cli):
    r = cli("check", cwd=_with_gwh_row(project))
    assert r.code == 0, r.text
    assert "GWh" not in r.err


def test_a_unit_in_neither_table_fails_with_a_fix_that_names_data_units(project, cli):
    r = cli("check", cwd=_with_gwh_row(project, units=False))
    assert r.code == 1
    assert f"{ARTICLE}:" in r.err and "error: unknown unit 'GWh'" in r.err
    assert "add it to data/units.yaml" in r.err
    assert "model.UNITS" not in r.err and "formats.UNITS" not in r.err


def test_pages_write_the_projects_unit_in_every_locale(project):
    from sinoreport.build import Build

    b = Build(_settings(_with_gwh_row(project)))
    b.run(write=False)
    page = {loc: b.files[f"{loc}/articles/2025-10-08-lingxi-inference-card.md"].decode("utf-8")
            for loc in ("en", "zh-Hans", "zh-Hant")}
    # the value as the row's table shows it (not the quote, which writes the number too)
    assert re.search(r">\s*486 GWh\s*<", page["en"]), page["en"]
    assert re.search(r">\s*486GWh\s*<", page["zh-Hans"]) and re.search(r">\s*486GWh\s*<", page["zh-Hant"])


def test_formats_and_chart_scales_use_the_projects_units(project):
    from sinoreport.charts.base import Ctx, scale_for
    from sinoreport.i18n.convert import Converter
    from sinoreport.i18n.locales import LOCALES
    from sinoreport.i18n.view import LocaleView, Strings

    c = load_corpus(_settings(_with_gwh_row(project)))
    conv = Converter("hant", (n for _, n in c.named()), c.conversions)
    views = {code: LocaleView(c, LOCALES[code], conv, Strings({})) for code in ("en", "zh-Hans", "zh-Hant")}
    assert [views[k].amount(0.45, "CNY/kWh") for k in views] == ["CNY 0.45/kWh", "0.45元/千瓦时", "0.45元/千瓦時"]
    assert views["en"].amount(300, "Wh/kg") == "300 Wh/kg"
    assert scale_for([486], "GWh", Ctx(c, views["en"])).unit == "GWh"
    assert scale_for([300], "Wh/kg", Ctx(c, views["en"])).unit == "Wh per kg"
    assert scale_for([486], "GWh", Ctx(c, views["zh-Hans"])).unit == "GWh"
    assert scale_for([3.8e11], "CNY", Ctx(c, views["zh-Hans"])).unit == "亿元"  # the package's, unchanged


def test_a_project_entry_changes_only_what_it_writes(project):
    (project / "data" / "units.yaml").write_text('units:\n  - {id: tonnes, en: "{} tonnes"}\n', encoding="utf-8")
    c = load_corpus(_settings(project))
    t = c.units.display("tonnes")
    assert (t.en_after, t.hant, t.hans) == (" tonnes", "噸", "吨")
    assert c.units != package_units()
    assert find_numbers("900噸", c.units)[0].unit == "tonnes"  # its words stay the package's


def test_a_bad_units_file_is_located(project, cli):
    units = project / "data" / "units.yaml"
    units.write_text(
        "units:\n"
        "  - {id: GWh, en: \"{} GWh\", zh: GWh, words: [GWh]}\n"
        "  - {id: MWh, zh: MWh, words: [GWh]}\n"  # no English form; a word another unit has
        "  - {id: GWh, en: \"{} GWh\", zh: GWh}\n"  # twice
        "  - {id: Ah, en: \"{} Ah\", zh-Hant: 安時}\n"  # one script only
        "per:\n  kWh: [千瓦時]\n",  # no unit is a price per kWh
        encoding="utf-8")
    r = cli("check", cwd=project)
    assert r.code == 1
    assert "data/units.yaml:3:" in r.err and "unit 'MWh' has no English form" in r.err
    assert "data/units.yaml:3:" in r.err and "the word 'GWh' is already unit 'GWh'" in r.err
    assert "data/units.yaml:4:" in r.err and "defined twice" in r.err
    assert "data/units.yaml:5:" in r.err and "no Chinese form for both scripts" in r.err
    assert "data/units.yaml:7:" in r.err and "no unit is a price per 'kWh'" in r.err
    units.write_text("units:\n  - {id: GWh, zh: GWh}\n  - {id: kWh, en: kWh, zh: 千瓦時}\n", encoding="utf-8")
    r = cli("check", cwd=project)
    assert r.code == 1
    assert "data/units.yaml:3:" in r.err and "where the number goes" in r.err


def test_a_currency_is_a_unit_too(project):
    """A report on Korean cell makers counts in won: a currency of its own, read after a number, in prices per
    unit and as the article's currency where an amount names none."""
    from sinoreport.ingest.run import _stated_currency

    (project / "data" / "units.yaml").write_text(
        "units:\n  - {id: KRW, en: \"KRW {}\", zh-Hant: 韓元, zh-Hans: 韩元, compact: true, currency: true,"
        " words: [韓元]}\n  - {id: KRW/kWh, en: \"KRW {}/kWh\", zh-Hant: 韓元/千瓦時, zh-Hans: 韩元/千瓦时}\n"
        "per:\n  kWh: [千瓦時]\n", encoding="utf-8")
    c = load_corpus(_settings(project))
    assert c.problems == [] and "KRW" in c.units.currencies
    (n,) = find_numbers("營收達5兆韓元", c.units)
    assert (n.value, n.unit) == (5e12, "KRW")
    assert [(x.value, x.unit) for x in find_numbers("每千瓦時9萬韓元", c.units)] == [(9e4, "KRW/kWh")]
    assert _stated_currency("營收5兆韓元，淨利3000億韓元，另有20億元", c.units) == "KRW"
    # without the project's unit, the 元 of 韓元 is all the package can read: yuan
    assert _stated_currency("營收5兆韓元", package_units()) == "CNY"


def test_a_company_reports_in_a_currency_of_the_units(project, cli):
    """A Korean cell maker reports in won: its `currency` is any currency of the units (the model's list of
    three was the first report's); one that is not a currency unit is a located error."""
    company = next((project / "data" / "companies").glob("*.yaml"))
    text = company.read_text(encoding="utf-8").rstrip("\n")
    company.write_text(text + "\ncurrency: KRW\n", encoding="utf-8")
    r = cli("check", cwd=project)
    assert r.code == 1 and f"{company.relative_to(project).as_posix()}:" in r.err
    assert "'KRW' is not a currency of the units" in r.err and "data/units.yaml" in r.err
    (project / "data" / "units.yaml").write_text(
        "units:\n  - {id: KRW, en: \"KRW {}\", zh-Hant: 韓元, zh-Hans: 韩元, compact: true, currency: true,"
        " words: [韓元]}\n", encoding="utf-8")
    r = cli("check", cwd=project)
    assert r.code == 0, r.text
