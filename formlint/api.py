"""Library façade: lint documents, paths and URLs. No click, no printing.

The command line, the pytest plugin and other programs call these; they build the engine once
and parse and lint each document through :class:`~formlint.pipeline.Linter`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from formlint.document import FetchedDocument
from formlint.pipeline import Linter
from formlint.results import RUN_SCHEMA, DocumentResult, RunResult

if TYPE_CHECKING:
    from formlint.config.models import Config
    from formlint.engine.runner import Engine
    from formlint.model import Problem

__all__ = [
    "RUN_SCHEMA",
    "DocumentResult",
    "Linter",
    "RunResult",
    "lint_document",
    "lint_documents",
    "lint_paths",
    "lint_urls",
    "make_engine",
]


def make_engine(
    config: Config | None = None,
    *,
    profile: str | None = None,
    language: str | None = None,
    select: Collection[str] | None = None,
    ignore: Collection[str] = (),
) -> Engine:
    """Build the rule engine once per run (rules loaded and validated, lexicons compiled; every
    rule id the configuration, ``select`` and ``ignore`` name checked)."""
    from formlint.engine.runner import Engine

    return Engine.from_config(
        config, profile=profile, language=language, select=select, ignore=ignore
    )


def lint_document(doc: FetchedDocument, engine: Engine) -> DocumentResult:
    """Parse and lint one fetched document."""
    return Linter(engine).document(doc)


def lint_documents(docs: Iterable[FetchedDocument | Problem], engine: Engine) -> RunResult:
    """Lint documents (a Problem stands for one that could not be read) as one run."""
    return Linter(engine).documents(docs)


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
