"""The CI gate: ``--new-only``, ``--write-baseline`` and ``--baseline`` applied to a run, in order.

It sits above both ways of gating (``baseline`` and ``new_only``), which do not know each other.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from formlint.ci.baseline import BaselineReport, apply_baseline, write_baseline
from formlint.ci.new_only import NewOnlyStats, filter_new
from formlint.errors import UsageError
from formlint.util.paths import repo_relative

if TYPE_CHECKING:
    from formlint.results import RunResult


@dataclass(slots=True)
class GateResult:
    """What :func:`apply_ci_gating` made of a run, for the CLI to report and exit on."""

    run: RunResult
    baseline: BaselineReport | None = None
    new_only: NewOnlyStats | None = None
    written: int | None = None  # entries written by --write-baseline
    messages: list[str] = field(default_factory=list)  # one-line notes for stderr

    @property
    def options(self) -> dict[str, Any]:
        """Entries for ``ReportContext.options`` (SARIF run properties, GitHub job summary)."""
        opts: dict[str, Any] = {}
        if self.baseline is not None:
            opts["baseline"] = self.baseline
        if self.new_only is not None:
            opts["new_only"] = self.new_only
        return opts


def apply_ci_gating(
    run: RunResult,
    *,
    engine: Any = None,
    baseline: str | os.PathLike[str] | None = None,
    write_baseline_to: str | os.PathLike[str] | None = None,
    new_only: bool = False,
    base: str | None = None,
    root: str | os.PathLike[str] | None = None,
) -> GateResult:
    """``--new-only``, ``--write-baseline`` and ``--baseline`` in the order the CLI needs them.

    1. ``new_only``: keep only findings that did not exist at ``base`` (git), linting the old
       versions with ``engine`` (pass the engine that produced ``run``, so config and profile match).
    2. ``write_baseline_to``: write the run's open findings there (entries for files outside the
       run are kept), then apply it, so the reports show the findings as baselined and the run passes.
    3. ``baseline``: mark findings in the baseline as suppressed; the rest are new.

    Give reporters ``result.run`` and ``result.options`` (merged into each ``ReportContext.options``),
    compute the exit code from ``result.run`` and print ``result.messages`` to stderr.
    """
    result = GateResult(run=run)
    if new_only and not base:
        raise UsageError("--new-only needs --base REF (e.g. origin/main)")
    if write_baseline_to is not None and new_only:
        raise UsageError(
            "--write-baseline cannot be combined with --new-only (the baseline would miss unchanged findings)"
        )
    if new_only and base:
        result.run, stats = filter_new(
            run, base, root if root is not None else Path.cwd(), engine=engine
        )
        result.new_only = stats
        result.messages.append(stats.summary())
    target = write_baseline_to if write_baseline_to is not None else baseline
    if write_baseline_to is not None:
        entries = write_baseline(result.run, write_baseline_to, root=root)
        result.written = len(entries)
        result.messages.append(
            f"wrote {len(entries)} entries to baseline {repo_relative(str(write_baseline_to), root)}"
        )
    if target is not None:
        result.baseline = apply_baseline(result.run, target, root=root)
        result.messages.append(f"baseline {result.baseline.path}: {result.baseline.summary()}")
    return result
