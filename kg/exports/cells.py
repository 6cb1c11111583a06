"""Text that a spreadsheet opens as text. A CSV cell beginning with =, +, -, @ (or a tab or carriage return before
one) is run as a formula by Excel, LibreOffice and Google Sheets – `=HYPERLINK(...)` in an organisation's name
becomes a link the reader never asked for (OWASP: CSV injection). Such a cell gets a leading apostrophe, which
spreadsheets hide and every other reader can strip; numbers such as -5 or +49 621 are left as they are."""

from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?[\d\s.,()/]+$")  # a signed number or phone number is data, not a formula


def spreadsheet_safe(value: object) -> object:
    if not isinstance(value, str) or not value.startswith(TRIGGERS) or NUMBER.match(value):
        return value
    return "'" + value
