"""Opening a store's database: SQLite (a file by default, WAL) or PostgreSQL, and the Alembic
migrations shipped with formlint, run on open."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine


def in_memory_sqlite(url: str) -> bool:
    return url in ("sqlite://", "sqlite:///:memory:")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        memory = in_memory_sqlite(url)
        # One shared connection for an in-memory database, else each connection sees its own.
        # A pooled connection may be checked out by another thread than the one that opened it
        # (a re-scan copies unchanged pages on a worker thread); the pool hands each to one
        # thread at a time, so SQLite's same-thread check is off (SQLAlchemy's own default).
        extra: dict[str, Any] = {"poolclass": sa.pool.StaticPool} if memory else {}
        engine = sa.create_engine(
            url, connect_args={"timeout": 30, "check_same_thread": False}, **extra
        )

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            # WAL: readers never block the writer, and a crash leaves committed pages intact.
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            # 64 MiB page cache (default 2 MiB): a whole scan's index pages stay in memory
            cur.execute("PRAGMA cache_size=-65536")
            cur.close()

        return engine
    return sa.create_engine(url, pool_pre_ping=True)


# Alembic's ``context`` and ``op`` are module-level proxies: two stores opened at once in threads
# of one process (a web app, a test) would run their migrations through the same proxies.
_MIGRATING = threading.Lock()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Run the packaged Alembic migrations up to ``revision`` on ``engine``."""
    from alembic import command
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    with _MIGRATING, engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        rev = MigrationContext.configure(conn).get_current_revision()
        return str(rev) if rev is not None else None
