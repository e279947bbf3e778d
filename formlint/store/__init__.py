"""History store: SQLAlchemy Core tables, ``Store(url)`` for SQLite/PostgreSQL, Alembic migrations."""

from __future__ import annotations

from formlint.store.crawlstate import CrawledPage, CrawlStateStore
from formlint.store.store import DEFAULT_DB, ENV_VAR, RunInfo, Store, resolve_url

__all__ = [
    "DEFAULT_DB",
    "ENV_VAR",
    "CrawlStateStore",
    "CrawledPage",
    "RunInfo",
    "Store",
    "resolve_url",
]
