"""The render stage's one error: located problems (a template, a chart, a brief's citation)."""

from __future__ import annotations

from sinoreport.load import Problem


class RenderError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems
