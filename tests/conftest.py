"""Shared fixtures: a copy of the small fixture project, the CLI, the seed digest, sites built once per run
(the fixture project and the shipped report), a static server and Chromium. Markers are given here:
`browser` to every test that drives Chromium, `seed` to every test that reads the seed digest."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "project"
SEED = REPO.parent / "shared" / "seeds" / "000_8deb6fad8f11d47a.txt"
IN_CI = bool(os.environ.get("CI"))


PACKAGE_TEMPLATES = REPO / "src" / "sinoreport" / "templates"


def copy_project(dest: Path, source: Path = FIXTURE) -> Path:
    """A buildable project: the fixture's content/data/raw plus the repo's mkdocs.yml. Its templates are
    the package's (it has no templates/ of its own: `override_template` gives it one)."""
    shutil.copytree(source, dest, dirs_exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest  # no build/: plain `mkdocs build` must work on a fresh clone


def override_template(project: Path, rel: str) -> Path:
    """The project's own copy of a package template (`site/article.html.j2`, `strings.yaml` …), made from
    the package's unless the project has one already: edit it to override the package's file."""
    dest = project / "templates" / rel
    if not dest.is_file():
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PACKAGE_TEMPLATES / rel, dest)
    return dest


def copy_shipped(dest: Path) -> Path:
    """The shipped report (content/, data/, templates/, editions/, mkdocs.yml, sinoreport.yml) in a temp dir."""
    for name in ("content", "data", "templates", "editions"):
        shutil.copytree(REPO / name, dest / name, dirs_exist_ok=True)
    for name in ("mkdocs.yml", "sinoreport.yml"):
        shutil.copy2(REPO / name, dest / name)
    (dest / "build" / "docs").mkdir(parents=True, exist_ok=True)
    # raw dirs in sinoreport.yml are relative: point them at the real seed directory when present
    if SEED.is_file():
        text = (dest / "sinoreport.yml").read_text(encoding="utf-8")
        text = text.replace("../shared/seeds", str(SEED.parent))
        (dest / "sinoreport.yml").write_text(text, encoding="utf-8")
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def pytest_collection_modifyitems(config, items) -> None:
    # the markers follow from what a test uses, so `-m "not browser"` can never miss one
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "chromium" in names:
            item.add_marker(pytest.mark.browser)
        if "seed" in names:
            item.add_marker(pytest.mark.seed)
        if {"shipped_site", "fixture_site", "chart_site"} & set(names):
            item.add_marker(pytest.mark.slow)


def _build_with_cli(root: Path, *args: str) -> Path:
    r = run_cli("build", *args, cwd=root, timeout=900)
    assert r.code == 0, r.text
    return root / "build" / "site"


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped report (content/, data/ of this repository) built once per run, without the PDFs."""
    from tests.support.sites import built_once

    return built_once(tmp_path_factory, "shipped", lambda d: _build_with_cli(copy_shipped(d / "report"), "--no-pdf"))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The small fixture project built once per run with a plain `sinoreport build` (PDFs included)."""
    from tests.support.sites import built_once

    return built_once(tmp_path_factory, "fixture", lambda d: _build_with_cli(copy_project(d / "project")))


@pytest.fixture(scope="session")
def shipped_base(shipped_site):
    from sinoreport.dev.httpd import serve

    with serve(shipped_site) as base:
        yield base


@pytest.fixture(scope="session")
def fixture_base(fixture_site):
    from sinoreport.dev.httpd import serve

    with serve(fixture_site) as base:
        yield base


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: int = 300) -> Result:
    """Run the real `sinoreport` console entry point in a subprocess (exit codes, no traceback)."""
    e = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COLUMNS": "200", "TERM": "dumb", **(env or {})}
    e.pop("SINOREPORT_DEBUG", None)
    p = subprocess.run(
        [sys.executable, "-m", "sinoreport.cli", *args],
        cwd=cwd, env=e, capture_output=True, text=True, timeout=timeout,
    )
    return Result(p.returncode, p.stdout, p.stderr)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def seed() -> Path:
    """The seed digest; its tests skip with a reason when ../shared is absent — but never in CI."""
    if not SEED.is_file():
        if IN_CI:
            pytest.fail(f"CI must run the seed tests, but {SEED} is missing")
        pytest.skip(f"seed digest not found at {SEED} (../shared is not beside this clone)")
    return SEED


def assert_no_traceback(r: Result) -> None:
    assert "Traceback" not in r.text, r.text


# --------------------------------------------------------------------------- browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]



@dataclass
class Visit:
    """What a page did while loading: console errors, requests to other hosts, dialogs (alert…)."""

    console_errors: list[str]
    foreign_requests: list[str]
    dialogs: list[str]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (never `playwright install`)."""
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing in CI (make test installs Debian's chromium)")
        pytest.skip(f"{CHROMIUM} not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def visit(browser, url: str, *, javascript: bool = True, color_scheme: str = "light", wait: str = "networkidle"):
    """Open `url` in a fresh context; return (page, context, Visit). Close the context when done."""
    from urllib.parse import urlsplit

    ctx = browser.new_context(java_script_enabled=javascript, color_scheme=color_scheme)
    page = ctx.new_page()
    host = urlsplit(url).netloc
    v = Visit([], [], [])
    page.on("console", lambda m: v.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: v.console_errors.append(str(e)))
    page.on("request", lambda r: v.foreign_requests.append(r.url)
            if urlsplit(r.url).scheme in ("http", "https", "ws", "wss") and urlsplit(r.url).netloc != host else None)

    def on_dialog(d):
        v.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url, wait_until=wait)
    return page, ctx, v
