"""``formlint init``: put formlint into the CI of the repository it runs in."""

from __future__ import annotations

import os
from pathlib import Path

import click


@click.command("init")
@click.option("--force", is_flag=True, help="Replace files that exist already.")
def init(force: bool) -> None:
    """Write a commented formlint.yml, a pre-commit hook and a GitHub Actions workflow for this
    repository (its form folders and default branch); files that exist are kept."""
    from formlint.ci.scaffold import WHEEL, WHEEL_DIR, scaffold

    written, paths = scaffold(Path.cwd(), force=force)
    for item in written:
        where = os.path.relpath(item.path)
        if item.action == "written":
            click.echo(f"wrote {where}")
        elif item.action == "kept":
            click.echo(f"kept {where} (it exists; --force replaces it)")
        else:
            click.echo(f"{where} exists: add this hook to it:\n\n{item.text}")
    click.echo(
        f"\nformlint is not on PyPI: build its wheel from a formlint checkout with\n"
        f"  pip wheel --no-deps -w {WHEEL_DIR}/ PATH-TO-FORMLINT\n"
        f"and commit {WHEEL_DIR}/{WHEEL}; then record today's findings, in the repository's\n"
        f"top folder ({os.path.relpath(written[0].path.parent)}):\n"
        f"  formlint check --write-baseline .formlint-baseline.json {paths}"
    )
