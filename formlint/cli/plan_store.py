"""The store and progress config that the plan owner's commands (report, progress, status,
owners, reach) open: formlint.yml's exceptions and owner units are synced into the store first,
so every report reads them from one place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

db_option = click.option(
    "--db",
    envvar="FORMLINT_DB",
    help="Database URL or SQLite file (default: store config, then reports/formlint.db).",
)
config_option = click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="formlint.yml (default: discovered).",
)


def open_plan_store(db: str | None, config_path: Path | None) -> tuple[Any, Any]:
    """The store and the ``progress`` section of formlint.yml.

    The config file is the source of truth for its exceptions and owner units; without a config
    file the owner units stored from an earlier one (and those of crawl configs) stay as they are.
    """
    from formlint.config.load import find_config, load_sections
    from formlint.store import Store, resolve_url

    path = config_path or find_config()
    store_cfg, progress_cfg, exceptions = load_sections(path)
    store = Store(resolve_url(db, store_cfg))
    store.sync_exceptions(exceptions)
    if path is not None:
        store.sync_owners(progress_cfg.owners)
    return store, progress_cfg
