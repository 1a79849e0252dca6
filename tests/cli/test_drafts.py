"""Drafts never block: a fresh draft (TODO placeholders, `tbd` fields, even a broken file) leaves `build`
working, shows in `build --drafts` with its open problems on its page, and only curated content can
fail a build. What a person deletes stays deleted when the digest is ingested again, and organizations
data/ does not know come out as draft companies."""

from __future__ import annotations

import pytest
import yaml
from tests.conftest import assert_no_traceback

pytestmark = pytest.mark.slow  # builds real sites

DIGEST = (
    "#雲翔\n"
    "雲翔智能第三季交付無人機300架\n"
    "低空日報11月20日報導,雲翔智能公布2025年第三季業績,當季交付無人機300架,營收為4.5億元,年增80%。"
    "雲翔智能表示,明年目標交付1000架。 (低空日報)\n"
)


def ingest(cli, project, tmp_path, text: str = DIGEST):
    raw = tmp_path / "lowalt.txt"
    raw.write_text(text, encoding="utf-8")
    r = cli("ingest", str(raw), cwd=project)
    assert r.code == 0, r.text
    return r


def new_article(project):
    (path,) = [p for p in (project / "content" / "articles").glob("*.yaml") if "雲翔" in p.read_text(encoding="utf-8")]
    return path


def test_a_fresh_draft_never_blocks_and_shows_its_open_problems(project, cli, tmp_path):
    ingest(cli, project, tmp_path)
    draft = new_article(project)
    doc = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert doc["status"] == "draft" and doc["summary"]["en"].startswith("TODO")
    assert any(f["metric"] == "tbd" for f in doc["figures"])  # deliveries: no metric in this project
    # the organization data/ does not know is proposed, not dropped
    company = project / "data" / "companies" / "yunxiang.yaml"
    assert company.is_file() and "status: draft" in company.read_text(encoding="utf-8")
    assert all(f["entity"] == "yunxiang" for f in doc["figures"])
    # a second draft that does not even parse
    (project / "content" / "articles" / "2025-11-21-half-typed.yaml").write_text(
        "id: 2025-11-21-half-typed\nstatus: draft\ntitle: {zh: [\n", encoding="utf-8")

    r = cli("build", "--no-pdf", cwd=project)
    assert r.code == 0, r.text
    assert_no_traceback(r)
    assert f"{draft.relative_to(project)}: draft left out of this build" in r.err
    assert "2025-11-21-half-typed.yaml: draft left out" in r.err
    site = project / "build" / "site"
    assert not (site / "articles" / draft.stem).exists() and not (site / "companies" / "yunxiang").exists()

    r = cli("build", "--drafts", "--no-pdf", cwd=project)
    assert r.code == 0, r.text
    page = (site / "articles" / draft.stem / "index.html").read_text(encoding="utf-8")
    assert "Open problems" in page and "unknown metric" in page  # the box on the draft's own page
    assert (site / "companies" / "yunxiang" / "index.html").is_file()


def test_only_curated_content_fails_a_build(project, cli, tmp_path):
    ingest(cli, project, tmp_path)
    art = project / "content" / "articles" / "2025-10-07-hanshan-capex.yaml"
    art.write_text(art.read_text(encoding="utf-8").replace("  - nvidia\n", "  - nvidia\n  - yunxiang\n", 1),
                   encoding="utf-8")
    r = cli("build", "--no-pdf", cwd=project)
    assert r.code == 1 and "company 'yunxiang' is still a draft" in r.err
    assert_no_traceback(r)


def test_what_a_person_deletes_stays_deleted(project, cli, tmp_path):
    ingest(cli, project, tmp_path)
    draft = new_article(project)
    draft.unlink()
    (project / "data" / "companies" / "yunxiang.yaml").unlink()
    r = ingest(cli, project, tmp_path)
    assert "deleted" in r.out and "not written again" in r.err
    assert not list(p for p in (project / "content" / "articles").glob("*.yaml") if "雲翔" in p.read_text("utf-8"))
    assert not (project / "data" / "companies" / "yunxiang.yaml").exists()


def test_ingest_remembers_where_it_read_a_digest(project, cli, tmp_path):
    """A digest outside the raw folders is still used to verify quotes: ingest noted where it read it."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    ingest(cli, project, outside)
    r = cli("check", cwd=project)
    assert "quotes verified against the raw text for all 4 articles" in r.err, r.err
