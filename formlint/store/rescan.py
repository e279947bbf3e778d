"""Re-scans: what the previous scans of a site hold, and copying unchanged pages in batches.

A re-scan of an unchanged site answers 304 for nearly every page, so the per-page cost of the
store decides its speed. Two things keep it small:

* one snapshot of the site's latest documents (URL -> validators, document id, run), read once
  when the scan starts, answers ``previous_validators`` and the "is there anything to reuse"
  question without a query per URL;
* copying an unchanged page's document, forms, findings and links into the new run is queued
  and done for many pages in one transaction (set-based ``INSERT … SELECT``), not one commit per
  page. A scan killed before a batch is written simply fetches those pages again on resume (they
  are not in ``done_urls``), so nothing is lost or duplicated.

During a scan the batches are written by one worker thread: the database does the copying
(SQLite and the PostgreSQL driver release the GIL while they work) on the other core while the
crawler goes on. Every reader of the new run and every other write in it waits for the batch in
progress first (:meth:`PreviousScan.wait`), so the order of writes is unchanged.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from formlint.store import tables as t

# Older documents than the last few finished scans are not consulted: a page missing from all
# of them is fetched in full (correct, only slower).
SNAPSHOT_RUNS = 3
FLUSH_PAGES = 400
FLUSH_SECONDS = 2.0
_CHUNK = 500
# Links of previous documents are read this many ids at a time: a re-scan meets pages in about
# the order the previous scan stored them, so one query serves the next few hundred 304s.
LINK_WINDOW = 256


@dataclass(frozen=True, slots=True)
class PreviousDocument:
    """The latest stored copy of one URL in a finished scan of the site."""

    doc_id: int
    run_id: int
    etag: str | None
    last_modified: str | None
    sha256: str | None
    fetched_after: str | None = None  # start of the scan that fetched it (ISO 8601)


class PreviousScan:
    """The site's previous documents, and the queue of unchanged pages to copy into ``run_id``."""

    def __init__(
        self, engine: Engine, site_id: int, run_id: int, *, background: bool = False
    ) -> None:
        self.engine = engine
        self.site_id = site_id
        self.run_id = run_id
        self._docs: dict[str, PreviousDocument] | None = None
        self._pending: dict[str, PreviousDocument] = {}
        self._last_flush = time.monotonic()
        self._links: dict[int, str | None] = {}  # prefetched, dropped once used
        self.link_queries = 0
        # ``background``: batches due during the scan are copied by one worker thread.
        self._worker = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="formlint-copy")
            if background
            else None
        )
        self._copying: Future[None] | None = None

    # -- reading -------------------------------------------------------------------------------

    @property
    def docs(self) -> dict[str, PreviousDocument]:
        if self._docs is None:
            self._docs = self._load()
        return self._docs

    def _load(self) -> dict[str, PreviousDocument]:
        r, d = t.runs, t.documents
        out: dict[str, PreviousDocument] = {}
        with self.engine.connect() as conn:
            runs = list(
                conn.execute(
                    sa.select(r.c.id, r.c.started_at)
                    .where(
                        r.c.site_id == self.site_id,
                        r.c.state == "finished",
                        r.c.id != self.run_id,
                    )
                    .order_by(r.c.id.desc())
                    .limit(SNAPSHOT_RUNS)
                )
            )
            for rid, started in sorted(runs):  # oldest first: the newest copy of a URL wins
                stmt = sa.select(d.c.url, d.c.id, d.c.etag, d.c.last_modified, d.c.sha256).where(
                    d.c.run_id == rid
                )
                for url, doc_id, etag, lm, sha in conn.execute(stmt):
                    out[str(url)] = PreviousDocument(
                        int(doc_id), int(rid), etag, lm, sha, str(started) if started else None
                    )
        return out

    def get(self, url: str) -> PreviousDocument | None:
        return self.docs.get(url)

    def links(self, doc_id: int) -> list[str]:
        """Normalised page-link targets of a previous document (see ``LINK_WINDOW``)."""
        if doc_id not in self._links:
            if len(self._links) > 4 * LINK_WINDOW:  # bounded: a window nobody asked for
                self._links.clear()
            d = t.documents
            with self.engine.connect() as conn:
                self._links.update(
                    (int(i), text)
                    for i, text in conn.execute(
                        sa.select(d.c.id, d.c.links).where(
                            d.c.id >= doc_id, d.c.id < doc_id + LINK_WINDOW
                        )
                    )
                )
            self.link_queries += 1
        text = self._links.pop(doc_id, None)
        return str(text).split("\n") if text else []

    # -- copying unchanged pages -----------------------------------------------------------------

    def reuse(self, url: str) -> bool:
        """Queue ``url``'s previous result for copying into this run; False if none is stored."""
        prev = self.docs.get(url)
        if prev is None:
            return False
        self._pending[url] = prev
        if (
            len(self._pending) >= FLUSH_PAGES
            or time.monotonic() - self._last_flush >= FLUSH_SECONDS
        ):
            batch = self._take_batch()  # holds ``url`` at least
            if self._worker is None:
                self._copy(batch)
            else:
                self._copying = self._worker.submit(self._copy, batch)
        return True

    def discard(self, url: str) -> None:
        """Drop ``url``'s queued copy (the page is being recorded from a fresh fetch instead).

        A copy already being written lands first: the caller waits for it (:meth:`wait`) and
        then replaces it, as a resumed scan replaces a page it fetches again."""
        self._pending.pop(url, None)

    def wait(self) -> None:
        """Until the batch being copied in the background is committed; its error is raised here."""
        copying, self._copying = self._copying, None
        if copying is not None:
            copying.result()

    def flush(self) -> None:
        """Copy every queued page now, in one transaction, after the batch in progress."""
        batch = self._take_batch()
        if batch:
            self._copy(batch)

    def close(self) -> None:
        """Copy what is queued and stop the worker thread."""
        try:
            self.flush()
        finally:
            if self._worker is not None:
                self._worker.shutdown()
                self._worker = None

    def _take_batch(self) -> dict[str, PreviousDocument]:
        """The queued pages, once the batch in progress is written (one at a time, in order)."""
        self.wait()
        self._last_flush = time.monotonic()
        batch, self._pending = self._pending, {}
        return batch

    def _copy(self, batch: dict[str, PreviousDocument]) -> None:
        with self.engine.begin() as conn:
            copy_documents(conn, self.run_id, batch)


def copy_documents(conn: Connection, run_id: int, batch: dict[str, PreviousDocument]) -> None:
    """Copy documents (with their links, forms and findings) into ``run_id``, set-based."""
    d = t.documents
    urls = sorted(batch)
    _delete_existing(conn, run_id, urls)  # a resumed scan may redo a page
    _copy_rows(
        conn,
        d,
        {"run_id": "run", "reused_from": "prev_run"},
        "id",
        [{"run": run_id, "prev_run": batch[u].run_id, "old": batch[u].doc_id} for u in urls],
        left_out=("spawned",),  # what that scan requested first is no frontier of this one
    )
    new_id = _document_ids(conn, run_id, urls)
    pairs = [{"run": run_id, "new": new_id[u], "old": batch[u].doc_id} for u in urls]
    for child in (t.form_pages, t.findings):
        _copy_rows(conn, child, {"run_id": "run", "document_id": "new"}, "document_id", pairs)


def _copy_rows(
    conn: Connection,
    table: sa.Table,
    replaced: dict[str, str],
    match: str,
    params: list[dict[str, int]],
    left_out: tuple[str, ...] = (),
) -> None:
    """``INSERT INTO table SELECT … FROM table WHERE match = :old`` for every parameter set,
    the ``replaced`` columns taken from the named parameters, ``left_out`` ones NULL, the rest
    copied (ids new)."""
    skip = {"id", *replaced, *left_out}
    kept = [c.name for c in table.columns if c.name not in skip]
    conn.execute(
        sa.insert(table).from_select(
            [*replaced, *kept],
            sa.select(
                *[sa.bindparam(p, type_=sa.Integer) for p in replaced.values()],
                *[table.c[c] for c in kept],
            ).where(table.c[match] == sa.bindparam("old")),
        ),
        params,
    )


def _document_ids(conn: Connection, run_id: int, urls: list[str]) -> dict[str, int]:
    """URL -> document id of those ``urls`` that ``run_id`` holds."""
    d = t.documents
    out: dict[str, int] = {}
    for i in range(0, len(urls), _CHUNK):
        rows = conn.execute(
            sa.select(d.c.url, d.c.id).where(
                d.c.run_id == run_id, d.c.url.in_(urls[i : i + _CHUNK])
            )
        )
        out.update((str(u), int(i_)) for u, i_ in rows)
    return out


def _delete_existing(conn: Connection, run_id: int, urls: list[str]) -> None:
    d = t.documents
    ids = sorted(_document_ids(conn, run_id, urls).values())
    if not ids:
        return
    for i in range(0, len(ids), _CHUNK):
        part = ids[i : i + _CHUNK]
        conn.execute(sa.delete(t.findings).where(t.findings.c.document_id.in_(part)))
        conn.execute(sa.delete(t.form_pages).where(t.form_pages.c.document_id.in_(part)))
        conn.execute(sa.delete(d).where(d.c.id.in_(part)))


def page_links(conn: Connection, run_id: int, url: str) -> list[str]:
    """Normalised targets of ``url``'s outgoing page links (not embeds) in ``run_id``."""
    d = t.documents
    text = conn.execute(sa.select(d.c.links).where(d.c.run_id == run_id, d.c.url == url)).scalar()
    return str(text).split("\n") if text else []


def latest_document(conn: Connection, url: str) -> PreviousDocument | None:
    """``url``'s copy in the newest finished scan that has it, outside a scan (no snapshot).

    Run by run through the (run_id, url) key, newest first: documents has no index on the URL
    alone (it would slow down every write for this rare lookup).
    """
    r, d = t.runs, t.documents
    run_ids = conn.execute(
        sa.select(r.c.id).where(r.c.state == "finished").order_by(r.c.id.desc())
    ).scalars()
    stmt = sa.select(d.c.id, d.c.etag, d.c.last_modified, d.c.sha256).where(
        d.c.run_id == sa.bindparam("rid"), d.c.url == url
    )
    for rid in list(run_ids):
        row = conn.execute(stmt, {"rid": rid}).first()
        if row is not None:
            return PreviousDocument(int(row[0]), int(rid), row[1], row[2], row[3])
    return None
