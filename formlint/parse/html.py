"""HTML pages into the form model.

One lxml tree per page, walked once in document order with :func:`lxml.etree.iterwalk` (the loop
runs in C; Python sees only start/end/comment events). The walk carries the inherited state every
output needs (language, hidden, ``data-formlint-ignore``, the enclosing form or section and
fieldset), collects text blocks and controls, and tracks ``formlint-disable`` comments. Controls
are then turned into fields per form; text that a field consumed (its label, legend, hint,
adjacent option text) is dropped from the form's prose so a rule never sees it twice.
See docs/parsers-html.md for why lxml and not a BeautifulSoup tree.
"""

from __future__ import annotations

import contextlib
import html as html_module
import re
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree as etree

from formlint.document import FetchedDocument
from formlint.model import (
    NO_SUPPRESSIONS,
    Field,
    FieldKind,
    Form,
    Link,
    Location,
    Option,
    ParsedDocument,
    Problem,
    Scope,
    Suppressions,
)
from formlint.model.blocks import BlockTable, Row, row_block
from formlint.model.form import defer_text_blocks
from formlint.model.language import normalise_language
from formlint.parse.decode import decode_html_utf8
from formlint.parse.prefilter import has_form_tag, scanner
from formlint.parse.registry import ParseOptions

Element = Any  # lxml ships no type stubs here; elements are lxml.etree._Element

_STRING = etree.XPath("string()", smart_strings=False)

_WS = re.compile(r"\s+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")

# Subtrees whose text nobody reads as page prose. select/textarea/button/option text belongs to a
# field; script/style/template/noscript never show (noscript does with JS off, but then it
# duplicates the page).
_SKIP_TEXT = frozenset(
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
_INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img",
        "ins", "kbd", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time",
        "tt", "u", "var", "wbr", "input", "meter", "progress", "output", "picture", "source", "acronym",
    }
)  # fmt: skip
_SCOPES: dict[str, Scope] = {
    "h1": Scope.HEADING, "h2": Scope.HEADING, "h3": Scope.HEADING, "h4": Scope.HEADING, "h5": Scope.HEADING,
    "h6": Scope.HEADING, "li": Scope.LIST_ITEM, "dt": Scope.LIST_ITEM, "dd": Scope.LIST_ITEM,
    "td": Scope.TABLE_CELL, "th": Scope.TABLE_CELL, "caption": Scope.TABLE_CELL, "label": Scope.LABEL,
    "legend": Scope.LEGEND,
}  # fmt: skip
_PARAGRAPH = Scope.PARAGRAPH
_CONTROL_TAGS = frozenset({"input", "select", "textarea", "button"})
_CONTROL_ROLES = frozenset(
    {
        "textbox",
        "searchbox",
        "combobox",
        "checkbox",
        "radio",
        "switch",
        "listbox",
        "spinbutton",
        "button",
    }
)
_BUTTON_TYPES = frozenset({"submit", "reset", "button", "image"})
_NAME_FROM_CONTENT_ROLES = frozenset({"checkbox", "radio", "switch", "button"})
_GROUP_TAGS = frozenset({"section", "article", "main", "fieldset", "body"})
# Tags the walk treats specially; any other element is a plain block when it has no attributes.
_SPECIAL_TAGS = frozenset(
    {"form", "title", "nav", "ul", "ol", "br"} | _GROUP_TAGS | _CONTROL_TAGS | _SKIP_TEXT | _INLINE
)
_LABELABLE = frozenset({"input", "select", "textarea", "button", "meter", "output", "progress"})
_INPUT_KINDS: dict[str, FieldKind] = {
    "text": FieldKind.TEXT, "search": FieldKind.TEXT, "url": FieldKind.TEXT, "password": FieldKind.TEXT,
    "email": FieldKind.EMAIL, "tel": FieldKind.TEL, "number": FieldKind.NUMBER, "range": FieldKind.NUMBER,
    "date": FieldKind.DATE, "datetime-local": FieldKind.DATE, "month": FieldKind.DATE, "week": FieldKind.DATE,
    "time": FieldKind.DATE, "radio": FieldKind.RADIO, "checkbox": FieldKind.CHECKBOX, "hidden": FieldKind.HIDDEN,
    "file": FieldKind.FILE, "submit": FieldKind.BUTTON, "button": FieldKind.BUTTON, "image": FieldKind.BUTTON,
    "reset": FieldKind.BUTTON, "color": FieldKind.OTHER,
}  # fmt: skip
_ROLE_KINDS: dict[str, FieldKind] = {
    "textbox": FieldKind.TEXT, "searchbox": FieldKind.TEXT, "combobox": FieldKind.SELECT,
    "listbox": FieldKind.SELECT, "checkbox": FieldKind.CHECKBOX, "switch": FieldKind.CHECKBOX,
    "radio": FieldKind.RADIO, "spinbutton": FieldKind.NUMBER, "button": FieldKind.BUTTON,
}  # fmt: skip
_PLACEHOLDER_OPTION = re.compile(
    r"^\W*(velg|vel|choose|select|please\s+(choose|select)|vennligst\s+velg|ver\s+venleg\s+og\s+vel)\b",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HINT_CLASS = re.compile(r"hint|help|description", re.IGNORECASE)
_SUPPRESS = re.compile(r"^\s*formlint-(disable|enable)\b(.*)$", re.DOTALL)
_DOC_SUFFIXES = (".pdf", ".docx", ".doc", ".odt", ".rtf")
_SPA_IDS = frozenset({"app", "root", "__next", "__nuxt", "___gatsby", "svelte"})
_FORM_PLATFORMS = re.compile(
    r"altinn|formio|skjemautfyller|nav\.no/.*skjema|jotform|typeform|netigate|questback|acos|visma|"
    r"ephorte|digidel|idporten|forms\.office|docs\.google\.com/forms|enalyzer|surveymonkey|"
    r"skjema|eskjema|e-skjema|/forms?/",
    re.IGNORECASE,
)
# Menus: nav elements, ARIA menus, and lists/containers whose class or id says menu/nav.
_MENU_ROLES = frozenset({"navigation", "menu", "menubar"})
_MENU_TAGS = frozenset({"nav", "ul", "ol", "div", "header", "footer", "aside", "section"})
_MENU_CLASS = re.compile(
    r"(?i)(^|[\s_-])(nav|navbar|navigation|menu|megamenu|mega-menu|breadcrumbs?|sitemap)($|[\s_-])"
)
# A nav whose only visible text sits in links is a menu: skipped for prose (links are still collected).
# What was one XPath, ``boolean(.//text()[normalize-space()][not(ancestor::a)][not(ancestor::script)]
# [not(ancestor::style)][not(ancestor::button)] | .//input | .//select | .//textarea | .//form)``,
# in cheaper steps (under half the time on a 610-link mega-menu): text nodes right inside a link
# (nearly all of a menu's) are dropped on their parent alone, before the one ancestor test with
# "or" (the chain of predicates cost more) that the rest need; and no union, whose four ``.//x``
# node sets were each built in full: the controls part is a C-level descendant search, run only
# when there is no such text.
_NAV_PROSE_TEXT = etree.XPath(
    "boolean(descendant::text()[not(parent::a)][normalize-space()]"
    "[not(ancestor::a or ancestor::script or ancestor::style or ancestor::button)])"
)
# Most menus hold text only as their links' own text. Then the text nodes that are a link's
# children are all the text nodes (a subset as large as the set is the set), none can count, and
# the predicates above need not run: two counts of plain node sets take ~45 us on a 610-link
# mega-menu, the predicates ~215 us (each is evaluated per node).
_NAV_TEXT_ALL_IN_LINKS = etree.XPath("count(descendant::text()) = count(descendant::a/text())")


def _nav_has_prose(el: Element) -> bool:
    """Does a menu candidate hold text outside links (or a control)? See _NAV_PROSE_TEXT."""
    return (not _NAV_TEXT_ALL_IN_LINKS(el) and bool(_NAV_PROSE_TEXT(el))) or (
        next(el.iterdescendants("input", "select", "textarea", "form"), None) is not None
    )


_LINKS = etree.XPath(
    "//a[@href] | //area[@href] | //iframe[@src] | //script[@src] | //form[@action]"
)
_IDS = etree.XPath("//*[@id]")
_COUNT_CONTROLS = etree.XPath(
    "count(.//input[not(@type='hidden')] | .//select | .//textarea | .//*[@role='textbox' or @role='combobox' or @role='radio' or @role='checkbox'])"
)
_HINT_CANDIDATES = etree.XPath(
    ".//*[contains(@class,'hint') or contains(@class,'help') or contains(@class,'description')"
    " or contains(@class,'Hint') or contains(@class,'Help') or contains(@class,'Description')]"
)


# --- small helpers ------------------------------------------------------------------------------


def _collapse(text: str | None) -> str:
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


def _text(el: Element, skip_controls: bool = False) -> str:
    """Visible-ish text of an element, whitespace collapsed; script/style never count."""
    # a C-level descendant search: el.find(".//script") runs ElementPath's Python selector
    if skip_controls or next(el.iterdescendants("script", "style"), None) is not None:
        parts: list[str] = []
        _gather(el, parts, skip_controls, top=True)
        return _collapse("".join(parts))
    return _collapse(_STRING(el))


def _gather(el: Element, parts: list[str], skip_controls: bool, top: bool = False) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    skip = tag in ("script", "style", "template") or (
        skip_controls and tag in ("select", "textarea", "option", "datalist")
    )
    if not skip and tag:
        if el.text:
            parts.append(el.text)
        for child in el:
            _gather(child, parts, skip_controls)
    if not top and el.tail:
        parts.append(el.tail)


def _parse_suppress_comment(text: str) -> tuple[str, list[str], str] | None:
    m = _SUPPRESS.match(text)
    if not m:
        return None
    action, rest = m.group(1), m.group(2)
    ids_part, _, reason = rest.partition("--")
    ids = [x for x in re.split(r"[\s,]+", ids_part.strip()) if x]
    return action, ids, reason.strip()


def _ignore_ids(value: str) -> frozenset[str]:
    ids = frozenset(x for x in re.split(r"[\s,]+", value.strip()) if x)
    return ids or frozenset({"all"})


# --- walk state ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _State:
    lang: str | None
    hidden: bool
    ignore: frozenset[str]
    form: _FormCtx | None
    group: Element  # nearest section/article/main/fieldset/[role=form]/body (for controls outside forms)
    fieldset: Element | None  # nearest fieldset or role=group/radiogroup
    id_sel: str  # nearest ancestor with an id, as a CSS selector ("" = none)


@dataclass(slots=True)
class _Block:
    el: Element
    scope: Scope
    parts: list[str]
    state: _State
    supp: Suppressions
    line: int | None
    slot: int  # index reserved in the output list when the block opened (document order)


@dataclass(slots=True)
class _Control:
    """A control and the facts of its walk state the field builder needs. Not the state itself:
    state -> form -> controls -> state was a reference cycle per form, which left every form
    page's tree and blocks to the cyclic garbage collector instead of freeing them at once."""

    el: Element
    hidden: bool
    lang: str | None
    fieldset: Element | None
    stop: Element  # where the search for its question and help text ends: its form or group
    supp: Suppressions
    adjacent: str = ""  # option text next to an unlabelled radio/checkbox


@dataclass(slots=True)
class _FormCtx:
    el: Element
    kind: str
    key: str
    lang: str | None  # of its walk state (not the state: that points back here, see _Control)
    supp: Suppressions
    controls: list[_Control] = field(default_factory=list)
    blocks: list[Row | None] = field(default_factory=list)
    block_els: list[Element | None] = field(default_factory=list)


class _Page:
    """Everything one parse needs; one instance per document."""

    def __init__(self, doc: FetchedDocument, root: Element, opts: ParseOptions) -> None:
        self.doc = doc
        self.source = doc.source
        self.root = root
        self.opts = opts
        self.page_blocks: list[Row | None] = []  # None: an empty block's reserved slot
        self.page_block_els: list[Element | None] = []
        self.forms: list[_FormCtx] = []
        self.sections: dict[int, _FormCtx] = {}
        self.title: str | None = None
        self.disabled: dict[str, str] = {}  # rule id -> reason, from formlint-disable comments
        self._supp_cache: dict[
            tuple[frozenset[str], tuple[tuple[str, str], ...]], Suppressions
        ] = {}
        self._ids: dict[str, Element] | None = None
        self._labels_for: dict[str, list[Element]] | None = None
        self.consumed: set[Element] = set()  # elements whose text a field took
        self.dirty: set[Element] = set()  # blocks whose text changed after they were read
        self.has_controls = False
        self.spa_candidate = False
        self.form_without_controls = False

    # lookups built lazily: pages without forms never pay for them
    def by_id(self, ident: str) -> Element | None:
        if self._ids is None:
            self._ids = {}
            for el in _IDS(self.root):
                self._ids.setdefault(el.get("id"), el)
        return self._ids.get(ident)

    def labels_for(self, ident: str) -> list[Element]:
        # a C-level tag filter, not the XPath //label[@for]: that visits every node of the tree
        # in a node-set walk (~3x the time on a 100 KB page), where iter() skips by tag at once
        if self._labels_for is None:
            self._labels_for = {}
            for el in self.root.iter("label"):
                target = el.get("for")
                if target is not None:
                    self._labels_for.setdefault(target, []).append(el)
        return self._labels_for.get(ident, [])

    def suppressions(self, ignore: frozenset[str]) -> Suppressions:
        if not ignore and not self.disabled:
            return NO_SUPPRESSIONS
        reasons = tuple(sorted(self.disabled.items()))
        key = (ignore, reasons)
        cached = self._supp_cache.get(key)
        if cached is None:
            rules = frozenset(self.disabled) | ignore
            all_reasons = reasons + tuple((r, "") for r in sorted(ignore) if r not in self.disabled)
            cached = Suppressions(rules=rules, reasons=all_reasons)
            self._supp_cache[key] = cached
        return cached

    def loc(self, el: Element, css: str | None, anchor: str | None) -> Location:
        return Location(source=self.source, line=el.sourceline, css_path=css, anchor=anchor)

    # --- the walk ---------------------------------------------------------------------------

    def walk(self) -> None:
        """One pass over the tree in document order.

        This loop is the hot path of a site scan: elements without attributes (most of a page)
        take a fast path, and menus are skipped before their hundreds of links are visited.
        """
        root = self.root
        body = root.find("body")
        top = _State(
            lang=normalise_language(root.get("lang") or root.get("xml:lang")),
            hidden=False,
            ignore=frozenset(),
            form=None,
            group=body if body is not None else root,
            fieldset=None,
            id_sel="",
        )
        states: list[_State] = []
        blocks: list[_Block] = []  # open block elements, innermost last
        state = top
        consumed = self.consumed
        walker = etree.iterwalk(root, events=("start", "end", "comment"))
        skip = walker.skip_subtree
        page_blocks = self.page_blocks
        page_block_els = self.page_block_els
        for event, el in walker:
            if event == "start":
                tag = el.tag
                if (
                    tag not in _SPECIAL_TAGS
                    and not el.keys()
                    and not (consumed and el in consumed)
                    and isinstance(tag, str)
                ):
                    # A block element without attributes that needs no other handling (most of a
                    # page's <p>, <h2>, <li>): what the general path below does, in fewer steps.
                    form = state.form
                    supp = (
                        self.suppressions(state.ignore)
                        if (state.ignore or self.disabled)
                        else NO_SUPPRESSIONS
                    )
                    if len(el) == 0:
                        # A leaf (no child at all, comments included): its text is all its block
                        # holds, so emit it now, and take its "end" event here, which is the next
                        # one: no block of its own to close and the state unchanged (so none was
                        # pushed), only its tail for the enclosing block. What _emit and
                        # _row do is inlined: ~250 leaves a page.
                        next(walker)
                        text = _collapse(el.text)
                        if text:
                            id_sel = state.id_sel
                            block = (
                                text,
                                _SCOPES.get(tag, _PARAGRAPH),
                                el.sourceline,
                                f"{id_sel} {tag}" if id_sel else tag,
                                text,
                                state.lang,
                                state.hidden,
                                supp,
                            )
                            if form is None:
                                page_blocks.append(block)
                                page_block_els.append(el)
                            else:
                                form.blocks.append(block)
                                form.block_els.append(el)
                        if blocks:
                            tail = el.tail
                            if tail:
                                blocks[-1].parts.append(tail)
                        continue
                    states.append(state)
                    out = page_blocks if form is None else form.blocks
                    out.append(None)
                    (page_block_els if form is None else form.block_els).append(el)
                    text = el.text
                    blocks.append(
                        _Block(
                            el,
                            _SCOPES.get(tag, _PARAGRAPH),
                            [text] if text else [],
                            state,
                            supp,
                            el.sourceline,
                            len(out) - 1,
                        )
                    )
                    continue
                states.append(state)
                role = None
                if el.attrib:
                    state = self._enter(el, tag, state)
                    role = el.get("role")
                    if role in _CONTROL_ROLES:
                        self._control(el, tag, state, blocks)
                    elif (
                        role in _MENU_ROLES
                        or (
                            tag in _MENU_TAGS
                            and _MENU_CLASS.search(
                                (el.get("class") or "") + " " + (el.get("id") or "")
                            )
                        )
                    ) and not _nav_has_prose(el):
                        skip()
                        continue
                elif tag in _GROUP_TAGS or tag == "form":
                    state = self._enter(el, tag, state)
                if consumed and el in consumed:
                    skip()
                    continue
                if tag in _CONTROL_TAGS:
                    self._control(el, tag, state, blocks)
                if tag in _SKIP_TEXT:
                    skip()
                    continue
                if tag == "title":
                    if self.title is None:
                        self._title(el, state)
                    skip()
                    continue
                if tag == "nav" and role is None and not _nav_has_prose(el):
                    skip()
                    continue
                if (
                    tag in ("ul", "ol")
                    and next(el.iterancestors("nav"), None) is not None
                    and not _nav_has_prose(el)
                ):
                    skip()  # a link list inside a menu that has some other text (a mega menu)
                    continue
                if tag == "br":
                    if blocks:
                        blocks[-1].parts.append(" ")
                elif tag not in _INLINE:
                    form = state.form
                    out = self.page_blocks if form is None else form.blocks
                    out.append(None)
                    (self.page_block_els if form is None else form.block_els).append(el)
                    blocks.append(
                        _Block(
                            el,
                            _SCOPES.get(tag, _PARAGRAPH),
                            [],
                            state,
                            self.suppressions(state.ignore)
                            if (state.ignore or self.disabled)
                            else NO_SUPPRESSIONS,
                            el.sourceline,
                            len(out) - 1,
                        )
                    )
                if blocks:
                    text = el.text
                    if text:
                        blocks[-1].parts.append(text)
            elif event == "end":
                if blocks and blocks[-1].el is el:
                    self._emit(blocks.pop())
                state = states.pop() if states else top
                if blocks:
                    tail = el.tail
                    if tail:
                        blocks[-1].parts.append(tail)
            else:  # comment
                self._comment(el.text or "")
                if el.tail and blocks:
                    blocks[-1].parts.append(el.tail)
        while blocks:
            self._emit(blocks.pop())

    def _enter(self, el: Element, tag: str, parent: _State) -> _State:
        attrib = el.attrib
        if not attrib and tag not in _GROUP_TAGS and tag != "form":
            return parent
        lang = attrib.get("lang") or attrib.get("xml:lang")
        hidden = parent.hidden
        if not hidden and (
            "hidden" in attrib
            or attrib.get("aria-hidden", "").strip().lower() == "true"
            or ("style" in attrib and _HIDDEN_STYLE.search(attrib["style"]) is not None)
        ):
            hidden = True
        ignore = parent.ignore
        ign = attrib.get("data-formlint-ignore")
        if ign is not None:
            ignore = ignore | _ignore_ids(ign)
        role = attrib.get("role")
        ident = attrib.get("id")
        form = parent.form
        group = parent.group
        fieldset = parent.fieldset
        if tag == "form":
            form = None  # set below once the state exists
        elif tag in _GROUP_TAGS or role == "form":
            group = el
        if tag == "fieldset" or role in ("group", "radiogroup"):
            fieldset = el
        id_sel = f"{tag}#{ident.strip()}" if ident and ident.strip() else parent.id_sel
        if ident and ident in _SPA_IDS and len(el) == 0 and not (el.text or "").strip():
            self.spa_candidate = True
        if (
            lang is None
            and hidden == parent.hidden
            and ignore is parent.ignore
            and form is parent.form
            and group is parent.group
            and fieldset is parent.fieldset
            and id_sel is parent.id_sel
            and tag != "form"
        ):
            return parent
        state = _State(
            lang=normalise_language(lang) if lang is not None else parent.lang,
            hidden=hidden,
            ignore=ignore,
            form=form,
            group=group,
            fieldset=fieldset,
            id_sel=id_sel,
        )
        if tag == "form":
            ctx = _FormCtx(
                el=el,
                kind="html-form",
                key=self._form_key(el),
                lang=state.lang,
                supp=self.suppressions(ignore),
            )
            self.forms.append(ctx)
            state.form = ctx
        return state

    def _form_key(self, el: Element) -> str:
        ident = (el.get("id") or "").strip()
        if ident:
            return f"form#{ident}"
        name = (el.get("name") or "").strip()
        if name:
            return f"form[name={name}]"
        action = (el.get("action") or "").strip()
        index = len(self.forms) + 1
        if action:
            same = sum(1 for f in self.forms if (f.el.get("action") or "").strip() == action)
            return f"form[action={action}]" + (f":nth({same + 1})" if same else "")
        return f"form:nth({index})"

    def _comment(self, text: str) -> None:
        parsed = _parse_suppress_comment(text)
        if parsed is None:
            return
        action, ids, reason = parsed
        if action == "disable":
            for rid in ids or ["all"]:
                self.disabled[rid] = reason
        elif not ids:
            self.disabled.clear()
        else:
            for rid in ids:
                self.disabled.pop(rid, None)

    def _title(self, el: Element, state: _State) -> None:
        text = _collapse(_STRING(el))
        if not text:
            return
        self.title = text
        self.page_blocks.append(
            (
                text,
                Scope.TITLE,
                el.sourceline,
                "title",
                None,
                state.lang,
                False,
                self.suppressions(state.ignore),
            )
        )
        self.page_block_els.append(None)

    def _emit(self, b: _Block) -> None:
        text = _collapse("".join(b.parts))
        form = b.state.form
        if not text:
            # an empty slot keeps no element (_filter_blocks: nothing there to re-read)
            (self.page_block_els if form is None else form.block_els)[b.slot] = None
            return
        el = b.el
        row = self._row(
            el.tag, (el.get("id") or "").strip(), text, b.scope, b.state, b.supp, b.line
        )
        (self.page_blocks if form is None else form.blocks)[b.slot] = row

    def _row(
        self,
        tag: str,
        ident: str,
        text: str,
        scope: Scope,
        state: _State,
        supp: Suppressions,
        line: int | None,
    ) -> Row:
        if ident:
            css = f"{tag}#{ident}"
        elif state.id_sel:
            css = f"{state.id_sel} {tag}"
        else:
            css = tag
        return (text, scope, line, css, text, state.lang, state.hidden, supp)

    def _section_for(self, state: _State) -> _FormCtx:
        group = state.group
        ctx = self.sections.get(id(group))
        if ctx is None:
            ctx = _FormCtx(
                el=group,
                kind="html-section",
                key="html-section:" + _css_path(group),
                lang=state.lang,
                supp=self.suppressions(state.ignore),
            )
            self.sections[id(group)] = ctx
        return ctx

    def _control(self, el: Element, tag: str, state: _State, blocks: list[_Block]) -> None:
        if tag == "input" and (el.get("type") or "").strip().lower() in ("radio", "checkbox"):
            adjacent = self._adjacent_text(el, blocks)
        else:
            adjacent = ""
        form = state.form
        ctrl = _Control(
            el,
            state.hidden,
            state.lang,
            state.fieldset,
            form.el if form is not None else state.group,
            self.suppressions(state.ignore),
            adjacent,
        )
        if not _is_button(el, tag):
            self.has_controls = True
        if form is not None:
            form.controls.append(ctrl)
        else:
            self._section_for(state).controls.append(ctrl)

    def _adjacent_text(self, el: Element, blocks: list[_Block]) -> str:
        """Text right after (or before) an unlabelled radio/checkbox: its visible option text."""
        ident = (el.get("id") or "").strip()
        if (ident and self.labels_for(ident)) or _ancestor_label(el) is not None:
            return ""
        parts = [el.tail or ""]
        if not _collapse(el.tail):
            sib = el.getnext()
            while (
                sib is not None
                and isinstance(sib.tag, str)
                and sib.tag in _INLINE
                and sib.tag not in ("br", "input", "img")
            ):
                parts.append(_text(sib))
                self.consumed.add(sib)
                if _collapse(sib.tail):
                    parts.append(sib.tail or "")
                    sib.tail = ""
                    break
                sib = sib.getnext()
        else:
            el.tail = ""  # consumed: not part of the paragraph around it
        text = _collapse(" ".join(parts))
        if text:
            return text
        # text before the input: the previous sibling's tail or the parent's leading text
        prev = el.getprevious()
        before = prev.tail if prev is not None else None
        if prev is None and blocks and blocks[-1].parts:
            before = blocks[-1].parts[-1]
            if _collapse(before):
                blocks[-1].parts.pop()
        elif prev is not None and _collapse(before):
            prev.tail = ""
            if blocks and blocks[-1].parts and blocks[-1].parts[-1] == before:
                blocks[-1].parts.pop()
        return _collapse(before)


def _aria_named(el: Element) -> bool:
    return bool(_collapse(el.get("aria-label")) or (el.get("aria-labelledby") or "").strip())


def _ancestor_label(el: Element) -> Element | None:
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


def _css_path(el: Element) -> str:
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


# --- fields -------------------------------------------------------------------------------------


def _is_button(el: Element, tag: str) -> bool:
    if tag == "button" or el.get("role") == "button":
        return True
    return tag == "input" and (el.get("type") or "").strip().lower() in _BUTTON_TYPES


def _input_type(el: Element) -> str:
    return (el.get("type") or "text").strip().lower() if el.tag == "input" else ""


# --- the question next to a group in legacy markup -----------------------------------------------
#
# Legacy forms print a group's question as text in the same block as its boxes ("<p>Kjønn:
# <input type=radio> mann <input type=radio> kvinne</p>") or in the first cell of its table row,
# often inside a fieldset whose legend names the whole section ("Opplysninger om barnet"). That
# text is the group's question, nearer than the legend. ``_text_before`` finds it without
# changing anything; ``_FieldBuilder.take_question`` then takes it out of the page prose.

_TEXT_PART, _TAIL_PART, _WHOLE_PART = 0, 1, 2  # what of an element a piece of question text is
_Piece = tuple[int, Element]
_CELLS = ("td", "th")
# blocks a search for the question does not climb out of: what lies beyond is the section, a
# group's own name (group_info) or another row
_CLIMB_STOP = frozenset(
    {"form", "fieldset", "body", "html", "table", "tbody", "thead", "tfoot", "tr", "td", "th"}
)
_CLIMB_LEVELS = 3
_MAX_QUESTION_CHARS = 300
_FIELD_TAGS = ("input", "select", "textarea", "button", "label")
# A pure instruction in front of the boxes ("Velg ett alternativ:", "Kryss av:") does not ask the
# question: a legend, when there is one, still does.
_INSTRUCTION = re.compile(
    r"^\W*(?:vennligst\s+|ver\s+venleg\s+og\s+|please\s+)?"
    r"(?:velg|vel|kryss\s+av|sett\s+kryss|merk\s+av|choose|select|tick|check|pick)"
    r"(?:\s+(?:ett|eitt|ein|en|én|ei|one|an?|all|alle|the))?"
    r"(?:\s+(?:alternativ|alternativet|svar|svaret|option|options|answer|"
    r"that\s+apply|som\s+passer|boks|box))?\W*$",
    re.IGNORECASE,
)


def _no_field_inside(el: Element) -> bool:
    return next(el.iterdescendants(*_FIELD_TAGS), None) is None


def _text_before(
    el: Element, consumed: set[Element], stop: Element, own: str
) -> tuple[str, list[_Piece], Element | None]:
    """The text right before ``el`` in its block, back to the previous control, block boundary or
    line break: ``(text, pieces, cell)``. Inline wrappers (a span, a wrapping label, whose words
    are the box's own) and blocks that hold nothing before ``el`` are climbed out of, up to a
    table cell, fieldset or form; hidden inputs and other boxes' ``<label for>`` are passed over.
    ``cell`` is the table cell reached when nothing at all stands before ``el`` in it (its row's
    earlier cells may hold the question). ``own`` is ``el``'s option text when that was read
    from before it (see ``_Page._adjacent_text``): it is the option's, not the question's.
    """
    pieces: list[_Piece] = []
    texts: list[str] = []  # in reverse document order, as found
    x = el
    levels = 0
    while True:
        parent = x.getparent()
        if parent is None or not isinstance(parent.tag, str):
            break
        ptag = parent.tag
        if ptag == "label":
            x = parent  # a wrapping label's words are its box's: look before the label
            continue
        prev = x.getprevious()
        blocked = False
        while prev is not None:
            tail = prev.tail
            if tail and not tail.isspace():
                pieces.append((_TAIL_PART, prev))
                texts.append(tail)
            tag = prev.tag
            if isinstance(tag, str):
                if tag == "br":
                    if texts:
                        blocked = True  # the question is the nearest line
                        break
                elif tag == "label" and prev.get("for"):
                    pass  # another box's label: not the question, not a boundary either
                elif tag == "input" and (prev.get("type") or "").strip().lower() == "hidden":
                    pass
                elif (
                    tag in _INLINE
                    and tag not in _CONTROL_TAGS
                    and prev not in consumed
                    and not _HINT_CLASS.search(prev.get("class") or "")
                    and _no_field_inside(prev)
                ) or (tag == "label" and prev not in consumed and _no_field_inside(prev)):
                    text = _text(prev)
                    if text:
                        pieces.append((_WHOLE_PART, prev))
                        texts.append(text)
                else:
                    blocked = True  # a control, a block, a hint, text a field took
                    break
            prev = prev.getprevious()
        if blocked:
            break
        lead = parent.text
        if lead and not lead.isspace() and not (x is el and own and _collapse(lead) == own):
            pieces.append((_TEXT_PART, parent))
            texts.append(lead)
        if ptag in _INLINE:
            x = parent
            continue
        if (
            texts
            or parent is stop
            or ptag in _CLIMB_STOP
            or parent.get("role") in ("group", "radiogroup")
            or levels >= _CLIMB_LEVELS
        ):
            if not texts and ptag in _CELLS:
                return "", [], parent
            break
        x = parent
        levels += 1
    text = _collapse(" ".join(reversed(texts)))
    if not text or len(text) > _MAX_QUESTION_CHARS:
        return "", [], None
    return text, pieces, None


def _row_question(cell: Element, consumed: set[Element]) -> tuple[str, list[_Piece]]:
    """The nearest earlier cell of ``cell``'s row that holds text and no field: the question
    of the boxes in ``cell`` (``<tr><th>Kjønn</th><td>(boxes)</td></tr>``)."""
    for sib in cell.itersiblings(preceding=True):
        if not isinstance(sib.tag, str) or sib.tag not in _CELLS:
            continue
        if sib in consumed or not _no_field_inside(sib):
            break
        text = _text(sib)
        if text:
            if len(text) <= _MAX_QUESTION_CHARS:
                return text, [(_WHOLE_PART, sib)]
            break
    return "", []


def _block_of(el: Element) -> Element:
    """The block whose prose holds ``el``'s own text: ``el`` or its nearest non-inline ancestor."""
    x = el
    while x.tag in _INLINE:
        parent = x.getparent()
        if parent is None:
            break
        x = parent
    return x


def _set_container(el: Element) -> Element | None:
    """Where an unnamed box's set lives: its block, or for a table cell its row."""
    block = _block_of(el.getparent()) if el.getparent() is not None else None
    if block is not None and block.tag in _CELLS:
        return block.getparent()
    return block


class _FieldBuilder:
    def __init__(self, page: _Page) -> None:
        self.page = page

    def build(self, ctx: _FormCtx) -> tuple[Field, ...]:
        # group radios (and checkboxes sharing a name) into one field each, in document order
        groups: dict[tuple[str, str], list[_Control]] = {}
        order: list[tuple[str, object]] = []
        # the open set of unnamed boxes: (type, container, key); see unnamed_set
        open_set: tuple[str, Element | None, tuple[str, str]] | None = None
        for c in ctx.controls:
            el = c.el
            t = _input_type(el)
            name = (el.get("name") or "").strip()
            if t in ("radio", "checkbox") and name:
                key = (t, name)
                if key not in groups:
                    groups[key] = []
                    order.append(("group", key))
                groups[key].append(c)
            elif t in ("radio", "checkbox") and c.adjacent and not _aria_named(el):
                open_set = self.unnamed_set(c, t, open_set, len(order))
                key = open_set[2] if open_set is not None else (t, f"\0{len(order)}")
                if key not in groups:
                    groups[key] = []
                    order.append(("group", key))
                groups[key].append(c)
                continue
            elif el.get("role") == "radio" and el.tag != "input" and c.fieldset is not None:
                key = ("role-radio", str(id(c.fieldset)))
                if key not in groups:
                    groups[key] = []
                    order.append(("group", key))
                groups[key].append(c)
            else:
                order.append(("single", c))
            open_set = None
        fields: list[Field] = []
        for what, item in order:
            if what == "group":
                assert isinstance(item, tuple)
                members = groups[item]
                if len(members) == 1 and (item[0] == "checkbox" or item[1].startswith("\0")):
                    fields.append(self.single(members[0]))
                else:
                    fields.append(self.group(item[0], members))
            else:
                assert isinstance(item, _Control)
                fields.append(self.single(item))
        return tuple(fields)

    def unnamed_set(
        self,
        c: _Control,
        t: str,
        open_set: tuple[str, Element | None, tuple[str, str]] | None,
        position: int,
    ) -> tuple[str, Element | None, tuple[str, str]] | None:
        """The set an unnamed, unlabelled radio/checkbox belongs to (None: a checkbox of its
        own). Legacy markup leaves out ``name`` (``<p>Kjønn: <input type=radio> mann <input
        type=radio> kvinne</p>``): boxes of one type that follow each other in one block (or
        one table row) with only their own words between them are one question's options.
        Text of its own before a box (a new question) starts a new set; checkboxes make a set
        only after such a question, as "☐ Jeg godtar ☐ Send meg nyhetsbrev" are two fields."""
        container = _set_container(c.el)
        same = open_set is not None and open_set[0] == t and open_set[1] is container
        text, _, cell = _text_before(c.el, self.page.consumed, c.stop, c.adjacent)
        if cell is not None:
            text = _row_question(cell, self.page.consumed)[0]
        if same and not text:
            return open_set
        if t == "checkbox" and not text:
            return None
        return (t, container, (t, f"\0{position}"))

    # accessible name ----------------------------------------------------------------------

    def acc_name(self, el: Element) -> tuple[str, str]:
        page = self.page
        tag = el.tag
        ids = (el.get("aria-labelledby") or "").split()
        if ids:
            parts = []
            for i in ids:
                target = page.by_id(i)
                if target is not None:
                    parts.append(_text(target))
                    page.consumed.add(target)
            text = _collapse(" ".join(parts))
            if text:
                return text, "aria-labelledby"
        text = _collapse(el.get("aria-label"))
        if text:
            return text, "aria-label"
        t = _input_type(el)
        role = el.get("role")
        if tag == "input" and t in ("submit", "reset", "button"):
            value = el.get("value")
            if value is not None and _collapse(value):
                return _collapse(value), "value"
            if t in ("submit", "reset"):
                return ("Submit" if t == "submit" else "Reset"), "default"
        if tag == "input" and t == "image":
            alt = _collapse(el.get("alt"))
            if alt:
                return alt, "alt"
        if tag in _LABELABLE and t != "hidden":
            labels: list[str] = []
            ident = (el.get("id") or "").strip()
            label_els = list(page.labels_for(ident)) if ident else []
            wrap = _ancestor_label(el)
            if (
                wrap is not None
                and wrap not in label_els
                and not (wrap.get("for") and wrap.get("for") != ident)
            ):
                label_els.append(wrap)
            for lab in label_els:
                labels.append(_text(lab, skip_controls=True))
            text = _collapse(" ".join(labels))
            if text:
                return text, "label"
        if tag == "button" or (
            role in _NAME_FROM_CONTENT_ROLES and tag not in ("input", "select", "textarea")
        ):
            text = _text(el)
            if text:
                page.consumed.add(el)
                return text, "text"
        text = _collapse(el.get("title"))
        if text:
            return text, "title"
        if tag in ("input", "textarea") or role in ("textbox", "searchbox"):
            text = _collapse(el.get("placeholder") or el.get("aria-placeholder"))
            if text:
                return text, "placeholder"
        return "", ""

    def mark_labels(self, el: Element) -> None:
        ident = (el.get("id") or "").strip()
        if ident:
            for lab in self.page.labels_for(ident):
                self.page.consumed.add(lab)
        wrap = _ancestor_label(el)
        if wrap is not None:
            self.page.consumed.add(wrap)

    # groups, help ------------------------------------------------------------------------

    def group_info(self, fieldset: Element | None, consume: bool = True) -> tuple[str | None, bool]:
        """(legend text, in_fieldset) for a control in ``fieldset`` (its nearest fieldset or
        role=group/radiogroup), from fieldset/legend or role=group naming. ``consume``: the
        legend (or naming element) becomes the field's and leaves the page prose."""
        fs = fieldset
        while fs is not None:
            if fs.tag == "fieldset":
                legend = fs.find("legend")
                if legend is not None:
                    if consume:
                        self.page.consumed.add(legend)
                    text = _text(legend)
                    if text:
                        return text, True
                name, _ = self.acc_name_group(fs, consume)
                return (name or None), True
            name, _ = self.acc_name_group(fs, consume)
            if name:
                return name, True
            fs = _nearest_group(fs)
        return None, False

    def near_question(self, first: _Control) -> str | None:
        """The question printed right before a group's first box, in its block or in an earlier
        cell of its table row (see ``_text_before``), taken out of the page prose. Nearer than
        any legend, but for a radiogroup's own ARIA name and a bare instruction ("Velg ett
        alternativ:") in front of a legend."""
        fs = first.fieldset
        if (
            fs is not None
            and fs.tag != "fieldset"
            and fs.get("role") == "radiogroup"
            and self.acc_name_group(fs, consume=False)[0]
        ):
            return None
        consumed = self.page.consumed
        text, pieces, cell = _text_before(first.el, consumed, first.stop, first.adjacent)
        if cell is not None:
            text, pieces = _row_question(cell, consumed)
        if not text:
            return None
        if _INSTRUCTION.match(text) and self.group_info(fs, consume=False)[0]:
            return None
        self.take_question(pieces)
        return text

    def words_before_boxes(
        self, members: list[_Control], options: list[Option], sources: list[str]
    ) -> str | None:
        """Unlabelled boxes with their words *before* them in one block ("Kvinne ○ Mann ○") are
        read box by box as words-after (see ``_Page._adjacent_text``): each box takes the next
        one's words and the last has none. Then the words before the first box are its option,
        not the question; the options are moved back one place, in ``options``. A question in
        front of them ends with a colon ("Kjønn: Kvinne ○ Mann ○") and is returned."""
        if (
            len(options) < 2
            or any(sources)
            or options[-1].label
            or not all(o.label for o in options[:-1])
        ):
            return None
        last = members[-1].el
        after = last.getnext()
        if (after is not None and after.tag != "br") or _collapse(last.tail):
            return None  # "Annet ○ [text]": the last box's words are a field of their own
        first = members[0]
        text, pieces, _ = _text_before(first.el, self.page.consumed, first.stop, first.adjacent)
        question, colon, word = text.rpartition(":")
        word = word.strip()
        if not word:
            return None
        self.take_question(pieces)
        labels = [word] + [o.label for o in options[:-1]]
        options[:] = [replace(o, label=label) for o, label in zip(options, labels, strict=True)]
        return (question.strip() + colon) if question.strip() else None

    def take_question(self, pieces: list[_Piece]) -> None:
        """Take question text out of the page prose: whole elements are consumed; a text or tail
        is cleared and its block marked dirty (re-read without it), as preceding_question does."""
        page = self.page
        for kind, el in pieces:
            if kind == _WHOLE_PART:
                page.consumed.add(el)
            elif kind == _TEXT_PART:
                el.text = ""
                page.dirty.add(_block_of(el))
            else:
                el.tail = ""
                parent = el.getparent()
                if parent is not None:
                    page.dirty.add(_block_of(parent))

    def acc_name_group(self, el: Element, consume: bool = True) -> tuple[str, str]:
        ids = (el.get("aria-labelledby") or "").split()
        if ids:
            parts = []
            for i in ids:
                target = self.page.by_id(i)
                if target is not None:
                    parts.append(_text(target))
                    if consume:
                        self.page.consumed.add(target)
            text = _collapse(" ".join(parts))
            if text:
                return text, "aria-labelledby"
        text = _collapse(el.get("aria-label"))
        if text:
            return text, "aria-label"
        return "", ""

    def preceding_question(self, first: Element, stop: Element) -> str | None:
        """For a radio group outside any fieldset: the heading/label/p right before the group."""
        x = first
        for _ in range(4):
            prev = x.getprevious()
            while prev is not None and not isinstance(prev.tag, str):
                prev = prev.getprevious()
            if prev is not None:
                if prev.tag in (
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "label",
                    "p",
                    "legend",
                    "span",
                    "div",
                    "strong",
                    "b",
                ):
                    if prev.tag == "label" and prev.get("for"):
                        return None
                    if prev.find(".//input") is not None or prev.find(".//select") is not None:
                        return None
                    text = _text(prev)
                    if text and len(text) <= 300:
                        self.page.consumed.add(prev)
                        return text
                return None
            parent = x.getparent()
            if parent is None or parent is stop or parent.tag in ("form", "body"):
                return None
            if (parent.text or "").strip():
                text = _collapse(parent.text)
                parent.text = ""  # the question, not prose: re-read the block without it
                self.page.dirty.add(parent)
                return text
            x = parent
        return None

    def help_texts(self, members: list[Element], stop: Element) -> tuple[str, ...]:
        page = self.page
        out: list[str] = []
        seen: set[Element] = set()
        for el in members:
            for i in (el.get("aria-describedby") or "").split():
                target = page.by_id(i)
                if target is not None and target not in seen:
                    seen.add(target)
                    page.consumed.add(target)
                    text = _text(target)
                    if text:
                        out.append(text)
        container = self.container(members, stop)
        if container is not None:
            member_set = set(members)
            for cand in _HINT_CANDIDATES(container):
                if cand in seen or not _HINT_CLASS.search(cand.get("class") or ""):
                    continue
                if any(a in seen for a in cand.iterancestors()):
                    continue
                if any(d in member_set for d in cand.iter()):
                    continue
                seen.add(cand)
                page.consumed.add(cand)
                text = _text(cand)
                if text and text not in out:
                    out.append(text)
        return tuple(out)

    def container(self, members: list[Element], stop: Element) -> Element | None:
        """The largest ancestor of the members that holds no other field: the form group."""
        n = len(members)
        best = None
        x = members[0].getparent()
        depth = 0
        while (
            x is not None and x is not stop and x.tag not in ("form", "body", "html") and depth < 5
        ):
            if int(_COUNT_CONTROLS(x)) > n:
                break
            best = x
            x = x.getparent()
            depth += 1
        return best

    # building fields ---------------------------------------------------------------------

    def location(self, el: Element, anchor_el: Element | None = None) -> Location:
        a = anchor_el if anchor_el is not None else el
        name = (a.get("name") or "").strip()
        ident = (a.get("id") or "").strip()
        tag = a.tag
        anchor = f"{tag}[name={name}]" if name else (f"{tag}#{ident}" if ident else None)
        return self.page.loc(el, _css_path(el), anchor)

    def common(self, c: _Control) -> dict[str, Any]:
        el = c.el
        return {
            "hidden": c.hidden or _input_type(el) == "hidden",
            "language": c.lang,
            "suppressions": c.supp,
            "required": el.get("required") is not None
            or (el.get("aria-required") or "").strip().lower() == "true",
            "autocomplete": el.get("autocomplete"),
            "disabled": _is_disabled(el),
        }

    def single(self, c: _Control) -> Field:
        el = c.el
        tag = el.tag
        role = el.get("role")
        t = _input_type(el)
        if tag == "input":
            kind = _INPUT_KINDS.get(t, FieldKind.TEXT)
        elif tag == "select":
            kind = FieldKind.MULTISELECT if el.get("multiple") is not None else FieldKind.SELECT
        elif tag == "textarea":
            kind = FieldKind.TEXTAREA
        elif tag == "button":
            kind = FieldKind.BUTTON
        else:
            kind = _ROLE_KINDS.get(role or "", FieldKind.OTHER)
            if role == "textbox" and (el.get("aria-multiline") or "") == "true":
                kind = FieldKind.TEXTAREA
        label, source = self.acc_name(el)
        if source == "label":
            self.mark_labels(el)
        options: tuple[Option, ...] = ()
        placeholder: str | None = None
        if tag == "select":
            options, placeholder = _select_options(el, self.page)
        elif tag in ("input", "textarea") or role in ("textbox", "searchbox"):
            placeholder = _collapse(el.get("placeholder") or el.get("aria-placeholder")) or None
        if kind in (FieldKind.CHECKBOX, FieldKind.RADIO) and not label and c.adjacent:
            label = c.adjacent  # visible, though not the accessible name
        legend, in_fs = self.group_info(c.fieldset)
        help_ = (
            self.help_texts([el], c.stop)
            if kind not in (FieldKind.HIDDEN, FieldKind.BUTTON)
            else ()
        )
        common = self.common(c)
        return Field(
            kind=kind,
            location=self.location(el),
            label=label or None,
            legend=legend,
            help=help_,
            placeholder=placeholder,
            name=(el.get("name") or None),
            id=(el.get("id") or None),
            options=options,
            # role=none/presentation on a disabled control takes effect (it is not focusable), so
            # the control has no role and naming rules do not apply to it (ACT e086e5).
            name_source=None if role in ("none", "presentation") and common["disabled"] else source,
            in_fieldset=in_fs,
            **common,
        )

    def group(self, kind_name: str, members: list[_Control]) -> Field:
        first = members[0]
        els = [m.el for m in members]
        options: list[Option] = []
        sources: list[str] = []
        for m in members:
            el = m.el
            label, source = self.acc_name(el)
            if source == "label":
                self.mark_labels(el)
            sources.append(source)
            if not label:
                label = m.adjacent
            if el.tag == "input":
                checked = el.get("checked") is not None
                value = el.get("value")
                if value is None:
                    value = "on"
            else:
                checked = (el.get("aria-checked") or "").strip().lower() == "true"
                value = el.get("data-value") or el.get("value")
            options.append(
                Option(
                    label=label,
                    value=value,
                    selected=checked,
                    hidden=m.hidden and not first.hidden,
                    location=self.location(el),
                )
            )
        stop = first.stop
        near = None
        if kind_name != "role-radio":
            near = self.words_before_boxes(members, options, sources)
            if near is None:
                near = self.near_question(first)
        if near is not None:
            # the question printed with the boxes; an enclosing legend is the section they
            # sit in, left to the page text (no field says it)
            legend: str | None = near
            _, in_fs = self.group_info(first.fieldset, consume=False)
        else:
            legend, in_fs = self.group_info(first.fieldset)
            if legend is None:
                legend = self.preceding_question(els[0], stop)
        kind = FieldKind.RADIO if kind_name in ("radio", "role-radio") else FieldKind.CHECKBOXES
        common = self.common(first)
        common["required"] = any(self.common(m)["required"] for m in members)
        common["hidden"] = all(m.hidden for m in members) or _input_type(first.el) == "hidden"
        name = (first.el.get("name") or "").strip() or None
        anchor_el = first.el
        loc_el = first.el
        if kind_name == "role-radio" and first.fieldset is not None:
            loc_el = anchor_el = first.fieldset
        loc = self.location(loc_el, anchor_el)
        if name:
            loc = Location(
                source=loc.source,
                line=loc.line,
                css_path=loc.css_path,
                anchor=f"input[name={name}]",
            )
        return Field(
            kind=kind,
            location=loc,
            label=None,
            legend=legend,
            help=self.help_texts(els, stop),
            name=name,
            id=(first.el.get("id") or None) if len(members) == 1 else None,
            options=tuple(options),
            name_source=sources[0] if all(sources) else "",
            in_fieldset=in_fs,
            **common,
        )


def _is_disabled(el: Element) -> bool:
    """disabled, aria-disabled="true", or inside a disabled fieldset: not operable (ACT: inapplicable)."""
    if el.get("disabled") is not None or (el.get("aria-disabled") or "").strip().lower() == "true":
        return True
    parent = el.getparent()
    while parent is not None:
        if parent.tag == "fieldset" and parent.get("disabled") is not None:
            return True
        parent = parent.getparent()
    return False


def _nearest_group(el: Element) -> Element | None:
    for anc in el.iterancestors():
        if anc.tag == "fieldset" or anc.get("role") in ("group", "radiogroup"):
            return anc
        if anc.tag in ("form", "body"):
            return None
    return None


def _select_options(el: Element, page: _Page) -> tuple[tuple[Option, ...], str | None]:
    options: list[Option] = []
    placeholder: str | None = None
    for i, opt in enumerate(el.iter("option")):
        label_attr = opt.get("label")
        label = _collapse(label_attr) if label_attr is not None else _text(opt)
        value = opt.get("value")
        if value is None:
            value = label
        if i == 0 and (not value.strip() or _PLACEHOLDER_OPTION.match(label)):
            placeholder = label or None
            continue
        hidden = opt.get("hidden") is not None or any(
            g.get("hidden") is not None for g in opt.iterancestors("optgroup")
        )
        options.append(
            Option(
                label=label,
                value=value,
                selected=opt.get("selected") is not None,
                hidden=hidden,
                location=page.loc(opt, None, None),
            )
        )
    return tuple(options), placeholder


# --- links --------------------------------------------------------------------------------------

_LINK_ATTR = {"a": "href", "area": "href", "iframe": "src", "script": "src", "form": "action"}
_NOT_FETCHABLE = ("javascript:", "mailto:", "tel:", "data:", "sms:")
_LINK_KINDS = {"a": "a", "area": "a", "iframe": "iframe", "script": "script", "form": "form-action"}


def _links(root: Element, base: str) -> tuple[tuple[Link, ...], bool]:
    """Outgoing references, resolved and de-duplicated by (kind, url), with their text.

    Menus make this a hot loop (600+ links a page): the common hrefs (absolute, or
    root-relative on a web page) are resolved without urljoin.
    """
    parts = urlsplit(base)
    web = parts.scheme in ("http", "https") and bool(parts.netloc)
    origin = f"{parts.scheme}://{parts.netloc}" if web else ""
    seen: dict[str, set[str]] = {
        "a": set(),
        "document": set(),
        "iframe": set(),
        "script": set(),
        "form-action": set(),
    }
    out: list[Link] = []
    platform = False
    for el in root.iter("a", "area", "iframe", "script", "form"):
        tag = el.tag
        raw = el.get(_LINK_ATTR[tag])
        if not raw:
            continue
        if raw[0] <= " " or raw[-1] <= " ":
            raw = raw.strip()
            if not raw:
                continue
        first = raw[0]
        if first == "#" or (first not in "/." and raw[:11].lower().startswith(_NOT_FETCHABLE)):
            continue
        if first == "/" and web and raw[1:2] != "/" and "/." not in raw:
            url = origin + raw
        elif raw.startswith(("http://", "https://")):
            url = raw
        else:
            try:
                url = urljoin(base, raw)
            except ValueError:
                continue
        kind = _LINK_KINDS[tag]
        if kind == "a":
            path = url.split("?", 1)[0].split("#", 1)[0] if ("?" in url or "#" in url) else url
            if path[-5:].lower().endswith(_DOC_SUFFIXES):
                kind = "document"
        bucket = seen[kind]
        if url in bucket:
            continue
        bucket.add(url)
        if tag == "a":
            text = el.text if len(el) == 0 else "".join(el.itertext())
        elif tag == "area":
            text = el.get("alt")
        elif tag == "iframe":
            text = el.get("title")
        else:
            text = None
        if kind in ("iframe", "script") and _FORM_PLATFORMS.search(url):
            platform = True
        out.append(Link(url, kind, " ".join(text.split()) or None if text else None))
    return tuple(out), platform


# --- entry point --------------------------------------------------------------------------------


def _parse_tree(text: str, utf8: bytes | None = None) -> Element | None:
    """The page's tree. ``utf8``: ``text`` as UTF-8, when the caller has it (the body itself, for
    a valid UTF-8 page): used as is unless an XML declaration must be cut off, which saves
    encoding a 100 KB page again (~0.2 ms when it holds a character beyond Latin-1)."""
    if utf8 is not None and _XML_DECL.match(text) is None:
        data = utf8
    else:
        data = _XML_DECL.sub("", text, count=1).encode("utf-8", "replace")
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
# (no leading \b: a literal start lets the regex engine skip ahead; "xml:lang" matches too)
_ANY_LANG = re.compile(r"lang\s*=\s*[\"']?([a-z][a-z-]*)")
# the same on a page's UTF-8 bytes at an offset of "lang": any case, and white space widened to
# every non-ASCII byte (str \s has Unicode spaces), so a match holding one goes to the exact path
_ANY_LANG_BYTES = re.compile(
    rb"(?i:lang)[\s\x1c-\x1f\x80-\xff]*=[\s\x1c-\x1f\x80-\xff]*[\"']?([A-Za-z][A-Za-z-]*)"
)
_TITLE_OPEN = re.compile(rb"<title", re.IGNORECASE)
_TITLE_CLOSE = re.compile(rb"</title", re.IGNORECASE)
_LEXICON_LANGS = frozenset({"nb", "nn", "en"})


def _quick_page(
    doc: FetchedDocument,
    text: str,
    low: str,
    low_bytes: bytes,
    opts: ParseOptions,
    meta: dict[str, Any],
    problems: list[Problem],
) -> ParsedDocument | None:
    """A page with no form control and no word any rule could match needs no tree at all.

    ``opts.text_needles`` (set by the engine) says whether the page's lower-cased UTF-8 bytes hold
    a rule word; when it does not, only what page-level checks read is extracted (language,
    title). Most pages of a municipal site are like this, which is what makes whole-site scans
    cheap. This is the exact path; :func:`_scanned_page` reaches the same result without
    lower-casing the page when the one-pass scan finds nothing.
    """
    assert opts.text_needles is not None
    if opts.text_needles.in_lowered(low_bytes):
        return None
    # text in a language without a lexicon (Sámi) must still be reported as skipped: full path
    if any(normalise_language(v) not in _LEXICON_LANGS for v in _ANY_LANG.findall(low)):
        return None
    m = _HTML_LANG.search(low[:4096])
    title = None
    start = low.find("<title")
    if start != -1:
        open_end = low.find(">", start)
        end = low.find("</title", open_end)
        if open_end != -1 and end != -1:
            title = text[open_end + 1 : end]
    return _quick_result(doc, m, title, opts, meta, problems)


def _lexicon_langs_only(raw: bytes, lang_offsets: list[int]) -> bool | None:
    """Does every ``lang=`` value on a page the scan found clear name a lexicon language?

    What ``_ANY_LANG.findall`` on the lower-cased text says, read from the UTF-8 bytes ``raw``:
    that regex matches only where "lang" is, non-overlapping from left to right, and the scan
    gave every such offset. None when a match holds a non-ASCII byte (maybe a Unicode space,
    which str ``\\s`` matches): the exact path decides.
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


def _scanned_page(
    doc: FetchedDocument,
    text: str,
    raw: bytes,
    opts: ParseOptions,
    meta: dict[str, Any],
    problems: list[Problem],
) -> ParsedDocument:
    """:func:`_quick_page` for a page the scan found clear (no control marker, no rule word, no
    character whose ``lower()`` is ASCII) and whose ``lang`` values are all lexicon languages:
    the same result, read from the UTF-8 bytes ``raw`` without lower-casing the page.

    Without those characters ``text.lower()`` keeps every length and lower-cases ASCII as
    ``bytes.lower()`` does, so case-insensitive byte searches find what the exact path finds.
    """
    html_lang = _HTML_LANG.search(text[:4096].lower())
    title = None
    start_m = _TITLE_OPEN.search(raw)
    if start_m is not None:
        open_end = raw.find(b">", start_m.start())
        end_m = _TITLE_CLOSE.search(raw, open_end) if open_end != -1 else None
        if end_m is not None:
            title = raw[open_end + 1 : end_m.start()].decode("utf-8")
    return _quick_result(doc, html_lang, title, opts, meta, problems)


def _quick_result(
    doc: FetchedDocument,
    html_lang_match: re.Match[str] | None,
    title_html: str | None,
    opts: ParseOptions,
    meta: dict[str, Any],
    problems: list[Problem],
) -> ParsedDocument:
    html_lang = normalise_language(html_lang_match.group(1)) if html_lang_match else None
    meta["html_lang_missing"] = html_lang is None
    meta["quick"] = True
    title = None
    if title_html is not None:
        title = _collapse(html_module.unescape(_TAGS.sub(" ", title_html))) or None
    return ParsedDocument(
        source=doc.source,
        format="html",
        language=html_lang or opts.default_language,
        title=title or None,
        problems=tuple(problems),
        metadata=meta,
    )


def parse_html(doc: FetchedDocument, opts: ParseOptions) -> ParsedDocument:
    """Parse one HTML page into forms, page text, links and metadata. Never raises on bad input."""
    loc = Location(source=doc.source)
    text, encoding, notes, utf8 = decode_html_utf8(doc.body, doc.charset)
    problems = [Problem(n, loc, level="note") for n in notes]
    meta: dict[str, Any] = {
        "encoding": encoding,
        "html_lang_missing": True,
        "has_form_markers": False,
        "spa_root": False,
    }
    needles = opts.text_needles
    if needles is not None and not opts.collect_links and text:
        raw = utf8 if utf8 is not None else text.encode("utf-8", "replace")
        # "<form" is a control marker: with one the page goes to the tree whatever else it holds
        found = True if has_form_tag(raw) else scanner(needles, _CONTROL_MARKERS).scan(raw)
        langs_ok = _lexicon_langs_only(raw, found) if isinstance(found, list) else None
        if langs_ok:
            return _scanned_page(doc, text, raw, opts, meta, problems)
        if langs_ok is None and found is not True:  # the exact path: lower-case, split, intersect
            low = text.lower()
            low_bytes = low.encode("utf-8", "replace")
            if not any(marker in low_bytes for marker in _CONTROL_MARKERS):
                quick = _quick_page(doc, text, low, low_bytes, opts, meta, problems)
                if quick is not None:
                    return quick
    root = _parse_tree(text, utf8)
    if root is None or not isinstance(root.tag, str):
        problems.append(Problem("no HTML content could be read", loc))
        return ParsedDocument(
            source=doc.source, format="html", problems=tuple(problems), metadata=meta
        )
    page = _Page(doc, root, opts)
    page.walk()

    html_lang = normalise_language(root.get("lang") or root.get("xml:lang"))
    meta["html_lang_missing"] = html_lang is None

    builder = _FieldBuilder(page)
    forms: list[Form] = []
    all_ctx = sorted([*page.forms, *page.sections.values()], key=lambda c: c.el.sourceline or 0)
    for ctx in all_ctx:
        if ctx.kind == "html-form" and not ctx.controls:
            page.form_without_controls = True
        if ctx.kind == "html-section" and all(_is_button(c.el, c.el.tag) for c in ctx.controls):
            # menu toggles, cookie banners, "print" buttons: not a form
            continue
        fields = builder.build(ctx)
        rows = _filter_blocks(ctx.blocks, ctx.block_els, page)
        forms.append(
            Form(
                key=ctx.key,
                kind=ctx.kind,
                location=page.loc(ctx.el, _css_path(ctx.el), ctx.key),
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
        links, platform = _links(root, base)
    else:  # `formlint lint`: only whether a form platform is embedded
        links = ()
        platform = any(
            _FORM_PLATFORMS.search(el.get("src") or "") for el in root.iter("iframe", "script")
        )

    meta["has_form_markers"] = bool(page.forms or page.has_controls or platform)
    meta["spa_root"] = (page.spa_candidate and not page.has_controls) or page.form_without_controls
    parsed = ParsedDocument(
        source=doc.source,
        format="html",
        forms=tuple(forms),
        language=html_lang or opts.default_language,
        title=page.title,
        problems=tuple(problems),
        links=links,
        metadata=meta,
    )
    return defer_text_blocks(parsed, BlockTable(doc.source, page_rows))


def _filter_blocks(blocks: list[Row | None], els: list[Element | None], page: _Page) -> list[Row]:
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
        if isinstance(tag, str) and child not in consumed and tag not in _SKIP_TEXT:
            if tag == "br":
                parts.append(" ")
            elif tag in _INLINE:
                _own_text(child, consumed, parts)
        if child.tail:
            parts.append(child.tail)
