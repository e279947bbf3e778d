"""The KPI's projection to the deadline."""

from __future__ import annotations

from datetime import date

from formlint.progress.trend import project


def test_projection_of_a_complete_kpi_names_the_scan_that_completed_it() -> None:
    one = [{"date": "2026-05-01", "share": 1.0, "prioritised": 3}]
    got = project(one, date(2027, 6, 30))
    assert (got["method"], got["complete_by"], got["on_track"]) == ("none", "2026-05-01", True)
    # a later scan with nothing prioritised does not move the date
    two = [*one, {"date": "2026-06-01", "share": 0.0, "prioritised": 0}]
    assert project(two, date(2027, 6, 30))["complete_by"] == "2026-05-01"
    open_ = [{"date": "2026-05-01", "share": 0.5, "prioritised": 2}]
    assert project(open_, date(2027, 6, 30))["complete_by"] is None
