"""The store on SQLite and PostgreSQL: migrations, identity, crawl state, history writes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from formlint.progress.model import build_report
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
    assert current_revision(store.engine) == "0009"
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
        "multisite_runs",
        "multisite_sites",
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


def test_owner_units_of_an_older_store_are_kept_as_formlint_yml_units(db_url: str) -> None:
    from formlint.config.progress import OwnerRule

    first = Store(db_url)
    _downgrade(first, "0006")
    with first.engine.begin() as conn:
        conn.execute(
            sa.text("INSERT INTO owner_units (unit, patterns, position) VALUES (:u, :p, 0)"),
            {"u": "Oppvekst", "p": '["*/skole/*"]'},
        )
    first.close()
    new = Store(db_url)
    try:
        assert new.owner_units() == [
            {"origin": "config", "unit": "Oppvekst", "patterns": ["*/skole/*"]}
        ]
        # One unit name under two origins, each synced on its own.
        new.sync_owners([OwnerRule(unit="Oppvekst", patterns=["/skole/*"])], origin="crawl:k")
        new.sync_owners([])
        assert [(r["origin"], r["unit"]) for r in new.owner_units()] == [("crawl:k", "Oppvekst")]
    finally:
        new.close()


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
        assert current_revision(new.engine) == "0009"
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
