"""The search index format: small gzip files a browser fetches only as a query needs them.

Per locale (under <site>/search/<locale>/):

- `meta.bin` — what every search needs once: the sorted list of shard boundaries, one kind letter per
  document, and the query data (aliases, cross-script tables, UI strings; index.py `query_data`).
- `<build>/s<n>.bin` — shards of the inverted index, cut from the sorted token list so that each is
  a few KB: token → [(document, weight)].
- `<build>/d<n>.bin` — one per document: its title, URL, kind, date and text, for the result list.

`<build>` is a hash of the index, so a cached shard can never be read against a newer meta file.
Every file is gzip-compressed here (the browser inflates it with DecompressionStream), so its size
on the wire does not depend on how the host compresses.

Tokens (tokens.py): Chinese is indexed as overlapping character bigrams within each run of Han
characters — a query's run matches a page when all its bigrams do, which finds 英伟达 inside
去英伟达化 and needs no dictionary, so indexing and querying can never segment differently. Latin
words are lower-cased, with plural endings folded (chips → chip).

Weights are BM25 term-frequency parts, computed here (field-weighted counts, length-normalized) and
quantized to 1–127, so the browser needs only the document frequency to score: idf × weight.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sinoreport.search.tokens import bigrams, words

FORMAT = 1
SHARD_BYTES = 3500  # target compressed size of a shard
K1, B = 1.2, 0.75
MAX_WEIGHT = 127
FRAGMENT_CHARS = 6000  # text kept per document for excerpts
KIND_CODES = {"company": "c", "article": "a", "brief": "b", "term": "t", "data": "d", "about": "o"}


@dataclass
class Field:
    text: str
    weight: float


@dataclass
class Record:
    """One searchable document as the engine sees it."""

    url: str
    kind: str
    title: str
    fields: list[Field]
    excerpt: list[str]  # text blocks shown in excerpts (not the hidden names)
    date: str = ""
    ident: str = ""


@dataclass
class Built:
    files: dict[str, bytes] = field(default_factory=dict)  # path inside the locale's folder → bytes
    meta: dict = field(default_factory=dict)
    profiles: dict[str, int] = field(default_factory=dict)  # company id → document number
    tokens: int = 0
    postings: int = 0


def gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def utf16_key(s: str) -> bytes:
    # JavaScript compares strings by UTF-16 code units; shards are sorted the same way
    return s.encode("utf-16-be")


def varint(n: int, out: bytearray) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def token_counts(fields: Iterable[Field]) -> tuple[Counter[str], int]:
    """Field-weighted token counts of a document, and its length in tokens."""
    tf: Counter[str] = Counter()
    length = 0
    for f in fields:
        counts = Counter(bigrams(f.text))
        counts.update(words(f.text))
        length += counts.total()
        for t, n in counts.items():
            tf[t] += n * f.weight
    return tf, length


def bm25_weights(tf: Counter[str], length: int, avg: float) -> dict[str, int]:
    norm = K1 * (1 - B + B * length / avg) if avg else K1
    return {t: max(1, min(MAX_WEIGHT, round(MAX_WEIGHT * (w / (w + norm))))) for t, w in tf.items()}


def encode_shard(items: list[tuple[str, list[tuple[int, int]]]]) -> bytes:
    """[count][token length, token UTF-8][n][doc delta, weight]…  — all unsigned varints."""
    out = bytearray()
    varint(len(items), out)
    for token, postings in items:
        raw = token.encode("utf-8")
        varint(len(raw), out)
        out += raw
        varint(len(postings), out)
        prev = 0
        for doc, w in postings:
            varint(doc - prev, out)
            varint(w, out)
            prev = doc
    return bytes(out)


def decode_shard(data: bytes) -> dict[str, list[tuple[int, int]]]:
    """The inverse of encode_shard (for tests and tools; the browser has its own)."""
    pos = 0

    def read() -> int:
        nonlocal pos
        shift = n = 0
        while True:
            b = data[pos]
            pos += 1
            n |= (b & 0x7F) << shift
            if b < 0x80:
                return n
            shift += 7

    out: dict[str, list[tuple[int, int]]] = {}
    for _ in range(read()):
        size = read()
        token = data[pos:pos + size].decode("utf-8")
        pos += size
        doc = 0
        postings = []
        for _ in range(read()):
            doc += read()
            postings.append((doc, read()))
        out[token] = postings
    return out


def shards(index: dict[str, list[tuple[int, int]]], target: int = SHARD_BYTES) -> list[list[tuple[str, list]]]:
    """Cut the sorted token list into shards of about `target` compressed bytes (estimated from the
    raw size; posting lists compress to roughly 60 %)."""
    out: list[list[tuple[str, list]]] = []
    cur: list[tuple[str, list]] = []
    size = 0
    for token in sorted(index, key=utf16_key):
        postings = index[token]
        est = len(token.encode()) + 2 + int(len(postings) * 2.2 * 0.6)
        if cur and size + est > target:
            out.append(cur)
            cur, size = [], 0
        cur.append((token, postings))
        size += est
    if cur:
        out.append(cur)
    return out


def fragment(r: Record) -> bytes:
    text: list[str] = []
    n = 0
    for block in r.excerpt:
        if n >= FRAGMENT_CHARS:
            break
        text.append(block[: FRAGMENT_CHARS - n])
        n += len(text[-1])
    doc = {"t": r.title, "u": r.url, "k": r.kind, "d": r.date, "x": text}
    return gz(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def build(records: list[Record]) -> Built:
    """The index files of one locale (without meta.bin, which index.py completes and writes)."""
    counts = [token_counts(r.fields) for r in records]
    avg = sum(n for _, n in counts) / len(counts) if counts else 0.0
    index: dict[str, list[tuple[int, int]]] = {}
    for doc, (tf, length) in enumerate(counts):
        for t, w in bm25_weights(tf, length, avg).items():
            index.setdefault(t, []).append((doc, w))
    parts = shards(index)
    shard_files = [gz(encode_shard(p)) for p in parts]
    frag_files = [fragment(r) for r in records]
    digest = hashlib.sha256()
    for f in (*shard_files, *frag_files):
        digest.update(hashlib.sha256(f).digest())
    build_id = digest.hexdigest()[:12]
    out = Built(tokens=len(index), postings=sum(len(p) for p in index.values()))
    for i, f in enumerate(shard_files):
        out.files[f"{build_id}/s{i}.bin"] = f
    for i, f in enumerate(frag_files):
        out.files[f"{build_id}/d{i}.bin"] = f
    out.meta = {
        "format": FORMAT,
        "build": build_id,
        "n": len(records),
        "shards": [p[0][0] for p in parts],
        "docs": "".join(KIND_CODES[r.kind] for r in records),
    }
    out.profiles = {r.ident: i for i, r in enumerate(records) if r.kind == "company" and r.ident}
    return out


def idf(df: int, n: int) -> float:
    """As the browser computes it (search.js)."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))
