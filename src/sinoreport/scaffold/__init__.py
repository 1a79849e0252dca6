"""`sinoreport new DIR`: a complete small project to start a report from.

The project's files are in `project/` beside this module, as they are written (a `dot-` prefix becomes
`.`: `dot-github/` → `.github/`), with a few markers filled in: the title (`@@TITLE_EN@@`, and the Chinese
titles), the author, the edition date, and the example article's fingerprint of its raw text
(`@@SHA256@@`, computed from the example digest as ingest computes it). Its templates are the package's;
the project has none of its own until it wants one.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

FILES = Path(__file__).resolve().parent / "project"
DIGEST = "raw/example-digest.txt"


class ScaffoldError(Exception):
    """The target cannot take a new project (it exists and is not empty, or is not a folder)."""


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _digest_sha256(text: str) -> str:
    """The fingerprint ingest records for the example digest's article (`source.sha256`)."""
    from sinoreport.ingest.digest import parse_digest_text

    return parse_digest_text(text, DIGEST).articles[0].sha256


def files(title: str, *, title_zh: str | None = None, author: str = "", edition: dt.date | None = None
          ) -> dict[str, bytes]:
    """Every file of the new project: path → bytes."""
    digest = (FILES / DIGEST).read_text(encoding="utf-8")
    zh = title_zh or title
    marks = {
        "@@TITLE_EN@@": _yaml_str(title),
        "@@TITLE_HANS@@": _yaml_str(_simplified(zh) if title_zh else zh),
        "@@TITLE_HANT@@": _yaml_str(zh),
        "@@AUTHOR@@": _yaml_str(author or title),
        "@@EDITION@@": (edition or dt.date.today()).isoformat(),
        "@@SHA256@@": _digest_sha256(digest),
    }
    out: dict[str, bytes] = {}
    for p in sorted(FILES.rglob("*")):
        if not p.is_file() or "__pycache__" in p.parts:
            continue
        rel = "/".join("." + part[4:] if part.startswith("dot-") else part for part in p.relative_to(FILES).parts)
        data = p.read_bytes()
        if rel.endswith((".yml", ".yaml", ".md")):
            text = data.decode("utf-8")
            for mark, value in marks.items():
                # the README's heading takes the title as text, YAML files as a quoted scalar
                text = text.replace(mark, title if rel.endswith(".md") and mark == "@@TITLE_EN@@" else value)
            data = text.encode("utf-8")
        out[rel] = data
    return out


def _simplified(text: str) -> str:
    """A Chinese title written in Traditional, in Simplified (OpenCC, as the pages convert)."""
    from sinoreport.i18n.convert import Converter

    return Converter("hant").to_script(text, "hans")


def write_project(dest: Path, title: str, *, title_zh: str | None = None, author: str = "",
                  edition: dt.date | None = None) -> list[str]:
    """Write a new project into `dest` (made if missing; refused if it holds anything). Returns the paths
    written."""
    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise ScaffoldError(f"{dest} exists and is not a folder")
    if dest.is_dir() and any(dest.iterdir()):
        raise ScaffoldError(f"{dest} is not empty: `sinoreport new` writes only into an empty or new folder "
                            "(nothing was written)")
    made = files(title, title_zh=title_zh, author=author, edition=edition)
    for rel, data in made.items():
        p = dest / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return sorted(made)
