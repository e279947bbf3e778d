"""PDF parser: AcroForm and print-and-fill forms from real generated files, and bad inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_fixtures import FIXTURE_DIR, fields_by_label, mf, option_states, single_form

from formlint.document import FetchedDocument
from formlint.model import FieldKind, ParsedDocument, Scope
from formlint.parse import pdf
from formlint.parse.registry import ParseOptions, parse_document

OPTS = ParseOptions()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out: dict[str, Path] = mf.write_all(tmp_path_factory.mktemp("documents"))
    return out


def _parse(path: Path, opts: ParseOptions = OPTS) -> ParsedDocument:
    return pdf.parse_pdf(FetchedDocument.from_path(path), opts)


# --- AcroForm ---------------------------------------------------------------------------------------------


def test_acroform_fields(files: dict[str, Path]) -> None:
    doc = _parse(files["acroform.pdf"])
    form = single_form(doc)
    assert (form.kind, form.key, form.title) == (
        "pdf-acroform",
        "document",
        "Søknad om barnehageplass",
    )
    assert doc.format == "pdf" and doc.language == "nb" and form.language == "nb"
    assert [f.label for f in form.fields] == [
        "Mors navn",
        "Fars navn",
        "Barnets kjønn",
        "Tiltale",
        "Jeg samtykker",
    ]
    fields = fields_by_label(form)
    mor, far = fields["Mors navn"], fields["Fars navn"]
    assert (mor.kind, mor.name, mor.location.page, mor.location.anchor) == (
        FieldKind.TEXT,
        "mor",
        1,
        "mor",
    )
    assert mor.name_source == "title" and not mor.required
    assert far.required


def test_acroform_radio_choice_checkbox(files: dict[str, Path]) -> None:
    fields = fields_by_label(single_form(_parse(files["acroform.pdf"])))
    kjonn = fields["Barnets kjønn"]
    assert (kjonn.kind, kjonn.name, kjonn.location.page) == (FieldKind.RADIO, "Kjønn", 1)
    assert option_states(kjonn) == [("Gutt", "Gutt", True), ("Jente", "Jente", False)]
    tiltale = fields["Tiltale"]
    assert (tiltale.kind, tiltale.location.page) == (FieldKind.SELECT, 2)
    assert option_states(tiltale) == [("Herr", "Herr", True), ("Fru", "Fru", False)]
    box = fields["Jeg samtykker"]
    assert box.kind == FieldKind.CHECKBOX and box.location.page == 2
    # the export value is not shown to people: hidden, so rules do not read it as text
    assert [(o.selected, o.hidden) for o in box.options] == [(False, True)]
    assert box.visible_options() == ()


def test_acroform_page_text(files: dict[str, Path]) -> None:
    form = single_form(_parse(files["acroform.pdf"]))
    texts = [(b.text, b.location.page, b.scope) for b in form.text_blocks]
    assert ("Skjemaet skal signeres av han eller hun som søker.", 2, Scope.PARAGRAPH) in texts
    # the title is Form.title, not repeated as a text block
    assert all(t != "Søknad om barnehageplass" for t, _, _ in texts)
    assert all(b.language == "nb" for b in form.text_blocks)


def test_acroform_label_from_humanised_name(tmp_path: Path) -> None:
    doc = _parse(mf.make_multipage_pdf(tmp_path / "m.pdf", 2, acroform=True))
    form = doc.forms[0]
    radio = next(f for f in form.fields if f.name == "kjonn_2")
    assert (radio.label, radio.name_source, radio.location.page) == ("Kjonn 2", "", 2)
    assert [o.label for o in radio.options] == ["Gutt", "Jente"]


# --- print-and-fill ---------------------------------------------------------------------------------------


def test_print_form_fields(files: dict[str, Path]) -> None:
    doc = _parse(files["print.pdf"])
    form = single_form(doc)
    assert (form.kind, form.title) == ("pdf-print", "Søknad om skoleskyss")
    got = [(f.kind, f.label, f.location.page) for f in form.fields]
    assert got == [
        (FieldKind.TEXT, "Mor", 1),
        (FieldKind.TEXT, "Far", 1),
        (FieldKind.RADIO, "Barnets kjønn", 1),
        (FieldKind.TEXT, "Navn", 2),
        (FieldKind.RADIO, "Kjønn", 2),
        (FieldKind.RADIO, "Kjønn (sett kryss)", 2),
        (FieldKind.SIGNATURE, "Underskrift", 2),
    ]
    fields = form.fields
    assert option_states(fields[2]) == [("Gutt", "Gutt", False), ("Jente", "Jente", False)]
    assert [o.label for o in fields[4].options] == ["M", "K"]
    assert option_states(fields[5]) == [("M", "M", False), ("K", "K", True)]
    assert fields[0].location.component == "line 4"


def test_print_form_prose(files: dict[str, Path]) -> None:
    form = single_form(_parse(files["print.pdf"]))
    texts = [(b.text, b.location.page) for b in form.text_blocks]
    assert texts == [
        ("Skjemaet skal fylles ut av han eller hun som har foreldreansvar for eleven.", 1),
        ("Merk: søknaden må sendes innen 1. mars.", 1),
        ("Opplysninger om eleven", 2),
    ]


def test_neutral_form(files: dict[str, Path]) -> None:
    form = single_form(_parse(files["neutral.pdf"]))
    assert form.title == "Søknad om SFO-plass"
    assert [f.label for f in form.fields] == ["Forelder 1", "Forelder 2", "Kjønn"]
    assert [o.label for o in form.fields[2].options] == [
        "Jente",
        "Gutt",
        "Annet",
        "Ønsker ikke å oppgi",
    ]


def test_wrapped_lines_join_into_paragraphs() -> None:
    lines = list(
        enumerate(["Skjemaet skal signeres av han eller", "hun som søker.", "Neste avsnitt"])
    )
    assert list(pdf._paragraphs(lines)) == [
        "Skjemaet skal signeres av han eller hun som søker.",
        "Neste avsnitt",
    ]
    assert list(pdf._paragraphs([(0, "fore-"), (1, "satt")])) == ["foresatt"]


def test_pdf_without_fields_has_document_text(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

    path = tmp_path / "brosjyre.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.drawString(50, 800, "Velkommen til barnehagen")
    c.drawString(50, 780, "Vi gleder oss til å bli kjent med deg.")
    c.showPage()
    c.save()
    doc = _parse(path)
    assert doc.forms == () and doc.problems == ()
    assert doc.title == "Velkommen til barnehagen"
    assert [b.text for b in doc.text_blocks] == ["Vi gleder oss til å bli kjent med deg."]


# --- bad inputs --------------------------------------------------------------------------------------------


def test_encrypted_pdf(files: dict[str, Path]) -> None:
    doc = _parse(files["encrypted.pdf"])
    assert doc.forms == ()
    assert [p.one_line() for p in doc.problems] == [
        f"{files['encrypted.pdf']}: encrypted PDF, cannot read without a password"
    ]


def test_encrypted_with_empty_user_password_is_read(files: dict[str, Path]) -> None:
    form = single_form(_parse(files["owner-only.pdf"]))
    assert [f.label for f in form.fields] == ["Mor", "Far"]


def test_truncated_pdf_reads_what_it_can(files: dict[str, Path]) -> None:
    doc = _parse(files["truncated.pdf"])
    assert [p.level for p in doc.problems] == ["error", "error"]
    assert doc.problems[0].message == (
        "damaged PDF (truncated? no cross-reference table or trailer); read what could be recovered"
    )
    assert doc.problems[1].location.page == 2
    assert doc.problems[1].message.startswith("text of page 2 could not be read")
    assert [f.label for f in doc.forms[0].fields] == ["Mor", "Far", "Barnets kjønn"]


def test_stub_pdf_is_a_clear_error(files: dict[str, Path]) -> None:
    doc = _parse(files["stub.pdf"])
    assert doc.forms == () and len(doc.problems) == 1
    assert doc.problems[0].message.startswith("not a readable PDF (truncated or corrupt?)")


def test_page_limit(tmp_path: Path) -> None:
    path = mf.make_multipage_pdf(tmp_path / "long.pdf", 5, acroform=False)
    doc = _parse(path, ParseOptions(max_pdf_pages=2))
    assert [(p.level, p.message) for p in doc.problems] == [
        ("note", "PDF has 5 pages; read only the first 2 (max_pdf_pages)")
    ]
    assert {f.location.page for f in doc.forms[0].fields} == {1, 2}
    assert doc.metadata == {"pages": 5, "pages_read": 2}


def test_every_truncation_is_handled(files: dict[str, Path]) -> None:
    """Cut the AcroForm file at many points: never an exception, always a result."""
    data = files["acroform.pdf"].read_bytes()
    for cut in range(0, len(data), max(1, len(data) // 40)):
        doc = pdf.parse_pdf(FetchedDocument(url="cut.pdf", body=data[:cut]), OPTS)
        assert doc.format == "pdf"
        assert doc.forms or doc.problems


@pytest.mark.parametrize("body", [b"%PDF-1.7\n", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>", b""])
def test_garbage_pdf(body: bytes) -> None:
    doc = pdf.parse_pdf(FetchedDocument(url="g.pdf", body=body), OPTS)
    assert doc.forms == () and len(doc.problems) == 1


def test_through_registry(files: dict[str, Path]) -> None:
    doc = parse_document(FetchedDocument.from_path(files["print.pdf"]))
    assert doc.format == "pdf" and doc.forms[0].kind == "pdf-print"


def test_committed_fixtures_are_current(files: dict[str, Path]) -> None:
    """The files kept in tests/fixtures/documents parse as freshly generated ones do."""
    for name in ("acroform.pdf", "print.pdf", "neutral.pdf"):
        kept = FIXTURE_DIR / name
        if not kept.exists():
            pytest.skip(f"{kept} not generated; run make_fixtures.py")
        fresh = _parse(files[name]).to_dict()
        old = _parse(kept).to_dict()
        assert str(old).replace(str(kept), "X") == str(fresh).replace(str(files[name]), "X")


def test_nested_fields_and_button_tooltips(files: dict[str, Path]) -> None:
    form = single_form(_parse(files["field-tree.pdf"]))
    family, radio = form.fields
    # Kjønn.Gutt / Kjønn.Jente checkboxes are one question with two options
    assert (family.kind, family.label, family.name, family.location.page) == (
        FieldKind.CHECKBOXES,
        "Kjønn",
        "Kjønn",
        1,
    )
    assert option_states(family) == [("Gutt", "Ja", False), ("Jente", "Ja", True)]
    # opaque export values are named by each button's tooltip
    assert (radio.kind, radio.label, radio.name_source) == (FieldKind.RADIO, "Tiltale", "")
    assert option_states(radio) == [("Herr", "Choice1", False), ("Fru", "Choice2", False)]


def test_title_is_the_largest_text_on_page_one(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Helvetica", 9)
    c.drawString(50, 810, "Trondheim kommune")
    c.setFont("Helvetica-Bold", 18)
    c.drawString(50, 780, "Søknad om skoleskyss")
    c.setFont("Helvetica", 11)
    c.drawString(50, 750, "Mor: ______ Far: ______")
    c.drawString(50, 730, "Skjemaet sendes til kommunen.")
    c.showPage()
    c.save()
    doc = _parse(path)
    form = single_form(doc)
    assert form.title == doc.title == "Søknad om skoleskyss"
    assert [b.text for b in form.text_blocks] == [
        "Trondheim kommune",
        "Skjemaet sendes til kommunen.",
    ]


def test_printed_words_name_export_values(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "r.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    font, _ = mf._font(c)
    c.setFont(font, 11)
    c.drawString(50, 800, "Kjønn")
    for n, (value, words) in enumerate(
        (("Jente", "Jente"), ("Onsker_ikke_a_oppgi", "Ønsker ikke å oppgi"))
    ):
        c.acroForm.radio(name="kjonn", tooltip="Kjønn", value=value, x=50, y=760 - 30 * n)
        c.drawString(80, 765 - 30 * n, words)
    c.showPage()
    c.save()
    form = single_form(_parse(path))
    assert option_states(form.fields[0]) == [
        ("Jente", "Jente", False),
        ("Ønsker ikke å oppgi", "Onsker_ikke_a_oppgi", False),
    ]
    # the printed words are the field's: not repeated as text blocks
    assert form.text_blocks == ()
