"""Where the raw digests are, so quotes and values can be verified against the text they came from.

Digests are looked up by file name in the configured raw directories (sinoreport.yml `project.raw`) and
in the places `sinoreport ingest` remembered reading them from (.sinoreport/sources.yaml, git-ignored).
Verification is never silently off: `coverage` says how many articles were checked against raw text
and why the others could not be.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sinoreport.ingest.digest import Digest, DigestError, RawArticle, read_digest
from sinoreport.model import Article

SOURCES = Path(".sinoreport") / "sources.yaml"



def remembered(root: Path) -> dict[str, Path]:
    """File name → where ingest read it, from .sinoreport/sources.yaml (empty when absent or unreadable)."""
    path = root / SOURCES
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return {str(k): Path(v) for k, v in (data.get("digests") or {}).items()}
    except (OSError, yaml.YAMLError, AttributeError):
        return {}


@dataclass
class RawIndex:
    """Finds and caches raw digests by file name across the raw directories and remembered places."""

    dirs: list[Path]
    known: dict[str, Path] = field(default_factory=dict)
    # digests by path and content, kept by a long-lived Build (serve checks on every edit)
    digests: dict[Path, tuple[bytes, Digest, dict[str, RawArticle]]] = field(default_factory=dict)
    _cache: dict[str, Digest | None] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def _read(self, p: Path) -> Digest:
        key = hashlib.sha1(p.read_bytes()).digest()
        hit = self.digests.get(p)
        if hit is None or hit[0] != key:
            hit = self.digests[p] = (key, read_digest(p), {})
        return hit[1]

    def _by_sha(self, d: Digest) -> dict[str, RawArticle]:
        """sha256 → article of a digest, computed once per digest (not once per article that looks)."""
        for _, digest, table in self.digests.values():
            if digest is d:
                if not table:
                    table.update({ra.sha256: ra for ra in reversed(d.articles)})
                return table
        return {ra.sha256: ra for ra in reversed(d.articles)}

    def digest(self, name: str) -> Digest | None:
        if name not in self._cache:
            self._cache[name] = None
            if "/" in name or "\\" in name or name.startswith("."):
                self.errors[name] = "the raw file name must be a plain file name"
                return None
            places = [d / name for d in self.dirs] + ([self.known[name]] if name in self.known else [])
            for p in places:
                if p.is_file():
                    try:
                        self._cache[name] = self._read(p)
                    except DigestError as e:
                        self.errors[name] = str(e)
                    break
            else:
                self.errors.setdefault(name, "not found in the raw directories (" + ", ".join(
                    str(d) for d in self.dirs) + ") nor where ingest last read it")
        return self._cache[name]

    def article(self, a: Article) -> RawArticle | None:
        d = self.digest(a.source.file)
        if d is None:
            return None
        return self._by_sha(d).get(a.source.sha256)

    @property
    def available(self) -> bool:
        return any(d.is_dir() for d in self.dirs) or any(p.is_file() for p in self.known.values())


@dataclass
class Coverage:
    """How many articles were verified against their raw text, and why the others were not."""

    verified: list[str] = field(default_factory=list)
    unverified: dict[str, str] = field(default_factory=dict)  # article id → why

    def line(self) -> str:
        n = len(self.verified) + len(self.unverified)
        if not self.unverified:
            return ("quotes verified against the raw text of the article" if n == 1
                    else f"quotes verified against the raw text for all {n} articles")
        why = Counter(self.unverified.values())
        reasons = "; ".join(f"{k} ({v})" for k, v in why.most_common())
        return (f"quotes verified against the raw text for {len(self.verified)} of {n} articles — "
                f"not verified: {reasons}")
