"""Organizations (and indexes, markets) the text names that data/ does not know, so ingest proposes them
instead of dropping them.

Candidates come three ways, all from the reading tables:
- a short run of Chinese characters ending in an organization word (億航智能, 中芯國際, 理想汽車);
- the name right after a descriptor (自動駕駛公司文遠知行, 生成模型可靈);
- a name opening a clause right before what companies do (快手公布, 優必選表示, 美團第三季…).
A candidate is kept when it is no generic noun, holds no kind, direction or period word, overlaps no
known name, and the article names it twice (or in its headline, or with a stock code) — one mention
that looks like a name is more often a phrase than a company. Index and market names (上證指數,
創業板指, 滬深兩市) are found by their own endings. Each becomes a draft with a readable ASCII id from
its pinyin (億航智能 → `yihang`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import lazy_pinyin

from sinoreport.ingest.periods import find_cues
from sinoreport.ingest.reading import Reading, _converter
from sinoreport.model import ID_RE

_HAN = re.compile(r"[\u4e00-\u9fff]")
# characters that do not occur inside a name: they end a run on the left
_STOP = set("的是在和與与及對对為为將将被把讓让從从由向於于據据稱称說说了而但也都還还等其該该這这那已並并或以"
            "自即就才又再更最很不沒没未今昨年月日旗同跟給给到入出兩两各每")
_NOT_FIRST = set("中裡里內内之的在與与和及等為为是有")
_STOCK_CODE = re.compile(r"^\s?[(（]\s?[0-9A-Z.]{3,12}\s?[)）]")
_ONE_OF = re.compile(r"(?:一家|另一家|這家|该家|旗下|子公司|母公司)[\u4e00-\u9fff]{0,6}$")
_ACTS = re.compile(r"^(?:已|也|則|亦|同日|日前|近日)?"
                   r"(?:完成|公布|公佈|宣布|宣佈|發布|發佈|表示|指出|預計|透露|推出|上市|獲得)")


def _acts(text: str, o: Org, reading: Reading) -> bool:
    return bool(_ACTS.match(text[o.end :]))


@dataclass(frozen=True)
class Org:
    start: int
    end: int
    name: str  # as written
    stem: str  # the name without its organization word (億航 of 億航智能), for the id
    kind: str = "company"  # company | index | market (| phrase: a company found by its place in a clause)


def _after_boundary(stem: str, reading: Reading) -> str:
    """The part of a run after the last word that cannot be inside a name (市場預估理想 → 理想)."""
    cut = 0
    for table in (reading.kinds, reading.directions, reading.modifiers, reading.other_metrics):
        for _, b, _ in table.find(stem):
            cut = max(cut, b)
    for head in (*reading.appositive_heads, *reading.company_verbs):  # 代工廠中芯, 公布季度: not the name
        i = stem.rfind(head)
        if i >= 0:
            cut = max(cut, i + len(head))
    for g in reading.generic_names:  # 龍頭宇樹: a generic word before the name is not part of it
        i = stem.rfind(g)
        if len(g) > 1 and i >= 0 and len(stem) - (i + len(g)) >= 2:
            cut = max(cut, i + len(g))
    return stem[cut:]


def _run_left(text: str, end: int, limit: int, known: list[tuple[int, int]]) -> int:
    i = end
    while i > 0 and end - i < limit and _HAN.match(text[i - 1]) and text[i - 1] not in _STOP:
        if any(a < i and i - 1 < b for a, b in known):
            break
        i -= 1
    return i


def _plausible(name: str, reading: Reading, phrase_start: bool = False) -> bool:
    if len(name) < 2 or (phrase_start and name[0] in _NOT_FIRST) or name in reading.generic_names:
        return False
    if re.search(r"[一二三四五六七八九十兩两]大|主要|其他|其它|之一", name):
        return False  # 三大指數, 其他主要指數: a group named by a count, not a name
    if any(g in name for g in reading.generic_names if len(g) > 1 and len(name) - len(g) < 2):
        return False  # 無人機 + 公司, 國產晶片 + 公司: a kind of company, not a name
    if find_cues(name) or reading.kinds.find(name) or reading.directions.find(name):
        return False
    return not reading.other_metrics.find(name)


def _candidates(text: str, reading: Reading, known: list[tuple[int, int]]) -> list[Org]:
    out: list[Org] = []
    for suffix in reading.organization_suffixes:
        for m in re.finditer(re.escape(suffix), text):
            if any(a < m.end() and m.start() < b for a, b in known):
                continue
            ahead = text[m.start() : m.start() + 8]
            if any(a == 0 and b > len(suffix) for t in (reading.metric_cues, reading.other_metrics)
                   for a, b, _ in t.find(ahead)):
                continue  # 資本 of 資本開支: a word that names a metric, not the end of a name
            i = _run_left(text, m.start(), 6, known)
            stem = _after_boundary(text[i : m.start()], reading)
            i = m.start() - len(stem)
            if len(stem) >= 2:
                out.append(Org(i, m.end(), text[i : m.end()], stem))
    for kind, suffixes in reading.entity_suffixes.items():
        for suffix in suffixes:
            for m in re.finditer(re.escape(suffix), text):
                i = _run_left(text, m.start(), 8 if kind == "market" else 4, known)
                stem = _after_boundary(text[i : m.start()], reading)
                i = m.start() - len(stem)
                # a market is named by what it trades and where (中國人形機器人市場), not by a word (海外市場)
                least = 4 if kind == "market" and suffix in ("市場", "市场") else 2
                if len(stem) >= least and not any(a < m.end() and i < b for a, b in known):
                    out.append(Org(i, m.end(), text[i : m.end()], stem, kind))
    for rx in (reading.appositive, reading.subject):
        if rx is None:
            continue
        for m in rx.finditer(text):
            a, b = m.span("name")
            name = _after_boundary(m.group("name"), reading)
            a = b - len(name)
            if len(name) >= 2 and not any(x < b and a < y for x, y in known):
                out.append(Org(a, b, name, name, "phrase"))
    return out


def find_orgs(text: str, reading: Reading, known: list[tuple[int, int]], article: str | None = None) -> list[Org]:
    """Unknown organization, index and market names in text; `known` spans (known mentions) are never part of
    one. `article` (headline and body) decides which single-looking names are names: those it repeats."""
    whole = article if article is not None else text
    found: dict[tuple[int, int], Org] = {}
    for o in _candidates(text, reading, known):
        if not _plausible(o.name, reading, o.kind == "phrase"):
            continue
        if o.kind == "phrase":
            o = Org(o.start, o.end, o.name, o.stem)
        if o.kind == "company":
            title = whole.split("\n", 1)[0]
            repeated = whole.count(o.name) >= 2 or o.name in title
            coded = bool(_STOCK_CODE.match(text[o.end :]))
            # one mention will do for a name with an organization word that reads as a company: one of a
            # kind (另一家…宇樹科技) or doing what companies do (…科技已完成上市輔導)
            suffixed = o.stem != o.name and (_ONE_OF.search(text[max(0, o.start - 8) : o.start])
                                            or (reading.subject is not None and _acts(text, o, reading)))
            if not (repeated or coded or suffixed):
                continue
        span = (o.start, o.end)
        if any(s[0] <= o.start and o.end <= s[1] for s in found):
            continue  # inside a longer name already found
        for s in [s for s in found if o.start <= s[0] and s[1] <= o.end]:
            del found[s]
        found[span] = o
    return sorted(found.values(), key=lambda o: o.start)


@lru_cache(maxsize=8)
def _suffix_regex(suffixes: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(s) for s in suffixes))


def org_id(stem: str, taken: set[str]) -> str:
    """A readable, free ASCII id for an organization from the pinyin of its name (Simplified readings)."""
    syllables = [s for s in lazy_pinyin(_converter("t2s").convert(stem)) if s.isascii()]
    base = re.sub(r"[^a-z0-9]+", "-", "".join(syllables).lower()).strip("-")[:40] or "org"
    ident, n = base, 2
    while ident in taken or not ID_RE.match(ident):
        ident, n = f"{base}-{n}", n + 1
    return ident
