"""What linting returns: one document's result and a whole run's (plain data for the reporters,
the store and the crawler, below all of them)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from formlint import __version__
from formlint.findings import FINDING_SCHEMA_VERSION, Confidence, Finding, Severity
from formlint.model import Location, ParsedDocument, Problem, SuppressionDirective

RUN_SCHEMA = f"formlint-run/{FINDING_SCHEMA_VERSION}"
# The rule id of an input that could not be read or parsed, in every report format: a gate must
# see it as a result, not only as a line on stderr.
PARSE_ERROR = "formlint.parse-error"
# An inline suppression, configuration exception or baseline entry that suppressed nothing.
UNUSED_SUPPRESSION = "formlint.unused-suppression"
# A rule id that no rule has, in an inline suppression comment (a usage error: exit code 2).
UNKNOWN_RULE = "formlint.unknown-rule"
# formlint's findings about its own inputs, in the rule catalogue's shape, for the formats that
# describe every rule they name (SARIF).
TOOL_RULES: dict[str, dict[str, Any]] = {
    PARSE_ERROR: {
        "id": PARSE_ERROR,
        "severity": "error",
        "short": {"nb": "Kunne ikke lese filen", "en": "Input could not be read or parsed"},
        "full": {
            "nb": "En fil eller URL kunne ikke leses eller tolkes, så den er ikke sjekket.",
            "en": "A file or URL could not be read or parsed, so it was not checked.",
        },
    },
    UNUSED_SUPPRESSION: {
        "id": UNUSED_SUPPRESSION,
        "severity": "info",
        "short": {"nb": "Unntak som ikke brukes", "en": "Suppression that suppresses nothing"},
        "full": {
            "nb": "Et formlint-disable, et unntak eller en baseline-oppføring skjuler ingen funn.",
            "en": "A formlint-disable, an exception or a baseline entry matched no finding.",
        },
    },
    UNKNOWN_RULE: {
        "id": UNKNOWN_RULE,
        "severity": "error",
        "short": {"nb": "Ukjent regel", "en": "Unknown rule id"},
        "full": {
            "nb": "En formlint-disable-kommentar nevner en regel som ikke finnes.",
            "en": "A formlint-disable comment names a rule that does not exist.",
        },
    },
}


@dataclass(slots=True)
class DocumentResult:
    """One document's outcome: what was parsed, what was found, what went wrong."""

    source: str
    format: str
    sha256: str | None
    findings: list[Finding]
    errors: list[str] = field(
        default_factory=list
    )  # one-line errors: the document (or part) unread
    notes: list[str] = field(
        default_factory=list
    )  # one-line notes: skipped languages, unknown JSON
    parsed: ParsedDocument | None = None
    forms: list[dict[str, Any]] = field(
        default_factory=list
    )  # {key, kind, title, location, fields}
    title: str | None = None  # the document's own title
    # form key -> the names its visible fields submit (the store's structural form identity);
    # plain data, so the store never reads the parsed model
    field_names: dict[str, list[str]] = field(default_factory=dict)
    # the problems behind ``errors``, with their locations (a translation file, a line)
    problems: list[Problem] = field(default_factory=list)
    # whether a form or a text of the document was read: kept apart from ``parsed`` so that a
    # result sent back from a worker process needs no parsed model (formlint.scale)
    read_anything: bool = False
    # the inline suppressions as written, kept with the result (as ``read_anything``) so that
    # unused ones are found in results sent back from workers too (formlint.ci.suppressions)
    directives: tuple[SuppressionDirective, ...] = ()

    @property
    def failed(self) -> bool:
        """True when nothing of the document could be read (judged by the parsed model when the
        result has one, else by ``read_anything``, as a result from a worker has none)."""
        parsed = self.parsed
        read = parsed.read_anything if parsed is not None else self.read_anything
        return bool(self.errors) and not read

    def parse_errors(self) -> list[Finding]:
        """Each error as a ``formlint.parse-error`` finding (severity error) for the formats that
        list results; located at the file the problem names (a translation file, an app's layout)."""
        # a result read back from elsewhere (the crawler's store) has only the one-line texts
        problems = self.problems or [Problem(e, Location(self.source)) for e in self.errors]
        return [
            Finding(
                rule=PARSE_ERROR,
                severity=Severity.ERROR,
                confidence=Confidence.HIGH,
                message=p.message,
                source=p.location.source,
                location=p.location,
                excerpt="",
            ).with_fingerprint(n)
            for n, p in enumerate(problems)
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "sha256": self.sha256,
            "errors": self.errors,
            "notes": self.notes,
            "forms": self.forms,
            "findings": [f.to_record() for f in self.findings],
        }


@dataclass(slots=True)
class RunResult:
    """A whole lint run: every document's result plus run metadata."""

    documents: list[DocumentResult]
    profile: str
    started_at: datetime
    finished_at: datetime
    tool_version: str = __version__

    def findings(self, *, include_suppressed: bool = False) -> Iterator[Finding]:
        for d in self.documents:
            for f in d.findings:
                if include_suppressed or not f.suppressed:
                    yield f

    @property
    def errors(self) -> list[str]:
        return [e for d in self.documents for e in d.errors]

    @property
    def all_failed(self) -> bool:
        return bool(self.documents) and all(d.failed for d in self.documents)

    def worst(self) -> Severity | None:
        sev = [f.severity for f in self.findings()]
        return max(sev, key=lambda s: s.rank) if sev else None

    def to_dict(self) -> dict[str, Any]:
        counts: dict[str, int] = {s.value: 0 for s in Severity}
        for f in self.findings():
            counts[f.severity.value] += 1
        return {
            "schema": RUN_SCHEMA,
            "tool": {"name": "formlint", "version": self.tool_version},
            "profile": self.profile,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat(),
            "summary": {
                "documents": len(self.documents),
                "forms": sum(len(d.forms) for d in self.documents),
                "findings": sum(counts.values()),
                "suppressed": sum(
                    1 for f in self.findings(include_suppressed=True) if f.suppressed
                ),
                "by_severity": counts,
                "errors": len(self.errors),
            },
            "documents": [d.to_dict() for d in self.documents],
        }
