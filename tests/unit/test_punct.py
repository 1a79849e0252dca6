"""Chinese punctuation: full-width marks next to Chinese, half-width kept in Latin and number runs, and
each locale's quotation marks (i18n/punct.py). Sentences are our own."""

import pytest

from sinoreport.i18n.punct import fixes, normalize


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("雲端支出增加,利潤下滑", "雲端支出增加，利潤下滑"),  # comma between Chinese
        ("我們的看法:需求仍強", "我們的看法：需求仍強"),  # colon after Chinese
        ("支出增加;利潤下滑", "支出增加；利潤下滑"),
        ("這是真的嗎?還不確定!", "這是真的嗎？還不確定！"),
        ("營收增加3.5%,利潤持平", "營收增加3.5%，利潤持平"),  # after a number, before Chinese
        ("發表了Gemini 3,隨後上漲", "發表了Gemini 3，隨後上漲"),
        ("兩家廠商 , 三種晶片", "兩家廠商，三種晶片"),  # the spaces around it go with it
        ("雲服務商(CSP)的支出", "雲服務商（CSP）的支出"),  # parentheses after Chinese, Latin inside
        ("支出(不含租賃)仍高", "支出（不含租賃）仍高"),
        ("混用的括號（見下)說明", "混用的括號（見下）說明"),  # a half-width mate of a full-width one
        ("需求仍強.", "需求仍強。"),  # full stop at the end
        ("需求仍強. 利潤下滑", "需求仍強。利潤下滑"),
        ("市場仍在觀望...", "市場仍在觀望……"),  # an ellipsis
        ("市場仍在觀望…", "市場仍在觀望……"),
        ("**幣別:** 未標明", "**幣別：** 未標明"),  # emphasis marks are looked through
        ("需求強勁[^1],利潤下滑", "需求強勁[^1]，利潤下滑"),  # so are footnote marks
        ("見[報導](https://example.test/a),文中指出", "見[報導](https://example.test/a)，文中指出"),
    ],
)
def test_half_width_next_to_chinese_becomes_full_width(text, want):
    assert normalize(text, "hant") == want


@pytest.mark.parametrize(
    "text",
    [
        "H20, B30A與H100",  # a comma inside a Latin run
        "比例為1:2，時間10:30",  # colons inside numbers
        "營收3.5%，增速1.2倍",  # decimal points
        "網址https://example.test/a?b=1,c=2中",  # URLs
        "[^1]: 出處說明",  # a footnote definition's colon is Markdown
        "@chart(capex-china-vs-us)",  # chart embeds
        "{entity}的{metric}:{value}",  # placeholders of interface strings
        "公式f(x)的值",  # a call, not a parenthesis of prose
        "圖片![圖說](a.png)",  # Markdown image
        "Apple Inc.與Google",  # an abbreviation's full stop
        "China’s 市場",  # an apostrophe is no quotation mark
        "已經是「全形」，也是（全形）。",  # already right
    ],
)
def test_latin_numbers_and_markup_are_left_alone(text):
    assert normalize(text, "hant") == text
    assert fixes(text, "hant") == []


def test_quotation_marks_follow_the_locale():
    taiwan = "所謂「技術底座」，即「全端」能力"
    assert normalize(taiwan, "hans") == "所謂“技術底座”，即“全端”能力"  # marks only: script is the converter's
    assert normalize(taiwan, "hant") == taiwan
    nested = "他說「外層『內層』外層」"
    assert normalize(nested, "hans") == "他說“外層‘內層’外層”"
    curly = "他說“好”，又說\"再看看\""
    assert normalize(curly, "hant") == "他說「好」，又說「再看看」"
    assert normalize(curly, "hans") == "他說“好”，又說“再看看”"
    # quotation marks around Latin words between Latin words are English, not Chinese
    assert normalize('He said "yes" and "no"', "hant") == 'He said "yes" and "no"'


def test_fixes_point_at_the_mark():
    text = "支出增加,利潤下滑"
    (f,) = fixes(text, "hant")
    assert (f.old(text), f.new, f.start) == (",", "，", 4)


def test_a_quotation_mark_counts_as_what_it_encloses():
    assert normalize("所謂“算力”,AI公司", "hans") == "所謂“算力”，AI公司"
    assert normalize("the “AI”, GPU and", "hans") == "the “AI”, GPU and"


def test_hostile_runs_of_marks_stay_fast():
    import time

    start = time.perf_counter()
    for text in ("中" + '"' * 19_999, "「" * 10_000 + "』" * 10_000, "(中" * 10_000, "中 ," * 6_000):
        for script in ("hans", "hant"):
            assert isinstance(normalize(text, script), str)
    assert time.perf_counter() - start < 5  # a quadratic scan of these takes minutes
