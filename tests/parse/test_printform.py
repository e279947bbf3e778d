"""printform: print-and-fill fields in plain text lines, and never prose as fields."""

from __future__ import annotations

import pytest

from formlint.model import FieldKind, Location, Scope
from formlint.parse import printform
from formlint.parse.printform import Collector, Control, Line, recognise


def _one(lines: list[str]) -> printform.PrintField:
    rec = recognise(lines)
    assert len(rec.fields) == 1, rec.fields
    return rec.fields[0]


def _options(pf: printform.PrintField) -> list[tuple[str, bool]]:
    return [(o.label, o.selected) for o in pf.options]


def test_mor_far_blanks_are_two_text_fields() -> None:
    rec = recognise(["Mor: ______ Far: ______"])
    assert [(f.kind, f.label, f.line) for f in rec.fields] == [
        (FieldKind.TEXT, "Mor", 0),
        (FieldKind.TEXT, "Far", 0),
    ]
    assert rec.prose == ()


@pytest.mark.parametrize(
    "line",
    ["Navn: ............", "Navn: …………", "Navn ______", "Navn: . . . . . . .", "Tlf. nr.: ______"],
)
def test_blank_styles(line: str) -> None:
    pf = _one([line])
    assert pf.kind == FieldKind.TEXT
    assert pf.label in ("Navn", "Tlf. nr.")


def test_date_and_signature_kinds() -> None:
    assert _one(["Fødselsdato: ..../..../......"]).kind == FieldKind.DATE
    assert _one(["Underskrift: ____________"]).kind == FieldKind.SIGNATURE


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("☐ Gutt ☐ Jente", None),
        ("[ ] Gutt [ ] Jente", None),
        ("□ Mann □ Kvinne", None),
        ("Kjønn (sett kryss): ☐ M ☐ K", "Kjønn (sett kryss)"),
        ("Kjønn: ( ) Mann ( ) Kvinne", "Kjønn"),
        ("Kjønn: ❏ Mann ❑ Kvinne", "Kjønn"),
    ],
)
def test_glyph_option_lists_are_one_radio(line: str, label: str | None) -> None:
    pf = _one([line])
    assert pf.kind == FieldKind.RADIO
    assert pf.label == label
    assert len(pf.options) == 2
    assert not any(o.selected for o in pf.options)


@pytest.mark.parametrize("line", ["☐ Gutt ☒ Jente", "[ ] Gutt [x] Jente", "○ Gutt ● Jente"])
def test_filled_glyph_is_selected(line: str) -> None:
    assert _options(_one([line])) == [("Gutt", False), ("Jente", True)]


def test_label_from_previous_line_ending_with_colon() -> None:
    rec = recognise(["Barnets kjønn:", "☐ Gutt ☐ Jente", "Resten er tekst."])
    assert [f.label for f in rec.fields] == ["Barnets kjønn"]
    assert rec.fields[0].label_line == 0
    assert rec.prose == ((2, "Resten er tekst."),)


def test_label_from_previous_short_question() -> None:
    pf = _one(["Hvilket kjønn har barnet?", "☐ Gutt ☐ Jente ☐ Annet"])
    assert pf.label == "Hvilket kjønn har barnet?"
    assert [o.label for o in pf.options] == ["Gutt", "Jente", "Annet"]


def test_previous_prose_line_is_not_a_label() -> None:
    rec = recognise(["Søknaden behandles fortløpende.", "☐ Gutt ☐ Jente"])
    assert rec.fields[0].label is None
    assert rec.prose == ((0, "Søknaden behandles fortløpende."),)


def test_glyph_lines_one_per_option_are_joined() -> None:
    pf = _one(["Kjønn:", "☐ Gutt", "☒ Jente", "☐ Ønsker ikke å oppgi"])
    assert pf.kind == FieldKind.RADIO
    assert _options(pf) == [("Gutt", False), ("Jente", True), ("Ønsker ikke å oppgi", False)]


def test_groups_keep_glyph_lines_apart() -> None:
    rec = recognise(["☐ Gutt", "☐ Jente"], groups=["a", "b"])
    assert [f.kind for f in rec.fields] == [FieldKind.CHECKBOX, FieldKind.CHECKBOX]


def test_single_box_is_a_checkbox_labelled_by_its_words() -> None:
    pf = _one(["☒ Jeg samtykker til at opplysningene deles med skolen"])
    assert pf.kind == FieldKind.CHECKBOX
    assert pf.label == "Jeg samtykker til at opplysningene deles med skolen"
    assert pf.options[0].selected and pf.options[0].hidden


@pytest.mark.parametrize(
    ("line", "options"),
    [
        ("Kjønn: M / K", ["M", "K"]),
        ("Kjønn: Mann / Kvinne", ["Mann", "Kvinne"]),
        ("Kjønn: Mann/Kvinne/Annet", ["Mann", "Kvinne", "Annet"]),
        ("Har barnet allergier? Ja / Nei", ["Ja", "Nei"]),
    ],
)
def test_slash_lists(line: str, options: list[str]) -> None:
    pf = _one([line])
    assert pf.kind == FieldKind.RADIO
    assert [o.label for o in pf.options] == options
    assert pf.source == "slash"


@pytest.mark.parametrize(
    "line",
    [
        "Merk: søknaden må sendes innen 1. mars.",
        "Merk: han/hun skal signere skjemaet.",
        "Søknadsfrist: 1. mars 2027",
        "Innledning ........ 3",
        "f(x) er en funksjon",
        "Jeg, ______, bekrefter at opplysningene er riktige.",
        "Se punkt 3 (x) og 4.",
        "Opplysninger om søkeren: Søkeren må være folkeregistrert i kommunen.",
        "Dato: 01/02/2027",
        "Vedlegg: kopi av pass / ID-kort",
        "Les mer på trondheim.kommune.no/skjema/barnehage.",
        "Les dette nøye og fyll ut alle feltene under med blokkbokstaver: ______",
    ],
)
def test_prose_stays_prose(line: str) -> None:
    rec = recognise([line])
    assert rec.fields == ()
    assert rec.prose == ((0, line),)


def test_empty_lines_and_no_lines() -> None:
    assert recognise([]) == printform.Recognised((), ())
    assert recognise(["", "   "]).prose == ()


def test_markers_stand_for_controls() -> None:
    m0, m1 = printform.marker(0), printform.marker(1)
    rec = recognise([f"Mor: {m0} Far: {m1}"])
    assert [(f.label, f.markers) for f in rec.fields] == [("Mor", (0,)), ("Far", (1,))]
    rec = recognise([f"Kjønn: ☐{m0} Gutt ☒{m1} Jente"])
    assert rec.fields[0].markers == (0, 1)
    assert _options(rec.fields[0]) == [("Gutt", False), ("Jente", True)]
    assert printform.strip_markers(f"a{m0}b") == "ab"
    with pytest.raises(ValueError):
        printform.marker(-1)


def test_to_field() -> None:
    loc = Location(source="x.pdf", page=2)
    f = _one(["Kjønn: ☐ Gutt ☐ Jente"]).to_field(loc, language="nb")
    assert f.kind == FieldKind.RADIO and f.location.page == 2 and f.language == "nb"
    assert f.name_source == "text"


# --- Collector (shared by DOCX and ODT) ----------------------------------------------------------------


def _line(text: str, comp: str, controls: list[Control] | None = None) -> Line:
    return Line(text, comp, Scope.PARAGRAPH, controls or [])


def test_collector_header_table() -> None:
    c = Collector("t.docx", "word/document.xml", "nb")
    rows = [
        [
            ("table 1, row 1, cell 1", [_line("Mor", "a")]),
            ("table 1, row 1, cell 2", [_line("Far", "b")]),
        ],
        [("table 1, row 2, cell 1", []), ("table 1, row 2, cell 2", [_line("____", "c")])],
    ]
    c.table_rows(rows)
    assert [(f.label, f.location.component) for f in c.fields] == [
        ("Mor", "table 1, row 1, cell 1"),
        ("Far", "table 1, row 1, cell 2"),
    ]
    assert c.blocks == []


def test_collector_filled_table_is_text() -> None:
    c = Collector("t.docx", "word/document.xml", None)
    rows = [
        [("r1c1", [_line("Vedlegg", "r1c1")]), ("r1c2", [_line("Frist", "r1c2")])],
        [("r2c1", [_line("Fødselsattest", "r2c1")]), ("r2c2", [_line("1. mars", "r2c2")])],
    ]
    c.table_rows(rows)
    assert c.fields == []
    assert [b.text for b in c.blocks] == ["Vedlegg", "Frist", "Fødselsattest", "1. mars"]


def test_collector_merges_radio_group_across_lines() -> None:
    gutt = Control(FieldKind.RADIO, name="kjonn", value="g", group="f/kjonn", text="Gutt")
    jente = Control(FieldKind.RADIO, name="kjonn", value="j", group="f/kjonn", text="Jente")
    m0 = printform.marker(0)
    c = Collector("t.odt", "content.xml", "nn")
    c.emit(
        [
            _line(f"Kjønn: ☒{m0} Gutt", "paragraph 1", [gutt]),
            _line(f"☐{m0} Jente", "paragraph 2", [jente]),
        ]
    )
    c.finish()
    assert len(c.fields) == 1
    f = c.fields[0]
    assert (f.kind, f.label, f.name) == (FieldKind.RADIO, "Kjønn", "kjonn")
    assert [(o.label, o.value, o.selected) for o in f.options] == [
        ("Gutt", "g", True),
        ("Jente", "j", False),
    ]


def test_bulleted_sentences_are_prose() -> None:
    lines = [
        "● Søknaden sendes til kommunen.",
        "● Du får svar innen tre uker etter at vi har mottatt den",
    ]
    rec = recognise(lines)
    assert rec.fields == ()
    assert [t for _, t in rec.prose] == lines


def test_collector_matrix_table() -> None:
    c = Collector("t.docx", "word/document.xml", "nb")

    def cell(comp: str, text: str = "") -> tuple[str, list[Line]]:
        return (comp, [_line(text, comp)] if text else [])

    rows = [
        [cell("r1c1"), cell("r1c2", "Mor"), cell("r1c3", "Far")],
        [cell("r2c1", "Navn"), cell("r2c2"), cell("r2c3")],
        [cell("r3c1", "Fødselsnummer:"), cell("r3c2", "______"), cell("r3c3")],
    ]
    c.table_rows(rows)
    got = [(f.legend, f.label, f.location.component, f.question) for f in c.fields]
    assert got == [
        # a single field's question is its own label; the column header is its section (legend)
        ("Mor", "Navn", "r2c2", "Navn"),
        ("Far", "Navn", "r2c3", "Navn"),
        ("Mor", "Fødselsnummer", "r3c2", "Fødselsnummer"),
        ("Far", "Fødselsnummer", "r3c3", "Fødselsnummer"),
    ]
    assert c.blocks == []


def test_collector_layout_table_is_not_a_field() -> None:
    c = Collector("t.docx", "word/document.xml", "nb")
    c.table_rows([[("r1c1", [_line("Trondheim kommune", "r1c1")]), ("r1c2", [])]])
    assert c.fields == [] and [b.text for b in c.blocks] == ["Trondheim kommune"]
    c.table_rows([[("r1c1", [_line("Navn:", "r1c1")]), ("r1c2", [])]])
    assert [f.label for f in c.fields] == ["Navn"]


@pytest.mark.parametrize(
    ("line", "label", "options"),
    [
        ("Gutt ☐ Jente ☒", None, [("Gutt", False), ("Jente", True)]),
        (
            "Kjønn: Mann □ Kvinne □ Annet □",
            "Kjønn",
            [("Mann", False), ("Kvinne", False), ("Annet", False)],
        ),
    ],
)
def test_boxes_after_their_words(
    line: str, label: str | None, options: list[tuple[str, bool]]
) -> None:
    pf = _one([line])
    assert (pf.kind, pf.label) == (FieldKind.RADIO, label)
    assert _options(pf) == options


def test_box_at_end_of_sentence_is_prose() -> None:
    line = "Kryss av her dersom du ønsker at vi kontakter deg på telefon ☐"
    assert recognise([line]).fields == ()


def test_bare_short_line_above_is_the_label() -> None:
    pf = _one(["Kjønn", "☐ Gutt ☐ Jente"])
    assert pf.label == "Kjønn" and pf.label_line == 0
    rec = recognise(["Dette er en setning.", "☐ Gutt ☐ Jente"])
    assert rec.fields[0].label is None


def test_blank_line_under_a_blank_field_is_more_room() -> None:
    rec = recognise(["Beskrivelse: ____________", "______________________", "Navn: ____"])
    assert [f.label for f in rec.fields] == ["Beskrivelse", "Navn"]
    assert rec.prose == ()


def test_collector_header_over_label_cells() -> None:
    """ "Mor | Far" over "Navn:" cells (each parent's own fields), as in the demo site's DOCX."""
    c = Collector("t.docx", "word/document.xml", "nb")

    def cell(comp: str, text: str) -> tuple[str, list[Line]]:
        return (comp, [_line(text, comp)])

    c.table_rows(
        [
            [cell("r1c1", "Mor"), cell("r1c2", "Far")],
            [cell("r2c1", "Navn:"), cell("r2c2", "Navn: ______")],
            [cell("r3c1", "Telefon:"), ("r3c2", [])],
        ]
    )
    got = [(f.legend, f.label, f.location.component) for f in c.fields]
    assert got == [
        ("Mor", "Navn", "r2c1"),
        ("Far", "Navn", "r2c2"),
        ("Mor", "Telefon", "r3c1"),
    ]
    assert c.blocks == []


def test_collector_radio_buttons_one_per_line() -> None:
    """Each paragraph numbers its controls from 0; the lines of one group still map right."""
    gutt = Control(FieldKind.RADIO, name="kjonn", value="g", group="f/kjonn", text="Gutt")
    jente = Control(FieldKind.RADIO, name="kjonn", value="j", group="f/kjonn", text="Jente")
    m0 = printform.marker(0)
    c = Collector("t.odt", "content.xml", "nb")
    c.emit(
        [
            _line("Kjønn:", "paragraph 1"),
            _line(f"☐{m0} Gutt", "paragraph 2", [gutt]),
            _line(f"☒{m0} Jente", "paragraph 3", [jente]),
        ]
    )
    c.finish()
    assert [(f.kind, f.label) for f in c.fields] == [(FieldKind.RADIO, "Kjønn")]
    assert [(o.label, o.value, o.selected) for o in c.fields[0].options] == [
        ("Gutt", "g", False),
        ("Jente", "j", True),
    ]
