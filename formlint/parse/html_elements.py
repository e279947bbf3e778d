"""What the HTML parser reads off one element: its text, where it is, what it is.

Shared by the tree walk (``html_walk``), the field builder (``html_fields``) and the entry point
(``html``): the tag sets that decide what is prose, white space collapsed cheaply, an element's
visible text, its short CSS path, and whether it is a button or sits in a label.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.etree as etree

Element = Any  # lxml ships no type stubs here; elements are lxml.etree._Element

_STRING = etree.XPath("string()", smart_strings=False)

# Subtrees whose text nobody reads as page prose. select/textarea/button/option text belongs to a
# field; script/style/template/noscript never show (noscript does with JS off, but then it
# duplicates the page).
SKIP_TEXT_TAGS = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "select",
        "textarea",
        "button",
        "datalist",
        "option",
        "optgroup",
        "svg",
        "math",
        "iframe",
        "object",
    }
)
INLINE_TAGS = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img",
        "ins", "kbd", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time",
        "tt", "u", "var", "wbr", "input", "meter", "progress", "output", "picture", "source", "acronym",
    }
)  # fmt: skip
CONTROL_TAGS = frozenset({"input", "select", "textarea", "button"})
_BUTTON_TYPES = frozenset({"submit", "reset", "button", "image"})


def collapse_whitespace(text: str | None) -> str:
    """White space collapsed as ``" ".join(text.split())`` does, without the split when the text
    is already collapsed (most page text): no leading, trailing or double space and no other
    white space means ``split`` and ``join`` would give it back unchanged. A Latin-1 text is
    tested for the eleven Latin-1 characters ``split`` splits at but the space, each an ``in``
    at memchr speed (fewer instructions than mapping its bytes through a table and comparing,
    ~1 K a 360-character text, and than ``isprintable``'s per-character lookup); any other text
    with ``isprintable``, since every ``str.isspace`` character but the ASCII space is a control
    or separator, so not printable. A test checks every white space character of Unicode."""
    if not text:
        return ""
    if text[0] != " " and text[-1] != " " and "  " not in text:
        try:
            text.encode("latin-1")
        except UnicodeEncodeError:
            if text.isprintable():
                return text
        else:
            if (
                "\n" not in text
                and "\t" not in text
                and "\r" not in text
                and "\xa0" not in text
                and "\x0b" not in text
                and "\x0c" not in text
                and "\x1c" not in text
                and "\x1d" not in text
                and "\x1e" not in text
                and "\x1f" not in text
                and "\x85" not in text
            ):
                return text
    return " ".join(text.split())


def element_text(el: Element, skip_controls: bool = False) -> str:
    """Visible-ish text of an element, whitespace collapsed; script/style never count."""
    # a C-level descendant search: el.find(".//script") runs ElementPath's Python selector
    if skip_controls or next(el.iterdescendants("script", "style"), None) is not None:
        parts: list[str] = []
        _gather(el, parts, skip_controls, top=True)
        return collapse_whitespace("".join(parts))
    return collapse_whitespace(_STRING(el))


def _gather(el: Element, parts: list[str], skip_controls: bool, top: bool = False) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    skip = tag in ("script", "style", "template") or (
        # a label's text: its controls' content and what display:none hides are not its words
        skip_controls
        and (
            tag in ("select", "textarea", "option", "datalist")
            or (not top and tag and el.attrib and _hides(el))
        )
    )
    if not skip and tag:
        if el.text:
            parts.append(el.text)
        for child in el:
            _gather(child, parts, skip_controls)
    if not top and el.tail:
        parts.append(el.tail)


# What hides an element from sight but maybe not from a screen reader: display/visibility, and the
# usual ways to move text off screen (negative offsets of hundreds of pixels or more, clipping to
# nothing, a "screen reader only" class).
_HIDDEN_FROM_SIGHT = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden"
    r"|(?:left|top|right|margin-left|text-indent)\s*:\s*-\d{3,}"
    r"|clip\s*:\s*rect\(\s*0|clip-path\s*:\s*inset\(\s*50%",
    re.IGNORECASE,
)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_OFFSCREEN_CLASS = re.compile(
    r"(?:^|\s)(?:sr-only|visually-?hidden|screen-?reader-(?:text|only)|element-invisible"
    r"|offscreen|hidden)(?:$|\s)",
    re.IGNORECASE,
)


def visually_hidden(el: Element) -> bool:
    """Does the element's own markup hide it from sight (``hidden``, an inline style, an
    off-screen class)? ``aria-hidden`` does not: it hides from screen readers only."""
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    if style and _HIDDEN_FROM_SIGHT.search(style):
        return True
    cls = el.get("class")
    return bool(cls) and _OFFSCREEN_CLASS.search(cls) is not None


def hidden_from_sight(el: Element) -> bool:
    """``visually_hidden`` for the element or any of its ancestors."""
    return visually_hidden(el) or any(visually_hidden(a) for a in el.iterancestors())


def _hides(el: Element) -> bool:
    """Hidden from everyone: the ``hidden`` attribute or ``display:none``/``visibility:hidden``
    (text moved off screen still names a field for a screen reader)."""
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style) and _DISPLAY_NONE.search(style) is not None


def ancestor_label(el: Element) -> Element | None:
    """The ``<label>`` wrapping ``el``, looked for up to its form, fieldset or body."""
    for anc in el.iterancestors():
        tag = anc.tag
        if tag == "label":
            return anc
        if tag in ("form", "body", "fieldset"):
            return None
    return None


_CSS_IDENT = re.compile(r"[A-Za-z_][\w-]*")


def _css_step(el: Element) -> str:
    tag = el.tag if isinstance(el.tag, str) else "node"
    ident = (el.get("id") or "").strip()
    if ident and _CSS_IDENT.fullmatch(ident):
        return f"{tag}#{ident}"
    name = el.get("name")
    if name and tag in ("input", "select", "textarea", "button", "form"):
        return f'{tag}[name="{name}"]'
    parent = el.getparent()
    if parent is None or tag in ("html", "body", "main"):
        return tag
    same = [c for c in parent if c.tag == tag]
    if len(same) > 1:
        return f"{tag}:nth-of-type({same.index(el) + 1})"
    return tag


def css_path(el: Element) -> str:
    """Short CSS path: up to the nearest id, form or body (body itself left out), ids preferred."""
    steps: list[str] = []
    cur = el
    while cur is not None and isinstance(cur.tag, str):
        if steps and cur.tag in ("body", "html"):
            break
        step = _css_step(cur)
        steps.append(step)
        if "#" in step or cur.tag in ("form", "body", "html") or len(steps) >= 6:
            break
        cur = cur.getparent()
    return " > ".join(reversed(steps))


def is_button(el: Element, tag: str) -> bool:
    """``<button>``, ``role=button`` or a submit/reset/button/image input: it acts, it asks nothing."""
    if tag == "button" or el.get("role") == "button":
        return True
    return tag == "input" and (el.get("type") or "").strip().lower() in _BUTTON_TYPES
