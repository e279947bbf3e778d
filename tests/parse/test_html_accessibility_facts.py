"""What the HTML parser tells the accessibility checks: the labels people can see, the heading a
field sits under, ids a label cannot reach, buttons outside forms, the declared language."""

from __future__ import annotations

import pytest
from html_pages import field, page, parse

from formlint.document import FetchedDocument
from formlint.parse.html import parse_html
from formlint.parse.registry import ParseOptions


def test_label_parts_are_the_visible_labelling_elements_one_by_one() -> None:
    doc = parse(
        page(
            '<form><span id="s" style="display:none">Søk i tjenester</span>'
            '<input name="q" aria-labelledby="go s"><button id="go">Gå</button>'
            '<label for="n">Navn</label><label for="n" class="sr-only">på barnet</label>'
            '<input id="n" name="n"></form>'
        )
    )
    q = field(doc, "q")
    assert q.label == "Gå Søk i tjenester"  # a hidden element still names it when referenced
    assert q.label_parts == ("Gå",)
    n = field(doc, "n")
    assert n.label == "Navn på barnet"
    assert n.label_parts == ("Navn",)
    assert field(doc, "n").to_dict()["label_parts"] == ["Navn"]


def test_text_display_none_hides_is_no_part_of_a_label() -> None:
    doc = parse(
        page(
            '<form><label>Fornavn<span style="display: none"> (gammel)</span>'
            ' <span aria-hidden="true">*</span><input name="f"></label></form>'
        )
    )
    f = field(doc, "f")
    assert f.label == "Fornavn *"  # aria-hidden text is still seen, and says "required"
    assert f.label_parts == ("Fornavn *",)
    assert "label_parts" not in f.to_dict()  # the same as the label


def test_a_field_knows_the_last_visible_heading_before_it() -> None:
    doc = parse(
        page(
            "<form><h2>Søker</h2><label>Telefon <input name='a'></label>"
            '<h2 style="position:absolute;left:-9999px">Medsøker</h2>'
            "<label>Telefon <input name='b'></label>"
            '<h3><span>Barnet</span></h3><label>Telefon <input name="c"></label></form>'
        )
    )
    assert [field(doc, n).heading for n in "abc"] == ["Søker", "Søker", "Barnet"]


@pytest.mark.parametrize(
    ("markup", "clash", "labelled"),
    [
        ('<label for="x">A</label><input id="x" name="a"><input id="x" name="b">', True, "a"),
        ("<label for='x'>A</label><input id='x' name='a'><input id=x name='b'>", True, "a"),
        ('<label for="x">A</label><input id="x" name="a"><p ID="x">p</p>', True, "a"),
        ('<div id = "x"></div><label for="x">A</label><input id="x" name="a">', True, None),
        ('<label for="x">A</label><input id="x" name="a"><p data-id="x">p</p>', False, "a"),
        ('<label for="x">A</label><input id="x" name="a"><input id="xy" name="b">', False, "a"),
    ],
)  # fmt: skip
def test_an_id_on_two_elements_is_found_and_the_label_names_only_the_first(
    markup: str, clash: bool, labelled: str | None
) -> None:
    doc = parse(page(f"<form>{markup}</form>"))
    a = field(doc, "a")
    assert a.id_clash is clash
    assert (a.label == "A") is (labelled == "a")


def test_the_id_search_works_on_pages_that_are_not_ascii_compatible() -> None:
    html = page('<form><label for="x">A</label><input id="x" name="a"><i id="x"></i></form>')
    doc = parse(html.encode("utf-16"), charset="utf-16")
    assert field(doc, "a").id_clash is True


def test_buttons_outside_forms_are_controls_of_the_page_not_a_form() -> None:
    doc = parse(
        page(
            '<header><button class="meny"></button><span role="button" tabindex="0">Søk</span>'
            '<button role="link"></button><input type="image" src="x.png" alt="Skriv ut"></header>'
            "<p>Tekst</p>"
        )
    )
    assert doc.forms == ()
    assert [(c.label, c.name_source) for c in doc.controls] == [
        (None, ""),
        ("Søk", "text"),
        ("Skriv ut", "alt"),
    ]
    # their text is still the page's (nothing is taken out of the prose)
    assert any("Søk" in b.text for b in doc.text_blocks)


@pytest.mark.parametrize(
    ("lang", "declared"), [(' lang="nb-NO"', "nb"), (' lang="en"', "en"), ("", None)]
)
def test_the_declared_language_is_the_html_lang(lang: str, declared: str | None) -> None:
    assert parse(page("<form><input name='a'></form>", lang=lang)).declared_language == declared
    # and on the quick path (no tree) for a page with no form and no rule word
    quick = parse_html(
        FetchedDocument(url="https://k.no/", body=page("<p>Åpningstider</p>", lang=lang).encode()),
        ParseOptions(rule_words=frozenset({"mor"}), collect_links=False),
    )
    assert quick.metadata.get("quick") is True
    assert quick.declared_language == declared
