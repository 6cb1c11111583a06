"""Knowledge graph of regional collaboration systems: who supports entrepreneurs with what, and where not."""

__version__ = "0.1.0"
