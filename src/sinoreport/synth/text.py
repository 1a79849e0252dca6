"""Chinese text in either script from Traditional templates, and numbers written three ways.

A sentence is a list of parts: template literals (Traditional, converted to Simplified with OpenCC
when the digest is Simplified; each distinct literal converts once) and inserted pieces (names already
in the target script, numbers) that pass through untouched. Converting parts separately keeps every
clause an exact substring of the finished text, which is what the quotes of data rows must be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sinoreport.i18n.convert import opencc_converter

_SLOT = re.compile(r"\{([A-Z])\}")


class Script:
    """Conversion for one target script, with a cache of converted literals."""

    def __init__(self, script: str):
        self.script = script
        self._cache: dict[str, str] = {}

    def lit(self, s: str) -> str:
        if self.script == "hant" or not s:
            return s
        hit = self._cache.get(s)
        if hit is None:
            hit = self._cache[s] = opencc_converter("tw2sp").convert(s)
        return hit

    def fill(self, template: str, slots: dict[str, str]) -> str:
        """Convert a template's literal pieces and insert slot values (already in this script) verbatim."""
        out: list[str] = []
        pos = 0
        for m in _SLOT.finditer(template):
            out.append(self.lit(template[pos : m.start()]))
            out.append(slots[m.group(1)])
            pos = m.end()
        out.append(self.lit(template[pos:]))
        return "".join(out)


HANT = Script("hant")


def plain(x: float, digits: int = 2) -> str:
    """12.30 → "12.3", 5.0 → "5": a number as a person writes it."""
    s = f"{x:.{digits}f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def thousands(n: int) -> str:
    return f"{n:,}"


@dataclass(frozen=True)
class Amount:
    """An amount written in 億 (Chinese) and bn/m (English): `yi` has one decimal."""

    yi: float
    currency: str  # CNY | USD

    @property
    def value(self) -> int:
        return round(self.yi * 10) * 10_000_000  # exact: one decimal of 億

    @property
    def zh(self) -> str:
        return plain(self.yi, 1) + ("億美元" if self.currency == "USD" else "億元")

    @property
    def en(self) -> str:
        bn = self.value / 1e9
        if bn >= 1:
            return f"{self.currency} {plain(bn, 2)} bn"
        return f"{self.currency} {plain(self.value / 1e6, 0)} m"
