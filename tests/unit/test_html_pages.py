"""HTML pages we write ourselves: final URLs from the page's place, heading ids as MkDocs' toc extension
gives them, the table of contents read back, and the link check that replaces MkDocs' for these pages."""

from sinoreport.load import Problem
from sinoreport.render.html import broken_links, ids_in, toc_tokens
from sinoreport.render.view import _href, page_url


def test_urls_are_directory_urls_relative_to_the_page():
    assert page_url("index.md") == "" and page_url("articles/x.md") == "articles/x/"
    assert page_url("tags/ai/index.md") == "tags/ai/"
    assert _href("companies/y.md", "articles/x.md") == "../../companies/y/"
    assert _href("articles/index.md", "index.md") == "articles/"
    assert _href("index.md", "articles/x.md") == "../../"
    assert _href("glossary/index.md#capex", "companies/y.md") == "../../glossary/#capex"
    assert _href("tags/ai/index.md", "tags/index.md") == "ai/"
    assert _href("articles/page/2.md", "articles/index.md") == "page/2/"
    assert _href("#top", "articles/x.md") == "#top"


def test_toc_tokens_nest_by_level_and_keep_the_text():
    body = ('<h1 id="t">Title</h1>\n<h2 id="a">A &amp; B</h2>\n<h3 id="a1"><a href="x/">Linked</a></h3>\n'
            '<h2 id="b">B</h2>')
    (top,) = toc_tokens(body)
    assert top["id"] == "t" and [c["id"] for c in top["children"]] == ["a", "b"]
    assert top["children"][0]["name"] == "A &amp; B"
    assert top["children"][0]["children"][0] == {"level": 3, "id": "a1", "name": "Linked", "children": []}


def test_ids_leave_out_what_is_inside_svg_and_script():
    assert ids_in('<p id="x"></p><svg><g id="clip1"/></svg><script>a = {"id":"y"}</script>') == {"x"}


def _page(body: str) -> bytes:
    return ("---\ntitle: t\nsr_body: html\n---\n\n" + body).encode()


def test_broken_links_finds_missing_pages_files_and_ids():
    files = {
        "en/index.md": _page('<a href="articles/">a</a> <a href="feed.xml">f</a> <a href="pdf/e.pdf">p</a>'),
        "en/articles/index.md": _page('<h1 id="articles">A</h1><a href="x/">x</a> <a href="../glossary/#capex">c</a>'),
        "en/articles/x.md": _page('<a href="../">up</a> <a href="../y/">gone</a> <a href="#nope">n</a>'
                                  ' <a href="https://example.com/">ext</a> <a href="../../../out/">out</a>'),
        "en/glossary/index.md": _page('<h2 id="capex">Capex</h2> <a href="#capex">self</a>'),
        "en/feed.xml": b"<rss/>",
    }
    found = broken_links(files, ["en"], {"pdf/e.pdf"})
    assert all(isinstance(p, Problem) for p in found)
    said = sorted((p.where.path, p.what) for p in found)
    assert said == [
        ("build/docs/en/articles/x.md", "link to '#nope': articles/x/ has no id 'nope'"),
        ("build/docs/en/articles/x.md", "link to '../../../out/' leads nowhere"),
        ("build/docs/en/articles/x.md", "link to '../y/' leads nowhere"),
    ]
    # the PDF the build will put beside the pages counts only when the build makes it
    assert [p.what for p in broken_links(files, ["en"])] != [p.what for p in found]
