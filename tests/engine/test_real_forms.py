"""Issue 14: what real forms need beyond the rules' own examples — statutory context, one finding
for a parent field set, one finding for a string and its translations, a statutory term once per
form. The examples are our own wording, written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from formlint.api import lint_paths, make_engine
from formlint.engine.runner import Engine
from formlint.findings import Finding
from formlint.model import (
    Field,
    FieldKind,
    Form,
    Location,
    Option,
    ParsedDocument,
    Scope,
    TextBlock,
)


def _doc(
    title: str, *, fields: tuple[Field, ...] = (), texts: tuple[str, ...] = (), lang: str = "nb"
) -> ParsedDocument:
    loc = Location("skjema.json", anchor="form")
    blocks = tuple(
        TextBlock(t, Scope.PARAGRAPH, Location("skjema.json", anchor=f"p{i}"), lang)
        for i, t in enumerate(texts)
    )
    form = Form(
        key="f",
        kind="example",
        location=loc,
        title=title,
        fields=fields,
        text_blocks=blocks,
        language=lang,
    )
    return ParsedDocument(
        source="skjema.json", format="example", forms=(form,), language=lang, title=title
    )


def _rules(findings: list[Finding]) -> list[tuple[str, str]]:
    return sorted((f.rule, f.severity.value) for f in findings)


# --- statutory context -------------------------------------------------------------------------

PARENTAL_TEXTS = (
    "Når far tar ut fellesperioden, må mor være i aktivitet.",
    "Legg ved bekreftelse fra arbeidsgiver på at mor jobber minst 75 prosent.",
    "Mors aktivitet må dokumenteres for hele perioden.",
    "Er mor syk, kan far ta ut mødrekvoten.",
)


def test_statutory_wording_in_a_parental_benefit_form_is_legal_term_once_per_term(
    engine: Engine,
) -> None:
    doc = _doc("Søknad om foreldrepenger", texts=PARENTAL_TEXTS)
    findings, _ = engine.run(doc)
    assert not [f for f in findings if f.rule == "parent-role-assumed"]
    legal = [f for f in findings if f.rule == "legal-term"]
    assert {f.severity.value for f in legal} == {"info"}
    # once per term, each with its further places; "mors aktivitet" is a term of its own
    by_term = {f.matched.lower(): f.occurrences for f in legal}
    assert by_term == {"mor": 3, "far": 2, "mors aktivitet": 1, "mødrekvoten": 1}


def test_the_same_wording_outside_a_statutory_form_assumes_the_parent(engine: Engine) -> None:
    doc = _doc("Påmelding til svømmekurs", texts=PARENTAL_TEXTS[:2])
    findings, _ = engine.run(doc)
    assert ("parent-role-assumed", "warning") in _rules(findings)


def test_a_form_offering_mor_far_and_medmor_is_a_statutory_context(engine: Engine) -> None:
    loc = Location("skjema.json", anchor="rolle")
    role = Field(
        FieldKind.RADIO,
        loc,
        legend="Hvem er du?",
        options=(Option("Mor"), Option("Far"), Option("Medmor")),
        language="nb",
    )
    doc = _doc("Melding om permisjon", fields=(role,), texts=("Mor må legge ved timeliste.",))
    findings, _ = engine.run(doc)
    assert not [f for f in findings if f.rule in ("parent-role-assumed", "parent-mor-far-only")]
    assert any(f.rule == "legal-term" for f in findings)


def test_parent_choice_in_a_statutory_form_is_no_error(engine: Engine) -> None:
    loc = Location("skjema.json", anchor="rolle")
    role = Field(
        FieldKind.RADIO, loc, legend="Søker du som", options=(Option("Mor"), Option("Far"))
    )
    findings, _ = engine.run(_doc("Søknad om engangsstønad", fields=(role,)))
    assert not [f for f in findings if f.rule == "parent-mor-far-only"]
    findings, _ = engine.run(_doc("Søknad om plass i barnehage", fields=(role,)))
    assert [f.rule for f in findings if f.severity.value == "error"] == ["parent-mor-far-only"]


def test_strict_profile_turns_the_statutory_context_off() -> None:
    strict = make_engine(profile="strict")
    findings, _ = strict.run(_doc("Søknad om foreldrepenger", texts=PARENTAL_TEXTS[:1]))
    assert ("parent-role-assumed", "warning") in _rules(findings)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "Stønad til enslig far eller mor"),
        ("nb", "Overgangsstønad for enslig far/mor"),
        ("nb", "Tilbudet gjelder enslige fedre eller mødre."),
        ("nn", "Stønad til einsleg far eller mor"),
        ("nn", "Du er einsleg far/mor og har omsorga for barnet."),
    ],
)
def test_benefit_names_in_every_word_order(engine: Engine, lang: str, text: str) -> None:
    findings, _ = engine.run(_doc("Tilleggsstønader", texts=(text,), lang=lang))
    assert _rules(findings) == [("legal-term", "info")]


# --- parent field sets ---------------------------------------------------------------------------


def _text_field(label: str, legend: str, anchor: str, kind: FieldKind = FieldKind.TEXT) -> Field:
    return Field(kind, Location("skjema.json", anchor=anchor), label=label, legend=legend)


def test_a_parent_field_set_is_one_error_citing_its_fields(engine: Engine) -> None:
    fields = (
        _text_field("Mors navn", "Foreldre", "mor-navn"),
        _text_field("Mors telefon", "Foreldre", "mor-tlf", FieldKind.TEL),
        _text_field("Fars navn", "Foreldre", "far-navn"),
        _text_field("Fars e-post", "Foreldre", "far-epost", FieldKind.EMAIL),
        _text_field("Barnets navn", "Barnet", "barn"),
    )
    findings, _ = engine.run(_doc("Påmelding til kulturskolen", fields=fields))
    parent = [f for f in findings if f.rule.startswith("parent-")]
    assert [f.rule for f in parent] == ["parent-mor-far-only"]
    (f,) = parent
    assert f.occurrences == 4
    assert [p.location.anchor for p in f.places] == ["mor-tlf", "far-navn", "far-epost"]
    assert "Mors navn" in f.message and "Fars e-post" in f.message


def test_a_third_guardian_section_clears_the_set(engine: Engine) -> None:
    fields = (
        _text_field("Navn", "Mor", "a"),
        _text_field("Navn", "Far", "b"),
        _text_field("Navn", "Annen omsorgsperson", "c"),
    )
    findings, _ = engine.run(_doc("Påmelding til kulturskolen", fields=fields))
    assert not [f for f in findings if f.rule.startswith("parent-")]


# --- translations --------------------------------------------------------------------------------

FORM = {
    "title": "Søknad om fritidsplass",
    "path": "nav990001",
    "components": [
        {
            "type": "textarea",
            "key": "hjelp",
            "label": "Trenger barnet hjelp?",
            "description": "Beskriv hva han eller hun trenger hjelp til.",
        },
        {"type": "textfield", "key": "kontakt", "label": "Kontaktperson"},
    ],
}
TRANSLATIONS = {
    "nn-NO": {
        "Trenger barnet hjelp?": "Treng barnet hjelp?",
        "Beskriv hva han eller hun trenger hjelp til.": "Skriv kva han eller ho treng hjelp til.",
        "Kontaktperson": "Kontaktperson",
    },
    "en": {
        "Trenger barnet hjelp?": "Does the child need help?",
        "Beskriv hva han eller hun trenger hjelp til.": "Describe what the child needs help with.",
        "Kontaktperson": "Contact person (he/she will be called)",
    },
}


@pytest.fixture
def formio_tree(tmp_path: Path) -> Path:
    (tmp_path / "forms").mkdir()
    (tmp_path / "translations").mkdir()
    (tmp_path / "forms" / "nav990001.json").write_text(json.dumps(FORM), encoding="utf-8")
    (tmp_path / "translations" / "nav990001.json").write_text(
        json.dumps(TRANSLATIONS), encoding="utf-8"
    )
    return tmp_path


def test_a_string_and_its_translation_are_one_finding(engine: Engine, formio_tree: Path) -> None:
    run = lint_paths([formio_tree / "forms", formio_tree / "translations"], engine)
    assert len(run.documents) == 1  # the translation file is read once, with its form
    pronoun = [f for f in run.findings() if f.rule == "binary-pronoun-phrase"]
    merged = next(f for f in pronoun if f.form_key == "nav990001")
    assert merged.languages == ["nb", "nn"]
    assert merged.places[0].location.source.endswith("translations/nav990001.json")
    assert merged.places[0].matched == "han eller ho"


def test_a_finding_only_in_a_translation_names_its_form_and_language(
    engine: Engine, formio_tree: Path
) -> None:
    run = lint_paths([formio_tree / "forms"], engine)
    only = [f for f in run.findings() if f.form_key == "nav990001#en"]
    assert [(f.rule, f.matched, f.language) for f in only] == [
        ("binary-pronoun-phrase", "he/she", "en")
    ]
    assert only[0].form_title == "Søknad om fritidsplass (en)"


def test_a_translation_linted_alone_is_named_by_its_form(engine: Engine, formio_tree: Path) -> None:
    run = lint_paths([formio_tree / "translations" / "nav990001.json"], engine)
    titles = {f.form_title for f in run.findings()}
    assert titles == {"Søknad om fritidsplass (nn-NO)", "Søknad om fritidsplass (en)"}
