"""sinoreport.theme: Material's script tag taken out of its block, tables wrapped as its script would."""

from __future__ import annotations

import pytest
from jinja2 import TemplateRuntimeError

from sinoreport.theme import material_script, wrap_tables

BLOCK = """
  <script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>
  <script src="../assets/sinoreport/search.js" type="module"></script>
"""


def test_material_script_splits_the_block():
    found = material_script(BLOCK)
    assert found.src == "../assets/javascripts/bundle.a5f9d56c.min.js"
    assert "bundle" not in found.rest
    assert '<script src="../assets/sinoreport/search.js" type="module"></script>' in found.rest


@pytest.mark.parametrize("block", [
    '<script src="../assets/sinoreport/search.js"></script>',  # Material no longer loads it this way
    BLOCK + BLOCK,  # or loads two: we would not know which to defer
])
def test_material_script_refuses_a_block_it_does_not_understand(block):
    with pytest.raises(TemplateRuntimeError, match="update"):
        material_script(block)


def test_wrap_tables_wraps_bare_tables_only():
    html = "<p>x</p><table>\n<tr><td>1</td></tr>\n</table><table class=\"grid\"><tr><td>2</td></tr></table>"
    out = wrap_tables(html)
    assert out.count('<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>') == 1
    assert '<table>\n<tr><td>1</td></tr>\n</table></div></div><table class="grid">' in out
    assert wrap_tables("<p>no tables</p>") == "<p>no tables</p>"
