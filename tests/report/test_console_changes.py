"""The console's summary of a re-scan: per kind and severity, naming the forms."""

from __future__ import annotations

from formlint.report.console import change_summary


def _c(form: str, severity: str) -> dict[str, str]:
    return {"form": form, "page": "https://k.example/", "rule": "r", "severity": severity}


def test_change_summary_names_forms_most_findings_first() -> None:
    changes = {
        "previous_run_id": 7,
        "counts": {"new": 10, "fixed": 1, "changed": 0, "still_open": 0},
        "new": [_c("Skjema A", "warning"), _c("Skjema A", "error")]
        + [_c(f"Skjema {n}", "info") for n in range(8)],
        "fixed": [_c("Klage", "error")],
        "changed": [],
        "still_open": [],
    }
    assert change_summary(changes, "nn") == [
        "Endringar sidan skanning 7: 10 nye, 1 retta, 0 endra, 0 framleis opne",
        "  Nye (1 feil, 1 åtvaring, 8 info): Skjema A (2), Skjema 0 (1), Skjema 1 (1), "
        "Skjema 2 (1), Skjema 3 (1), Skjema 4 (1), Skjema 5 (1), Skjema 6 (1) … og 1 skjema til",
        "  Retta (1 feil): Klage (1)",
    ]
    assert change_summary({"previous_run_id": None}, "en") == [
        "First scan of the site: no earlier scan to compare with."
    ]
