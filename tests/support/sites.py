"""A site built once per test run, whatever the number of xdist workers.

Session fixtures are per worker under xdist, so a fixture that builds the shipped report would build it
once in every worker. `built_once` builds in a folder every worker of the run shares (the parent of the
workers' base temp folders) under a file lock: the first worker builds, the others wait and reuse it.
A failed build is remembered, so the others fail with its message instead of building again.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path

import pytest


def shared_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.getbasetemp()
    # under xdist each worker's base is <run>/popen-gwN: the run's folder is shared; alone, the base is ours
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], Path]) -> Path:
    """`build(folder)` returns the built site; it runs once per test run for this `name`."""
    root = shared_root(tmp_path_factory) / f"shared-{name}"
    root.mkdir(exist_ok=True)
    done, failed = root / "site-path", root / "failed"
    with open(root / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if failed.exists():
                pytest.fail(f"the shared {name} build failed in another worker:\n{failed.read_text()}")
            if not done.exists():
                try:
                    site = build(root / "work")
                except BaseException as e:
                    failed.write_text(f"{type(e).__name__}: {e}")
                    raise
                done.write_text(str(site))
            return Path(done.read_text())
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
