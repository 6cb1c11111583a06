"""The analyses' SPARQL: `.rq` files in this folder, loaded by name so that queries stay data.

Parameters are never formatted into the text; they are bound by the store as a VALUES block
(`?region`, `?above`, `?below`, ...), so each query uses them inside its outer WHERE group.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def sparql(name: str) -> str:
    return resources.files(__package__).joinpath(f"{name}.rq").read_text(encoding="utf-8")
