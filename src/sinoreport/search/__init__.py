"""Site search: a static, per-locale index built after MkDocs (sinoreport.site runs `index_site`),
read by templates/assets/search.js in Material's header search box.

- tokens.py   how text becomes tokens (Chinese bigrams, folded words) — shared with the browser
- pages.py    which built pages are searchable, and their text
- aliases.py  names from data/: every spelling readers may type, and what each locale's pages say
- scripts.py  cross-script query tables (OpenCC, the same conversion the pages get)
- engine.py   the index files: gzip shards fetched per query, one small file per result
- index.py    the post-build step that ties these together
- measure.py  bytes a cold visitor transfers for one search, through the real page
"""

from __future__ import annotations

from pathlib import Path

from sinoreport.search.index import BUNDLE, SearchError, index_site

__all__ = ["BUNDLE", "SearchError", "index_site", "measure_query_bytes"]


def measure_query_bytes(site_dir: Path, locale: str, query: str, *, gzip: bool = True) -> int:
    """Bytes a cold visitor transfers for one search on a built site (see measure.py)."""
    from sinoreport.search.measure import query_bytes

    return query_bytes(site_dir, locale, query, gzip=gzip).total
