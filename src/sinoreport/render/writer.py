"""Write a rendered tree to disk, touching only what changed (so `mkdocs serve` does not loop).

A file whose bytes are unchanged keeps its mtime; files no longer produced are removed, except the
tracked `.gitkeep` that lets MkDocs find `build/docs` on a fresh clone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

KEEP = {".gitkeep"}


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int

    def __str__(self) -> str:
        return f"{self.written} written, {self.unchanged} unchanged, {self.removed} removed"


def write_tree(root: Path, files: dict[str, bytes]) -> WriteStats:
    root.mkdir(parents=True, exist_ok=True)
    written = unchanged = removed = 0
    for rel, data in files.items():
        p = root / rel
        try:
            if p.stat().st_size == len(data) and p.read_bytes() == data:
                unchanged += 1
                continue
        except FileNotFoundError:
            p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_name(f".{p.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, p)  # readers (the dev server) never see a half-written page
        written += 1
    wanted = {os.path.normpath(rel) for rel in files}
    for dirpath, _dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames:
            full = Path(dirpath) / name
            rel = os.path.normpath(full.relative_to(root).as_posix())
            if rel not in wanted and name not in KEEP:
                full.unlink()
                removed += 1
        if dirpath != str(root) and not os.listdir(dirpath):
            os.rmdir(dirpath)
    return WriteStats(written, unchanged, removed)
