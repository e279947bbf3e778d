"""The ranked work list: reach (links or analytics), category weights, owner units and the KPI's
prioritised forms."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from formlint.config.progress import ProgressConfig, ReachConfig
from formlint.progress.analytics import read_reach_csv
from formlint.progress.model import build_report
from formlint.store import Store
from formlint.store.samples import fixture_scan, record_fixture_scans

TODAY = date(2026, 9, 1)


def _by_title(model: dict) -> dict[str, dict]:
    return {w["title"]: w for w in model["worklist"]}


def test_reach_csv_changes_ranking(store: Store, tmp_path: Path) -> None:
    run, pages = fixture_scan(2)
    store.record_run(run, site="kommune", pages=pages)
    cfg = ProgressConfig(categories={})
    links = build_report(store, config=cfg, today=TODAY)
    assert links["reach_mode"] == "links"
    order = [w["title"] for w in links["worklist"]][:3]
    # Without analytics the link graph ranks: the barnehage form (errors, linked from home).
    assert order[0] == "Søknad om barnehageplass"
    assert _by_title(links)["Påmelding SFO"]["reach"]["inbound"] == 2
    csv_file = tmp_path / "ga4.csv"
    csv_file.write_text(
        '# GA4 export\n# Start date: 20260101\nPage path and screen class,Views,Users\n/barnehage/soknad,12,3\n/klage,"1,250,000",800\n/skole/sfo,9,1\n',
        encoding="utf-8",
    )
    rows = read_reach_csv(csv_file, ReachConfig(preset="ga4"))
    assert rows == [("/barnehage/soknad", 12), ("/klage", 1250000), ("/skole/sfo", 9)]
    store.import_reach(rows, source="ga4.csv")
    analytics = build_report(store, config=cfg, today=TODAY)
    assert analytics["reach_mode"] == "analytics"
    ranked = [w["title"] for w in analytics["worklist"]]
    # A warning on a page with 1.25 M views now outranks two errors on a page with 12 views.
    assert ranked.index("Klage på vedtak") < ranked.index("Søknad om barnehageplass")
    assert _by_title(analytics)["Klage på vedtak"]["reach"]["views"] == 1250000


def test_category_weight_raises_priority(store: Store) -> None:
    run, pages = fixture_scan(1)
    store.record_run(run, site="kommune", pages=pages)
    plain = _by_title(build_report(store, config=ProgressConfig(categories={}), today=TODAY))
    weighted = _by_title(build_report(store, today=TODAY))
    assert weighted["Søknad om barnehageplass"]["category"] == "barnehage"
    assert weighted["Søknad om barnehageplass"]["score"] == pytest.approx(
        plain["Søknad om barnehageplass"]["score"] * 2.0, rel=1e-3
    )


def test_owner_units_from_patterns(store: Store) -> None:
    run, pages = fixture_scan(1)
    store.record_run(run, site="kommune", pages=pages)
    cfg = ProgressConfig.model_validate(
        {
            "owners": [
                {"unit": "Oppvekst", "patterns": ["*/barnehage/*", "*/skole/*"]},
                {"unit": "Helse", "patterns": ["/helse/*"]},
            ]
        }
    )
    assert build_report(store, config=cfg, today=TODAY)["by_owner"][0]["unit"] == ""
    store.sync_owners(cfg.owners)  # the units come from the store, as the commands record them
    model = build_report(store, today=TODAY)
    items = _by_title(model)
    assert items["Søknad om barnehageplass"]["owner"] == "Oppvekst"
    assert items["Helsestasjon: registrering"]["owner"] == "Helse"
    assert items["Kontakt oss"]["owner"] is None
    units = {o["unit"]: o for o in model["by_owner"]}
    assert units["Oppvekst"]["red"] == 2


def test_prioritised_list_from_config(store: Store) -> None:
    record_fixture_scans(store)
    cfg = ProgressConfig.model_validate({"prioritised": {"forms": ["*/skole/sfo"]}})
    model = build_report(store, config=cfg, today=TODAY)
    assert [(p["done"], p["prioritised"]) for p in model["trend"]] == [(0, 1), (0, 1), (1, 1)]


def test_ranks_of_the_listed_forms_have_no_gaps(store: Store) -> None:
    """Forms with only suggestions or info are not on the work list people read; they follow
    the listed ones, so the listed ranks are 1, 2, 3 … whatever their scores."""
    run, pages = fixture_scan(2)
    store.record_run(run, site="kommune", pages=pages)
    items = build_report(store, config=ProgressConfig(prioritised={"top_n": 1}), today=TODAY)[
        "worklist"
    ]
    assert [w["rank"] for w in items] == list(range(1, len(items) + 1))
    listed = [w["listed"] for w in items]
    assert listed == sorted(listed, reverse=True) and True in listed and False in listed
    tail = {w["title"] for w in items if not w["listed"]}
    assert "Kontakt oss" in tail  # an info finding only, not prioritised
    # Scores rank within each part.
    head = [w["score"] for w in items if w["listed"]]
    assert head == sorted(head, reverse=True)
