"""Every rule's own must-flag and must-pass examples (select one rule with ``-k RULE-ID``)."""

from __future__ import annotations

import pytest
from domain_ids import DOMAIN_RULE_IDS

from formlint.engine.examples import run_examples
from formlint.engine.loader import load_rules
from formlint.engine.runner import Engine
from formlint.engine.spec import Example, RuleSpec


def _cases() -> list[tuple[str, str, int]]:
    out = []
    for r in load_rules():
        out += [(r.spec.id, "flag", i) for i in range(len(r.spec.examples.flag))]
        out += [(r.spec.id, "pass", i) for i in range(len(r.spec.examples.pass_))]
    return out


@pytest.mark.parametrize(("rule_id", "expected", "index"), _cases(), ids=lambda v: str(v))
def test_rule_example(engine: Engine, rule_id: str, expected: str, index: int) -> None:
    spec = next(s for s in engine.all_rules if s.id == rule_id)
    outcome = next(
        o for o in run_examples(engine, spec) if o.expected == expected and o.index == index
    )
    assert outcome.ok, outcome.describe()


def test_every_rule_has_three_flag_and_three_pass_examples_in_nb() -> None:
    for r in load_rules():
        s: RuleSpec = r.spec
        nb_flag = [e for e in s.examples.flag if e.lang == "nb"]
        nb_pass = [e for e in s.examples.pass_ if e.lang == "nb"]
        assert len(nb_flag) >= 3 and len(nb_pass) >= 3, s.id


# A2 rules that need no example in a language they apply to: these read option sets, which are
# the same words in nb and nn (the nb examples cover them).
NO_NN_EXAMPLES = {
    "gender-no-opt-out",
    "gender-preselected",
    "gendered-salutation",
    "options-unresolved",
}


def test_rules_have_nn_and_en_examples_where_they_apply() -> None:
    missing = []
    for r in load_rules():
        s = r.spec
        if s.category != "a2":
            continue
        langs = {e.lang for e in (*s.examples.flag, *s.examples.pass_)}
        for lang in s.languages:
            if lang not in langs and not (lang == "nn" and s.id in NO_NN_EXAMPLES):
                missing.append(f"{s.id}: no {lang} example")
            if lang == "nn" and lang in langs and s.id in NO_NN_EXAMPLES:
                missing.append(f"{s.id} has nn examples now: take it out of NO_NN_EXAMPLES")
    assert not missing, missing


def test_domain_rule_ids_all_exist() -> None:
    ids = {r.spec.id for r in load_rules()}
    domain = DOMAIN_RULE_IDS
    assert domain <= ids


def test_rules_test_command_runs_the_examples() -> None:
    from click.testing import CliRunner

    from formlint.cli.rules import rules

    result = CliRunner().invoke(rules, ["test"])
    assert result.exit_code == 0, result.output
    assert " passed, 0 failed" in result.output


def test_example_needs_one_body() -> None:
    with pytest.raises(ValueError):
        Example.model_validate({"text": "a", "html": "<p>a</p>"})
