"""Editions (editions.py, `sinoreport edition`): a dated snapshot of the published corpus, small and
stable, never overwritten by accident; `diff` says what changed between two."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import assert_no_traceback, copy_project, run_cli

from sinoreport.config import load_settings
from sinoreport.editions import diff, history, load_editions, revisions

ARTICLE = "content/articles/2025-10-07-hanshan-capex.yaml"
NVIDIA_SHARE = "nvidia/market-share/2025@2025-10-07-hanshan-capex"


def revise_share(root: Path) -> None:
    """NVIDIA's share 50 → 80 (the quote writes both: 從八成降至50%)."""
    p = root / ARTICLE
    text = p.read_text(encoding="utf-8")
    assert text.count("\n    value: 50\n") == 1
    p.write_text(text.replace("\n    value: 50\n", "\n    value: 80\n"), encoding="utf-8")


def test_two_editions_and_their_diff(tmp_path: Path):
    root = copy_project(tmp_path / "p")
    r = run_cli("edition", "--date", "2025-10-10", cwd=root)
    assert r.code == 0 and "wrote editions/2025-10-10.json" in r.out, r.text
    first = root / "editions" / "2025-10-10.json"
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["edition"] == "2025-10-10"
    assert sorted(data["articles"]) == ["2025-10-07-hanshan-capex", "2025-10-08-lingxi-inference-card"]  # no draft
    assert data["articles"]["2025-10-07-hanshan-capex"]["en"] == "Hanshan Cloud lifts quarterly capex by 40%"
    assert list(data["briefs"]) == ["hanshan-outlook"]
    row = data["rows"][NVIDIA_SHARE]
    assert row == {"entity": "nvidia", "metric": "market-share", "period": "2025",
                   "article": "2025-10-07-hanshan-capex",
                   "value": 50, "value_high": None, "unit": "%", "kind": "estimate", "qualifier": None,
                   "quote": "輝達晶片在當地的市佔率已從八成降至50%", "producer": None}
    assert list(data["rows"]) == sorted(data["rows"])
    before = first.read_bytes()

    # the same corpus: the same bytes, nothing rewritten
    again = run_cli("edition", "--date", "2025-10-10", cwd=root)
    assert again.code == 0 and "unchanged" in again.out, again.text
    assert first.read_bytes() == before

    revise_share(root)
    refused = run_cli("edition", "--date", "2025-10-10", cwd=root)
    assert refused.code == 1 and "--force" in refused.err, refused.text
    assert_no_traceback(refused)
    assert first.read_bytes() == before  # an edition is a record

    second = run_cli("edition", "--date", "2025-11-01", cwd=root)
    assert second.code == 0, second.text

    eds = load_editions(load_settings(root))
    assert [e["edition"] for e in eds] == ["2025-10-10", "2025-11-01"]
    d = diff(eds[0], eds[1])
    assert (d.previous, d.edition) == ("2025-10-10", "2025-11-01")
    assert d.articles_added == d.articles_removed == d.briefs_added == d.briefs_removed == []
    assert d.rows_added == d.rows_removed == []
    [rev] = d.rows_revised
    assert rev.key == NVIDIA_SHARE and rev.fields == ["value"]
    assert (rev.old["value"], rev.new["value"]) == (50, 80)
    assert rev.new["quote"] == "輝達晶片在當地的市佔率已從八成降至50%"
    assert rev.new["article"] == "2025-10-07-hanshan-capex"

    newest, oldest = history(eds)
    assert newest.edition == "2025-11-01" and oldest.previous is None and len(oldest.rows_added) == 8
    assert revisions([newest, oldest]) == {NVIDIA_SHARE: "2025-11-01"}

    forced = run_cli("edition", "--date", "2025-10-10", "--force", cwd=root)
    assert forced.code == 0 and first.read_bytes() != before


def test_bad_date_is_a_usage_error(tmp_path: Path):
    root = copy_project(tmp_path / "p")
    r = run_cli("edition", "--date", "10/10/2025", cwd=root)
    assert r.code == 2 and "YYYY-MM-DD" in r.err
    assert not (root / "editions").exists()
    # without --date: the report's own edition date (site.edition)
    r = run_cli("edition", cwd=root)
    assert r.code == 0 and (root / "editions" / "2025-10-10.json").is_file(), r.text


def test_diff_of_articles_briefs_and_rows():
    def ed(date, articles, briefs, rows):
        return {"format": 1, "edition": date, "articles": {a: {} for a in articles},
                "briefs": {b: {} for b in briefs}, "rows": rows}

    r1 = {"value": 1, "unit": "%", "kind": "actual", "quote": "q"}
    old = ed("2025-01-01", ["a", "b"], ["x"], {"k1": r1, "k2": r1})
    new = ed("2025-02-01", ["b", "c"], ["y"], {"k2": {**r1, "kind": "estimate"}, "k3": r1})
    d = diff(old, new)
    assert (d.articles_added, d.articles_removed) == (["c"], ["a"])
    assert (d.briefs_added, d.briefs_removed) == (["y"], ["x"])
    assert (d.rows_added, d.rows_removed) == (["k3"], ["k1"])
    assert [(r.key, r.fields) for r in d.rows_revised] == [("k2", ["kind"])]
    assert not d.empty and diff(new, new).empty
