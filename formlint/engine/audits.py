"""What axe-core found on a rendered page, as findings beside the static checks' (``axe/<rule>``).

axe-core's impact becomes the severity (critical: error, serious: warning, moderate: suggestion,
minor: info) and its WCAG tags the finding's standards. Where a static rule found the same
problem (the same element, a success criterion in common: ``form-field-no-accessible-name`` and
axe's ``label`` on one input), the static finding names axe's rule too (``also_found_by``)
and the element is not reported again. What is left of an axe rule is one finding, at its first
element, the others its places.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from formlint.engine.spec import RuleSpec
from formlint.engine.standards import criterion_of_axe_tag
from formlint.findings import Confidence, Finding, Place, Severity
from formlint.model import Audit, AuditNode, Location, ParsedDocument

if TYPE_CHECKING:
    from formlint.config.models import RuleSetting

IMPACT_SEVERITY = {
    "critical": Severity.ERROR,
    "serious": Severity.WARNING,
    "moderate": Severity.SUGGESTION,
    "minor": Severity.INFO,
}
_WEB_CLAUSE = "9."  # EN 301 549 repeats WCAG for web pages as 9.<sc>


def rule_id(audit: Audit) -> str:
    return f"{audit.tool}/{audit.rule}"


def criteria(audit: Audit) -> list[str]:
    """The WCAG success criteria an axe-core rule's tags name, in order."""
    out = [sc for sc in map(criterion_of_axe_tag, audit.tags) if sc is not None]
    return list(dict.fromkeys(out))


def standards_of(audit: Audit) -> tuple[str, ...]:
    scs = criteria(audit)
    return (*(f"WCAG {sc}" for sc in scs), *(f"EN 301 549 {_WEB_CLAUSE}{sc}" for sc in scs))


class AuditFindings:
    """Turns a document's audits into findings and joins them with the static ones."""

    def __init__(self, rules: dict[str, RuleSpec], settings: dict[str, RuleSetting]) -> None:
        self.rules = rules
        self.settings = settings  # formlint.yml `rules:` may name axe/<rule> too

    def merge(self, doc: ParsedDocument, findings: list[Finding]) -> list[Finding]:
        if not doc.audits:
            return findings
        # static findings by element (its anchor, its CSS path): where each stands, and its
        # further places
        at: dict[str, list[int]] = {}
        for i, f in enumerate(findings):
            for loc in (f.location, *(p.location for p in f.places)):
                for key in {loc.anchor, loc.css_path} - {None}:
                    at.setdefault(str(key), []).append(i)
        lines = _field_locations(doc)
        also: dict[int, list[str]] = {}
        out = list(findings)
        for audit in doc.audits:
            rid = rule_id(audit)
            setting = self.settings.get(rid)
            if setting is not None and not setting.enabled:
                continue
            scs = set(criteria(audit))
            left: list[AuditNode] = []
            for node in audit.nodes:
                near = {*at.get(node.anchor or "", ()), *at.get(node.css_path or "", ())}
                same = [i for i in sorted(near) if scs & set(self._criteria_of(findings[i]))]
                if same:
                    for i in same:
                        names = also.setdefault(i, [])
                        if rid not in names:
                            names.append(rid)
                else:
                    left.append(node)
            if left:
                out.append(self._finding(doc, audit, left, lines))
        for i, names in also.items():
            out[i] = replace(out[i], also_found_by=(*out[i].also_found_by, *names))
        return out

    def _criteria_of(self, f: Finding) -> list[str]:
        spec = self.rules.get(f.rule)
        return list(spec.standards.wcag) if spec is not None and spec.standards else []

    def _finding(
        self,
        doc: ParsedDocument,
        audit: Audit,
        nodes: list[AuditNode],
        lines: dict[str, Location],
    ) -> Finding:
        rid = rule_id(audit)

        def where(node: AuditNode) -> Location:
            known = lines.get(node.anchor or "") or lines.get(node.css_path or "")
            return Location(
                source=doc.source,
                line=known.line if known is not None else None,
                css_path=node.css_path or node.target,
                anchor=node.anchor or node.target,
            )

        first, rest = nodes[0], nodes[1:]
        severity = IMPACT_SEVERITY.get(audit.impact or "", Severity.WARNING)
        setting = self.settings.get(rid)
        if setting is not None and setting.severity:
            severity = Severity(setting.severity)
        return Finding(
            rule=rid,
            severity=severity,
            confidence=Confidence.HIGH,
            message=audit.help,
            source=doc.source,
            location=where(first),
            excerpt=first.html,
            suggestions=_fixes(first.summary),
            why=audit.description,
            help_uri=audit.help_url,
            scope="element",
            standards=standards_of(audit),
            places=tuple(Place(where(n), n.html) for n in rest),
        )


def _fixes(summary: str) -> tuple[str, ...]:
    """axe-core's failure summary ("Fix any of the following:" and one way per line) as
    suggestions: the ways to fix it."""
    return tuple(
        line.strip()
        for line in summary.splitlines()
        if line.strip() and not line.strip().startswith("Fix ")
    )


def _field_locations(doc: ParsedDocument) -> dict[str, Location]:
    """Where the parser found each field of the rendered page, by anchor (for line numbers)."""
    out: dict[str, Location] = {}
    for f in [*(f for form in doc.forms for f in form.fields), *doc.controls]:
        for key in (f.location.anchor, f.location.css_path):
            if key:
                out.setdefault(key, f.location)
    return out
