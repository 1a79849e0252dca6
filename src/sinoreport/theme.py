"""Template helpers for our Material overrides (registered by the MkDocs plugin's on_env).

Material's own script (header, table of contents, sidebars, back-to-top, table scrolling) runs in one
piece as the page finishes parsing: on a throttled phone that is two long tasks (~0.3 s of main thread)
before the page can respond, most of the blocking time Lighthouse measured on our pages. Nothing it does
is needed before the reader does something, so templates/overrides/main.html loads it on the first
pointer, key, touch, wheel or scroll event instead. `material_script` takes the tag out of Material's
`scripts` block so the override can do that without naming the file (its name carries a content hash
that changes with every Material release).

Material's script also wraps every `table:not([class])` in a horizontal scroll container when it mounts.
Done then, after the reader's first action, that would move everything below a table by a few pixels
(a layout shift); `wrap_tables` writes the same wrappers into the page at build time instead, and the
loader keeps Material from wrapping them a second time.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from jinja2 import TemplateRuntimeError
from markupsafe import Markup

# Python-Markdown writes tables as a bare <table>: exactly Material's table:not([class])
_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_WRAPPED = r'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>\1</table></div></div>'
_BUNDLE = re.compile(r'<script src="(?P<src>[^"<>]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


class MaterialScript(NamedTuple):
    src: str  # the bundle's URL, relative to the page as Material wrote it
    rest: Markup  # the block without it (extra_javascript and whatever else Material puts there)


def material_script(block: str) -> MaterialScript:
    """Split Material's `scripts` block into its bundle's URL and everything else."""
    found = list(_BUNDLE.finditer(block))
    if len(found) != 1:
        raise TemplateRuntimeError(
            f"expected one <script src=\".../assets/javascripts/bundle.<hash>.min.js\"> in Material's "
            f"`scripts` block, found {len(found)}: Material changed how it loads its script; update "
            "sinoreport/theme.py and templates/overrides/main.html together")
    m = found[0]
    return MaterialScript(m["src"], Markup(block[: m.start()] + block[m.end():]))


def wrap_tables(html: str) -> str:
    """Every bare table in Material's scroll wrappers, as its script would wrap it."""
    return _TABLE.sub(_WRAPPED, html)
