"""Finding the blocks that hold a rule word by str.find gives what one regex pass over the page gives."""

from __future__ import annotations

import re

import pytest

from formlint.document import FetchedDocument
from formlint.engine.runner import Engine, _odd_case_chars
from formlint.parse.html import parse_html

BODIES = [
    "<p>Han eller hun må ha med attest.</p><p>Kommunen tilbyr tjenester.</p>",
    "<p>HAN ELLER HUN</p><p>Mor–far</p><p>mor_far</p><p>«Mors» navn</p>",
    "<h1>Søknad</h1><p>Søkerens mor og far skal skrive under.</p><p>Handel og vandel.</p>",
    "<p>Rådmannen svarer.</p><p>RÅDMANNEN og \u212bdmannen</p><p>Tillitsmannen</p>",
    "<p>\u017fhe said so</p><p>She said so. His wife.</p>",  # long s: case-insensitively "s"
    "<p>\u0130nfo: han</p><p>hun</p>",  # "İ" lower-cases to two characters
    '<p lang="en">The applicant\'s wife or husband must sign.</p><p lang="se">Sámi mor</p>',
    '<form><label for="k">Kjønn</label><select id="k"><option>Mann</option>'
    "<option>Kvinne</option></select></form><p>Vi trenger kjønn for statistikk.</p>",
]


def page(body: str) -> bytes:
    return (
        f'<!doctype html><html lang="nb"><head><title>Side</title></head><body>{body}</body></html>'
    ).encode()


@pytest.mark.parametrize("body", BODIES)
def test_find_and_regex_pass_agree(engine: Engine, body: str) -> None:
    doc = parse_html(
        FetchedDocument(url="https://k.no/side", body=page(body), media_type="text/html"),
        engine.parse_options,
    )
    found = engine.run(doc)
    odd = engine._odd_case
    try:
        engine._odd_case = tuple("<")  # every page odd: the regex pass only
        assert engine.run(doc) == found
    finally:
        engine._odd_case = odd


def test_odd_characters() -> None:
    odd = _odd_case_chars(frozenset({"his", "kone", "åpen"}))
    assert "\u017f" in odd and "\u0130" in odd  # long s; dotted capital I
    assert not set("HIS KONE ÅPEN \u212a\u212b") & set(odd)  # Kelvin, Ångström lower-case right


def test_nothing_beyond_the_bmp_matches_a_letter_case_insensitively() -> None:
    """_odd_case_chars looks at the BMP only; this is why that is enough."""
    astral = "".join(chr(cp) for cp in range(0x10000, 0x110000))
    letters = "abcdefghijklmnopqrstuvwxyzæøåéèêóòôüäö"
    assert re.findall(f"[{letters}]", astral, re.IGNORECASE) == []


@pytest.mark.parametrize(
    "text",
    [
        *BODIES,
        "Søkerens MOR og FAR\nhan/hun\tS\n«mors» far-",
        "\u212aONE og \u212bpen",  # Kelvin sign and Ångström sign
        "\u0130nfo: hun",
        "ΣΑΣ mor",
        "",
    ],
)
def test_scanned_needles_are_the_split_ones(engine: Engine, text: str) -> None:
    from formlint.parse.prefilter import WORD_BYTES

    split = text.lower().encode().translate(WORD_BYTES).split()
    expected = {("w", w.decode()) for w in engine._any_bytes.intersection(split)}
    assert engine._needles(text, text.lower()) == expected
