"""Recall of a query set: does a search put the pages a reader expects in its first five results?

A query set is YAML (tests/search/queries.yaml is the one for the shipped report):

    queries:
      - {q: 英伟达, locales: [zh-Hans, zh-Hant], kind: name, expect: [companies/nvidia/]}

`expect` lists pages without the locale prefix; `locales` says where the query is asked. Recall@k
of one query is the share of its expected pages (at most k) found in the first k results; a
locale's recall is the mean over its queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

K = 5


@dataclass(frozen=True)
class Query:
    q: str
    locale: str
    kind: str
    expect: tuple[str, ...]

    def expected_urls(self, default: str = "en") -> list[str]:
        prefix = "" if self.locale == default else f"{self.locale}/"
        return [prefix + e for e in self.expect]


@dataclass
class Scored:
    query: Query
    urls: list[str]
    recall: float


@dataclass
class Report:
    scored: list[Scored] = field(default_factory=list)

    def by_locale(self) -> dict[str, float]:
        out: dict[str, list[float]] = defaultdict(list)
        for s in self.scored:
            out[s.query.locale].append(s.recall)
        return {loc: sum(v) / len(v) for loc, v in sorted(out.items())}

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for s in self.scored:
            out[s.query.locale] += 1
        return dict(sorted(out.items()))

    def misses(self) -> list[Scored]:
        return [s for s in self.scored if s.recall < 1]


def load(path: Path) -> list[Query]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    out: list[Query] = []
    for item in data["queries"]:
        for loc in item["locales"]:
            out.append(Query(str(item["q"]), loc, item.get("kind", ""), tuple(item["expect"])))
    return out


def recall_at(urls: list[str], expected: list[str], k: int = K) -> float:
    if not expected:
        return 1.0 if not urls else 0.0  # a query that should find nothing
    top = urls[:k]
    return sum(1 for e in expected if e in top) / min(len(expected), k)


def score(queries: list[Query], results: list[list[str]], default: str = "en") -> Report:
    return Report([Scored(q, urls, recall_at(urls, q.expected_urls(default))) for q, urls in zip(queries, results,
                                                                                                  strict=True)])
