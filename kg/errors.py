"""One small exception family; the CLI and the API each map it to exit codes / HTTP statuses in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows."""

    file: str
    message: str
    row: int | None = None
    line: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", {self.column}"
        text = f"{where}: {self.message}"
        if self.value is not None:
            text += f" (value: {self.value!r})"
        return text


class KGError(Exception):
    """Base of all errors the tool reports to its users."""


class LoadError(KGError):
    """Input that cannot be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ReferenceConflict(LoadError):
    """A valid data set whose writing would break other data sets' references (or replace one they rely on)."""


class NotFound(KGError):
    """A named thing (query, region, concept, actor) does not exist."""

    def __init__(self, message: str, valid: list[str] | None = None):
        self.valid = valid or []
        super().__init__(message)


class QueryRefused(KGError):
    """A query that is not allowed (update, SERVICE, LOAD, ...) or exceeded a limit."""


class QueryError(KGError):
    """A query that is malformed; carries the parser's message."""


class StoreError(KGError):
    """The store cannot be reached or failed."""
