"""The digest reader: encodings, line ends, structure errors, captions, script detection."""

import codecs

import opencc
import pytest

from sinoreport.ingest.digest import DigestError, clean_paragraphs, detect_script, parse_digest_text
from sinoreport.ingest.encoding import DecodeError, decode_bytes

# Our own words, in Traditional Chinese (every character is in Big5).
HANT = (
    "#測試\n"
    "雲端公司公布季度資本開支\n"
    "這家公司今天公布第二季資本開支為120億元,較上季增長40%。01分析師認為明年營收將成長25%。"
    "▲圖:資料來源:測試整理02市場人士指出,晶片供應仍然吃緊。 (測試日報)\n"
    "晶片廠發表新產品\n"
    "10月8日,晶片廠發表新一代推理卡,成本較上一代低30%。 (科技週刊)\n"
)
HANS = opencc.OpenCC("tw2sp").convert(HANT)


@pytest.mark.parametrize(
    ("encoding", "text", "bom"),
    [
        ("utf-8", HANT, b""),
        ("utf-8", HANT, codecs.BOM_UTF8),
        ("utf-16-le", HANT, codecs.BOM_UTF16_LE),
        ("utf-16-le", HANT, b""),
        ("utf-16-be", HANT, b""),
        ("big5", HANT, b""),
        ("gb18030", HANS, b""),
    ],
)
def test_encodings_are_detected(encoding, text, bom):
    data = bom + text.encode(encoding)
    decoded, _ = decode_bytes(data, "x.txt")
    assert decoded == text


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_ends(newline):
    decoded, _ = decode_bytes(HANT.replace("\n", newline).encode("utf-8"), "x.txt")
    d = parse_digest_text(decoded, "x.txt")
    assert [a.outlet for a in d.articles] == ["測試日報", "科技週刊"]


def test_binary_is_refused_with_the_file_name():
    with pytest.raises(DecodeError, match=r"photo\.png"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "photo.png")


def test_empty_is_refused():
    with pytest.raises(DecodeError, match="empty"):
        decode_bytes(b"", "empty.txt")


def test_structure():
    d = parse_digest_text(HANT, "x.txt")
    assert d.tags == ["測試"]
    a, b = d.articles
    assert (a.index, a.line, a.title) == (1, 2, "雲端公司公布季度資本開支")
    assert a.body.endswith("(測試日報)") and not a.text.endswith(")")
    assert a.raw_text.startswith(a.title + "\n")
    assert len(a.sha256) == 64 and a.sha256 != b.sha256


def test_title_without_body_is_located():
    with pytest.raises(DigestError) as e:
        parse_digest_text("#t\n只有標題\n", "x.txt")
    assert e.value.where == "x.txt:2"


def test_body_without_outlet_is_located():
    with pytest.raises(DigestError) as e:
        parse_digest_text("#t\n標題\n正文沒有來源。\n", "x.txt")
    assert "does not end with (Outlet)" in str(e.value)


def test_paragraphs_split_at_marks_and_drop_captions():
    a = parse_digest_text(HANT, "x.txt").articles[0]
    paras = clean_paragraphs(a.text)
    assert len(paras) == 3
    assert not any("資料來源" in p or "▲" in p for p in paras)


def test_script_detection():
    assert detect_script(HANT) == "hant"
    assert detect_script(HANS) == "hans"
