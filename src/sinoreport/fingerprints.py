"""Cheap change detectors: what a build can compare to know whether its inputs changed.

tree(paths)       — every file's path, size and modification time under these paths
code(*dists)      — sinoreport's own code (every module but the dev tools) and the versions of the
                    named distributions it runs through (WeasyPrint, MkDocs, Material …)
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def tree(paths: list[Path]) -> str:
    h: list[str] = []
    for root in paths:
        if root.is_file():
            st = root.stat()
            h.append(f"{root}:{st.st_size}:{st.st_mtime_ns}")
            continue
        if not root.exists():
            continue
        for dirpath, dirs, names in os.walk(root):
            dirs.sort()
            for n in sorted(names):
                p = os.path.join(dirpath, n)
                try:
                    st = os.stat(p)
                except FileNotFoundError:
                    continue
                h.append(f"{p}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(h).encode()).hexdigest()


@cache
def code(*dists: str) -> str:
    h = hashlib.sha256()
    for d in dists:
        try:
            h.update(f"{d}={importlib.metadata.version(d)}\n".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{d}=-\n".encode())
    for p in sorted(_PACKAGE.rglob("*")):
        rel = p.relative_to(_PACKAGE)
        if (p.is_file() and p.suffix in (".py", ".yaml", ".js", ".json") and "__pycache__" not in rel.parts
                and rel.parts[0] != "dev"):
            h.update(str(rel).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()
