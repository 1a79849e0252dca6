"""The content model: every YAML file in content/ and data/ validates into one of these.

Formats are documented with examples in docs/FORMATS.md. Rules that need more than one file
(references, provenance) live in check.py; rules about one value live here.

Conventions
- Ids are ASCII, lower-case, url-safe slugs: they become URLs and must never change.
- Chinese prose is written once, in the canonical script (sinoreport.yml: language.canonical_script),
  under the key `zh`; the other script is derived by OpenCC plus per-term overrides.
- Names may pin a locale's form explicitly (`zh-Hans: 英伟达`, `zh-Hant: 輝達`): those pins are the
  per-term overrides that correct OpenCC, like Wikipedia's variant conversion rules.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

ID_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
MAX_QUOTE = 80
# What ingest writes where a person must write: curated content may not contain it (check refuses).
PLACEHOLDER = "TODO"


def _check_id(v: str) -> str:
    if not ID_RE.match(v):
        raise ValueError(
            f"{v!r} is not a url-safe id: use lower-case ASCII letters, digits and single hyphens "
            "(e.g. 2025-10-08-hk-stocks-fall), at most 80 characters"
        )
    if "--" in v:
        raise ValueError(f"{v!r} has a double hyphen; use single hyphens between words")
    return v


Id = Annotated[str, AfterValidator(_check_id)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]


class Model(BaseModel):
    """Base: unknown keys are errors (a typo must not silently drop curated text)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --------------------------------------------------------------------------- text


class Bilingual(Model):
    """Prose in English and in Chinese (canonical script)."""

    en: Text | None = None
    zh: Text | None = None


class Name(Model):
    """A name per locale. `zh` is in the canonical script; `zh-Hans`/`zh-Hant` pin a locale's form."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    en: ShortText
    zh: ShortText | None = None
    zh_hans: ShortText | None = Field(default=None, alias="zh-Hans")
    zh_hant: ShortText | None = Field(default=None, alias="zh-Hant")

    def pinned(self, locale: str) -> str | None:
        return {"zh-Hans": self.zh_hans, "zh-Hant": self.zh_hant}.get(locale)


class Named(Model):
    """Anything readers name: companies, products, other entities, glossary terms.

    `variants` are other regional or script spellings of the Chinese name (英偉達 for 輝達): in
    converted text they are replaced by the locale's own form. `aliases` are other names (BABA,
    阿里, Qwen3-Max) that stay as written but are matched for linking and search.
    """

    id: Id
    name: Name
    variants: list[ShortText] = Field(default_factory=list)
    aliases: list[ShortText] = Field(default_factory=list)


# --------------------------------------------------------------------------- data rows


class Kind(StrEnum):
    actual = "actual"
    forecast = "forecast"
    estimate = "estimate"
    target = "target"


class Qualifier(StrEnum):
    """How the source hedges a number: 約 about, 近 nearly, 超/逾 over, 不到 under."""

    about = "about"
    nearly = "nearly"
    over = "over"
    under = "under"


PERIOD_RE = re.compile(
    r"""^(?:
      \d{4}                                   # 2024
    | \d{4}(?:Q[1-4]|H[12]|Q1-Q3|9M)            # 2025Q2, 2025H1, 2025Q1-Q3
    | FY\d{4}(?:Q[1-4]|H[12])?                  # FY2026, FY2026Q2
    | \d{4}-\d{2}(?:-\d{2})?                    # 2025-09, 2025-10-02
    | \d{4}(?:-\d{2}(?:-\d{2})?)?[–/]\d{4}(?:-\d{2}(?:-\d{2})?)?   # 2025–2027, 2021-01/2024-12
    | TTM\ to\ \d{4}-\d{2}                      # TTM to 2025-08
    | YTD\ (?:to\ )?\d{4}(?:-\d{2}(?:-\d{2})?)? # YTD 2025, YTD to 2025-10-03
    | week\ to\ \d{4}-\d{2}-\d{2}               # week to 2025-10-03
    )$""",
    re.X,
)


def _check_period(v: str) -> str:
    if not PERIOD_RE.match(v):
        raise ValueError(
            f"period {v!r} is not in a known form: use 2024, 2025Q2, 2025H1, FY2026Q2, 2025-09, "
            "2025-10-02, 2025–2027, TTM to 2025-08, YTD 2025, YTD to 2025-10-03 or week to 2025-10-03"
        )
    return v


def _period_text(v: object) -> object:
    # `period: 2024` and `period: 2025-10-02` are a YAML int and date; a period is their text
    return v.isoformat() if isinstance(v, dt.date) else str(v) if isinstance(v, int) else v


Period = Annotated[str, BeforeValidator(_period_text), AfterValidator(_check_period)]


# The units a row may use are data: the package's src/sinoreport/units.yaml, with the project's
# data/units.yaml merged over it (UnitsFile below; units.py builds the table the stages read).


class UnitDef(Model):
    """A unit rows may write in `unit:`: how each locale shows it, and how texts write it after a number.

    `en` places the number at `{}` ("USD {}", "{}%", "{} GWh"); `zh` is the form written after the number
    in both scripts, or `zh-Hant`/`zh-Hans` each. In data/units.yaml an entry with the id of one of the
    package's units changes only the keys it writes."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, str_strip_whitespace=False)

    id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40,
                                         pattern=r"^[^\s{}]+$")]
    en: Annotated[str, StringConstraints(max_length=80)] | None = None
    zh: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None
    zh_hant: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = Field(
        default=None, alias="zh-Hant")
    zh_hans: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = Field(
        default=None, alias="zh-Hans")
    compact: bool = Field(default=False, description="large values as bn / 億 (amounts, counts)")
    currency: bool = Field(default=False, description="an amount of money (read with 每/slash prices)")
    axis: ShortText | None = Field(default=None, description="a chart axis's English label, where not the id")
    words: list[ShortText] = Field(default_factory=list, description="how texts write it after a number")
    family: ShortText | list[ShortText] | None = Field(
        default=None, description="the metric families (ingest/reading.yaml) that take this unit")
    note: str | None = None

    @field_validator("en")
    @classmethod
    def _placeholder(cls, v: str | None) -> str | None:
        if v is not None and v.count("{}") != 1:
            raise ValueError(f"{v!r}: write {{}} once, where the number goes (\"USD {{}}\", \"{{}} GWh\")")
        return v

    @model_validator(mode="after")
    def _zh(self) -> UnitDef:
        if self.zh is not None and (self.zh_hant is not None or self.zh_hans is not None):
            raise ValueError("write `zh` (the same in both scripts) or `zh-Hant` and `zh-Hans`, not both")
        return self

    @property
    def families(self) -> tuple[str, ...]:
        f = self.family
        return () if f is None else (f,) if isinstance(f, str) else tuple(f)


class UnitsFile(Model):
    """data/units.yaml (and the package's units.yaml): units, the words a price is per (`per`), and measure
    words that count what only the metric names (`uncounted`)."""

    units: list[UnitDef] = Field(default_factory=list)
    per: dict[ShortText, list[ShortText]] = Field(default_factory=dict)
    uncounted: list[ShortText] = Field(default_factory=list)


class DataRow(Model):
    """One number, tidy: who, what, when, how much, in what unit, how sure, and where it is written.

    `value` is a plain number in `unit` (3800億元 → 380000000000 CNY; 35.8% → 35.8 %). `quote` is
    verbatim from the raw article (≤ 80 characters) and contains the number as written; `check`
    verifies both against the raw digest. `quote_en` is our English rendering of it (curated rows need
    one); `producer` names who made the number (an analyst house, a tracker) when the outlet only reports it.
    """

    entity: Id
    metric: Id
    period: Period
    value: float
    value_high: float | None = Field(default=None, description="upper end when the source gives a range")
    unit: ShortText
    kind: Kind = Kind.actual
    qualifier: Qualifier | None = None
    source: Id | None = Field(default=None, description="article id; defaults to the enclosing article")
    quote: Annotated[str, StringConstraints(min_length=1, max_length=MAX_QUOTE)]
    quote_en: ShortText | None = Field(
        default=None, description="our English rendering of the quote, shown beside it on English pages")
    producer: Id | None = Field(
        default=None, description="company or entity id of who produced the figure (a tracker), when not the outlet")
    note: Bilingual | None = None
    datasets: list[Id] = Field(default_factory=list, description="dataset ids this row belongs to")
    waive: list[Literal["unit", "sign", "entity", "period", "kind", "value"]] = Field(
        default_factory=list, description="semantic checks this row is exempt from; the note must say why")
    scope: Id | None = Field(
        default=None, description="what the figure measures at which scope (company, business, product, "
        "combined …); derived from the entity when not given (corpus.scope_of)")

    @field_validator("value", "value_high")
    @classmethod
    def _finite(cls, v: float | None) -> float | None:
        if v is not None and (v != v or v in (float("inf"), float("-inf"))):
            raise ValueError("value must be a finite number")
        return v

    @model_validator(mode="after")
    def _range(self) -> DataRow:
        if self.value_high is not None and self.value_high < self.value:
            raise ValueError("value_high must not be below value (write the low end in value)")
        return self


# --------------------------------------------------------------------------- articles


class Status(StrEnum):
    draft = "draft"
    curated = "curated"


class Script(StrEnum):
    hant = "hant"
    hans = "hans"


class Title(Model):
    zh: Text = Field(description="the headline as published, in its source script")
    en: Text | None = None


class KeyPoint(Model):
    en: Text | None = None
    zh: Text | None = None


class Quote(Model):
    """A short attributed quote: verbatim text, who said it, our translation."""

    text: Annotated[str, StringConstraints(min_length=1, max_length=MAX_QUOTE)]
    speaker: Name | None = None
    en: Text | None = None


def _plain_name(v: str) -> str:
    if "/" in v or "\\" in v or v.startswith(".") or len(v) > 200:
        raise ValueError(
            f"{v!r} must be a plain file name (no directories, not hidden); raw dirs are set in sinoreport.yml"
        )
    return v


class Source(Model):
    file: Annotated[ShortText, AfterValidator(_plain_name)] = Field(
        description="raw digest file name, looked up in the configured raw dirs"
    )
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    script: Script
    index: int = Field(ge=1, description="position of the article in its digest (1-based)")
    digest_tags: list[ShortText] = Field(default_factory=list, description="the digest's #tags as written")


class Article(Model):
    id: Id
    status: Status = Status.draft
    title: Title
    outlet: ShortText
    date: dt.date | None = Field(default=None, description="required once curated")
    date_precision: Literal["day", "month"] = "day"
    date_basis: Literal["stated", "inferred"] = "inferred"
    date_note: Bilingual | None = None
    tags: list[Id] = Field(default_factory=list)
    companies: list[Id] = Field(default_factory=list)
    summary: Bilingual = Field(default_factory=Bilingual)
    key_points: list[KeyPoint] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    figures: list[DataRow] = Field(default_factory=list)
    analysis: Bilingual | None = Field(default=None, description="our analyst's comment, optional")
    source: Source

    @model_validator(mode="after")
    def _month_precision(self) -> Article:
        if self.date is None:
            if self.status == Status.curated:
                raise ValueError("a curated article needs a `date` (YYYY-MM-DD)")
            return self
        if self.date_precision == "month" and self.date.day != 1:
            raise ValueError("with date_precision: month, write the date as the 1st (e.g. 2025-09-01)")
        return self

    @field_validator("companies", "tags")
    @classmethod
    def _unique(cls, v: list[str]) -> list[str]:
        dupes = sorted({x for x in v if v.count(x) > 1})
        if dupes:
            raise ValueError(f"listed twice: {', '.join(dupes)}")
        return v


# --------------------------------------------------------------------------- companies & entities


class Ticker(Model):
    symbol: ShortText
    exchange: Literal["NYSE", "NASDAQ", "HKEX", "SSE", "SZSE", "BSE", "TWSE", "NYSE Arca", "OTC"]


class Score(Model):
    """One company's rating on one dimension of a scorecard, quoted from the article it rests on."""

    rating: Id = Field(description="an id of the scorecard's `ratings`")
    quote: Annotated[str, StringConstraints(min_length=1, max_length=MAX_QUOTE)]
    quote_en: ShortText | None = Field(default=None, description="our English rendering of the quote")
    source: Id
    note: Bilingual | None = None


COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def _check_color(v: str) -> str:
    if not COLOR_RE.match(v):
        raise ValueError(f"{v!r} is not a colour: write it as #rrggbb (e.g. #2e7d32)")
    return v.lower()


Color = Annotated[str, AfterValidator(_check_color)]
# The package's rating colours by position, best first (green … grey), for scorecards of 1 to 5 ratings;
# longer scales repeat the last. A rating's own `color:` wins.
RATING_FILLS = {
    1: ("#2e7d32",),
    2: ("#2e7d32", "#9e9e9e"),
    3: ("#2e7d32", "#f9a825", "#9e9e9e"),
    4: ("#2e7d32", "#7cb342", "#f9a825", "#9e9e9e"),
    5: ("#2e7d32", "#7cb342", "#f9a825", "#ef6c00", "#9e9e9e"),
}


def ink_on(fill: str) -> str:
    """Text colour that reads on a fill: white on dark fills, near-black on light ones (WCAG luminance)."""
    def channel(h: str) -> float:
        c = int(h, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(fill[i:i + 2]) for i in (1, 3, 5))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#ffffff" if (1.05 / (lum + 0.05)) > ((lum + 0.05) / (0.0137 + 0.05)) else "#1a1a1a"


class DimensionWord(Model):
    """What a scorecard's dimensions are called, for captions: "2 of 3 moats", 「3項護城河中」."""

    en: ShortText
    one: ShortText | None = Field(default=None, description="English singular (default: en)")
    many: ShortText | None = Field(default=None, description="English plural (default: en + s)")
    zh: ShortText | None = None

    def english(self, n: int) -> str:
        return (self.one or self.en) if n == 1 else (self.many or f"{self.one or self.en}s")


class Dimension(Model):
    id: Id
    name: Name
    description: Bilingual | None = None


class Rating(Model):
    id: Id
    name: Name
    score: float = Field(description="orders ratings and companies: higher is better")
    color: Color | None = Field(
        default=None, description="the rating's fill, #rrggbb (default: the package's colour for its position)")


class Scorecard(Model):
    """Companies rated on named dimensions (data/scorecards.yaml): ratings best first."""

    id: Id
    title: Name
    dimension_word: DimensionWord
    description: Bilingual | None = None
    dimensions: Annotated[list[Dimension], Field(min_length=1)]
    ratings: Annotated[list[Rating], Field(min_length=1)]

    @model_validator(mode="after")
    def _order(self) -> Scorecard:
        for what, items in (("dimension", self.dimensions), ("rating", self.ratings)):
            ids = [x.id for x in items]
            dup = next((i for i in ids if ids.count(i) > 1), None)
            if dup:
                raise ValueError(f"{what} {dup!r} is listed twice; give each {what} its own id")
        scores = [r.score for r in self.ratings]
        if scores != sorted(scores, reverse=True) or len(set(scores)) != len(scores):
            raise ValueError("list `ratings` best first, each with a higher `score` than the next")
        return self

    def dimension(self, ident: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == ident), None)

    def rating(self, ident: str) -> Rating | None:
        return next((r for r in self.ratings if r.id == ident), None)

    @property
    def best(self) -> Rating:
        return self.ratings[0]

    def fill(self, rating: Rating) -> str:
        if rating.color:
            return rating.color
        fills = RATING_FILLS[min(len(self.ratings), max(RATING_FILLS))]
        return fills[min(self.ratings.index(rating), len(fills) - 1)]

    def ink(self, rating: Rating) -> str:
        return ink_on(self.fill(rating))


class Product(Named):
    kind: Literal["model", "chip", "os", "app", "device", "service", "platform", "business", "subsidiary"]
    one_line: Bilingual | None = None


class Company(Named):
    status: Literal["draft", "curated"] = Field(
        default="curated", description="draft: proposed by ingest, shown only with drafts until a person curates it")
    tier: Literal["full", "short"] = "short"
    type: Literal["company", "fund-manager", "fund", "research", "regulator"] = "company"
    private: bool = False
    tickers: list[Ticker] = Field(default_factory=list)
    headquarters: Bilingual | None = None
    sector: Bilingual
    one_line: Bilingual
    profile: Bilingual | None = None
    scores: dict[Id, dict[Id, Score]] = Field(
        default_factory=dict, description="scorecard id → dimension id → the company's rating (data/scorecards.yaml)")
    products: list[Product] = Field(default_factory=list)
    parent: Id | None = None
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = Field(
        default=None, description="the currency it reports in (a currency of the project's units: check holds it "
        "to them): assumed, with a note, where the text names none")
    fiscal_year_end: int | None = Field(
        default=None, ge=1, le=12, description="month its fiscal year ends (January: 1); periods become FY…")
    website: Annotated[str, StringConstraints(pattern=r"^https://[^\s\"'<>]+$")] | None = None

    @model_validator(mode="after")
    def _tier(self) -> Company:
        if self.tier == "full" and (self.profile is None or self.headquarters is None):
            raise ValueError("a full profile needs `profile` and `headquarters`")
        if self.private and self.tickers:
            raise ValueError("a private company has no tickers; remove `tickers` or `private: true`")
        return self


class Entity(Named):
    """Something numbers are about that has no profile page: an index, a market, a group, a body."""

    status: Literal["draft", "curated"] = "curated"
    type: Literal["index", "market", "group", "commodity", "government", "product", "fund", "security"]
    one_line: Bilingual | None = None
    price_unit: ShortText | None = Field(default=None, description="how its price is quoted (gold: USD/oz)")


class GlossaryTerm(Named):
    definition: Bilingual
    see_also: list[Id] = Field(default_factory=list)


class Cues(Model):
    """Words that name a metric in the text (`zh` in the canonical script; the other is derived)."""

    zh: list[ShortText] = Field(default_factory=list)
    en: list[ShortText] = Field(default_factory=list)


class Metric(Model):
    """What a row measures. The reading keys teach ingest to propose it and check to hold rows to it."""

    id: Id
    name: Name
    description: Bilingual | None = None
    family: ShortText | None = Field(default=None, description="unit family (money, percent, users …)")
    unit: ShortText | None = Field(default=None, description="its usual unit, where the family has several (models)")
    cues: Cues | None = None
    variant_of: Id | None = Field(default=None, description="the metric this one modifies (sales → their growth)")
    modifier: Literal["yoy", "qoq", "share", "growth"] | None = None
    signed: bool = Field(default=False, description="a change or a profit: a fall in the text is a negative value")
    scope: Literal["any", "company"] = Field(
        default="any", description="company: a product named in the text stands for its company")
    period: Literal["period", "date"] = Field(
        default="period", description="date: a figure of one day (a price move) defaults to the article's date")


class Tag(Named):
    status: Literal["draft", "curated"] = "curated"


class Outlet(Model):
    """A publication. `name.zh` is the name as the digest writes it (the `(Outlet)` suffix)."""

    id: Id
    name: Name
    variants: list[ShortText] = Field(default_factory=list)
    one_line: Bilingual | None = None


class Dataset(Model):
    """A named view over data rows: the rows themselves live with their articles (figures)."""

    id: Id
    title: Name
    description: Bilingual
    notes: Bilingual | None = None
    order: int = 100


class ConversionRule(Model):
    """A phrase OpenCC converts wrongly in our register: the right form in each script.

    指標 (metric) is 指标 on the mainland, but OpenCC's tw2sp reads it as the programming term 指针.

    With `regional`, a pair of regional words instead (Taiwan 投資人, mainland 投资者): on the pages it
    names (`zh-Hans`, `zh-Hant` or `both`) the other region's word, in either script, becomes that
    locale's word. Regional pairs yield to names and to the rules without `regional` (the pins), and
    `check` flags the other region's word wherever a page still shows it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    zh_hant: ShortText = Field(alias="zh-Hant")
    zh_hans: ShortText = Field(alias="zh-Hans")
    regional: Literal["zh-Hans", "zh-Hant", "both"] | None = None
    note: str | None = None


# --------------------------------------------------------------------------- files


class Misreading(Model):
    """What OpenCC makes of a word of ours when no rule pins it (指標 → 指针): text converted to zh-Hans must
    not show `wrong` (the package's interface strings are tested against its list)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    zh_hant: ShortText = Field(alias="zh-Hant")
    wrong: ShortText
    note: str | None = None


class ConversionsFile(Model):
    """data/conversions.yaml, and the package's baseline (src/sinoreport/i18n/conversions.yaml) under it."""

    conversions: list[ConversionRule] = Field(default_factory=list)
    misreadings: list[Misreading] = Field(default_factory=list)


class RegisterFile(Model):
    """data/register.yaml: words that read as the other region's on a locale's pages, each with the word
    that locale writes, as `check` shows them (业者: 企业/厂商), and shared words that contain one of
    them (从业者 holds 业者) under `allow`. Words are written in the locale's script."""

    zh_hans: dict[ShortText, ShortText] = Field(default_factory=dict, alias="zh-Hans")
    zh_hant: dict[ShortText, ShortText] = Field(default_factory=dict, alias="zh-Hant")
    allow: dict[Literal["zh-Hans", "zh-Hant"], list[ShortText]] = Field(default_factory=dict)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, str_strip_whitespace=True)



class ScorecardsFile(Model):
    scorecards: list[Scorecard]


class GlossaryFile(Model):
    terms: list[GlossaryTerm]


class EntitiesFile(Model):
    entities: list[Entity]


class MetricsFile(Model):
    metrics: list[Metric]


class TagsFile(Model):
    tags: list[Tag]


class OutletsFile(Model):
    outlets: list[Outlet]


# --------------------------------------------------------------------------- key findings

# A row reference: `entity/metric/period`, optionally `@article` when several articles have such a row
# (the period may itself hold a slash: 2021-01/2024-12), or `article#n`, the article's n-th row (1-based).
ROW_REF_RE = re.compile(
    r"^(?:(?P<entity>[a-z0-9-]+)/(?P<metric>[a-z0-9-]+)/(?P<period>[^@#]+?)(?:@(?P<article>[a-z0-9-]+))?"
    r"|(?P<in>[a-z0-9-]+)#(?P<n>[1-9][0-9]*))$")
# Where a finding's text shows a row: {name} as the tables show it, {name:abs} without its sign (the verb
# says the direction: "fell {drop:abs}"), {name:period} its period.
SLOT_RE = re.compile(r"\{([a-z][a-z0-9_]*)(?::([a-z]+))?\}")
SLOT_FORMATS = ("value", "abs", "period")


@dataclass(frozen=True)
class RowRef:
    """A parsed row reference: a key (entity, metric, period, optionally the article) or a position."""

    entity: str | None = None
    metric: str | None = None
    period: str | None = None
    article: str | None = None
    n: int | None = None  # 1-based position in the article's figures


def parse_row_ref(text: str) -> RowRef | None:
    m = ROW_REF_RE.match(text)
    if m is None:
        return None
    if m.group("in"):
        return RowRef(article=m.group("in"), n=int(m.group("n")))
    return RowRef(m.group("entity"), m.group("metric"), m.group("period"), m.group("article"))


def _check_row_ref(v: str) -> str:
    if parse_row_ref(v) is None:
        raise ValueError(
            f"{v!r} is not a row reference: write entity/metric/period (e.g. acme/sales/2025Q2), "
            "add @article-id when several articles have that row, or article-id#n for its n-th row"
        )
    return v


RowKey = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), AfterValidator(_check_row_ref)]
Slot = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]


class Finding(Bilingual):
    """A key finding: a sentence or two in each language whose numbers are data rows. `rows` names the
    rows; the text shows each where it writes {name} (see SLOT_RE), formatted for the page's locale
    and linked to the row. A number written in the text itself must be one of these rows' (check)."""

    en: ShortText
    zh: ShortText
    rows: dict[Slot, RowKey] = Field(min_length=1, description="placeholder name → row reference")

    @model_validator(mode="after")
    def _slots(self) -> Finding:
        for lang in ("en", "zh"):
            for m in SLOT_RE.finditer(getattr(self, lang)):
                name, fmt = m.group(1), m.group(2) or "value"
                if name not in self.rows:
                    raise ValueError(f"{lang} writes {m.group(0)} but `rows` names no {name!r}; "
                                     f"name it there ({name}: entity/metric/period)")
                if fmt not in SLOT_FORMATS:
                    raise ValueError(f"{lang}: {m.group(0)} has an unknown format {fmt!r}; use "
                                     + ", ".join(f"{{{name}:{f}}}" for f in SLOT_FORMATS))
        return self

    def slots(self, lang: str) -> list[tuple[str, str]]:
        """(name, format) of each placeholder in one language's text, in order."""
        return [(m.group(1), m.group(2) or "value") for m in SLOT_RE.finditer(getattr(self, lang))]


class FindingsFile(Model):
    """content/findings.yaml: the key findings of the home page, which the PDF edition opens with."""

    findings: list[Finding] = Field(default_factory=list)


class Brief(Model):
    """An analysis brief: our own writing, in Markdown, with footnotes citing articles."""

    id: Id
    order: int = 100
    title: Name
    dek: Bilingual = Field(description="one-sentence standfirst")
    date: dt.date
    cites: list[Id] = Field(default_factory=list, description="article ids, in footnote order")
    charts: list[Id] = Field(default_factory=list)
    companies: list[Id] = Field(default_factory=list)
    body: Bilingual = Field(description="Markdown; cite article n with [^n]")
    findings: list[Finding] = Field(default_factory=list, description="3–5 key findings the brief opens with")


# --------------------------------------------------------------------------- chart declarations

CHART_KINDS = ("bars", "series", "scorecard")
ChartKind = Literal["bars", "series", "scorecard"]


class Select(Model):
    """Which published rows a chart (or a panel, or its notes) draws: a dataset's rows, narrowed."""

    dataset: Id
    metrics: list[Id] | None = None
    entities: list[Id] | None = None
    exclude: list[Id] = Field(default_factory=list, description="entity ids left out")
    periods: ShortText | None = Field(
        default=None, description="fnmatch on the period id (TTM*), or `dated` (YYYY-MM[-DD]) or `year-like` "
        "(YTD…, TTM…, YYYY)")
    kinds: list[Kind] | None = None
    units: list[ShortText] | None = None

    def admits(self, row: DataRow) -> bool:
        """Whether a row of the dataset is one this selection draws."""
        return (self.dataset in row.datasets
                and (self.metrics is None or row.metric in self.metrics)
                and (self.entities is None or row.entity in self.entities) and row.entity not in self.exclude
                and (self.kinds is None or row.kind in self.kinds) and (self.units is None or row.unit in self.units)
                and (self.periods is None or period_matches(row.period, self.periods)))


_DATED = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def period_date(period: str) -> str | None:
    """A dated period (2025-09, 2025-10-02) as an ISO date (the 1st for a month); None for other periods."""
    m = _DATED.match(period)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3) or '01'}" if m else None


def period_matches(period: str, pattern: str) -> bool:
    """`dated` (YYYY-MM[-DD]), `year-like` (YTD…, TTM…, YYYY), or an fnmatch pattern (TTM*); `!` before
    any of them negates it."""
    if pattern.startswith("!"):
        return not period_matches(period, pattern[1:])
    if pattern == "dated":
        return period_date(period) is not None
    if pattern == "year-like":
        return period.startswith(("YTD", "TTM")) or bool(re.fullmatch(r"\d{4}", period))
    return fnmatch.fnmatchcase(period, pattern)


class WithoutFigure(Model):
    """An entity the source names without a figure: the caption says so, in the note's words. The quote is
    verbatim from the article (check verifies it like a row's)."""

    entity: Id
    article: Id
    quote: Annotated[str, StringConstraints(min_length=1, max_length=MAX_QUOTE)]
    note: Bilingual


class Benchmark(Model):
    entity: Id


class Reference(Model):
    """A fixed rule line: `label` may write {ref}, the value as the axis shows it."""

    value: float
    label: Name | None = None


class Axis(Model):
    title: Name | None = None


class YAxis(Model):
    domain: Annotated[list[float], Field(min_length=2, max_length=2)] | None = None


class Words(Model):
    """The caption's superlatives for a chart (default: the package's highest / lowest)."""

    top: Name | None = None
    low: Name | None = None


class Notes(Model):
    """Figures stated under the chart as a sentence; `text` may write {entity}, {metric}, {value}, {period}."""

    select: Select
    latest: int | None = Field(default=None, ge=1, description="only the n latest figures")
    text: Name


_ROW_OPTIONS = {"select", "latest", "label", "colors", "axis", "caption", "without_figure", "notes"}
_KIND_OPTIONS = {
    # keys of a chart (or panel) that any kind has
    "any": {"kind", "id", "title", "description", "order", "show", "takeaway", "panels"},
    "bars": _ROW_OPTIONS | {"top", "by_size", "diverging", "color", "benchmark", "reference", "transform", "labels",
                            "words"},
    "series": _ROW_OPTIONS | {"mark", "recent", "series", "keep", "y", "height"},
    "scorecard": {"scorecard"},
}


class PanelDecl(Model):
    """What a chart kind draws, and how: a whole chart, or one of its stacked panels."""

    kind: ChartKind | None = None
    select: Select | None = None
    scorecard: Id | None = Field(default=None, description="scorecard kind: an id of data/scorecards.yaml")
    latest: bool | None = Field(default=None, description="each entity's (and metric's) latest row; bars: default")
    top: int = Field(default=15, ge=1, le=200, description="at most n bars (the largest)")
    by_size: bool = Field(default=False, description="rank by |value|: the largest moves either way")
    diverging: bool = False
    label: Literal["entity", "entity-metric", "auto"] = "auto"
    color: Literal["entity", "metric", "none"] | None = None
    colors: dict[Id, Color] = Field(default_factory=dict, description="colours pinned by entity id")
    benchmark: Benchmark | None = None
    reference: Reference | None = None
    transform: dict[Id, Literal["complement"]] = Field(
        default_factory=dict, description="per metric: complement draws 100 − value (30% cheaper → 70% of it)")
    labels: dict[Id, Name] = Field(default_factory=dict, description="per metric: its label in this chart")
    axis: Axis | None = None
    words: Words | None = None
    caption: Literal["rank", "ratio", "largest", "path", "none"] | None = None
    without_figure: list[WithoutFigure] = Field(default_factory=list)
    notes: Notes | None = None
    # series
    mark: Literal["line", "bars", "auto"] = "auto"
    recent: int | None = Field(default=None, ge=1, description="series: the n latest periods")
    series: int | None = Field(default=None, ge=1, description="series: at most n lines (the largest)")
    keep: list[Id] = Field(default_factory=list, description="series: entities always drawn")
    y: YAxis | None = None
    height: int | None = Field(default=None, ge=60, le=1200)

    @model_validator(mode="after")
    def _kind_needs(self) -> PanelDecl:
        if self.kind is None and not getattr(self, "panels", None):
            raise ValueError(f"a chart needs a `kind` ({' | '.join(CHART_KINDS)}) or `panels`")
        if self.kind in ("bars", "series") and self.select is None:
            raise ValueError(f"a {self.kind} chart needs `select: {{dataset: …}}` (which rows it draws)")
        if self.kind == "scorecard" and self.select is not None:
            raise ValueError("a scorecard draws no rows: remove `select`")
        if self.kind is not None:
            given = self.model_fields_set - _KIND_OPTIONS["any"]
            wrong = sorted(given - _KIND_OPTIONS[self.kind])
            if wrong:
                raise ValueError(f"{', '.join(f'`{w}`' for w in wrong)}: not an option of a {self.kind} chart "
                                 f"(docs/FORMATS.md, Charts, lists the options of each kind)")
        if self.kind == "series" and self.caption not in (None, "path", "none"):
            raise ValueError("a series' caption is `path` or `none`")
        return self


class Takeaway(Finding):
    """An author's takeaway for a chart, written like a key finding: its numbers are placeholders for rows
    of the chart (check holds every number and every comparison to the chart's rows)."""


class ChartDecl(PanelDecl):
    """A chart of data/charts.yaml: embedded by id (@chart(id)), shown where `show` says."""

    id: Id
    title: Name
    description: Bilingual | None = None
    order: int = 100
    show: list[Literal["data", "home", "company"]] = Field(default_factory=lambda: ["data"])
    takeaway: Takeaway | None = None
    panels: list[PanelDecl] = Field(default_factory=list)

    @model_validator(mode="after")
    def _panels(self) -> ChartDecl:
        if self.panels and self.kind is not None:
            raise ValueError("a chart of `panels` has no `kind` of its own: give each panel its kind")
        if self.panels and any(p.kind is None for p in self.panels):
            raise ValueError("each panel needs a `kind`")
        return self

    def parts(self) -> list[PanelDecl]:
        """What is drawn: its panels, or the chart itself."""
        return list(self.panels) or [self]


class ChartsFile(Model):
    charts: list[ChartDecl] = Field(default_factory=list)
