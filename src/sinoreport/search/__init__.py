"""Site search: a static, per-locale index built after MkDocs (sinoreport.site runs `index_site`),
read by templates/assets/search.js in Material's header search box.

- tokens.py   how text becomes tokens (Chinese bigrams, folded words) — shared with the browser
- pages.py    which built pages are searchable, and their text
- aliases.py  names from data/: every spelling readers may type, and what each locale's pages say
- scripts.py  cross-script query tables (OpenCC, the same conversion the pages get)
- engine.py   the index files: gzip shards fetched per query, one small file per result
- index.py    the post-build step that ties these together

What a search costs and finds is measured by developer tooling (sinoreport.dev.search_measure,
search_recall, search_baseline), outside the runtime package.
"""

from __future__ import annotations

from sinoreport.search.index import BUNDLE, SearchError, index_site

__all__ = ["BUNDLE", "SearchError", "index_site"]
