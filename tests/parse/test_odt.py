"""ODT parser: form controls anchored in text, tables, print-and-fill text, bad packages."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from document_fixtures import mf, option_states, single_form

from formlint.document import FetchedDocument
from formlint.model import FieldKind, ParsedDocument, Scope
from formlint.parse.odt import parse_odt
from formlint.parse.registry import ParseOptions, parse_document

OPTS = ParseOptions()


@pytest.fixture(scope="module")
def form_odt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path: Path = mf.make_odt(tmp_path_factory.mktemp("odt") / "form.odt")
    return path


def _parse(path: Path, opts: ParseOptions = OPTS) -> ParsedDocument:
    return parse_odt(FetchedDocument.from_path(path), opts)


def _odt(tmp_path: Path, body: str, forms: str = "") -> Path:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {mf._ODT_NS}>'
        f"<office:body><office:text><office:forms>{forms}</office:forms>{body}"
        "</office:text></office:body></office:document-content>"
    )
    path = tmp_path / "t.odt"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content)
    return path


def test_form_document(form_odt: Path) -> None:
    doc = _parse(form_odt)
    form = single_form(doc)
    assert (doc.format, form.kind, form.key) == ("odt", "odt", "document")
    assert form.title == "Søknad om kulturskoleplass"
    assert doc.language == form.language == "nn"
    got = [(f.kind, f.label, f.name, f.location.component) for f in form.fields]
    assert got == [
        (FieldKind.TEXT, "Mor", "forelder1", "paragraph 3"),
        (FieldKind.TEXT, "Far", "forelder2", "paragraph 3"),
        (FieldKind.RADIO, "Barnets kjønn", "kjonn", "paragraph 4"),
        (FieldKind.CHECKBOX, "Jeg samtykker", "samtykke", "paragraph 6"),
        (FieldKind.SELECT, "Tiltale", "tiltale", "paragraph 7"),
        (FieldKind.SELECT, "Sivilstand", "sivilstand", "paragraph 8"),
        (FieldKind.TEXT, "Navn", None, "table 1, row 1, cell 1"),
        (FieldKind.DATE, "Fødselsdato", None, "table 1, row 1, cell 2"),
        (FieldKind.TEXT, "Kjønn", None, "table 1, row 1, cell 3"),
        (FieldKind.RADIO, "Kjønn", None, "paragraph 9"),
    ]
    assert all(f.location.part == "content.xml" for f in form.fields)


def test_radio_group_across_paragraphs(form_odt: Path) -> None:
    radio = single_form(_parse(form_odt)).fields[2]
    assert option_states(radio) == [("Gutt", "gutt", True), ("Jente", "jente", False)]
    assert radio.location.anchor == "kjonn"


def test_lists_and_print_text(form_odt: Path) -> None:
    fields = single_form(_parse(form_odt)).fields
    assert option_states(fields[4]) == [("Herr", "herr", False), ("Fru", "fru", False)]
    assert [o.label for o in fields[5].options] == ["Gift", "Samboer", "Enslig"]
    assert [o.label for o in fields[9].options] == ["Mann", "Kvinne"]
    assert [(o.selected, o.hidden) for o in fields[3].options] == [(False, True)]


def test_text_blocks(form_odt: Path) -> None:
    form = single_form(_parse(form_odt))
    assert [(b.scope, b.text, b.location.component) for b in form.text_blocks] == [
        (
            Scope.PARAGRAPH,
            "Søknaden skal signeres av han eller hun som har foreldreansvar.",
            "paragraph 2",
        ),
        (Scope.PARAGRAPH, "Merk: søknaden må sendes innen 1. mars.", "paragraph 10"),
    ]


def test_through_registry(form_odt: Path) -> None:
    doc = parse_document(FetchedDocument.from_path(form_odt))
    assert doc.format == "odt" and doc.forms[0].kind == "odt"


def test_spaces_lists_headings_and_checked_box(tmp_path: Path) -> None:
    forms = (
        '<form:form form:name="f"><form:checkbox form:name="ok" form:label="Ja, takk" '
        'form:current-state="checked" xml:id="k1"/>'
        '<form:listbox form:name="l" form:multiple="true" xml:id="k2">'
        '<form:option form:label="A" form:selected="true"/><form:option form:label="B"/>'
        "</form:listbox>"
        '<form:text form:name="skjult" form:title="Skjult felt" xml:id="k3"/></form:form>'
    )
    body = (
        '<text:h text:outline-level="1">Tittel</text:h>'
        '<text:p>Han<text:s text:c="2"/>eller<text:tab/>hun<text:note><text:note-body>'
        "<text:p>fotnote</text:p></text:note-body></text:note></text:p>"
        "<text:list><text:list-item><text:p>Første punkt</text:p></text:list-item></text:list>"
        '<text:p><draw:control draw:control="k1"/></text:p>'
        '<text:p>Velg: <draw:control draw:control="k2"/></text:p>'
    )
    form = single_form(_parse(_odt(tmp_path, body, forms)))
    assert form.title == "Tittel"
    assert [(b.scope, b.text) for b in form.text_blocks] == [
        (Scope.PARAGRAPH, "Han eller hun"),  # text:s, text:tab: one space
        (Scope.LIST_ITEM, "Første punkt"),
    ]
    got = [(f.kind, f.label, f.location.component) for f in form.fields]
    assert got == [
        (FieldKind.CHECKBOX, "Ja, takk", "paragraph 4"),
        (FieldKind.MULTISELECT, "Velg", "paragraph 5"),
        # defined in office:forms but placed nowhere in the text: still a field
        (FieldKind.TEXT, "Skjult felt", "form control skjult"),
    ]
    assert [o.selected for o in form.fields[0].options] == [True]
    assert option_states(form.fields[1]) == [("A", None, True), ("B", None, False)]


def test_table_with_label_rows(tmp_path: Path) -> None:
    def cell(text: str = "") -> str:
        return f"<table:table-cell><text:p>{text}</text:p></table:table-cell>"

    body = (
        "<table:table>"
        f"<table:table-row>{cell('Navn')}{cell()}</table:table-row>"
        f"<table:table-row>{cell('Kjønn')}{cell('☐ Mann ☐ Kvinne ☐ Annet')}</table:table-row>"
        "</table:table>"
    )
    form = single_form(_parse(_odt(tmp_path, body)))
    got = [(f.kind, f.label, f.location.component) for f in form.fields]
    assert got == [
        (FieldKind.TEXT, "Navn", "table 1, row 1, cell 2"),
        (FieldKind.RADIO, "Kjønn", "table 1, row 2, cell 2"),
    ]
    assert form.text_blocks == ()


def test_no_fields_no_form(tmp_path: Path) -> None:
    doc = _parse(_odt(tmp_path, "<text:p>Bare tekst.</text:p>"))
    assert doc.forms == () and [b.text for b in doc.text_blocks] == ["Bare tekst."]


def _one_problem(doc: ParsedDocument) -> str:
    assert doc.forms == () and len(doc.problems) == 1
    return doc.problems[0].message


def test_missing_content(tmp_path: Path) -> None:
    path = tmp_path / "x.odt"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    msg = _one_problem(_parse(path))
    assert msg == "ODT has no content.xml (not an OpenDocument text, or damaged)"


def test_not_a_zip_and_bomb(tmp_path: Path) -> None:
    assert _one_problem(_parse(mf.make_text_as_docx(tmp_path / "x.odt"))).startswith(
        "not a zip archive"
    )
    bomb = mf.make_zip_bomb(tmp_path / "b.odt", size=20 * 1024 * 1024)
    assert _one_problem(_parse(bomb)).startswith("zip bomb suspected")


def test_malformed_content(tmp_path: Path) -> None:
    path = tmp_path / "x.odt"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("content.xml", "<office:document-content>")
    assert _one_problem(_parse(path)).startswith("content.xml is not well-formed XML")


def test_every_cut_of_content_xml_is_handled(form_odt: Path, tmp_path: Path) -> None:
    content = zipfile.ZipFile(form_odt).read("content.xml").decode()
    for k, cut in enumerate(range(0, len(content), max(1, len(content) // 30))):
        path = tmp_path / f"c{k}.odt"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("content.xml", content[:cut])
        doc = _parse(path)
        assert doc.format == "odt"
        assert doc.problems or doc.forms or doc.text_blocks


def test_label_controls_and_hidden_sections(tmp_path: Path) -> None:
    forms = (
        '<form:form form:name="f"><form:fixed-text form:label="Barnets kjønn:" xml:id="l1"/>'
        '<form:listbox form:name="kjonn" xml:id="k1"><form:option form:label="Gutt"/>'
        '<form:option form:label="Jente"/></form:listbox></form:form>'
    )
    body = (
        '<text:p><draw:control draw:control="l1"/> <draw:control draw:control="k1"/></text:p>'
        '<text:section text:name="s" text:display="none"><text:p>Han eller hun</text:p>'
        "</text:section>"
    )
    form = single_form(_parse(_odt(tmp_path, body, forms)))
    assert [(f.kind, f.label, f.name) for f in form.fields] == [
        (FieldKind.SELECT, "Barnets kjønn", "kjonn")
    ]
    assert form.text_blocks == ()
