"""DOCX parser: tables, content controls, legacy form fields, glyph text, and bad packages."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from document_fixtures import mf, option_states, single_form

from formlint.document import FetchedDocument
from formlint.model import FieldKind, ParsedDocument, Scope
from formlint.parse.docx import parse_docx
from formlint.parse.registry import ParseOptions, parse_document

OPTS = ParseOptions()
R = mf._run


@pytest.fixture(scope="module")
def form_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path: Path = mf.make_docx(tmp_path_factory.mktemp("docx") / "form.docx")
    return path


def _parse(path: Path, opts: ParseOptions = OPTS) -> ParsedDocument:
    return parse_docx(FetchedDocument.from_path(path), opts)


def _body(tmp_path: Path, body: str, **kw: str) -> ParsedDocument:
    return _parse(mf.make_docx_from_body(tmp_path / "t.docx", body, **kw))


def _p(inner: str, ppr: str = "") -> str:
    return f"<w:p>{ppr}{inner}</w:p>"


# --- the full fixture ----------------------------------------------------------------------------------


def test_form_document(form_docx: Path) -> None:
    doc = _parse(form_docx)
    form = single_form(doc)
    assert (doc.format, form.kind, form.key) == ("docx", "docx", "document")
    assert form.title == doc.title == "Søknad om plass i SFO"
    assert form.language == doc.language == "nb"
    got = [(f.kind, f.label, f.location.component) for f in form.fields]
    assert got == [
        (FieldKind.TEXT, "Mor", "table 1, row 1, cell 1"),
        (FieldKind.TEXT, "Far", "table 1, row 1, cell 2"),
        (FieldKind.TEXT, "Barnets navn", "table 2, row 1, cell 2"),
        (FieldKind.RADIO, "Kjønn", "table 2, row 2, cell 2"),
        (FieldKind.SELECT, "Kjønn", "paragraph 4"),
        (FieldKind.CHECKBOX, "Jeg samtykker til at bilder av barnet publiseres", "paragraph 5"),
        (FieldKind.RADIO, "Barnet er", "paragraph 6"),
        (FieldKind.SELECT, "Tiltale", "paragraph 7"),
        (FieldKind.TEXT, "Ektefelles navn", "paragraph 8"),
        (FieldKind.TEXT, "Navn på ektemann eller kone", "paragraph 9"),
    ]
    assert all(f.location.part == "word/document.xml" for f in form.fields)


def test_content_controls(form_docx: Path) -> None:
    fields = single_form(_parse(form_docx)).fields
    dropdown = fields[4]
    # Word's "Velg et element." stand-in is a placeholder, not an option
    assert option_states(dropdown) == [("Gutt", "G", False), ("Jente", "J", False)]
    assert dropdown.placeholder == "Velg et element."
    assert (dropdown.name, dropdown.location.anchor, dropdown.name_source) == (
        "kjonn",
        "kjonn",
        "text",
    )
    box = fields[5]
    assert box.name == "samtykke" and [o.selected for o in box.options] == [True]
    text = fields[8]
    assert (text.name, text.name_source, text.placeholder) == (
        "ektefelle",
        "title",
        "Klikk her for å skrive inn tekst.",
    )


def test_legacy_form_fields(form_docx: Path) -> None:
    fields = single_form(_parse(form_docx)).fields
    radio = fields[6]
    assert option_states(radio) == [("Gutt", "Gutt", True), ("Jente", "Jente", False)]
    tiltale = fields[7]
    assert (tiltale.name, tiltale.location.anchor) == ("Tiltale", "Tiltale")
    assert option_states(tiltale) == [("Herr", "Herr", False), ("Fru", "Fru", True)]
    assert fields[9].name == "Tekst1"


def test_text_blocks_headers_and_footers(form_docx: Path) -> None:
    form = single_form(_parse(form_docx))
    got = [(b.scope, b.text, b.location.part, b.location.component) for b in form.text_blocks]
    doc = "word/document.xml"
    assert got == [
        (
            Scope.PARAGRAPH,
            "Skjemaet fylles ut av han eller hun som har foreldreansvar.",
            doc,
            "paragraph 2",
        ),
        (Scope.HEADING, "Opplysninger om foreldrene", doc, "paragraph 3"),
        (Scope.PARAGRAPH, "Merk: søknaden må sendes innen 1. mars.", doc, "paragraph 10"),
        (Scope.PARAGRAPH, "Trondheim kommune – Oppvekst", "word/header1.xml", "paragraph 1"),
        (Scope.PARAGRAPH, "Mor eller far skal skrive under.", "word/footer1.xml", "paragraph 1"),
    ]
    assert form.text_blocks[0].language == "nb"


def test_through_registry(form_docx: Path) -> None:
    doc = parse_document(FetchedDocument.from_path(form_docx))
    assert doc.format == "docx" and doc.forms[0].kind == "docx"


# --- smaller documents ------------------------------------------------------------------------------------


def test_header_row_table_three_columns(tmp_path: Path) -> None:
    cells = "".join(f"<w:tc>{_p(R(t))}</w:tc>" for t in ("Navn", "Fødselsdato", "Kjønn"))
    empty = "<w:tc><w:p/></w:tc>" * 3
    doc = _body(tmp_path, f"<w:tbl><w:tr>{cells}</w:tr><w:tr>{empty}</w:tr></w:tbl>")
    form = single_form(doc)
    assert [(f.kind, f.label, f.location.component) for f in form.fields] == [
        (FieldKind.TEXT, "Navn", "table 1, row 1, cell 1"),
        (FieldKind.DATE, "Fødselsdato", "table 1, row 1, cell 2"),
        (FieldKind.TEXT, "Kjønn", "table 1, row 1, cell 3"),
    ]
    assert form.text_blocks == ()


def test_filled_table_is_text(tmp_path: Path) -> None:
    def row(*texts: str) -> str:
        return "<w:tr>" + "".join(f"<w:tc>{_p(R(t))}</w:tc>" for t in texts) + "</w:tr>"

    doc = _body(
        tmp_path, f"<w:tbl>{row('Vedlegg', 'Frist')}{row('Fødselsattest', '1. mars')}</w:tbl>"
    )
    assert doc.forms == ()
    assert [(b.scope, b.text, b.location.component) for b in doc.text_blocks] == [
        (Scope.TABLE_CELL, "Vedlegg", "table 1, row 1, cell 1"),
        (Scope.TABLE_CELL, "Frist", "table 1, row 1, cell 2"),
        (Scope.TABLE_CELL, "Fødselsattest", "table 1, row 2, cell 1"),
        (Scope.TABLE_CELL, "1. mars", "table 1, row 2, cell 2"),
    ]


def test_wingdings_boxes_and_underlined_blanks(tmp_path: Path) -> None:
    sym = '<w:r><w:sym w:font="Wingdings" w:char="F0A8"/></w:r>'
    wing = (
        '<w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr><w:t>þ</w:t></w:r>'
    )
    blank = '<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:tab/><w:tab/></w:r>'
    doc = _body(
        tmp_path,
        _p(R("Kjønn: ") + sym + R(" Mann ") + wing + R(" Kvinne"))
        + _p(R("Mor:") + blank + R(" Far:") + blank),
    )
    form = single_form(doc)
    assert [(f.kind, f.label) for f in form.fields] == [
        (FieldKind.RADIO, "Kjønn"),
        (FieldKind.TEXT, "Mor"),
        (FieldKind.TEXT, "Far"),
    ]
    assert option_states(form.fields[0]) == [("Mann", "Mann", False), ("Kvinne", "Kvinne", True)]


def test_hidden_text_deleted_text_and_instructions_are_skipped(tmp_path: Path) -> None:
    hidden = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>Mor eller far</w:t></w:r>"
    deleted = "<w:del><w:r><w:delText>han eller hun</w:delText></w:r></w:del>"
    page = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + R("3")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    doc = _body(tmp_path, _p(R("Synlig ") + hidden + deleted + R("tekst side ") + page))
    assert [b.text for b in doc.text_blocks] == ["Synlig tekst side 3"]


def test_combobox_selected_and_block_level_control(tmp_path: Path) -> None:
    combo = (
        '<w:sdt><w:sdtPr><w:alias w:val="Sivilstand"/><w:tag w:val="sivil"/><w:comboBox>'
        '<w:listItem w:displayText="Gift" w:value="gift"/>'
        '<w:listItem w:displayText="Samboer" w:value="samboer"/></w:comboBox></w:sdtPr>'
        "<w:sdtContent>" + _p(R("Samboer")) + "</w:sdtContent></w:sdt>"
    )
    doc = _body(tmp_path, _p(R("Sivilstand:")) + combo)
    form = single_form(doc)
    assert [(f.kind, f.label, f.name) for f in form.fields] == [
        (FieldKind.SELECT, "Sivilstand", "sivil")
    ]
    assert option_states(form.fields[0]) == [("Gift", "gift", False), ("Samboer", "samboer", True)]
    # the label line was used as the label
    assert form.text_blocks == ()


def test_rich_text_block_control_is_a_container(tmp_path: Path) -> None:
    block = (
        '<w:sdt><w:sdtPr><w:alias w:val="Innledning"/><w:richText/></w:sdtPr><w:sdtContent>'
        + _p(R("Skjemaet fylles ut av han eller hun som søker."))
        + "</w:sdtContent></w:sdt>"
    )
    doc = _body(tmp_path, block)
    assert doc.forms == ()
    assert [b.text for b in doc.text_blocks] == ["Skjemaet fylles ut av han eller hun som søker."]


def test_headings_lists_and_language(tmp_path: Path) -> None:
    styles = (
        '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="nn-NO"/></w:rPr></w:rPrDefault>'
        "</w:docDefaults>"
        '<w:style w:type="paragraph" w:styleId="Overskrift1"><w:name w:val="heading 1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Kommune"><w:name w:val="Kommuneoverskrift"/>'
        '<w:basedOn w:val="Overskrift1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Listeavsnitt"><w:name w:val="List Paragraph"/>'
        "</w:style>"
    )
    body = (
        _p(R("Søknad om skyss"), '<w:pPr><w:pStyle w:val="Overskrift1"/></w:pPr>')
        + _p(R("Om eleven"), '<w:pPr><w:pStyle w:val="Kommune"/></w:pPr>')
        + _p(R("Han eller ho som søkjer"), '<w:pPr><w:pStyle w:val="Listeavsnitt"/></w:pPr>')
        + _p(R("Punkt to"), '<w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr>')
    )
    doc = _body(tmp_path, body, styles=styles)
    assert doc.language == "nn" and doc.title == "Søknad om skyss"
    # the first heading became the title, so it is not repeated as a text block
    assert [(b.scope, b.text) for b in doc.text_blocks] == [
        (Scope.HEADING, "Om eleven"),
        (Scope.LIST_ITEM, "Han eller ho som søkjer"),
        (Scope.LIST_ITEM, "Punkt to"),
    ]
    assert all(b.language == "nn" for b in doc.text_blocks)


def test_default_language_option(tmp_path: Path) -> None:
    path = mf.make_docx_from_body(tmp_path / "t.docx", _p(R("Hei")))
    doc = parse_docx(FetchedDocument.from_path(path), ParseOptions(default_language="nb"))
    assert doc.language == "nb"


def test_long_label_control_is_still_a_field(tmp_path: Path) -> None:
    ff = mf._legacy('<w:name w:val="Adresse"/><w:textInput/>', "FORMTEXT")
    doc = _body(tmp_path, _p(R("Skriv inn adressen til barnets mor eller far her, takk: ") + ff))
    form = single_form(doc)
    assert [(f.kind, f.name, f.label) for f in form.fields] == [
        (FieldKind.TEXT, "Adresse", "Adresse")
    ]
    assert form.fields[0].name_source == ""
    assert [b.text for b in form.text_blocks] == [
        "Skriv inn adressen til barnets mor eller far her, takk:"
    ]


def test_xml_entities_are_not_resolved(tmp_path: Path) -> None:
    document = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        f"<w:document {mf._NS}><w:body>{_p('<w:r><w:t>A &x; B</w:t></w:r>')}</w:body></w:document>"
    )
    doc = _parse(mf.make_docx_from_body(tmp_path / "x.docx", "", document=document))
    host = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else "\0"
    assert all(host not in b.text for b in doc.text_blocks)


# --- bad packages --------------------------------------------------------------------------------------


def _one_problem(doc: ParsedDocument) -> str:
    assert doc.forms == () and len(doc.problems) == 1
    assert doc.problems[0].level == "error"
    return doc.problems[0].message


def test_not_a_zip(tmp_path: Path) -> None:
    msg = _one_problem(_parse(mf.make_text_as_docx(tmp_path / "x.docx")))
    assert msg == "not a zip archive (a DOCX/ODT file is a zip package)"


def test_missing_document_xml(tmp_path: Path) -> None:
    msg = _one_problem(_parse(mf.make_docx_without_document(tmp_path / "x.docx")))
    assert msg == "DOCX has no word/document.xml (not a Word document, or damaged)"


def test_truncated_zip(form_docx: Path) -> None:
    data = form_docx.read_bytes()
    doc = parse_docx(FetchedDocument(url="cut.docx", body=data[: len(data) // 2]), OPTS)
    assert _one_problem(doc).startswith("not a valid zip archive (truncated or corrupt?)")


def test_malformed_xml(tmp_path: Path) -> None:
    doc = _parse(mf.make_docx_from_body(tmp_path / "x.docx", "", document="<w:document><w:body>"))
    assert _one_problem(doc).startswith("word/document.xml is not well-formed XML")


def test_zip_bomb_declared_size(tmp_path: Path) -> None:
    """300 MiB of zeros: refused from the central directory, before any inflating."""
    path = mf.make_zip_bomb(tmp_path / "bomb.docx")
    assert path.stat().st_size < 5 * 1024 * 1024
    msg = _one_problem(_parse(path))
    assert msg == (
        "zip bomb suspected: members declare 300.0 MiB decompressed (limit 200.0 MiB); "
        "not decompressed"
    )


def test_zip_bomb_ratio(tmp_path: Path) -> None:
    path = mf.make_zip_bomb(tmp_path / "ratio.docx", size=20 * 1024 * 1024)
    msg = _one_problem(_parse(path))
    assert msg.startswith("zip bomb suspected: word/document.xml compresses ")
    assert msg.endswith("(limit 100:1); not decompressed")


def test_zip_lying_about_its_size(tmp_path: Path) -> None:
    msg = _one_problem(_parse(mf.make_lying_zip(tmp_path / "lie.docx")))
    assert msg.startswith("cannot read word/document.xml from the zip")


def test_budget_covers_all_parts(tmp_path: Path) -> None:
    path = mf.make_docx_from_body(tmp_path / "t.docx", _p(R("Mor: ______")))
    size = sum(i.file_size for i in zipfile.ZipFile(path).infolist())
    msg = _one_problem(_parse(path, ParseOptions(max_decompressed_bytes=size - 1)))
    assert msg.startswith("zip bomb suspected: members declare")
    assert single_form(_parse(path, ParseOptions(max_decompressed_bytes=size))).fields


def test_matrix_table(tmp_path: Path) -> None:
    def row(*texts: str) -> str:
        return (
            "<w:tr>" + "".join(f"<w:tc>{_p(R(t) if t else '')}</w:tc>" for t in texts) + "</w:tr>"
        )

    doc = _body(
        tmp_path,
        f"<w:tbl>{row('', 'Mor', 'Far')}{row('Navn', '', '')}{row('Telefon', '', '')}</w:tbl>",
    )
    form = single_form(doc)
    got = [(f.legend, f.label, f.location.component) for f in form.fields]
    assert got == [
        ("Mor", "Navn", "table 1, row 2, cell 2"),
        ("Far", "Navn", "table 1, row 2, cell 3"),
        ("Mor", "Telefon", "table 1, row 3, cell 2"),
        ("Far", "Telefon", "table 1, row 3, cell 3"),
    ]
    assert [f.legend for f in form.fields[:2]] == ["Mor", "Far"]


def test_every_cut_of_document_xml_is_handled(form_docx: Path, tmp_path: Path) -> None:
    """document.xml cut at many points: a problem or a form, never an exception."""
    xml = zipfile.ZipFile(form_docx).read("word/document.xml").decode()
    for k, cut in enumerate(range(0, len(xml), max(1, len(xml) // 30))):
        path = mf.make_docx_from_body(tmp_path / f"c{k}.docx", "", document=xml[:cut])
        doc = _parse(path)
        assert doc.format == "docx"
        assert doc.problems or doc.forms or doc.text_blocks


# --- footnotes, endnotes and comments --------------------------------------------------------------


@pytest.fixture(scope="module")
def notes_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path: Path = mf.make_docx_with_notes(tmp_path_factory.mktemp("docx") / "notes.docx")
    return path


def _where(doc: ParsedDocument) -> list[tuple[str, str | None, str | None]]:
    blocks = doc.forms[0].text_blocks if doc.forms else doc.text_blocks
    return [(b.text, b.location.part, b.location.component) for b in blocks]


def test_footnotes_and_endnotes_are_read(notes_docx: Path) -> None:
    doc = _parse(notes_docx)
    main = "word/document.xml"
    assert _where(doc) == [
        ("Søknaden skal signeres av den som har foreldreansvar.", main, "paragraph 2"),
        ("Svar sendes innen tre uker.", main, "paragraph 3"),
        ("Skjemaet sendes til skolen.", main, "paragraph 4"),
        (
            "Skjemaet signeres av han eller hun som søker.",
            "word/footnotes.xml",
            "footnote 1, paragraph 1",
        ),
        ("Gjelder hele skoleåret.", "word/footnotes.xml", "footnote 2, paragraph 1"),
        (
            "Hvis han eller hun flytter, send en ny søknad.",
            "word/endnotes.xml",
            "endnote i, paragraph 1",
        ),
    ]
    assert doc.language == "nb"
    assert all(b.scope == Scope.PARAGRAPH and b.language == "nb" for b in doc.text_blocks)


def test_comments_are_not_linted_but_noted(notes_docx: Path) -> None:
    doc = _parse(notes_docx)
    assert not any("Bør vi" in b.text for b in doc.text_blocks)
    assert [(p.level, p.location.part) for p in doc.problems] == [("note", "word/comments.xml")]
    assert "comments are not linted" in doc.problems[0].message


def test_footnote_wording_is_found(notes_docx: Path) -> None:
    from formlint.api import lint_paths, make_engine

    result = lint_paths([notes_docx], make_engine())
    (d,) = result.documents
    assert d.errors == []
    assert any("comments are not linted" in n for n in d.notes)
    where = {(f.location.part, f.location.component) for f in result.findings()}
    assert ("word/footnotes.xml", "footnote 1, paragraph 1") in where
    assert ("word/endnotes.xml", "endnote i, paragraph 1") in where
    assert not any(f.location.part == "word/comments.xml" for f in result.findings())


def test_form_without_notes_is_unchanged(form_docx: Path) -> None:
    doc = _parse(form_docx)
    assert doc.problems == ()
    assert {b.location.part for b in single_form(doc).text_blocks} == {
        "word/document.xml",
        "word/header1.xml",
        "word/footer1.xml",
    }


def test_separator_notes_give_nothing(tmp_path: Path) -> None:
    # a separator holding text (some converters write it) is still Word's own, never shown as a note
    notes = mf.notes_xml("footnote", {}).replace(
        "<w:r><w:separator/></w:r>", "<w:r><w:separator/></w:r>" + R("han eller hun")
    )
    doc = _body(tmp_path, _p(R("Tekst")), related={"footnotes": notes})  # type: ignore[arg-type]
    assert _where(doc) == [("Tekst", "word/document.xml", "paragraph 1")]
    assert doc.problems == ()


def test_notes_are_numbered_in_reference_order(tmp_path: Path) -> None:
    body = _p(R("Første") + mf._note_ref("footnote", 7)) + _p(
        R("Andre") + mf._note_ref("footnote", 3)
    )
    notes = mf.notes_xml("footnote", {3: "Tre", 7: "Sju", 9: "Uten henvisning"})
    doc = _body(tmp_path, body, related={"footnotes": notes})  # type: ignore[arg-type]
    assert [(t, c) for t, part, c in _where(doc) if part == "word/footnotes.xml"] == [
        ("Tre", "footnote 2, paragraph 1"),
        ("Sju", "footnote 1, paragraph 1"),
        ("Uten henvisning", "footnote id 9, paragraph 1"),
    ]


def test_note_marks_follow_the_documents_numbering_format(tmp_path: Path) -> None:
    # Word's defaults: footnotes 1, 2, 3 and endnotes i, ii, iii; the settings and the last
    # section can name another format and a first number, the section winning.
    refs = "".join(
        _p(R(f"Tekst {n}") + mf._note_ref(kind, n))
        for kind in ("footnote", "endnote")
        for n in (1, 2, 3)
    )
    related = {
        "footnotes": mf.notes_xml("footnote", {1: "F1", 2: "F2", 3: "F3"}),
        "endnotes": mf.notes_xml("endnote", {1: "E1", 2: "E2", 3: "E3"}),
    }

    def marks(**kw: str) -> list[tuple[str, str]]:
        doc = _body(tmp_path, refs + kw.pop("sect", ""), related=related, **kw)  # type: ignore[arg-type]
        return [(t, c) for t, part, c in _where(doc) if part != "word/document.xml"]

    assert marks() == [
        ("F1", "footnote 1, paragraph 1"),
        ("F2", "footnote 2, paragraph 1"),
        ("F3", "footnote 3, paragraph 1"),
        ("E1", "endnote i, paragraph 1"),
        ("E2", "endnote ii, paragraph 1"),
        ("E3", "endnote iii, paragraph 1"),
    ]
    settings = (
        '<w:footnotePr><w:numFmt w:val="upperLetter"/><w:numStart w:val="25"/></w:footnotePr>'
        '<w:endnotePr><w:numFmt w:val="chicago"/></w:endnotePr>'
    )
    assert [c for _t, c in marks(settings=settings)] == [
        "footnote Y, paragraph 1",
        "footnote Z, paragraph 1",
        "footnote AA, paragraph 1",
        "endnote *, paragraph 1",
        "endnote \u2020, paragraph 1",
        "endnote \u2021, paragraph 1",
    ]
    sect = '<w:sectPr><w:endnotePr><w:numFmt w:val="upperRoman"/><w:numStart w:val="4"/></w:endnotePr></w:sectPr>'
    assert [c for _t, c in marks(settings=settings, sect=sect)][3:] == [
        "endnote IV, paragraph 1",
        "endnote V, paragraph 1",
        "endnote VI, paragraph 1",
    ]


def test_malformed_footnotes_is_one_problem_and_the_rest_is_read(tmp_path: Path) -> None:
    body = _p(R("Mor: ____")) + _p(R("Se merknad") + mf._note_ref("endnote", 1))
    related = {
        "footnotes": mf.notes_xml("footnote", {1: "Tekst"})[:-20],  # cut: not well-formed
        "endnotes": mf.notes_xml("endnote", {1: "Han eller hun signerer."}),
    }
    doc = _body(tmp_path, body, related=related)  # type: ignore[arg-type]
    (problem,) = doc.problems
    assert problem.level == "error"
    assert problem.message.startswith("word/footnotes.xml is not well-formed XML")
    line = problem.one_line()
    assert "\n" not in line and str(tmp_path / "t.docx") in line and "word/footnotes.xml" in line
    assert [f.label for f in doc.forms[0].fields] == ["Mor"]
    assert ("Han eller hun signerer.", "word/endnotes.xml", "endnote i, paragraph 1") in _where(doc)
