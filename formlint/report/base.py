"""The reporter protocol and registry.

A reporter gets ``start`` once, ``document`` for each document result as it is produced (so a
10,000-page run streams instead of piling up), and ``finish`` with the whole run. Reporters see only
records (``Finding.to_record()``, ``DocumentResult``, ``RunResult``) and the rule catalogue, never
parser or rule internals. ``--format NAME[:PATH]`` picks them; several may run at once.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from formlint.results import DocumentResult, RunResult


@dataclass
class ReportContext:
    """What every reporter may need besides the findings."""

    rules: list[dict[str, Any]] = field(
        default_factory=list
    )  # rule catalogue: id, name, severity, short, full, why, help_uri, references, suggestions
    language: str = "nb"  # report language (nb, nn, en)
    fail_on: str = "error"
    include_suppressed: bool = False
    root: str | None = None  # repository root, for relative paths in SARIF/GitLab
    options: dict[str, Any] = field(
        default_factory=dict
    )  # reporter-specific (baseline report, ...)


class Reporter:
    """Base reporter: override what you need. ``out`` is a text stream opened by the caller."""

    name = "base"
    binary = False  # True when the reporter writes bytes (XLSX)

    def __init__(self, out: IO[Any], ctx: ReportContext) -> None:
        self.out = out
        self.ctx = ctx

    def start(self) -> None:
        """Called once before the first document."""

    def document(self, result: DocumentResult) -> None:
        """Called once per document, in order."""

    def finish(self, run: RunResult) -> None:
        """Called once at the end with the whole run."""


# format name -> "module:Class"
REPORTERS: dict[str, str] = {
    "console": "formlint.report.console:ConsoleReporter",
    "json": "formlint.report.json_report:JsonReporter",
    "sarif": "formlint.report.sarif:SarifReporter",
    "junit": "formlint.report.junit:JunitReporter",
    "github": "formlint.report.github:GithubReporter",
    "gitlab": "formlint.report.gitlab:GitlabReporter",
    "html": "formlint.report.html:HtmlReporter",
}


def reporter_class(name: str) -> type[Reporter]:
    from importlib.metadata import entry_points

    target = REPORTERS.get(name)
    if target is None:
        for ep in entry_points(group="formlint.reporters"):
            if ep.name == name:
                target = ep.value
                break
    if target is None:
        allowed = ", ".join(sorted(REPORTERS))
        raise KeyError(f"unknown format {name!r} (allowed: {allowed})")
    module, _, cls = target.partition(":")
    klass: type[Reporter] = getattr(importlib.import_module(module), cls)
    return klass
