"""The chart tests' project: the shared fixture project plus an overlay (tests/charts/overlay) with a raw
digest of three fictional articles whose rows feed every declared chart (its data/charts.yaml), a second
company with moats, and a brief that embeds charts. Metrics and entities are appended to the fixture's
lists. Also: the project built once per run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import copy_project

OVERLAY = Path(__file__).parent / "overlay"
APPEND = {"metrics.append.yaml": "data/metrics.yaml", "entities.append.yaml": "data/entities.yaml"}


def copy_chart_project(dest: Path) -> Path:
    copy_project(dest)
    for src in OVERLAY.rglob("*"):
        rel = src.relative_to(OVERLAY).as_posix()
        if src.is_dir() or rel in APPEND:
            continue
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest / rel)
    for name, target in APPEND.items():
        with (dest / target).open("a", encoding="utf-8") as f:
            f.write((OVERLAY / name).read_text(encoding="utf-8"))
    return dest


@pytest.fixture
def chart_project(tmp_path: Path) -> Path:
    return copy_chart_project(tmp_path / "project")


@pytest.fixture(scope="session")
def chart_site(tmp_path_factory) -> Path:
    """The chart test project, built once per run with the real CLI; returns build/site."""
    from tests.conftest import run_cli
    from tests.support.sites import built_once

    def build(folder: Path) -> Path:
        root = copy_chart_project(folder / "project")
        r = run_cli("build", cwd=root)
        assert r.code == 0, r.text
        return root / "build" / "site"

    return built_once(tmp_path_factory, "charts", build)
