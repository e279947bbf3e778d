"""Parse, then lint: the step every front end shares (files, single URLs, the crawler, the
pytest plugin).

The engine never builds parser options: whoever parses for it does, here, giving the parser the
engine's rule words so that a page with no form and no such word needs no tree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from formlint.document import FetchedDocument
from formlint.model import ParsedDocument, Problem
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
            return self.parsed(parsed, sha256=doc.sha256)

    def parsed(self, parsed: ParsedDocument, *, sha256: str | None = None) -> DocumentResult:
        """Lint a document already parsed."""
        findings, notes = self.engine.run(parsed)
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
            read_anything=bool(parsed.forms or parsed.text_blocks),
            title=parsed.title,
            field_names={
                f.key: [fld.name or "" for fld in f.fields if not fld.hidden] for f in parsed.forms
            },
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
