"""The one-pass page scan gives every page the result the exact (lower-case and split) path gives."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest

from formlint.document import FetchedDocument
from formlint.engine.runner import Engine
from formlint.parse import html as html_parser
from formlint.parse.html import _CONTROL_MARKERS, parse_html
from formlint.parse.prefilter import (
    _SCAN_BYTES,
    PageNeedles,
    PageScanner,
    has_form_tag,
    scanner,
    spellings,
)
from formlint.parse.registry import ParseOptions

MENU = "".join(f'<li><a href="/tjenester/side-{i}/">Tjenester {i}</a></li>' for i in range(40))


def page(body: str, *, head: str = "<title>Søknad om plass - Demo kommune</title>") -> str:
    return (
        f'<!doctype html><html lang="nb"><head><meta charset="utf-8">{head}</head><body>'
        f'<nav class="menu"><ul>{MENU}</ul></nav><main><h1>Åpningstider</h1>{body}</main>'
        "<footer><p>Demo kommune › Kontakt</p></footer></body></html>"
    )


PAGES = [
    page("<p>Kommunen tilbyr tjenester til innbyggere.</p>"),
    page("<p>ÅPNINGSTIDER OG ØKONOMI. Æ Ø Å.</p>"),
    page("<p>Han eller hun må ha med attest.</p>"),  # rule words
    page("<p>HAN ELLER HUN må ha med attest.</p>"),
    page("<p>Søkerens MOR skal skrive under.</p>"),
    page("<p>Ektefelle eller KONE</p>"),
    page("<p>\u212aone</p>"),  # Kelvin sign: lower() is "k"
    page("<p>\u0130nfo om kommunen</p>"),  # "İ": lower() is "i" + U+0307, two characters
    page("<p>Skjema</p><input name=x>"),  # a control
    page("<p>Skjema</p><INPUT name=x>"),
    page('<p>Tekst</p><div ROLE="button">x</div>'),
    page("<p>Tekst</p><!-- formlint-disable all -->"),
    page('<p lang="se">Sámi text here</p>'),  # no lexicon: full path
    page('<p LANG="SE">Sámi text here</p>'),
    page('<p lang = "en-GB">English text</p>'),
    page('<p lang\u00a0=\u00a0"se">Unicode space before and after the =</p>'),
    page("<p lang\x1c=se>Separator white space</p>"),
    page('<p>Et ord: langø="se"</p>'),  # "ø" is no white space: no lang attribute
    page('<p xml:lang="nn">Nynorsk</p><p>lang=xlang="se"</p>'),
    page("<p>Eit langt liv; lang tid; LANG = nb</p>"),
    page("<p>Tittel</p>", head="<TITLE>Store &amp; små</TITLE>"),
    page("<p>Tittel</p>", head="<title>Med <b>merke</b></title>"),
    page("<p>Ingen tittel</p>", head=""),
    page("<p>Uten slutt</p>", head="<title>aldri lukket"),
    page("<p>far</p>"),
    page("<p>farfar og morbror</p>"),
    page("<p>s</p>"),
    page("<p>Hus-s</p>"),
    page("<p>CO-MOTHER</p>"),
    page("<p>\u212bpen barnehage</p>"),  # the Ångström sign lower-cases to "å"
    page("<form><p>Han eller hun</p><input name=x></form>"),  # "<form": no scan
    page("<p>mor<form>x</form></p>"),  # a word pattern ending in "<" takes the tag's "<"
    page("<p>Tekst</p><FORM action=/x></FORM>"),  # upper case: the scan decides
    "<html><body><p>no lang, no title</p></body></html>",
    "hans",
    "",
]


@pytest.fixture(scope="module")
def options(engine: Engine) -> tuple[ParseOptions, ParseOptions]:
    scan = replace(engine.parse_options, collect_links=False)
    assert scan.text_needles is not None
    # a fused pattern that never matches switches the scan off: the exact path only
    never = (re.compile(rb"(?!)"),)
    exact = replace(scan, text_needles=replace(scan.text_needles, fused=never))
    return scan, exact


@pytest.mark.parametrize("html", PAGES)
@pytest.mark.parametrize("encoding", ["utf-8", "windows-1252"])
def test_scan_and_exact_path_agree(
    options: tuple[ParseOptions, ParseOptions], html: str, encoding: str
) -> None:
    try:
        body = html.replace('charset="utf-8"', f'charset="{encoding}"').encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"not in {encoding}")
    doc = FetchedDocument(url="https://k.no/side", body=body, media_type="text/html")
    scan, exact = options
    assert parse_html(doc, scan) == parse_html(doc, exact)


@pytest.mark.parametrize("html", PAGES)
def test_form_tag_shortcut_changes_nothing(
    options: tuple[ParseOptions, ParseOptions], html: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page holding "<form" skips the scan: the same document as when the scan runs."""
    doc = FetchedDocument(url="https://k.no/side", body=html.encode(), media_type="text/html")
    scan, _ = options
    shortcut = parse_html(doc, scan)
    monkeypatch.setattr(html_parser, "has_form_tag", lambda page: False)
    assert parse_html(doc, scan) == shortcut


def test_form_tag_is_a_certain_marker() -> None:
    assert b"<form" in _CONTROL_MARKERS
    assert has_form_tag(b"<p>x</p><form action=/s>") and not has_form_tag(b"<FORM>< form")


def test_clear_page_takes_the_scan(options: tuple[ParseOptions, ParseOptions]) -> None:
    scan, _ = options
    assert scan.text_needles is not None
    s = scanner(scan.text_needles, (b"<input", b"role ="))
    assert isinstance(s.scan(PAGES[1].encode()), list)
    assert s.scan(PAGES[2].encode()) is False  # a rule word: the exact test decides
    assert s.scan(PAGES[6].encode()) is False  # the Kelvin sign
    assert s.scan(PAGES[8].encode()) is True  # a control: the tree, certainly
    assert s.scan(b"<p role\t=x>") is False  # "role =" in the scan, but maybe not in the page


def test_spellings_cover_every_upper_case_form() -> None:
    assert spellings("kjønn") == {"kjønn".encode(), "kjØnn".encode()}
    assert "\u212bpen".encode() in spellings("åpen")


def test_nothing_beyond_the_bmp_lower_cases_into_it() -> None:
    """_lower_sources looks at the BMP only; this is why that is enough."""
    for cp in range(0x10000, 0x110000):
        low = chr(cp).lower()
        assert all(ord(c) >= 0x10000 for c in low) or low == chr(cp), hex(cp)


def test_a_marker_must_survive_the_scan() -> None:
    with pytest.raises(ValueError):
        scanner(PageNeedles(frozenset({b"mor"})), (b"<x-y",))


def _one_pass(scanner: PageScanner, page: bytes) -> list[tuple[int, int]]:
    """The reference for PageScanner.matches: one automaton pass over the whole padded page."""
    padded = b" " + page.translate(_SCAN_BYTES) + b" "
    return [(i, s) for i, s, _ in scanner._automaton.find_matches_as_indexes(padded)]


@pytest.mark.parametrize("first_chunk", [1, 5, 17, 64, 1000, 16 * 1024])
def test_chunked_matches_are_the_one_pass_matches(engine: Engine, first_chunk: int) -> None:
    needles = engine.parse_options.text_needles
    assert needles is not None
    page_scanner = scanner(needles, _CONTROL_MARKERS)
    rng = random.Random(first_chunk)
    pieces = [
        "<p>", "</p>", "<input", "<form", "role=", "role = ", "lang", "lang=", "Han", "han ",
        "HUN", "mor", "søker", "Søkeren", "\u212a", "\u0130", "å", "Å", "<", "=", " ", "x",
        "kommunen", "tilbyr", "formlint", "tillitsmann", "rådmannen", "\n", "-", "…",
    ]  # fmt: skip
    pages = [p.encode() for p in PAGES]
    for _ in range(150):
        pages.append("".join(rng.choice(pieces) for _ in range(rng.randint(0, 400))).encode())
    for page in pages:
        assert list(page_scanner.matches(page, first_chunk)) == _one_pass(page_scanner, page)
