"""Log lines that a client cannot forge: control characters in logged values (a newline in a decoded path or a
query parameter) are written escaped, so one request is always one line of the log."""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def escape_control(text: str) -> str:
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class EscapeControl(logging.Filter):
    """Formats the record's message once, escaped (a traceback, added later by the formatter, stays as it is)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = escape_control(record.getMessage())
        record.args = None
        return True


def uvicorn_log_config() -> dict[str, Any]:
    """uvicorn's own logging configuration with the escaping filter on every handler, and the application's
    loggers sent to the same console."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["escape_control"] = {"()": "kg.logsafe.EscapeControl"}
    for handler in config["handlers"].values():
        handler.setdefault("filters", []).append("escape_control")
    config["loggers"][""] = {"handlers": ["default"], "level": "INFO"}
    return config
