"""The `kg` command line: a thin surface over the package's functions."""

from kg.cli.main import app

__all__ = ["app"]
