import pytest

from sinoreport.check import unbacked_numbers
from sinoreport.numbers import backed, find_numbers, parse_cn_numeral, quote_states


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("計畫投入3800億的AI基建", 380_000_000_000, None),
        ("佔比35.8%", 35.8, "%"),
        ("出貨超過 82 萬張", 820_000, "cards"),
        ("一筆40兆瓦的訂單", 40, "MW"),
        ("近4兆美金市值", 4e12, "USD"),
        ("將近千億", 1e11, None),
        ("1.2萬億", 1.2e12, None),
        ("營收3.49億元", 349_000_000, "CNY"),
        ("約274萬美元", 2_740_000, "USD"),
        ("收盤價189.34美元", 189.34, "USD"),
        ("CNY 380 bn", 380e9, "CNY"),
        ("USD 2.77 bn", 2.77e9, "USD"),
        ("780 million users", 780e6, None),
        ("14,453 shares", 14453, None),
        ("43x", 43, "x"),
    ],
)
def test_numbers_are_normalized(text, value, unit):
    found = find_numbers(text)
    assert any(n.value == pytest.approx(value) and n.unit == unit for n in found), found


def test_names_are_not_numbers():
    assert find_numbers("H20 與 Qwen3 與 910C 晶片") == []
    assert [n.text for n in find_numbers("參數規模80B")] == ["80B"]


def test_chinese_numerals():
    assert parse_cn_numeral("兩千三百萬") == 23_000_000
    assert parse_cn_numeral("十萬") == 100_000
    assert parse_cn_numeral("abc") is None


def test_quote_states_value_sign_free():
    assert quote_states("中際旭創跌3.5%", -3.5)
    assert quote_states("未來三年3800億的投入", 3.8e11)
    assert not quote_states("未來三年3800億的投入", 3.8e10)


def test_backed_respects_written_precision():
    (n,) = find_numbers("USD 45 bn")
    assert backed(n, [4.5e10])
    assert backed(n, [4.54e10])  # "45 bn" is how 45.4 bn reads when rounded
    assert not backed(n, [4.6e10])


def test_exempt_numbers_in_prose():
    text = "On Oct 8, 2025 the five giants in 2024 and 2025年10月8日"
    assert unbacked_numbers(text, []) == []
    assert unbacked_numbers("revenue rose 29% to 480億美元", [29]) == ["480億美元"]


def test_english_dates_of_any_day_are_not_quantities():
    assert unbacked_numbers("On September 28 and 30 Sep, Oct 8", []) == []


def test_names_with_digits_are_skipped():
    import re

    names = re.compile("S&P 500|標普500")
    assert unbacked_numbers("the S&P 500 and 標普500 rose 3%", [3], names) == []
    assert unbacked_numbers("the S&P 500 rose 3%", [3]) == ["500"]


def test_ranges_read_both_ends_but_names_do_not():
    assert quote_states("需求預測仍維持在900-950噸", 950)
    assert [n.text for n in find_numbers("Qwen3-235B-A22B 與 50%")] == ["50%"]
