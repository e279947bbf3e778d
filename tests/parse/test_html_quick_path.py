"""A page with no form and no rule word skips the tree: that never changes what is found.

Each page is parsed twice, with the engine's rule words (pages the scan clears take the quick
path) and without (always the tree), and linted; findings, notes, language and title agree.
"""

from __future__ import annotations

import pytest

from formlint.document import FetchedDocument
from formlint.engine.runner import Engine
from formlint.parse.html import parse_html
from formlint.parse.registry import ParseOptions
from formlint.pipeline import Linter

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
    page("<p>Han eller hun må ha med attest.</p>"),
    page("<p>HAN ELLER HUN må ha med attest.</p>"),
    page("<p>Søkerens MOR skal skrive under.</p>"),
    page("<p>Mor\u00a0og far skal skrive under…</p>"),
    page("<p>Ektefelle eller KONE</p>"),
    page("<p>\u212aone</p>"),  # Kelvin sign: lower() is "k"
    page("<p>\u0130nfo om kommunen</p>"),  # "İ": lower() is two characters
    page("<p>Skjema</p><input name=x>"),
    page("<p>Skjema</p><INPUT name=x>"),
    page('<p>Tekst</p><div ROLE="button">x</div>'),
    page("<p>Tekst om mor</p><!-- formlint-disable all -->"),
    page('<p lang="se">Sámi text here</p>'),  # no lexicon: the note needs the tree
    page('<p LANG="SE">Sámi text here</p>'),
    page('<p lang = "en-GB">English text, he or she</p>'),
    page('<p lang\u00a0=\u00a0"se">Unicode space before and after the =</p>'),
    page('<p>Et ord: langø="se"</p>'),
    page("<p>Tittel</p>", head="<TITLE>Store &amp; små</TITLE>"),
    page("<p>Ingen tittel</p>", head=""),
    page("<p>farfar og morbror</p>"),
    page("<p>s/he will call</p>"),
    page("<p>Rådmannen svarer.</p>"),
    "<html><body><p>no lang, no title</p></body></html>",
]
# The quick path reads a title as text with its tags taken out and stops at "</title>"; the tree
# keeps a title's tags as text (a title is raw text) and an unclosed title runs to the end. Pages
# with such a title differ in their title only.
TITLE_QUIRKS = [
    page("<p>Tittel</p>", head="<title>Med <b>merke</b></title>"),
    page("<p>Uten slutt</p>", head="<title>aldri lukket"),
]


@pytest.mark.parametrize("html", PAGES + TITLE_QUIRKS)
@pytest.mark.parametrize("encoding", ["utf-8", "windows-1252"])
def test_quick_path_finds_what_the_tree_finds(engine: Engine, html: str, encoding: str) -> None:
    try:
        body = html.replace('charset="utf-8"', f'charset="{encoding}"').encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"not in {encoding}")
    doc = FetchedDocument(url="https://k.no/side", body=body, media_type="text/html")
    linter = Linter(engine, collect_links=False)
    quick = linter.document(doc)
    tree = linter.parsed(parse_html(doc, ParseOptions(collect_links=False, default_language="nb")))
    assert [f.to_record() for f in quick.findings] == [f.to_record() for f in tree.findings]
    assert quick.notes == tree.notes
    assert quick.parsed is not None and tree.parsed is not None
    assert quick.parsed.language == tree.parsed.language
    if html not in TITLE_QUIRKS:
        assert quick.parsed.title == tree.parsed.title


def test_a_clear_page_takes_the_quick_path(engine: Engine) -> None:
    options = Linter(engine, collect_links=False).parse_options
    doc = FetchedDocument(url="https://k.no/a", body=PAGES[0].encode(), media_type="text/html")
    assert parse_html(doc, options).metadata.get("quick") is True
    doc = FetchedDocument(url="https://k.no/b", body=PAGES[2].encode(), media_type="text/html")
    assert not parse_html(doc, options).metadata.get("quick")
