"""The walk's fast path for plain blocks changes nothing.

The fast path handles attribute-less block elements (most <p>, <h2>, <li> of a page) in fewer
steps; forcing every element down the general path must give the same ParsedDocument.
"""

from __future__ import annotations

import random
from pathlib import Path

import lxml.etree as etree
import pytest

from formlint.document import FetchedDocument
from formlint.parse import html as html_parser
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
    monkeypatch.setattr(html_parser, "_SPECIAL_TAGS", _Everything())
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
    root = html_parser._parse_tree(body.decode("utf-8", "replace"))
    assert root is not None
    for el in root.iter(etree.Element):
        assert html_parser._nav_has_prose(el) == _NAV_HAS_PROSE_XPATH(el), name


@pytest.mark.parametrize("snippet", _MENU_SNIPPETS)
def test_nav_has_prose_edge_cases(snippet: str) -> None:
    root = html_parser._parse_tree(f"<html><body>{snippet}</body></html>")
    assert root is not None
    for el in root.iter(etree.Element):
        assert html_parser._nav_has_prose(el) == _NAV_HAS_PROSE_XPATH(el), snippet


def test_collapse_is_split_and_join() -> None:
    """_collapse skips the split for collapsed text; it must agree with split/join everywhere."""
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    pieces = ["a", "æ", "›", "\u200b", "ß", "ё", *spaces]
    rng = random.Random(7)
    texts = ["", " ", "a b", "a  b", " a", "a ", *spaces, *(f"x{s}y" for s in spaces)]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(20_000)]
    for text in texts:
        assert html_parser._collapse(text) == " ".join(text.split()), repr(text)
