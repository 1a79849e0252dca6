"""`sinoreport rename OLD NEW`: the file moves, every reference follows, prose and comments stay."""

from __future__ import annotations

from tests.conftest import assert_no_traceback


def test_rename_a_company_everywhere_and_nowhere_else(project, cli):
    art = project / "content" / "articles" / "2025-10-07-hanshan-capex.yaml"
    before = art.read_text(encoding="utf-8")
    r = cli("rename", "hanshan-cloud", "hanshan", cwd=project)
    assert r.code == 0, r.text
    assert "renamed company hanshan-cloud → hanshan" in r.out and "/companies/hanshan/" in r.err
    assert not (project / "data" / "companies" / "hanshan-cloud.yaml").exists()
    moved = (project / "data" / "companies" / "hanshan.yaml").read_text(encoding="utf-8")
    assert "id: hanshan\n" in moved
    after = art.read_text(encoding="utf-8")
    assert "hanshan-cloud" not in after and after.count("entity: hanshan\n") == before.count("entity: hanshan-cloud\n")
    # only the id changed: every other line as it was (the tag `hanshan`, a different id, included)
    changed = [(a, b) for a, b in zip(before.split("\n"), after.split("\n"), strict=True) if a != b]
    assert changed and all(a.replace("hanshan-cloud", "hanshan") == b for a, b in changed)
    assert "  - hanshan\n  - capex" in after  # the tag
    r = cli("check", cwd=project)
    assert r.code == 0, r.text


def test_rename_an_article_updates_briefs_scores_and_the_ledger(project, cli):
    old, new = "2025-10-07-hanshan-capex", "2025-10-07-hanshan-quarterly-capex"
    (project / "content" / "ingested.yaml").write_text(
        f"articles:\n- sha256: {'a' * 64}\n  file: digest.txt\n  index: 1\n  id: {old}\n", encoding="utf-8")
    r = cli("rename", old, new, cwd=project)
    assert r.code == 0, r.text
    assert (project / "content" / "articles" / f"{new}.yaml").is_file()
    brief = (project / "content" / "briefs" / "hanshan-outlook.yaml").read_text(encoding="utf-8")
    assert old not in brief and new in brief
    company = (project / "data" / "companies" / "hanshan-cloud.yaml").read_text(encoding="utf-8")
    assert f"source: {new}" in company
    assert f"id: {new}" in (project / "content" / "ingested.yaml").read_text(encoding="utf-8")
    assert cli("check", cwd=project).code == 0


def test_rename_refuses_and_changes_nothing(project, cli):
    snapshot = {p: p.read_bytes() for p in project.rglob("*.yaml")}
    for args, said in ((("nope", "x"), "is not the id"), (("nvidia", "lingxi"), "already an id"),
                       (("nvidia", "Not An Id"), "not a usable id")):
        r = cli("rename", *args, cwd=project)
        assert r.code == 1 and said in r.err, r.text
        assert_no_traceback(r)
    assert {p: p.read_bytes() for p in project.rglob("*.yaml")} == snapshot
