"""The reporter protocol and registry: one class per output format, found by its name.

Every format is an entry point in the ``formlint.reporters`` group, ours declared in
pyproject.toml like a third party's in its own, so ``--format NAME`` finds a plug-in exactly as
it finds ``sarif``. A reporter writes lint runs (``formlint lint``/``check``: ``write_run``),
progress reports (``formlint report``/``progress``/``scan``: ``write_progress``), or both
(``json``, ``html``). Reporters see only records (``Finding.to_record()``, ``DocumentResult``,
``RunResult``), the progress model and the rule catalogue, never parser or rule internals.

A lint run is written once it is complete, not document by document: the baseline and
``--new-only`` gating rewrite findings across the run, the exit code and every machine format
(sorted results, totals, the rule index) need all of it, and the run holds every document in
memory anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar, Literal

from formlint.findings import Severity

if TYPE_CHECKING:
    from formlint.results import RunResult

ENTRY_POINT_GROUP = "formlint.reporters"
PROGRESS_SCHEMA = "formlint-progress/1.0"  # the model write_progress renders

Writes = Literal["run", "progress"]


@dataclass
class ReportContext:
    """What every reporter may need besides the run or the model."""

    rules: list[dict[str, Any]] = field(
        default_factory=list
    )  # rule catalogue: id, name, severity, short, full, why, help_uri, references, suggestions
    language: str = "nb"  # report language (nb, nn, en)
    fail_on: str = "error"  # a severity, or "never"
    include_suppressed: bool = False
    root: str | None = None  # repository root, for relative paths in SARIF/GitLab
    options: dict[str, Any] = field(
        default_factory=dict
    )  # reporter-specific (baseline report, ...)
    mode: str = "report"  # progress: "report" (with revision cards) or "progress" (dashboard)
    cards_limit: int = 200  # progress: forms that get a full revision card
    # The progress model of a lint run, for formats that render a run as a revision report
    # (html): given by the caller, because reporters sit below formlint.progress.
    run_model: Callable[[RunResult, str], dict[str, Any]] | None = None

    @property
    def fail_threshold(self) -> Severity | None:
        """The lowest severity that fails the run; None for ``--fail-on never``."""
        return None if self.fail_on == "never" else Severity.parse(self.fail_on)


class Reporter:
    """One output format: override ``write_run``, ``write_progress`` or both."""

    name: ClassVar[str] = "base"
    binary: ClassVar[bool] = False  # True when write_run writes bytes

    def __init__(self, ctx: ReportContext) -> None:
        self.ctx = ctx

    def write_run(self, run: RunResult, out: IO[Any]) -> None:
        """Write a whole lint run to ``out``, a stream the caller opened (bytes if ``binary``)."""
        raise NotImplementedError(f"format {self.name!r} does not write lint runs")

    def write_progress(self, model: dict[str, Any], out_dir: Path, stem: str) -> list[Path]:
        """Write a ``formlint-progress/1.0`` model as ``out_dir/stem.<format>`` (and any
        companion files); returns the files written."""
        raise NotImplementedError(f"format {self.name!r} does not write progress reports")

    @classmethod
    def writes(cls, what: Writes) -> bool:
        """Whether this format writes lint runs (``run``) or progress reports (``progress``)."""
        method = "write_run" if what == "run" else "write_progress"
        return getattr(cls, method) is not getattr(Reporter, method)


@cache
def _registered() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def reporter_class(name: str, writes: Writes) -> type[Reporter]:
    """The format registered as ``name`` that writes ``writes``; KeyError naming those that do."""
    ep = _registered().get(name)
    klass: type[Reporter] | None = ep.load() if ep is not None else None
    if klass is None or not klass.writes(writes):
        # none at all: installed from a checkout older than its entry points (pip install -e .)
        allowed = ", ".join(formats(writes)) or "none registered; reinstall formlint"
        raise KeyError(f"unknown format {name!r} (allowed: {allowed})")
    return klass


def formats(writes: Writes) -> list[str]:
    """The names of the registered formats that write ``writes``, sorted."""
    return sorted(name for name, ep in _registered().items() if ep.load().writes(writes))
