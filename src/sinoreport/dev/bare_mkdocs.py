"""The yardstick `make bench` measures our build against: a bare MkDocs + Material + static-i18n build of
a plain-Markdown tree with as many pages per locale as our site has — a few paragraphs and a 12-row table
each, the navigation as tabs, nothing of ours (no plugin, no charts, no search index).

    write_tree(dest, pages_per_locale) → dest/mkdocs.yml, dest/docs/<locale>/…
"""

from __future__ import annotations

import random
from pathlib import Path

LOCALES = ("en", "zh-Hans", "zh-Hant")
TABS = ("Report", "Companies", "Articles", "Data", "Glossary", "About")

# Filler in each language (ours): what a page of prose and figures weighs, not what it says.
_WORDS = {
    "en": ("capital spending rose again as the largest platforms bought accelerators for inference while "  # noqa: SIM905
           "margins held and analysts asked how long the cycle can last before returns show up in sales "
           "to business customers and advertising").split(),
    "zh-Hans": list("大型平台持续加大资本开支采购推理芯片毛利率维持稳定分析师关注投资周期"
                    "能持续多久以及云端客户与广告收入何时体现回报"),
    "zh-Hant": list("大型平台持續加大資本支出採購推論晶片毛利率維持穩定分析師關注投資週期"
                    "能持續多久以及雲端客戶與廣告收入何時體現回報"),
}


def _sentence(rng: random.Random, locale: str) -> str:
    words = _WORDS[locale]
    n = rng.randint(12, 24)
    picked = [rng.choice(words) for _ in range(n)]
    if locale == "en":
        return " ".join(picked).capitalize() + "."
    return "".join(picked) + "。"


def _page(rng: random.Random, locale: str, title: str) -> str:
    paras = ["".join(_sentence(rng, locale) + ("" if locale != "en" else " ") for _ in range(4)).strip()
             for _ in range(3)]
    rows = "\n".join(f"| Item {i} | Q{1 + i % 4} 2025 | {rng.randint(1, 900)}.{rng.randint(0, 9)} | "
                     f"{_sentence(rng, locale)} |" for i in range(12))
    table = f"| Entity | Period | Value | Quote |\n|---|---|--:|---|\n{rows}"
    return f"# {title}\n\n{paras[0]}\n\n## Figures\n\n{table}\n\n## Notes\n\n{paras[1]}\n\n{paras[2]}\n"


def write_tree(dest: Path, pages_per_locale: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    docs = dest / "docs"
    per_tab = max(1, (pages_per_locale - len(TABS)) // len(TABS))
    for locale in LOCALES:
        root = docs / locale
        for t, tab in enumerate(TABS):
            folder = root / tab.lower()
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.md").write_text(_page(rng, locale, tab), encoding="utf-8")
            for i in range(per_tab if t else per_tab + (pages_per_locale - len(TABS)) % len(TABS)):
                (folder / f"p{i:05d}.md").write_text(_page(rng, locale, f"{tab} {i}"), encoding="utf-8")
        (root / "index.md").write_text(_page(rng, locale, "Home"), encoding="utf-8")
    theme = {"en": "en", "zh-Hans": "zh", "zh-Hant": "zh-Hant"}  # Material has no zh-Hans partial
    languages = "\n".join(
        f"        - locale: {loc}\n          name: {loc}\n          build: true\n"
        f"          theme: {{language: {theme[loc]}}}" + ("\n          default: true" if loc == "en" else "")
        for loc in LOCALES)
    nav = "\n".join(f"  - {tab}: {tab.lower()}/index.md" for tab in TABS)
    (dest / "mkdocs.yml").write_text(
        "site_name: Bare baseline\nsite_url: https://bare.example/\ndocs_dir: docs\nuse_directory_urls: true\n"
        "theme:\n  name: material\n  font: false\n  features: [navigation.tabs]\n"
        "validation:\n  omitted_files: ignore\n"
        "markdown_extensions: [tables, toc, attr_list]\n"
        f"plugins:\n  - i18n:\n      docs_structure: folder\n      languages:\n{languages}\n"
        f"nav:\n  - Home: index.md\n{nav}\n", encoding="utf-8")
    return dest
