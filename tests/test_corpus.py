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


UNTESTABLE = [c for c in harness.cases({"act"}) if c["act-rule"] in harness.ACT_NOT_TESTABLE]


def test_the_harness_asserts_the_act_rules_the_rule_files_name() -> None:
    from formlint.engine.loader import load_rules

    named: dict[str, list[str]] = {}
    for r in load_rules():
        for act in r.spec.standards.act if r.spec.standards else ():
            named.setdefault(act, []).append(r.spec.id)
    for act, ids in harness.ACT_RULES.items():
        assert sorted(named.pop(act)) == sorted(ids), act
    # the ACT rules left have no test cases in the corpus (b5c3f8, ucwvc8, off6ek)
    assert not [c for c in harness.cases({"act"}) if c["act-rule"] in named]


@pytest.mark.parametrize("case", UNTESTABLE, ids=[c["id"] for c in UNTESTABLE])
def test_act_case_not_testable_without_submission(corpus: Path, case: dict[str, object]) -> None:
    """36b590 (error messages) needs a submitted form: a page with a form says it was not
    tested, and no finding claims it."""
    run = harness.run_case(str(case["id"]))
    assert not any(f"ACT {case['act-rule']}" in f.message for f in run.findings())
    notes = [n for d in run.documents for n in d.notes if f"ACT {case['act-rule']}" in n]
    has_form = case["act-expected"] != "inapplicable"
    assert bool(notes) == has_form, notes
    assert all("not testable without submission" in n for n in notes)
