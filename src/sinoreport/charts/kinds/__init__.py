"""Chart kinds: one module each, one function `build(ctx, decl) -> Draft | None` (charts/base.py).

A kind draws what a declaration of data/charts.yaml selects; it never names a dataset, metric, entity or
colour of one report. `registry.KINDS` maps a declaration's `kind` to its module.
"""
