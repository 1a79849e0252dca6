"""A long-lived Build (serve) reuses the semantic check's results for articles that did not change, and
never a result an edit to the article or to data/ has made stale."""

import pytest

from sinoreport.build import Build, BuildFailed
from sinoreport.config import load_settings


def edit(p, old, new):
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unchanged_articles_reuse_their_results_and_edits_are_seen(project):
    b = Build(load_settings(project), serving=True)
    b.run()
    memo = b.state.checks["semantic"]
    assert len(memo) == 3  # every article with its raw text
    kept = {k: v[3] for k, v in memo.items()}
    b.run()
    assert all(memo[k][3] is kept[k] for k in kept)  # nothing changed: nothing checked again

    art = project / "content" / "articles" / "2025-10-07-hanshan-capex.yaml"
    edit(art, "value: 12000000000", "value: 1200000000")
    with pytest.raises(BuildFailed) as e:
        b.run()
    assert any("2025-10-07-hanshan-capex" in str(p.where) and p.severity == "error" for p in e.value.problems)
    assert all(memo[k][3] is kept[k] for k in kept if k != "2025-10-07-hanshan-capex")  # the others reused
    edit(art, "value: 1200000000", "value: 12000000000")
    b.run()  # and the fix is seen too

    # data/ changes what an article's rows may say: capex is now counted in cards, not money
    edit(project / "data" / "metrics.yaml", "zh: 資本開支}, family: money,",
         "zh: 資本開支}, family: count, unit: cards,")
    with pytest.raises(BuildFailed) as e:
        b.run()
    assert any("2025-10-07-hanshan-capex" in str(p.where) and "unit" in p.what.lower() for p in e.value.problems), \
        [p.what for p in e.value.problems]
