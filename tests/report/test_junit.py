"""JUnit XML reporter: suites per document, cases per form, counts that add up."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from sample_runs import CATALOGUE, make_doc, make_finding, make_run, sample_run

from formlint.report.base import ReportContext, reporter_class
from formlint.report.junit import JunitReporter, format_finding


def render(run: Any, fail_on: str = "warning", **ctx: Any) -> tuple[str, ET.Element]:
    out = io.StringIO()
    JunitReporter(ReportContext(rules=CATALOGUE, fail_on=fail_on, **ctx)).write_run(run, out)
    text = out.getvalue()
    return text, ET.fromstring(text.encode("utf-8"))


def suite(root: ET.Element, name: str) -> ET.Element:
    found = root.find(f"testsuite[@name='{name}']")
    assert found is not None, [s.get("name") for s in root]
    return found


def test_registered_under_junit() -> None:
    assert reporter_class("junit", "run") is JunitReporter


def test_structure_and_counts_add_up() -> None:
    text, root = render(sample_run())
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "forms/soknad.html",
        "forms/nav/skjema.json",
        "forms/ok.html",
        "forms/skjema æøå.pdf",
        "forms/broken.docx",
    ]
    for s in suites:
        cases = s.findall("testcase")
        assert int(s.get("tests", "-1")) == len(cases)
        assert int(s.get("failures", "-1")) == sum(
            1 for c in cases if c.find("failure") is not None
        )
        assert int(s.get("errors", "-1")) == sum(1 for c in cases if c.find("error") is not None)
    for attr in ("tests", "failures", "errors"):
        assert int(root.get(attr, "-1")) == sum(int(s.get(attr, "0")) for s in suites)
    assert root.get("time") == "2.000"


def test_one_case_per_form_and_page_case() -> None:
    _, root = render(sample_run())
    soknad = suite(root, "forms/soknad.html")
    names = [c.get("name") for c in soknad.findall("testcase")]
    assert names == ["Søknad om barnehageplass [soknad]", "(page)"]
    assert all(c.get("classname") == "forms/soknad.html" for c in soknad.findall("testcase"))
    ok = suite(root, "forms/ok.html")
    assert [c.get("name") for c in ok.findall("testcase")] == ["Kontakt oss [kontakt]"]
    assert ok.find("testcase/failure") is None


def test_failure_lists_findings_at_or_above_fail_on() -> None:
    _, root = render(sample_run(), fail_on="warning")
    case = suite(root, "forms/soknad.html").find("testcase")
    assert case is not None
    failure = case.find("failure")
    assert failure is not None
    assert (
        failure.get("message")
        == "2 findings at or above warning: gender-binary-options, parent-mor-far-only"
    )
    assert failure.get("type") in {"gender-binary-options", "parent-mor-far-only"}
    body = failure.text or ""
    assert "error gender-binary-options at forms/soknad.html:12:5" in body
    assert "«Kjønn: Gutt / Jente»" in body
    assert "Forslag: Legg til «Annet»" in body
    # the inline-suppressed Herr/Fru warning does not fail the form and is not listed
    assert "gendered-salutation" not in body
    # the page-level suggestion is below the threshold: shown in system-out, not failed
    page = suite(root, "forms/soknad.html").findall("testcase")[1]
    assert page.find("failure") is None
    assert "binary-pronoun-phrase" in (page.findtext("system-out") or "")


@pytest.mark.parametrize(
    ("fail_on", "failures"),
    [("error", 3), ("warning", 3), ("suggestion", 4), ("info", 4), ("never", 0)],
)
def test_fail_on_threshold(fail_on: str, failures: int) -> None:
    _, root = render(sample_run(), fail_on=fail_on)
    assert int(root.get("failures", "-1")) == failures


def test_unreadable_document_is_an_error_case() -> None:
    _, root = render(sample_run(), fail_on="never")  # an unread file is an error whatever fails
    broken = suite(root, "forms/broken.docx")
    assert broken.get("errors") == "1"
    err = broken.find("testcase/error")
    assert err is not None
    assert "not a valid zip archive" in (err.get("message") or "")


def test_partial_read_errors_are_a_parse_error_case() -> None:
    from formlint.model import Location, ParsedDocument, Scope, TextBlock, TextBlocks

    doc = make_doc(
        "a.html", [make_finding(source="a.html")], errors=["a.html: one iframe could not be read"]
    )
    doc.parsed = ParsedDocument(
        source="a.html",
        format="html",
        text_blocks=TextBlocks((TextBlock("Hei", Scope.PARAGRAPH, Location("a.html")),)),
    )
    assert not doc.failed
    _, root = render(make_run(doc))
    s = suite(root, "a.html")
    assert s.get("errors") == "1"
    err = s.find("testcase[@name='(read)']/error")
    assert err is not None and err.get("type") == "formlint.parse-error"
    assert "iframe" in (err.text or "")
    assert len(s.findall("testcase")) == 2  # what was read is still reported


def test_findings_of_unlisted_forms_and_duplicate_titles() -> None:
    doc = make_doc(
        "a.html",
        [make_finding(source="a.html", form_key="ghost")],
        forms=[
            {"key": "f1", "title": "Skjema", "kind": "html-form", "location": {}, "fields": 1},
            {"key": "f2", "title": "Skjema", "kind": "html-form", "location": {}, "fields": 1},
        ],
    )
    _, root = render(make_run(doc))
    names = [c.get("name") for c in root.iter("testcase")]
    assert names == ["Skjema [f1]", "Skjema [f2]", "ghost"]
    assert root.get("failures") == "1"


def test_illegal_xml_characters_are_replaced() -> None:
    doc = make_doc("a.html", [make_finding(source="a.html", excerpt="Kjønn\x00\x1b: Gutt/Jente")])
    text, root = render(make_run(doc))
    assert "\x00" not in text
    assert root.find(".//failure") is not None


def test_empty_run() -> None:
    _, root = render(make_run())
    assert root.get("tests") == "0"
    assert root.findall("testsuite") == []


def test_format_finding_mentions_suppression() -> None:
    from formlint.findings import Suppression

    f = make_finding(suppression=Suppression(kind="exception", reason="lovkrav"))
    assert "(suppressed: exception: lovkrav)" in format_finding(f)
