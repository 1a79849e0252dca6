"""The shipped report's pages open with their key findings, and every value there leads to its data row."""

import re
from pathlib import Path


def _block(html: str) -> str:
    start = re.search(r'<section [^>]*id="key-findings"[^>]*>', html).start()  # Markdown orders attributes its way
    return html[start:html.index("</section>", start)]


def test_home_and_every_brief_open_with_three_to_five_findings(shipped_site: Path):
    for prefix in ("", "zh-Hans/", "zh-Hant/"):
        root = shipped_site / prefix
        briefs = sorted(p for p in (root / "briefs").glob("*/index.html") if p.parent.name != "page")
        assert len(briefs) == 5
        for page in [root / "index.html", *briefs]:
            html = page.read_text(encoding="utf-8")
            block = _block(html)
            assert 3 <= block.count("<li>") <= 5, page
            if page.parent.parent.name == "briefs":  # above the analysis: the body's first heading follows it
                assert html.index('id="key-findings"') < html.index('<h2 id="', html.index("</section>",
                                                                       html.index('id="key-findings"')))
            for href in re.findall(r'class="sr-finding-value" href="([^"]+)"', block):
                path, _, anchor = href.partition("#")
                target = (page.parent / path / "index.html").resolve()
                assert anchor.startswith("row-") and f'<tr id="{anchor}">' in target.read_text(encoding="utf-8"), href
