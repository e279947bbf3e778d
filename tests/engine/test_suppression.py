"""Inline suppression in HTML: comments with a reason, data-formlint-ignore, and re-enabling."""

from __future__ import annotations

from formlint.api import lint_document
from formlint.document import FetchedDocument
from formlint.engine.runner import Engine

FORM = """<fieldset><legend>Kjønn</legend>
<input type="radio" id="{p}g" name="{p}k"><label for="{p}g">Gutt</label>
<input type="radio" id="{p}j" name="{p}k"><label for="{p}j">Jente</label></fieldset>"""


def _lint(engine: Engine, body: str) -> list[tuple[str, str | None]]:
    html = f'<!doctype html><html lang="nb"><head><title>T</title></head><body><form id="f">{body}</form></body></html>'
    res = lint_document(FetchedDocument(url="t.html", body=html.encode("utf-8")), engine)
    return [
        (f.rule, f.suppression.reason if f.suppression else None)
        for f in res.findings
        if f.rule == "gender-binary-options"
    ]


def test_comment_disables_until_enabled(engine: Engine) -> None:
    body = (
        "<!-- formlint-disable gender-binary-options -- må samsvare med Folkeregisteret -->"
        + FORM.format(p="a")
        + "<!-- formlint-enable gender-binary-options -->"
        + FORM.format(p="b")
    )
    got = _lint(engine, body)
    assert got == [
        ("gender-binary-options", "må samsvare med Folkeregisteret"),
        ("gender-binary-options", None),
    ]


def test_data_attribute_ignores_element_and_descendants(engine: Engine) -> None:
    body = (
        f'<div data-formlint-ignore="gender-binary-options">{FORM.format(p="a")}</div>'
        + FORM.format(p="b")
    )
    got = _lint(engine, body)
    assert [r for _, r in got].count(None) == 1 and len(got) == 2


def test_other_rules_still_fire_inside_a_disabled_region(engine: Engine) -> None:
    html = (
        '<!doctype html><html lang="nb"><head><title>T</title></head><body>'
        "<!-- formlint-disable gender-binary-options -- juridisk kjønn -->"
        "<p>Søkeren må skrive under før han eller hun får svar.</p></body></html>"
    )
    res = lint_document(FetchedDocument(url="t.html", body=html.encode("utf-8")), engine)
    assert [f.rule for f in res.findings if not f.suppressed] == ["binary-pronoun-phrase"]
