"""Accessibility rules name their standards (WCAG, EN 301 549, ACT), validated against the
shipped lists, and every finding and report carries them."""

from __future__ import annotations

from pathlib import Path

import pytest

from formlint.engine.examples import example_document
from formlint.engine.loader import load_rule_file, load_rules
from formlint.engine.runner import Engine
from formlint.engine.standards import Standards, catalogue, criterion_of_axe_tag
from formlint.errors import RuleError

REPO = Path(__file__).resolve().parents[2]


def _with_standards(tmp_path: Path, block: str) -> Path:
    src = (REPO / "rules" / "accessibility" / "form-field-no-accessible-name.yaml").read_text(
        encoding="utf-8"
    )
    start = src.index("standards:\n")
    end = src.index("examples:\n")
    p = tmp_path / "form-field-no-accessible-name.yaml"
    p.write_text(src[:start] + block + src[end:], encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ('standards:\n  wcag: ["4.1.9"]\n  en301549: ["9.4.1.9"]\n', "not a WCAG 2.1 success"),
        (
            'standards:\n  act: [abc123]\n  wcag: ["4.1.2"]\n  en301549: ["9.4.1.2"]\n',
            "unknown ACT",
        ),
        ('standards:\n  wcag: ["4.1.2"]\n  en301549: ["9.1.3.1"]\n', "EN 301 549 clause '9.1.3.1'"),
        (
            'standards:\n  wcag: ["4.1.2", "1.3.1"]\n  en301549: ["9.4.1.2"]\n',
            "no EN 301 549 clause for WCAG 1.3.1",
        ),
        ("", "an accessibility rule, and only one, names its standards"),
    ],
)
def test_a_wrong_or_missing_standard_is_an_error_in_the_rule_file(
    tmp_path: Path, block: str, message: str
) -> None:
    with pytest.raises(RuleError, match=message):
        load_rule_file(_with_standards(tmp_path, block))


def test_every_accessibility_rule_names_wcag_and_en_301_549_and_the_a2_rules_none() -> None:
    for r in load_rules():
        st = r.spec.standards
        if r.spec.category == "accessibility":
            assert st is not None and st.wcag and st.en301549, r.spec.id
        else:
            assert st is None, r.spec.id


def test_every_act_rule_is_implemented_or_says_why_it_cannot_be() -> None:
    implemented = {a for r in load_rules() if r.spec.standards for a in r.spec.standards.act}
    for rid, act in catalogue().act.items():
        assert (rid in implemented) != bool(act.not_testable), rid
    assert "not testable without submission" in (catalogue().act["36b590"].not_testable or "")


def test_labels_and_wcag_links() -> None:
    st = Standards(act=["e086e5"], wcag=["4.1.2"], en301549=["9.4.1.2", "10.4.1.2"])
    assert st.labels() == ("WCAG 4.1.2", "EN 301 549 9.4.1.2", "EN 301 549 10.4.1.2", "ACT e086e5")
    sc = catalogue().wcag["3.3.4"]
    assert sc.url.endswith("/Understanding/error-prevention-legal-financial-data.html")
    assert catalogue().wcag["1.4.3"].url.endswith("/contrast-minimum.html")


@pytest.mark.parametrize(
    ("tag", "sc"),
    [("wcag412", "4.1.2"), ("wcag1410", "1.4.10"), ("wcag111", "1.1.1"), ("wcag2aa", None),
     ("cat.forms", None), ("wcag258", None)],
)  # fmt: skip
def test_axe_tags_name_success_criteria(tag: str, sc: str | None) -> None:
    assert criterion_of_axe_tag(tag) == sc


def test_a_finding_names_its_standards_in_its_message_and_record(engine: Engine) -> None:
    spec = next(s for s in engine.all_rules if s.id == "form-field-no-accessible-name")
    findings, _ = engine.run(example_document(spec.examples.flag[0]))
    f = next(f for f in findings if f.rule == spec.id)
    assert f.standards == ("WCAG 4.1.2", "EN 301 549 9.4.1.2", "ACT e086e5")
    assert f.message.endswith("[WCAG 4.1.2 · EN 301 549 9.4.1.2 · ACT e086e5]")
    assert f.to_record()["standards"] == list(f.standards)
