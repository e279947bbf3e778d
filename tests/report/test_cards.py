"""Revision cards group a form's findings per rule: one entry lists every place."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from formlint.findings import Place
from formlint.model import Location
from formlint.progress.model import build_report
from formlint.report.cards import finding_groups
from formlint.report.html import render_html
from formlint.report.markdown import render_markdown
from formlint.results import RunResult
from formlint.store import Store
from formlint.store.samples import BASE, _doc, finding

URL = f"{BASE}/barnehage/opptak"
LABELS = ["Mors navn", "Mors telefon", "Mors e-post", "Fars navn"]


def _model() -> dict:
    findings = [
        finding("parent-role-assumed", "warning", URL, label, form="opptak", anchor=f"f{n}")
        for n, label in enumerate(LABELS)
    ]
    findings.append(finding("gender-binary-options", "error", URL, "Gutt / Jente", form="opptak"))
    # a finding that already stands for a further place (its translation)
    findings[0] = replace(
        findings[0],
        places=(Place(Location(URL, line=40), "Mother's name", language="en"),),
    )
    run = RunResult(
        documents=[_doc(URL, "html", [("opptak", "html-form", "Opptak i barnehage")], findings)],
        profile="standard",
        started_at=datetime(2026, 3, 1),
        finished_at=datetime(2026, 3, 1, 0, 1),
    )
    store = Store("sqlite://")
    try:
        store.record_run(run, site="kommune")
        return build_report(store, today=date(2026, 3, 2))
    finally:
        store.close()


def test_one_entry_per_rule_with_every_place() -> None:
    (item,) = [w for w in _model()["worklist"] if w["title"] == "Opptak i barnehage"]
    groups = finding_groups([*item["findings"], *item["exempted"]])
    assert [(g["rule"], len(g["places"])) for g in groups] == [
        ("gender-binary-options", 1),
        ("parent-role-assumed", 5),  # four fields and one translation
    ]
    places = groups[1]["places"]
    assert {p["excerpt"] for p in places} == {*LABELS, "Mother's name"}
    assert all(p["link"] for p in places if p["language"] is None)
    assert groups[1]["suggestions"] == ["Forelder/foresatt 1", "Forelder/foresatt 2"]


def test_html_and_markdown_cards_show_the_rule_once() -> None:
    model = _model()
    html = render_html(model)
    card = html[html.index('id="cards"') : html.index('id="changes"')]
    assert card.count("<h4>advarsel: parent-role-assumed (5 steder)</h4>") == 1
    assert card.count("Hvorfor</dt>") == 2  # one per entry, not per finding
    assert all(f'<span class="excerpt">{label}</span>' in card for label in LABELS)
    md = render_markdown(model)
    assert len(re.findall(r"`parent-role-assumed`", md)) == 1
    assert "`parent-role-assumed` (5 steder): «Mors navn»" in md
    assert "  - «Fars navn»" in md
