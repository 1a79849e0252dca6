"""Every test file in tests/ is collected: pytest silently skips folders such as `build`, `dist`, `venv`
and dot-folders (`norecursedirs`), which once hid 25 tests. The guard compares the test files on disk
with what pytest collects, and is shown to catch a file planted where it would be skipped."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def files_on_disk(root: Path) -> set[str]:
    """Every tests/**/test_*.py under root, dot-folders and all (only caches are left out)."""
    found = set()
    for dirpath, dirnames, names in os.walk(root / "tests"):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        found |= {(Path(dirpath) / n).relative_to(root).as_posix() for n in names
                  if n.startswith("test_") and n.endswith(".py")}
    return found


def collected_files(root: Path) -> set[str]:
    """The files pytest collects from root with the project's own configuration (no test is run)."""
    p = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=root, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    return {line.split("::", 1)[0] for line in p.stdout.splitlines() if "::" in line}


def uncollected(root: Path) -> set[str]:
    return files_on_disk(root) - collected_files(root)




def test_every_test_file_in_the_repository_is_collected():
    assert uncollected(REPO) == set()


def test_the_guard_catches_a_file_pytest_would_skip(tmp_path):
    # a project with this repository's pytest configuration and three test files, one of them in a
    # folder pytest skips by default: the guard names exactly that one
    shutil.copy2(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    files = {"tests/unit/test_seen.py", "tests/build/test_hidden.py", "tests/test_top.py"}
    for rel in files:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("def test_one():\n    assert True\n")
    assert uncollected(tmp_path) == {"tests/build/test_hidden.py"}
