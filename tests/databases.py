"""Database fixtures (imported by tests/conftest.py): every store and progress test runs on SQLite and on a real PostgreSQL.

PostgreSQL comes from ``FORMLINT_TEST_PG_URL`` (CI starts a server with
``tools/start_test_postgres.sh``); else, when server binaries are installed, from a throwaway
cluster on a unix socket in a temp dir; else the PostgreSQL variants skip with the reason.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from formlint.store import Store

TABLES = [
    "multisite_sites",
    "multisite_runs",
    "status_notes",
    "reach",
    "findings",
    "form_pages",
    "form_aliases",
    "forms",
    "documents",
    "runs",
    "sites",
    "exceptions",
    "owner_units",
    "alembic_version",
]


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    if shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *cmd]
    return ["su", "postgres", "-c", " ".join(cmd)]


def _throwaway_cluster() -> Iterator[str]:
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not bins:
        pytest.skip(
            "PostgreSQL: FORMLINT_TEST_PG_URL not set and no server binaries (/usr/lib/postgresql/*/bin/initdb)"
        )
    bindir = Path(bins[-1]).parent
    base = Path(tempfile.mkdtemp(prefix="formlint-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
        base.chmod(0o700)
    try:
        subprocess.run(
            _as_postgres(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "--no-sync",
                    "-E",
                    "UTF8",
                ]
            ),
            check=True,
            capture_output=True,
        )
        opts = f"-k {sock} -c listen_addresses='' -F -c fsync=off"
        subprocess.run(
            _as_postgres(
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    opts,
                    "-l",
                    str(base / "log"),
                    "-w",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )
    except (subprocess.CalledProcessError, OSError) as exc:
        shutil.rmtree(base, ignore_errors=True)
        detail = getattr(exc, "stderr", b"") or b""
        pytest.skip(
            f"PostgreSQL: could not start a throwaway cluster: {exc} {detail.decode(errors='replace')[:300]}"
        )
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={sock}"
    finally:
        subprocess.run(
            _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL: psycopg is not installed")
    url = os.environ.get("FORMLINT_TEST_PG_URL")
    if url:
        yield _worker_database(url)
        return
    yield from _throwaway_cluster()


def _worker_database(url: str) -> str:
    """One database per pytest-xdist worker, so parallel workers never drop each other's tables."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    base = sa.make_url(url)
    name = f"{base.database}_{worker}"
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            exists = conn.execute(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).first()
            if exists is None:
                conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.SQLAlchemyError as exc:
        pytest.skip(
            f"PostgreSQL: cannot create a database per xdist worker ({exc.__class__.__name__}); run without -n or grant CREATEDB"
        )
    finally:
        engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def _reset(url: str) -> None:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            for name in TABLES:
                conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'formlint.db'}"
        return
    url = request.getfixturevalue("pg_server_url")
    _reset(url)
    yield url
    _reset(url)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url)
    yield s
    s.close()
