"""The site engine is replaceable: plain `mkdocs build` and ProperDocs (the maintained MkDocs 1.6 fork)
build the same site from a fresh project (no build/ yet) through our plugin."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import copy_project

pytestmark = pytest.mark.slow  # two real site builds

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): GENERATOR.sub(b"", p.read_bytes())
            for p in sorted(site.rglob("*.html"))}


def build(engine: list[str], project: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*engine, "build", "-q", "-f", "mkdocs.yml", "-d", str(site)], cwd=project,
                          capture_output=True, text=True, timeout=600,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})


def test_mkdocs_and_properdocs_build_the_same_site_from_a_fresh_project(tmp_path):
    project = copy_project(tmp_path / "project")
    assert not (project / "build").exists()  # as on a fresh clone: the plugin makes build/docs
    one = build([sys.executable, "-m", "mkdocs"], project, tmp_path / "mkdocs-site")
    assert one.returncode == 0, one.stderr
    two = build([str(Path(sys.executable).with_name("properdocs"))], project, tmp_path / "properdocs-site")
    assert two.returncode == 0, two.stderr
    a, b = pages(tmp_path / "mkdocs-site"), pages(tmp_path / "properdocs-site")
    assert len(a) > 50 and sorted(a) == sorted(b)
    assert [k for k in a if a[k] != b[k]] == []
    assert b"ProperDocs" in (tmp_path / "properdocs-site" / "index.html").read_bytes()  # it did build it
    # the HTML pages we write went through untouched by Python-Markdown, with their table of contents
    article = next(k for k in b if k.startswith("articles/") and k.count("/") == 2)
    html = b[article].decode()
    assert 'class="md-nav__link" href="#summary"' in html.replace("\n", " ") or 'href="#summary"' in html
    for locale in ("en", "zh-Hans", "zh-Hant"):
        assert (tmp_path / "properdocs-site" / "search" / locale / "meta.bin").is_file()
