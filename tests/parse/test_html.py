"""HTML parser: forms, fields, labels, options, text, language, suppression, links, metadata."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from formlint.document import FetchedDocument
from formlint.model import Field, FieldKind, ParsedDocument, Scope
from formlint.parse.html import parse_html
from formlint.parse.registry import ParseOptions, parse_document

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"


def parse(
    html: str | bytes, *, charset: str | None = None, url: str = "https://k.no/a/side.html"
) -> ParsedDocument:
    body = html.encode("utf-8") if isinstance(html, str) else html
    return parse_html(FetchedDocument(url=url, body=body, charset=charset), ParseOptions())


def fields(doc: ParsedDocument) -> list[Field]:
    return [f for form in doc.forms for f in form.fields]


def field(doc: ParsedDocument, name: str) -> Field:
    for f in fields(doc):
        if f.name == name or f.id == name:
            return f
    raise AssertionError(f"no field {name!r} in {[f.name for f in fields(doc)]}")


def page(body: str, lang: str = ' lang="nb"') -> str:
    return f"<!DOCTYPE html><html{lang}><head><title>T</title></head><body>{body}</body></html>"


# --- labels -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "label", "source"),
    [
        ('<span id="a">Fornavn</span><span id="b">barnet</span><label for="x">L</label>'
         '<input id="x" name="n" aria-labelledby="a b" aria-label="AL" title="T" placeholder="P">',
         "Fornavn barnet", "aria-labelledby"),
        ('<label for="x">L</label><input id="x" name="n" aria-label="AL" title="T">', "AL", "aria-label"),
        ('<label for="x">Etternavn</label><input id="x" name="n" title="T" placeholder="P">', "Etternavn", "label"),
        ('<label>Etternavn <input name="n" title="T"></label>', "Etternavn", "label"),
        ('<input name="n" title="Tittel" placeholder="P">', "Tittel", "title"),
        ('<input name="n" placeholder="Søk her">', "Søk her", "placeholder"),
        ('<input name="n">', None, ""),
        ('<input name="n" aria-label="   ">', None, ""),
        ('<input name="n" aria-labelledby="missing">', None, ""),
        ('<label for="x">  </label><input id="x" name="n">', None, ""),
    ],
)  # fmt: skip
def test_label_precedence(markup: str, label: str | None, source: str) -> None:
    doc = parse(page(f"<form>{markup}</form>"))
    f = field(doc, "n")
    assert f.label == label
    assert f.name_source == source


def test_label_text_is_not_page_prose() -> None:
    doc = parse(
        page('<form><label for="x">Mors navn</label><input id="x" name="n"><p>Intro</p></form>')
    )
    assert [b.text for b in doc.forms[0].text_blocks] == ["Intro"]


def test_wrapping_label_excludes_select_options() -> None:
    doc = parse(
        page(
            '<form><label>Rolle <select name="r"><option>Mor</option><option>Far</option></select></label></form>'
        )
    )
    f = field(doc, "r")
    assert f.label == "Rolle"
    assert [o.label for o in f.options] == ["Mor", "Far"]


@pytest.mark.parametrize(
    ("markup", "label", "source"),
    [
        ("<button>Send inn</button>", "Send inn", "text"),
        ('<input type="submit" value="Lagre">', "Lagre", "value"),
        ('<input type="image" src="x.png" alt="Søk">', "Søk", "alt"),
        ("<button></button>", None, ""),
        ('<input type="image" src="x.png">', None, ""),
    ],
)
def test_button_names(markup: str, label: str | None, source: str) -> None:
    doc = parse(page(f"<form>{markup}</form>"))
    (f,) = fields(doc)
    assert f.kind == FieldKind.BUTTON
    assert f.label == label
    assert f.name_source == source


# --- groups, radios, checkboxes -----------------------------------------------------------------


def test_fieldset_legend_and_radio_grouping() -> None:
    doc = parse(
        page(
            '<form id="apply"><fieldset><legend>Kjønn</legend>'
            '<input type="radio" name="kjonn" id="m" value="m"><label for="m">Mann</label>'
            '<input type="radio" name="kjonn" id="k" value="k" checked><label for="k">Kvinne</label>'
            "</fieldset>"
            '<label for="e">E-post</label><input id="e" name="epost" type="email"></form>'
        )
    )
    (form,) = doc.forms
    assert form.key == "form#apply"
    assert form.kind == "html-form"
    radio, email = form.fields
    assert radio.kind == FieldKind.RADIO
    assert radio.legend == "Kjønn"
    assert radio.in_fieldset is True
    assert radio.question == "Kjønn"
    assert [(o.label, o.value, o.selected) for o in radio.options] == [
        ("Mann", "m", False),
        ("Kvinne", "k", True),
    ]
    assert radio.name_source == "label"
    assert radio.location.anchor == "input[name=kjonn]"
    assert radio.location.line == 1
    assert email.kind == FieldKind.EMAIL
    assert email.in_fieldset is False
    assert email.legend is None
    assert form.text_blocks == ()  # legend and labels belong to the fields


def test_radiogroup_role_names_the_group() -> None:
    doc = parse(
        page(
            '<form><div role="radiogroup" aria-label="Hvem søker?">'
            '<label><input type="radio" name="s" value="1"> Forelder</label>'
            '<label><input type="radio" name="s" value="2"> Verge</label></div></form>'
        )
    )
    f = field(doc, "s")
    assert f.legend == "Hvem søker?"
    assert f.in_fieldset is True
    assert [o.label for o in f.options] == ["Forelder", "Verge"]


def test_aria_radios_in_radiogroup_make_one_field() -> None:
    doc = parse(
        page(
            '<div role="radiogroup" aria-labelledby="q"><p id="q">Kjønn</p>'
            '<div role="radio" aria-checked="true">Mann</div><div role="radio" aria-checked="false">Kvinne</div></div>'
        )
    )
    (f,) = fields(doc)
    assert f.kind == FieldKind.RADIO
    assert f.legend == "Kjønn"
    assert [(o.label, o.selected) for o in f.options] == [("Mann", True), ("Kvinne", False)]


def test_radio_group_question_from_preceding_heading() -> None:
    doc = parse(
        page(
            '<form><h2>Sivilstand</h2><div><input type="radio" name="s" id="g"><label for="g">Gift</label>'
            '<input type="radio" name="s" id="u"><label for="u">Ugift</label></div><p>Mer tekst</p></form>'
        )
    )
    f = field(doc, "s")
    assert f.legend == "Sivilstand"
    assert f.in_fieldset is False
    assert [b.text for b in doc.forms[0].text_blocks] == ["Mer tekst"]


def test_adjacent_text_options_and_question() -> None:
    doc = parse(
        page(
            '<form><p>Kjønn: <input type="radio" name="k" value="m"> Mann <input type="radio" name="k" value="k"> Kvinne<br>'
            '<input type="radio" name="k" value="a"><span>Annet</span></p></form>'
        )
    )
    f = field(doc, "k")
    assert [o.label for o in f.options] == ["Mann", "Kvinne", "Annet"]
    assert f.legend == "Kjønn:"
    assert f.name_source == ""  # adjacent text is visible but is not an accessible name
    assert doc.forms[0].text_blocks == ()


def test_adjacent_text_before_input() -> None:
    doc = parse(page('<form><div>Mor <input type="checkbox" name="m"></div></form>'))
    f = field(doc, "m")
    assert f.kind == FieldKind.CHECKBOX
    assert f.label == "Mor"
    assert f.name_source == ""


def test_checkboxes_sharing_a_name() -> None:
    doc = parse(
        page(
            "<form><fieldset><legend>Hvem bor i husstanden?</legend>"
            '<label><input type="checkbox" name="hus" value="mor" checked> Mor</label>'
            '<label><input type="checkbox" name="hus" value="far"> Far</label></fieldset>'
            '<label><input type="checkbox" name="ok"> Jeg godtar</label></form>'
        )
    )
    group, lone = fields(doc)
    assert group.kind == FieldKind.CHECKBOXES
    assert [(o.label, o.selected) for o in group.options] == [("Mor", True), ("Far", False)]
    assert lone.kind == FieldKind.CHECKBOX
    assert lone.label == "Jeg godtar"


def test_radios_with_same_name_in_different_forms_stay_apart() -> None:
    doc = parse(
        page('<form><input type="radio" name="k"></form><form><input type="radio" name="k"></form>')
    )
    assert [len(f.fields) for f in doc.forms] == [1, 1]
    assert [f.key for f in doc.forms] == ["form:nth(1)", "form:nth(2)"]


# --- select ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first",
    [
        '<option value="">Velg …</option>',
        "<option>-- velg --</option>",
        '<option value="x">Vel kjønn</option>',
        "<option>Choose one</option>",
    ],
)
def test_select_placeholder(first: str) -> None:
    doc = parse(
        page(
            f'<form><select name="k">{first}<option>Mann</option><option value="k">Kvinne</option></select></form>'
        )
    )
    f = field(doc, "k")
    assert f.kind == FieldKind.SELECT
    assert f.placeholder
    assert [(o.label, o.value) for o in f.options] == [("Mann", "Mann"), ("Kvinne", "k")]


def test_select_optgroup_label_attr_selected_and_multiple() -> None:
    doc = parse(
        page(
            '<form><select name="r" multiple><optgroup label="Foreldre"><option label="Forelder 1" value="1">x</option>'
            '<option value="2" selected>Forelder 2</option></optgroup><option value="3" hidden>Skjult</option></select></form>'
        )
    )
    f = field(doc, "r")
    assert f.kind == FieldKind.MULTISELECT
    assert f.placeholder is None
    assert [(o.label, o.selected, o.hidden) for o in f.options] == [
        ("Forelder 1", False, False),
        ("Forelder 2", True, False),
        ("Skjult", False, True),
    ]


# --- hidden, help, required -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "wrapper",
    [
        "<div hidden>{}</div>",
        '<div aria-hidden="true"><span>{}</span></div>',
        '<div style="color:red; display: none">{}</div>',
        '<section style="visibility:hidden">{}</section>',
    ],
)
def test_hidden_containers(wrapper: str) -> None:
    doc = parse(
        page(
            "<form>"
            + wrapper.format('<p>Skjult tekst</p><input name="h" aria-label="Skjult">')
            + "</form>"
        )
    )
    assert field(doc, "h").hidden is True
    assert [b.hidden for b in doc.forms[0].text_blocks] == [True]


def test_hidden_input_and_visible_field() -> None:
    doc = parse(
        page('<form><input type="hidden" name="t" value="1"><input name="v" aria-label="V"></form>')
    )
    t = field(doc, "t")
    assert (t.kind, t.hidden) == (FieldKind.HIDDEN, True)
    assert field(doc, "v").hidden is False


def test_help_from_describedby_and_hint_class() -> None:
    doc = parse(
        page(
            '<form><div class="form-group"><label for="n">Navn</label><div class="govuk-hint">Slik det står i passet</div>'
            '<input id="n" name="n" aria-describedby="d"></div><p id="d">Brukes i brev</p>'
            '<div class="form-group"><label for="m">Annet</label><input id="m" name="m"></div></form>'
        )
    )
    assert field(doc, "n").help == ("Brukes i brev", "Slik det står i passet")
    assert field(doc, "m").help == ()
    assert doc.forms[0].text_blocks == ()


def test_required_and_autocomplete() -> None:
    doc = parse(
        page(
            '<form><input name="a" required autocomplete="given-name" aria-label="A">'
            '<input name="b" aria-required="true" aria-label="B"><input name="c" aria-label="C"></form>'
        )
    )
    assert (field(doc, "a").required, field(doc, "a").autocomplete) == (True, "given-name")
    assert field(doc, "b").required is True
    assert (field(doc, "c").required, field(doc, "c").autocomplete) == (False, None)


def test_kinds() -> None:
    doc = parse(
        page(
            "<form>"
            + "".join(
                f'<input type="{t}" name="{t}">'
                for t in ("text", "email", "tel", "number", "date", "file", "reset", "search")
            )
            + '<textarea name="ta"></textarea><div role="textbox" aria-label="Rik tekst"></div>'
            + '<div role="combobox" aria-label="By"></div></form>'
        )
    )
    kinds = [f.kind for f in fields(doc)]
    assert kinds == [
        FieldKind.TEXT, FieldKind.EMAIL, FieldKind.TEL, FieldKind.NUMBER, FieldKind.DATE, FieldKind.FILE,
        FieldKind.BUTTON, FieldKind.TEXT, FieldKind.TEXTAREA, FieldKind.TEXT, FieldKind.SELECT,
    ]  # fmt: skip


# --- forms without <form> -------------------------------------------------------------------------


def test_controls_outside_forms_group_by_section() -> None:
    doc = parse(
        page(
            '<main><section id="kontakt"><h2>Kontakt</h2><input name="a" aria-label="A"><input name="b" aria-label="B"></section>'
            '<section><input name="c" aria-label="C"></section></main><input name="d" aria-label="D">'
        )
    )
    assert [(f.kind, f.key, [x.name for x in f.fields]) for f in doc.forms] == [
        ("html-section", "html-section:section#kontakt", ["a", "b"]),
        ("html-section", "html-section:main > section:nth-of-type(2)", ["c"]),
        ("html-section", "html-section:body", ["d"]),
    ]
    assert [b.text for b in doc.text_blocks] == ["T", "Kontakt"]


def test_form_keys() -> None:
    doc = parse(
        page(
            '<form id="a"></form><form name="b"></form><form action="/s"></form><form action="/s"></form><form></form>'
        )
    )
    assert [f.key for f in doc.forms] == [
        "form#a",
        "form[name=b]",
        "form[action=/s]",
        "form[action=/s]:nth(2)",
        "form:nth(5)",
    ]
    assert doc.forms[2].action == "/s"


# --- text blocks ----------------------------------------------------------------------------------


def test_text_blocks_scopes_and_nesting() -> None:
    doc = parse(
        page(
            "<h1>Søknad om  barnehageplass</h1><p>Les <b>dette</b>\n først.</p><ul><li>Punkt <a href='/x'>en</a>"
            "<ul><li>Under</li></ul></li></ul><table><tr><th>Mor</th><td>Far</td></tr></table>"
            "<div>Direkte tekst<p>Avsnitt</p></div><script>var x = 'han eller hun';</script><style>p{}</style>"
            "<noscript>Slå på JS</noscript><template><p>Mal</p></template>"
        )
    )
    got = [(b.text, b.scope) for b in doc.text_blocks]
    assert got == [
        ("T", Scope.TITLE),
        ("Søknad om barnehageplass", Scope.HEADING),
        ("Les dette først.", Scope.PARAGRAPH),
        ("Punkt en", Scope.LIST_ITEM),
        ("Under", Scope.LIST_ITEM),
        ("Mor", Scope.TABLE_CELL),
        ("Far", Scope.TABLE_CELL),
        ("Direkte tekst", Scope.PARAGRAPH),
        ("Avsnitt", Scope.PARAGRAPH),
    ]
    assert doc.title == "T"


def test_link_only_menus_are_skipped_but_prose_in_nav_is_kept() -> None:
    doc = parse(
        page(
            '<nav><ul><li><a href="/a">Mor og far</a></li></ul></nav>'
            '<div class="main-menu"><ul><li><a href="/b">Meny</a></li></ul></div>'
            "<nav><p>Du er her:</p><a href='/c'>Hjem</a></nav><p>Innhold</p>"
        )
    )
    assert sorted(b.text for b in doc.text_blocks) == ["Du er her:", "Hjem", "Innhold", "T"]
    assert {link.url for link in doc.links} >= {
        "https://k.no/a",
        "https://k.no/b",
        "https://k.no/c",
    }


def test_search_form_in_nav_is_read() -> None:
    doc = parse(page('<nav><form role="search"><input name="q" placeholder="Søk"></form></nav>'))
    assert field(doc, "q").name_source == "placeholder"


# --- language ---------------------------------------------------------------------------------


def test_language_inheritance() -> None:
    doc = parse(
        page(
            '<p>Bokmål</p><div lang="nn-NO"><p>Nynorsk</p><form><input name="a" aria-label="A">'
            '<p lang="se">Davvisámegiella</p></form></div><p xml:lang="en">English</p>',
            lang=' lang="nb-NO"',
        )
    )
    assert doc.language == "nb"
    assert doc.metadata["html_lang_missing"] is False
    assert [(b.text, b.language) for b in doc.text_blocks] == [
        ("T", "nb"),
        ("Bokmål", "nb"),
        ("Nynorsk", "nn"),
        ("English", "en"),
    ]
    (form,) = doc.forms
    assert form.language == "nn"
    assert field(doc, "a").language == "nn"
    assert [(b.text, b.language) for b in form.text_blocks] == [("Davvisámegiella", "se")]


def test_missing_html_lang() -> None:
    doc = parse(page("<p>Hei</p>", lang=""))
    assert doc.metadata["html_lang_missing"] is True
    assert doc.language is None
    assert doc.text_blocks[1].language is None


def test_a_lang_value_that_names_no_language_is_none() -> None:
    """An unrendered template variable says nothing about the language: the words decide, and
    the page has no language as far as ``page-lang-missing`` is concerned."""
    doc = parse(
        page('<p lang="{{ lang }}">Hei</p><p lang="sme">Bures</p>', lang=' lang="{{ lang }}"')
    )
    assert doc.metadata["html_lang_missing"] is True
    assert [(b.text, b.language) for b in doc.text_blocks[1:]] == [("Hei", None), ("Bures", "se")]


# --- suppression ------------------------------------------------------------------------------


def test_suppression_comments() -> None:
    doc = parse(
        page(
            "<p>Før</p><!-- formlint-disable gender-binary-options, parent-mor-far-only -- lovpålagt etter barneloven -->"
            "<form><p>Inni</p><select name='k'><option>Mann</option><option>Kvinne</option></select></form>"
            "<!-- formlint-enable gender-binary-options --><p>Etter</p><!-- formlint-disable -- alt av -->"
            "<p>Alt</p><!-- formlint-enable --><p>Slutt</p>"
        )
    )
    by_text = {b.text: b.suppressions for b in doc.text_blocks}
    assert not by_text["Før"]
    assert by_text["Etter"].rules == frozenset({"parent-mor-far-only"})
    assert by_text["Alt"].rules == frozenset({"all", "parent-mor-far-only"})
    assert by_text["Alt"].covers("anything")
    assert not by_text["Slutt"]
    f = field(doc, "k")
    assert f.suppressions.rules == frozenset({"gender-binary-options", "parent-mor-far-only"})
    assert f.suppressions.reason_for("gender-binary-options") == "lovpålagt etter barneloven"
    (form,) = doc.forms
    assert form.suppressions.covers("gender-binary-options")
    assert form.text_blocks[0].suppressions.covers("parent-mor-far-only")


def test_data_formlint_ignore() -> None:
    doc = parse(
        page(
            '<form data-formlint-ignore="gender-binary-options name-no-preferred"><div data-formlint-ignore="">'
            '<input name="a" aria-label="A"></div><input name="b" aria-label="B"></form><p data-formlint-ignore="x,y">P</p><p>Q</p>'
        )
    )
    assert field(doc, "a").suppressions.rules == frozenset(
        {"gender-binary-options", "name-no-preferred", "all"}
    )
    assert field(doc, "b").suppressions.rules == frozenset(
        {"gender-binary-options", "name-no-preferred"}
    )
    assert doc.forms[0].suppressions.covers("name-no-preferred")
    by_text = {b.text: b.suppressions for b in doc.text_blocks}
    assert by_text["P"].rules == frozenset({"x", "y"})
    assert not by_text["Q"]


# --- links, locations, metadata -----------------------------------------------------------------


def test_links() -> None:
    doc = parse(
        page(
            '<a href="/om">Om  oss</a><a href="skjema.pdf">Skjema (PDF)</a><a href="https://x.no/a.docx?v=1">Word</a>'
            '<a href="#top">Til toppen</a><a href="mailto:a@b.no">Post</a><a href="/om">Om oss igjen</a>'
            '<iframe src="https://skjema.altinn.no/app" title="Søknad"></iframe><script src="js/app.js"></script>'
            '<form action="send"></form>'
        ).replace("<head>", '<head><base href="https://k.no/base/">')
    )
    assert [(x.url, x.kind, x.text) for x in doc.links] == [
        ("https://k.no/om", "a", "Om oss"),
        ("https://k.no/base/skjema.pdf", "document", "Skjema (PDF)"),
        ("https://x.no/a.docx?v=1", "document", "Word"),
        ("https://skjema.altinn.no/app", "iframe", "Søknad"),
        ("https://k.no/base/js/app.js", "script", None),
        ("https://k.no/base/send", "form-action", None),
    ]
    assert doc.metadata["has_form_markers"] is True


def test_relative_links_without_base() -> None:
    doc = parse(
        page('<a href="../b/c.html">C</a><a href="//cdn.no/x">X</a>'),
        url="https://k.no/a/side.html",
    )
    assert [x.url for x in doc.links] == ["https://k.no/b/c.html", "https://cdn.no/x"]


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
        "html_lang_missing": False,
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


# --- W3C ACT e086e5: form field has non-empty accessible name ------------------------------------


def _act_cases() -> list[tuple[str, str, Path]]:
    manifest = CORPUS / "MANIFEST.yaml"
    if not manifest.exists():
        return []
    data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    return [
        (c["id"], c["act-expected"], CORPUS / c["files"][0])
        for c in data["cases"]
        if c.get("format") == "act"
        and c.get("act-rule") == "e086e5"
        and c["act-expected"] in ("passed", "failed")
    ]


_ACT = _act_cases()


@pytest.mark.skipif(not _ACT, reason=f"ACT corpus not found at {CORPUS}")
@pytest.mark.parametrize(("case_id", "expected", "path"), _ACT, ids=[c[0] for c in _ACT])
def test_act_e086e5(case_id: str, expected: str, path: Path) -> None:
    doc = parse_html(FetchedDocument.from_path(path), ParseOptions())
    # the test targets are the non-button form fields
    targets = [f for f in fields(doc) if f.kind != FieldKind.BUTTON]
    assert targets, case_id
    if expected == "failed":
        assert any(f.name_source == "" for f in targets), [f.to_dict() for f in targets]
    else:
        assert all(f.name_source for f in targets), [f.to_dict() for f in targets]


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


def test_mega_menu_keeps_headings_and_drops_link_lists() -> None:
    doc = parse(
        page(
            '<nav><button aria-expanded="false">Vis meny</button><div class="col"><h3>Tjenester</h3>'
            '<ul><li><a href="/a">Barnehage</a></li><li><a href="/b">Skole</a></li></ul></div></nav>'
            '<nav><button>Meny</button><ul><li><a href="/c">Helse</a></li></ul></nav>'
        )
    )
    assert [b.text for b in doc.text_blocks] == ["T", "Tjenester"]
    assert len(doc.links) == 3


def test_fixture_truncated_anywhere_never_raises() -> None:
    body = (FIXTURES / "soknad.html").read_bytes()
    for cut in range(0, len(body), 29):
        doc = parse(body[:cut])
        assert doc.format == "html"
