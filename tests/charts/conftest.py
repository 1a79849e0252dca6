"""The chart tests' project: the shared fixture project plus an overlay (tests/charts/overlay) with a raw
digest of three fictional articles whose rows feed every chart family, a second company with moats, and
a brief that embeds charts. Metrics and entities are appended to the fixture's lists. Also: the project
built once per session, and a static server for browser tests."""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
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
    """The chart test project, built once per session with the real CLI; returns build/site."""
    from tests.conftest import run_cli

    root = copy_chart_project(tmp_path_factory.mktemp("chart-site") / "project")
    r = run_cli("build", cwd=root)
    assert r.code == 0, r.text
    return root / "build" / "site"


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port) from a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass
