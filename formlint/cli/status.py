"""``formlint status``: a form's revision status by hand (in progress, with a note and its
author), and the forms by status and owner unit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from formlint.cli.plan_store import config_option, db_option, open_plan_store
from formlint.errors import UsageError
from formlint.report.i18n import REPORT_LANGUAGES, note_text, status_label, strings


@click.group("status")
def status() -> None:
    """Record a form's status by hand (in progress, with a note), or list forms by status."""


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


@status.command("list")
@click.option("--owner", help="Only this owner unit ('-' for forms without a unit).")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(["red", "orange", "green", "exempt"]),
    help="Only forms with this status (repeatable).",
)
@click.option("--all", "show_all", is_flag=True, help="Also forms with only suggestions and info.")
@click.option("--site", help="Site name (default: the site of the latest scan).")
@click.option(
    "--lang",
    type=click.Choice(REPORT_LANGUAGES),
    default="nb",
    show_default=True,
    help="Report language.",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Date exceptions expire against (default: today).",
)
@db_option
@config_option
def status_list(
    owner: str | None,
    statuses: tuple[str, ...],
    show_all: bool,
    site: str | None,
    lang: str,
    today: Any,
    db: str | None,
    config_path: Path | None,
) -> None:
    """The forms of the latest scan in work-list order: status, owner unit and the note."""
    from formlint.cli.report import build_model

    s = strings(lang)
    store, cfg = open_plan_store(db, config_path)
    try:
        model = build_model(store, cfg, run_id=None, site=site, lang=lang, today=today)
    finally:
        store.close()
    rows = [
        w
        for w in model["worklist"]
        if (show_all or w["listed"])
        and (not statuses or w["status"] in statuses)
        and (owner is None or (w["owner"] or "-").casefold() == owner.casefold())
    ]
    if not rows:
        click.echo(s["list_none"])
        return
    table = [[s["rank"], "id", s["status"], s["owner"], s["form"], s["note"]]]
    table += [
        [
            str(w["rank"]),
            str(w["id"]),
            status_label(w["status"], lang),
            w["owner"] or s["no_owner"],
            w["title"],
            note_text(w["note"], lang) if w["note"] else "",
        ]
        for w in rows
    ]
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]) - 1)]
    for r in table:
        click.echo("  ".join(c.ljust(n) for c, n in zip(r, widths, strict=False)) + "  " + r[-1])
    click.echo(s["list_count"].format(n=len(rows)))
