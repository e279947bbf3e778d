"""Every corpus case's SARIF validates against the official SARIF 2.1.0 schema, and its JUnit XML
parses with counts that match the findings."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import corpus_harness as harness
import pytest

from formlint.engine.catalog import rule_catalog
from formlint.report.base import ReportContext, reporter_class

CASES = harness.cases({"formio", "altinn", "fhir", "html", "act"})


def _render(name: str, case_id: str, root: Path) -> str:
    run = harness.run_case(case_id)
    out = io.StringIO()
    ctx = ReportContext(rules=rule_catalog(harness.engine()), root=str(root), fail_on="warning")
    reporter_class(name, "run")(ctx).write_run(run, out)
    return out.getvalue()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_sarif_of_corpus_case_is_valid(
    corpus: Path, case: dict[str, Any], sarif_validator: Callable[[dict[str, Any]], None]
) -> None:
    log = json.loads(_render("sarif", case["id"], corpus))
    sarif_validator(log)
    results = log["runs"][0]["results"]
    run = harness.run_case(case["id"])
    assert len(results) == sum(1 for _ in run.findings(include_suppressed=True))


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c["format"] != "act"],
    ids=[c["id"] for c in CASES if c["format"] != "act"],
)
def test_junit_of_corpus_case_parses_and_counts(corpus: Path, case: dict[str, Any]) -> None:
    root = ET.fromstring(_render("junit", case["id"], corpus))
    suites = root.findall("testsuite")
    assert int(root.get("tests", "0")) == sum(int(s.get("tests", "0")) for s in suites)
    assert int(root.get("failures", "0")) == sum(int(s.get("failures", "0")) for s in suites)
    for s in suites:
        assert int(s.get("tests", "0")) == len(s.findall("testcase"))
        assert int(s.get("failures", "0")) == len(s.findall("testcase/failure"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_json_of_corpus_case_matches_the_run_schema(corpus: Path, case: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import formlint

    schema = json.loads(
        (Path(formlint.__file__).parent / "schemas" / "formlint-run-1.0.schema.json").read_text(
            encoding="utf-8"
        )
    )
    jsonschema.Draft202012Validator(schema).validate(
        json.loads(_render("json", case["id"], corpus))
    )
