"""New, fixed and still-open findings against the previous scan."""

from __future__ import annotations

from datetime import date

from formlint.progress.model import build_report
from formlint.store import Store
from formlint.store.samples import BASE, record_fixture_scans

TODAY = date(2026, 9, 1)


def test_changes_since_previous_scan(store: Store) -> None:
    ids = record_fixture_scans(store)
    ch = build_report(store, run_id=ids[1], today=TODAY)["changes"]
    assert ch["previous_run_id"] == ids[0]
    assert [(c["form"], c["rule"]) for c in ch["fixed"]] == [
        ("Søknad om barnehageplass", "parent-mor-far-only")
    ]
    assert [(c["form"], c["rule"]) for c in ch["new"]] == [
        ("Klage på vedtak", "parent-role-assumed")
    ]
    assert {(c["form"], c["rule"]) for c in ch["still_open"]} == {
        ("Søknad om barnehageplass", "gender-binary-options"),
        ("Påmelding SFO", "gendered-salutation"),
        ("Kontakt oss", "gender-not-needed"),
        (f"{BASE}/om-kommunen", "binary-pronoun-phrase"),
    }
    last = build_report(store, run_id=ids[2], today=TODAY)["changes"]
    assert last["counts"] == {"new": 0, "fixed": 3, "still_open": 2}
