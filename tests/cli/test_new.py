"""`sinoreport new DIR`: a complete small project that checks clean, builds into a three-locale site at
once, builds with plain `mkdocs build`, previews with `mkdocs serve`, and carries its publishing workflow."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from tests.conftest import assert_no_traceback, run_cli
from tests.support.serving import fetch, serving, wait_for

pytestmark = pytest.mark.slow  # real site builds

TITLE = "Cold chain watch"


class _Tolerant(yaml.SafeLoader):
    """mkdocs.yml read as data: its Python tags (docs_dir, slugify) read as nothing."""


_Tolerant.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@pytest.fixture(scope="module")
def new_project(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("new") / "report"
    r = run_cli("new", str(dest), "--title", TITLE, "--title-zh", "冷鏈觀察")
    assert r.code == 0, r.text
    assert_no_traceback(r)
    return dest


def test_new_writes_a_complete_project(new_project):
    p = new_project
    for rel in ("sinoreport.yml", "mkdocs.yml", "README.md", ".gitignore", ".github/workflows/deploy.yml",
                "requirements.txt", "raw/example-digest.txt", "content/findings.yaml", "data/charts.yaml",
                "data/metrics.yaml", "data/outlets.yaml", "data/tags.yaml", "data/entities.yaml",
                "data/glossary.yaml"):
        assert (p / rel).is_file(), rel
    assert len(list((p / "content" / "articles").glob("*.yaml"))) == 1
    assert len(list((p / "content" / "briefs").glob("*.yaml"))) == 1
    assert len(list((p / "data" / "companies").glob("*.yaml"))) == 1
    assert len(list((p / "data" / "datasets").glob("*.yaml"))) == 1
    assert not (p / "templates").exists()  # the package's templates serve it
    cfg = yaml.safe_load((p / "sinoreport.yml").read_text(encoding="utf-8"))
    assert cfg["site"]["title"] == {"en": TITLE, "zh-Hans": "冷链观察", "zh-Hant": "冷鏈觀察"}
    mk = (p / "mkdocs.yml").read_text(encoding="utf-8")
    mk_cfg = yaml.load(mk, Loader=_Tolerant)
    assert "custom_dir" not in mk_cfg["theme"]  # the plugin supplies the package's overrides
    languages = next(p["i18n"] for p in mk_cfg["plugins"] if isinstance(p, dict) and "i18n" in p)["languages"]
    assert [(x["locale"], x["theme"]["language"]) for x in languages] == [
        ("en", "en"), ("zh-Hans", "zh-Hans"), ("zh-Hant", "zh-Hant")]
    assert (p / "README.md").read_text(encoding="utf-8").startswith(f"# {TITLE}\n")
    assert "/build/" in (p / ".gitignore").read_text(encoding="utf-8").split()
    flow = yaml.safe_load((p / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    steps = [s.get("uses", s.get("run", "")) for s in flow["jobs"]["build"]["steps"]]
    assert any(s.startswith("sinoreport build") for s in steps)
    assert any(s.startswith("actions/upload-pages-artifact") for s in steps)
    assert flow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    # the example row's quote is in the example digest, verbatim
    article = yaml.safe_load(next((p / "content" / "articles").glob("*.yaml")).read_text(encoding="utf-8"))
    (row,) = article["figures"]
    assert row["quote"] in (p / "raw" / "example-digest.txt").read_text(encoding="utf-8")


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    dest = tmp_path / "busy"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine\n", encoding="utf-8")
    r = run_cli("new", str(dest))
    assert r.code == 2 and "not empty" in r.err and "nothing was written" in r.err, r.text
    assert_no_traceback(r)
    assert sorted(x.name for x in dest.iterdir()) == ["notes.txt"]


def test_the_new_project_checks_clean_and_builds_three_locales(new_project):
    r = run_cli("check", "--strict", cwd=new_project, timeout=600)
    assert r.code == 0, r.text
    assert "quotes verified against the raw text of the article" in r.err, r.err  # the example row, in raw/
    r = run_cli("build", "--no-pdf", cwd=new_project, timeout=600,
                env={"SINOREPORT_SITE_URL": "https://someone.github.io/cold-chain"})
    assert r.code == 0, r.text
    site = new_project / "build" / "site"
    for loc, title in (("", TITLE), ("zh-Hans/", "冷链观察"), ("zh-Hant/", "冷鏈觀察")):
        home = (site / loc / "index.html").read_text(encoding="utf-8")
        assert f"<title>{title}" in home
        assert "Yunfan Cold Chain" in home or "云帆冷链" in home or "雲帆冷鏈" in home
    home = (site / "index.html").read_text(encoding="utf-8")
    # a GitHub Pages project site: the workflow's address is the site's, sub-path and all
    assert '<link rel="canonical" href="https://someone.github.io/cold-chain/">' in home
    assert (site / "companies" / "yunfan-cold-chain" / "index.html").is_file()
    assert (site / "data" / "financials.json").is_file()
    # the chart data/charts.yaml declares: on the Data page and the company's page, with a live view
    for page in ("data/index.html", "companies/yunfan-cold-chain/index.html"):
        assert 'data-chart="revenue-by-company"' in (site / page).read_text(encoding="utf-8"), page


def test_plain_mkdocs_builds_and_serves_the_new_project(new_project, tmp_path):
    out = tmp_path / "mkdocs-site"
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=new_project,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    for loc in ("", "zh-Hans/", "zh-Hant/"):
        assert (out / loc / "index.html").is_file()
    log = tmp_path / "serve.log"
    with serving(["mkdocs", "serve", "-a", "127.0.0.1:{port}"], new_project, log) as base:
        assert wait_for(lambda: f"<title>{TITLE}" in fetch(base), 120, every=0.5), log.read_text()[-3000:]
        assert wait_for(lambda: "<title>冷鏈觀察" in fetch(base + "zh-Hant/"), 30), log.read_text()[-3000:]
