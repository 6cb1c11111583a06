"""The NUTS version guard: codes of older NUTS versions that no longer exist in NUTS 2024, read from the
crosswalk `data/crosswalks/nuts-retired-codes.csv` (built by kg.importers.nuts_versions), so that an unknown
code is explained ("DE915 is a NUTS 2021 code ... now DE91C") instead of silently missing."""

from __future__ import annotations

import csv
from functools import cached_property
from pathlib import Path


class RetiredCodes:
    def __init__(self, path: Path | None):
        self.path = path

    @cached_property
    def rows(self) -> dict[str, dict[str, str]]:
        if self.path is None or not self.path.exists():
            return {}
        with self.path.open(encoding="utf-8", newline="") as handle:
            return {row["code"]: row for row in csv.DictReader(handle)}

    def explain(self, code: str) -> str:
        code = code.strip().upper()
        row = self.rows.get(code)
        if row is None:
            return f"unknown region code {code!r} (NUTS 2024 code, US-XX, US-<FIPS> or ISO country)"
        text = f"{code} is a NUTS {row['last_version']} code that no longer exists in NUTS 2024"
        change = f"{row['change'].lower()}: " if row["change"] else ""
        if row["country_code"] == "UK":
            return f"{text} (NUTS 2024 does not cover the United Kingdom; use UK)"
        if row["now"]:
            return f"{text} ({change}now {row['now']}, same territory)"
        if row["successor"]:
            now = ", ".join(row["successor"].split(";"))
            return f"{text} ({change}its territory is now in {now}, with other boundaries)"
        return f"{text} ({change or 'split, merged or reshaped: '}see data/crosswalks/nuts-retired-codes.csv)"
