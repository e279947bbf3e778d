"""GitLab Code Quality report (``artifacts:reports:codequality``).

A JSON array of Code Climate issues as GitLab reads them: ``description``, ``check_name``,
``fingerprint`` (the portable fingerprint, so GitLab's merge-request widget can tell new findings from
old ones), ``severity`` (info, minor, major, critical, blocker) and ``location.path`` with
``lines.begin``. Suppressed findings are left out; what could not be read is a
``formlint.parse-error`` issue (critical, "Bug Risk") so it is not silently skipped.
"""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING, Any

from formlint.findings import Finding, Severity, portable_fingerprint
from formlint.report.base import Reporter
from formlint.report.junit import sort_findings
from formlint.results import TOOL_RULES
from formlint.util.paths import repo_relative

if TYPE_CHECKING:
    from formlint.results import DocumentResult, RunResult

SEVERITIES = {
    Severity.ERROR: "critical",
    Severity.WARNING: "major",
    Severity.SUGGESTION: "minor",
    Severity.INFO: "info",
}


def issue(f: Finding, root: str | None = None) -> dict[str, Any]:
    loc = f.location
    description = f.message
    if f.excerpt:
        description += f" «{f.excerpt}»"
    where = loc.component or loc.json_pointer
    if loc.line is None and where:
        description = f"[{where}] {description}"
    body = [f.message]
    if f.why:
        body += ["", f.why]
    if f.suggestions:
        body += ["", "Forslag:", *[f"- {s}" for s in f.suggestions]]
    out: dict[str, Any] = {
        "type": "issue",
        "description": description,
        "check_name": f.rule,
        "fingerprint": portable_fingerprint(f, root),
        "severity": SEVERITIES[f.severity],
        # formlint's findings about its own inputs (a file it could not read) are no style issue
        "categories": ["Bug Risk"] if f.rule in TOOL_RULES else ["Style"],
        "location": {
            "path": repo_relative(f.source, root),
            "lines": {"begin": max(1, loc.line or 1)},
        },
        "content": {"body": "\n".join(body)},
    }
    if loc.end_line is not None and loc.line is not None and loc.end_line >= loc.line:
        out["location"]["lines"]["end"] = loc.end_line
    return out


class GitlabReporter(Reporter):
    name = "gitlab"

    def write_run(self, run: RunResult, out: IO[Any]) -> None:
        issues = build_gitlab(run.documents, self.ctx.root)
        out.write(json.dumps(issues, ensure_ascii=False, indent=2) + "\n")


def build_gitlab(docs: list[DocumentResult], root: str | None = None) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = []
    seen: set[str] = set()
    for d in sorted(docs, key=lambda d: repo_relative(d.source, root)):
        open_findings = sort_findings([f for f in d.findings if not f.suppressed])
        for f in [*open_findings, *d.parse_errors()]:
            item = issue(f, root)
            if item["fingerprint"] in seen:  # GitLab drops duplicates silently; make that explicit
                continue
            seen.add(item["fingerprint"])
            issues.append(item)
    return issues
