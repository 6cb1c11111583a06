"""The seed documents as the quote checks read them: the project's copy in data/sources/seeds/, normalised so
that a quote typed from the PDF text matches across line breaks, hyphenation at a line end and ligatures."""

from __future__ import annotations

import re
from functools import cache

from kg.config import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "data" / "sources" / "seeds"
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\u00ad": ""}


def normalise(text: str) -> str:
    """One space for any whitespace; a word hyphenated at a line end joined again; ligatures spelt out."""
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    text = re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def seed_text() -> str:
    """All seed documents of the copy, normalised, one after the other."""
    return "\n".join(normalise(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt")))


def occurs_in_seeds(quote: str) -> bool:
    return normalise(quote) in seed_text()
