"""Gold readers, scorers and reports behind `brinkwatch evaluate` (docs/evaluation.md).

The scorers (`events`, `penta`, `actors`, `quotes`) are pure functions over gold records and
prediction records; `predict` runs the pipeline to make those predictions; `run.evaluate_file`
ties the two together.
"""
