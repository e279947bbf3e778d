"""Fields from the controls the walk collected: accessible names, groups, options, help, and
the question printed next to a group in legacy markup.

Text a field takes (its labels, legend, hints, the question before its boxes) is marked consumed
on the page (:class:`~formlint.parse.html_walk.HtmlPage`), so the entry point drops it from the
page prose and a rule never sees it twice.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, NamedTuple

import lxml.etree as etree

from formlint.model import Field, FieldKind, Location, Option, anchor_of
from formlint.parse.html_elements import (
    CONTROL_TAGS,
    INLINE_TAGS,
    Element,
    ancestor_label,
    collapse_whitespace,
    css_path,
    element_text,
    hidden_from_sight,
    visually_hidden,
)
from formlint.parse.html_walk import CollectedForm, Control, HtmlPage

_NAME_FROM_CONTENT_ROLES = frozenset({"checkbox", "radio", "switch", "button"})
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
_HINT_CLASS = re.compile(r"hint|help|description", re.IGNORECASE)
_COUNT_CONTROLS = etree.XPath(
    "count(.//input[not(@type='hidden')] | .//select | .//textarea | .//*[@role='textbox' or @role='combobox' or @role='radio' or @role='checkbox'])"
)
_HINT_CANDIDATES = etree.XPath(
    ".//*[contains(@class,'hint') or contains(@class,'help') or contains(@class,'description')"
    " or contains(@class,'Hint') or contains(@class,'Help') or contains(@class,'Description')]"
)


class AccName(NamedTuple):
    """A control's accessible name, where it came from (``name_source``), the text of each of
    its labelling elements that can be seen (``label_parts``), and whether a ``<label for>``
    names an id another element has too."""

    text: str
    source: str
    parts: tuple[str, ...] = ()
    id_clash: bool = False


def _aria_named(el: Element) -> bool:
    return bool(
        collapse_whitespace(el.get("aria-label")) or (el.get("aria-labelledby") or "").strip()
    )


def _input_type(el: Element) -> str:
    return (el.get("type") or "text").strip().lower() if el.tag == "input" else ""


# --- the question next to a group in legacy markup -----------------------------------------------
#
# Legacy forms print a group's question as text in the same block as its boxes ("<p>Kjønn:
# <input type=radio> mann <input type=radio> kvinne</p>") or in the first cell of its table row,
# often inside a fieldset whose legend names the whole section ("Opplysninger om barnet"). That
# text is the group's question, nearer than the legend. ``_text_before`` finds it without
# changing anything; ``FieldBuilder.take_question`` then takes it out of the page prose.

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
    from before it (see ``HtmlPage._adjacent_text``): it is the option's, not the question's.
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
                    tag in INLINE_TAGS
                    and tag not in CONTROL_TAGS
                    and prev not in consumed
                    and not _HINT_CLASS.search(prev.get("class") or "")
                    and _no_field_inside(prev)
                ) or (tag == "label" and prev not in consumed and _no_field_inside(prev)):
                    text = element_text(prev)
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
        if (
            lead
            and not lead.isspace()
            and not (x is el and own and collapse_whitespace(lead) == own)
        ):
            pieces.append((_TEXT_PART, parent))
            texts.append(lead)
        if ptag in INLINE_TAGS:
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
    text = collapse_whitespace(" ".join(reversed(texts)))
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
        text = element_text(sib)
        if text:
            if len(text) <= _MAX_QUESTION_CHARS:
                return text, [(_WHOLE_PART, sib)]
            break
    return "", []


def _block_of(el: Element) -> Element:
    """The block whose prose holds ``el``'s own text: ``el`` or its nearest non-inline ancestor."""
    x = el
    while x.tag in INLINE_TAGS:
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


class FieldBuilder:
    """Turns the controls of a form (or section) into fields, taking the text they use (labels,
    legends, hints, questions) out of the page prose."""

    def __init__(self, page: HtmlPage) -> None:
        self.page = page

    def build(self, ctx: CollectedForm) -> tuple[Field, ...]:
        # group radios (and checkboxes sharing a name) into one field each, in document order
        groups: dict[tuple[str, str], list[Control]] = {}
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
                assert isinstance(item, Control)
                fields.append(self.single(item))
        return tuple(fields)

    def loose_buttons(self, ctx: CollectedForm) -> tuple[Field, ...]:
        """The buttons of a section that has nothing else (a menu toggle, a cookie banner, a
        "print" button): not a form, but each needs a name. Their text stays page prose."""
        out = []
        for c in ctx.controls:
            el = c.el
            role = el.get("role")
            if role not in (None, "button"):
                continue  # <button role="link">: a link, named by other rules
            name = self.acc_name(el, consume=False)
            out.append(
                Field(
                    kind=FieldKind.BUTTON,
                    location=self.location(el),
                    label=name.text or None,
                    name=(el.get("name") or None),
                    id=(el.get("id") or None),
                    name_source=name.source,
                    heading=c.heading,
                    hidden=c.hidden,
                    language=c.lang,
                    suppressions=c.supp,
                    disabled=_is_disabled(el),
                )
            )
        return tuple(out)

    def unnamed_set(
        self,
        c: Control,
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

    def acc_name(self, el: Element, consume: bool = True) -> AccName:
        """The control's accessible name, after the accname algorithm as HTML-AAM applies it:
        aria-labelledby, aria-label, a button input's value (submit and reset have a default),
        an image button's alt, its labels (``<label for>`` names only the first element with
        that id), a button's content, title, and placeholder as a last resort. ``consume``:
        the text it takes (aria-labelledby targets, a button's content) leaves the page prose."""
        page = self.page
        tag = el.tag
        ids = (el.get("aria-labelledby") or "").split()
        if ids:
            parts = []
            seen = []
            for i in ids:
                target = page.by_id(i)
                if target is not None:
                    text = element_text(target)
                    parts.append(text)
                    if text and not hidden_from_sight(target):
                        seen.append(text)
                    if consume:
                        page.consumed.add(target)
            text = collapse_whitespace(" ".join(parts))
            if text:
                return AccName(text, "aria-labelledby", tuple(seen))
        text = collapse_whitespace(el.get("aria-label"))
        if text:
            return AccName(text, "aria-label")
        t = _input_type(el)
        role = el.get("role")
        if tag == "input" and t in ("submit", "reset", "button"):
            value = el.get("value")
            if value is not None and collapse_whitespace(value):
                return AccName(collapse_whitespace(value), "value")
            if t in ("submit", "reset"):
                return AccName("Submit" if t == "submit" else "Reset", "default")
        if tag == "input" and t == "image":
            alt = collapse_whitespace(el.get("alt"))
            if alt:
                return AccName(alt, "alt")
        clash = False
        if tag in _LABELABLE and t != "hidden":
            ident = (el.get("id") or "").strip()
            label_els = list(page.labels_for(ident)) if ident else []
            first = True  # the first element with its id: the one <label for> names
            if label_els and page.id_clash(ident):
                clash = True
                first = page.by_id(ident) is el
                if not first:
                    label_els = []
            wrap = ancestor_label(el)
            target = wrap.get("for") if wrap is not None else None
            if (
                wrap is not None
                and wrap not in label_els
                and not (target and (target != ident or not first))
            ):
                label_els.append(wrap)
            labels = [element_text(lab, skip_controls=True) for lab in label_els]
            text = collapse_whitespace(" ".join(labels))
            if text:
                visible = tuple(
                    x
                    for x, lab in zip(labels, label_els, strict=True)
                    if x and not visually_hidden(lab)
                )
                return AccName(text, "label", visible, clash)
        if tag == "button" or (
            role in _NAME_FROM_CONTENT_ROLES and tag not in ("input", "select", "textarea")
        ):
            text = element_text(el)
            if text:
                if consume:
                    page.consumed.add(el)
                return AccName(text, "text", id_clash=clash)
        text = collapse_whitespace(el.get("title"))
        if text:
            return AccName(text, "title", id_clash=clash)
        if tag in ("input", "textarea") or role in ("textbox", "searchbox"):
            text = collapse_whitespace(el.get("placeholder") or el.get("aria-placeholder"))
            if text:
                return AccName(text, "placeholder", id_clash=clash)
        return AccName("", "", id_clash=clash)

    def mark_labels(self, el: Element) -> None:
        ident = (el.get("id") or "").strip()
        if ident:
            for lab in self.page.labels_for(ident):
                self.page.consumed.add(lab)
        wrap = ancestor_label(el)
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
                    text = element_text(legend)
                    if text:
                        return text, True
                name, _ = self.acc_name_group(fs, consume)
                return (name or None), True
            name, _ = self.acc_name_group(fs, consume)
            if name:
                return name, True
            fs = _nearest_group(fs)
        return None, False

    def near_question(self, first: Control) -> str | None:
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
        self, members: list[Control], options: list[Option], sources: list[str]
    ) -> str | None:
        """Unlabelled boxes with their words *before* them in one block ("Kvinne ○ Mann ○") are
        read box by box as words-after (see ``HtmlPage._adjacent_text``): each box takes the next
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
        if (after is not None and after.tag != "br") or collapse_whitespace(last.tail):
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
                    parts.append(element_text(target))
                    if consume:
                        self.page.consumed.add(target)
            text = collapse_whitespace(" ".join(parts))
            if text:
                return text, "aria-labelledby"
        text = collapse_whitespace(el.get("aria-label"))
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
                    text = element_text(prev)
                    if text and len(text) <= 300:
                        self.page.consumed.add(prev)
                        return text
                return None
            parent = x.getparent()
            if parent is None or parent is stop or parent.tag in ("form", "body"):
                return None
            if (parent.text or "").strip():
                text = collapse_whitespace(parent.text)
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
                    text = element_text(target)
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
                text = element_text(cand)
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
        return self.page.loc(el, css_path(el), anchor_of(a.tag, a.get("name"), a.get("id")))

    def common(self, c: Control) -> dict[str, Any]:
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

    def single(self, c: Control) -> Field:
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
        name = self.acc_name(el)
        label, source = name.text, name.source
        if source == "label":
            self.mark_labels(el)
        options: tuple[Option, ...] = ()
        placeholder: str | None = None
        if tag == "select":
            options, placeholder = _select_options(el, self.page)
        elif tag in ("input", "textarea") or role in ("textbox", "searchbox"):
            placeholder = (
                collapse_whitespace(el.get("placeholder") or el.get("aria-placeholder")) or None
            )
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
            label_parts=name.parts,
            heading=c.heading,
            id_clash=name.id_clash,
            **common,
        )

    def group(self, kind_name: str, members: list[Control]) -> Field:
        first = members[0]
        els = [m.el for m in members]
        options: list[Option] = []
        sources: list[str] = []
        clash = False
        for m in members:
            el = m.el
            acc = self.acc_name(el)
            label, source = acc.text, acc.source
            clash = clash or acc.id_clash
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
            heading=first.heading,
            id_clash=clash,
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


def _select_options(el: Element, page: HtmlPage) -> tuple[tuple[Option, ...], str | None]:
    options: list[Option] = []
    placeholder: str | None = None
    for i, opt in enumerate(el.iter("option")):
        label_attr = opt.get("label")
        label = collapse_whitespace(label_attr) if label_attr is not None else element_text(opt)
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
