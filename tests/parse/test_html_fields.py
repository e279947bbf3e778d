"""HTML fields (formlint/parse/html_fields.py): accessible names, groups, options, hidden, help,
required and kinds; W3C ACT e086e5."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from html_pages import field, fields, page, parse

from formlint.document import FetchedDocument
from formlint.model import FieldKind
from formlint.parse.html import parse_html
from formlint.parse.registry import ParseOptions

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


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
