"""``formlint rules``: list, show, test, docs and schema."""

from __future__ import annotations

import sys
from pathlib import Path

import click


def _engine(profile: str | None) -> object:
    from formlint.api import make_engine
    from formlint.config.load import load_config

    return make_engine(load_config(discover=True).config, profile=profile)


@click.group("rules")
def rules() -> None:
    """List, show, test and document the rules."""


@rules.command("list")
@click.option("--profile", type=click.Choice(["standard", "strict", "minimal"]), default=None)
@click.option("--lang", "language", type=click.Choice(["nb", "nn", "en"]), default="en")
def list_rules(profile: str | None, language: str) -> None:
    """One line per rule: id, severity, enabled in the profile, title."""
    from formlint.engine.catalog import rule_catalog

    engine = _engine(profile)
    for r in rule_catalog(engine, language):  # type: ignore[arg-type]
        mark = " " if r["enabled"] else "-"
        click.echo(
            f"{mark} {r['id']:<32} {r['severity']:<10} {r['kind']:<8} {r['titles'].get(language) or r['name']}"
        )


@rules.command("show")
@click.argument("rule_id")
def show(rule_id: str) -> None:
    """The full documentation of one rule."""
    from formlint.engine.docs import rule_markdown
    from formlint.engine.loader import load_rules

    for r in load_rules():
        if rule_id in (r.spec.id, *r.spec.aliases):
            click.echo(rule_markdown(r.spec))
            click.echo(f"Defined in {r.path}")
            return
    click.echo(
        f"formlint: usage error: unknown rule {rule_id!r} (see 'formlint rules list')", err=True
    )
    sys.exit(2)


@rules.command("test")
@click.option("--rule", "only", multiple=True, help="Test only these rule ids.")
@click.option("--profile", type=click.Choice(["standard", "strict", "minimal"]), default="standard")
def test(only: tuple[str, ...], profile: str) -> None:
    """Run every rule's flag/pass examples; exit 1 on any failure."""
    from formlint.engine.examples import run_examples
    from formlint.engine.loader import load_rules
    from formlint.engine.runner import Engine

    engine = Engine(load_rules(), profile=profile)
    passed = failed = 0
    for spec in engine.all_rules:
        if only and spec.id not in only:
            continue
        for outcome in run_examples(engine, spec):
            if outcome.ok:
                passed += 1
            else:
                failed += 1
                click.echo("FAIL " + outcome.describe())
    click.echo(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


@rules.command("docs")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docs/rules"),
    show_default=True,
)
@click.option(
    "--check", is_flag=True, help="Exit 1 if the docs on disk are not what the rules generate."
)
def docs(out: Path, check: bool) -> None:
    """Generate Markdown docs for every rule from its YAML."""
    from formlint.engine.docs import stale_docs, write_docs

    if check:
        stale = stale_docs(out)
        if stale:
            click.echo(
                f"stale rule docs in {out}: {', '.join(stale)} (run 'formlint rules docs')",
                err=True,
            )
            sys.exit(1)
        click.echo(f"rule docs in {out} are up to date")
        return
    written = write_docs(out)
    click.echo(f"wrote {len(written)} files to {out}")


@rules.command("schema")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (default: stdout).",
)
def schema(out: Path | None) -> None:
    """The JSON Schema for rule files, generated from the rule models."""
    from formlint.engine.docs import schema_text

    text = schema_text()
    if out:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}")
    else:
        click.echo(text, nl=False)
