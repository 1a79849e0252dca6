"""Decode raw digests: UTF-8 (with or without BOM), UTF-16, GB18030, Big5 — detected, never guessed.

Order of evidence: a BOM; strict UTF-8 (which almost never decodes legacy CJK bytes by accident);
UTF-16 by its NUL-byte pattern; then the legacy CJK encodings, each tried strictly and scored by
how much of the text is common CJK. When both legacy decodings are plausible and score alike we
refuse rather than guess, and say how to fix it.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    """Raised with a message that says what is wrong and how to fix it."""


_CJK = re.compile(r"[\u4e00-\u9fff]")
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Characters frequent in Chinese news of either script: a decoding that produces many of them
# is real text; a wrong decoding of the same bytes produces rare characters instead.
_COMMON = set(
    "的一是不了在人有我他這个們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過"
    "發後作里用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開"
    "但因只從想實日軍者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將兩高間由問很最重並物手"
    "应没们这来为时说过国后发会经对现实动机开进关还长问样种个业务数据资讯產產品市場資料公司網路科技晶片"
    "的一是了在人有我中大上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么"
    "心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长"
    "億萬美元港股百度阿里騰訊華為字節輝達收入增長投資億亿万美元腾讯华为字节英伟达收入增长投资"
)


def _score(text: str) -> float:
    cjk = _CJK.findall(text)
    if not cjk:
        return 0.0
    return sum(ch in _COMMON for ch in cjk) / len(cjk)


def _strict(data: bytes, enc: str) -> str | None:
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII/CJK text has NULs in a regular half of the byte positions."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    ne, no = even.count(0), odd.count(0)
    n = len(data) // 2
    if no > 0.2 * n and ne < 0.02 * n:
        return "utf-16-le"
    if ne > 0.2 * n and no < 0.02 * n:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding). Line ends become LF. Raise DecodeError with a fix."""
    if not data:
        raise DecodeError(f"{name}: the file is empty — nothing to ingest")
    text: str | None = None
    enc = ""
    if data.startswith(codecs.BOM_UTF8):
        text, enc = _strict(data[3:], "utf-8"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, enc = _strict(data, "utf-16"), "utf-16"
    if text is None and not enc:
        u16 = _looks_utf16(data)
        if u16:
            text, enc = _strict(data, u16), u16
    if text is None and not enc:
        if b"\x00" in data:
            raise DecodeError(
                f"{name}: binary data (NUL bytes) — not a text digest; ingest takes .txt digests "
                "in UTF-8, UTF-16, GB18030 or Big5"
            )
        text = _strict(data, "utf-8")
        enc = "utf-8" if text is not None else ""
    if text is None and not enc:
        text, enc = _legacy_cjk(data, name)
    if text is None:
        raise DecodeError(f"{name}: not valid {enc} despite its byte-order mark — re-save the file as UTF-8")
    if "\x00" in text or len(_CTRL.findall(text)) > max(2, len(text) // 1000):
        raise DecodeError(
            f"{name}: decodes as {enc} but is full of control characters — it looks binary, not a digest"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, enc


def _legacy_cjk(data: bytes, name: str) -> tuple[str, str]:
    candidates = {}
    for enc in ("gb18030", "big5"):
        t = _strict(data, enc)
        if t is not None:
            candidates[enc] = t
    if not candidates:
        best = from_bytes(data).best()
        hint = f" (charset-normalizer guesses {best.encoding})" if best else ""
        raise DecodeError(
            f"{name}: not UTF-8, UTF-16, GB18030 or Big5{hint} — re-save the digest as UTF-8"
        )
    if len(candidates) == 1:
        enc, t = next(iter(candidates.items()))
        if _score(t) < 0.15 and len(_CJK.findall(t)) >= 20:
            raise DecodeError(f"{name}: decodes only as {enc} but reads as noise — re-save the digest as UTF-8")
        return t, enc
    scores = {enc: _score(t) for enc, t in candidates.items()}
    (e1, s1), (e2, s2) = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    if s1 - s2 < 0.1:
        # Too close to call from character statistics: ask charset-normalizer, restricted to these two.
        best = from_bytes(data, cp_isolation=[e1, e2]).best()
        if best is None or best.encoding not in candidates or s1 < 0.2:
            raise DecodeError(
                f"{name}: could be GB18030 or Big5 and the text does not tell which — re-save it as UTF-8"
            )
        e1 = best.encoding
    return candidates[e1], e1
