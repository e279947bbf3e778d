"""Parse, then lint: the step every front end shares (files, single URLs, the crawler, the
pytest plugin).

The engine never builds parser options: whoever parses for it does, here, giving the parser the
engine's rule words so that a page with no form and no such word needs no tree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from formlint.document import FetchedDocument
from formlint.findings import Finding
from formlint.model import Location, ParsedDocument, Problem
from formlint.parse.jsonpos import JsonLocator
from formlint.parse.registry import ParseOptions, parse_document
from formlint.results import DocumentResult, RunResult
from formlint.util.gcpause import gc_paused

if TYPE_CHECKING:
    from formlint.engine.runner import Engine


class Linter:
    """An engine and the parser options made for it."""

    def __init__(self, engine: Engine, *, collect_links: bool = True) -> None:
        """``collect_links``: the crawler reads links from its own tree, and `formlint lint` needs
        none; both leave the parser that work (and let pages without a form skip the tree)."""
        self.engine = engine
        self.parse_options = ParseOptions(
            default_language=engine.default_language,
            collect_links=collect_links,
            rule_words=engine.rule_words,
        )

    def document(self, doc: FetchedDocument) -> DocumentResult:
        """Parse and lint one fetched document.

        With the cyclic garbage collector paused: a form page keeps ~1,000 objects alive until
        it is done (its tree's proxies, text blocks, fields), which set off collections that free
        nothing and promote them, and every few hundred pages a full collection of the engine's
        heap (~0.2 ms a page on average). Linting makes no reference cycles (tests check), so
        each page's objects are freed by reference counting.
        """
        with gc_paused():
            parsed = parse_document(doc, self.parse_options)
            result = self.parsed(parsed, sha256=doc.sha256)
            result.findings = place_in_json(result.findings, doc)
            return result

    def parsed(self, parsed: ParsedDocument, *, sha256: str | None = None) -> DocumentResult:
        """Lint a document already parsed."""
        findings, notes = self.engine.run(parsed)
        problems = [p for p in parsed.problems if p.level == "error"]
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
            errors=[p.one_line() for p in problems],
            notes=notes,
            parsed=parsed,
            forms=forms,
            read_anything=parsed.read_anything,
            title=parsed.title,
            field_names={
                f.key: [fld.name or "" for fld in f.fields if not fld.hidden] for f in parsed.forms
            },
            problems=problems,
            directives=parsed.directives,
        )

    def documents(self, docs: Iterable[FetchedDocument | Problem]) -> RunResult:
        """Lint documents as one run; a Problem stands for one that could not be read."""
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
                        problems=[item],
                    )
                )
            else:
                results.append(self.document(item))
        return RunResult(
            documents=results,
            profile=self.engine.profile,
            started_at=started,
            finished_at=datetime.now(UTC),
        )


def place_in_json(findings: list[Finding], doc: FetchedDocument) -> list[Finding]:
    """Findings (and their further places) in the JSON files of ``doc`` with the line and column
    of their JSON pointer. Only the reported locations are looked up (see ``parse/jsonpos.py``);
    fingerprints leave lines out, so they stay as they were."""
    if not any(f.location.json_pointer is not None and f.location.line is None for f in findings):
        return findings
    locate: Callable[[Location], Location] = JsonLocator(doc)
    return [
        replace(
            f,
            location=locate(f.location),
            places=tuple(replace(p, location=locate(p.location)) for p in f.places),
        )
        for f in findings
    ]
