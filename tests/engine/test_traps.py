"""DOMAIN.md §7: traps that real forms contain must stay silent."""

from __future__ import annotations

import pytest

from formlint.engine.runner import Engine
from formlint.model import (
    Field,
    FieldKind,
    Form,
    Location,
    Option,
    ParsedDocument,
    Scope,
    TextBlock,
    TextBlocks,
)

TRAPS = [
    ("nb", "Søknaden avgjøres etter kommunens skjønn."),
    ("nb", "Utredning ved kjønnsinkongruens skjer i spesialisthelsetjenesten."),
    ("nb", "Kari Tårnmann og Ola Enkemann er saksbehandlere."),
    ("nb", "Mormor og morfar kan hente barnet i barnehagen."),
    ("nb", "Barnet har rett til morsmålsopplæring."),
    ("nb", "Farlig avfall leveres til gjenvinningsstasjonen."),
    ("nb", "Fartøy over 15 meter må ha AIS."),
    ("nb", "Bussen far fra torget klokka åtte, og han far videre til Heimdal."),
    ("nb", "Kontakt Hans Olsen på servicetorget."),
    ("nb", "Planen nevner skjemaer som kun har alternativene «mor» og «far»."),
    ("nb", "For eksempel: han, hun, hen."),
    ("en", "For example, Mrs. Schmidt"),
    ("en", "Pronouns, for example he, she, they"),
    ("nb", "Formannskapets leder og kommunedirektøren møtes."),
    ("nb", "Morgenmøtet er flyttet; velg farge på skjemaet og ha det moro."),
    ("nn", "Oppgje inntekta dersom ho er under 2G."),
    ("nn", "Fullmakta gjeld til ho blir trekt tilbake."),
    ("en", "Your mother tongue"),
    ("nb", "Ektefelles/samboers/registrert partners fødselsnummer"),
    ("nb", "Den enkelte arbeidstaker og enkeltpersoner"),
]


@pytest.mark.parametrize(("lang", "text"), TRAPS)
def test_trap_is_silent(engine: Engine, lang: str, text: str) -> None:
    doc = ParsedDocument(
        source="t",
        format="example",
        language=lang,
        text_blocks=TextBlocks((TextBlock(text, Scope.PARAGRAPH, Location("t"), lang),)),
    )
    findings, _ = engine.run(doc)
    assert [f"{f.rule}: {f.matched}" for f in findings] == []


def _form(*fields: Field) -> ParsedDocument:
    loc = Location("t")
    return ParsedDocument(
        source="t",
        format="example",
        forms=(Form(key="f", kind="example", location=loc, fields=fields, language="nb"),),
        language="nb",
    )


def test_field_picker_listing_kjonn_is_not_a_gender_question(engine: Engine) -> None:
    picker = Field(
        FieldKind.CHECKBOXES,
        Location("t"),
        label="Kolonner som skal skjules",
        options=(Option("Navn"), Option("Kjønn"), Option("Alder")),
    )
    assert [f.rule for f in engine.run(_form(picker))[0]] == []


def test_hidden_fields_and_option_values_are_not_read(engine: Engine) -> None:
    hidden = Field(
        FieldKind.RADIO,
        Location("t"),
        legend="Kjønn",
        options=(Option("Gutt"), Option("Jente")),
        hidden=True,
    )
    values = Field(
        FieldKind.RADIO,
        Location("t"),
        legend="Svar",
        options=(Option("Ja", value="mor"), Option("Nei", value="far")),
    )
    hidden_opts = Field(
        FieldKind.RADIO,
        Location("t"),
        legend="Kjønn",
        options=(
            Option("Jente"),
            Option("Gutt"),
            Option("Annet"),
            Option("Ønsker ikke å oppgi"),
            Option("Mann", hidden=True),
        ),
    )
    findings = engine.run(_form(hidden, values, hidden_opts))[0]
    assert [f.rule for f in findings if f.rule != "gender-not-needed"] == []
