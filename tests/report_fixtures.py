"""Report fixtures (a pytest plugin of the root conftest): the rule catalogue and a SARIF 2.1.0
validator, for the reporter tests and the CI commands' end-to-end tests; the builders live in
``ci_helpers``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from ci_helpers import CATALOGUE, SARIF_SCHEMA


@pytest.fixture
def catalogue() -> list[dict[str, Any]]:
    return [dict(r) for r in CATALOGUE]


@pytest.fixture
def sarif_validator() -> Callable[[dict[str, Any]], None]:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )

    def validate(log: dict[str, Any]) -> None:
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])

    return validate
