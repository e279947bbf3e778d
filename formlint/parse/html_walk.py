"""The walk over one HTML page's tree: text blocks, forms and the controls in them.

One lxml tree per page, walked once in document order with :func:`lxml.etree.iterwalk` (the loop
runs in C; Python sees only start/end/comment events). The walk carries the inherited state every
output needs (language, hidden, ``data-formlint-ignore``, the enclosing form or section and
fieldset), collects text blocks and controls (:class:`HtmlPage`), and tracks ``formlint-disable``
comments. The controls become fields in ``html_fields``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.etree as etree

from formlint.document import FetchedDocument
from formlint.model import (
    NO_SUPPRESSIONS,
    Location,
    Row,
    Scope,
    SuppressionDirective,
    Suppressions,
)
from formlint.model.language import normalise_language
from formlint.parse.html_elements import (
    CONTROL_TAGS,
    INLINE_TAGS,
    SKIP_TEXT_TAGS,
    Element,
    ancestor_label,
    collapse_whitespace,
    css_path,
    element_text,
    is_button,
    visually_hidden,
)
from formlint.parse.registry import ParseOptions

_SCOPES: dict[str, Scope] = {
    "h1": Scope.HEADING, "h2": Scope.HEADING, "h3": Scope.HEADING, "h4": Scope.HEADING, "h5": Scope.HEADING,
    "h6": Scope.HEADING, "li": Scope.LIST_ITEM, "dt": Scope.LIST_ITEM, "dd": Scope.LIST_ITEM,
    "td": Scope.TABLE_CELL, "th": Scope.TABLE_CELL, "caption": Scope.TABLE_CELL, "label": Scope.LABEL,
    "legend": Scope.LEGEND,
}  # fmt: skip
_PARAGRAPH = Scope.PARAGRAPH
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
_GROUP_TAGS = frozenset({"section", "article", "main", "fieldset", "body"})
# Tags the walk treats specially; any other element is a plain block when it has no attributes.
_SPECIAL_TAGS = frozenset(
    {"form", "title", "nav", "ul", "ol", "br"}
    | _GROUP_TAGS
    | CONTROL_TAGS
    | SKIP_TEXT_TAGS
    | INLINE_TAGS
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SUPPRESS = re.compile(r"^\s*formlint-(disable|enable)\b(.*)$", re.DOTALL)
_SPA_IDS = frozenset({"app", "root", "__next", "__nuxt", "___gatsby", "svelte"})
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


_IDS = etree.XPath("//*[@id]")


def _parse_suppress_comment(text: str) -> tuple[str, list[str], str] | None:
    m = _SUPPRESS.match(text)
    if not m:
        return None
    action, rest = m.group(1), m.group(2)
    ids_part, _, reason = rest.partition("--")
    ids = [x for x in re.split(r"[\s,]+", ids_part.strip()) if x]
    return action, ids, reason.strip()


def _ignore_ids(value: str) -> tuple[str, ...]:
    ids = tuple(dict.fromkeys(x for x in re.split(r"[\s,]+", value.strip()) if x))
    return ids or ("all",)


# --- walk state ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _State:
    lang: str | None
    hidden: bool
    ignore: frozenset[tuple[str, int]]  # (rule id, directive index) from data-formlint-ignore
    form: CollectedForm | None
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
class Control:
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
    heading: str | None = None  # the last visible heading before it


@dataclass(slots=True)
class CollectedForm:
    """A ``<form>`` (``kind="html-form"``), or the controls outside forms in one section
    (``"html-section"``), with the controls and text blocks the walk found in it."""

    el: Element
    kind: str
    key: str
    lang: str | None  # of its walk state (not the state: that points back here, see Control)
    supp: Suppressions
    controls: list[Control] = field(default_factory=list)
    blocks: list[Row | None] = field(default_factory=list)
    block_els: list[Element | None] = field(default_factory=list)


class HtmlPage:
    """One page's tree and what the walk collected from it (page blocks, forms and sections with
    their controls, the text fields took), with the lookups the field builder needs; one
    instance per document."""

    def __init__(
        self,
        doc: FetchedDocument,
        root: Element,
        opts: ParseOptions,
        real_lines: dict[Element, int] | None = None,
    ) -> None:
        """``real_lines``: the lines of elements past libxml2's 65,535 (``html_lines``)."""
        self.doc = doc
        self.real_lines = real_lines
        self.source = doc.source
        self.root = root
        self.opts = opts
        self.page_blocks: list[Row | None] = []  # None: an empty block's reserved slot
        self.page_block_els: list[Element | None] = []
        self.forms: list[CollectedForm] = []
        self.sections: dict[int, CollectedForm] = {}
        self.title: str | None = None
        # rule id -> (reason, directive index), from formlint-disable comments
        self.disabled: dict[str, tuple[str, int]] = {}
        self.directives: list[SuppressionDirective] = []  # every inline suppression, as written
        self._supp_cache: dict[
            tuple[frozenset[tuple[str, int]], tuple[tuple[str, tuple[str, int]], ...]],
            Suppressions,
        ] = {}
        self._ids: dict[str, Element] | None = None
        self._labels_for: dict[str, list[Element]] | None = None
        self.consumed: set[Element] = set()  # elements whose text a field took
        self.dirty: set[Element] = set()  # blocks whose text changed after they were read
        self.has_controls = False
        self.spa_candidate = False
        self.form_without_controls = False
        self.heading: str | None = None  # the last visible heading, as the walk goes
        self._seen_ids: set[str] = set()  # the ids the walk has seen, and those it saw twice
        self._duplicate_ids: set[str] = set()

    # lookups built lazily: pages without forms never pay for them
    def by_id(self, ident: str) -> Element | None:
        if self._ids is None:
            self._ids = {}
            for el in _IDS(self.root):
                self._ids.setdefault(el.get("id"), el)
        return self._ids.get(ident)

    def id_clash(self, ident: str) -> bool:
        """Is ``ident`` the id of more than one element? Counted as the walk enters elements
        (an index of every id after it cost ~0.5 ms on a 100 KB page, searching the page's bytes
        for each labelled field's id more): ids inside what the walk skips (menus, scripts,
        select, button and SVG content) are not counted."""
        return ident in self._duplicate_ids

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

    def suppressions(self, ignore: frozenset[tuple[str, int]]) -> Suppressions:
        if not ignore and not self.disabled:
            return NO_SUPPRESSIONS
        disabled = tuple(sorted(self.disabled.items()))
        key = (ignore, disabled)
        cached = self._supp_cache.get(key)
        if cached is None:
            ignored = sorted(ignore)
            cached = Suppressions(
                rules=frozenset(self.disabled) | {r for r, _ in ignored},
                reasons=tuple((r, reason) for r, (reason, _) in disabled)
                + tuple((r, "") for r, _ in ignored if r not in self.disabled),
                origins=tuple((r, index) for r, (_, index) in disabled) + tuple(ignored),
            )
            self._supp_cache[key] = cached
        return cached

    def _directive(self, el: Element, rules: tuple[str, ...], reason: str, kind: str) -> int:
        self.directives.append(
            SuppressionDirective(rules, Location(self.source, line=self.line(el)), reason, kind)
        )
        return len(self.directives) - 1

    def line(self, el: Element) -> int | None:
        """The element's line in the page (beyond 65,535 too)."""
        line: int | None = el.sourceline
        if self.real_lines is not None:
            line = self.real_lines.get(el, line)
        return line

    def loc(self, el: Element, css: str | None, anchor: str | None) -> Location:
        return Location(source=self.source, line=self.line(el), css_path=css, anchor=anchor)

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
        big = self.real_lines is not None  # a page past 65,535 lines asks self.line
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
                        text = collapse_whitespace(el.text)
                        if text:
                            if tag in _HEADING_TAGS and not state.hidden:
                                self.heading = text
                            id_sel = state.id_sel
                            block = (
                                text,
                                _SCOPES.get(tag, _PARAGRAPH),
                                self.line(el) if big else el.sourceline,
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
                            self.line(el) if big else el.sourceline,
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
                if tag in CONTROL_TAGS:
                    self._control(el, tag, state, blocks)
                if tag in SKIP_TEXT_TAGS:
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
                elif tag not in INLINE_TAGS:
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
                            self.line(el) if big else el.sourceline,
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
                self._comment(el)
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
            ids = _ignore_ids(ign)
            index = self._directive(el, ids, "", "attribute")
            ignore = ignore | {(rid, index) for rid in ids}
        role = attrib.get("role")
        ident = attrib.get("id")
        if ident:
            key = ident.strip()
            if key in self._seen_ids:
                self._duplicate_ids.add(key)
            else:
                self._seen_ids.add(key)
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
            ctx = CollectedForm(
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

    def _comment(self, el: Element) -> None:
        parsed = _parse_suppress_comment(el.text or "")
        if parsed is None:
            return
        action, ids, reason = parsed
        if action == "disable":
            rules = tuple(dict.fromkeys(ids)) or ("all",)
            index = self._directive(el, rules, reason, "comment")
            for rid in rules:
                self.disabled[rid] = (reason, index)
        elif not ids:
            self.disabled.clear()
        else:
            for rid in ids:
                self.disabled.pop(rid, None)

    def _title(self, el: Element, state: _State) -> None:
        text = element_text(el)
        if not text:
            return
        self.title = text
        self.page_blocks.append(
            (
                text,
                Scope.TITLE,
                self.line(el),
                "title",
                None,
                state.lang,
                False,
                self.suppressions(state.ignore),
            )
        )
        self.page_block_els.append(None)

    def _emit(self, b: _Block) -> None:
        text = collapse_whitespace("".join(b.parts))
        form = b.state.form
        if not text:
            # an empty slot keeps no element (html._filter_blocks: nothing there to re-read)
            (self.page_block_els if form is None else form.block_els)[b.slot] = None
            return
        el = b.el
        if b.scope is Scope.HEADING and not b.state.hidden and not visually_hidden(el):
            self.heading = text
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

    def _section_for(self, state: _State) -> CollectedForm:
        group = state.group
        ctx = self.sections.get(id(group))
        if ctx is None:
            ctx = CollectedForm(
                el=group,
                kind="html-section",
                key="html-section:" + css_path(group),
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
        ctrl = Control(
            el,
            state.hidden,
            state.lang,
            state.fieldset,
            form.el if form is not None else state.group,
            self.suppressions(state.ignore),
            adjacent,
            self.heading,
        )
        if not is_button(el, tag):
            self.has_controls = True
        if form is not None:
            form.controls.append(ctrl)
        else:
            self._section_for(state).controls.append(ctrl)

    def _adjacent_text(self, el: Element, blocks: list[_Block]) -> str:
        """Text right after (or before) an unlabelled radio/checkbox: its visible option text."""
        ident = (el.get("id") or "").strip()
        if (ident and self.labels_for(ident)) or ancestor_label(el) is not None:
            return ""
        parts = [el.tail or ""]
        if not collapse_whitespace(el.tail):
            sib = el.getnext()
            while (
                sib is not None
                and isinstance(sib.tag, str)
                and sib.tag in INLINE_TAGS
                and sib.tag not in ("br", "input", "img")
            ):
                parts.append(element_text(sib))
                self.consumed.add(sib)
                if collapse_whitespace(sib.tail):
                    parts.append(sib.tail or "")
                    sib.tail = ""
                    break
                sib = sib.getnext()
        else:
            el.tail = ""  # consumed: not part of the paragraph around it
        text = collapse_whitespace(" ".join(parts))
        if text:
            return text
        # text before the input: the previous sibling's tail or the parent's leading text
        prev = el.getprevious()
        before = prev.tail if prev is not None else None
        if prev is None and blocks and blocks[-1].parts:
            before = blocks[-1].parts[-1]
            if collapse_whitespace(before):
                blocks[-1].parts.pop()
        elif prev is not None and collapse_whitespace(before):
            prev.tail = ""
            if blocks and blocks[-1].parts and blocks[-1].parts[-1] == before:
                blocks[-1].parts.pop()
        return collapse_whitespace(before)
