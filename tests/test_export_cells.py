"""CSV exports a spreadsheet opens as text: formulas neutralised, numbers and phone numbers kept; strict ids."""

from __future__ import annotations

import pytest

from kg.exports.cells import spreadsheet_safe
from kg.loading.datasets import DATASET_ID


@pytest.mark.parametrize("value, shown", [
    ('=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1+1", "'\t=1+1"),
    ("-5", "-5"), ("+49 621 293 0", "+49 621 293 0"), ("Mannheim", "Mannheim"), (3, 3), (None, None),
])
def test_formulas_are_neutralised_and_numbers_kept(value, shown):
    assert spreadsheet_safe(value) == shown


def test_a_dataset_id_with_a_trailing_newline_is_refused():
    assert DATASET_ID.match("my-region") and not DATASET_ID.match("my-region\n")
