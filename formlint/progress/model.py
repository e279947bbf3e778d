"""The report model of a scan (schema ``formlint-progress/1.0``) that every report format renders.

It is put together from the parts of this package: what the store holds (``load``), the status
of every form in every scan (``classify``), the ranked work list (``worklist``), the KPI over the
scans (``trend``) and what changed since the previous scan (``changes``). Statuses are computed at
report time, not stored, so an exception that expires, a changed owner pattern or a new analytics
import shows in the next report without re-scanning.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from formlint.config.progress import ProgressConfig
from formlint.progress.changes import changes
from formlint.progress.classify import Exemptions, classify
from formlint.progress.load import load_history
from formlint.progress.trend import kpi, project, trend
from formlint.progress.worklist import build_worklist, owner_counts
from formlint.report.base import PROGRESS_SCHEMA
from formlint.store import Store

if TYPE_CHECKING:
    from formlint.results import RunResult


def build_report(
    store: Store,
    *,
    run_id: int | None = None,
    site: str | None = None,
    config: ProgressConfig | None = None,
    today: date | None = None,
    lang: str = "nb",
    generated_at: str | None = None,
) -> dict[str, Any]:
    """The report model of one run (default: the latest finished run) with its trend."""
    cfg = config or ProgressConfig()
    today = today or datetime.now(UTC).date()
    history = load_history(store, run_id=run_id, site=site)
    exemptions = Exemptions(history.exceptions, history.forms)
    statuses = classify(history, exemptions, today)
    items, prioritised = build_worklist(history, statuses, exemptions, cfg)
    points = trend(history.runs, statuses.per_run, prioritised)
    target, prev = history.target, history.previous
    return {
        "schema": PROGRESS_SCHEMA,
        "generated_at": generated_at or datetime.now(UTC).isoformat(timespec="seconds"),
        "today": today.isoformat(),
        "lang": lang,
        "site": target.site,
        "run": {
            "id": target.id,
            "started_at": target.started_at,
            "finished_at": target.finished_at,
            "profile": target.profile,
            "tool_version": target.tool_version,
            "stats": target.stats,
        },
        "previous_run_id": prev.id if prev else None,
        "deadline": cfg.deadline.isoformat(),
        "reach_mode": history.reach_mode,
        "kpi": kpi(points[-1], cfg),
        "trend": points,
        "projection": project(points, cfg.deadline),
        "counts": points[-1]["counts"],
        "by_owner": owner_counts(items),
        "worklist": items,
        "changes": changes(history.findings, target.id, prev.id if prev else None, history.forms),
    }


def run_report(run: RunResult, *, lang: str = "nb") -> dict[str, Any]:
    """The report model of one lint run (``formlint lint --format html``): the run is recorded
    in a throwaway in-memory store, as site ``lint``, and reported as its only scan."""
    store = Store("sqlite://")
    try:
        store.record_run(run, site="lint")
        return build_report(store, lang=lang)
    finally:
        store.close()
