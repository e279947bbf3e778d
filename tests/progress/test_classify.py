"""Status per form over scans (red, orange, green, exempt): fixes, exceptions and their expiry,
status notes and CI baseline entries, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from formlint.config.models import ExceptionEntry
from formlint.progress.model import build_report
from formlint.store import Store
from formlint.store.samples import BASE, fixture_scan, record_fixture_scans

TODAY = date(2026, 9, 1)


def _by_title(model: dict) -> dict[str, dict]:
    return {w["title"]: w for w in model["worklist"]}


def test_three_scans_red_orange_green(store: Store) -> None:
    ids = record_fixture_scans(store)
    statuses = []
    for rid in ids:
        model = build_report(store, run_id=rid, today=TODAY)
        statuses.append({k: v["status"] for k, v in _by_title(model).items()})
    assert statuses[0]["Søknad om barnehageplass"] == "red"
    assert statuses[1]["Søknad om barnehageplass"] == "orange"  # one of two errors fixed
    assert statuses[2]["Søknad om barnehageplass"] == "green"
    assert [s["Påmelding SFO"] for s in statuses] == ["red", "red", "green"]
    assert [s["Helsestasjon: registrering"] for s in statuses] == ["exempt"] * 3
    assert "Klage på vedtak" not in statuses[0]
    assert [statuses[1]["Klage på vedtak"], statuses[2]["Klage på vedtak"]] == ["red", "green"]
    final = build_report(store, today=TODAY)
    assert [p["run_id"] for p in final["trend"]] == ids
    # Prioritised: every form that ever had an error or warning (top 50), not the pages with
    # only suggestions (green from the start: they would inflate the KPI); done = green/exempt.
    assert [(p["done"], p["prioritised"]) for p in final["trend"]] == [(1, 3), (1, 4), (4, 4)]
    assert final["kpi"]["share"] == 1.0
    assert final["projection"]["on_track"] is True


def test_expired_exception_turns_exempt_back(store: Store) -> None:
    record_fixture_scans(store)
    assert (
        _by_title(build_report(store, today=date(2026, 12, 31)))["Helsestasjon: registrering"][
            "status"
        ]
        == "exempt"
    )
    expired = _by_title(build_report(store, today=date(2027, 1, 1)))["Helsestasjon: registrering"]
    assert expired["status"] == "red"
    assert expired["exceptions"][0]["expired"] is True


def test_config_exception_makes_form_exempt_until_expiry(store: Store) -> None:
    record_fixture_scans(store)
    run, pages = fixture_scan(2)
    rid = store.record_run(run, site="kommune", pages=pages)
    store.sync_exceptions(
        [
            ExceptionEntry(
                document="*/skole/sfo*",
                rule="gendered-salutation",
                reason="Krav fra fagsystemet",
                approved_by="Oppvekst",
                expires=date(2026, 10, 1),
            )
        ]
    )
    assert (
        _by_title(build_report(store, run_id=rid, today=TODAY))["Påmelding SFO"]["status"]
        == "exempt"
    )
    assert _by_title(build_report(store, run_id=rid, today=date(2026, 10, 2)))["Påmelding SFO"][
        "status"
    ] in ("red", "orange")


def test_in_progress_note_on_latest_scan(store: Store) -> None:
    for n in (1, 2):
        run, pages = fixture_scan(n)
        store.record_run(run, site="kommune", pages=pages)
    fid = store.find_form(f"{BASE}/skole/sfo")
    assert fid is not None
    store.set_status(fid, in_progress=True, note="Ny versjon bestilt", author="Oppvekst")
    item = _by_title(build_report(store, today=TODAY))["Påmelding SFO"]
    assert item["status"] == "orange"
    assert item["note"]["note"] == "Ny versjon bestilt"


def test_later_note_does_not_change_an_older_scans_report(store: Store) -> None:
    ids = []
    for n in (1, 2):
        run, pages = fixture_scan(n)
        ids.append(store.record_run(run, site="kommune", pages=pages))
    before = _by_title(build_report(store, run_id=ids[0], today=TODAY))["Påmelding SFO"]
    fid = store.find_form(f"{BASE}/skole/sfo")
    assert fid is not None
    store.set_status(fid, in_progress=True, note="Ny versjon bestilt")
    old = _by_title(build_report(store, run_id=ids[0], today=TODAY))["Påmelding SFO"]
    assert old["note"] is None and old["status"] == before["status"]
    latest = _by_title(build_report(store, today=TODAY))["Påmelding SFO"]
    assert latest["note"] is not None and latest["status"] == "orange"


def test_ci_baseline_entries_stay_open_in_the_status(store: Store) -> None:
    """A CI baseline keeps a build quiet; it is no revision: the form stays red, and the
    finding counts in the score and the work list (docs/priority.md)."""
    run, pages = fixture_scan(1)
    data = run.to_dict()
    marked = 0
    for doc in data["documents"]:
        for f in doc["findings"]:
            if f["severity"] in ("error", "warning") and "/skole/sfo" in doc["source"]:
                f["suppression"] = {"kind": "baseline", "reason": "in .formlint-baseline.json"}
                marked += 1
    assert marked
    store.record_run_dict(data, site="kommune", pages=pages)
    item = _by_title(build_report(store, today=TODAY))["Påmelding SFO"]
    assert item["status"] == "red"
    assert item["open"] == marked
    assert item["score"] > 0 and len(item["findings"]) == marked
