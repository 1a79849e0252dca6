"""The raw digest format: `#tag` lines, then title line / body line pairs, each body ending `(Outlet)`.

    #百度
    標題一
    正文……正文。 (單仁行)
    標題二
    ……

Parsing returns the articles with their raw text untouched (provenance is checked against it) plus
a cleaned reading: paragraphs split at inline section marks, captions dropped.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from sinoreport.ingest.encoding import DecodeError, decode_bytes

MAX_LINE = 1_000_000  # characters; a real article body is < 50k


class DigestError(ValueError):
    def __init__(self, where: str, what: str, fix: str):
        super().__init__(f"{where}: {what} — {fix}")
        self.where, self.what, self.fix = where, what, fix


@dataclass(frozen=True)
class RawArticle:
    file: str
    index: int  # 1-based position in the digest
    line: int  # line of the title in the file
    title: str
    body: str  # the body line exactly as written, outlet suffix included
    outlet: str
    tags: tuple[str, ...]
    encoding: str

    @property
    def raw_text(self) -> str:
        """What quotes are checked against and what sha256 covers."""
        return article_text(self.title, self.body)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw_text.encode("utf-8")).hexdigest()

    @cached_property  # asked for every row of the article, by ingest and by check
    def text(self) -> str:
        """Body without the outlet suffix."""
        return _OUTLET.sub("", self.body).rstrip()


@dataclass
class Digest:
    file: str
    encoding: str
    tags: list[str]
    articles: list[RawArticle] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def article_text(title: str, body: str) -> str:
    return f"{title}\n{body}"


_OUTLET = re.compile(r"\s*[(（]([^()（）\n]{1,40})[)）]\s*$")
_TAGS = re.compile(r"#([^\s#]+)")


def parse_digest_text(text: str, file: str, encoding: str = "utf-8") -> Digest:
    lines = [ln.rstrip() for ln in text.lstrip("\ufeff").split("\n")]
    d = Digest(file=file, encoding=encoding, tags=[])
    i, n = 0, len(lines)
    # tags: leading lines that start with '#'
    while i < n and (not lines[i].strip() or lines[i].lstrip().startswith("#")):
        d.tags.extend(_TAGS.findall(lines[i]))
        i += 1
    index = 0
    while i < n:
        if not lines[i].strip():
            i += 1
            continue
        title_line = i + 1
        title = lines[i].strip()
        _check_len(title, file, title_line)
        i += 1
        body_parts: list[str] = []
        body_line = 0
        while i < n:
            ln = lines[i]
            i += 1
            if not ln.strip():
                continue
            _check_len(ln, file, i)
            body_line = body_line or i
            body_parts.append(ln.strip())
            if _OUTLET.search(ln):
                break
        if not body_parts:
            raise DigestError(
                f"{file}:{title_line}", f"title {title[:30]!r} has no body line after it",
                "each title line must be followed by its body line ending in (Outlet)",
            )
        body = "".join(body_parts)
        m = _OUTLET.search(body)
        if not m:
            raise DigestError(
                f"{file}:{body_line}", f"the body of {title[:30]!r} does not end with (Outlet)",
                "end the body line with the outlet in parentheses, e.g. (36氪財經)",
            )
        if len(body_parts) > 1:
            d.warnings.append(f"{file}:{body_line}: body of {title[:30]!r} spans {len(body_parts)} lines; joined")
        if _OUTLET.search(title):
            raise DigestError(
                f"{file}:{title_line}", "a title line ends with (Outlet): the body line before it is missing",
                "put each article as a title line followed by one body line",
            )
        index += 1
        d.articles.append(
            RawArticle(file, index, title_line, title, body, m.group(1).strip(), tuple(d.tags), encoding)
        )
    if not d.articles:
        raise DigestError(file, "no articles found", "a digest holds #tag lines, then title/body line pairs")
    return d


def _check_len(line: str, file: str, lineno: int) -> None:
    if len(line) > MAX_LINE:
        raise DigestError(
            f"{file}:{lineno}", f"line of {len(line):,} characters (limit {MAX_LINE:,})",
            "this is not an article; split the file or remove the runaway line",
        )


def read_digest(path: Path) -> Digest:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise DigestError(str(path), f"cannot read: {e.strerror}", "check the path") from None
    try:
        text, enc = decode_bytes(data, path.name)
    except DecodeError as e:
        raise DigestError(str(path), str(e).split(": ", 1)[-1], "") from None
    return parse_digest_text(text, path.name, enc)


# --------------------------------------------------------------------------- reading the body


_SECTION = re.compile(
    r"(?:(?<=^)|(?<=[。！？!?”」』\)）]))\s*"
    r"(?:0[1-9](?=[^\d%％.．年月日萬億兆倍])|[一二三四五六七八九十]、|[1-9]\s(?=\S))"
)
# Captions: ▲… or 圖:… up to a credit ending, or a bare 資料來源/來源 credit.
_CAPTION = re.compile(
    r"▲?圖[:：][^。！？]{0,60}?(?:資料來源[:：][^。！？]{0,40}?整理|公眾號|(?=資料來源))"
    r"|▲[^。！？]{0,80}?(?:整理|公眾號|補充|S\d|Pro(?=[\u4e00-\u9fff]))"
    r"|資料來源[:：][^。！？]{0,40}?整理"
    r"|(?<=。)來源[:：][^。！？]{0,20}?整理"
)


def clean_paragraphs(text: str) -> list[str]:
    """Split a body at inline section marks and drop captions (for reading and figure proposals)."""
    text = _CAPTION.sub("\n", text)
    parts = _SECTION.split(text)
    out = []
    for p in parts:
        for q in p.split("\n"):
            q = re.sub(r"\s{2,}", " ", q).strip()
            if q:
                out.append(q)
    return out


# Script detection: characters that exist in only one of the two scripts.
_HANT_ONLY = set("們這來為時說過國後發會經對現實動機開進關還長問樣種個業務數據資訊產場體與開營億萬華為騰訊輝達學習")
_HANS_ONLY = set("们这来为时说过国后发会经对现实动机开进关还长问样种个业务数据资讯产场体与开营亿万华为腾讯辉达学习")


def detect_script(text: str) -> str:
    t = sum(ch in _HANT_ONLY for ch in text)
    s = sum(ch in _HANS_ONLY for ch in text)
    return "hans" if s > t else "hant"
