"""The hostile-input battery: every case states its input and its expected outcome.

- Digests (ingest): odd encodings decode right; broken or binary files are named, with exit 1.
- Content files (check): malformed YAML and bad references get a located error, exit 1, no traceback,
  and no code runs.
- Markup in content (build): renders inert; verified in Chromium that nothing executes.
- Always: nothing is written outside the project's build/ (and content/ for ingest), no traceback.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import opencc
import pytest
import yaml
from tests.conftest import assert_no_traceback, copy_project, visit

from sinoreport.dev.httpd import serve

GOOD = (
    "#測試\n"
    "雲端公司公布季度資本開支\n"
    "這家公司今天公布第二季資本開支為120億元,較上季增長40%。分析師認為明年營收將成長25%。 (測試日報)\n"
)
HANS = opencc.OpenCC("tw2sp").convert(GOOD)


# --------------------------------------------------------------------------- digests


@dataclass(frozen=True)
class DigestCase:
    name: str
    data: bytes
    code: int
    expect: tuple[str, ...] = ()  # substrings of stderr (errors) or of the written titles (success)
    script: str | None = None


DIGESTS = [
    DigestCase("utf8", GOOD.encode(), 0, ("雲端公司公布季度資本開支",), "hant"),
    DigestCase("utf8-bom-crlf", codecs.BOM_UTF8 + GOOD.replace("\n", "\r\n").encode(), 0, ("雲端公司",), "hant"),
    DigestCase("cr-only", GOOD.replace("\n", "\r").encode(), 0, ("雲端公司",), "hant"),
    DigestCase("utf16-le-bom", codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"), 0, ("雲端公司",), "hant"),
    DigestCase("utf16-be-no-bom", GOOD.encode("utf-16-be"), 0, ("雲端公司",), "hant"),
    DigestCase("big5", GOOD.encode("big5"), 0, ("雲端公司",), "hant"),
    DigestCase("gb18030", HANS.encode("gb18030"), 0, ("云端公司",), "hans"),
    DigestCase("empty", b"", 1, ("empty",)),
    DigestCase("binary", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, 1, ("binary",)),
    DigestCase("nul-bytes", GOOD.encode().replace("。".encode(), b"\x00", 1), 1, ("NUL",)),
    DigestCase("title-without-body", "#t\n只有一個標題\n".encode(), 1, (":2", "no body")),
    DigestCase("body-without-outlet", "#t\n標題\n正文沒有來源媒體。\n".encode(), 1, ("does not end with (Outlet)",)),
    DigestCase("tags-only", "#只有標籤\n\n".encode(), 1, ("no articles",)),
    DigestCase("latin1", "#t\nCaf\xe9 news\nA body (Le Monde)\n".encode("latin-1") + bytes([0xE9]) * 3, 1, ("UTF-8",)),
    DigestCase("random-bytes", hashlib.sha512(b"x").digest() * 40, 1, ("txt",)),
    DigestCase("megabyte-line", ("#t\n標題\n" + "長" * 1_200_000 + " (測試日報)\n").encode(), 1, ("characters",)),
    DigestCase("markup-title", "#t\n<script>alert(1)</script>{{ 7*7 }}\n正文。 (測試日報)\n".encode(), 0,
               ("<script>alert(1)</script>{{ 7*7 }}",), "hant"),
]


@pytest.mark.parametrize("case", DIGESTS, ids=lambda c: c.name)
def test_digest(case: DigestCase, project, cli, tmp_path):
    raw = tmp_path / f"{case.name}.txt"
    raw.write_bytes(case.data)
    out = tmp_path / "out"
    before = snapshot(project)
    t0 = time.monotonic()
    r = cli("ingest", str(raw), "--content-dir", str(out), cwd=project, timeout=60)
    assert time.monotonic() - t0 < 60
    assert r.code == case.code, r.text
    assert_no_traceback(r)
    assert snapshot(project) == before  # ingest wrote only into --content-dir
    if case.code:
        assert f"{case.name}.txt" in r.err
        for s in case.expect:
            assert s in r.err, (s, r.err)
        assert not (out / "articles").exists() or not list((out / "articles").glob("*.yaml"))
    else:
        docs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (out / "articles").glob("*.yaml")]
        assert len(docs) == 1
        for s in case.expect:
            assert s in docs[0]["title"]["zh"]
        assert docs[0]["source"]["script"] == case.script


# --------------------------------------------------------------------------- content files


ART = "content/articles/2025-10-07-hanshan-capex.yaml"
CO = "data/companies/nvidia.yaml"


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        p = root / rel
        text = p.read_text(encoding="utf-8")
        assert old in text, old
        p.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def write(rel: str, data: bytes | str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return apply


@dataclass(frozen=True)
class ContentCase:
    name: str
    mutate: Callable[[Path], None]
    where: str  # "path:line" the error must point at
    what: str  # a substring of the message


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9)
)

CONTENT = [
    ContentCase("yaml-syntax", replace(ART, "outlet: 測試日報", "outlet: [測試日報"), ART + ":", "YAML syntax"),
    ContentCase("python-tag", replace(ART, "status: curated", "status: !!python/object/apply:os.system [touch PWNED]"),
                ART + ":2", "tag"),
    ContentCase("custom-tag", replace(CO, "id: nvidia", "id: !evil nvidia"), CO + ":1", "tag"),
    ContentCase("alias-bomb", write("data/glossary.yaml", BOMB), "data/glossary.yaml:1", "anchor"),
    ContentCase("merge-key", write("data/tags.yaml", "tags:\n  - <<: {id: x}\n"), "data/tags.yaml:2", "merge"),
    ContentCase("duplicate-key", replace(ART, "status: curated\n", "status: curated\nstatus: draft\n"), ART + ":3",
                "duplicate key"),
    ContentCase("wrong-type", replace(ART, "value: 40\n", "value: lots\n"), ART + ":", "number"),
    ContentCase("bad-date", replace(ART, "date: 2025-10-07", "date: 2025-13-45"), ART + ":7", "date"),
    ContentCase("bad-period", replace(ART, "period: 2025Q2", "period: second quarter"), ART + ":", "period"),
    ContentCase("unknown-company", replace(ART, "  - nvidia\n", "  - nvidai\n"), ART + ":18", "unknown company"),
    ContentCase("unknown-entity", replace(ART, "entity: nvidia", "entity: nobody"), ART + ":", "unknown entity"),
    ContentCase("unknown-metric", replace(ART, "metric: market-share", "metric: vibes"), ART + ":", "unknown metric"),
    ContentCase("unknown-unit", replace(ART, 'unit: "%"', "unit: furlongs"), ART + ":", "unknown unit"),
    ContentCase("unknown-tag", replace(ART, "  - capex\n", "  - nope\n"), ART + ":", "unknown tag"),
    ContentCase("dotdot-id", replace(ART, "id: 2025-10-07-hanshan-capex", "id: ../../etc/passwd"), ART + ":1",
                "url-safe"),
    ContentCase("uppercase-id", replace(CO, "id: nvidia", "id: NVIDIA"), CO + ":1", "url-safe"),
    ContentCase("duplicate-id", write("content/articles/copy.yaml",
                                      (Path(__file__).parents[1] / "fixtures/project" / ART).read_bytes()),
                "content/articles/copy.yaml:1", "duplicate article id"),
    ContentCase("long-string", replace(ART, "  en: A test article; the date is made up.",
                                       "  en: " + "x" * 25_000), ART + ":", "at most"),
    ContentCase("long-quote", replace(ART, "quote: 較上季增長40%", "quote: " + "較上季增長40%" * 12), ART + ":",
                "at most 80"),
    ContentCase("unknown-key", replace(ART, "status: curated\n", "status: curated\nsumary: {en: typo}\n"), ART + ":3",
                "unknown key"),
    ContentCase("not-utf8", write("data/outlets.yaml", "outlets: []\n# caf\xe9\n".encode("latin-1")),
                "data/outlets.yaml:2", "UTF-8"),
    ContentCase("nul-in-yaml", write("data/outlets.yaml", b"outlets: []\x00\n"), "data/outlets.yaml", "NUL"),
    ContentCase("huge-yaml", write("data/outlets.yaml", "outlets: []\n" + "#" * 3_000_000), "data/outlets.yaml",
                "limit"),
    ContentCase("quote-not-in-source", replace(ART, "quote: 較上季增長40%", "quote: 較上季大增40%"), ART + ":",
                "not found in the raw article"),
    ContentCase("value-not-quoted", replace(ART, "value: 12000000000", "value: 13000000000"), ART + ":",
                "not a number the quote writes"),
    ContentCase("source-path", replace(ART, "file: digest.txt", "file: ../../../etc/passwd"), ART + ":", "plain file"),
    ContentCase("footnote-out-of-range", replace("content/briefs/hanshan-outlook.yaml", "up 40%.[^1]", "up 40%.[^9]"),
                "content/briefs/hanshan-outlook.yaml:", "footnote [^9]"),
    ContentCase("empty-file", write("data/entities.yaml", ""), "data/entities.yaml:1", "empty"),
]


@pytest.mark.parametrize("case", CONTENT, ids=lambda c: c.name)
def test_content(case: ContentCase, project, cli):
    case.mutate(project)
    before = snapshot(project)
    r = cli("check", cwd=project, timeout=60)
    assert r.code == 1, r.text
    assert_no_traceback(r)
    lines = [ln for ln in r.err.splitlines() if case.what in ln]
    assert lines, r.err
    assert any(ln.startswith(case.where) for ln in lines), (case.where, lines)
    assert all(" — " in ln for ln in lines)  # every message says how to fix it
    assert not (project / "PWNED").exists()
    assert snapshot(project) == before  # check writes nothing


@pytest.mark.slow
def test_build_refuses_bad_content_and_keeps_the_site(project, cli):
    assert cli("build", cwd=project).code == 0
    site = snapshot(project / "build" / "site")
    replace(ART, "status: curated", "status: !!python/object/apply:os.system [touch PWNED]")(project)
    r = cli("build", cwd=project)
    assert r.code == 1 and "left as it was" in r.err
    assert_no_traceback(r)
    assert snapshot(project / "build" / "site") == site
    assert not (project / "PWNED").exists()


# --------------------------------------------------------------------------- markup rendered inert

PAYLOADS = {
    "script": "<script>window.__pwned=1;alert('script')</script>",
    "img-onerror": "<img src=x onerror=\"window.__pwned=2;alert('img')\">",
    "iframe": "<iframe src=\"javascript:alert('iframe')\"></iframe>",
    "js-link": "[click me](javascript:alert('link'))",
    "data-link": "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "svg": "<svg onload=\"alert('svg')\"><script>alert('svg2')</script></svg>",
    "attr-list": "text { onclick=\"alert('attr')\" }",
    "jinja": "{{ 7*7 }} {% raw %}{{ config }}{% endraw %} {{ ''.__class__ }}",
    "entity": "&lt;script&gt;alert('entity')&lt;/script&gt;",
    "md-html-block": "\n\n<div markdown=\"1\"><script>alert('block')</script></div>\n\n",
}


def inject(root: Path) -> None:
    """Every payload into every kind of text field: titles, summaries, key points, notes, briefs, names."""
    art = root / ART
    text = art.read_text(encoding="utf-8")
    joined = " ".join(PAYLOADS.values()).replace("\n", " ")
    text = text.replace("  en: Hanshan Cloud lifts quarterly capex by 40%", "  en: " + yaml_str(PAYLOADS["script"]))
    text = text.replace("  - en: Quarterly capex reached CNY 12 bn, up 40% on the quarter.",
                        "  - en: " + yaml_str(joined))
    text = text.replace("    note: {en: Share of the local AI-chip market., zh: 當地AI晶片市場份額。}",
                        "    note: {en: " + yaml_str(PAYLOADS["img-onerror"]) + ", zh: " + yaml_str(joined) + "}")
    text = text.replace("  en: A test article; the date is made up.", "  en: " + yaml_str('" onmouseover="alert(1)'))
    art.write_text(text, encoding="utf-8")
    brief = root / "content/briefs/hanshan-outlook.yaml"
    b = brief.read_text(encoding="utf-8")
    body = "\n".join(f"    {line}" for line in "\n\n".join(PAYLOADS.values()).splitlines())
    b = b.replace("    ## What to watch\n", "    ## What to watch\n\n" + body + "\n\n")
    b = b.replace("    ## 觀察重點\n", "    ## 觀察重點\n\n" + body + "\n\n")
    brief.write_text(b, encoding="utf-8")
    co = root / CO
    co.write_text(co.read_text(encoding="utf-8").replace(
        "one_line: {en: Designer of GPUs and AI accelerators.",
        "one_line: {en: " + yaml_str(joined)), encoding="utf-8")


def yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.slow
def test_markup_is_inert_in_chromium(cli, chromium, tmp_path):
    project = copy_project(tmp_path / "p")
    inject(project)
    r = cli("build", "--no-pdf", cwd=project)
    assert r.code == 0, r.text
    site = project / "build" / "site"
    pages = ["articles/2025-10-07-hanshan-capex/", "zh-Hans/articles/2025-10-07-hanshan-capex/",
             "briefs/hanshan-outlook/", "zh-Hant/briefs/hanshan-outlook/", "companies/nvidia/", "index.html"]
    for rel in pages:
        html = (site / rel / "index.html" if not rel.endswith(".html") else site / rel).read_text(encoding="utf-8")
        # JSON-LD carries the text as data, and can never close its own <script>: "<" is \u003c there
        for data in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            assert "<" not in data
        # payloads may appear as text, never as markup: parse the page and look at real elements and attributes
        assert injected_markup(html) == [], rel
        assert 'href="javascript:' not in html and 'href="data:' not in html and "onmouseover=\"alert" not in html
    with serve(site) as base:
        for rel in pages:
            page, ctx, v = visit(chromium, base + rel)
            try:
                for link in page.query_selector_all("a"):  # hovering and clicking must not run anything either
                    href = link.get_attribute("href") or ""
                    assert not href.lower().startswith(("javascript:", "data:")), href
                assert page.evaluate("window.__pwned === undefined"), rel
                assert v.dialogs == [], (rel, v.dialogs)
                if rel != "index.html":  # every page but the home page carries the template payload
                    # tables and charts below the fold are laid out only near the viewport
                    # (content-visibility), and innerText leaves unlaid-out text out: lay out everything
                    page.add_style_tag(content="* { content-visibility: visible !important; }")
                    assert "{{ 7*7 }}" in page.inner_text("body")
            finally:
                ctx.close()


@pytest.mark.slow
def test_nothing_written_outside_build(project, cli):
    before = snapshot(project, skip="build")
    assert cli("build", cwd=project).code == 0
    assert cli("check", "--strict", cwd=project).code in (0, 1)
    assert snapshot(project, skip="build") == before


# --------------------------------------------------------------------------- helpers


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.found.append(f"<{tag} {name}={value}>")
        if tag in ("iframe", "object", "embed") or (tag == "img" and dict(attrs).get("src") == "x"):
            self.found.append(f"<{tag}>")
        self._script = tag == "script" and dict(attrs).get("type") != "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._script and ("__pwned" in data or "alert(" in data):
            self.found.append("<script> with a payload")

    def handle_endtag(self, tag: str) -> None:
        self._script = False


def injected_markup(html: str) -> list[str]:
    p = _Elements()
    p.feed(html)
    return p.found



def snapshot(root: Path, skip: str | None = None) -> dict[str, str]:
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if skip and (rel == skip or rel.startswith(skip + "/")):
            continue
        if p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out
