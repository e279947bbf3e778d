"""The shared corpus: every `expect` finding is reported and nothing under `must_not` is."""

from __future__ import annotations

from pathlib import Path

import corpus_harness as harness
import pytest

CASES = harness.cases({"formio", "altinn", "fhir", "html"})
ACT = [c for c in harness.cases({"act"}) if c["act-rule"] in harness.ACT_RULES]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_corpus_case(corpus: Path, case: dict[str, object]) -> None:
    report = harness.check_case(case)
    assert report.ok, report.text()


@pytest.mark.parametrize("case", ACT, ids=[c["id"] for c in ACT])
def test_act_case(corpus: Path, case: dict[str, object]) -> None:
    """W3C ACT test cases for the form-accessibility rules formlint implements."""
    reported, why = harness.act_outcome(case)
    assert reported == (case["act-expected"] == "failed"), f"{case['act-testcase-title']}: {why}"
