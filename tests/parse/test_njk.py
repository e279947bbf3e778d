"""GOV.UK Nunjucks page sources: the object-literal reader and the corpus examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from formlint.document import FetchedDocument
from formlint.model import FieldKind, ParsedDocument, Scope
from formlint.parse.njk import Expr, parse_js_literal, parse_njk
from formlint.parse.registry import ParseOptions, parse_document

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
GOVUK = CORPUS / "html" / "alphagov__govuk-design-system" / "src" / "patterns"
needs_corpus = pytest.mark.skipif(not GOVUK.exists(), reason=f"GOV.UK corpus not found at {GOVUK}")


def njk(text: str) -> ParsedDocument:
    return parse_njk(FetchedDocument(url="page.njk", body=text.encode()), ParseOptions())


def corpus(rel: str) -> ParsedDocument:
    doc = parse_document(FetchedDocument.from_path(GOVUK / rel))
    assert doc.format == "govuk-njk"
    return doc


# --- the literal reader ---------------------------------------------------------------------------


def test_literal_basics() -> None:
    src = """{ a: 1, "b": 'two', 'c': `three`, d: [1, 2.5, -3, 0x10,], e: { f: true, g: false, h: null }, }"""
    value, end = parse_js_literal(src)
    assert value == {
        "a": 1,
        "b": "two",
        "c": "three",
        "d": [1, 2.5, -3, 16],
        "e": {"f": True, "g": False, "h": None},
    }
    assert end == len(src)


def test_literal_escapes_and_comments() -> None:
    value, _ = parse_js_literal(r"""{ // comment
      text: "Say \"hi\"\n", other: 'it\'s', u: "\u00f8", /* block */ k: "{{ x }}" }""")
    assert value == {"text": 'Say "hi"\n', "other": "it's", "u": "ø", "k": "{{ x }}"}


def test_literal_expressions_are_kept_as_source() -> None:
    value, _ = parse_js_literal(
        "{ html: genderHtml, t: 'a' + b, f: x | safe, c: fn(1, {a: 2}), n: 3 }"
    )
    assert value["html"] == "genderHtml" and isinstance(value["html"], Expr)
    assert value["t"] == "'a' + b" and isinstance(value["t"], Expr)
    assert value["f"] == "x | safe"
    assert value["c"] == "fn(1, {a: 2})"
    assert value["n"] == 3


@pytest.mark.parametrize(
    "src",
    [
        "{ a: ",
        "{ a: [1, 2",
        "{ 'a': 'unterminated",
        "{ : }",
        "{ a: b c d }",
        "",
        "}",
        "{{{{",
        "[)]",
    ],
)
def test_literal_never_raises(src: str) -> None:
    parse_js_literal(src)


# --- mapping --------------------------------------------------------------------------------------


def test_macro_mapping() -> None:
    doc = njk(
        """---
title: "Søknad"
---
{% from "govuk/components/select/macro.njk" import govukSelect %}
<h1 class="govuk-heading-l">Om deg</h1>
<p class="govuk-body">Vi spør om dette fordi <strong>loven</strong> krever det.</p>
{{ govukSelect({ id: "rolle", name: "rolle", label: { html: "<b>Rolle</b>" }, value: "far",
  items: [ { value: "", text: "Velg" }, { value: "mor", text: "Mor" }, { value: "far", text: "Far" } ] }) }}
{{ govukCheckboxes({ name: "h", fieldset: { legend: { text: "Hvem?" } }, hint: { text: "Velg alle" },
  items: [ { value: "a", text: "A", checked: true }, { divider: "eller" }, { value: "b", html: "<i>B</i>", hint: { text: "Bh" } } ] }) }}
{{ govukInput({ label: { text: "E-post" }, name: "epost", type: "email", autocomplete: "email" }) }}
{{ govukTextarea({ name: "mer", label: { text: "Mer" } }) }}
{{ govukDateInput({ id: "dob", fieldset: { legend: { text: "Fødselsdato" } } }) }}
{{ govukInsetText({ text: "Han eller hun må signere." }) }}
"""
    )
    assert doc.title == "Søknad"
    (form,) = doc.forms
    assert form.kind == "govuk-njk"
    sel, chk, inp, ta, date = form.fields
    assert (sel.kind, sel.label, sel.placeholder, sel.name_source) == (
        FieldKind.SELECT,
        "Rolle",
        "Velg",
        "label",
    )
    assert [(o.label, o.selected) for o in sel.options] == [("Mor", False), ("Far", True)]
    assert sel.location.line == 7
    assert sel.location.component == 'govukSelect id "rolle"'
    assert (chk.kind, chk.legend, chk.help, chk.in_fieldset) == (
        FieldKind.CHECKBOXES,
        "Hvem?",
        ("Velg alle",),
        True,
    )
    assert [(o.label, o.value, o.selected, o.description) for o in chk.options] == [
        ("A", "a", True, None),
        ("B", "b", False, "Bh"),
    ]
    assert (inp.kind, inp.autocomplete, inp.label) == (FieldKind.EMAIL, "email", "E-post")
    assert ta.kind == FieldKind.TEXTAREA
    assert (date.kind, date.legend) == (FieldKind.DATE, "Fødselsdato")
    assert [(b.text, b.scope, b.location.line) for b in form.text_blocks] == [
        ("Om deg", Scope.HEADING, 5),
        ("Vi spør om dette fordi loven krever det.", Scope.PARAGRAPH, 6),
        ("Han eller hun må signere.", Scope.PARAGRAPH, 14),
    ]


def test_garbage_njk_never_raises() -> None:
    doc = njk("{{ govukRadios(notAnObject) }} {{ govukInput({ label: ")
    assert doc.format == "govuk-njk"
    assert any(p.level == "note" for p in doc.problems)


# --- the corpus -----------------------------------------------------------------------------------


@needs_corpus
def test_corpus_sex_gender() -> None:
    doc = corpus("equality-information/sex-gender/index.njk")
    assert doc.title == "Sex and gender equality question – Equality information"
    f = {x.location.component: x for x in doc.forms[0].fields}
    sex = f['govukRadios name "sex"']
    assert (sex.kind, sex.legend, sex.name) == (FieldKind.RADIO, "What is your sex?", "sex")
    assert [(o.label, o.value) for o in sex.options] == [
        ("Female", "female"),
        ("Male", "male"),
        ("Prefer not to say", "skip"),
    ]
    ident = f['govukRadios name "genderIdentity"']
    assert (
        ident.legend == "Is the gender you identify with the same as your sex registered at birth?"
    )
    assert [o.label for o in ident.options] == ["Yes", "No", "Prefer not to say"]
    desc = f['govukInput id "gender-description"']
    assert (desc.kind, desc.label) == (FieldKind.TEXT, "What is your gender identity? (optional)")
    assert f["govukButton"]
    assert [b.text for b in doc.forms[0].text_blocks] == ["Sex and gender identity"]
    assert sex.location.line == 24


@needs_corpus
def test_corpus_marriage_status_divider_is_not_an_option() -> None:
    doc = corpus("equality-information/marriage-status/index.njk")
    (radios, button) = doc.forms[0].fields
    assert radios.location.component == 'govukRadios name "marriageCivilPartnership"'
    assert radios.legend == "What is your legal marital or registered civil partnership status?"
    assert len(radios.options) == 10
    assert "or" not in [o.label for o in radios.options]
    assert radios.options[7].label == "Widowed"
    assert radios.options[-1].label == "Prefer not to say"
    assert (button.kind, button.label) == (FieldKind.BUTTON, "Continue")


@needs_corpus
def test_corpus_names() -> None:
    doc = corpus("names/default/index.njk")
    (f,) = doc.forms[0].fields
    assert (f.kind, f.label, f.id, f.name, f.autocomplete) == (
        FieldKind.TEXT,
        "Full name",
        "full-name",
        "fullName",
        "name",
    )
    assert f.location.component == 'govukInput id "full-name"'
    assert f.name_source == "label"


@needs_corpus
def test_corpus_2018_quoted_keys_and_legend_html() -> None:
    doc = corpus("gender-and-sex/default.njk")
    (f,) = doc.forms[0].fields
    assert f.location.component == 'govukRadios name "gender"'
    assert f.legend == "What is your gender?"
    assert [(o.label, o.value) for o in f.options] == [
        ("Female", "female"),
        ("Male", "male"),
        ("Non-binary", "non-binary"),
    ]
    assert doc.title is None
