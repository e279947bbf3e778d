"""Library façade: lint documents, paths and URLs. No click, no printing.

Reporters, the store, the crawler and the pytest plugin all go through these functions and the
plain records they return, never through parser or rule internals.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from formlint import __version__
from formlint.document import FetchedDocument
from formlint.findings import FINDING_SCHEMA_VERSION, Finding, Severity
from formlint.gcpause import gc_paused
from formlint.model import ParsedDocument, Problem

if TYPE_CHECKING:
    from formlint.config.models import Config
    from formlint.engine.runner import Engine

RUN_SCHEMA = f"formlint-run/{FINDING_SCHEMA_VERSION}"


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

    @property
    def failed(self) -> bool:
        """True when nothing of the document could be read."""
        return bool(self.errors) and (
            self.parsed is None or not (self.parsed.forms or self.parsed.text_blocks)
        )

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


def make_engine(
    config: Config | None = None, *, profile: str | None = None, language: str | None = None
) -> Engine:
    """Build the rule engine once per run (rules loaded and validated, lexicons compiled)."""
    from formlint.engine.runner import Engine

    return Engine.from_config(config, profile=profile, language=language)


def lint_document(doc: FetchedDocument, engine: Engine) -> DocumentResult:
    """Parse and lint one fetched document.

    With the cyclic garbage collector paused: a form page keeps ~1,000 objects alive until it is
    done (its tree's proxies, text blocks, fields), which set off collections that free nothing
    and promote them, and every few hundred pages a full collection of the engine's heap
    (~0.2 ms a page on average). Linting makes no reference cycles (tests check), so each
    page's objects are freed by reference counting, and memory is what one page needs.
    """
    from formlint.parse.registry import parse_document

    with gc_paused():
        parsed = parse_document(doc, engine.parse_options)
        return lint_parsed(parsed, engine, sha256=doc.sha256)


def lint_parsed(
    parsed: ParsedDocument, engine: Engine, *, sha256: str | None = None
) -> DocumentResult:
    findings, notes = engine.run(parsed)
    errors = [p.one_line() for p in parsed.problems if p.level == "error"]
    notes = [p.one_line() for p in parsed.problems if p.level != "error"] + notes
    forms = [
        {
            "key": f.key,
            "kind": f.kind,
            "title": f.title,
            "location": f.location.to_dict(),
            "fields": len(f.fields),
        }
        for f in parsed.forms
    ]
    return DocumentResult(
        source=parsed.source,
        format=parsed.format,
        sha256=sha256,
        findings=findings,
        errors=errors,
        notes=notes,
        parsed=parsed,
        forms=forms,
    )


def lint_documents(docs: Iterable[FetchedDocument | Problem], engine: Engine) -> RunResult:
    started = datetime.now(UTC)
    results: list[DocumentResult] = []
    for item in docs:
        if isinstance(item, Problem):
            results.append(
                DocumentResult(
                    source=item.location.source,
                    format="unknown",
                    sha256=None,
                    findings=[],
                    errors=[item.one_line()],
                )
            )
        else:
            results.append(lint_document(item, engine))
    return RunResult(
        documents=results, profile=engine.profile, started_at=started, finished_at=datetime.now(UTC)
    )


def lint_paths(paths: Iterable[Path | str], engine: Engine) -> RunResult:
    """Lint files and directories (an Altinn app folder is read as one application)."""
    from formlint.sources.files import collect

    return lint_documents(collect([Path(p) for p in paths]), engine)


def lint_urls(
    urls: Iterable[str],
    engine: Engine,
    *,
    timeout: float = 30.0,
    headers: dict[str, str] | None = None,
) -> RunResult:
    """Fetch each URL once with GET (no crawling, no form submission) and lint it."""
    from formlint.sources.urls import fetch_all

    return lint_documents(fetch_all(list(urls), timeout=timeout, headers=headers or {}), engine)
