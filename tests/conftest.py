"""Shared fixtures: a copy of the small fixture project, the CLI, the seed digest, a served site."""

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


def copy_project(dest: Path, source: Path = FIXTURE) -> Path:
    """A buildable project: the fixture's content/data/raw plus the repo's templates and mkdocs.yml."""
    shutil.copytree(source, dest, dirs_exist_ok=True)
    shutil.copytree(REPO / "templates", dest / "templates", dirs_exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "build" / "docs").mkdir(parents=True, exist_ok=True)
    return dest


def copy_shipped(dest: Path) -> Path:
    """The shipped report (content/, data/, templates/, mkdocs.yml, sinoreport.yml) in a temp dir."""
    for name in ("content", "data", "templates"):
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
