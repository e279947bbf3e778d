"""``formlint status``: a form's revision status by hand (in progress, with a note and its
author), and the forms by status and owner unit."""

from __future__ import annotations

from pathlib import Path

import click

from formlint.cli.plan_store import config_option, db_option, open_plan_store
from formlint.errors import UsageError


@click.group("status")
def status() -> None:
    """Record a form's status by hand (in progress, with a note)."""


@status.command("set")
@click.argument("form")
@click.option(
    "--in-progress/--not-in-progress",
    default=True,
    show_default=True,
    help="Mark revision as started (orange).",
)
@click.option("--note", default="", help="Free-text comment shown in the reports.")
@click.option("--author", help="Who set it.")
@db_option
@config_option
def status_set(
    form: str,
    in_progress: bool,
    note: str,
    author: str | None,
    db: str | None,
    config_path: Path | None,
) -> None:
    """Set FORM (an id, identity or page URL from the report) in progress, with a note."""
    store, _cfg = open_plan_store(db, config_path)
    try:
        form_id = store.find_form(form)
        if form_id is None:
            raise UsageError(
                f"no form {form!r} in the store (use the id or identity shown in the report)"
            )
        store.set_status(form_id, in_progress=in_progress, note=note, author=author)
        click.echo(
            f"Form {form_id}: {'in progress' if in_progress else 'not in progress'}"
            + (f" ({note})" if note else "")
        )
    finally:
        store.close()
