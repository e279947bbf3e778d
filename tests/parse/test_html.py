"""HTML parser entry point (formlint/parse/html.py): whole pages, locations, metadata, bad input
and encodings. Fields, the walk and links have their own test files (test_html_fields.py …)."""

from __future__ import annotations

from pathlib import Path

import pytest
from html_pages import field, fields, page, parse

from formlint.document import FetchedDocument
from formlint.model import FieldKind
from formlint.parse.html import parse_html
from formlint.parse.registry import ParseOptions, parse_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"


# --- locations, metadata ------------------------------------------------------------------------


def test_locations() -> None:
    doc = parse(
        "<!DOCTYPE html>\n<html lang='nb'>\n<body>\n<form id=\"apply\">\n<fieldset><legend>A</legend></fieldset>\n"
        '<fieldset><legend>B</legend>\n<input name="kjonn" aria-label="K">\n</fieldset></form>\n<p>Tekst</p></body></html>'
    )
    f = field(doc, "kjonn")
    assert f.location.line == 7
    assert f.location.source == "https://k.no/a/side.html"
    assert f.location.css_path == 'form#apply > fieldset:nth-of-type(2) > input[name="kjonn"]'
    assert f.location.anchor == "input[name=kjonn]"
    assert doc.forms[0].location.line == 4
    assert doc.text_blocks[-1].location.line == 9
    assert doc.text_blocks[-1].location.anchor


@pytest.mark.parametrize(
    ("body", "spa"),
    [
        ('<div id="app"></div>', True),
        ('<div id="root">  </div><noscript>JS</noscript>', True),
        ('<div id="__next"></div><input name="x">', False),
        ("<form action='/x'></form>", True),
        ('<div id="app"><p>Rendered</p></div>', False),
        ("<p>Plain</p>", False),
    ],
)
def test_spa_root(body: str, spa: bool) -> None:
    assert parse(page(body)).metadata["spa_root"] is spa


def test_metadata_without_forms() -> None:
    doc = parse(page("<p>Hei</p>"))
    assert doc.metadata == {
        "encoding": "utf-8",
        "has_form_markers": False,
        "spa_root": False,
    }
    assert doc.forms == ()


# --- robustness and encodings -------------------------------------------------------------------


def test_truncated_html_parses_as_far_as_it_goes() -> None:
    doc = parse(
        '<html lang="nb"><body><h1>Søknad</h1><form id="f"><label for="a">Navn</label><input id="a" name="a"><select name="k"><option>Mann<option>Kvin'
    )
    assert field(doc, "a").label == "Navn"
    assert [o.label for o in field(doc, "k").options] == ["Mann", "Kvin"]
    assert doc.text_blocks[0].text == "Søknad"


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x00\x01\x02\xff\xfe<<<>>>",
        b"<",
        b"<html>",
        b"\xff" * 100,
        b"<!-- formlint-disable",
        b"<?xml version='1.0' encoding='latin-1'?><html><p>x</p>",
    ],
)
def test_garbage_never_raises(garbage: bytes) -> None:
    doc = parse(garbage)
    assert doc.format == "html"


def test_iso_8859_1_with_meta_charset() -> None:
    html = '<html lang="nb"><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>Kjønn</title></head><body><p>Førstegangssøknad</p></body></html>'
    doc = parse(html.encode("iso-8859-1"))
    assert doc.title == "Kjønn"
    assert doc.text_blocks[1].text == "Førstegangssøknad"
    assert doc.metadata["encoding"] == "windows-1252"


def test_iso_8859_1_without_any_declaration() -> None:
    doc = parse(
        "<html><body><p>Kjønn og særlig ærend på Tråante</p></body></html>".encode("iso-8859-1")
    )
    assert doc.text_blocks[0].text == "Kjønn og særlig ærend på Tråante"


def test_utf8_bom_and_crlf() -> None:
    body = (
        "\ufeff<html lang='nb'>\r\n<body>\r\n<p>Første</p>\r\n<p>Andre ø</p></body></html>".encode()
    )
    doc = parse(body)
    assert [(b.text, b.location.line) for b in doc.text_blocks] == [("Første", 3), ("Andre ø", 4)]


def test_declared_but_wrong_charset() -> None:
    # HTTP says ISO-8859-1 but the bytes are UTF-8: read UTF-8, say so in a note
    doc = parse("<p>Kjønn</p>".encode(), charset="iso-8859-1")
    assert doc.text_blocks[0].text == "Kjønn"
    assert any(p.level == "note" for p in doc.problems)
    # meta says UTF-8 but the bytes are Latin-1
    doc = parse('<meta charset="utf-8"><p>Kjønn</p>'.encode("latin-1"))
    assert doc.text_blocks[0].text == "Kjønn"


def test_unknown_declared_charset_is_a_note() -> None:
    doc = parse("<p>Kjønn</p>".encode("latin-1"), charset="x-nonsense")
    assert doc.text_blocks[0].text == "Kjønn"
    assert [p.level for p in doc.problems] == ["note"]
    assert "x-nonsense" in doc.problems[0].message


def test_registry_routes_html_here() -> None:
    doc = parse_document(
        FetchedDocument(
            url="x.html", body=b"<html><body><form><input name='a'></form></body></html>"
        )
    )
    assert doc.format == "html"
    assert field(doc, "a").name_source == ""


def test_fixture_page() -> None:
    path = FIXTURES / "soknad.html"
    doc = parse_html(FetchedDocument.from_path(path), ParseOptions())
    (form,) = doc.forms
    kinds = {f.name: f.kind for f in form.fields}
    assert kinds["forelder1_rolle"] == FieldKind.SELECT
    assert kinds["kjonn"] == FieldKind.RADIO
    assert field(doc, "kjonn").legend == "Barnets kjønn"
    assert field(doc, "kjonn").suppressions.covers("gender-binary-options")
    assert [o.label for o in field(doc, "forelder1_rolle").options] == ["Mor", "Far"]


def test_buttons_outside_forms_do_not_make_a_form() -> None:
    doc = parse(
        page(
            '<header><button aria-expanded="false">Meny</button><span role="button">Søk</span></header><p>Tekst</p>'
        )
    )
    assert doc.forms == ()
    assert doc.metadata["has_form_markers"] is False
    doc = parse(
        page(
            '<section><input name="q" aria-label="Søk"><span role="button" aria-label="Finn"></span></section>'
        )
    )
    assert [(f.kind, f.label, f.name_source) for f in fields(doc)] == [
        (FieldKind.TEXT, "Søk", "aria-label"),
        (FieldKind.BUTTON, "Finn", "aria-label"),
    ]


def test_fixture_truncated_anywhere_never_raises() -> None:
    body = (FIXTURES / "soknad.html").read_bytes()
    for cut in range(0, len(body), 29):
        doc = parse(body[:cut])
        assert doc.format == "html"
