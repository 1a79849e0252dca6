"""The search index as the build writes it: one per locale, under <site>/search/, by both builds."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import copy_project

from sinoreport.search import engine


def meta(site: Path, locale: str) -> dict:
    return json.loads(gzip.decompress((site / "search" / locale / "meta.bin").read_bytes()))


def test_each_locale_has_its_own_index_of_its_own_pages(fixture_site):
    for locale, prefix in (("en", ""), ("zh-Hans", "zh-Hans/"), ("zh-Hant", "zh-Hant/")):
        m = meta(fixture_site, locale)
        assert m["lang"] == locale and m["n"] == len(m["docs"]) > 10
        build = fixture_site / "search" / locale / m["build"]
        docs = [json.loads(gzip.decompress((build / f"d{i}.bin").read_bytes())) for i in range(m["n"])]
        assert all(d["u"].startswith(prefix) for d in docs)
        if prefix == "":
            assert not any(d["u"].startswith(("zh-Hans/", "zh-Hant/")) for d in docs)
        urls = {d["u"]: d for d in docs}
        # articles, briefs, profiles and glossary terms are searchable; listings are not
        assert {f"{prefix}articles/2025-10-07-hanshan-capex/", f"{prefix}companies/nvidia/",
                f"{prefix}briefs/hanshan-outlook/", f"{prefix}glossary/#capex"} <= set(urls)
        assert not any("/page/" in u or "/months/" in u or "tags/" in u or u == prefix for u in urls)
        assert "".join(m["docs"][i] for i in range(m["n"])) == "".join(engine.KIND_CODES[d["k"]] for d in docs)
        # a name resolves to its profile's document
        nvidia = m["entries"][m["forms"]["nvidia"][0]]
        assert docs[nvidia[3]]["u"] == f"{prefix}companies/nvidia/"
        # every shard decodes, and they cover the tokens in order
        shards = sorted(build.glob("s*.bin"), key=lambda p: int(p.stem[1:]))
        assert len(shards) == len(m["shards"])
        firsts = [next(iter(engine.decode_shard(gzip.decompress(p.read_bytes())))) for p in shards]
        assert firsts == m["shards"]


def test_chinese_locales_get_tables_for_the_other_script(fixture_site):
    hans, hant = meta(fixture_site, "zh-Hans"), meta(fixture_site, "zh-Hant")
    assert "佔占" in hans["chars"] and "占佔" in hant["chars"]
    assert hans["t"]["search_kind_brief"] == "简报" and hant["t"]["search_kind_brief"] == "簡報"
    assert "chars" not in meta(fixture_site, "en")


def test_plain_mkdocs_build_writes_the_index_too(tmp_path):
    project = copy_project(tmp_path / "project")
    p = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
                       cwd=project, capture_output=True, text=True, timeout=600,
                       env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert p.returncode == 0, p.stderr
    for locale in ("en", "zh-Hans", "zh-Hant"):
        assert meta(tmp_path / "site", locale)["n"] > 10
