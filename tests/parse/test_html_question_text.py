"""HTML: the question printed with a group's boxes in legacy markup is the group's question.

Old forms print the question as text in the same block as unlabelled boxes, or in the first cell
of the boxes' table row, often inside a fieldset whose legend names the whole section. That text
is nearer than the legend: it becomes the group's ``legend`` (what ``Field.question`` reads for a
radio/checkbox group) and leaves the page prose; the section legend stays page text.
"""

from __future__ import annotations

import pytest

from formlint.api import lint_document
from formlint.document import FetchedDocument
from formlint.engine.runner import Engine
from formlint.model import Field, FieldKind, ParsedDocument
from formlint.parse.html import parse_html
from formlint.parse.registry import ParseOptions


def parse(body: str, lang: str = "nb") -> ParsedDocument:
    html = (
        f'<!DOCTYPE html><html lang="{lang}"><head><title>Skjema</title></head>'
        f"<body>{body}</body></html>"
    )
    return parse_html(
        FetchedDocument(url="https://k.no/skjema.html", body=html.encode("utf-8")),
        ParseOptions(),
    )


def groups(doc: ParsedDocument) -> list[Field]:
    return [
        f
        for form in doc.forms
        for f in form.fields
        if f.kind in (FieldKind.RADIO, FieldKind.CHECKBOXES)
    ]


def the_group(doc: ParsedDocument) -> Field:
    (f,) = groups(doc)
    return f


def prose(doc: ParsedDocument) -> list[str]:
    return [b.text for form in doc.forms for b in form.text_blocks] + [
        b.text for b in doc.text_blocks if b.scope.value != "title"
    ]


def options(f: Field) -> list[str]:
    return [o.label for o in f.options]


# --- the nearest question wins over a section legend ----------------------------------------------


def test_paragraph_question_inside_a_fieldset_with_a_section_legend() -> None:
    doc = parse(
        "<form><fieldset><legend>Opplysninger om eleven</legend>"
        '<label for="nm">Elevens navn</label><input id="nm" name="navn">'
        '<p>Kjønn: <input type="radio" name="kj" value="g"> Gutt'
        ' <input type="radio" name="kj" value="j"> Jente</p></fieldset></form>'
    )
    f = the_group(doc)
    assert f.legend == "Kjønn:"
    assert f.question == "Kjønn:"
    assert options(f) == ["Gutt", "Jente"]
    assert f.in_fieldset is True  # the fieldset still groups the boxes programmatically
    # the text field keeps the legend as its section; the question text is no longer prose
    navn = next(x for x in doc.forms[0].fields if x.name == "navn")
    assert navn.legend == "Opplysninger om eleven"
    assert prose(doc) == []


def test_section_legend_stays_page_text_when_no_field_takes_it() -> None:
    doc = parse(
        "<form><fieldset><legend>Opplysninger om eleven</legend>"
        '<p>Kjønn: <input type="radio" name="kj"> Gutt <input type="radio" name="kj"> Jente</p>'
        "</fieldset></form>"
    )
    f = the_group(doc)
    assert f.question == "Kjønn:"
    assert prose(doc) == ["Opplysninger om eleven"]


def test_table_row_with_the_question_in_the_first_cell() -> None:
    doc = parse(
        "<form><fieldset><legend>Om den som søker</legend><table>"
        "<tr><td>Kjønn</td><td><input type=radio name=s value=k> Kvinne"
        " <input type=radio name=s value=m> Mann</td></tr>"
        "<tr><td>Merknad</td><td>Fylles ut av skolen</td></tr>"
        "</table></fieldset></form>"
    )
    f = the_group(doc)
    assert f.question == "Kjønn"
    assert options(f) == ["Kvinne", "Mann"]
    assert "Kjønn" not in prose(doc)
    assert prose(doc) == ["Om den som søker", "Merknad", "Fylles ut av skolen"]


def test_th_row_header_with_one_option_per_cell() -> None:
    doc = parse(
        "<form><fieldset><legend>Barnet</legend><table><tr><th>Kjønn</th>"
        '<td><label><input type="radio" name="b"> Jente</label></td>'
        '<td><label><input type="radio" name="b"> Gutt</label></td></tr></table>'
        "</fieldset></form>"
    )
    f = the_group(doc)
    assert f.question == "Kjønn"
    assert options(f) == ["Jente", "Gutt"]
    assert prose(doc) == ["Barnet"]


def test_question_cell_before_labelled_boxes() -> None:
    doc = parse(
        "<form><fieldset><legend>Foresatt</legend><table><tr><td>Kjønn</td><td>"
        '<input type="radio" id="a" name="f"><label for="a">Kvinne</label>'
        '<input type="radio" id="b" name="f"><label for="b">Mann</label>'
        "</td></tr></table></fieldset></form>"
    )
    f = the_group(doc)
    assert (f.question, f.name_source) == ("Kjønn", "label")


def test_nearest_earlier_cell_in_a_row_of_two_questions() -> None:
    doc = parse(
        "<form><table><tr><td>Navn</td><td><input name=n></td>"
        "<td>Kjønn</td><td><input type=radio name=k> Gutt <input type=radio name=k> Jente</td>"
        "</tr></table></form>"
    )
    assert the_group(doc).question == "Kjønn"


def test_div_with_a_text_node_then_radios_on_their_own_lines() -> None:
    doc = parse(
        "<form><fieldset><legend>Personalia</legend><div>Kjønn:<br>"
        '<input type="radio" name="p" value="1"> Mann<br>'
        '<input type="radio" name="p" value="2"> Kvinne</div></fieldset></form>'
    )
    f = the_group(doc)
    assert f.question == "Kjønn:"
    assert options(f) == ["Mann", "Kvinne"]
    assert prose(doc) == ["Personalia"]


def test_question_in_an_inline_element_before_wrapped_boxes() -> None:
    doc = parse(
        "<form><fieldset><legend>Om barnet</legend><p><b>Kjønn:</b> "
        '<label><input type="radio" name="x"> Jente</label> '
        '<label><input type="radio" name="x"> Gutt</label></p></fieldset></form>'
    )
    assert the_group(doc).question == "Kjønn:"
    assert prose(doc) == ["Om barnet"]


def test_words_inside_a_wrapping_label_are_the_options() -> None:
    doc = parse(
        "<form><fieldset><legend>Søker</legend><table><tr><td>Kjønn</td><td>"
        '<label><span>Kvinne</span> <input type="radio" name="w"></label> '
        '<label><span>Mann</span> <input type="radio" name="w"></label></td></tr></table>'
        "</fieldset></form>"
    )
    f = the_group(doc)
    assert (f.question, options(f)) == ("Kjønn", ["Kvinne", "Mann"])


def test_a_hidden_input_between_question_and_boxes_is_passed_over() -> None:
    doc = parse(
        '<form><fieldset><legend>Søker</legend><p>Kjønn: <input type="hidden" name="v" value="2">'
        '<input type="radio" name="h"> Kvinne <input type="radio" name="h"> Mann</p>'
        "</fieldset></form>"
    )
    assert the_group(doc).question == "Kjønn:"


def test_question_block_around_the_block_of_boxes() -> None:
    doc = parse(
        "<form><fieldset><legend>Om barnet</legend><div>Kjønn: <div class='valg'>"
        '<input type="radio" name="x"> Jente <input type="radio" name="x"> Gutt</div></div>'
        "</fieldset></form>"
    )
    assert the_group(doc).question == "Kjønn:"


def test_text_after_the_previous_control_in_the_same_paragraph() -> None:
    doc = parse(
        '<form><p>Alder: <input name="alder" size="3"> Kjønn: <input type="radio" name="k">'
        ' Kvinne <input type="radio" name="k"> Mann</p></form>'
    )
    assert the_group(doc).question == "Kjønn:"


def test_nynorsk() -> None:
    doc = parse(
        "<form><fieldset><legend>Opplysningar om søkjaren</legend>"
        "<p>Kjønn: <input type=radio name=kj> Gut <input type=radio name=kj> Jente</p>"
        "<p>Fødselsår: <input name=ar></p></fieldset></form>",
        lang="nn",
    )
    f = the_group(doc)
    assert (f.question, options(f), f.language) == ("Kjønn:", ["Gut", "Jente"], "nn")


def test_english() -> None:
    doc = parse(
        "<form><fieldset><legend>About your child</legend><table>"
        "<tr><th>Gender</th><td><input type=radio name=g> Boy</td>"
        "<td><input type=radio name=g> Girl</td></tr></table></fieldset></form>",
        lang="en",
    )
    f = the_group(doc)
    assert (f.question, options(f)) == ("Gender", ["Boy", "Girl"])
    assert prose(doc) == ["About your child"]


# --- unnamed boxes: a set per question --------------------------------------------------------------


def test_unnamed_radios_after_a_question_are_one_set() -> None:
    doc = parse(
        "<form><fieldset><legend>Søknaden gjelder</legend>"
        "<p>Kjønn: <input type=radio> gutt <input type=radio> jente<br>"
        "Skoletrinn: <input type=radio> barnetrinn <input type=radio> ungdomstrinn</p>"
        "</fieldset></form>"
    )
    got = [(f.kind, f.question, options(f)) for f in groups(doc)]
    assert got == [
        (FieldKind.RADIO, "Kjønn:", ["gutt", "jente"]),
        (FieldKind.RADIO, "Skoletrinn:", ["barnetrinn", "ungdomstrinn"]),
    ]
    assert prose(doc) == ["Søknaden gjelder"]


def test_unnamed_radios_one_per_cell() -> None:
    doc = parse(
        "<form><table><tr><td>Kjønn</td><td><input type=radio> Kvinne</td>"
        "<td><input type=radio> Mann</td><td>Bosted</td><td><input type=radio> By</td>"
        "<td><input type=radio> Land</td></tr></table></form>"
    )
    assert [(f.question, options(f)) for f in groups(doc)] == [
        ("Kjønn", ["Kvinne", "Mann"]),
        ("Bosted", ["By", "Land"]),
    ]


def test_unnamed_checkboxes_after_a_question_are_one_set() -> None:
    doc = parse(
        "<form><p>Kjønn: <input type=checkbox> Mann <input type=checkbox> Kvinne</p></form>"
    )
    f = the_group(doc)
    assert (f.kind, f.question, options(f)) == (FieldKind.CHECKBOXES, "Kjønn:", ["Mann", "Kvinne"])


def test_unnamed_checkboxes_without_a_question_stay_single() -> None:
    doc = parse(
        "<form><p><input type=checkbox> Jeg har lest vilkårene "
        "<input type=checkbox> Send meg kvittering på e-post</p></form>"
    )
    fields = doc.forms[0].fields
    assert [(f.kind, f.label) for f in fields] == [
        (FieldKind.CHECKBOX, "Jeg har lest vilkårene"),
        (FieldKind.CHECKBOX, "Send meg kvittering på e-post"),
    ]


# --- where the legend still asks the question -------------------------------------------------------


def test_labelled_group_in_a_fieldset_keeps_its_legend() -> None:
    doc = parse(
        "<form><fieldset><legend>Hvilket kjønn har eleven?</legend>"
        '<input type="radio" id="e1" name="e"><label for="e1">Jente</label>'
        '<input type="radio" id="e2" name="e"><label for="e2">Gutt</label>'
        '<input type="radio" id="e3" name="e"><label for="e3">Annet</label></fieldset></form>'
    )
    f = the_group(doc)
    assert (f.question, f.name_source, f.in_fieldset) == (
        "Hvilket kjønn har eleven?",
        "label",
        True,
    )
    assert prose(doc) == []


def test_a_paragraph_before_the_block_of_boxes_is_not_the_question() -> None:
    doc = parse(
        "<form><fieldset><legend>Om eleven</legend>"
        "<p>Eleven har rett på skyss når skoleveien er lang.</p>"
        "<p><input type=radio name=s> Ja <input type=radio name=s> Nei</p></fieldset></form>"
    )
    f = the_group(doc)
    assert f.question == "Om eleven"
    assert prose(doc) == ["Eleven har rett på skyss når skoleveien er lang."]


def test_text_in_another_row_is_not_the_question() -> None:
    doc = parse(
        "<form><fieldset><legend>Skyss</legend><table><tr><td>Avstand til skolen</td></tr>"
        "<tr><td><input type=radio name=a> Under 4 km <input type=radio name=a> Over 4 km</td>"
        "</tr></table></fieldset></form>"
    )
    assert the_group(doc).question == "Skyss"


def test_a_cell_with_another_field_is_not_the_question() -> None:
    doc = parse(
        "<form><fieldset><legend>Tilbud</legend><table><tr>"
        "<td>Navn <input name=n></td><td><input type=radio name=t> SFO</td>"
        "<td><input type=radio name=t> Leksehjelp</td></tr></table></fieldset></form>"
    )
    assert the_group(doc).question == "Tilbud"


def test_text_before_a_line_break_belongs_to_the_line_before() -> None:
    doc = parse(
        "<form><fieldset><legend>Kjønn</legend><div>Velg det som passer best.<br>"
        "Mer informasjon finner du på nettsidene våre.<br><br>"
        '<input type="radio" id="q1" name="q"><label for="q1">Kvinne</label>'
        '<input type="radio" id="q2" name="q"><label for="q2">Mann</label></div></fieldset></form>'
    )
    # the nearest line before the boxes is the question, not the whole paragraph
    assert the_group(doc).question == "Mer informasjon finner du på nettsidene våre."


def test_a_bare_instruction_does_not_replace_a_legend() -> None:
    doc = parse(
        "<form><fieldset><legend>Kjønn</legend><p>Velg ett alternativ: "
        '<input type="radio" id="v1" name="v"><label for="v1">Kvinne</label> '
        '<input type="radio" id="v2" name="v"><label for="v2">Mann</label></p></fieldset></form>'
    )
    assert the_group(doc).question == "Kjønn"
    assert prose(doc) == ["Velg ett alternativ:"]


def test_a_radiogroups_own_name_is_kept() -> None:
    doc = parse(
        '<form><div role="radiogroup" aria-label="Kjønn"><p>Kryss av her: '
        '<input type="radio" name="r"> Kvinne <input type="radio" name="r"> Mann</p></div></form>'
    )
    assert the_group(doc).question == "Kjønn"


def test_option_words_before_their_box_are_not_the_question() -> None:
    doc = parse(
        "<form><fieldset><legend>Kjønn</legend><p>Kvinne <input type=radio name=o>"
        " Mann <input type=radio name=o></p></fieldset></form>"
    )
    f = the_group(doc)
    assert (f.question, options(f)) == ("Kjønn", ["Kvinne", "Mann"])


def test_question_with_a_colon_before_words_before_their_boxes() -> None:
    doc = parse(
        "<form><fieldset><legend>Om deg</legend><p>Kjønn: Kvinne <input type=radio name=o>"
        " Mann <input type=radio name=o></p></fieldset></form>"
    )
    f = the_group(doc)
    assert (f.question, options(f)) == ("Kjønn:", ["Kvinne", "Mann"])
    assert prose(doc) == ["Om deg"]


def test_a_box_followed_by_a_text_field_keeps_the_words_after_the_boxes() -> None:
    doc = parse(
        "<form><fieldset><legend>Om deg</legend><p>Kjønn <input type=radio name=o> Kvinne"
        ' <input type=radio name=o> Mann <input type=radio name=o> <input name="annet"></p>'
        "</fieldset></form>"
    )
    f = the_group(doc)
    assert (f.question, options(f)) == ("Kjønn", ["Kvinne", "Mann", ""])


def test_option_words_before_their_box_with_the_question_in_the_row() -> None:
    doc = parse(
        "<form><table><tr><th>Kjønn</th><td>Kvinne <input type=radio name=o></td>"
        "<td>Mann <input type=radio name=o></td></tr></table></form>"
    )
    f = the_group(doc)
    assert (f.question, options(f)) == ("Kjønn", ["Kvinne", "Mann"])


def test_a_hint_before_the_boxes_is_not_the_question() -> None:
    doc = parse(
        '<form><fieldset><legend>Kjønn</legend><p><span class="hint">Frivillig</span> '
        '<input type="radio" name="h"> Kvinne <input type="radio" name="h"> Mann</p>'
        "</fieldset></form>"
    )
    f = the_group(doc)
    assert f.question == "Kjønn"
    assert f.help == ("Frivillig",)


# --- through the engine -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "body", "question", "section"),
    [
        (
            "nb",
            "<form><fieldset><legend>Opplysninger om eleven</legend>"
            "<p>Kjønn: <input type=radio name=k> Gutt <input type=radio name=k> Jente</p>"
            "</fieldset></form>",
            "Kjønn",
            "Opplysninger",
        ),
        (
            "nb",
            "<form><fieldset><legend>Om den som søker</legend><table><tr><td>Kjønn</td>"
            "<td><input type=radio> Kvinne</td><td><input type=radio> Mann</td></tr></table>"
            "</fieldset></form>",
            "Kjønn",
            "søker",
        ),
        (
            "nn",
            "<form><fieldset><legend>Opplysningar om søkjaren</legend>"
            "<div>Kjønn:<br><input type=radio name=k> Gut<br><input type=radio name=k> Jente"
            "</div></fieldset></form>",
            "Kjønn",
            "Opplysningar",
        ),
        (
            "en",
            "<form><fieldset><legend>About your child</legend><table><tr><th>Gender</th>"
            "<td><input type=radio name=g> Boy <input type=radio name=g> Girl</td></tr>"
            "</table></fieldset></form>",
            "Gender",
            "About",
        ),
    ],
)
def test_gender_finding_names_the_nearest_question(
    engine: Engine, lang: str, body: str, question: str, section: str
) -> None:
    html = (
        f'<!doctype html><html lang="{lang}"><head><title>Skjema</title></head>'
        f"<body>{body}</body></html>"
    )
    res = lint_document(FetchedDocument(url="skjema.html", body=html.encode("utf-8")), engine)
    found = [f for f in res.findings if f.rule == "gender-binary-options"]
    assert len(found) == 1, [(f.rule, f.excerpt) for f in res.findings]
    assert found[0].excerpt.startswith(question)
    assert section not in found[0].excerpt
