"""axe-core's results as findings: severity from impact, WCAG from tags, and one finding where
axe-core and a static rule found the same problem at one element."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from html_pages import page, parse

from formlint.config.models import Config, RuleSetting
from formlint.engine.runner import Engine
from formlint.model import Audit, AuditNode, ParsedDocument

PAGE = page(
    '<form><input type="text" name="skole"><label for="e">E-post</label>'
    '<input type="email" id="e" name="e" autocomplete="email"></form>'
    '<p class="lys">Svar innen to uker.</p>'
)


def _audit(rule: str, impact: str, tags: list[str], *nodes: AuditNode) -> Audit:
    return Audit(
        tool="axe",
        rule=rule,
        impact=impact,
        help=f"{rule} help",
        description=f"{rule} description",
        help_url=f"https://dequeuniversity.com/rules/axe/4.12/{rule}",
        tags=tuple(tags),
        nodes=nodes,
    )


def _run(engine: Engine, *audits: Audit) -> tuple[ParsedDocument, list[Any]]:
    doc = replace(parse(PAGE), audits=audits)
    return doc, engine.run(doc)[0]


SKOLE = AuditNode('<input type="text" name="skole">', '<input type="text" name="skole">',
                  "Fix any of the following:\n  Form element does not have an implicit (wrapped) <label>",
                  anchor="input[name=skole]", css_path='form > input[name="skole"]')  # fmt: skip
LYS = AuditNode(".lys", '<p class="lys">Svar innen to uker.</p>', "Fix any of the following:\n"
                "  Element has insufficient color contrast", css_path="p:nth-of-type(1)")  # fmt: skip


def test_the_same_element_and_criterion_is_one_finding_naming_both(engine: Engine) -> None:
    _, findings = _run(
        engine, _audit("label", "critical", ["cat.forms", "wcag2a", "wcag412"], SKOLE)
    )
    (f,) = [f for f in findings if f.location.anchor == "input[name=skole]" and "name" in f.rule]
    assert f.rule == "form-field-no-accessible-name"
    assert f.also_found_by == ("axe/label",)
    assert f.message.endswith("ACT e086e5 · axe/label]")
    assert not [f for f in findings if f.rule.startswith("axe/")]


def test_found_by_css_path_when_the_element_has_no_anchor(engine: Engine) -> None:
    node = replace(SKOLE, anchor=None)
    _, findings = _run(engine, _audit("label", "critical", ["wcag412"], node))
    assert [f.also_found_by for f in findings if f.rule == "form-field-no-accessible-name"] == [
        ("axe/label",)
    ]


def test_another_criterion_at_the_same_element_is_reported_apart(engine: Engine) -> None:
    _, findings = _run(
        engine, _audit("autocomplete-valid", "serious", ["wcag21aa", "wcag135"], SKOLE)
    )
    axe = [f for f in findings if f.rule == "axe/autocomplete-valid"]
    assert len(axe) == 1 and axe[0].location.line is not None  # the parser's line for that field
    assert all(not f.also_found_by for f in findings)


def test_what_only_axe_finds_is_one_finding_per_rule_with_its_standards(engine: Engine) -> None:
    other = replace(LYS, css_path="p:nth-of-type(2)", html='<p class="lys">Annen tekst</p>')
    doc, findings = _run(
        engine, _audit("color-contrast", "serious", ["wcag2aa", "wcag143"], LYS, other)
    )
    (f,) = [f for f in findings if f.rule.startswith("axe/")]
    assert f.rule == "axe/color-contrast"
    assert f.severity.value == "warning"
    assert f.standards == ("WCAG 1.4.3", "EN 301 549 9.1.4.3")
    assert f.message == "color-contrast help [WCAG 1.4.3 · EN 301 549 9.1.4.3]"
    assert f.suggestions == ("Element has insufficient color contrast",)
    assert f.help_uri.endswith("/color-contrast")
    assert f.location.css_path == "p:nth-of-type(1)" and f.source == doc.source
    assert [p.excerpt for p in f.places] == ['<p class="lys">Annen tekst</p>']
    assert len(f.fingerprint) == 32


def test_impact_is_the_severity_unless_the_configuration_says_otherwise() -> None:
    for impact, severity in (("critical", "error"), ("moderate", "suggestion"), ("minor", "info")):
        _, findings = _run(Engine.from_config(), _audit("region", impact, ["wcag131"], LYS))
        assert [f.severity.value for f in findings if f.rule == "axe/region"] == [severity]
    cfg = Config(rules={"axe/region": RuleSetting(severity="info"),
                        "axe/color-contrast": RuleSetting(enabled=False)})  # fmt: skip
    _, findings = _run(
        Engine.from_config(cfg),
        _audit("region", "critical", ["wcag131"], LYS),
        _audit("color-contrast", "serious", ["wcag143"], LYS),
    )
    assert [(f.rule, f.severity.value) for f in findings if f.rule.startswith("axe/")] == [
        ("axe/region", "info")
    ]
