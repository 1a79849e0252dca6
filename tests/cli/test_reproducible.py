"""Two clean builds of the same inputs give byte-identical sites; timestamps come from the edition date."""

import hashlib
import shutil
from pathlib import Path

import pytest
from tests.conftest import copy_project

pytestmark = pytest.mark.slow  # builds real sites; `make test-fast` leaves it out


def digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_clean_builds_are_identical(cli, tmp_path):
    sites = []
    for name in ("one", "two"):  # different directories: no absolute path may leak into the output
        proj = copy_project(tmp_path / name)
        r = cli("build", cwd=proj)
        assert r.code == 0, r.text
        sites.append(digest(proj / "build" / "site"))
        shutil.rmtree(proj / "build" / "docs")
    a, b = sites
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []
    sitemap = (tmp_path / "one" / "build" / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2025-10-10</lastmod>" in sitemap  # the fixture's edition date, not today
