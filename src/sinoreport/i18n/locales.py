"""The three locales, in one place: codes, Babel locales, scripts, URL prefixes, Material languages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Locale:
    code: str  # BCP 47: the URL prefix, <html lang>, hreflang, and the key in pinned names
    babel: str  # Babel / CLDR locale for numbers and dates
    script: str | None  # "hans" | "hant" for Chinese locales
    name: str  # as shown in the language switcher, in its own language
    material: str  # Material's theme.language (zh-Hans has our own partial; see templates/overrides)

    @property
    def zh(self) -> bool:
        return self.script is not None

    def prefix(self, default: str = "en") -> str:
        """URL prefix for this locale: '' for the default locale, else 'zh-Hans/'."""
        return "" if self.code == default else f"{self.code}/"


LOCALES: dict[str, Locale] = {
    "en": Locale("en", "en", None, "English", "en"),
    "zh-Hans": Locale("zh-Hans", "zh_Hans_CN", "hans", "简体中文", "zh-Hans"),
    "zh-Hant": Locale("zh-Hant", "zh_Hant_TW", "hant", "繁體中文", "zh-Hant"),
}


def get(code: str) -> Locale:
    try:
        return LOCALES[code]
    except KeyError:
        raise ValueError(f"unknown locale {code!r}; known: {', '.join(LOCALES)}") from None


def script_locale(script: str) -> Locale:
    return LOCALES["zh-Hans" if script == "hans" else "zh-Hant"]
