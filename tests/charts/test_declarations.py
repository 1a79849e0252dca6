"""Charts declared in data/charts.yaml: the loader's located errors, the ids a declaration names, quotes of
entities shown without a figure, and authors' takeaways held to the chart's rows (check/charts.py) — each
rule with a case it must refuse. Runs on the chart test project (its raw digest is in the overlay)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from tests.charts.conftest import copy_chart_project

from sinoreport.check import run_checks
from sinoreport.config import load_settings
from sinoreport.corpus import load_corpus

H = "hanshan-cloud/price-change/YTD 2025"  # +45%, a company
L = "lingxi/price-change/YTD 2025"  # −12%, a company
RAW_QUOTE = "寒山雲股價今年以來上漲45%"  # in the overlay's raw digest (2025-10-09-nvidia-revenue-hanshan-spending)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    return copy_chart_project(tmp_path_factory.mktemp("decl") / "project")


def edit(base: Path, tmp_path: Path, chart_id: str, **changes) -> Path:
    """A copy of the chart project whose chart `chart_id` has `changes` (None removes a key)."""
    import shutil

    root = tmp_path / "p"
    shutil.copytree(base, root, ignore=shutil.ignore_patterns("build"))
    path = root / "data" / "charts.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for c in data["charts"]:
        if c["id"] == chart_id:
            for k, v in changes.items():
                if v is None:
                    c.pop(k, None)
                else:
                    c[k] = v
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def problems(root: Path, *, about: str = "") -> list[str]:
    settings = load_settings(root)
    corpus = load_corpus(settings, include_drafts=False)
    report = run_checks(corpus, settings, strict=False)
    return [str(p) for p in report.errors if "data/charts.yaml" in str(p) and about in str(p)]


def takeaway(en: str, zh: str, **rows: str) -> dict:
    return {"rows": rows or {"h": H, "l": L}, "en": en, "zh": zh}


GOOD = takeaway("Hanshan Cloud's shares rose {h}, ahead of Lingxi's {l}", "寒山雲股價上漲{h}，領先靈犀的{l}")


def test_the_project_as_declared_has_no_chart_problems(base):
    assert problems(base) == []


def test_a_true_takeaway_passes_and_is_the_charts_caption(base, tmp_path):
    root = edit(base, tmp_path, "stock-moves", takeaway=GOOD)
    assert problems(root) == []
    from tests.charts.test_specs import chart_sets

    chart = chart_sets(root, ["en"])["en"].get("stock-moves")
    assert chart.takeaway == "Hanshan Cloud's shares rose +45%, ahead of Lingxi's −12%"


def test_unknown_ids_are_located_errors(base, tmp_path):
    sel = {"dataset": "no-such-set", "metrics": ["no-such-metric"], "entities": ["no-such-co"]}
    root = edit(base, tmp_path, "stock-moves", select=sel, benchmark={"entity": "nobody"})
    got = problems(root)
    for what in ("unknown dataset 'no-such-set'", "unknown metric 'no-such-metric'", "unknown entity 'no-such-co'",
                 "unknown entity 'nobody'"):
        assert any(what in p and "data/charts.yaml:" in p for p in got), (what, got)


def test_unknown_kind_and_duplicate_ids_fail_to_load(base, tmp_path):
    root = edit(base, tmp_path, "stock-moves", kind="pie")
    assert any("kind" in p and "data/charts.yaml:" in p for p in problems(root)), problems(root)
    path = root / "data" / "charts.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["charts"] = [c for c in data["charts"] if c["id"] != "stock-moves"]
    data["charts"].append(copy.deepcopy(data["charts"][0]))
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert any("duplicate chart id 'ai-chip-share-china'" in p for p in problems(root)), problems(root)


def test_without_figure_quotes_are_verbatim(base, tmp_path):
    ok = {"entity": "hanshan-cloud", "article": "2025-10-09-nvidia-revenue-hanshan-spending", "quote": RAW_QUOTE,
          "note": {"en": "no figure", "zh": "未給出數字"}}
    assert problems(edit(base, tmp_path / "a", "capex-growth-qoq", without_figure=[ok])) == []
    wrong = dict(ok, quote="寒山雲資本開支下降")
    got = problems(edit(base, tmp_path / "b", "capex-growth-qoq", without_figure=[wrong]))
    assert any("quote not found in the raw article" in p for p in got), got
    nowhere = dict(ok, article="no-such-article")
    got = problems(edit(base, tmp_path / "c", "capex-growth-qoq", without_figure=[nowhere]))
    assert any("unknown article 'no-such-article'" in p for p in got), got


def test_without_figure_is_said_in_the_caption(base, tmp_path):
    from tests.charts.test_specs import chart_sets

    entry = {"entity": "beiming", "article": "2025-10-09-nvidia-revenue-hanshan-spending", "quote": RAW_QUOTE,
             "note": {"en": "capex fell; no figure given", "zh": "資本開支下降，未給出數字"}}
    root = edit(base, tmp_path, "stock-moves", without_figure=[entry])
    t = chart_sets(root, ["en"])["en"].get("stock-moves").takeaway
    assert "Beiming Tech: capex fell; no figure given" in t
    assert "of those with a figure" in t  # the superlatives say what they are among


@pytest.mark.parametrize(("en", "zh", "what"), [
    # "more than" where the left value is lower
    ("Lingxi's {l} is higher than Hanshan Cloud's {h}", "靈犀的{l}高於寒山雲的{h}", "is more than"),
    ("Lingxi's {l} is ahead of Hanshan Cloud's {h}", "靈犀的{l}領先寒山雲的{h}", "is more than"),
    # "less than" where the left value is higher
    ("Hanshan Cloud's {h} is below Lingxi's {l}", "寒山雲的{h}低於靈犀的{l}", "is less than"),
    # a ratio off by more than 15 %: 45 / 12 = 3.75
    ("Hanshan Cloud rose {h}, about 2 times Lingxi's fall of {l:abs}", "寒山雲上漲{h}，約為靈犀跌幅{l:abs}的2倍",
     "the ratio"),
    ("Hanshan Cloud rose {h}, twice Lingxi's fall of {l:abs}", "寒山雲上漲{h}，是靈犀跌幅{l:abs}的兩倍", "the ratio"),
    # a superlative that is not the chart's maximum (or minimum) among comparable rows
    ("The highest move was Lingxi's {l}; Hanshan Cloud {h}", "最高的是靈犀的{l}；寒山雲{h}", "calls {l}"),
    ("The lowest move was Hanshan Cloud's {h}; Lingxi {l}", "最低的是寒山雲的{h}；靈犀{l}", "calls {h}"),
    # a number written in the text, not a placeholder
    ("Hanshan Cloud rose 45% and Lingxi {l}; {h}", "寒山雲上漲45%，靈犀{l}；{h}", "is not a placeholder"),
])
def test_a_false_takeaway_is_refused(base, tmp_path, en, zh, what):
    root = edit(base, tmp_path, "stock-moves", takeaway=takeaway(en, zh))
    got = problems(root, about="takeaway")
    assert got and all("data/charts.yaml:" in p for p in got), got
    assert any(what in p for p in got), got


def test_true_ratios_and_superlatives_pass(base, tmp_path):
    t = takeaway("The highest move, {h}, is about 3.8 times Lingxi's fall of {l:abs}; the lowest is Lingxi's {l}",
                 "漲幅最高的{h}約為靈犀跌幅{l:abs}的3.8倍；最低的是靈犀的{l}")
    assert problems(edit(base, tmp_path, "stock-moves", takeaway=t)) == []


def test_takeaway_rows_are_the_charts_own(base, tmp_path):
    t = takeaway("Overseas share {x}", "海外收入佔比{x}", x="hanshan-cloud/overseas-revenue-share/2025")
    got = problems(edit(base, tmp_path / "a", "stock-moves", takeaway=t), about="takeaway")
    assert any("is not one of this chart's rows" in p for p in got), got
    t = takeaway("Shares {h}", "股價{h}", h="hanshan-cloud/price-change/2019")
    got = problems(edit(base, tmp_path / "b", "stock-moves", takeaway=t), about="takeaway")
    assert any("no data row" in p for p in got), got


def test_both_languages_show_the_same_rows(base, tmp_path):
    t = takeaway("Hanshan Cloud rose {h}; Lingxi {l}", "寒山雲上漲{h}")
    got = problems(edit(base, tmp_path, "stock-moves", takeaway=t), about="takeaway")
    assert any("takeaway's zh does not show {l}" in p for p in got), got


def test_chart_texts_are_linted_like_other_prose(base, tmp_path):
    """Titles, notes and takeaways are our prose: full-width punctuation next to Chinese, one spelling."""
    t = takeaway("Hanshan Cloud's shares rose {h}, a favourite; Lingxi {l}", "寒山雲股價上漲{h},靈犀{l}")
    root = edit(base, tmp_path, "stock-moves", takeaway=t, title={"en": "Moves", "zh": "個股,漲跌"})
    settings = load_settings(root)
    corpus = load_corpus(settings, include_drafts=False)
    got = [str(p) for p in run_checks(corpus, settings, strict=True).errors if "data/charts.yaml" in str(p)]
    assert sum("half-width comma" in p for p in got) == 2, got
    assert any("'favourite' is not en-US spelling" in p for p in got), got


def test_rows_of_another_scope_are_ranked_apart(base, tmp_path):
    """A row that says it measures a business is not ranked beside companies: its own panel, its own words."""
    import shutil

    from tests.charts.test_specs import chart_sets

    root = tmp_path / "p"
    shutil.copytree(base, root, ignore=shutil.ignore_patterns("build"))
    art = root / "content/articles/2025-10-09-nvidia-revenue-hanshan-spending.yaml"
    text = art.read_text(encoding="utf-8")
    old = '  - {entity: lingxi, metric: price-change, period: YTD 2025, value: -12, unit: "%",'
    assert old in text
    art.write_text(text.replace(old, old + " scope: business,"), encoding="utf-8")
    chart = chart_sets(root, ["en"])["en"].get("stock-moves")
    assert len(chart.spec["vconcat"]) == 2
    assert ">Companies<" in chart.svg and ">Businesses<" in chart.svg
    # one row each: stated, not ranked (before, Lingxi was "weakest" beside the company)
    assert chart.takeaway == "Hanshan Cloud: +45% in 2025 year to date; Lingxi Chips: −12% in 2025 year to date."


def test_an_option_of_another_kind_is_a_located_error(base, tmp_path):
    root = edit(base, tmp_path, "kweb-path", benchmark={"entity": "google"})
    got = problems(root)
    assert any("`benchmark`: not an option of a series chart" in p and "data/charts.yaml:" in p for p in got), got
