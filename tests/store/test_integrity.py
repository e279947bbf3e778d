"""Referential integrity holds the same on SQLite (ordinary foreign keys) and on PostgreSQL
(statement-level checks for the bulk tables, migration 0005): bad keys are refused, deleting a
run or a document takes its rows with it, and a form still in use cannot be deleted."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from formlint.store import Store
from formlint.store import tables as t
from formlint.store.samples import fixture_scan


def _scan(store: Store) -> int:
    run, pages = fixture_scan(1)
    return store.record_run(run, site="kommune", pages=pages)


def _count(store: Store, table: sa.Table, run_id: int) -> int:
    with store.engine.connect() as conn:
        return int(
            conn.execute(
                sa.select(sa.func.count()).select_from(table).where(table.c.run_id == run_id)
            ).scalar_one()
        )


def _a_finding(store: Store, run_id: int) -> dict:
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(t.findings).where(t.findings.c.run_id == run_id).limit(1)
        ).one()
    return {k: v for k, v in row._mapping.items() if k != "id"}


def test_a_document_of_a_missing_run_is_refused(store: Store) -> None:
    _scan(store)
    with pytest.raises(sa.exc.IntegrityError, match="run_id"), store.engine.begin() as conn:
        conn.execute(
            sa.insert(t.documents),
            {"run_id": 999_999, "url": "https://x.example/", "norm_url": "https://x.example/"},
        )


@pytest.mark.parametrize("column", ["document_id", "form_id", "run_id"])
def test_a_finding_with_a_missing_key_is_refused(store: Store, column: str) -> None:
    rid = _scan(store)
    row = _a_finding(store, rid) | {column: 999_999}
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(sa.insert(t.findings), row)


def test_many_rows_in_one_statement_are_all_checked(store: Store) -> None:
    # one bad row among good ones fails the whole statement (PostgreSQL checks per statement)
    rid = _scan(store)
    good = _a_finding(store, rid)
    rows = [good | {"stable_key": f"k{i}"} for i in range(50)]
    rows[37] = rows[37] | {"document_id": 999_999}
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(sa.insert(t.findings), rows)
    with store.engine.begin() as conn:  # the same rows without the bad one go in
        conn.execute(sa.insert(t.findings), rows[:37] + rows[38:])


def test_moving_a_finding_to_a_missing_document_is_refused(store: Store) -> None:
    rid = _scan(store)
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(
            sa.update(t.findings).where(t.findings.c.run_id == rid).values(document_id=999_999)
        )


def test_deleting_a_run_deletes_its_documents_findings_and_form_pages(store: Store) -> None:
    first = _scan(store)
    second = _scan(store)
    assert _count(store, t.findings, first) > 0 and _count(store, t.form_pages, first) > 0
    kept = [_count(store, tbl, second) for tbl in (t.documents, t.findings, t.form_pages)]
    with store.engine.begin() as conn:
        conn.execute(sa.delete(t.runs).where(t.runs.c.id == first))
    assert [_count(store, tbl, first) for tbl in (t.documents, t.findings, t.form_pages)] == [
        0,
        0,
        0,
    ]
    assert [_count(store, tbl, second) for tbl in (t.documents, t.findings, t.form_pages)] == kept


def test_deleting_a_document_deletes_its_findings(store: Store) -> None:
    rid = _scan(store)
    doc_id = _a_finding(store, rid)["document_id"]
    with store.engine.begin() as conn:
        conn.execute(sa.delete(t.documents).where(t.documents.c.id == doc_id))
    with store.engine.connect() as conn:
        left = conn.execute(
            sa.select(sa.func.count())
            .select_from(t.findings)
            .where(t.findings.c.document_id == doc_id)
        ).scalar_one()
    assert left == 0


def test_a_form_in_use_cannot_be_deleted_or_rekeyed(store: Store) -> None:
    rid = _scan(store)
    form_id = _a_finding(store, rid)["form_id"]
    with store.engine.begin() as conn:  # its aliases are ordinary foreign keys everywhere
        conn.execute(sa.delete(t.form_aliases).where(t.form_aliases.c.form_id == form_id))
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(sa.delete(t.forms).where(t.forms.c.id == form_id))
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(sa.update(t.forms).where(t.forms.c.id == form_id).values(id=999_999))


def test_updating_a_run_without_changing_its_key_is_allowed(store: Store) -> None:
    rid = _scan(store)
    with store.engine.begin() as conn:
        conn.execute(sa.update(t.runs).where(t.runs.c.id == rid).values(state="finished"))


def test_bulk_keys_are_foreign_keys_on_sqlite_and_statement_checks_on_postgres(
    store: Store,
) -> None:
    insp = sa.inspect(store.engine)
    postgres = store.engine.dialect.name == "postgresql"
    for table in ("documents", "findings", "form_pages"):
        keys = {fk["constrained_columns"][0] for fk in insp.get_foreign_keys(table)}
        checked = {c for tbl, c in t.STATEMENT_CHECKED_KEYS if tbl == table}
        assert (keys & checked) == (set() if postgres else checked)
    if postgres:
        with store.engine.connect() as conn:
            triggers = set(
                conn.execute(
                    sa.text(
                        "SELECT tgrelid::regclass::text || ':' || tgname FROM pg_trigger "
                        "WHERE tgname LIKE 'formlint_keys_%'"
                    )
                ).scalars()
            )
        assert {"findings:formlint_keys_insert", "runs:formlint_keys_delete"} <= triggers


def test_whole_scans_and_a_crawl_write_at_the_same_time(db_url: str) -> None:
    """Document ids for a whole scan are reserved in one block (PostgreSQL: one ``setval`` under a
    table lock): two whole-scan writes and a page-by-page crawl running at once, each on its own
    store and connection, must neither collide on ids nor lose a row."""
    import threading

    from formlint.store.samples import synthetic_scan

    Store(db_url).close()  # migrated once, before the writers start
    scans = [synthetic_scan(1500, 300, seed=n) for n in (1, 2)]
    crawl_pages = synthetic_scan(60, 10, seed=3)[1]
    errors: list[BaseException] = []
    ids: dict[str, int] = {}

    def whole(n: int) -> None:
        try:
            with Store(db_url) as store:
                run, pages = scans[n]
                ids[f"whole{n}"] = store.record_run(run, site=f"s{n}", pages=pages)
        except BaseException as exc:  # reported below
            errors.append(exc)

    def crawl() -> None:
        try:
            with Store(db_url) as store:
                run_id = store.begin_scan("crawl", "cfg")
                for page in crawl_pages:
                    store.record_page(run_id, page)
                ids["crawl"] = run_id
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=whole, args=(n,)) for n in (0, 1)]
    threads.append(threading.Thread(target=crawl))
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=120)
    assert not errors, errors
    with Store(db_url) as store:
        counts = [_count(store, t.documents, ids[k]) for k in ("whole0", "whole1", "crawl")]
        with store.engine.connect() as conn:
            n_ids = conn.execute(sa.select(sa.func.count(sa.distinct(t.documents.c.id)))).scalar()
            n_rows = conn.execute(sa.select(sa.func.count()).select_from(t.documents)).scalar()
    assert counts == [1500, 1500, 60]
    assert n_ids == n_rows == 3060
