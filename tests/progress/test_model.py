"""The report model (``formlint-progress/1.0``) against its shipped JSON Schema.

Real output only: the report model after the three fixture scans (SQLite and PostgreSQL), through
``write_progress_json`` and back, and the files ``formlint report`` and ``formlint progress`` write.
"""

from __future__ import annotations

import copy
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import formlint
from formlint.cli.main import cli
from formlint.config.models import ExceptionEntry
from formlint.config.progress import ProgressConfig
from formlint.progress.model import build_report
from formlint.report.base import PROGRESS_SCHEMA
from formlint.report.json_report import write_progress_json
from formlint.store import Store
from formlint.store.samples import BASE, fixture_scan, record_fixture_scans

SCHEMA_FILE = Path(formlint.__file__).parent / "schemas" / "formlint-progress-1.0.schema.json"
TODAY = date(2026, 9, 1)


@pytest.fixture(scope="module")
def validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _errors(validator: Any, doc: dict[str, Any]) -> list[str]:
    return [
        f"{list(e.absolute_path)}: {e.message}"
        for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    ]


def _as_json(model: dict[str, Any]) -> dict[str, Any]:
    buf = io.StringIO()
    write_progress_json(model, buf)
    doc: dict[str, Any] = json.loads(buf.getvalue())
    return doc


def test_schema_const_matches_the_code(validator: Any) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["properties"]["schema"]["const"] == PROGRESS_SCHEMA
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_report_of_each_scan_and_progress_match_the_schema(store: Store, validator: Any) -> None:
    ids = record_fixture_scans(store)
    for rid in ids:  # formlint report --run ID
        doc = _as_json(build_report(store, run_id=rid, today=TODAY))
        assert _errors(validator, doc) == [], f"run {rid}"
    progress = _as_json(build_report(store, today=TODAY))  # formlint progress: the latest scan
    assert _errors(validator, progress) == []
    # The fixture reaches the parts of the model the schema describes.
    assert [p["run_id"] for p in progress["trend"]] == ids
    assert progress["projection"]["method"] == "linear"
    assert {w["status"] for w in progress["worklist"]} == {"green", "exempt"}
    assert any(w["exempted"] and w["exceptions"] for w in progress["worklist"])
    assert progress["changes"]["fixed"] and progress["changes"]["still_open"]
    first = _as_json(build_report(store, run_id=ids[0], today=TODAY))
    assert first["previous_run_id"] is None and first["changes"]["previous_run_id"] is None
    assert first["projection"]["method"] == "none"
    assert {w["status"] for w in first["worklist"]} >= {"red", "exempt", "green"}


def test_model_with_notes_owners_exceptions_and_analytics_matches(
    store: Store, validator: Any
) -> None:
    """The optional parts: a status note, owner units, expired and config exceptions, page views."""
    for n in (1, 2):
        run, pages = fixture_scan(n)
        store.record_run(run, site="kommune", pages=pages)
    fid = store.find_form(f"{BASE}/skole/sfo")
    assert fid is not None
    store.set_status(fid, in_progress=True, note="Ny versjon bestilt", author=None)
    store.sync_exceptions(
        [
            ExceptionEntry(
                document="*/klage*",
                rule="parent-role-assumed",
                reason="Krav fra fagsystemet",
                approved_by="Oppvekst",
                expires=date(2027, 6, 1),
            )
        ]
    )
    cfg = ProgressConfig.model_validate(
        {
            "owners": [{"unit": "Oppvekst", "patterns": ["*/barnehage/*", "*/skole/*"]}],
            "prioritised": {"forms": ["*/skole/sfo", "*/barnehage/*"]},
        }
    )
    store.sync_owners(cfg.owners)
    # After 2026-12-31 the health form's exception has expired: an open finding with its exception.
    links = _as_json(build_report(store, config=cfg, today=date(2027, 1, 1), lang="en"))
    assert _errors(validator, links) == []
    by_title = {w["title"]: w for w in links["worklist"]}
    assert by_title["Påmelding SFO"]["note"]["author"] is None
    assert by_title["Helsestasjon: registrering"]["findings"][0]["exception"]["expired"] is True
    assert by_title["Klage på vedtak"]["status"] == "exempt"
    assert [o["unit"] for o in links["by_owner"]] == ["Oppvekst", ""]
    assert links["kpi"]["selection"] == "list"

    store.import_reach([("/skole/sfo", 5000), (f"{BASE}/klage", 12)], source="views.csv")
    analytics = _as_json(build_report(store, config=cfg, today=TODAY))
    assert analytics["reach_mode"] == "analytics"
    assert _errors(validator, analytics) == []


@pytest.mark.parametrize("command", ["report", "progress"])
def test_cli_json_matches_the_schema(
    store: Store, validator: Any, tmp_path: Path, command: str
) -> None:
    record_fixture_scans(store)
    cfg = tmp_path / "formlint.yml"
    cfg.write_text(
        "exceptions:\n  - document: '*/skole/*'\n    rule: gendered-salutation\n"
        "    reason: Krav fra fagsystemet\n    approved_by: Oppvekst\n    expires: 2026-10-01\n"
        "progress:\n  owners:\n    - unit: Oppvekst\n      patterns: ['*/skole/*']\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    res = CliRunner().invoke(
        cli,
        [
            command,
            "--db",
            store.url,
            "-c",
            str(cfg),
            "--format",
            "json",
            "--out",
            str(out),
            "--today",
            "2026-09-01",
        ],
    )
    assert res.exit_code == 0, res.output
    doc = json.loads((out / f"formlint-{command}.json").read_text(encoding="utf-8"))
    assert doc["schema"] == "formlint-progress/1.0"
    assert _errors(validator, doc) == []


def test_schema_rejects_a_wrong_version_and_a_bad_status(store: Store, validator: Any) -> None:
    record_fixture_scans(store)
    good = _as_json(build_report(store, today=TODAY))
    assert _errors(validator, good) == []

    wrong_version = copy.deepcopy(good)
    wrong_version["schema"] = "formlint-progress/2.0"
    assert [e for e in _errors(validator, wrong_version) if e.startswith("['schema']")]

    run_schema = copy.deepcopy(good)
    run_schema["schema"] = "formlint-run/1.0"
    assert _errors(validator, run_schema)

    bad_status = copy.deepcopy(good)
    bad_status["worklist"][0]["status"] = "yellow"
    assert [e for e in _errors(validator, bad_status) if "'yellow'" in e]

    bad_counts = copy.deepcopy(good)
    bad_counts["counts"]["yellow"] = bad_counts["counts"].pop("red")
    assert _errors(validator, bad_counts)

    bad_severity = copy.deepcopy(good)
    bad_severity["changes"]["fixed"][0]["severity"] = "fatal"
    assert _errors(validator, bad_severity)

    missing = copy.deepcopy(good)
    del missing["kpi"]
    assert _errors(validator, missing)

    # New fields within the version are allowed, at the top and inside items.
    extended = copy.deepcopy(good)
    extended["new_field"] = 1
    extended["worklist"][0]["new_field"] = "x"
    assert _errors(validator, extended) == []
