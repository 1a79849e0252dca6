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


def write_tree(root: Path, files: dict[str, bytes], *, seen: dict[str, tuple[int, int, bytes]] | None = None
               ) -> WriteStats:
    """`seen` (a long-lived Build's, in serve): what each file held when last written or compared, and its
    size and mtime then; a file whose stat is unchanged and whose new bytes equal the old (often the very
    same object: unchanged pages are reused) is not read back from disk."""
    root.mkdir(parents=True, exist_ok=True)
    written = unchanged = removed = 0
    remember = seen is not None
    seen = {} if seen is None else seen
    for rel, data in files.items():
        p = root / rel
        try:
            st = p.stat()
            old = seen.get(rel)
            if old is not None and old[0] == st.st_size and old[1] == st.st_mtime_ns and (old[2] is data
                                                                                         or old[2] == data):
                unchanged += 1
                continue
            if st.st_size == len(data) and p.read_bytes() == data:
                unchanged += 1
                if remember:
                    seen[rel] = (st.st_size, st.st_mtime_ns, data)
                continue
        except FileNotFoundError:
            p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_name(f".{p.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, p)  # readers (the dev server) never see a half-written page
        written += 1
        if remember:
            st = p.stat()
            seen[rel] = (st.st_size, st.st_mtime_ns, data)
    wanted = {os.path.normpath(rel) for rel in files}
    top = str(root)
    for dirpath, _dirnames, filenames in os.walk(top, topdown=False):
        for name in filenames:
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, top)
            if rel not in wanted and name not in KEEP:
                os.unlink(full)
                seen.pop(rel, None)
                removed += 1
        if dirpath != top and not os.listdir(dirpath):
            os.rmdir(dirpath)
    return WriteStats(written, unchanged, removed)
