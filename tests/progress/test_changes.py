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
    assert last["counts"] == {"new": 0, "fixed": 3, "changed": 0, "still_open": 2}


def test_a_field_whose_words_changed_but_not_its_problem_is_changed(store: Store) -> None:
    """An option added to a still-binary gender question, a relabelled parent field: changed,
    not fixed + new, and the form is not orange for it."""
    from datetime import datetime

    from formlint.results import RunResult
    from formlint.store.samples import _doc, finding

    url = f"{BASE}/skole/innskriving"

    def scan(n: int, gender: str, parent: str, info: str) -> int:
        findings = [
            finding("gender-binary-options", "error", url, gender, form="inn", anchor="kjonn"),
            finding("parent-role-assumed", "warning", url, parent, form="inn", anchor="forelder"),
            finding("gender-no-opt-out", "info", url, info, form="inn", anchor="kjonn2"),
            # a prose finding has no anchor: a new wording there is new, the old one fixed
            finding("binary-pronoun-phrase", "suggestion", url, f"han eller hun {n}", form="inn"),
        ]
        doc = _doc(url, "html", [("inn", "html-form", "Innskriving")], findings)
        when = datetime(2026, n, 1)
        return store.record_run(
            RunResult([doc], "standard", when, when.replace(hour=1)), site="kommune"
        )

    scan(1, "Gutt / Jente", "Mors navn", "Gutt / Jente / Annet")
    second = scan(2, "Gutt / Jente / (tom)", "Mors fulle navn", "Gutt / Jente / Annet / Vet ikke")
    model = build_report(store, run_id=second, today=TODAY)
    ch = model["changes"]
    assert ch["counts"] == {"new": 1, "fixed": 1, "changed": 3, "still_open": 0}
    changed = {c["rule"]: (c["previous_excerpt"], c["excerpt"]) for c in ch["changed"]}
    assert changed == {
        "gender-binary-options": ("Gutt / Jente", "Gutt / Jente / (tom)"),
        "parent-role-assumed": ("Mors navn", "Mors fulle navn"),
        "gender-no-opt-out": ("Gutt / Jente / Annet", "Gutt / Jente / Annet / Vet ikke"),
    }
    assert (
        [c["rule"] for c in ch["new"]]
        == [c["rule"] for c in ch["fixed"]]
        == ["binary-pronoun-phrase"]
    )
    (form,) = model["worklist"]
    assert (form["status"], form["fixed"], form["open"]) == ("red", 0, 2)
