"""`serve` reuses what did not change: parsed files, checks, pages and charts. Whatever is reused, the
Markdown after an edit is byte for byte what a fresh render gives."""

import re
from pathlib import Path

from tests.conftest import override_template

from sinoreport.build import State
from sinoreport.charts import Chart, ChartSet
from sinoreport.check import run_checks
from sinoreport.config import load_settings
from sinoreport.corpus import load_corpus
from sinoreport.render import pages
from sinoreport.render.memo import MemoStore
from sinoreport.render.pages import render_tree
from sinoreport.synth import write_project

CHART_CALLS: list[str] = []


def small_charts(corpus, view, settings) -> ChartSet:
    """A stand-in for the chart families (tested on their own): one chart drawn from the capex rows."""
    CHART_CALLS.append(view.loc.code)
    rows = tuple(r for r in corpus.rows if "capex" in r.row.datasets)
    svg = "<svg>" + "".join(f"<text>{view.value(r.row)}</text>" for r in rows) + "</svg>"
    chart = Chart("capex-test", view.t("data"), svg, "takeaway", tuple(sorted({r.article for r in rows})), rows,
                  headline=True)
    return ChartSet({"capex-test": chart})


def render(root: Path, state: State, *, use_memo: bool) -> dict[str, bytes]:
    """`state`: what serve's one Build keeps between rebuilds (parsed files, the memo)."""
    settings = load_settings(root)
    corpus = load_corpus(settings, include_drafts=True, parsed=state.parsed if use_memo else None)
    assert run_checks(corpus, settings).ok
    return render_tree(settings, corpus, drafts=True, memo=state.memo if use_memo else None)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_memo_renders_what_a_fresh_render_gives_after_each_edit(tmp_path, monkeypatch):
    state = State(memo=MemoStore())
    monkeypatch.setattr(pages, "render_charts", small_charts)
    root = tmp_path / "p"
    write_project(root, 16)
    first = render(root, state, use_memo=True)
    assert render(root, state, use_memo=True) == first == render(root, state, use_memo=False)
    reused = len(state.memo.pages)
    assert reused > 50

    # an article's English title: its page, its neighbours, listings and company pages change
    art = sorted((root / "content" / "articles").glob("*.yaml"))[8]
    title = re.search(r"^  en: (.+)$", art.read_text(encoding="utf-8"), re.M).group(1)
    edit(art, f"  en: {title}", "  en: An edited headline for the memo test")
    after = render(root, state, use_memo=True)
    assert after == render(root, state, use_memo=False)
    changed = {k for k in after if after[k] != first.get(k)}
    assert any(k.endswith(f"articles/{art.stem}.md") for k in changed)
    assert 3 < len(changed) < len(after) / 2  # most pages were reused, not rendered again

    # a new date moves an article: its old and new neighbours, related reading and listings follow
    moved = sorted((root / "content" / "articles").glob("*.yaml"))[3]
    date = re.search(r"^date: (\S+)$", moved.read_text(encoding="utf-8"), re.M).group(1)
    edit(moved, f"date: {date}", "date: 2025-12-30")  # the newest, and its figures still read as its own
    after = render(root, state, use_memo=True)
    assert after == render(root, state, use_memo=False)
    home = after["en/index.md"].decode("utf-8")
    assert moved.stem in home  # the newest article now

    # a company added to an article: related reading across the corpus is computed again
    tagged = sorted((root / "content" / "articles").glob("*.yaml"))[5]
    text = tagged.read_text(encoding="utf-8")
    assert "\ncompanies:\n- " in text
    extra = next(c for c in ("nvidia", "tencent", "baidu", "huawei") if f"\n- {c}\n" not in text)
    edit(tagged, "\ncompanies:\n- ", f"\ncompanies:\n- {extra}\n- ")
    after = render(root, state, use_memo=True)
    assert after == render(root, state, use_memo=False)

    # charts were made again only for a fresh render, not for the edited title
    CHART_CALLS.clear()
    render(root, state, use_memo=True)
    assert CHART_CALLS == []

    # a figure becomes an estimate: the article, the charts and the downloads follow
    capex = next(p for p in sorted((root / "content" / "articles").glob("*.yaml"))
                 if "unit: CNY\n  datasets:\n  - capex" in p.read_text(encoding="utf-8"))
    edit(capex, "unit: CNY\n  datasets:\n  - capex", "unit: CNY\n  kind: estimate\n  datasets:\n  - capex")
    after = render(root, state, use_memo=True)
    assert CHART_CALLS == ["en", "zh-Hans", "zh-Hant"]
    assert after == render(root, state, use_memo=False)

    # a name in data/: every page that shows it
    edit(root / "data" / "companies" / "alibaba.yaml", "en: Alibaba Group", "en: Alibaba Holdings")
    after = render(root, state, use_memo=True)
    assert after == render(root, state, use_memo=False)
    assert any(b"Alibaba Holdings" in v for v in after.values())

    # a template
    tpl = override_template(root, "site/article.html.j2")  # the project's copy, over the package's
    tpl.write_text(tpl.read_text(encoding="utf-8") + "\n<!-- edited -->\n", encoding="utf-8")
    after = render(root, state, use_memo=True)
    assert after == render(root, state, use_memo=False)
    assert all(b"<!-- edited -->" in v for k, v in after.items() if re.search(r"/articles/\d{4}-[^/]+\.md$", k))
