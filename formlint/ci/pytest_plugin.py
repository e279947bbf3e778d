"""pytest plugin: every form file becomes a test that fails on findings.

    pytest --formlint forms/

With ``--formlint``, each form file under the given paths (or under the ``formlint_paths`` ini
option) is collected as one ``FormlintItem``: HTML pages, Form.io / FHIR / Altinn layout JSON, PDF,
DOCX and ODT, recognised by their content, not their name; an Altinn app folder is one item. An item
fails when it has unsuppressed findings at or above ``formlint_fail_on`` (default ``warning``; with
``never`` no finding fails one, a form that could not be read still does), and the failure lists them: rule, severity, location, excerpt and suggestion. With pytest-html the
findings also appear in each test's row of the HTML report.

ini options (``pytest.ini``, ``pyproject.toml [tool.pytest.ini_options]``, ``tox.ini``)::

    formlint_paths = forms altinn-app
    formlint_fail_on = warning
    formlint_profile = standard
    formlint_config = formlint.yml
    formlint_baseline = .formlint-baseline.json

``formlint.yml`` is read as ``formlint check`` reads it (the one named, else the nearest from the
rootdir up): its profile, rules, exceptions and ``fail_on`` (which the ini option and
``--formlint-fail-on`` override). With a baseline (``--formlint-baseline`` or the ini option),
findings recorded in it do not fail a form, as with ``formlint check --baseline``. A rule id no
rule has, in the config or in a form's ``formlint-disable``, is an error, and a suppression that
suppresses nothing is listed with the form's other findings.

The rule engine is built once per session, on the first form (so ``pytest`` without
``--formlint`` pays nothing); a config error ends the session with exit code 2.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from formlint.ci.baseline import Baseline
    from formlint.engine.runner import Engine
    from formlint.findings import Finding, Severity
    from formlint.results import DocumentResult, RunResult

# Formats that are forms (JSON that is no known form format, translation files and unknown
# files are not collected; translations are read together with their form).
FORM_FORMATS = frozenset(
    {"html", "govuk-njk", "formio", "fhir", "altinn-layout", "pdf", "docx", "odt"}
)
# Never worth opening: code, text, images, archives, lock files.
SKIP_SUFFIXES = frozenset(
    {
        ".py", ".pyc", ".pyi", ".md", ".rst", ".txt", ".yaml", ".yml", ".toml", ".ini", ".cfg",
        ".css", ".scss", ".js", ".mjs", ".ts", ".tsx", ".jsx", ".map", ".lock", ".csv", ".xlsx",
        ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".webp", ".woff", ".woff2", ".ttf",
        ".zip", ".gz", ".tar", ".whl", ".sqlite", ".db", ".sarif", ".xml", ".cs", ".csproj",
    }
)  # fmt: skip
SNIFF_BYTES = 256 * 1024

_ENGINE_KEY = pytest.StashKey["Engine"]()
_BASELINE_KEY = pytest.StashKey["Baseline | None"]()
_FAIL_ON_KEY = pytest.StashKey[str]()
_ROOTS_KEY = pytest.StashKey[list[Path]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup(
        "formlint", "formlint: check form files for exclusionary fields and wording"
    )
    group.addoption(
        "--formlint",
        action="store_true",
        default=False,
        help="collect form files (HTML, Form.io, FHIR, Altinn, PDF, DOCX, ODT) as formlint tests",
    )
    group.addoption(
        "--formlint-fail-on",
        default=None,
        metavar="SEVERITY",
        help="fail a form on findings at or above this severity (error, warning, suggestion, info, never); overrides formlint_fail_on",
    )
    group.addoption(
        "--formlint-profile",
        default=None,
        metavar="NAME",
        help="policy profile; overrides formlint_profile",
    )
    group.addoption(
        "--formlint-baseline",
        default=None,
        metavar="FILE",
        help="findings recorded in this baseline (formlint check --write-baseline) do not fail a form; overrides formlint_baseline",
    )
    parser.addini(
        "formlint_paths",
        type="paths",
        default=[],
        help="files and folders formlint collects with --formlint",
    )
    parser.addini(
        "formlint_fail_on",
        default="",
        help="lowest severity that fails a form, or never (default: fail_on in formlint.yml, else warning)",
    )
    parser.addini(
        "formlint_baseline",
        default="",
        help="baseline file of accepted findings (relative to the ini file)",
    )
    parser.addini("formlint_profile", default="", help="policy profile (standard, strict, minimal)")
    parser.addini(
        "formlint_config",
        default="",
        help="formlint config file (default: discovered formlint.yml)",
    )


def _enabled(config: pytest.Config) -> bool:
    return bool(config.getoption("formlint", default=False))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "formlint: a form file checked by formlint")
    if not _enabled(config):
        return
    try:
        _fail_threshold(config)
    except ValueError as exc:
        raise pytest.UsageError(f"formlint_fail_on: {exc}") from None
    base = config.invocation_params.dir
    ini_paths: list[Path] = [Path(p) for p in config.getini("formlint_paths")]
    if config.args_source == pytest.Config.ArgsSource.ARGS or not ini_paths:
        # Paths on the command line (or testpaths / the current folder) are what gets checked.
        roots = [Path(a.split("::")[0]) for a in config.args] or [base]
    else:
        roots = ini_paths
        config.args = [*config.args, *[str(p) for p in ini_paths if str(p) not in config.args]]
    config.stash[_ROOTS_KEY] = [
        Path(os.path.normpath(r if r.is_absolute() else base / r)) for r in roots
    ]


def _fail_on_name(config: pytest.Config) -> str:
    """--formlint-fail-on, else the ini option, else formlint.yml's fail_on, else warning."""
    return str(
        config.getoption("formlint_fail_on", default=None)
        or config.getini("formlint_fail_on")
        or config.stash.get(_FAIL_ON_KEY, "")
        or "warning"
    )


def _fail_threshold(config: pytest.Config) -> Severity | None:
    """The lowest severity that fails a form; None for ``never`` (as ``formlint check`` takes it)."""
    from formlint.findings import Severity

    name = _fail_on_name(config)
    return None if name == "never" else Severity.parse(name)


def _profile(config: pytest.Config) -> str | None:
    value = config.getoption("formlint_profile", default=None) or config.getini("formlint_profile")
    return str(value) if value else None


def pytest_report_header(config: pytest.Config) -> str | None:
    if not _enabled(config):
        return None
    roots = ", ".join(_display(r, config) for r in config.stash.get(_ROOTS_KEY, []))
    return f"formlint: fail on {_fail_on_name(config)}, profile {_profile(config) or 'default'}, paths {roots or '.'}"


def _display(path: Path, config: pytest.Config) -> str:
    try:
        return path.relative_to(config.rootpath).as_posix() or "."
    except ValueError:
        return str(path)


def _in_roots(path: Path, config: pytest.Config) -> bool:
    p = Path(os.path.normpath(path))
    return any(p == root or root in p.parents for root in config.stash.get(_ROOTS_KEY, []))


def engine_for(config: pytest.Config) -> Engine:
    """The session's rule engine, built on first use (with formlint_config and formlint_profile);
    a config error ends the session with exit code 2, as ``formlint check`` exits."""
    engine = config.stash.get(_ENGINE_KEY, None)
    if engine is None:
        from formlint.config.load import find_config, load_config
        from formlint.engine.runner import Engine
        from formlint.errors import FormlintError

        cfg_path = config.getini("formlint_config")
        path = _ini_relative(config, cfg_path) if cfg_path else find_config(config.rootpath)
        try:
            loaded = load_config(path, discover=False)
            engine = Engine.from_config(loaded.config, profile=_profile(config))
            config.stash[_BASELINE_KEY] = _baseline(config)
        except FormlintError as exc:
            pytest.exit(f"formlint: {exc.one_line()}", returncode=2)
        if loaded.provenance.get("fail_on", "default") != "default":
            config.stash[_FAIL_ON_KEY] = loaded.config.fail_on
        config.stash[_ENGINE_KEY] = engine
    return engine


def _ini_relative(config: pytest.Config, value: str) -> Path:
    path = Path(value)
    if not path.is_absolute():
        path = (config.inipath.parent if config.inipath else config.rootpath) / path
    return path


def _baseline(config: pytest.Config) -> Baseline | None:
    from formlint.ci.baseline import load_baseline

    option = config.getoption("formlint_baseline", default=None)
    if option:
        return load_baseline(config.invocation_params.dir / option)
    ini = config.getini("formlint_baseline")
    return load_baseline(_ini_relative(config, ini)) if ini else None


def sniff_path(path: Path) -> str | None:
    """The form format of a file from its content, or None when it is not a form."""
    from formlint.document import FetchedDocument
    from formlint.parse.registry import sniff

    if path.suffix.lower() in SKIP_SUFFIXES or path.name.startswith("."):
        return None
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
            # JSON needs the whole text to parse; ZIP (DOCX/ODT) needs the central directory.
            if head[:1] in (b"{", b"[", b"\xef") or head.startswith(b"PK"):
                head += fh.read()
    except OSError:
        return None
    if not head.strip():
        return None
    fmt = sniff(FetchedDocument(url=str(path), body=head))
    return fmt if fmt in FORM_FORMATS else None


def _altinn_app_root(path: Path) -> bool:
    return (path / "App" / "ui").is_dir()


def _inside_altinn_app(path: Path) -> bool:
    return any(_altinn_app_root(parent) for parent in path.parents)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    config = parent.config
    if not _enabled(config) or not _in_roots(file_path, config):
        return None
    if sniff_path(file_path) is None:
        return None
    if _inside_altinn_app(file_path):
        return None  # read as part of its app
    node: FormlintFile = FormlintFile.from_parent(parent, path=file_path)
    return node


def pytest_collect_directory(path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    config = parent.config
    if not _enabled(config) or not _in_roots(path, config):
        return None
    is_app_folder = (
        path.name == "App"
        and (path / "ui").is_dir()
        and Path(os.path.normpath(path)) in config.stash.get(_ROOTS_KEY, [])
    )
    if not (_altinn_app_root(path) or is_app_folder):
        return None
    node: FormlintAltinnApp = FormlintAltinnApp.from_parent(parent, path=path)
    return node


class FormlintFile(pytest.File):
    """A form file: one test item."""

    def collect(self) -> Iterator[pytest.Item]:
        yield FormlintItem.from_parent(self, name="formlint")


class FormlintAltinnApp(pytest.Directory):
    """An Altinn 3 app folder (``App/ui`` + texts + options): one test item for the whole app."""

    def collect(self) -> Iterator[pytest.Item]:
        yield FormlintItem.from_parent(self, name="formlint")


class FormlintFailure(Exception):
    """Raised by a FormlintItem with the findings that failed it."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class FormlintItem(pytest.Item):
    """One form file (or Altinn app) checked by formlint."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_marker("formlint")
        self.run_result: RunResult | None = None

    @property
    def form_path(self) -> Path:
        return self.path

    def lint(self) -> RunResult:
        """The form's run, baselined, its suppressions checked (an unknown rule id in a
        ``formlint-disable`` is an error finding, so it fails the form)."""
        from formlint.ci.baseline import apply_baseline
        from formlint.ci.suppressions import check_suppressions, record_use
        from formlint.pipeline import Linter
        from formlint.sources.files import collect

        engine = engine_for(self.config)
        run = Linter(engine).documents(collect([self.path]))
        use = record_use(run)
        baseline = self.config.stash.get(_BASELINE_KEY, None)
        if baseline is not None:
            apply_baseline(run, baseline, root=self.config.rootpath)
        check_suppressions(run, use, engine)
        return run

    def runtest(self) -> None:
        run = self.lint()
        self.run_result = run
        fail_on = _fail_threshold(self.config)
        text = failure_text(run, fail_on, str(self.config.rootpath))
        n = sum(1 for _ in run.findings())
        self.user_properties.append(("formlint_findings", n))
        if text:
            raise FormlintFailure(text)

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str | Any:
        if isinstance(excinfo.value, FormlintFailure):
            return excinfo.value.text
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"formlint {_display(self.path, self.config)}"


def _blocking(findings: list[Finding], fail_on: Severity) -> list[Finding]:
    return [f for f in findings if not f.suppressed and f.severity >= fail_on]


def failure_text(run: RunResult, fail_on: Severity | None, root: str | None = None) -> str:
    """The readable failure for a form: blocking findings and read errors, or "" when it passes.
    A form that could not be read fails whatever ``fail_on`` is, as its JUnit test case does."""
    from formlint.report.junit import format_finding, sort_findings

    blocks: list[str] = []
    for doc in run.documents:
        if fail_on is not None and (bad := sort_findings(_blocking(doc.findings, fail_on))):
            rules = ", ".join(sorted({f.rule for f in bad}))
            header = f"{len(bad)} formlint finding{'s' if len(bad) != 1 else ''} at or above {fail_on.value}: {rules}"
            blocks.append(header + "\n\n" + "\n\n".join(format_finding(f, root) for f in bad))
        if doc.errors:
            blocks.append("could not be read:\n" + "\n".join(f"  {e}" for e in doc.errors))
    return "\n\n".join(blocks)


def findings_text(run: RunResult, root: str | None = None, *, below: Severity | None = None) -> str:
    """Findings as text; with ``below``, only those that did not fail the form (lower or suppressed)."""
    from formlint.report.junit import format_finding, sort_findings

    return "\n\n".join(
        format_finding(f, root)
        for d in run.documents
        for f in sort_findings(list(d.findings))
        if below is None or f.suppressed or f.severity < below
    )


def findings_html(docs: list[DocumentResult], root: str | None = None) -> str:
    """An HTML table of a form's findings for the pytest-html report."""
    from formlint.report.junit import describe_location, sort_findings

    rows = []
    for d in docs:
        for f in sort_findings(list(d.findings)):
            sugg = "; ".join(f.suggestions)
            state = f" (suppressed: {f.suppression.kind})" if f.suppression else ""
            rows.append(
                "<tr>"
                f"<td>{html.escape(f.severity.value)}{html.escape(state)}</td>"
                f"<td><code>{html.escape(f.rule)}</code></td>"
                f"<td>{html.escape(describe_location(f, root))}</td>"
                f"<td>{html.escape(f.message)}<br><q>{html.escape(f.excerpt)}</q></td>"
                f"<td>{html.escape(sugg)}</td>"
                "</tr>"
            )
    if not rows:
        return ""
    return (
        '<table class="formlint-findings"><thead><tr><th>severity</th><th>rule</th><th>where</th>'
        "<th>finding</th><th>suggestion</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if isinstance(item, FormlintItem) and report.when == "call" and item.run_result is not None:
        run = item.run_result
        root = str(item.config.rootpath)
        # Blocking findings are in the failure text already; the section holds the rest.
        text = findings_text(run, root, below=_fail_threshold(item.config))
        if text:
            report.sections.append(("formlint findings below the fail-on level", text))
        if item.config.pluginmanager.hasplugin("html"):
            table = findings_html(run.documents, root)
            if table:
                from pytest_html import extras  # type: ignore[import-untyped,import-not-found,unused-ignore]

                report.extras = [*getattr(report, "extras", []), extras.html(table)]
    return report
