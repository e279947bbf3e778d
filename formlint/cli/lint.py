"""``formlint lint`` / ``formlint check``: lint files, directories and URLs.

Exit codes (ARCHITECTURE.md §4): 0 clean; 1 findings at or above ``--fail-on``, an input (or part
of one) that could not be read or parsed counting as an error-level finding (unless
``--allow-unreadable``); 2 usage or config error; 3 when nothing at all could be read.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from formlint.cli.scale_options import scale_options
from formlint.errors import ConfigError, FormlintError, UsageError
from formlint.findings import Severity
from formlint.util.secrets import has_userinfo, mask_url

if TYPE_CHECKING:
    from formlint.results import RunResult

FAIL_LEVELS = ["error", "warning", "suggestion", "info", "never"]


def parse_formats(values: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """``console,json:out.json`` (repeatable) -> [("console", None), ("json", "out.json")]."""
    out: list[tuple[str, str | None]] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            name, _, path = part.partition(":")
            out.append((name.strip().lower(), path.strip() or None))
    return out or [("console", None)]


def env_headers(specs: tuple[str, ...]) -> dict[str, str]:
    """``--header-env Authorization=STAGING_TOKEN``: header value read from the environment."""
    headers = {}
    for spec in specs:
        name, sep, var = spec.partition("=")
        if not sep or not name or not var:
            raise UsageError(f"--header-env needs NAME=ENVVAR, got {spec!r}")
        if var not in os.environ:
            raise UsageError(f"--header-env {name}: environment variable {var} is not set")
        headers[name] = os.environ[var]
    return headers


def lint_options(default_fail_on: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The options ``lint`` and ``check`` share; they differ in the default ``--fail-on``."""

    def decorate(f: Callable[..., None]) -> Callable[..., None]:
        for opt in reversed(_options(default_fail_on)):
            f = opt(f)
        return scale_options(f)

    return decorate


def _options(default_fail_on: str) -> list[Any]:
    return [
        click.argument("inputs", nargs=-1, metavar="PATH|DIR|URL..."),
        click.option(
            "--format",
            "-f",
            "formats",
            multiple=True,
            help="Output formats, comma separated, each NAME[:PATH]: console, json, sarif, junit, github, gitlab.",
        ),
        click.option(
            "--fail-on",
            type=click.Choice(FAIL_LEVELS),
            default=None,
            help=f"Exit 1 when a finding at or above this level remains (default: fail_on in formlint.yml, else {default_fail_on}).",
        ),
        click.option(
            "--allow-unreadable",
            is_flag=True,
            help="Inputs that cannot be read or parsed are reported but do not fail the run (exit 3 still when nothing could be read).",
        ),
        click.option(
            "--profile",
            type=click.Choice(["standard", "strict", "minimal"]),
            default=None,
            help="Policy profile.",
        ),
        click.option(
            "--select",
            "select",
            multiple=True,
            help="Run only these rules (ids, comma separated; rules outside the profile too).",
        ),
        click.option(
            "--ignore",
            "ignore",
            multiple=True,
            help="Do not run these rules (ids, comma separated).",
        ),
        click.option(
            "--fail-on-unused-suppressions",
            is_flag=True,
            help="Report a formlint-disable, exception or baseline entry that suppresses nothing as an error (default: info).",
        ),
        click.option(
            "--config",
            "config_path",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Config file (default: nearest formlint.yml).",
        ),
        click.option("--no-config", is_flag=True, help="Ignore formlint.yml files."),
        click.option(
            "--lang",
            type=click.Choice(["nb", "nn", "en"]),
            default=None,
            help="Report language: messages, labels and summary (default from config: nb).",
        ),
        click.option(
            "--doc-lang",
            default=None,
            help="Document language where neither markup nor the words say (nb, nn, en).",
        ),
        click.option(
            "--report-lang",
            type=click.Choice(["nb", "nn", "en"]),
            default=None,
            hidden=True,
            help="Deprecated: --lang.",
        ),
        click.option(
            "--baseline",
            "baseline_path",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Apply a baseline of accepted findings.",
        ),
        click.option(
            "--write-baseline",
            "write_baseline_path",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Write all current findings as the baseline and exit 0.",
        ),
        click.option(
            "--new-only", is_flag=True, help="Report only findings introduced since --base."
        ),
        click.option(
            "--base", "base_ref", default=None, help="Git ref for --new-only (e.g. origin/main)."
        ),
        click.option(
            "--url",
            "urls",
            multiple=True,
            help="A URL to fetch once with GET and lint (staging deployment).",
        ),
        click.option(
            "--render",
            "render_urls",
            multiple=True,
            metavar="URL",
            help="A URL to render in Chromium and check with axe-core too (its findings are axe/<rule>).",
        ),
        click.option(
            "--header-env",
            multiple=True,
            help="NAME=ENVVAR: send a request header whose value is read from the environment (never written out).",
        ),
        click.option(
            "--timeout", type=float, default=30.0, show_default=True, help="Seconds per URL."
        ),
        click.option("--include-suppressed", is_flag=True, help="Show suppressed findings too."),
        click.option("--verbose", "-v", is_flag=True, help="Show why-texts and notes."),
    ]


def run_lint(
    *,
    inputs: tuple[str, ...],
    formats: tuple[str, ...],
    fail_on: str | None,
    profile: str | None,
    config_path: Path | None,
    no_config: bool,
    lang: str | None,
    doc_lang: str | None,
    report_lang: str | None,
    baseline_path: Path | None,
    write_baseline_path: Path | None,
    new_only: bool,
    base_ref: str | None,
    urls: tuple[str, ...],
    render_urls: tuple[str, ...],
    header_env: tuple[str, ...],
    timeout: float,
    include_suppressed: bool,
    verbose: bool,
    allow_unreadable: bool = False,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    fail_on_unused_suppressions: bool = False,
    workers: int | None = None,
    scheduler: str | None = None,
    default_fail_on: str = "error",
) -> int:
    """The whole lint job; returns the exit code. Errors before linting raise FormlintError."""
    from formlint.api import Linter, make_engine
    from formlint.ci.suppressions import check_suppressions, record_use
    from formlint.config.load import load_config
    from formlint.engine.catalog import rule_catalog
    from formlint.report.base import ReportContext, Reporter, reporter_class
    from formlint.scale.executors import cpu_count
    from formlint.scale.lint import lint_run
    from formlint.util.atomic import atomic_write

    all_urls = [u for u in inputs if u.lower().startswith(("http://", "https://"))] + list(urls)
    paths = [Path(p) for p in inputs if not p.lower().startswith(("http://", "https://"))]
    if not all_urls and not paths and not render_urls:
        raise UsageError("nothing to lint: give files, directories or URLs")
    if new_only and not base_ref:
        raise UsageError("--new-only needs --base REF")
    for url in [*all_urls, *render_urls]:
        if has_userinfo(url):
            raise UsageError(
                f"{mask_url(url)}: a user name or password in a URL would be written into every "
                "report; give it as a header from the environment: "
                "--header-env Authorization=VARIABLE"
            )
    headers = env_headers(header_env)
    if report_lang is not None:
        click.echo("formlint: note: --report-lang is deprecated; use --lang", err=True)
    overrides = {"profile": profile, "language": doc_lang, "report_language": lang or report_lang}
    loaded = load_config(config_path, discover=not no_config, overrides=overrides)
    config = loaded.config
    from_file = loaded.provenance.get("fail_on", "default") != "default"
    level = fail_on or (config.fail_on if from_file else default_fail_on)
    fmts = parse_formats(formats)
    for name, _ in fmts:
        try:
            reporter_class(name, "run")
        except KeyError as exc:
            raise UsageError(str(exc.args[0])) from None
    engine = make_engine(config, select=_ids(select) if select else None, ignore=_ids(ignore))
    linter = Linter(engine, collect_links=False)

    def documents() -> Any:
        if paths:
            from formlint.sources.files import find

            yield from find(paths)  # each file read by whoever lints it (a worker, with --workers)
        if all_urls:
            from formlint.sources.urls import fetch_all

            yield from fetch_all(
                all_urls, timeout=timeout, headers=headers, secret_params=config.secret_params
            )
        if render_urls:
            from formlint.sources.rendered import render_pages

            yield from render_pages(
                list(render_urls),
                timeout=timeout,
                headers=headers,
                secret_params=config.secret_params,
                say=lambda msg: click.echo(f"formlint: {msg}", err=True),
            )

    ctx = ReportContext(
        rules=rule_catalog(engine),
        language=config.report_language,
        fail_on=level,
        include_suppressed=include_suppressed,
        root=str(Path.cwd()),
        options={"verbose": verbose},
        run_model=_run_model,
    )
    with ExitStack() as stack:
        outputs: list[tuple[Reporter, IO[Any]]] = []
        for name, path in fmts:
            klass = reporter_class(name, "run")
            out: IO[Any]
            if path:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                # written beside and renamed into place once the run is complete
                out = stack.enter_context(
                    atomic_write(path, "wb") if klass.binary else atomic_write(path, "w")
                )
                opts = {**ctx.options, "color": False}
            else:
                out = sys.stdout.buffer if klass.binary else sys.stdout
                opts = {**ctx.options, "color": sys.stdout.isatty()}
            outputs.append((klass(replace(ctx, options=opts)), out))
        run: RunResult = lint_run(
            linter, config, documents(), workers=workers or cpu_count(), scheduler=scheduler
        )
        nothing_read = run.all_failed
        use = record_use(run)
        baseline = None
        if baseline_path or write_baseline_path or new_only:
            run, baseline = _post_process(
                run,
                engine,
                baseline_path,
                write_baseline_path,
                new_only,
                base_ref,
                [r for r, _ in outputs],
            )
        # with nothing read, every suppression would look unused
        unknown_ids = (
            []
            if nothing_read
            else check_suppressions(
                run,
                use,
                engine,
                baseline=baseline,
                unused_severity=Severity.ERROR if fail_on_unused_suppressions else Severity.INFO,
            )
        )
        for reporter, out in outputs:
            reporter.write_run(run, out)
    for err in run.errors:
        click.echo(f"formlint: error: {err}", err=True)
    for err in unknown_ids:
        click.echo(f"formlint: usage error: {err}", err=True)
    if unknown_ids:
        return 2
    if write_baseline_path is not None:
        return 0
    return exit_code(run, level, allow_unreadable=allow_unreadable, nothing_read=nothing_read)


def _ids(values: tuple[str, ...]) -> list[str]:
    """``--select a,b --select c`` -> ["a", "b", "c"]."""
    return [x.strip() for v in values for x in v.split(",") if x.strip()]


def exit_code(
    run: RunResult, fail_on: str, *, allow_unreadable: bool = False, nothing_read: bool = False
) -> int:
    """3 when nothing could be read; else 1 when a finding at or above ``fail_on`` remains, an
    unreadable input counting as an error (unless ``allow_unreadable``); else 0."""
    if nothing_read or run.all_failed:
        return 3
    if fail_on == "never":
        return 0
    if run.errors and not allow_unreadable:
        return 1  # an error, at or above every threshold
    threshold = Severity(fail_on)
    return 1 if any(f.severity >= threshold for f in run.findings()) else 0


def _run_model(run: Any, language: str) -> dict[str, Any]:
    """The progress model of a lint run, for formats that render it as a report (html)."""
    from formlint.progress.model import run_report

    return run_report(run, lang=language)


def _post_process(
    run: Any,
    engine: Any,
    baseline: Path | None,
    write_baseline: Path | None,
    new_only: bool,
    base_ref: str | None,
    reporters: list[Any],
) -> tuple[Any, Any]:
    """--new-only, --write-baseline and --baseline, then hand the baseline report to reporters;
    returns the run and the baseline report (None without a baseline)."""
    from formlint.ci.gate import apply_ci_gating

    gate = apply_ci_gating(
        run,
        engine=engine,
        baseline=baseline,
        write_baseline_to=write_baseline,
        new_only=new_only,
        base=base_ref,
        root=Path.cwd(),
    )
    for r in reporters:
        r.ctx.options.update(gate.options)
    for msg in gate.messages:
        click.echo(f"formlint: {msg}", err=True)
    return gate.run, gate.baseline


def _main(default_fail_on: str, **kwargs: Any) -> None:
    try:
        code = run_lint(default_fail_on=default_fail_on, **kwargs)
    except ConfigError as exc:
        click.echo(f"formlint: config error: {exc.one_line()}", err=True)
        sys.exit(2)
    except UsageError as exc:
        click.echo(f"formlint: usage error: {exc.one_line()}", err=True)
        sys.exit(2)
    except FormlintError as exc:
        click.echo(f"formlint: error: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
    sys.exit(code)


@click.command("lint")
@lint_options("error")
def lint(**kwargs: Any) -> None:
    """Lint form files, directories and URLs (a URL is fetched once with GET; nothing is crawled)."""
    _main("error", **kwargs)


@click.command("check")
@lint_options("warning")
def check(**kwargs: Any) -> None:
    """CI gate: like lint, but fails on warnings by default (--fail-on warning)."""
    _main("warning", **kwargs)
