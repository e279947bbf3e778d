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


def test_no_verdict_on_the_pace_before_two_scan_dates() -> None:
    deadline = date(2027, 6, 30)
    one = [{"date": "2026-05-01", "share": 0.25, "prioritised": 4}]
    got = project(one, deadline)
    assert (got["verdict"], got["on_track"]) == ("too_few_scans", False)
    same_day = [*one, {"date": "2026-05-01", "share": 0.5, "prioritised": 4}]
    assert project(same_day, deadline)["verdict"] == "too_few_scans"
    slow = [*one, {"date": "2026-06-01", "share": 0.26, "prioritised": 4}]
    assert project(slow, deadline)["verdict"] == "off_track"
    fast = [*one, {"date": "2026-06-01", "share": 0.75, "prioritised": 4}]
    assert project(fast, deadline)["verdict"] == "on_track"
    falling = [*one, {"date": "2026-06-01", "share": 0.0, "prioritised": 4}]
    assert project(falling, deadline)["verdict"] == "off_track"
    done = [{"date": "2026-05-01", "share": 1.0, "prioritised": 4}]
    assert project(done, deadline)["verdict"] == "on_track"
