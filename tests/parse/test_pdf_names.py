"""Labels of last resort from PDF field names (AcroForm and XFA)."""

from __future__ import annotations

import pytest

from formlint.parse.pdf_names import humanise_name


@pytest.mark.parametrize(
    ("name", "label"),
    [("mors_navn", "Mors navn"), ("morsNavn", "Mors navn"), ("far-navn[0]", "Far navn"), ("", "")],
)
def test_humanise_name(name: str, label: str) -> None:
    assert humanise_name(name) == label
