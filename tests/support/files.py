"""Editing a copied project's files in a test, and finding where a text sits in them."""

from __future__ import annotations

from pathlib import Path


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """Replace the first `old` in `root/rel` with `new` (which must be there: a test edits what exists)."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    """The 1-based line of `root/rel` that holds `needle`."""
    for n, line in enumerate((root / rel).read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return n
    raise AssertionError(needle)
