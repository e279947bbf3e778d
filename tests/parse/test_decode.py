"""decode_html: BOM, HTTP charset, <meta>, detection, and what happens when they lie."""

from __future__ import annotations

import pytest

from formlint.parse.decode import decode_html

NB = "Kjønn, særlig, på, Tråante"


def test_bom_wins_over_declarations() -> None:
    text, enc, notes = decode_html(
        b"\xef\xbb\xbf<meta charset='iso-8859-1'>" + NB.encode(), "windows-1252"
    )
    assert NB in text and not text.startswith("\ufeff")
    assert enc == "utf-8"
    assert notes == []


@pytest.mark.parametrize("bom_codec", ["utf-16-le", "utf-16-be"])
def test_utf16_bom(bom_codec: str) -> None:
    bom = b"\xff\xfe" if bom_codec.endswith("le") else b"\xfe\xff"
    text, enc, _ = decode_html(bom + f"<p>{NB}</p>".encode(bom_codec), None)
    assert text == f"<p>{NB}</p>"
    assert enc == bom_codec


def test_http_charset() -> None:
    text, enc, notes = decode_html(NB.encode("iso-8859-1"), "ISO-8859-1")
    assert text == NB
    assert enc == "windows-1252"
    assert notes == []


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="iso-8859-1">',
        "<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>",
        "<META CHARSET=latin1>",
    ],
)
def test_meta_charset(meta: str) -> None:
    text, enc, _ = decode_html(f"{meta}<p>{NB}</p>".encode("iso-8859-1"), None)
    assert NB in text
    assert enc == "windows-1252"


def test_meta_after_4kb_is_not_read_but_detection_still_works() -> None:
    body = b" " * 5000 + b'<meta charset="iso-8859-1">' + NB.encode("iso-8859-1")
    text, _enc, _ = decode_html(body, None)
    assert NB in text


def test_no_declaration_detects_utf8_and_latin1() -> None:
    assert decode_html(NB.encode("utf-8"), None)[:2] == (NB, "utf-8")
    assert decode_html(NB.encode("iso-8859-1"), None)[:2] == (NB, "windows-1252")
    assert decode_html(b"plain ascii", None)[:2] == ("plain ascii", "utf-8")


def test_declared_single_byte_but_utf8_bytes() -> None:
    text, enc, notes = decode_html(NB.encode(), "iso-8859-1")
    assert (text, enc) == (NB, "utf-8")
    assert "valid UTF-8" in notes[0]


def test_declared_utf8_but_latin1_bytes() -> None:
    text, enc, notes = decode_html(f'<meta charset="utf-8">{NB}'.encode("latin-1"), None)
    assert NB in text
    assert enc == "windows-1252"
    assert any("not valid UTF-8" in n for n in notes)


def test_unknown_charset_falls_back_with_note() -> None:
    text, _enc, notes = decode_html(NB.encode("latin-1"), "klingon-8")
    assert text == NB
    assert "klingon-8" in notes[0]
    text, _, notes = decode_html(f'<meta charset="bogus">{NB}'.encode(), None)
    assert NB in text
    assert "bogus" in notes[0]


def test_utf16_meta_label_means_utf8() -> None:
    text, enc, _ = decode_html(f'<meta charset="utf-16">{NB}'.encode(), None)
    assert NB in text and enc == "utf-8"


def test_undecodable_bytes_are_replaced() -> None:
    text, _enc, _ = decode_html(b"<p>\x81\x8d\x8f\x90\x9d\xff</p>", "utf-8")
    assert text.startswith("<p>") and text.endswith("</p>")
    text, _, _ = decode_html(b"\xfe\xff\xd8", None)  # odd-length UTF-16
    assert isinstance(text, str)
