"""Rule files are data validated by a generated schema; docs are generated from them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from formlint.engine.docs import schema_text, stale_docs
from formlint.engine.loader import load_rule_file, load_rules
from formlint.errors import RuleError

REPO = Path(__file__).resolve().parents[2]


def test_rule_docs_are_generated_and_current() -> None:
    assert stale_docs(REPO / "docs" / "rules") == [], "run: formlint rules docs"


def test_committed_rule_schema_is_the_generated_one() -> None:
    assert (REPO / "rules" / "rule.schema.json").read_text(encoding="utf-8") == schema_text(), (
        "run: formlint rules schema --out rules/rule.schema.json"
    )
    schema = json.loads(schema_text())
    assert schema["additionalProperties"] is False


def test_every_rule_file_validates_against_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads(schema_text())
    for r in load_rules():
        data = yaml.safe_load(r.path.read_text(encoding="utf-8"))
        data.setdefault("match", {}).setdefault("kind", data["kind"])
        jsonschema.validate(data, schema)


def _write_rule(tmp_path: Path, text: str) -> Path:
    src = (REPO / "rules" / "a2" / "spouse-gendered.yaml").read_text(encoding="utf-8")
    p = tmp_path / "spouse-gendered.yaml"
    p.write_text(src.replace("confidence: medium\n", text, 1), encoding="utf-8")
    return p


def test_unknown_key_in_a_rule_is_an_error_with_file_and_line(tmp_path: Path) -> None:
    p = _write_rule(tmp_path, "confidence: medium\nseverety: error\n")
    with pytest.raises(RuleError) as exc:
        load_rule_file(p)
    msg = str(exc.value)
    line = p.read_text(encoding="utf-8").splitlines().index("severety: error") + 1
    assert f"{p}:{line}" in msg and "did you mean 'severity'" in msg


def test_bad_value_in_a_rule_names_the_allowed_values(tmp_path: Path) -> None:
    p = _write_rule(tmp_path, "confidence: certain\n")
    with pytest.raises(RuleError) as exc:
        load_rule_file(p)
    line = p.read_text(encoding="utf-8").splitlines().index("confidence: certain") + 1
    assert f"{p}:{line}" in str(exc.value) and "'high'" in str(exc.value)


def test_rule_ids_are_unique_and_match_file_names() -> None:
    ids = [r.spec.id for r in load_rules()]
    assert len(ids) == len(set(ids))
    assert all(r.path.stem == r.spec.id for r in load_rules())


def test_rule_scopes_are_the_model_scopes() -> None:
    from formlint.engine.specbase import ALL_SCOPES
    from formlint.model import Scope

    assert set(ALL_SCOPES) == {s.value for s in Scope}
