"""``formlint config show``: the effective configuration and where each value came from."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import yaml


@click.group("config")
def config() -> None:
    """Show the effective configuration."""


@config.command("show")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None
)
@click.option("--profile", default=None)
def show(config_path: Path | None, profile: str | None) -> None:
    """Print effective values with their source (default, file:line, command line)."""
    from formlint.config.load import load_config
    from formlint.errors import ConfigError

    try:
        loaded = load_config(config_path, overrides={"profile": profile})
    except ConfigError as exc:
        click.echo(f"formlint: config error: {exc.one_line()}", err=True)
        sys.exit(2)
    data = loaded.config.model_dump(mode="json")
    click.echo(f"# config file: {loaded.path or '(none found; defaults)'}")
    for key, value in data.items():
        text = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False).rstrip()
        click.echo(f"{text}    # from {loaded.provenance.get(key, 'default')}")
