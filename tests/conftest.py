"""Shared fixtures: the engine (built once), the shared corpus, golden files, the SARIF schema and
the databases (tests/databases.py); and the ``--update-golden`` option."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from databases import db_url, pg_server_url, store  # noqa: F401  (fixtures: store and progress tests)
from golden import UPDATE_OPTION, WRITTEN, check_golden

from formlint.engine.runner import Engine

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SARIF_SCHEMA = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        UPDATE_OPTION,
        action="store_true",
        default=False,
        help="Write the golden files under tests/golden/ instead of comparing; review with git diff.",
    )


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """With --update-golden, list the golden files the run wrote (each test records its own)."""
    if not config.getoption("update_golden"):
        return
    written = sorted(
        {
            str(value)
            for report in terminalreporter.stats.get("passed", [])
            for key, value in getattr(report, "user_properties", [])
            if key == WRITTEN
        }
    )
    terminalreporter.write_sep("-", f"golden files written: {len(written)}")
    for name in written:
        terminalreporter.write_line(name)
    if written:
        terminalreporter.write_line("review them with: git diff tests/golden")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``golden(name, text)``: compare with tests/golden/NAME, or write it with --update-golden."""
    update = bool(request.config.getoption("update_golden"))

    def compare(name: str, text: str) -> None:
        written = check_golden(name, text, update=update)
        if written is not None:
            request.node.user_properties.append((WRITTEN, written.relative_to(REPO).as_posix()))

    return compare


@pytest.fixture(scope="session")
def engine() -> Engine:
    from formlint.api import make_engine

    return make_engine()


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "MANIFEST.yaml").is_file():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture
def sarif_validator() -> Callable[[dict[str, Any]], None]:
    """Validate a SARIF log against the official SARIF 2.1.0 schema (tests/data)."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )

    def validate(log: dict[str, Any]) -> None:
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])

    return validate
