"""The history store: runs, documents, forms and findings in SQLite or PostgreSQL.

Every write is one transaction (a crash mid-scan loses only the page being written, never a
committed one, and never leaves half a page). Bulk writes use executemany through SQLAlchemy Core:
no ORM objects on the hot path. The schema is created and upgraded only by the Alembic migrations
shipped in ``formlint/store/migrations``, run on open.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from formlint.store import readback
from formlint.store import tables as t
from formlint.store.bulk import bulk_insert, insert_tuples, reserve_ids
from formlint.store.connect import in_memory_sqlite, make_engine, migrate
from formlint.store.crawlstate import CrawledPage, ResumePoint
from formlint.store.identity import (
    form_aliases,
    normalise_url,
    page_alias,
    url_path,
)
from formlint.store.rescan import PreviousScan, latest_document, page_links
from formlint.store.rows import (
    DOCUMENT_COLUMNS,
    DocInput,
    document_tuple,
    finding_row,
)
from formlint.util.gcpause import gc_paused

if TYPE_CHECKING:
    from formlint.config.models import ExceptionEntry
    from formlint.config.progress import OwnerRule, StoreConfig
    from formlint.results import RunResult

DEFAULT_DB = "reports/formlint.db"
DEFAULT_SITE = "default"
ENV_VAR = "FORMLINT_DB"
_CHUNK = 500
_MAX_LINK_URL = 1000  # longer link targets are not stored (session ids, trap URLs)


def resolve_url(db: str | None = None, config: StoreConfig | None = None) -> str:
    """The database URL: ``--db``, then ``FORMLINT_DB``, then config, then the default file.

    A value without ``://`` is a SQLite file path.
    """
    value = (
        db
        or os.environ.get(ENV_VAR)
        or (config.url or config.path if config else None)
        or DEFAULT_DB
    )
    if "://" in value or value == "sqlite://":
        return value
    path = Path(value).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


# The columns the report and re-scan queries join, filter and group on (see _record_docs).
_ANALYZE_AFTER_BULK = (
    "ANALYZE documents (id, run_id), findings (run_id, form_id, document_id, rule, severity),"
    " form_pages, forms, form_aliases"
)


def _utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


@dataclass
class _Occurrence:
    doc_index: int
    key: str
    kind: str
    title: str | None
    aliases: list[str]
    form_id: int = 0


@dataclass
class RunInfo:
    id: int
    site: str | None
    config_hash: str | None
    profile: str
    tool_version: str
    started_at: str
    finished_at: str | None
    state: str
    stats: dict[str, Any] = field(default_factory=dict)


class Store:
    """History of scans in one database. Implements :class:`~formlint.store.crawlstate.CrawlStateStore`."""

    def __init__(
        self, url: str | None = None, *, migrate: bool = True, clock: Callable[[], str] = _utcnow
    ) -> None:
        self.url = resolve_url(url)
        self.clock = clock
        self.last_write: dict[str, float] = {}  # figures of the latest batch, for benchmarks
        self.engine: Engine = make_engine(self.url)
        self._previous: PreviousScan | None = None  # set by begin_scan
        self._fetched_urls: dict[int, dict[str, list[str]]] = {}  # finished runs only
        if migrate:
            self.migrate()

    # -- lifecycle ---------------------------------------------------------------------------

    def migrate(self, revision: str = "head") -> None:
        """Upgrade the schema in place to ``revision`` (an old database keeps its data)."""
        migrate(self.engine, revision)

    def close(self) -> None:
        if self._previous is not None:
            # Pages already known unchanged are kept: a resumed scan need not fetch them again.
            self._previous.close()
            self._previous = None
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- whole runs --------------------------------------------------------------------------

    def record_run(
        self,
        run: RunResult,
        *,
        site: str | None = None,
        pages: list[CrawledPage] | None = None,
        config_hash: str | None = None,
    ) -> int:
        """Store a finished ``formlint lint``/scan result (plus optional crawl metadata) in one transaction."""
        # rows for a whole scan: collections re-scanning the heap took 60 % of the time spent
        # turning 100,000 results into rows
        with gc_paused():
            return self._record_result(run, site=site, pages=pages, config_hash=config_hash)

    def _record_result(
        self,
        run: RunResult,
        *,
        site: str | None,
        pages: list[CrawledPage] | None,
        config_hash: str | None,
    ) -> int:
        docs = [DocInput.from_result(d) for d in run.documents]
        summary = (
            run.to_dict()["summary"]
            if len(run.documents) < 1000
            else {"documents": len(run.documents)}
        )
        return self._record_docs(
            docs,
            site=site,
            pages=pages,
            config_hash=config_hash,
            profile=run.profile,
            tool_version=run.tool_version,
            started_at=run.started_at.isoformat(timespec="seconds"),
            finished_at=run.finished_at.isoformat(timespec="seconds"),
            stats=summary,
        )

    def record_run_dict(
        self,
        data: dict[str, Any],
        *,
        site: str | None = None,
        pages: list[CrawledPage] | None = None,
        config_hash: str | None = None,
    ) -> int:
        """Store a run given as its ``formlint-run/1.0`` JSON document."""
        schema = str(data.get("schema", ""))
        if not schema.startswith("formlint-run/"):
            raise ValueError(f"not a formlint run document (schema {schema!r})")
        with gc_paused():
            docs = [DocInput.from_dict(d) for d in data.get("documents", [])]
            return self._record_docs(
                docs,
                site=site,
                pages=pages,
                config_hash=config_hash,
                profile=str(data.get("profile", "standard")),
                tool_version=str(data.get("tool", {}).get("version", "")),
                started_at=str(data.get("started_at") or self.clock()),
                finished_at=str(data.get("finished_at") or self.clock()),
                stats=dict(data.get("summary", {})),
            )

    def _record_docs(
        self,
        docs: list[DocInput],
        *,
        site: str | None,
        pages: list[CrawledPage] | None,
        config_hash: str | None,
        profile: str,
        tool_version: str,
        started_at: str,
        finished_at: str,
        stats: dict[str, Any],
    ) -> int:
        by_url = {p.url: p for p in pages or []}
        items: list[tuple[DocInput | None, CrawledPage | None]] = []
        for d in docs:
            items.append((d, by_url.pop(d.source, None)))
        items.extend(
            (None, p) for p in by_url.values()
        )  # pages that yielded no result (errors, redirects)
        with self.engine.begin() as conn:
            site_id = self._site_id(conn, site or DEFAULT_SITE)
            run_id = int(
                conn.execute(
                    sa.insert(t.runs).returning(t.runs.c.id),
                    {
                        "site_id": site_id,
                        "config_hash": config_hash,
                        "profile": profile,
                        "tool_version": tool_version,
                        "started_at": started_at,
                        "finished_at": finished_at,
                        "state": "finished",
                        "stats": stats,
                    },
                ).scalar_one()
            )
            self._write(conn, run_id, items)
        if self.engine.dialect.name == "postgresql" and len(items) > 5000:
            # Fresh statistics after a bulk load: without them the planner picks seq scans and
            # the next report is several times slower (autovacuum catches up only later). Only
            # the keys and the columns reports group by: sampling the long text and JSON
            # columns too took 0.6 s of a 100,000-page write, the keys alone 0.2 s.
            with self.engine.begin() as conn:
                conn.exec_driver_sql(_ANALYZE_AFTER_BULK)
        return run_id

    # -- CrawlStateStore ---------------------------------------------------------------------

    def begin_scan(self, site: str, config_hash: str, *, resume: bool = True) -> int:
        with self.engine.begin() as conn:
            site_id = self._site_id(conn, site)
            existing = None
            if resume:
                existing = conn.execute(
                    sa.select(t.runs.c.id)
                    .where(
                        t.runs.c.site_id == site_id,
                        t.runs.c.config_hash == config_hash,
                        t.runs.c.state == "running",
                    )
                    .order_by(t.runs.c.id.desc())
                    .limit(1)
                ).scalar()
            if existing is not None:
                run_id = int(existing)
            else:
                run_id = int(
                    conn.execute(
                        sa.insert(t.runs).returning(t.runs.c.id),
                        {
                            "site_id": site_id,
                            "config_hash": config_hash,
                            "started_at": self.clock(),
                            "state": "running",
                            "profile": "standard",
                            "tool_version": _version(),
                        },
                    ).scalar_one()
                )
        if self._previous is not None:
            self._previous.close()
        # An in-memory SQLite database is one connection shared by every thread: copied inline.
        background = not in_memory_sqlite(self.url)
        self._previous = PreviousScan(self.engine, site_id, run_id, background=background)
        return run_id

    def previous_validators(self, url: str) -> tuple[str | None, str | None, str | None] | None:
        """(ETag, Last-Modified, sha256) of ``url`` in the site's latest finished scans."""
        if self._previous is not None:
            prev = self._previous.get(url)
            return None if prev is None else (prev.etag, prev.last_modified, prev.sha256)
        with self.engine.connect() as conn:
            found = latest_document(conn, url)
        return None if found is None else (found.etag, found.last_modified, found.sha256)

    def run_documents(self, run_id: int) -> list[dict[str, Any]]:
        """Every document of a run as a ``formlint-run`` document record plus its ``crawl`` data."""
        if self._previous is not None and self._previous.run_id == run_id:
            self._previous.flush()
        return readback.run_documents(self.engine, run_id)

    def fetched_urls(self, run_id: int, *, cache: bool = False) -> dict[str, list[str]]:
        """Normalised URL -> exact URLs fetched in ``run_id``; ``cache`` for a finished run (it
        never changes: a re-scan maps the previous scan's URLs once, not once per page)."""
        if not cache:
            return readback.fetched_urls(self.engine, run_id)
        hit = self._fetched_urls.get(run_id)
        if hit is None:
            hit = self._fetched_urls[run_id] = readback.fetched_urls(self.engine, run_id)
        return hit

    def previous_urls(self) -> Collection[str] | None:
        """During a scan: every URL in the snapshot of the site's previous scans (which holds
        every URL a stored link maps back to, see ``page_links``); None outside a scan."""
        return None if self._previous is None else self._previous.docs.keys()

    def previous_fetched_after(self, url: str) -> str | None:
        """Start (ISO 8601) of the scan whose copy of ``url`` would be reused, during a scan."""
        prev = self._previous.get(url) if self._previous is not None else None
        return prev.fetched_after if prev is not None else None

    def page_links(self, url: str, run_id: int | None = None) -> tuple[int, list[str]] | None:
        """(run, normalised link targets) of ``url``: in ``run_id``, else its previous scan."""
        d = t.documents
        if run_id is not None:
            with self.engine.connect() as conn:
                hit = conn.execute(
                    sa.select(d.c.run_id).where(d.c.url == url, d.c.run_id == run_id)
                ).scalar()
                if hit is not None:
                    return int(hit), page_links(conn, int(hit), url)
        if self._previous is not None:  # during a scan (a 304 in a re-scan): no query
            prev = self._previous.get(url)
            return None if prev is None else (prev.run_id, self._previous.links(prev.doc_id))
        with self.engine.connect() as conn:
            found = latest_document(conn, url)
            return None if found is None else (found.run_id, page_links(conn, found.run_id, url))

    def resume_points(self, run_id: int) -> list[ResumePoint]:
        """The pages ``run_id`` has done, with what each requested first (see ``ResumePoint``)."""
        if self._previous is not None:
            self._previous.flush()
        d = t.documents
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(d.c.url, d.c.depth, d.c.spawned, d.c.reused_from)
                .where(d.c.run_id == run_id)
                .order_by(d.c.url)
            )
            return [
                ResumePoint(
                    str(url),
                    int(depth or 0),
                    None if spawned is None else [u for u in str(spawned).split("\n") if u],
                    reused_from is not None,
                )
                for url, depth, spawned, reused_from in rows
            ]

    def done_urls(self, run_id: int) -> set[str]:
        if self._previous is not None:
            self._previous.flush()
        with self.engine.connect() as conn:
            return set(
                conn.execute(
                    sa.select(t.documents.c.url).where(t.documents.c.run_id == run_id)
                ).scalars()
            )

    def record_page(self, run_id: int, page: CrawledPage) -> None:
        doc = DocInput.from_result(page.result) if page.result is not None else None
        if self._previous is not None:
            self._previous.discard(page.url)  # fetched after all: its queued copy must not land
            self._previous.wait()  # nor may one being written land after this page
        with self.engine.begin() as conn:
            self._delete_document(conn, run_id, page.url)  # a resumed scan may redo a page
            self._write(conn, run_id, [(doc, page)])

    def reuse_previous(self, run_id: int, url: str) -> bool:
        """Copy ``url``'s previous result into ``run_id`` (batched during a scan)."""
        prev = self._previous
        if prev is None or prev.run_id != run_id:
            prev = PreviousScan(self.engine, self._run_site(run_id), run_id)
            try:
                return prev.reuse(url)
            finally:
                prev.flush()
        return prev.reuse(url)

    def _run_site(self, run_id: int) -> int:
        with self.engine.connect() as conn:
            site = conn.execute(sa.select(t.runs.c.site_id).where(t.runs.c.id == run_id)).scalar()
        return int(site or 0)

    def finish_scan(self, run_id: int, stats: dict[str, Any]) -> None:
        if self._previous is not None:
            self._previous.close()
            self._previous = None  # the snapshot is of the scans before this one
        with self.engine.begin() as conn:
            conn.execute(
                sa.update(t.runs)
                .where(t.runs.c.id == run_id)
                .values(state="finished", finished_at=self.clock(), stats=stats)
            )

    # -- writing -----------------------------------------------------------------------------

    def _site_id(self, conn: Connection, name: str) -> int:
        sid = conn.execute(sa.select(t.sites.c.id).where(t.sites.c.name == name)).scalar()
        if sid is None:
            sid = conn.execute(
                sa.insert(t.sites).returning(t.sites.c.id),
                {"name": name, "created_at": self.clock()},
            ).scalar_one()
        return int(sid)

    def _delete_document(self, conn: Connection, run_id: int, url: str) -> None:
        old = conn.execute(
            sa.select(t.documents.c.id).where(
                t.documents.c.run_id == run_id, t.documents.c.url == url
            )
        ).scalar()
        if old is None:
            return
        conn.execute(sa.delete(t.findings).where(t.findings.c.document_id == old))
        conn.execute(sa.delete(t.form_pages).where(t.form_pages.c.document_id == old))
        conn.execute(sa.delete(t.documents).where(t.documents.c.id == old))

    def _write(
        self, conn: Connection, run_id: int, items: list[tuple[DocInput | None, CrawledPage | None]]
    ) -> None:
        """Documents, forms, form pages, findings and links of one batch, on one connection."""
        if not items:
            return
        d = t.documents
        if len(items) == 1:
            # one page of a crawl: the database assigns the id (no id column written)
            (doc, page) = items[0]
            row = document_tuple(0, run_id, doc, page)[1:]
            urls = [str(row[1])]
            insert_tuples(conn, d, DOCUMENT_COLUMNS[1:], [row])
            one = sa.select(d.c.id).where(d.c.run_id == run_id, d.c.url == urls[0])
            doc_ids = [int(conn.execute(one).scalar_one())]
        else:
            # Ids reserved up front, so a whole scan needs no read-back of 100,000 rows; rows
            # built straight as tuples (no dict per document).
            doc_ids = reserve_ids(conn, d, len(items))
            urls = []
            keep_url = urls.append

            def document_rows() -> Iterator[tuple[Any, ...]]:
                # built while COPY sends them (see _insert_tuples)
                for doc_id, (doc, page) in zip(doc_ids, items, strict=True):
                    row = document_tuple(doc_id, run_id, doc, page)
                    keep_url(row[2])
                    yield row

            insert_tuples(conn, d, DOCUMENT_COLUMNS, document_rows())

        occurrences = self._occurrences(conn, items, urls)
        self._resolve_forms(conn, run_id, occurrences)
        form_of: dict[tuple[int, str], int] = {(o.doc_index, o.key): o.form_id for o in occurrences}

        fp_rows: dict[tuple[int, int], dict[str, Any]] = {}
        for o in occurrences:
            fp_rows.setdefault(
                (o.form_id, doc_ids[o.doc_index]),
                {
                    "run_id": run_id,
                    "form_id": o.form_id,
                    "document_id": doc_ids[o.doc_index],
                    "title": o.title,
                },
            )
        bulk_insert(conn, t.form_pages, list(fp_rows.values()))

        finding_rows: list[dict[str, Any]] = []
        for i, (doc, _page) in enumerate(items):
            if doc is None:
                continue
            seen: dict[tuple[str, ...], int] = {}
            for rec in doc.findings:
                form_id = form_of.get((i, str(rec.get("form") or "")))
                finding_rows.append(finding_row(run_id, doc_ids[i], form_id, rec, seen))
        t_findings = time.perf_counter()
        bulk_insert(conn, t.findings, finding_rows)
        self.last_write["findings"] = len(finding_rows)
        self.last_write["findings_seconds"] = time.perf_counter() - t_findings

    def _occurrences(
        self,
        conn: Connection,
        items: list[tuple[DocInput | None, CrawledPage | None]],
        urls: list[str],
    ) -> list[_Occurrence]:
        """Every form seen in the batch, plus a page pseudo-form for prose findings outside forms."""
        occ: list[_Occurrence] = []
        page_candidates: list[tuple[int, str]] = []
        for i, (doc, _page) in enumerate(items):
            if doc is None:
                continue
            keys = set()
            for f in doc.forms:
                keys.add(f.key)
                occ.append(
                    _Occurrence(
                        i,
                        f.key,
                        f.kind,
                        f.title or doc.title,
                        form_aliases(
                            urls[i],
                            f.key,
                            f.kind,
                            sig=f.sig,
                            embedded=doc.format in ("formio", "altinn", "fhir"),
                        ),
                    )
                )
            prose = False
            for rec in doc.findings:
                key = str(rec.get("form") or "")
                if key and key not in keys:
                    keys.add(key)
                    occ.append(
                        _Occurrence(
                            i,
                            key,
                            "form",
                            rec.get("form_title") or doc.title,
                            form_aliases(
                                urls[i],
                                key,
                                doc.format,
                                sig=None,
                                embedded=doc.format in ("formio", "altinn", "fhir"),
                            ),
                        )
                    )
                elif not key:
                    prose = True
            if prose:
                occ.append(_Occurrence(i, "", "page", doc.title, [page_alias(urls[i], "")]))
            else:
                page_candidates.append((i, page_alias(urls[i], "")))
        # A page whose prose findings were all fixed is still a (green) work item if seen before.
        if page_candidates:
            aliases = [a for _, a in page_candidates]
            known = (
                self._known_page_aliases(conn)
                if len(aliases) > 2000
                else self._known_aliases(conn, aliases)
            )
            for i, alias in page_candidates:
                if alias in known:
                    doc = items[i][0]
                    occ.append(_Occurrence(i, "", "page", doc.title if doc else None, [alias]))
        return occ

    def _known_page_aliases(self, conn: Connection) -> dict[str, int]:
        """Every known whole-page alias (``page:URL#``) in one scan: cheaper than looking up
        100,000 pages 500 at a time when a whole scan is written."""
        fa = t.form_aliases
        rows = conn.execute(sa.select(fa.c.alias, fa.c.form_id).where(fa.c.alias.like("page:%#")))
        return {str(a): int(f) for a, f in rows}

    def _known_aliases(self, conn: Connection, aliases: Iterable[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        unique = sorted(set(aliases))
        for chunk in _chunks(unique):
            for alias, fid in conn.execute(
                sa.select(t.form_aliases.c.alias, t.form_aliases.c.form_id).where(
                    t.form_aliases.c.alias.in_(chunk)
                )
            ):
                out[alias] = int(fid)
        return out

    def _resolve_forms(self, conn: Connection, run_id: int, occurrences: list[_Occurrence]) -> None:
        """Give every occurrence a form id: an existing form through any alias, else a new form."""
        if not occurrences:
            return
        known: dict[str, int] = self._known_aliases(
            conn, (a for o in occurrences for a in o.aliases)
        )
        existing = set(known)
        new_forms: list[dict[str, Any]] = []
        new_aliases: dict[str, int] = {}
        now = self.clock()
        for o in occurrences:
            fid = next((known[a] for a in o.aliases if a in known), None)
            if fid is None:
                fid = -(len(new_forms) + 1)  # provisional until inserted
                new_forms.append(
                    {
                        "identity": o.aliases[0],
                        "kind": o.kind,
                        "key": o.key,
                        "title": o.title,
                        "first_run_id": run_id,
                        "created_at": now,
                    }
                )
            for a in o.aliases:
                if a not in known:
                    known[a] = fid
                    new_aliases[a] = fid
            o.form_id = fid
        real: dict[int, int] = {}
        if new_forms:
            bulk_insert(conn, t.forms, new_forms)
            by_identity: dict[str, int] = {}
            for ichunk in _chunks([f["identity"] for f in new_forms]):
                stmt = sa.select(t.forms.c.id, t.forms.c.identity).where(
                    t.forms.c.identity.in_(ichunk)
                )
                by_identity.update((str(i), int(fid)) for fid, i in conn.execute(stmt))
            real = {-(n + 1): by_identity[f["identity"]] for n, f in enumerate(new_forms)}
        for o in occurrences:
            if o.form_id < 0:
                o.form_id = real[o.form_id]
        alias_rows = [
            {"alias": a, "form_id": real.get(fid, fid)}
            for a, fid in new_aliases.items()
            if a not in existing
        ]
        bulk_insert(conn, t.form_aliases, alias_rows)
        # Keep the latest non-empty title of known forms.
        created = set(real.values())
        titles = {o.form_id: o.title for o in occurrences if o.title and o.form_id not in created}
        for ids in _chunks(sorted(titles)):
            stmt = sa.select(t.forms.c.id, t.forms.c.title).where(t.forms.c.id.in_(ids))
            for fid, title in conn.execute(stmt):
                if titles.get(int(fid)) == title:
                    del titles[int(fid)]
        if titles:
            conn.execute(
                sa.update(t.forms)
                .where(t.forms.c.id == sa.bindparam("fid"))
                .values(title=sa.bindparam("new_title")),
                [{"fid": fid, "new_title": title} for fid, title in titles.items()],
            )

    # -- exceptions, owners, notes, reach ----------------------------------------------------

    def sync_exceptions(self, entries: Sequence[ExceptionEntry], *, origin: str = "config") -> None:
        """Replace the exceptions from ``origin`` with ``entries`` (the config is the source of truth)."""
        with self.engine.begin() as conn:
            conn.execute(sa.delete(t.exceptions).where(t.exceptions.c.origin == origin))
            rows = [
                {
                    "document": e.document,
                    "rule": e.rule,
                    "form": e.form,
                    "reason": e.reason,
                    "approved_by": e.approved_by,
                    "expires": e.expires.isoformat(),
                    "origin": origin,
                }
                for e in entries
            ]
            if rows:
                conn.execute(sa.insert(t.exceptions), rows)

    def sync_owners(self, owners: Sequence[OwnerRule], *, origin: str = "config") -> None:
        """Replace the owner units from ``origin`` (``config`` for formlint.yml, ``crawl:SITE``
        for a crawl config) with ``owners``, in their order (the first match wins)."""
        with self.engine.begin() as conn:
            conn.execute(sa.delete(t.owner_units).where(t.owner_units.c.origin == origin))
            rows = [
                {"origin": origin, "unit": o.unit, "patterns": list(o.patterns), "position": n}
                for n, o in enumerate(owners)
            ]
            if rows:
                conn.execute(sa.insert(t.owner_units), rows)

    def owner_units(self) -> list[dict[str, Any]]:
        """Every stored owner unit: origin, unit, patterns, in the order they are tried."""
        ou = t.owner_units
        stmt = sa.select(ou.c.origin, ou.c.unit, ou.c.patterns).order_by(
            ou.c.origin, ou.c.position, ou.c.id
        )
        with self.engine.connect() as conn:
            return [dict(m) for m in conn.execute(stmt).mappings()]

    def exceptions(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [
                dict(r)
                for r in conn.execute(
                    sa.select(t.exceptions).order_by(t.exceptions.c.id)
                ).mappings()
            ]

    def find_form(self, ref: str) -> int | None:
        """A form id from an id, an identity, an alias, or a page URL (its first form)."""
        with self.engine.connect() as conn:
            if ref.isdigit():
                got = conn.execute(sa.select(t.forms.c.id).where(t.forms.c.id == int(ref))).scalar()
                if got is not None:
                    return int(got)
            got = conn.execute(sa.select(t.forms.c.id).where(t.forms.c.identity == ref)).scalar()
            if got is None:
                got = conn.execute(
                    sa.select(t.form_aliases.c.form_id).where(t.form_aliases.c.alias == ref)
                ).scalar()
            if got is None:
                prefix = f"page:{normalise_url(ref)}#"
                got = conn.execute(
                    sa.select(t.form_aliases.c.form_id)
                    .where(t.form_aliases.c.alias.startswith(prefix, autoescape=True))
                    .order_by(t.form_aliases.c.form_id)
                    .limit(1)
                ).scalar()
            return int(got) if got is not None else None

    def set_status(
        self,
        form_id: int,
        *,
        in_progress: bool,
        note: str = "",
        author: str | None = None,
        at: str | None = None,
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                sa.insert(t.status_notes),
                {
                    "form_id": form_id,
                    "in_progress": in_progress,
                    "note": note,
                    "author": author,
                    "created_at": at or self.clock(),
                },
            )

    def import_reach(self, rows: Iterable[tuple[str, int]], *, source: str) -> int:
        """Replace stored page views with ``rows`` of (URL or path, views); returns rows stored."""
        merged: dict[str, int] = {}
        for url, views in rows:
            key = normalise_url(url)
            merged[key] = merged.get(key, 0) + views
        now = self.clock()
        data = [
            {"url": u, "path": url_path(u), "views": v, "source": source, "imported_at": now}
            for u, v in merged.items()
        ]
        with self.engine.begin() as conn:
            conn.execute(sa.delete(t.reach))
            for chunk in _chunks(data, 5000):
                conn.execute(sa.insert(t.reach), list(chunk))
        return len(data)

    # -- reading -----------------------------------------------------------------------------

    def runs(self, site: str | None = None, *, finished_only: bool = True) -> list[RunInfo]:
        r, s = t.runs, t.sites
        stmt = (
            sa.select(r, s.c.name.label("site_name"))
            .select_from(r.outerjoin(s, s.c.id == r.c.site_id))
            .order_by(r.c.id)
        )
        if finished_only:
            stmt = stmt.where(r.c.state == "finished")
        if site is not None:
            stmt = stmt.where(s.c.name == site)
        with self.engine.connect() as conn:
            return [
                RunInfo(
                    id=int(m["id"]),
                    site=m["site_name"],
                    config_hash=m["config_hash"],
                    profile=m["profile"],
                    tool_version=m["tool_version"],
                    started_at=m["started_at"],
                    finished_at=m["finished_at"],
                    state=m["state"],
                    stats=dict(m["stats"] or {}),
                )
                for m in conn.execute(stmt).mappings()
            ]

    def shift_run_times(self, run_id: int, delta: timedelta) -> None:
        """Move a run's start and finish by ``delta`` (the demo dates its "before" scan back,
        so the dashboard has a trend over time to draw)."""
        info = self.run(run_id)

        def shifted(stamp: str | None) -> str | None:
            return (datetime.fromisoformat(stamp) + delta).isoformat() if stamp else stamp

        with self.engine.begin() as conn:
            conn.execute(
                sa.update(t.runs)
                .where(t.runs.c.id == run_id)
                .values(started_at=shifted(info.started_at), finished_at=shifted(info.finished_at))
            )

    def run(self, run_id: int) -> RunInfo:
        for info in self.runs(None, finished_only=False):
            if info.id == run_id:
                return info
        raise KeyError(f"no run {run_id}")

    def latest_run(self, site: str | None = None) -> RunInfo | None:
        runs = self.runs(site)
        return runs[-1] if runs else None

    def connect(self) -> Connection:
        """A read connection for history queries (callers close it)."""
        return self.engine.connect()


def _version() -> str:
    from formlint import __version__

    return __version__
