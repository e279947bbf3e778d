"""Multi-site runs in the store: which sites a run holds, and how far each one got.

A multi-site run is the durable state of ``formlint scan`` over many sites: its sites' rows say
queued, running, finished or stopped, and which scan run (``runs``) holds each site's pages.
Started again with its id, a run skips the sites it finished and resumes the others (a site's
scan resumes by its own key, site and config hash). Every write is keyed, never appended, so a
site retried on another machine is still one row.

On PostgreSQL, the crawl of a host holds an advisory lock for the host while it runs, so two
crawlers never talk to one host at the same time, whichever machines they run on; a crawl
killed with its machine frees its locks with its connection.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from formlint.store import tables as t

QUEUED, RUNNING, FINISHED, STOPPED = "queued", "running", "finished", "stopped"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class PlannedSite:
    """A site as a multi-site run is given it."""

    site: str
    config_path: str
    config_hash: str


@dataclass
class SiteState:
    """One site of a multi-site run, with what its scan has recorded so far."""

    site: str
    position: int
    config_path: str
    config_hash: str
    state: str
    attempts: int
    run_id: int | None
    summary: dict[str, Any] | None
    pages: int = 0
    findings: int = 0
    errors: int = 0
    started_at: str | None = None
    finished_at: str | None = None


@dataclass
class MultisiteRun:
    id: int
    state: str
    started_at: str
    finished_at: str | None
    sites: list[SiteState] = field(default_factory=list)


class MultisiteRuns:
    """Multi-site runs on a store's database engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(self, sites: Sequence[PlannedSite]) -> int:
        with self.engine.begin() as conn:
            run_id = int(
                conn.execute(
                    sa.insert(t.multisite_runs).returning(t.multisite_runs.c.id),
                    {"started_at": _now(), "state": RUNNING},
                ).scalar_one()
            )
            self._add(conn, run_id, sites, start=0)
        return run_id

    def extend(self, run_id: int, sites: Sequence[PlannedSite]) -> None:
        """Add the sites the run does not hold yet (a run started again with more configs);
        a site it holds under another config is a new scan of it, queued again."""
        with self.engine.begin() as conn:
            ms = t.multisite_sites
            have = {
                str(r.site): (str(r.config_hash), int(r.position))
                for r in conn.execute(
                    sa.select(ms.c.site, ms.c.config_hash, ms.c.position).where(
                        ms.c.multisite_run_id == run_id
                    )
                )
            }
            changed = [s for s in sites if s.site in have and have[s.site][0] != s.config_hash]
            for s in changed:
                conn.execute(
                    sa.update(ms)
                    .where(ms.c.multisite_run_id == run_id, ms.c.site == s.site)
                    .values(
                        config_path=s.config_path,
                        config_hash=s.config_hash,
                        state=QUEUED,
                        run_id=None,
                        summary=None,
                        finished_at=None,
                    )
                )
            new = [s for s in sites if s.site not in have]
            self._add(conn, run_id, new, start=1 + max((p for _h, p in have.values()), default=-1))
            conn.execute(
                sa.update(t.multisite_runs)
                .where(t.multisite_runs.c.id == run_id)
                .values(state=RUNNING, finished_at=None)
            )

    def _add(self, conn: Any, run_id: int, sites: Sequence[PlannedSite], *, start: int) -> None:
        rows = [
            {
                "multisite_run_id": run_id,
                "site": s.site,
                "position": start + n,
                "config_path": s.config_path,
                "config_hash": s.config_hash,
                "state": QUEUED,
                "attempts": 0,
            }
            for n, s in enumerate(sites)
        ]
        if rows:
            conn.execute(sa.insert(t.multisite_sites), rows)

    def exists(self, run_id: int) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(
                sa.select(t.multisite_runs.c.id).where(t.multisite_runs.c.id == run_id)
            ).scalar()
        return found is not None

    def site(self, run_id: int, site: str) -> SiteState | None:
        for s in self.get(run_id, counts=False).sites:
            if s.site == site:
                return s
        return None

    def start_site(self, run_id: int, site: str) -> None:
        """A crawl process took the site (one more attempt)."""
        ms = t.multisite_sites
        with self.engine.begin() as conn:
            conn.execute(
                sa.update(ms)
                .where(ms.c.multisite_run_id == run_id, ms.c.site == site)
                .values(state=RUNNING, attempts=ms.c.attempts + 1, started_at=_now())
            )

    def end_site(
        self, run_id: int, site: str, *, scan_run: int, finished: bool, summary: dict[str, Any]
    ) -> None:
        ms = t.multisite_sites
        with self.engine.begin() as conn:
            conn.execute(
                sa.update(ms)
                .where(ms.c.multisite_run_id == run_id, ms.c.site == site)
                .values(
                    state=FINISHED if finished else STOPPED,
                    run_id=scan_run,
                    finished_at=_now(),
                    summary=summary,
                )
            )

    def stop_site(self, run_id: int, site: str, reason: str) -> None:
        """The site's process failed before its scan ended; it is resumed next time."""
        ms = t.multisite_sites
        with self.engine.begin() as conn:
            conn.execute(
                sa.update(ms)
                .where(ms.c.multisite_run_id == run_id, ms.c.site == site)
                .values(state=STOPPED, finished_at=_now(), summary={"fatal": reason})
            )

    def end(self, run_id: int) -> None:
        """The run is finished when each of its sites is."""
        with self.engine.begin() as conn:
            ms = t.multisite_sites
            open_sites = conn.execute(
                sa.select(sa.func.count())
                .select_from(ms)
                .where(ms.c.multisite_run_id == run_id, ms.c.state != FINISHED)
            ).scalar_one()
            if not open_sites:
                conn.execute(
                    sa.update(t.multisite_runs)
                    .where(t.multisite_runs.c.id == run_id)
                    .values(state=FINISHED, finished_at=_now())
                )

    def get(self, run_id: int, *, counts: bool = True) -> MultisiteRun:
        """The run and its sites in their order; ``counts``: with the pages, findings and
        errors each site's scan has recorded so far (one query for the whole run)."""
        ms, mr = t.multisite_sites, t.multisite_runs
        with self.engine.connect() as conn:
            head = conn.execute(sa.select(mr).where(mr.c.id == run_id)).mappings().first()
            if head is None:
                raise KeyError(f"no multi-site run {run_id}")
            rows = conn.execute(
                sa.select(ms).where(ms.c.multisite_run_id == run_id).order_by(ms.c.position)
            ).mappings()
            sites = [
                SiteState(
                    site=r["site"],
                    position=int(r["position"]),
                    config_path=r["config_path"],
                    config_hash=r["config_hash"],
                    state=r["state"],
                    attempts=int(r["attempts"]),
                    run_id=r["run_id"],
                    summary=r["summary"],
                    started_at=r["started_at"],
                    finished_at=r["finished_at"],
                )
                for r in rows
            ]
            if counts:
                self._count(conn, sites)
        return MultisiteRun(
            id=run_id,
            state=head["state"],
            started_at=head["started_at"],
            finished_at=head["finished_at"],
            sites=sites,
        )

    def _count(self, conn: Any, sites: list[SiteState]) -> None:
        """Fill in each site's recorded pages, findings and errors: from its scan run, or while
        it runs, from the newest unfinished scan of the site under its config."""
        scan_of: dict[int, SiteState] = {}
        running = [s for s in sites if s.run_id is None and s.state == RUNNING]
        if running:
            r, st = t.runs, t.sites
            newest = (
                sa.select(st.c.name, r.c.config_hash, sa.func.max(r.c.id))
                .select_from(r.join(st, st.c.id == r.c.site_id))
                .where(r.c.state == RUNNING, st.c.name.in_([s.site for s in running]))
                .group_by(st.c.name, r.c.config_hash)
            )
            by_key = {(str(n), str(h)): int(i) for n, h, i in conn.execute(newest)}
            for s in running:
                scan = by_key.get((s.site, s.config_hash))
                if scan is not None:
                    scan_of[scan] = s
        for s in sites:
            if s.run_id is not None:
                scan_of[s.run_id] = s
        if not scan_of:
            return
        d, f = t.documents, t.findings
        ids = sorted(scan_of)
        for scan, pages, errors in conn.execute(
            sa.select(d.c.run_id, sa.func.count(), sa.func.count(d.c.error))
            .where(d.c.run_id.in_(ids))
            .group_by(d.c.run_id)
        ):
            scan_of[int(scan)].pages = int(pages)
            scan_of[int(scan)].errors = int(errors)
        for scan, found in conn.execute(
            sa.select(f.c.run_id, sa.func.count())
            .where(f.c.run_id.in_(ids), f.c.suppression_kind.is_(None))
            .group_by(f.c.run_id)
        ):
            scan_of[int(scan)].findings = int(found)


def _lock_key(host: str) -> int:
    """A signed 64-bit key for PostgreSQL's advisory locks, from the host name."""
    digest = hashlib.sha256(f"formlint-host:{host}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def host_locks(engine: Engine, hosts: Sequence[str]) -> Iterator[None]:
    """Hold PostgreSQL advisory locks on ``hosts`` (waiting for them) while the body runs.

    Taken in sorted order, so two crawls that share hosts never wait on each other crosswise.
    On SQLite (one machine, one file) there is nothing to take: the process running a scan is
    the only crawler its parent started for the site.
    """
    if engine.dialect.name != "postgresql":
        yield
        return
    keys = [_lock_key(h) for h in sorted({h.lower() for h in hosts})]
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        for key in keys:
            conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": key})
        try:
            yield
        finally:
            for key in reversed(keys):
                conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
