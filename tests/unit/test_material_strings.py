"""Material's interface strings as our overrides leave them (the package's overrides/partials/language.html)."""

from pathlib import Path

import jinja2
import material
from tests.conftest import PACKAGE_TEMPLATES

REPO = Path(__file__).resolve().parents[2]
MATERIAL = Path(material.__file__).parent / "templates"
PROBE = "{% import 'partials/language.html' as lang with context %}{{ lang.t(key) }}"


def t(language: str, key: str) -> str:
    # the theme's search path as MkDocs builds it: our custom_dir first, then Material
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(PACKAGE_TEMPLATES / "overrides"), str(MATERIAL)]))
    return env.from_string(PROBE).render(config={"theme": {"language": language}}, key=key)


def test_zh_hant_search_result_count_is_traditional():
    assert t("zh-Hant", "search.result.one") == "找到 1 個符合條件的結果"
    assert "个" not in t("zh-Hant", "search.result.one")


def test_every_other_string_is_materials_own():
    assert t("zh-Hant", "search.result.other") == "找到 # 個符合條件的結果"
    assert t("zh-Hant", "language") == "zh-Hant"
    assert t("zh-Hans", "search.result.one") == "找到 1 个符合条件的结果"
    assert t("zh-Hans", "language") == "zh-Hans"
    assert t("en", "search.result.one") == "1 matching document"
