"""The seed digest: exactly 8 articles with their outlets and tag; the shipped report verifies against it."""

import yaml
from tests.conftest import REPO, copy_shipped

OUTLETS = ["單仁行", "科技錨", "智東西", "零態LT", "虎嗅APP", "21世紀經濟報導", "36氪財經", "EET進化論"]


def test_seed_ingests_to_eight_articles_idempotently(seed, cli, tmp_path):
    out = tmp_path / "x"
    r = cli("ingest", str(seed), "--content-dir", str(out), cwd=REPO)
    assert r.code == 0, r.text
    files = sorted((out / "articles").glob("*.yaml"))
    assert len(files) == 8
    docs = sorted((yaml.safe_load(p.read_text(encoding="utf-8")) for p in files), key=lambda d: d["source"]["index"])
    assert [d["outlet"] for d in docs] == OUTLETS
    assert all(d["source"]["digest_tags"] == ["百度"] for d in docs)
    assert all(d["source"]["script"] == "hant" for d in docs)
    before = {p.name: p.read_bytes() for p in files}
    r = cli("ingest", str(seed), "--content-dir", str(out), cwd=REPO)
    assert r.code == 0 and "8 unchanged" in r.out
    assert {p.name: p.read_bytes() for p in (out / "articles").glob("*.yaml")} == before


def test_reingesting_into_the_shipped_content_changes_nothing(seed, cli, tmp_path):
    proj = copy_shipped(tmp_path / "p")
    before = {p: p.read_bytes() for p in (proj / "content").rglob("*") if p.is_file()}
    r = cli("ingest", str(seed), cwd=proj)
    assert r.code == 0, r.text
    assert {p: p.read_bytes() for p in (proj / "content").rglob("*") if p.is_file()} == before


def test_shipped_content_passes_strict_check(seed, cli, tmp_path):
    proj = copy_shipped(tmp_path / "p")
    r = cli("check", "--strict", cwd=proj)
    assert r.code == 0, r.err[-3000:]
    assert "8 articles" in r.out and "5 briefs" in r.out
