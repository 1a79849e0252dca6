"""Chart kinds: general chart builders, each `build(ctx, decl) -> Draft | None`, configured by a chart's
declaration (data/charts.yaml) and naming no dataset, metric, entity or colour of one report."""
