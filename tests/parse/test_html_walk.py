"""The walk over an HTML page (formlint/parse/html_walk.py): forms and sections, text blocks,
menus, language, suppression; and its shortcuts change nothing.

The fast path handles attribute-less block elements (most <p>, <h2>, <li> of a page) in fewer
steps; forcing every element down the general path must give the same ParsedDocument. A menu is
recognised with two cheap XPaths instead of the one it replaced; they must agree on every element.
"""

from __future__ import annotations

from pathlib import Path

import lxml.etree as etree
import pytest
from html_pages import field, page, parse

from formlint.document import FetchedDocument
from formlint.model import Scope
from formlint.parse import html as html_parser
from formlint.parse import html_walk
from formlint.parse.registry import ParseOptions

REPO = Path(__file__).resolve().parents[2]
PAGES = sorted((REPO / "formlint" / "demo" / "site").rglob("*.html")) + sorted(
    (REPO / "tests" / "fixtures").rglob("*.html")
)
SNIPPETS = [
    "<p>Mor eller far<br>skal skrive under.</p><div><p>Nested <b>bold</b> tail</p> after</div>",
    "<ul><li>Ett</li><li></li><li>  to  \n tre </li></ul><!-- formlint-disable all -- test -->"
    "<p>Han eller hun</p><!-- formlint-enable --><h2>Overskrift</h2>",
    '<div data-formlint-ignore="x"><p>Ignored han</p></div><section><h3>Tittel</h3><p>t</p></section>',
    '<form id="f"><p>Before</p><input type="radio" name="r"> Mor <input type="radio" name="r"> Far'
    "<p>Hint text</p><label>Navn <input name=n></label></form><p>After the form</p>",
    '<main id="m"><p>Under id</p><div hidden><p>Hidden</p></div><p lang="en">English</p></main>',
]


# --- the walk's shortcuts ------------------------------------------------------------------------


class _Everything:
    """Stands in for _SPECIAL_TAGS: every tag is special, so nothing takes the fast path."""

    def __contains__(self, item: object) -> bool:
        return True


def _parse(body: bytes, url: str) -> dict[str, object]:
    doc = html_parser.parse_html(
        FetchedDocument(url=url, body=body, media_type="text/html"), ParseOptions()
    )
    return {
        "doc": doc.to_dict(),
        "blocks": [repr(b) for b in doc.text_blocks],
        "forms": [repr(f) for f in doc.forms],
        "meta": doc.metadata,
    }


def _bodies() -> list[tuple[str, bytes]]:
    out = [(str(p.relative_to(REPO)), p.read_bytes()) for p in PAGES]
    for i, s in enumerate(SNIPPETS):
        html = (
            f'<!doctype html><html lang="nb"><head><title>T</title></head><body>{s}</body></html>'
        )
        out.append((f"snippet-{i}", html.encode()))
    return out


@pytest.mark.parametrize(("name", "body"), _bodies(), ids=lambda x: x if isinstance(x, str) else "")
def test_fast_path_matches_general_path(
    name: str, body: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"https://k.no/{name}"
    fast = _parse(body, url)
    monkeypatch.setattr(html_walk, "_SPECIAL_TAGS", _Everything())
    general = _parse(body, url)
    assert fast == general


# The menu test as the single XPath it replaced: _nav_has_prose must agree on every element.
_NAV_HAS_PROSE_XPATH = etree.XPath(
    "boolean(.//text()[normalize-space()][not(ancestor::a)][not(ancestor::script)]"
    "[not(ancestor::style)][not(ancestor::button)] | .//input | .//select | .//textarea | .//form)"
)
_MENU_SNIPPETS = [
    "<nav>a<a>b</a></nav>",
    "<nav><a>x<span>y</span></a> </nav>",
    "<a><nav>t</nav></a>",
    "<nav><button>x</button>tail</nav>",
    "<nav><a>x</a>&nbsp;</nav>",
    "<nav>\u2003<a>x</a><!-- c --></nav>",
    "<nav><ul><li><a>x</a> | </li></ul></nav>",
    "<nav><script>x</script><style>y</style></nav>",
    "<nav><a><input></a></nav>",
    "<form role='navigation'><a>x</a></form>",
    "<nav><form></form></nav>",
    "<button><nav>t</nav></button>",
    "<nav><noscript>x</noscript><template>y</template></nav>",
    # every text a link's own (the count shortcut), or nearly
    "<nav></nav>",
    "<nav><ul><li><a>x</a></li><li><a>y</a></li></ul></nav>",
    "<nav><a>x</a><input></nav>",
    "<nav><a><b>x</b></a></nav>",
    "<nav><a>x</a><a><a>y</a>z</a></nav>",
    "<a role='navigation'>x</a>",
    "<nav><a>x</a><script>y</script></nav>",
]


@pytest.mark.parametrize(("name", "body"), _bodies(), ids=lambda x: x if isinstance(x, str) else "")
def test_nav_has_prose_matches_the_xpath(name: str, body: bytes) -> None:
    root = html_parser._parse_tree(html_parser._tree_bytes(body.decode("utf-8", "replace")))
    assert root is not None
    for el in root.iter(etree.Element):
        assert html_walk._nav_has_prose(el) == _NAV_HAS_PROSE_XPATH(el), name


@pytest.mark.parametrize("snippet", _MENU_SNIPPETS)
def test_nav_has_prose_edge_cases(snippet: str) -> None:
    root = html_parser._parse_tree(html_parser._tree_bytes(f"<html><body>{snippet}</body></html>"))
    assert root is not None
    for el in root.iter(etree.Element):
        assert html_walk._nav_has_prose(el) == _NAV_HAS_PROSE_XPATH(el), snippet


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
    assert doc.declared_language == "nb"
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
    assert doc.declared_language is None
    assert doc.language is None
    assert doc.text_blocks[1].language is None


def test_a_lang_value_that_names_no_language_is_none() -> None:
    """An unrendered template variable says nothing about the language: the words decide, and
    the page has no language as far as ``page-lang-missing`` is concerned."""
    doc = parse(
        page('<p lang="{{ lang }}">Hei</p><p lang="sme">Bures</p>', lang=' lang="{{ lang }}"')
    )
    assert doc.declared_language is None
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
