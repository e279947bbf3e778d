"""The store on SQLite and PostgreSQL: migrations, identity, crawl state, A2 status over scans."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from formlint.config.models import ExceptionEntry
from formlint.config.progress import ProgressConfig, ReachConfig
from formlint.priority import read_reach_csv
from formlint.progress import build_report
from formlint.store import Store
from formlint.store import tables as t
from formlint.store.connect import current_revision
from formlint.store.crawlstate import CrawlStateStore
from formlint.store.identity import normalise_url
from formlint.store.samples import (
    BASE,
    PLATFORM,
    fixture_scan,
    record_fixture_scans,
    synthetic_scan,
)

TODAY = date(2026, 9, 1)


def _by_title(model: dict) -> dict[str, dict]:
    return {w["title"]: w for w in model["worklist"]}


def test_migrations_create_head(store: Store) -> None:
    assert current_revision(store.engine) == "0006"
    assert set(sa.inspect(store.engine).get_table_names()) >= {
        "runs",
        "documents",
        "forms",
        "findings",
        "reach",
        "status_notes",
        "exceptions",
        "owner_units",
        "sites",
    }


def _downgrade(store: Store, revision: str) -> None:
    from alembic import command
    from alembic.config import Config as AlembicConfig

    import formlint.store.store as store_mod

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(Path(store_mod.__file__).with_name("migrations")))
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def test_old_database_is_upgraded_in_place(db_url: str) -> None:
    # A scan written by this version, taken back to the 0001 schema (links one row per link, no
    # reach/status tables) and reopened: the data, links included, survive the upgrade.
    first = Store(db_url)
    run, pages = fixture_scan(1)
    rid = first.record_run(run, site="kommune", pages=pages)
    before = build_report(first, today=TODAY)
    links_before = {p.url: first.page_links(p.url, rid) for p in pages}
    _downgrade(first, "0001")
    assert current_revision(first.engine) == "0001"
    tables = set(sa.inspect(first.engine).get_table_names())
    assert "links" in tables
    assert "links" not in {c["name"] for c in sa.inspect(first.engine).get_columns("documents")}
    first.close()
    new = Store(db_url)
    try:
        assert current_revision(new.engine) == "0006"
        idx = {i["name"] for i in sa.inspect(new.engine).get_indexes("form_pages")}
        assert "ix_form_pages_document" in idx
        tables = set(sa.inspect(new.engine).get_table_names())
        assert "links" not in tables  # 0004: a page's links are columns of its document
        assert [r.id for r in new.runs("kommune")] == [rid]
        links_after = {p.url: new.page_links(p.url, rid) for p in pages}
        assert {u: sorted(v[1]) if v else None for u, v in links_after.items()} == {
            u: sorted(v[1]) if v else None for u, v in links_before.items()
        }
        after = build_report(new, today=TODAY)
        assert [(w["title"], w["reach"]) for w in after["worklist"]] == [
            (w["title"], w["reach"]) for w in before["worklist"]
        ]
        form_id = new.find_form(f"{BASE}/skole/sfo")
        assert form_id is not None
        new.set_status(form_id, in_progress=True, note="startet")
    finally:
        new.close()


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


def test_form_identity_survives_query_string_and_embedding(store: Store) -> None:
    record_fixture_scans(store)
    with store.connect() as conn:
        forms = conn.execute(sa.select(t.forms.c.identity)).scalars().all()
    # The barnehage form gained ?ref=forsiden in scan 2: still one form.
    assert sum(1 for f in forms if "barnehage/soknad" in f) == 1
    model = build_report(store, today=TODAY)
    hs = _by_title(model)["Helsestasjon: registrering"]
    assert hs["identity"] == f"platform:{PLATFORM}#helsestasjon"
    assert {p["url"] for p in hs["pages"]} == {
        PLATFORM,
        f"{BASE}/helse/helsestasjon",
        f"{BASE}/helse/vaksine",
    }


def test_same_form_on_many_pages_is_one_form(store: Store) -> None:
    from formlint.api import DocumentResult, RunResult
    from formlint.model import Field, FieldKind, Form, Location, ParsedDocument

    def doc(url: str, label: str) -> DocumentResult:
        fields = tuple(
            Field(FieldKind.TEXT, Location(url), label=f"{label} {n}", name=n)
            for n in ("navn", "epost", "telefon", "melding")
        )
        parsed = ParsedDocument(
            source=url,
            format="html",
            forms=(Form(key="kontakt", kind="html-form", location=Location(url), fields=fields),),
        )
        return DocumentResult(
            source=url,
            format="html",
            sha256=None,
            findings=[],
            parsed=parsed,
            forms=[{"key": "kontakt", "kind": "html-form", "title": "Kontakt"}],
            field_names={"kontakt": [f.name or "" for f in fields]},
        )

    from datetime import UTC, datetime

    now = datetime(2026, 1, 1, tzinfo=UTC)
    store.record_run(
        RunResult([doc(f"{BASE}/a", "Navn"), doc(f"{BASE}/b", "Ditt navn")], "standard", now, now),
        site="s",
    )
    model = build_report(store, site="s", today=TODAY)
    forms = [w for w in model["worklist"] if w["kind"] == "html-form"]
    assert len(forms) == 1
    assert {p["url"] for p in forms[0]["pages"]} == {f"{BASE}/a", f"{BASE}/b"}


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


def test_reach_presets(tmp_path: Path) -> None:
    f = tmp_path / "matomo.csv"
    f.write_text("label;nb_visits;nb_hits;url\n/a;1;10;https://k.example/a\n", encoding="utf-8")
    assert read_reach_csv(f, ReachConfig(preset="matomo")) == [("https://k.example/a", 10)]
    f = tmp_path / "si.csv"
    f.write_text("Title,URL,Page views\nA,https://k.example/a,1 234\n", encoding="utf-8")
    assert read_reach_csv(f, ReachConfig(preset="siteimprove")) == [("https://k.example/a", 1234)]


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
    model = build_report(store, config=cfg, today=TODAY)
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


def test_crawl_state_protocol_resume_and_reuse(store: Store) -> None:
    crawl: CrawlStateStore = store
    _run, pages = fixture_scan(1)
    rid = crawl.begin_scan("kommune", "cfg1")
    for p in pages[:3]:
        crawl.record_page(rid, p)
    # Killed here; a new process resumes the same run and skips what is done.
    assert crawl.begin_scan("kommune", "cfg1") == rid
    assert crawl.done_urls(rid) == {p.url for p in pages[:3]}
    crawl.record_page(rid, pages[2])  # redoing a page does not duplicate it
    for p in pages[3:]:
        crawl.record_page(rid, p)
    assert crawl.previous_validators(pages[0].url) is None  # nothing finished yet
    crawl.finish_scan(rid, {"pages": len(pages)})
    with store.connect() as conn:
        n_findings = conn.execute(
            sa.select(sa.func.count()).select_from(t.findings).where(t.findings.c.run_id == rid)
        ).scalar_one()
    assert n_findings == sum(len(p.result.findings) for p in pages if p.result)
    assert crawl.previous_validators(pages[0].url) == (pages[0].etag, pages[0].last_modified, None)
    assert crawl.begin_scan("kommune", "cfg1") != rid  # finished runs are not resumed
    rid2 = crawl.begin_scan("kommune", "cfg1")
    assert crawl.reuse_previous(rid2, pages[0].url) is True
    assert crawl.reuse_previous(rid2, f"{BASE}/never-seen") is False
    # Copies are batched: written at the latest by the next done_urls/finish_scan/close.
    assert crawl.done_urls(rid2) == {pages[0].url}
    with store.connect() as conn:
        copied = conn.execute(
            sa.select(sa.func.count()).select_from(t.findings).where(t.findings.c.run_id == rid2)
        ).scalar_one()
    assert copied == len(pages[0].result.findings) if pages[0].result else 0


def test_background_copy_then_a_fresh_fetch_of_the_same_page(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """During a re-scan unchanged pages are copied by a worker thread. A page whose copy is being
    written when it is fetched and recorded afresh ends up once in the run: the fresh copy."""
    import threading

    import formlint.store.rescan as rescan

    _run, pages = fixture_scan(1)
    rid = store.begin_scan("kommune", "cfg1")
    for p in pages:
        store.record_page(rid, p)
    store.finish_scan(rid, {})
    monkeypatch.setattr(rescan, "FLUSH_PAGES", 2)  # every second reuse starts a batch
    started, release = threading.Event(), threading.Event()
    copy = rescan.copy_documents
    copier: list[str] = []

    def slow_copy(*args: object, **kwargs: object) -> None:
        copier.append(threading.current_thread().name)
        started.set()
        assert release.wait(10)
        copy(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rescan, "copy_documents", slow_copy)
    rid2 = store.begin_scan("kommune", "cfg1")
    assert store.reuse_previous(rid2, pages[0].url) and store.reuse_previous(rid2, pages[1].url)
    assert started.wait(10)  # the batch is being written on the worker thread...
    threading.Timer(0.3, release.set).start()
    store.record_page(rid2, pages[0])  # ...and this waits for it, then replaces its page
    store.finish_scan(rid2, {})
    assert copier == ["formlint-copy_0"]
    with store.connect() as conn:
        d = t.documents
        rows = conn.execute(
            sa.select(d.c.url, d.c.reused_from).where(d.c.run_id == rid2).order_by(d.c.url)
        ).all()
        n_findings = conn.execute(
            sa.select(sa.func.count()).select_from(t.findings).where(t.findings.c.run_id == rid2)
        ).scalar_one()
    assert rows == sorted([(pages[0].url, None), (pages[1].url, rid)])
    expected = sum(len(p.result.findings) for p in pages[:2] if p.result)
    assert n_findings == expected


def test_stored_link_groups_leave_out_settled_targets(store: Store) -> None:
    """A re-scan follows an unchanged page's stored links by target; targets the crawler has
    settled are left out, the rest come in stored order with the URLs fetched for them."""
    from formlint.sources.crawl.state import stored_link_groups, stored_links

    _run, pages = fixture_scan(1)
    rid = store.begin_scan("kommune", "cfg1")
    for p in pages:
        store.record_page(rid, p)
    store.finish_scan(rid, {})
    store.begin_scan("kommune", "cfg1")  # a re-scan: links come from the previous scan
    checked = 0
    for p in pages:
        groups = stored_link_groups(store, p.url, set())
        exact = stored_links(store, p.url)
        if groups is None:
            assert exact is None
            continue
        assert [u for _target, urls in groups for u in urls] == exact
        keys = [target for target, _urls in groups]
        assert len(keys) == len(set(keys))
        if len(keys) >= 2:
            checked += 1
            settled = set(keys[: len(keys) // 2])
            assert stored_link_groups(store, p.url, settled) == groups[len(keys) // 2 :]
            assert stored_link_groups(store, p.url, set(keys)) == []
    assert checked  # the fixture scan has pages with several links


def test_previous_urls_hold_every_url_a_stored_link_maps_back_to(store: Store) -> None:
    """The re-scan's shortcut (``FormSpider._previous_all_claimed``): once every URL of the
    previous scans is claimed, no stored link can lead to a request. That holds only if every
    URL a stored link maps back to is among them."""
    from formlint.sources.crawl.state import previous_urls, stored_links

    _run, pages = fixture_scan(1)
    rid = store.begin_scan("kommune", "cfg1")
    for p in pages:
        store.record_page(rid, p)
    store.finish_scan(rid, {})
    assert previous_urls(store) is None  # outside a scan: no snapshot to answer from
    store.begin_scan("kommune", "cfg1")
    urls = previous_urls(store)
    assert urls is not None and set(urls) == {p.url for p in pages}
    linked = [u for p in pages for u in stored_links(store, p.url) or ()]
    assert linked and set(linked) <= set(urls)


def test_record_page_is_one_transaction(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import formlint.store.store as store_mod

    _run, pages = fixture_scan(1)
    rid = store.begin_scan("kommune", "cfg")
    store.record_page(rid, pages[0])

    def crash(*args: object, **kwargs: object) -> dict[str, object]:
        raise RuntimeError("killed mid-page")

    # Crash after the document row and forms are written, before the findings.
    monkeypatch.setattr(store_mod, "finding_row", crash)
    with pytest.raises(RuntimeError):
        store.record_page(rid, pages[1])
    monkeypatch.undo()
    assert store.done_urls(rid) == {pages[0].url}
    with store.connect() as conn:
        assert (
            conn.execute(
                sa.select(sa.func.count())
                .select_from(t.form_pages)
                .where(t.form_pages.c.run_id == rid)
            ).scalar_one()
            == 1
        )


def test_run_json_dict_is_accepted(store: Store) -> None:
    run, _pages = fixture_scan(1)
    rid = store.record_run_dict(run.to_dict(), site="kommune")
    model = build_report(store, run_id=rid, today=TODAY)
    assert _by_title(model)["Søknad om barnehageplass"]["status"] == "red"


def test_no_headers_or_credentials_columns(store: Store) -> None:
    cols = {c["name"] for c in sa.inspect(store.engine).get_columns("documents")}
    assert not {"headers", "request_headers", "cookies", "authorization"} & cols


def test_normalise_url() -> None:
    assert (
        normalise_url("HTTPS://Kommune.Example:443/a/b/?x=1#top") == "https://kommune.example/a/b"
    )
    assert normalise_url("https://k.example/") == "https://k.example/"
    assert normalise_url("/sti/?q=1") == "/sti"


@pytest.mark.slow
def test_bulk_write_is_fast_enough(store: Store) -> None:
    import time

    run, pages = synthetic_scan(5000, 1000)
    t0 = time.perf_counter()
    store.record_run(run, site="bulk", pages=pages)
    assert time.perf_counter() - t0 < 30


def test_migrations_match_the_table_definitions(store: Store) -> None:
    """tables.py and the migrations describe the same schema (no drift either way)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), t.metadata)
        postgres = conn.dialect.name == "postgresql"
    if postgres:  # these keys are statement-level triggers there (tests/store/test_integrity.py)
        checked = {
            (op[1].parent.name, op[1].column_keys[0])
            for op in diff
            if op[0] == "add_fk" and len(op[1].column_keys) == 1
        }
        assert checked == set(t.STATEMENT_CHECKED_KEYS)
        diff = [op for op in diff if op[0] != "add_fk"]
    assert diff == []


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


def test_page_and_whole_scan_writes_store_the_same_documents(store: Store) -> None:
    """A crawl writes page by page (the database assigns ids), a finished run in one batch
    (ids reserved up front): both paths must store the same document rows."""
    run, pages = fixture_scan(1)
    batch = store.record_run(run, site="kommune", pages=pages)
    by_url = {r.source: r for r in run.documents}
    paged = store.begin_scan("kommune-paged", "cfg")
    for p in pages:
        store.record_page(paged, replace(p, result=by_url.get(p.url)))
    store.finish_scan(paged, {})
    d = t.documents
    cols = [c for c in d.columns if c.name not in ("id", "run_id")]

    def rows(run_id: int) -> list[tuple[object, ...]]:
        with store.connect() as conn:
            return sorted(
                tuple(r)
                for r in conn.execute(
                    sa.select(*cols).where(d.c.run_id == run_id).order_by(d.c.url)
                )
            )

    assert rows(batch) == rows(paged)
    assert len(rows(batch)) == len({*by_url, *(p.url for p in pages)})


def test_projection_of_a_complete_kpi_names_the_scan_that_completed_it() -> None:
    from formlint.progress import project

    one = [{"date": "2026-05-01", "share": 1.0, "prioritised": 3}]
    got = project(one, date(2027, 6, 30))
    assert (got["method"], got["complete_by"], got["on_track"]) == ("none", "2026-05-01", True)
    # a later scan with nothing prioritised does not move the date
    two = [*one, {"date": "2026-06-01", "share": 0.0, "prioritised": 0}]
    assert project(two, date(2027, 6, 30))["complete_by"] == "2026-05-01"
    open_ = [{"date": "2026-05-01", "share": 0.5, "prioritised": 2}]
    assert project(open_, date(2027, 6, 30))["complete_by"] is None
