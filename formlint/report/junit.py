"""JUnit XML: for CI test tabs (GitLab ``artifacts:reports:junit``, Jenkins, Azure DevOps).

One ``<testsuite>`` per document, one ``<testcase>`` per form (``classname`` = source, ``name`` =
form title and key). Findings outside any form (page prose) go to a ``(page)`` test case. A test
case fails when it holds unsuppressed findings at or above ``ctx.fail_on`` (never with ``never``);
the failure text lists them (rule, severity, location, excerpt, suggestion). Findings below the
threshold are listed in ``<system-out>`` so they are visible without failing. What of a document
could not be read (all of it, or a part such as a translation file) is a ``(read)`` test case with
an ``<error type="formlint.parse-error">``: a CI test tab shows it as broken, never as passed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import IO, TYPE_CHECKING, Any

from formlint.findings import Finding, Severity
from formlint.report.base import ReportContext, Reporter
from formlint.results import PARSE_ERROR
from formlint.util.paths import repo_relative
from formlint.util.xmlchars import XML_ILLEGAL

if TYPE_CHECKING:
    from formlint.results import DocumentResult, RunResult

PAGE_CASE = "(page)"


def clean_xml(text: str) -> str:
    return XML_ILLEGAL.sub("\ufffd", text)


def describe_location(f: Finding, root: str | None = None) -> str:
    """``forms/a.html:12:5`` or ``app/ui/layouts/Side1.json (/data/layout/3)``, source repo-relative."""
    loc = f.location
    where = repo_relative(f.source, root)
    if loc.line is not None:
        where += f":{loc.line}"
        if loc.column is not None:
            where += f":{loc.column}"
    extra = [
        x
        for x in (
            f"page {loc.page}" if loc.page is not None else None,
            loc.part,
            loc.component,
            loc.json_pointer if not loc.component else None,
        )
        if x
    ]
    if extra:
        where += " (" + ", ".join(extra) + ")"
    return where


def format_finding(f: Finding, root: str | None = None) -> str:
    """A finding as a few readable lines (used by JUnit failures and the pytest plugin)."""
    lines = [f"{f.severity.value} {f.rule} at {describe_location(f, root)}", f"  {f.message}"]
    if f.excerpt:
        lines.append(f"  «{f.excerpt}»")
    if f.suggestions:
        lines.append("  Forslag: " + "; ".join(f.suggestions))
    if f.suppression is not None:
        lines.append(
            f"  (suppressed: {f.suppression.kind}{': ' + f.suppression.reason if f.suppression.reason else ''})"
        )
    return "\n".join(lines)


def failing(findings: list[Finding], fail_on: Severity | None) -> list[Finding]:
    """The unsuppressed findings at or above ``fail_on`` (none when nothing fails a run)."""
    if fail_on is None:
        return []
    return [f for f in findings if not f.suppressed and f.severity >= fail_on]


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(
        findings,
        key=lambda f: (
            -f.severity.rank,
            f.location.line or 0,
            f.location.column or 0,
            f.location.json_pointer or "",
            f.rule,
            f.fingerprint,
        ),
    )


class JunitReporter(Reporter):
    name = "junit"

    def write_run(self, run: RunResult, out: IO[Any]) -> None:
        root = build_junit(run, self.ctx)
        ET.indent(root)
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(ET.tostring(root, encoding="unicode"))
        out.write("\n")


def _case_name(form: dict[str, Any]) -> str:
    key = str(form.get("key") or "")
    title = str(form.get("title") or "")
    if title and key and title != key:
        return f"{title} [{key}]"
    return title or key or "(form)"


def build_junit(run: RunResult, ctx: ReportContext) -> ET.Element:
    docs = run.documents
    fail_on = ctx.fail_threshold
    elapsed = max(0.0, (run.finished_at - run.started_at).total_seconds())
    suites = ET.Element("testsuites", name="formlint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for doc in docs:
        suite = _suite(doc, ctx, fail_on, run)
        for k in totals:
            totals[k] += int(suite.get(k, "0"))
        suites.append(suite)
    suites.set("tests", str(totals["tests"]))
    suites.set("failures", str(totals["failures"]))
    suites.set("errors", str(totals["errors"]))
    suites.set("skipped", "0")
    suites.set("time", f"{elapsed:.3f}")
    return suites


def _suite(
    doc: DocumentResult, ctx: ReportContext, fail_on: Severity | None, run: RunResult
) -> ET.Element:
    source = repo_relative(doc.source, ctx.root)
    suite = ET.Element("testsuite", name=clean_xml(source))
    suite.set("timestamp", run.started_at.replace(tzinfo=None, microsecond=0).isoformat())
    cases: list[ET.Element] = []
    failures = errors = 0
    if doc.errors:
        case = ET.Element(
            "testcase", classname=clean_xml(source), name="(read)", file=clean_xml(source), time="0"
        )
        err = ET.SubElement(case, "error", message=clean_xml(doc.errors[0]), type=PARSE_ERROR)
        err.text = clean_xml("\n".join(doc.errors))
        cases.append(case)
        errors += 1
    if not doc.failed:
        # Group findings by form; findings of forms the document does not list still get a case.
        by_form: dict[str, list[Finding]] = {}
        for f in doc.findings:
            by_form.setdefault(f.form_key, []).append(f)
        names: list[tuple[str, str]] = [
            (str(form.get("key") or ""), _case_name(form)) for form in doc.forms
        ]
        listed = {k for k, _ in names}
        for key in by_form:
            if key and key not in listed:
                names.append((key, key))
                listed.add(key)
        if "" in by_form or not names:
            names.append(("", PAGE_CASE))
        seen_names: dict[str, int] = {}
        for key, name in names:
            n = seen_names.get(name, 0)
            seen_names[name] = n + 1
            shown = name if n == 0 else f"{name} #{n + 1}"
            case = ET.Element(
                "testcase",
                classname=clean_xml(source),
                name=clean_xml(shown),
                file=clean_xml(source),
                time="0",
            )
            findings = sort_findings(by_form.get(key, []))
            bad = failing(findings, fail_on)
            if bad and fail_on is not None:
                worst = max(bad, key=lambda f: f.severity.rank)
                msg = (
                    f"{len(bad)} finding{'s' if len(bad) != 1 else ''} at or above {fail_on.value}: "
                    + ", ".join(sorted({f.rule for f in bad}))
                )
                fail = ET.SubElement(
                    case, "failure", message=clean_xml(msg), type=clean_xml(worst.rule)
                )
                fail.text = clean_xml("\n\n".join(format_finding(f, ctx.root) for f in bad))
                failures += 1
            bad_ids = {id(f) for f in bad}
            rest = [
                f
                for f in findings
                if id(f) not in bad_ids and (ctx.include_suppressed or not f.suppressed)
            ]
            if rest:
                out = ET.SubElement(case, "system-out")
                out.text = clean_xml("\n\n".join(format_finding(f, ctx.root) for f in rest))
            cases.append(case)
    tests = sum(1 for c in cases if c.tag == "testcase")
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    suite.set("time", "0")
    suite.extend(cases)
    return suite
