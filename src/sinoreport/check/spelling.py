"""One English spelling standard: words spelled the other way (favour on an en-US report, favor on an
en-GB one) in our English prose, with the word the standard writes.

The standard is `language.spelling` in sinoreport.yml (en-US unless set). The table is built from word
families (favor/favour, center/centre, organize/organise …) and their inflections, so each family is
written once; names are not read (a "Centre" in a proper name is the name).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pydantic import BaseModel

from sinoreport.corpus import Corpus
from sinoreport.load import Problem

# (American, British) stems; the inflections of each kind are generated below.
_OR = ("favor", "color", "behavior", "labor", "honor", "neighbor", "savor", "rumor", "endeavor", "harbor",
       "flavor", "vapor", "humor", "armor", "odor", "parlor", "valor", "vigor")
_ER = ("center", "meter", "liter", "fiber", "theater", "caliber", "meager", "somber", "specter")
_IZE = ("organ", "recogn", "real", "emphas", "priorit", "commercial", "global", "normal", "util", "capital",
        "subsid", "monet", "modern", "digit", "optim", "special", "stabil", "central", "standard", "categor",
        "summar", "industrial", "maxim", "minim", "character", "apolog", "critic", "custom", "final", "legal",
        "mobil", "privat", "rational", "synthes", "visual", "local", "scrutin", "jeopard", "author", "penal",
        "sympath", "energ", "mechan", "computer", "weapon", "national", "incentiv", "revital", "democrat",
        "regular", "institutional", "popular", "memor", "familiar", "util", "victim", "fantas", "harmon",
        "internal", "external", "trivial", "vapor", "marginal", "equal", "neutral", "patron", "publici")
_LL = ("model", "travel", "cancel", "label", "signal", "fuel", "total", "level", "channel", "counsel", "tunnel")
_WORDS = (("gray", "grey"), ("grays", "greys"), ("program", "programme"), ("programs", "programmes"),
          ("catalog", "catalogue"), ("catalogs", "catalogues"), ("defense", "defence"), ("offense", "offence"),
          ("license", "licence"), ("licenses", "licences"), ("analyze", "analyse"), ("analyzed", "analysed"),
          ("analyzing", "analysing"), ("paralyze", "paralyse"),
          ("while", "whilst"), ("among", "amongst"), ("check", "cheque"), ("tire", "tyre"),
          ("aluminum", "aluminium"), ("skeptical", "sceptical"), ("jewelry", "jewellery"),
          ("marvelous", "marvellous"), ("maneuver", "manoeuvre"), ("mold", "mould"), ("plow", "plough"),
          ("airplane", "aeroplane"), ("enroll", "enrol"), ("fulfill", "fulfil"), ("installment", "instalment"))


def _pairs() -> Iterator[tuple[str, str]]:
    for us in _OR:
        gb = us[:-2] + "our"
        for end in ("", "s", "ed", "ing", "able", "ably", "ite", "ites", "ful", "less", "ism", "ist", "ists"):
            yield us + end, gb + end
    for us in _ER:
        gb = us[:-2] + "re"
        for us_end, gb_end in (("", ""), ("s", "s"), ("ed", "d")):
            yield us + us_end, gb + gb_end
    for stem in _IZE:
        for us_end, gb_end in (("ize", "ise"), ("izes", "ises"), ("ized", "ised"), ("izing", "ising"),
                               ("ization", "isation"), ("izations", "isations"), ("izer", "iser"),
                               ("izers", "isers")):
            yield stem + us_end, stem + gb_end
    for stem in _LL:
        for end in ("ed", "ing", "er", "ers"):
            yield stem + end, stem + stem[-1] + end
    yield from _WORDS  # not "analyzes"/"analyses": the plural of analysis is written alike


# words both standards write (a "check" is a check everywhere; "while" and "among" are American and
# British alike): only the British-only form is flagged on an en-US report, never these on en-GB
_SHARED = frozenset({"check", "while", "among", "meter", "meters", "program", "programs", "tire", "mold",
                     "license", "licenses", "catalog", "catalogs"})


@lru_cache(maxsize=2)
def table(standard: str) -> dict[str, str]:
    """Word (lower case) spelled against `standard` → the word `standard` writes."""
    pairs = list(_pairs())
    if standard == "en-GB":
        return {us: gb for us, gb in pairs if us not in _SHARED}
    return {gb: us for us, gb in pairs}


_WORD = re.compile(r"[A-Za-z]+")


def misspellings(text: str, standard: str, keep: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(word as written, the standard's spelling) for every word of `text` spelled the other way; words
    in `keep` (lower case: part of a name, "Centre" of a venue) stay as written."""
    t = table(standard)
    out = []
    for m in _WORD.finditer(text):
        w = m.group(0)
        fix = t.get(w.lower())
        if fix is not None and w.lower() not in keep:
            out.append((w, fix.capitalize() if w[0].isupper() else fix))
    return out


# never read: other spellings kept for matching, and who said a quote
_NOT_PROSE = frozenset({"speaker", "cues", "aliases", "variants"})


def english_texts(x: object, path: tuple = (), *, names: bool = False) -> Iterator[tuple[tuple, str]]:
    """Our English prose inside a model, with its path: `en` fields and quote renderings; the English
    `name` too with `names` (a metric, a glossary term: words; a company's name is a proper name)."""
    if isinstance(x, str):
        skip = _NOT_PROSE if names else _NOT_PROSE | {"name"}
        if path and path[-1] in ("en", "quote_en") and not skip & set(map(str, path)):
            yield path, x
    elif isinstance(x, BaseModel):
        for field, info in type(x).model_fields.items():
            yield from english_texts(getattr(x, field), (*path, info.alias or field), names=names)
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from english_texts(v, (*path, i), names=names)
    elif isinstance(x, dict):  # a company's scores: scorecard → dimension → score
        for k, v in x.items():
            yield from english_texts(v, (*path, k), names=names)


def check_spelling(c: Corpus, standard: str, keep: frozenset[str] = frozenset()) -> Iterator[Problem]:
    """A warning for each word of our English spelled against the report's standard."""
    tables = (("article", c.articles), ("brief", c.briefs), ("company", c.companies), ("entity", c.entities),
              ("term", c.glossary), ("metric", c.metrics), ("tag", c.tags), ("dataset", c.datasets),
              ("scorecard", c.scorecards), ("chart", c.charts))
    for kind, items in tables:
        for ident, obj in items.items():
            for path, text in english_texts(obj, names=kind in ("term", "metric", "tag", "dataset", "scorecard",
                                                                 "chart")):
                for word, fix in dict.fromkeys(misspellings(text, standard, keep)):
                    yield Problem(c.where(kind, ident, *path), f"{word!r} is not {standard} spelling",
                                  f"write {fix!r} (the report's standard is language.spelling in sinoreport.yml; "
                                  "a word of a name goes in language.spelling_keep)",
                                  "warning")
