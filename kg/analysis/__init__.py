"""Coverage analyses of a region's support system: who covers which cell, where support is missing,
duplicated or fragile, who brokers, and how a region compares with a model region.

One module per concept; each analysis is a function `(store, settings, ...) -> frozen result` whose
`to_dict()` is what the CLI, the API and the pages render. The definitions are in docs/analyses.md.
"""
