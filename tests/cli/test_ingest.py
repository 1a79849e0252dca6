"""`sinoreport ingest` end to end: encodings, idempotence, curation never lost, bad input located."""

import codecs
import re
from pathlib import Path

import opencc
import yaml
from tests.conftest import assert_no_traceback

DIGEST = (
    "#寒山雲\n"
    "寒山雲公布季度資本開支,較上季增四成\n"
    "寒山雲今天公布第二季資本開支為120億元,較上季增長40%。公司表示未來三年將投入900億元建設資料中心。"
    "01市場人士指出,輝達晶片在當地的市佔率已從八成降至50%。 (測試日報)\n"
    "靈犀晶片發表新一代推理卡\n"
    "10月8日,靈犀晶片發表新一代推理卡,單卡成本較輝達H20低30%。該公司2025年已出貨超過 5 萬張。 (科技週刊)\n"
)


def write(path: Path, text: str, encoding: str = "utf-8", bom: bytes = b"") -> Path:
    path.write_bytes(bom + text.encode(encoding))
    return path


def articles(d: Path) -> dict[str, dict]:
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((d / "articles").glob("*.yaml"))}


def test_ingest_writes_drafts_with_proposals(project, cli, tmp_path):
    raw = write(tmp_path / "d.txt", DIGEST)
    out = tmp_path / "content"
    r = cli("ingest", str(raw), "--content-dir", str(out), cwd=project)
    assert r.code == 0, r.text
    docs = articles(out)
    assert len(docs) == 2
    first = next(d for d in docs.values() if d["source"]["index"] == 1)
    assert first["status"] == "draft" and first["outlet"] == "測試日報"
    assert first["title"]["zh"] == "寒山雲公布季度資本開支,較上季增四成"
    assert first["companies"][:2] == ["hanshan-cloud", "nvidia"]  # alias table from data/ (輝達 → nvidia)
    # tags from the words of data/tags.yaml the article uses (資本開支 in its headline); the digest's #寒山雲
    # only on the article about Hanshan, not on every article of the digest
    assert first["tags"] == ["hanshan", "capex"] and first["source"]["digest_tags"] == ["寒山雲"]
    values = {f["value"] for f in first["figures"]}
    assert {12_000_000_000, 40, 90_000_000_000, 50} <= values
    assert all(len(f["quote"]) <= 80 and f["quote"] in DIGEST for f in first["figures"])
    second = next(d for d in docs.values() if d["source"]["index"] == 2)
    assert "hanshan" not in second["tags"]
    assert str(second["date"]) == "2025-10-08" and second["date_basis"] == "stated"
    assert re.fullmatch(r"2025-10-08-[a-z]+(?:-[a-z]+)*", second["id"]), second["id"]  # date + names, no hash
    # the drafts are valid content: check loads them (drafts may have warnings, not errors)
    for name in docs:
        (project / "content" / "articles" / name).write_bytes((out / "articles" / name).read_bytes())


def test_ingest_is_idempotent(project, cli, tmp_path):
    raw = write(tmp_path / "d.txt", DIGEST)
    out = tmp_path / "content"
    assert cli("ingest", str(raw), "--content-dir", str(out), cwd=project).code == 0
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (out / "articles").iterdir()}
    r = cli("ingest", str(raw), "--content-dir", str(out), cwd=project)
    assert r.code == 0 and "2 unchanged" in r.out
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (out / "articles").iterdir()}
    assert after == before


def test_every_encoding_gives_the_same_articles(project, cli, tmp_path):
    hans = opencc.OpenCC("tw2sp").convert(DIGEST)
    cases = {
        "utf8": (DIGEST, "utf-8", b""),
        "bom": (DIGEST, "utf-8", codecs.BOM_UTF8),
        "crlf": (DIGEST.replace("\n", "\r\n"), "utf-8", b""),
        "utf16": (DIGEST, "utf-16-le", codecs.BOM_UTF16_LE),
        "big5": (DIGEST, "big5", b""),
        "gb18030": (hans, "gb18030", b""),
    }
    titles = {}
    for name, (text, enc, bom) in cases.items():
        raw = write(tmp_path / f"{name}.txt", text, enc, bom)
        out = tmp_path / name
        r = cli("ingest", str(raw), "--content-dir", str(out), cwd=project)
        assert r.code == 0, (name, r.text)
        docs = articles(out)
        titles[name] = sorted(d["title"]["zh"] for d in docs.values())
        scripts = {d["source"]["script"] for d in docs.values()}
        assert scripts == {"hans" if name == "gb18030" else "hant"}, name
    expected = sorted(["寒山雲公布季度資本開支,較上季增四成", "靈犀晶片發表新一代推理卡"])
    assert all(t == expected for n, t in titles.items() if n != "gb18030")
    assert titles["gb18030"] == sorted(opencc.OpenCC("tw2sp").convert(t) for t in expected)


def test_curated_file_is_never_overwritten(project, cli, tmp_path):
    """Re-ingesting a digest whose article changed keeps the curated file and writes .incoming beside it."""
    curated = project / "content" / "articles" / "2025-10-07-hanshan-capex.yaml"
    original = curated.read_bytes()
    changed = (project / "raw" / "digest.txt").read_text(encoding="utf-8").replace("120億元", "130億元")
    raw = write(tmp_path / "digest.txt", changed)
    r = cli("ingest", str(raw), cwd=project)
    assert r.code == 0, r.text
    assert curated.read_bytes() == original
    incoming = curated.with_suffix(".incoming")
    assert incoming.is_file() and "130億元" in incoming.read_text(encoding="utf-8")
    assert "changed" in r.out and "merge" in r.err
    # the unchanged articles of the same digest were recognized, not duplicated
    assert len(list((project / "content" / "articles").glob("*.yaml"))) == 3


def test_bad_inputs_are_named(project, cli, tmp_path):
    png = tmp_path / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    nobody = write(tmp_path / "nobody.txt", "#t\n一個沒有正文的標題\n")
    good = write(tmp_path / "good.txt", DIGEST)
    r = cli("ingest", str(png), str(nobody), str(good), "--content-dir", str(tmp_path / "c"), cwd=project)
    assert r.code == 1
    assert_no_traceback(r)
    assert "photo.png" in r.err and "binary" in r.err
    assert "nobody.txt:2" in r.err
    assert len(articles(tmp_path / "c")) == 2  # the good file still went in


def test_missing_path_and_usage(project, cli, tmp_path):
    r = cli("ingest", str(tmp_path / "nope.txt"), cwd=project)
    assert r.code == 1 and "no such file" in r.err
    assert cli("ingest", cwd=project).code == 2
    assert cli("frobnicate", cwd=project).code == 2
