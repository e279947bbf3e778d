"""The ``formlint`` command group.

Sub-commands live in their own modules and are imported only when invoked: ``formlint --version``
must start in well under half a second, so spaCy, Scrapy and Playwright are never imported here.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from formlint import __version__

# command name -> "module:attribute" of a click.Command
COMMANDS: dict[str, str] = {
    "lint": "formlint.cli.lint:lint",
    "check": "formlint.cli.lint:check",
    "rules": "formlint.cli.rules:rules",
    "config": "formlint.cli.config_cmd:config",
    "scan": "formlint.cli.scan:scan",
    "demo": "formlint.cli.demo:demo",
    "report": "formlint.cli.report:report",
    "progress": "formlint.cli.report:progress",
    "reach": "formlint.cli.report:reach",
    "status": "formlint.cli.status:status",
    "owners": "formlint.cli.owners:owners",
    "baseline": "formlint.cli.baseline:baseline",
    "init": "formlint.cli.init:init",
}

HELP = {
    "lint": "Lint form files, directories and URLs.",
    "check": "Lint for CI (alias of lint with --fail-on warning by default).",
    "rules": "List, show, test and document the rules.",
    "config": "Show the effective configuration.",
    "scan": "Crawl one site or many (crawl configs, --sites) and lint what they hold.",
    "demo": "Scan the demo municipality before and after a revision; write the report and dashboard.",
    "report": "Write a revision report for a scan.",
    "progress": "Write the A2 progress dashboard over scans.",
    "reach": "Import reach (page views) from an analytics export.",
    "status": "Set or list forms' status (in progress, with a note).",
    "owners": "Record or list the owner units of a site's pages.",
    "baseline": "Create or inspect a baseline of accepted findings.",
    "init": "Write formlint.yml, a pre-commit hook and a GitHub workflow for this repository.",
}


class LazyGroup(click.Group):
    """A click group whose sub-commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if _available(name))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                return None
            raise
        cmd = getattr(mod, attr, None)
        return cmd if isinstance(cmd, click.Command) else None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help without importing every command module.
        rows = [(name, HELP.get(name, "")) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _available(name: str) -> bool:
    module = COMMANDS[name].partition(":")[0]
    return importlib.util.find_spec(module) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="formlint")
def cli() -> None:
    """formlint: find heteronormative and exclusionary fields and wording in forms and pages,
    and turn them into a prioritised revision plan (Trondheim action plan, measure A2)."""


def main() -> None:
    """Console-script entry point; maps uncaught FormlintErrors to their exit codes."""
    from formlint.errors import FormlintError

    try:
        cli.main(prog_name="formlint", standalone_mode=True)
    except FormlintError as exc:
        click.echo(f"formlint: error: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
