"""Checked suppressions, as ruff and eslint check theirs: an inline ``formlint-disable`` (or
``data-formlint-ignore``) naming a rule id no rule has is an error at its file:line, and a
suppression that suppressed nothing is reported as ``formlint.unused-suppression``: an inline
directive, a configuration exception (at its line in ``formlint.yml``) or a baseline entry (at its
line in the baseline file).

Which directives and exceptions were used is read from a run's findings *before* the CI gate
(``--new-only`` drops findings, suppressed ones too); the findings are added after it, so no
baseline or ``--new-only`` hides a typo. An exception or baseline entry whose document was not
part of the run is not reported: a pre-commit run on one file says nothing of the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from formlint.engine.ruleids import ALL
from formlint.engine.suppression import names_document
from formlint.findings import Confidence, Finding, Severity
from formlint.model import Location, SuppressionDirective
from formlint.results import UNKNOWN_RULE, UNUSED_SUPPRESSION, DocumentResult

if TYPE_CHECKING:
    from formlint.ci.baseline import BaselineReport
    from formlint.config.models import Config
    from formlint.engine.runner import Engine
    from formlint.results import RunResult


@dataclass(slots=True)
class SuppressionUse:
    """What a finished run's suppressions did, recorded before the CI gate changes the run."""

    # per document (by index in the run): the rule ids each inline directive suppressed
    inline: dict[int, dict[int, set[str]]] = field(default_factory=dict)
    exceptions: set[int] = field(default_factory=set)  # indexes into Config.exceptions
    checked_sources: list[str] = field(default_factory=list)  # documents and finding sources


def record_use(run: RunResult) -> SuppressionUse:
    """Which inline directives and configuration exceptions suppressed (or, expired, marked) a
    finding of ``run``."""
    use = SuppressionUse()
    for i, doc in enumerate(run.documents):
        use.checked_sources.append(doc.source)
        for f in doc.findings:
            use.checked_sources.append(f.source)
            sup = f.suppression
            if sup is not None and sup.origin is not None:
                if sup.kind == "inline":
                    use.inline.setdefault(i, {}).setdefault(sup.origin, set()).add(f.rule)
                elif sup.kind == "exception":
                    use.exceptions.add(sup.origin)
            if f.expired_exception is not None and f.expired_exception.origin is not None:
                use.exceptions.add(f.expired_exception.origin)
    return use


def check_suppressions(
    run: RunResult,
    use: SuppressionUse,
    engine: Engine,
    *,
    baseline: BaselineReport | None = None,
    unused_severity: Severity = Severity.INFO,
) -> list[str]:
    """Add the ``formlint.unknown-rule`` and ``formlint.unused-suppression`` findings to ``run``
    (documents as they were when ``use`` was recorded, in the same order; exceptions and baseline
    entries as findings of their own files); returns the one-line errors for unknown ids."""
    errors: list[str] = []
    for i, doc in enumerate(run.documents):
        used = use.inline.get(i, {})
        for index, directive in enumerate(doc.directives):
            found, problems = _directive_findings(
                directive, used.get(index, set()), engine, unused_severity
            )
            doc.findings += found
            errors += [
                f"{directive.location.describe()}: {directive.describe()}: {p}" for p in problems
            ]
    config_doc = _exception_findings(engine.config, use, unused_severity)
    if config_doc is not None:
        run.documents.append(config_doc)
    if baseline is not None and baseline.fixed:
        run.documents.append(_baseline_findings(baseline, unused_severity))
    return errors


def _directive_findings(
    directive: SuppressionDirective, used: set[str], engine: Engine, severity: Severity
) -> tuple[list[Finding], list[str]]:
    """Unknown ids (errors) and ids that suppressed nothing here (one unused finding)."""
    unknown: list[str] = []
    unused: list[str] = []
    for rule_id in directive.rules:
        if rule_id == ALL:
            if not used:
                unused.append(rule_id)
            continue
        problem = engine.rule_ids.problem(rule_id)
        if problem is not None:
            unknown.append(problem)
        elif engine.rule_ids.resolve(rule_id) not in used:
            unused.append(rule_id)
    written = directive.describe()
    found = [
        _finding(
            UNKNOWN_RULE,
            Severity.ERROR,
            f"{written}: {problem}",
            directive.location,
            written,
            n,
        )
        for n, problem in enumerate(unknown)
    ]
    if unused:
        what = "every rule" if unused == [ALL] else ", ".join(unused)
        found.append(
            _finding(
                UNUSED_SUPPRESSION,
                severity,
                f"{written}: suppresses nothing here ({what}); remove it, or fix the rule id",
                directive.location,
                written,
            )
        )
    return found, unknown


def _exception_findings(
    config: Config, use: SuppressionUse, severity: Severity
) -> DocumentResult | None:
    """The exceptions of ``config`` that name a document of the run but suppressed nothing."""
    source, _line = config.where()
    if source is None:
        return None
    found = []
    for i, exc in enumerate(config.exceptions):
        if i in use.exceptions:
            continue
        if not any(names_document(exc, s) for s in use.checked_sources):
            continue  # its documents were not checked in this run
        _source, line = config.where("exceptions", i)
        written = f"exception {exc.rule} for {exc.document}" + (
            f" (form {exc.form})" if exc.form else ""
        )
        found.append(
            _finding(
                UNUSED_SUPPRESSION,
                severity,
                f"{written} matches no finding; remove it, or fix its document, form or rule",
                Location(source, line=line, anchor=f"exception:{exc.rule}:{exc.document}"),
                written,
                i,
            )
        )
    if not found:
        return None
    return DocumentResult(source=source, format="config", sha256=None, findings=found)


def _baseline_findings(report: BaselineReport, severity: Severity) -> DocumentResult:
    """One finding per baseline entry whose finding is gone, at the entry's line."""
    try:
        text = Path(report.path).read_text(encoding="utf-8-sig")
    except OSError:
        text = ""
    found = []
    for n, entry in enumerate(report.fixed):
        at = text.find(entry.fingerprint)
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        written = f"baseline entry {entry.rule} in {entry.source}"
        found.append(
            _finding(
                UNUSED_SUPPRESSION,
                severity,
                f"{written} («{entry.excerpt}») matches no finding any more: it was fixed; "
                "run --write-baseline to drop it",
                Location(report.path, line=line, anchor=f"baseline:{entry.fingerprint}"),
                written,
                n,
            )
        )
    return DocumentResult(source=report.path, format="baseline", sha256=None, findings=found)


def _finding(
    rule: str,
    severity: Severity,
    message: str,
    location: Location,
    excerpt: str,
    occurrence: int = 0,
) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,
        confidence=Confidence.HIGH,
        message=message,
        source=location.source,
        location=location,
        excerpt=excerpt,
    ).with_fingerprint(occurrence)
