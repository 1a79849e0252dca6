"""Steps that run on the built HTML site, after MkDocs has written every locale.

Each step takes the project settings and the site directory. They run from the MkDocs plugin's
on_post_build, so `sinoreport build`, `mkdocs build` and `mkdocs serve` all get them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sinoreport.config import Settings

Step = Callable[[Settings, Path, bool], None]


def steps() -> list[Step]:
    out: list[Step] = []
    try:
        from sinoreport.search import index_site
    except ImportError:
        pass
    else:
        out.append(index_site)
    return out


def post_build(settings: Settings, site: Path, serving: bool = False) -> None:
    for step in steps():
        step(settings, site, serving)
