"""Shared fixtures: the engine (built once) and the path to the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from formlint.engine.runner import Engine

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"

pytest_plugins = ["db_fixtures", "report_fixtures"]


@pytest.fixture(scope="session")
def engine() -> Engine:
    from formlint.api import make_engine

    return make_engine()


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "MANIFEST.yaml").is_file():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS
