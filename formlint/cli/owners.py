"""``formlint owners``: the owner units of a site's pages, as the store keeps them.

A scan records its crawl config's ``owners`` for its site; ``owners sync`` records them again
from an edited crawl config without re-scanning, and formlint.yml's ``progress.owners`` are
recorded by every report command. Reports read the units from the store only.
"""

from __future__ import annotations

from pathlib import Path

import click

from formlint.cli.plan_store import config_option, db_option, open_plan_store


@click.group("owners")
def owners() -> None:
    """Record or list the owner units of a site's pages."""


@owners.command("sync")
@click.argument("crawl_config", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@config_option
def owners_sync(crawl_config: Path, db: str | None, config_path: Path | None) -> None:
    """Record CRAWL_CONFIG's owner units for its site, replacing those recorded before."""
    from formlint.config.crawl import load_crawl_config

    # The owners and the site name are all that is read: {{BASE_URL}} in the start URLs needs
    # no real address, and no header or cookie is sent.
    cfg = load_crawl_config(crawl_config, base_url="http://127.0.0.1", check_env=False)
    store, _cfg = open_plan_store(db, config_path)
    try:
        store.sync_owners(cfg.owners, origin=f"crawl:{cfg.site}")
    finally:
        store.close()
    click.echo(f"{len(cfg.owners)} owner unit(s) recorded for site {cfg.site}.")


@owners.command("list")
@db_option
@config_option
def owners_list(db: str | None, config_path: Path | None) -> None:
    """Every recorded owner unit with its URL patterns, in the order they are tried."""
    store, _cfg = open_plan_store(db, config_path)
    try:
        rows = store.owner_units()
    finally:
        store.close()
    if not rows:
        click.echo(
            "No owner units recorded (crawl config `owners`, or formlint.yml progress.owners)."
        )
    for r in rows:
        source = "formlint.yml" if r["origin"] == "config" else r["origin"].replace(":", " ", 1)
        click.echo(f"{r['unit']}\t{', '.join(r['patterns'])}\t({source})")
