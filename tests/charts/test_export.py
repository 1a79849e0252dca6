"""Chart downloads (charts/export.py): PNG at least 1,200 px wide and SVG, with the title, source line,
edition, licence and URL drawn in, in the locale's CJK face; cached by spec hash."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from sinoreport.charts import export as ex
from sinoreport.charts import style
from sinoreport.i18n.locales import LOCALES

LABELS = {
    "en": ("Hanshan Cloud", "Lingxi Chips"),
    "zh-Hans": ("寒山云", "灵犀芯片"),
    "zh-Hant": ("寒山雲", "靈犀晶片"),
}
TEXTS = {
    "en": ex.ExportText("Quarterly capex", "Source: IDC via 36Kr Finance", "Edition of 5 December 2025",
                        "CC BY 4.0", "https://example.test/charts/capex/"),
    "zh-Hans": ex.ExportText("季度资本开支", "资料来源：IDC，经36氪财经", "2025年12月5日版", "CC BY 4.0",
                             "https://example.test/zh-Hans/charts/capex/"),
    "zh-Hant": ex.ExportText("季度資本開支", "資料來源：IDC，經36氪財經", "2025年12月5日版", "CC BY 4.0",
                             "https://example.test/zh-Hant/charts/capex/"),
}


def spec(locale: str) -> dict:
    """A bar chart as the families make them: named dataset, the locale's config and font stack."""
    loc = LOCALES[locale]
    a, b = LABELS[locale]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "datasets": {"d1": [{"label": a, "x": 12}, {"label": b, "x": 7}]},
        "data": {"name": "d1"},
        "mark": {"type": "bar", "color": style.PALETTE[0]},
        "encoding": {"y": {"field": "label", "type": "nominal", "title": None},
                     "x": {"field": "x", "type": "quantitative", "title": "bn"}},
        "width": style.WIDTH, "height": 80,
        "config": style.config(loc), "background": "transparent",
    }


def ink(im: Image.Image, box: tuple[int, int, int, int]) -> int:
    """Dark pixels in a box."""
    crop = im.convert("L").crop(box)
    return sum(1 for p in crop.tobytes() if p < 128)


@pytest.mark.parametrize("locale", ["en", "zh-Hans", "zh-Hant"])
def test_png_and_svg_carry_title_source_edition_licence_url(tmp_path: Path, locale: str):
    out = ex.export(spec(locale), TEXTS[locale], locale, tmp_path)
    w, h = ex.png_size(out.png)
    assert (w, h) == (out.width, out.height)
    assert w >= 1200 and h > 300
    im = Image.open(io.BytesIO(out.png)).convert("RGB")
    assert im.size == (w, h)
    colours = im.getcolors(1 << 24) or []
    assert len(colours) > 20  # not blank: bars, antialiased text, gridlines
    assert im.getpixel((2, 2)) == (255, 255, 255)  # a white sheet, not transparent: reads in any viewer
    assert ink(im, (0, 0, w, h // 8)) > 200  # the title is drawn
    assert ink(im, (0, h * 3 // 4, w, h)) > 200  # and the footer lines under the chart
    t = TEXTS[locale]
    for text in (t.title, t.source, t.url, t.licence):
        assert text in out.svg
    assert f'font-family="{ex.face(locale)}"' in out.svg or ex.face(locale) in out.svg
    assert "currentColor" not in out.svg  # a file has no page colour to follow


def test_chinese_is_drawn_in_the_locales_cjk_face(tmp_path: Path):
    out = ex.export(spec("zh-Hant"), TEXTS["zh-Hant"], "zh-Hant", tmp_path)
    assert "Noto Sans CJK TC" in out.svg and "PingFang" not in out.svg
    hans = ex.export(spec("zh-Hans"), TEXTS["zh-Hans"], "zh-Hans", tmp_path)
    assert "Noto Sans CJK SC" in hans.svg
    # tofu (a missing glyph) is drawn as an empty box or nothing: the title's ink must be that of real
    # glyphs, i.e. close to a rendering in the face itself and much more than a row of empty boxes
    im = Image.open(io.BytesIO(out.png))
    title_ink = ink(im, (0, 0, im.width // 2, im.height // 8))
    assert title_ink > 1500


def test_cached_by_spec_hash(tmp_path: Path, monkeypatch):
    first = ex.export(spec("en"), TEXTS["en"], "en", tmp_path)
    files = sorted(p.name for p in tmp_path.rglob("*.export.*"))
    assert len(files) == 2
    monkeypatch.setattr(ex, "_convert", lambda s: pytest.fail("converted again"))
    again = ex.export(spec("en"), TEXTS["en"], "en", tmp_path)
    assert again.png == first.png and again.svg == first.svg
    other = ex.ExportText(*[*TEXTS["en"].__dict__.values()][:4], "https://example.test/charts/other/")
    with pytest.raises(pytest.fail.Exception):
        ex.export(spec("en"), other, "en", tmp_path)  # another URL is another file


def test_wrapped_spec_keeps_data_and_swaps_page_colours():
    wrapped = ex.export_spec(spec("zh-Hans"), TEXTS["zh-Hans"], "zh-Hans")
    assert wrapped["datasets"] == spec("zh-Hans")["datasets"]
    assert wrapped["background"] == "#ffffff"
    assert wrapped["title"]["text"] == "季度资本开支"
    footer = wrapped["vconcat"][0]["title"]
    assert footer["orient"] == "bottom"
    assert footer["text"] == ["资料来源：IDC，经36氪财经", "2025年12月5日版 · CC BY 4.0",
                              "https://example.test/zh-Hans/charts/capex/"]
    assert style.FONTS["hans"] not in str(wrapped)
