"""HTML pages into the form model: the entry point, :func:`parse_html`.

A page with no form control and no word any rule could match is read without a tree (the quick
paths below). Any other page is parsed into one lxml tree and walked once in document order
(``html_walk``: text blocks, forms and their controls); the controls become fields
(``html_fields``), text a field consumed (its label, legend, hint, adjacent option text, the
question before its boxes) is dropped from the prose here so a rule never sees it twice, and the
links are read (``html_links``). See docs/parsers-html.md for why lxml and not a BeautifulSoup
tree.
"""

from __future__ import annotations

import contextlib
import html as html_module
import re
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

import lxml.etree as etree

from formlint.document import FetchedDocument
from formlint.model import (
    Field,
    Form,
    Location,
    ParsedDocument,
    Problem,
    Row,
    TextBlocks,
    row_block,
)
from formlint.model.language import normalise_language
from formlint.parse.decode import decode_html_utf8
from formlint.parse.html_elements import (
    INLINE_TAGS,
    SKIP_TEXT_TAGS,
    Element,
    collapse_whitespace,
    css_path,
    is_button,
)
from formlint.parse.html_fields import FieldBuilder
from formlint.parse.html_lines import real_lines
from formlint.parse.html_links import FORM_PLATFORMS, page_links
from formlint.parse.html_walk import HtmlPage
from formlint.parse.registry import ParseOptions
from formlint.textscan import WordScanner, has_odd_case

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")


def _tree_bytes(text: str, utf8: bytes | None = None) -> bytes:
    """What the parser reads. ``utf8``: ``text`` as UTF-8, when the caller has it (the body
    itself, for a valid UTF-8 page): used as is unless an XML declaration must be cut off, which
    saves encoding a 100 KB page again (~0.2 ms when it holds a character beyond Latin-1)."""
    if utf8 is not None and _XML_DECL.match(text) is None:
        return utf8
    return _XML_DECL.sub("", text, count=1).encode("utf-8", "replace")


def _parse_tree(data: bytes) -> Element | None:
    """The page's tree."""
    # etree's HTML parser, not lxml.html's: lxml.html looks up a Python element class for every
    # element proxy, which doubled the cost of a walk over a big page.
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=False, remove_pis=True)
    try:
        return etree.fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


# Anything that could make a form (or hide rule-relevant text from a cheap scan) sends a page down
# the full path: controls, ARIA widgets, comments (inline suppressions) and JS-built content.
# Literal byte searches (memchr speed) over the lower-cased page, instead of one regex whose
# top-level alternation defeats the regex engine's literal scan (1.2 ms vs ~0.1 ms on 112 KB).
_CONTROL_MARKERS = (
    b"<input",
    b"<select",
    b"<textarea",
    b"<form",
    b"<button",
    b"<iframe",
    b"<fieldset",
    b"role=",
    b"role =",
    b"formlint",
)
_HTML_LANG = re.compile(r"<html\b[^>]*?\b(?:xml:)?lang\s*=\s*[\"']?([a-z-]+)")
_TAGS = re.compile(r"<[^>]*>")
_LANG = b"lang"  # ("xml:lang" holds it too)
# a lang attribute's value at an offset of "lang" in a page's UTF-8 bytes: any case, and white
# space widened to every non-ASCII byte (str \s has Unicode spaces), so a match holding one
# sends the page to the tree
_ANY_LANG_BYTES = re.compile(
    rb"(?i:lang)[\s\x1c-\x1f\x80-\xff]*=[\s\x1c-\x1f\x80-\xff]*[\"']?([A-Za-z][A-Za-z-]*)"
)
_TITLE_OPEN = re.compile(rb"<title", re.IGNORECASE)
_TITLE_CLOSE = re.compile(rb"</title", re.IGNORECASE)
_LEXICON_LANGS = frozenset({"nb", "nn", "en"})


def _lexicon_langs_only(raw: bytes, lang_offsets: list[int]) -> bool | None:
    """Does every ``lang=`` value on a page the scan found clear name a lexicon language?

    ``lang_offsets``: where the scan found "lang" (any case) in the UTF-8 bytes ``raw``; each is
    read as ``lang = value`` (non-overlapping, left to right). None when a match holds a
    non-ASCII byte (maybe a Unicode space): the page then goes to the tree, which decides.
    """
    done = 0
    for offset in lang_offsets:
        if offset < done:
            continue
        m = _ANY_LANG_BYTES.match(raw, offset)
        if m is None:
            continue
        if not m.group(0).isascii():
            return None
        done = m.end()
        if normalise_language(m.group(1).decode("ascii").lower()) not in _LEXICON_LANGS:
            return False
    return True


def _page_facts(
    doc: FetchedDocument,
    text: str,
    raw: bytes,
    opts: ParseOptions,
    meta: dict[str, Any],
    problems: list[Problem],
) -> ParsedDocument:
    """A page with no form control, no rule word and only lexicon languages: what page-level
    checks read (its language and title), from the UTF-8 bytes ``raw``, with no tree."""
    html_lang_match = _HTML_LANG.search(text[:4096].lower())
    title_html = None
    start_m = _TITLE_OPEN.search(raw)
    if start_m is not None:
        open_end = raw.find(b">", start_m.start())
        end_m = _TITLE_CLOSE.search(raw, open_end) if open_end != -1 else None
        if end_m is not None:
            title_html = raw[open_end + 1 : end_m.start()].decode("utf-8", "replace")
    html_lang = normalise_language(html_lang_match.group(1)) if html_lang_match else None
    meta["quick"] = True
    title = None
    if title_html is not None:
        title = collapse_whitespace(html_module.unescape(_TAGS.sub(" ", title_html))) or None
    return ParsedDocument(
        source=doc.source,
        format="html",
        language=html_lang or opts.default_language,
        title=title or None,
        problems=tuple(problems),
        declared_language=html_lang,
        metadata=meta,
    )


@lru_cache(maxsize=4)
def _page_scanner(words: frozenset[str]) -> WordScanner:
    """One automaton per set of rule words (an engine's), with the control markers."""
    return WordScanner(words, (*_CONTROL_MARKERS, _LANG))


def _needs_tree(text: str, raw: bytes, opts: ParseOptions) -> bool:
    """Does the page need its tree: a form control (or a marker of one), a rule word, a
    character the scan cannot fold, or a ``lang`` value outside the lexicon languages (Sámi
    text must be reported as skipped)? One pass over the page's bytes says (a superset: a page
    it clears certainly has none)."""
    if has_odd_case(text):
        return True
    hits = _page_scanner(opts.rule_words).find(raw)
    if any(key != "lang" for key, _offset in hits):
        return True
    return not _lexicon_langs_only(raw, [offset for _key, offset in hits])


def parse_html(doc: FetchedDocument, opts: ParseOptions) -> ParsedDocument:
    """Parse one HTML page into forms, page text, links and metadata. Never raises on bad input."""
    loc = Location(source=doc.source)
    text, encoding, notes, utf8 = decode_html_utf8(doc.body, doc.charset)
    problems = [Problem(n, loc, level="note") for n in notes]
    meta: dict[str, Any] = {
        "encoding": encoding,
        "has_form_markers": False,
        "spa_root": False,
    }
    # Most pages of a municipal site hold no form and no word any rule could match: for them
    # only page-level facts are read, without a tree (what makes whole-site scans cheap).
    if opts.rule_words and not opts.collect_links and text:
        raw = utf8 if utf8 is not None else text.encode("utf-8", "replace")
        if not _needs_tree(text, raw, opts):
            return _page_facts(doc, text, raw, opts, meta, problems)
    data = _tree_bytes(text, utf8)
    root = _parse_tree(data)
    if root is None or not isinstance(root.tag, str):
        problems.append(Problem("no HTML content could be read", loc))
        return ParsedDocument(
            source=doc.source, format="html", problems=tuple(problems), metadata=meta
        )
    page = HtmlPage(doc, root, opts, real_lines(data, root, _parse_tree))
    page.walk()

    html_lang = normalise_language(root.get("lang") or root.get("xml:lang"))

    builder = FieldBuilder(page)
    forms: list[Form] = []
    loose: list[Field] = []
    all_ctx = sorted([*page.forms, *page.sections.values()], key=lambda c: page.line(c.el) or 0)
    for ctx in all_ctx:
        if ctx.kind == "html-form" and not ctx.controls:
            page.form_without_controls = True
        if ctx.kind == "html-section" and all(is_button(c.el, c.el.tag) for c in ctx.controls):
            # menu toggles, cookie banners, "print" buttons: not a form (their names are
            # still checked)
            loose.extend(builder.loose_buttons(ctx))
            continue
        fields = builder.build(ctx)
        rows = _filter_blocks(ctx.blocks, ctx.block_els, page)
        forms.append(
            Form(
                key=ctx.key,
                kind=ctx.kind,
                location=page.loc(ctx.el, css_path(ctx.el), ctx.key),
                fields=fields,
                text_blocks=tuple([row_block(doc.source, r) for r in rows]),
                language=ctx.lang,
                action=(ctx.el.get("action") or None) if ctx.kind == "html-form" else None,
                suppressions=ctx.supp,
            )
        )
    page_rows = _filter_blocks(page.page_blocks, page.page_block_els, page)

    base = doc.source
    base_el = root.find(".//base[@href]")
    if base_el is not None:
        with contextlib.suppress(ValueError):
            base = urljoin(doc.source, base_el.get("href").strip())
    if opts.collect_links:
        links, platform = page_links(root, base)
    else:  # `formlint lint`: only whether a form platform is embedded
        links = ()
        platform = any(
            FORM_PLATFORMS.search(el.get("src") or "") for el in root.iter("iframe", "script")
        )

    meta["has_form_markers"] = bool(page.forms or page.has_controls or platform)
    meta["spa_root"] = (page.spa_candidate and not page.has_controls) or page.form_without_controls
    return ParsedDocument(
        source=doc.source,
        format="html",
        forms=tuple(forms),
        text_blocks=TextBlocks.from_rows(doc.source, page_rows),
        language=html_lang or opts.default_language,
        title=page.title,
        problems=tuple(problems),
        links=links,
        declared_language=html_lang,
        controls=tuple(loose),
        metadata=meta,
        directives=tuple(page.directives),
    )


def _filter_blocks(
    blocks: list[Row | None], els: list[Element | None], page: HtmlPage
) -> list[Row]:
    """Drop empty slots and text a field consumed; re-read blocks that only partly were (a
    re-read block keeps the anchor of its first text)."""
    consumed = page.consumed
    if not consumed and not page.dirty:
        return [b for b in blocks if b is not None]
    partly: set[Element] = set(page.dirty)
    for c in consumed:
        for a in c.iterancestors():
            if a in partly:
                break
            partly.add(a)
    # every element inside a consumed one (one pass per consumed subtree, not an ancestor walk
    # per block: a page has hundreds of blocks and a form only a few labels and legends)
    inside = {d for c in consumed for d in c.iter()}
    if partly.isdisjoint(els) and inside.isdisjoint(els):  # the page's prose, off the form
        return [b for b in blocks if b is not None]  # (an empty slot's element is None)
    out: list[Row] = []
    for b, el in zip(blocks, els, strict=True):
        if b is None:
            continue
        if el is None:
            out.append(b)
            continue
        if el in inside:
            continue
        if el in partly:
            parts: list[str] = []
            _own_text(el, consumed, parts)
            text = " ".join("".join(parts).split())
            if not text:
                continue
            if text != b[0]:
                b = (text, *b[1:])
        out.append(b)
    return out


def _own_text(el: Element, consumed: set[Element], parts: list[str]) -> None:
    """A block's text without nested blocks, skipped subtrees and consumed elements."""
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and child not in consumed and tag not in SKIP_TEXT_TAGS:
            if tag == "br":
                parts.append(" ")
            elif tag in INLINE_TAGS:
                _own_text(child, consumed, parts)
        if child.tail:
            parts.append(child.tail)
