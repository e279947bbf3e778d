"""The KPI over the scans and its projection to the deadline (``docs/progress.md``).

The KPI is the share of prioritised forms that are green or exempt. The trend has one point per
scan, the prioritised set being the report's (so a form fixed long ago still counts in the
denominator); the projection fits a least-squares line through (scan date, share).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from formlint.config.progress import ProgressConfig
from formlint.progress.classify import STATUSES
from formlint.store import RunInfo


def trend(
    runs: list[RunInfo], per_run: dict[int, dict[int, str]], prioritised: set[int]
) -> list[dict[str, Any]]:
    """One point per scan: forms per status, the prioritised ones per status, and the KPI."""
    points: list[dict[str, Any]] = []
    for r in runs:
        counts = {s: 0 for s in STATUSES}
        pr_counts = {s: 0 for s in STATUSES}
        for fid, s in per_run.get(r.id, {}).items():
            counts[s] += 1
            if fid in prioritised:
                pr_counts[s] += 1
        total = sum(pr_counts.values())
        done = pr_counts["green"] + pr_counts["exempt"]
        points.append(
            {
                "run_id": r.id,
                "date": (r.finished_at or r.started_at)[:10],
                "finished_at": r.finished_at,
                "prioritised": total,
                "done": done,
                "share": round(done / total, 4) if total else 0.0,
                "counts": counts,
                "prioritised_counts": pr_counts,
            }
        )
    return points


def kpi(current: dict[str, Any], cfg: ProgressConfig) -> dict[str, Any]:
    """The KPI of the report's scan (the trend's last point) and how its forms were chosen."""
    return {
        "prioritised": current["prioritised"],
        "done": current["done"],
        "green": current["prioritised_counts"]["green"],
        "exempt": current["prioritised_counts"]["exempt"],
        "share": current["share"],
        "selection": "list" if cfg.prioritised.forms else f"top {cfg.prioritised.top_n}",
    }


def project(trend: list[dict[str, Any]], deadline: date) -> dict[str, Any]:
    """Least-squares line through (scan date, KPI share): the share expected at the deadline."""
    counted = [p for p in trend if p["prioritised"]]
    points = [(date.fromisoformat(p["date"]).toordinal(), float(p["share"])) for p in counted]
    current = points[-1][1] if points else 0.0
    result: dict[str, Any] = {
        "deadline": deadline.isoformat(),
        "current": current,
        "at_deadline": current,
        # already complete: the scan that showed it, even when one scan is too few for a line
        "complete_by": counted[-1]["date"] if current >= 1.0 and counted else None,
        "on_track": current >= 1.0,
        # no verdict on the pace before there is a pace: one scan date is no trend
        "verdict": "on_track" if current >= 1.0 else "too_few_scans",
        "method": "none",
    }
    if len(points) < 2 or len({x for x, _ in points}) < 2:
        return result
    slope, intercept = _least_squares(points)
    at_deadline = max(0.0, min(1.0, intercept + slope * deadline.toordinal()))
    result.update(
        method="linear", slope_per_30_days=round(slope * 30, 4), at_deadline=round(at_deadline, 4)
    )
    if current >= 1.0:
        result.update(on_track=True)
    elif slope > 0:
        day = (1.0 - intercept) / slope
        try:
            done: date | None = date.fromordinal(int(day) + 1)
        except (ValueError, OverflowError):
            done = None
        result.update(
            complete_by=done.isoformat() if done else None, on_track=bool(done and done <= deadline)
        )
    else:
        result.update(on_track=False)
    result["verdict"] = "on_track" if result["on_track"] else "off_track"
    return result


def _least_squares(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Slope and intercept of the line through ``points`` (at least two distinct x)."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    slope = sum((x - mx) * (y - my) for x, y in points) / sxx
    return slope, my - slope * mx
