"""Issue 13: one request is one log line whatever its values hold, and a full disk is a message with exit 2."""

from __future__ import annotations

import errno
import logging
import logging.config

import pytest
import typer

from kg.cli.main import EXIT_ERROR, run
from kg.logsafe import EscapeControl, escape_control, uvicorn_log_config


def test_control_characters_are_escaped_in_log_messages():
    record = logging.LogRecord("api", logging.ERROR, __file__, 1, "store error on %s: %s",
                               ("/regions/X\nFAKE 200 OK", "bad\r\x1b[31m"), None)
    assert EscapeControl().filter(record)
    line = logging.Formatter("%(message)s").format(record)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert line == "store error on /regions/X\\nFAKE 200 OK: bad\\r\\x1b[31m"
    assert escape_control("Mannheim – Ü") == "Mannheim – Ü"  # printable text untouched


def test_kg_serve_logs_through_the_filter():
    config = uvicorn_log_config()
    assert all("escape_control" in handler["filters"] for handler in config["handlers"].values())
    logging.config.dictConfig(config)
    access = logging.getLogger("uvicorn.access")
    assert any(isinstance(f, EscapeControl) for h in access.handlers for f in h.filters)


def test_a_full_disk_is_a_message_and_exit_2(capsys):
    def fill() -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "/var/store/000123.sst")

    with pytest.raises(typer.Exit) as stopped:
        run(fill)
    assert stopped.value.exit_code == EXIT_ERROR
    message = capsys.readouterr().err
    assert "the disk is full" in message and "000123.sst" in message and "Traceback" not in message
