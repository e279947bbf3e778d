"""GitHub Actions workflow commands: findings as annotations on the pull request's files.

Each unsuppressed finding becomes ``::error file=…,line=…,col=…,title=…::message`` (``warning``
for warnings, ``notice`` for suggestions and info). Values are escaped as the Actions runner
expects (``%``, CR and LF in the message; additionally ``:`` and ``,`` in properties), so a finding
can never inject another workflow command. GitHub shows at most 10 error and 10 warning annotations
per step, so annotations come worst first; what could not be read comes first of all, as a
``formlint.parse-error`` error on its file. When ``GITHUB_STEP_SUMMARY`` is set, a Markdown summary
table is appended to the job summary as well.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import IO, TYPE_CHECKING, Any

from formlint.findings import Finding, Severity
from formlint.report.base import ReportContext, Reporter
from formlint.report.i18n import severity_count
from formlint.report.junit import describe_location, sort_findings
from formlint.util.paths import is_url, repo_relative
from formlint.util.xmlchars import strip_illegal

if TYPE_CHECKING:
    from formlint.results import DocumentResult, RunResult

COMMANDS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.SUGGESTION: "notice",
    Severity.INFO: "notice",
}


def escape_data(value: str) -> str:
    """Escape a command's message (actions/toolkit ``escapeData``), control characters dropped."""
    return strip_illegal(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a command property value (actions/toolkit ``escapeProperty``)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **props: str | int | None) -> str:
    """One workflow command line, e.g. ``::error file=a.html,line=3::text``."""
    rendered = ",".join(
        f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None and v != ""
    )
    return f"::{name}{' ' + rendered if rendered else ''}::{escape_data(message)}"


def annotation(f: Finding, root: str | None = None) -> str:
    loc = f.location
    props: dict[str, str | int | None] = {}
    message = f.message
    if is_url(f.source):
        # Annotations attach to repository files only; keep the URL in the text.
        message = f"{describe_location(f, root)}: {message}"
    else:
        props["file"] = repo_relative(f.source, root)
        if loc.line is not None and loc.line >= 1:
            props["line"] = loc.line
            if loc.end_line is not None and loc.end_line >= loc.line:
                props["endLine"] = loc.end_line
            if loc.column is not None and loc.column >= 1:
                props["col"] = loc.column
        else:
            where = (
                loc.component
                or loc.json_pointer
                or (f"page {loc.page}" if loc.page is not None else None)
            )
            if where:
                message = f"[{where}] {message}"
    props["title"] = f"formlint {f.rule} ({f.severity.value})"
    if f.excerpt:
        message += f"\n«{f.excerpt}»"
    if f.suggestions:
        message += "\nForslag: " + "; ".join(f.suggestions)
    return command(COMMANDS[f.severity], message, **props)


class GithubReporter(Reporter):
    name = "github"

    def write_run(self, run: RunResult, out: IO[Any]) -> None:
        docs = run.documents
        findings = sorted(
            sort_findings([f for d in docs for f in d.findings if not f.suppressed]),
            key=lambda f: (-f.severity.rank, repo_relative(f.source, self.ctx.root)),
        )
        for f in [e for d in docs for e in d.parse_errors()] + findings:
            out.write(annotation(f, self.ctx.root) + "\n")
        counts = Counter(f.severity for f in findings)
        suppressed = sum(1 for d in docs for f in d.findings if f.suppressed)
        summary = ", ".join(
            severity_count(counts[s], s.value, "en")
            for s in sorted(Severity, key=lambda s: -s.rank)
            if counts[s]
        )
        out.write(
            f"formlint: {len(docs)} documents, {len(findings)} findings"
            + (f" ({summary})" if summary else "")
            + (f", {suppressed} suppressed" if suppressed else "")
            + "\n"
        )
        step_summary = self.ctx.options.get(
            "github_step_summary", os.environ.get("GITHUB_STEP_SUMMARY")
        )
        if step_summary:
            with open(step_summary, "a", encoding="utf-8") as fh:
                fh.write(markdown_summary(docs, findings, self.ctx))


def _md(text: str) -> str:
    return strip_illegal(text).replace("|", "\\|").replace("\n", " ")


def markdown_summary(
    docs: list[DocumentResult], findings: list[Finding], ctx: ReportContext
) -> str:
    fail_on = ctx.fail_threshold
    head = f"{len(docs)} documents checked, {len(findings)} findings"
    if fail_on is not None:
        blocking = sum(1 for f in findings if f.severity >= fail_on)
        head += f", {blocking} at or above `{fail_on.value}`"
    unread = sum(len(d.errors) for d in docs)
    if unread:
        head += f", {unread} could not be read"
    lines = ["### formlint", "", head + ".", ""]
    baseline = ctx.options.get("baseline")
    if baseline is not None and hasattr(baseline, "summary"):
        lines += [f"Baseline `{baseline.path}`: {baseline.summary()}.", ""]
    if findings:
        lines += ["| severity | rule | where | text |", "|---|---|---|---|"]
        for f in findings[:200]:
            lines.append(
                f"| {f.severity.value} | `{f.rule}` | {_md(describe_location(f, ctx.root))} | {_md(f.excerpt)[:120]} |"
            )
        if len(findings) > 200:
            lines.append(f"| … | | {len(findings) - 200} more | |")
        lines.append("")
    return "\n".join(lines) + "\n"
