"""Why a finding is not counted: inline markup in the document, or an approved, expiring
exception in the configuration (an expired one stops suppressing and is shown as expired)."""

from __future__ import annotations

import fnmatch
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from formlint.findings import Finding, Suppression
from formlint.model import ParsedDocument, Suppressions

if TYPE_CHECKING:
    from formlint.config.models import ExceptionEntry
    from formlint.engine.spec import RuleSpec


def inline(spec: RuleSpec, suppressions: Suppressions | None) -> Suppression | None:
    """The inline suppression covering the rule (by id or an old alias), if any."""
    if not suppressions:
        return None
    for rule_id in (spec.id, *spec.aliases):
        if suppressions.covers(rule_id):
            return Suppression(
                kind="inline",
                reason=suppressions.reason_for(rule_id),
                origin=suppressions.origin_for(rule_id),
            )
    return None


def names_document(exc: ExceptionEntry, source: str) -> bool:
    """Whether the exception's ``document`` pattern names ``source`` (a glob, or its tail)."""
    src = source.replace("\\", "/")
    return fnmatch.fnmatch(src, exc.document) or src.endswith(exc.document)


class Exceptions:
    """The configuration's exceptions, applied to one document's findings."""

    def __init__(self, entries: list[ExceptionEntry], aliases: dict[str, str], today: date) -> None:
        self.entries = entries
        self.aliases = aliases
        self.today = today

    def apply(self, f: Finding, doc: ParsedDocument) -> Finding:
        """``f`` suppressed by the first exception that covers it (or marked with it when it
        has expired); an inline suppression stands."""
        if f.suppression is not None:
            return f
        for index, exc in enumerate(self.entries):
            if not self._covers(exc, f, doc):
                continue
            sup = Suppression(
                kind="exception",
                reason=exc.reason,
                approver=exc.approved_by,
                expires=exc.expires.isoformat(),
                origin=index,
            )
            if exc.expires < self.today:
                return replace(f, expired_exception=sup)
            return replace(f, suppression=sup)
        return f

    def _covers(self, exc: ExceptionEntry, f: Finding, doc: ParsedDocument) -> bool:
        if self.aliases.get(exc.rule, exc.rule) != f.rule:
            return False
        if not (names_document(exc, f.source) or names_document(exc, doc.source)):
            return False
        return (
            exc.form is None
            or fnmatch.fnmatch(f.form_key, exc.form)
            or fnmatch.fnmatch(f.form_title, exc.form)
        )
