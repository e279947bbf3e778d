"""DOCX forms into the form model.

Word forms hold their questions four ways: content controls (``w:sdt``), legacy form fields
(``FORMCHECKBOX``/``FORMDROPDOWN``/``FORMTEXT``), tables with "Mor | Far" columns, and plain text
with underscores and checkbox glyphs. The package is read with lxml over ``ziputil.SafeZip``
rather than python-docx: python-docx opens the zip itself (no zip-bomb cap) and exposes neither
content controls nor legacy fields, and a single pass over the XML keeps document order.

Each paragraph is *rendered* to a line of text in which every control becomes a marker character
(a checkbox becomes its glyph plus a marker), and ``printform.recognise`` finds the fields in those
lines: a control gets its label from the text in front of it exactly as a run of underscores does.

Locations: ``part`` is the package part (``word/document.xml``, ``word/header1.xml``);
``component`` is ``paragraph N`` (paragraphs outside tables, counted from 1 per part) or
``table T, row R, cell C`` (tables counted in document order, nested ones included); ``anchor``
is the content control's tag (else alias) or the legacy field's name. Footnotes and endnotes
(``word/footnotes.xml``, ``word/endnotes.xml``) are walked note by note, their components prefixed
``footnote N, `` (N as the reader sees it). Reviewers' comments are not form content and are not
linted; a note says they exist.
"""

from __future__ import annotations

import contextlib
import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from formlint.document import FetchedDocument
from formlint.model import (
    Field,
    FieldKind,
    Location,
    Option,
    ParsedDocument,
    Problem,
    Scope,
    TextBlock,
)
from formlint.model.language import normalise_language
from formlint.parse import printform
from formlint.parse.registry import ParseOptions
from formlint.parse.ziputil import SafeZip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DC = "http://purl.org/dc/elements/1.1/"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P, _R, _T, _TBL, _TR, _TC, _SDT = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc"), w("sdt")
_VAL = w("val")
_HEADING_STYLE = re.compile(r"^(?:heading|overskrift|rubrik|titre)\s*\d|^(?:title|tittel)$", re.I)
_LIST_STYLE = re.compile(r"^(?:list|liste)", re.I)
_PLACEHOLDER_ITEM = re.compile(r"^(?:velg|vel|choose|select|klikk|click)\b", re.I)
_SYMBOL_FONTS = ("wingdings", "wingdings 2", "symbol", "webdings")
# Wingdings code points that forms use as boxes and bullets (with or without the F000 offset)
_WINGDINGS = {
    0x6F: "□",
    0x71: "❑",
    0x72: "❒",
    0xA8: "☐",
    0xFE: "☑",
    0xFD: "☒",
    0x78: "☒",
    0x6E: "■",
    0xA1: "○",
    0x6C: "●",
    0xA3: "☐",
    0x30: "☐",  # Wingdings 2 "0": an empty box
    0x4F: "☒",  # Wingdings 2 "O": a crossed box
    0x50: "☑",  # Wingdings 2 "P": a ticked box
    0x52: "☑",
    0x53: "☒",
    0x54: "☒",
}

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


def xml(data: bytes) -> Any:
    """Parse XML with entities and network off (no XXE from a hostile document)."""
    return etree.fromstring(data, parser=_PARSER)


@dataclass(slots=True)
class _Styles:
    names: dict[str, str] = field(default_factory=dict)  # styleId -> lower-case name
    outline: dict[str, int] = field(default_factory=dict)  # styleId -> outline level
    language: str | None = None


class _Walker(printform.Collector):
    """Walks one part (document, header, footer) or one note, collecting fields and text in order."""

    def __init__(
        self, source: str, part: str, styles: _Styles, language: str | None, prefix: str = ""
    ) -> None:
        super().__init__(source, part, language)
        self.styles = styles
        self.prefix = prefix  # "footnote 2, " for a note's own paragraphs and tables
        self.paragraphs = 0
        self.tables = 0

    # --- containers -------------------------------------------------------------------------

    def body(self, container: Any) -> None:
        """Paragraphs between tables form one run of lines, so a label line can precede a field."""
        pending: list[printform.Line] = []
        for el in self._blocks(container):
            if el.tag == _P:
                self.paragraphs += 1
                comp = f"{self.prefix}paragraph {self.paragraphs}"
                pending.extend(self._lines(el, comp, self._scope(el)))
            elif el.tag == _TBL:
                self.emit(pending)
                pending = []
                self.table(el)
        self.emit(pending)
        self.finish()

    def _blocks(self, container: Any) -> Iterator[Any]:
        """Block-level children, unwrapping container content controls and markup compatibility."""
        for el in container:
            tag = el.tag
            if tag in (_P, _TBL):
                yield el
            elif tag == _SDT:
                if _sdt_kind(el) is not None:
                    yield _as_paragraph(el)
                else:
                    content = el.find(w("sdtContent"))
                    if content is not None:
                        yield from self._blocks(content)
            elif tag in (w("customXml"), w("ins"), w("smartTag")):
                yield from self._blocks(el)
            elif tag == f"{{{MC}}}AlternateContent":
                choice = el.find(f"{{{MC}}}Choice")
                if choice is not None:
                    yield from self._blocks(choice)

    def table(self, tbl: Any) -> None:
        self.tables += 1
        t = self.tables
        rows: list[list[tuple[str, list[printform.Line]]]] = []
        for r, tr in enumerate(_children(tbl, _TR), start=1):
            row: list[tuple[str, list[printform.Line]]] = []
            for c, tc in enumerate(_children(tr, _TC), start=1):
                comp = f"{self.prefix}table {t}, row {r}, cell {c}"
                lines: list[printform.Line] = []
                nested: list[Any] = []
                for el in self._blocks(tc):
                    if el.tag == _P:
                        lines.extend(self._lines(el, comp, Scope.TABLE_CELL))
                    else:
                        nested.append(el)
                row.append((comp, lines))
                for el in nested:  # tables inside cells come after their cell, numbered in order
                    self.table(el)
            rows.append(row)
        self.table_rows(rows)

    def _scope(self, p: Any) -> Scope:
        ppr = p.find(w("pPr"))
        if ppr is None:
            return Scope.PARAGRAPH
        style = ppr.find(w("pStyle"))
        sid = style.get(_VAL) if style is not None else None
        if ppr.find(w("outlineLvl")) is not None:
            return Scope.HEADING
        if sid is not None:
            name = self.styles.names.get(sid, sid.lower())
            if (
                _HEADING_STYLE.search(name)
                or _HEADING_STYLE.search(sid)
                or sid in self.styles.outline
            ):
                return Scope.HEADING
            if _LIST_STYLE.search(name):
                return Scope.LIST_ITEM
        if ppr.find(w("numPr")) is not None:
            return Scope.LIST_ITEM
        return Scope.PARAGRAPH

    def _lines(self, p: Any, component: str, scope: Scope) -> list[printform.Line]:
        r = _Render()
        r.paragraph(p)
        text = "".join(r.parts)
        out = [
            printform.Line(part, component, scope, r.controls)
            for part in text.split("\n")
            if part.strip()
        ]
        # a control's marker lives in exactly one of the split lines; each line keeps the full
        # control list so marker numbers stay valid
        if not out and r.controls:
            out = [printform.Line(text.replace("\n", " "), component, scope, r.controls)]
        for sub in r.text_boxes:
            out.extend(self._lines(sub, f"{component}, text box", scope))
        return out


# --- rendering a paragraph ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Render:
    """Turns a paragraph into one line: text, glyphs, and a marker per control."""

    parts: list[str] = field(default_factory=list)
    controls: list[printform.Control] = field(default_factory=list)
    text_boxes: list[Any] = field(default_factory=list)
    # complex-field state: a stack of (is_form_field, in_result) pairs
    fields: list[list[bool]] = field(default_factory=list)

    def _hide(self) -> bool:
        """Inside an instruction, or inside a form field's result (shown as its marker)."""
        return any(not in_result or form for form, in_result in self.fields)

    def add_control(self, ctl: printform.Control) -> None:
        idx = len(self.controls)
        if idx > printform.MARKER_LIMIT - printform.MARKER_BASE:
            return
        self.controls.append(ctl)
        m = printform.marker(idx)
        if ctl.kind == FieldKind.CHECKBOX:
            self.parts.append(("☒" if ctl.checked else "☐") + m)
        else:
            self.parts.append(f" {m} ")

    def paragraph(self, p: Any) -> None:
        for child in p:
            self.node(child)

    def node(self, el: Any) -> None:
        tag = el.tag
        if tag == _R:
            self.run(el)
        elif tag == _SDT:
            kind = _sdt_kind(el)
            if kind is not None:
                self.add_control(_sdt_control(el, kind))
            else:
                content = el.find(w("sdtContent"))
                if content is not None:
                    for c in content:
                        self.node(c)
        elif tag in (w("hyperlink"), w("ins"), w("smartTag"), w("customXml"), w("fldSimple")):
            for c in el:
                self.node(c)
        elif tag == f"{{{MC}}}AlternateContent":
            choice = el.find(f"{{{MC}}}Choice")
            if choice is not None:
                for c in choice:
                    self.node(c)
        elif tag == _P:  # a paragraph wrapped by a block-level control (see _as_paragraph)
            self.paragraph(el)

    def run(self, r: Any) -> None:
        rpr = r.find(w("rPr"))
        if rpr is not None and _on(rpr.find(w("vanish"))):
            return  # hidden text is not shown to people
        font = _font(rpr)
        underlined = rpr is not None and _underlined(rpr.find(w("u")))
        for el in r:
            tag = el.tag
            if tag == w("fldChar"):
                self.fld_char(el)
            elif tag == w("instrText") or self._hide():
                continue
            elif tag == _T:
                text = el.text or ""
                if font in _SYMBOL_FONTS:
                    text = "".join(_WINGDINGS.get(ord(ch) & 0xFF, ch) for ch in text)
                # private-use characters (symbol fonts, icon fonts) would read as control markers
                text = printform.strip_markers(text)
                if underlined and not text.strip():
                    text = "____"  # an underlined blank is a line to write on
                self.parts.append(text)
            elif tag == w("tab"):
                self.parts.append("____" if underlined else " ")
            elif tag in (w("br"), w("cr")):
                self.parts.append("\n")
            elif tag == w("noBreakHyphen"):
                self.parts.append("-")
            elif tag == w("sym"):
                char = el.get(w("char"), "")
                code = int(char, 16) & 0xFF if re.fullmatch(r"[0-9A-Fa-f]{1,4}", char) else 0
                self.parts.append(_WINGDINGS.get(code, ""))
            elif tag in (w("drawing"), w("pict"), f"{{{MC}}}AlternateContent"):
                self.text_boxes.extend(_text_box_paragraphs(el))

    def fld_char(self, el: Any) -> None:
        kind = el.get(w("fldCharType"))
        if kind == "begin":
            ff = el.find(w("ffData"))
            form = ff is not None
            if form and not self._hide():
                self.add_control(_legacy_control(ff))
            self.fields.append([form, False])
        elif kind == "separate" and self.fields:
            self.fields[-1][1] = True
        elif kind == "end" and self.fields:
            self.fields.pop()


def _text_box_paragraphs(el: Any) -> list[Any]:
    """Paragraphs in a drawing's text boxes (the Choice of an AlternateContent only: its
    Fallback repeats the same text for old readers)."""
    if el.tag == f"{{{MC}}}AlternateContent":
        el = el.find(f"{{{MC}}}Choice")
        if el is None:
            return []
    return [p for box in el.iter(w("txbxContent")) for p in box.iter(_P)]


def _sdt_kind(sdt: Any) -> FieldKind | None:
    """The field kind of a content control, or None for containers (rich text blocks, building
    blocks such as a table of contents, groups, repeating sections)."""
    pr = sdt.find(w("sdtPr"))
    if pr is None:
        return None
    block = sdt.getparent() is not None and sdt.getparent().tag in (
        w("body"),
        w("tc"),
        w("sdtContent"),
    )
    for child in pr:
        tag = child.tag
        if tag in (w("dropDownList"), w("comboBox")):
            return FieldKind.SELECT
        if tag == f"{{{W14}}}checkbox":
            return FieldKind.CHECKBOX
        if tag == w("date"):
            return FieldKind.DATE
        if tag == w("text"):
            multi = child.get(w("multiLine"))
            return FieldKind.TEXTAREA if multi in ("1", "true", "on") else FieldKind.TEXT
        if tag == w("picture"):
            return FieldKind.FILE
        if tag in (w("docPartObj"), w("docPartList"), w("group"), w("citation"), w("bibliography")):
            return None
    if block:
        return None  # a rich-text block wraps content; walk into it
    return FieldKind.TEXT


def _as_paragraph(sdt: Any) -> Any:
    """A block-level control holding a field: render it as a paragraph of its own."""
    p = etree.Element(_P)
    p.append(_copy_sdt(sdt))
    return p


def _copy_sdt(sdt: Any) -> Any:
    """A detached copy (properties + plain text content), so the original tree is not moved."""
    clone = etree.Element(_SDT)
    pr = sdt.find(w("sdtPr"))
    if pr is not None:
        clone.append(copy.deepcopy(pr))
    old = sdt.find(w("sdtContent"))
    t = etree.SubElement(etree.SubElement(etree.SubElement(clone, w("sdtContent")), _R), _T)
    t.text = "".join(old.itertext()) if old is not None else ""
    return clone


def _sdt_control(sdt: Any, kind: FieldKind) -> printform.Control:
    pr = sdt.find(w("sdtPr"))
    alias = _attr(pr.find(w("alias")), _VAL)
    tag = _attr(pr.find(w("tag")), _VAL)
    content = sdt.find(w("sdtContent"))
    shown = "".join(content.itertext()).strip() if content is not None else ""
    placeholder_shown = pr.find(w("showingPlcHdr")) is not None
    ctl = printform.Control(kind=kind, name=tag or alias, alias=alias)
    if kind == FieldKind.SELECT:
        lst = pr.find(w("dropDownList"))
        if lst is None:
            lst = pr.find(w("comboBox"))
        options: list[Option] = []
        for item in lst.findall(w("listItem")) if lst is not None else []:
            text = item.get(w("displayText")) or item.get(w("value")) or ""
            value = item.get(w("value"))
            if not value and _PLACEHOLDER_ITEM.search(text):
                ctl.placeholder = text  # Word's "Velg et element." stand-in, not a choice
                continue
            selected = not placeholder_shown and bool(shown) and shown == text
            options.append(Option(label=text, value=value, selected=selected))
        ctl.options = tuple(options)
    elif kind == FieldKind.CHECKBOX:
        box = pr.find(f"{{{W14}}}checkbox")
        checked = box.find(f"{{{W14}}}checked") if box is not None else None
        ctl.checked = checked is not None and checked.get(f"{{{W14}}}val") in ("1", "true")
    elif placeholder_shown and shown:
        ctl.placeholder = shown
    return ctl


def _legacy_control(ff: Any) -> printform.Control:
    name = _attr(ff.find(w("name")), _VAL)
    helps = tuple(
        t for t in (_attr(ff.find(w("helpText")), _VAL), _attr(ff.find(w("statusText")), _VAL)) if t
    )
    box = ff.find(w("checkBox"))
    if box is not None:
        checked_el = box.find(w("checked"))
        if checked_el is None:
            checked_el = box.find(w("default"))
        checked = checked_el is not None and checked_el.get(_VAL, "1") in ("1", "true", "on")
        return printform.Control(FieldKind.CHECKBOX, name=name, checked=checked, help=helps)
    dd = ff.find(w("ddList"))
    if dd is not None:
        entries = [e.get(_VAL, "") for e in dd.findall(w("listEntry"))]
        res = dd.find(w("result"))
        if res is None:
            res = dd.find(w("default"))
        # Word shows the first entry when none is chosen: people see it as preselected
        idx = int(res.get(_VAL, "0")) if res is not None and res.get(_VAL, "0").isdigit() else 0
        options = tuple(
            Option(
                label=e,
                value=e,
                selected=k == idx and not _PLACEHOLDER_ITEM.search(e) and bool(e.strip()),
            )
            for k, e in enumerate(entries)
            if e.strip() or k == idx
        )
        return printform.Control(FieldKind.SELECT, name=name, options=options, help=helps)
    kind = FieldKind.TEXT
    ti = ff.find(w("textInput"))
    if ti is not None:
        typ = _attr(ti.find(w("type")), _VAL)
        if typ in ("date", "currentDate"):
            kind = FieldKind.DATE
        elif typ == "number":
            kind = FieldKind.NUMBER
    return printform.Control(kind, name=name, help=helps)


# --- helpers ----------------------------------------------------------------------------------------


def _children(el: Any, tag: str) -> Iterator[Any]:
    """Rows of a table or cells of a row, looking through row/cell-level content controls."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (_SDT, w("customXml")):
            inner = child.find(w("sdtContent")) if child.tag == _SDT else child
            if inner is not None:
                yield from _children(inner, tag)


def _attr(el: Any, name: str) -> str | None:
    if el is None:
        return None
    v = el.get(name)
    return v if v else None


def _on(el: Any) -> bool:
    return el is not None and el.get(_VAL, "true") not in ("0", "false", "off")


def _on_flag(value: str | None) -> bool:
    return value in ("1", "true", "on")


def _underlined(el: Any) -> bool:
    return el is not None and el.get(_VAL, "single") not in ("none", "0", "false")


def _font(rpr: Any) -> str:
    if rpr is None:
        return ""
    fonts = rpr.find(w("rFonts"))
    if fonts is None:
        return ""
    return (fonts.get(w("ascii")) or fonts.get(w("hAnsi")) or "").lower()


# --- package ----------------------------------------------------------------------------------------


def parse_docx(doc: FetchedDocument, opts: ParseOptions) -> ParsedDocument:
    """Parse a DOCX package into one Form (when it has fields) and its text."""
    return printform.parse_package(doc, opts, "docx", _parse)


def _parse(z: SafeZip, source: str, opts: ParseOptions) -> ParsedDocument:
    main = _main_part(z)
    data = z.read(main)
    if data is None:
        return _failed(source, f"DOCX has no {main} (not a Word document, or damaged)")
    problems: list[Problem] = []
    try:
        root = xml(data)
    except etree.XMLSyntaxError as exc:
        return _failed(source, f"{main} is not well-formed XML: {exc}")
    styles = _read_styles(z, problems, source)
    language = styles.language or opts.default_language
    title = _core_title(z)
    body = root.find(w("body"))
    walker = _Walker(source, main, styles, language)
    if body is not None:
        walker.body(body)
    fields, blocks = list(walker.fields), list(walker.blocks)
    for part in _header_footer_parts(z, main):
        raw = z.read(part)
        if raw is None:
            continue
        try:
            hroot = xml(raw)
        except etree.XMLSyntaxError as exc:
            problems.append(
                Problem(f"{part} is not well-formed XML: {exc}", Location(source, part=part))
            )
            continue
        hw = _Walker(source, part, styles, language)
        hw.body(hroot)
        fields.extend(hw.fields)
        blocks.extend(hw.blocks)
    notes = _related_parts(z, main, ("footnotes", "endnotes"))
    for kind in ("footnote", "endnote"):
        for part in notes[f"{kind}s"]:
            numbering = _note_numbering(z, root, kind)
            nf, nb = _read_notes(z, part, kind, root, numbering, source, styles, language, problems)
            fields.extend(nf)
            blocks.extend(nb)
    problems.extend(_comments_note(z, main, source))
    if title is None:
        heading = next((b for b in walker.blocks if b.scope == Scope.HEADING), None)
        if heading is not None:
            title = heading.text
    if title is not None:
        first = next((b for b in blocks if b.location.part == main), None)
        if first is not None and first.text == title and first.scope == Scope.HEADING:
            blocks.remove(first)  # the title reaches rules as Form.title; once is enough
    return printform.document_result(
        source=source,
        fmt="docx",
        kind="docx",
        location=Location(source=source, part=main),
        title=title,
        fields=fields,
        blocks=blocks,
        language=language,
        problems=problems,
        declared_language=styles.language,
    )


def _main_part(z: SafeZip) -> str:
    """The main document part named by the package relationships (word/document.xml usually)."""
    rels = z.read("_rels/.rels")
    if rels is not None:
        try:
            for rel in xml(rels).iter(f"{{{_REL}}}Relationship"):
                if rel.get("Type") == _OFFICE_DOC and rel.get("Target"):
                    target: str = rel.get("Target").lstrip("/")
                    if target in z:
                        return target
        except etree.XMLSyntaxError:
            pass
    return "word/document.xml"


def _header_footer_parts(z: SafeZip, main: str) -> list[str]:
    parts = _related_parts(z, main, ("header", "footer"))
    return sorted(parts["header"] + parts["footer"], key=lambda p: ("footer" in p, p))


def _related_parts(z: SafeZip, main: str, kinds: tuple[str, ...]) -> dict[str, list[str]]:
    """Internal parts the main part's relationships name, per relationship type (its last
    path segment: "header", "footnotes", "comments")."""
    out: dict[str, list[str]] = {k: [] for k in kinds}
    folder, _, name = main.rpartition("/")
    rels = z.read(f"{folder}/_rels/{name}.rels")
    if rels is None:
        return out
    try:
        root = xml(rels)
    except etree.XMLSyntaxError:
        return out
    for rel in root.iter(f"{{{_REL}}}Relationship"):
        kind = (rel.get("Type") or "").rpartition("/")[2]
        if kind in out and rel.get("TargetMode") != "External":
            target = rel.get("Target") or ""
            path = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
            if path not in out[kind]:
                out[kind].append(path)
    return out


# Word's own notes in every footnotes/endnotes part: the rule above the notes, its continuation
# across pages, and the "continued" notice. They hold no text a person wrote.
_SEPARATOR_NOTES = ("separator", "continuationSeparator", "continuationNotice")


# Word's numbering when a document names none: footnotes 1, 2, 3; endnotes i, ii, iii (the
# standard says decimal for both, Word differs for endnotes: MS-OI29500 2.1.306).
_NOTE_DEFAULT_FORMAT = {"footnote": "decimal", "endnote": "lowerRoman"}
_CHICAGO = ("*", "\u2020", "\u2021", "\u00a7")  # *, dagger, double dagger, section sign
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _note_numbering(z: SafeZip, main_root: Any, kind: str) -> tuple[str, int]:
    """(number format, first number) of ``kind`` notes as Word shows them: the last section's
    ``w:footnotePr``/``w:endnotePr``, else the document settings', else Word's defaults.
    (Numbering restarted per section or page is not followed: notes are counted through.)"""
    fmt: str | None = None
    start: int | None = None
    candidates = [main_root.find(f"{w('body')}/{w('sectPr')}/{w(kind + 'Pr')}")]
    raw = z.read("word/settings.xml")
    if raw is not None:
        with contextlib.suppress(etree.XMLSyntaxError):
            candidates.append(xml(raw).find(w(kind + "Pr")))
    for pr in candidates:
        if pr is None:
            continue
        num_fmt = pr.find(w("numFmt"))
        if fmt is None and num_fmt is not None and num_fmt.get(_VAL):
            fmt = num_fmt.get(_VAL)
        num_start = pr.find(w("numStart"))
        if start is None and num_start is not None:
            with contextlib.suppress(TypeError, ValueError):
                start = int(num_start.get(_VAL))
    return fmt or _NOTE_DEFAULT_FORMAT[kind], start if start is not None and start > 0 else 1


def _note_mark(n: int, fmt: str) -> str:
    """The mark a reader sees for note number ``n`` in Word's format ``fmt`` (formats other than
    these few are shown as decimal numbers, as Word does for ``bullet``)."""
    if fmt in ("lowerRoman", "upperRoman") and n < 4000:
        out = ""
        for value, letters in _ROMAN:
            while n >= value:
                out += letters
                n -= value
        return out.upper() if fmt == "upperRoman" else out
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # z, aa, bb: Word repeats
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "chicago":
        return _CHICAGO[(n - 1) % 4] * ((n - 1) // 4 + 1)
    return str(n)


def _read_notes(
    z: SafeZip,
    part: str,
    kind: str,
    main_root: Any,
    numbering: tuple[str, int],
    source: str,
    styles: _Styles,
    language: str | None,
    problems: list[Problem],
) -> tuple[list[Field], list[TextBlock]]:
    """Fields and text of the footnotes (or endnotes) part: each note is walked on its own, with
    components "footnote N, paragraph P" where N is the mark a reader sees (the note's place in
    the order of the references in the main document, in the document's numbering format)."""
    raw = z.read(part)
    if raw is None:
        return [], []
    try:
        root = xml(raw)
    except etree.XMLSyntaxError as exc:
        problems.append(
            Problem(f"{part} is not well-formed XML: {exc}", Location(source, part=part))
        )
        return [], []
    numbers: dict[str, int] = {}
    for ref in main_root.iter(w(f"{kind}Reference")):
        nid = ref.get(w("id"))
        if nid is not None and not _on_flag(ref.get(w("customMarkFollows"))):
            numbers.setdefault(nid, len(numbers) + 1)
    fields: list[Field] = []
    blocks: list[TextBlock] = []
    for note in root.findall(w(kind)):
        if note.get(w("type")) in _SEPARATOR_NOTES:
            continue
        nid = note.get(w("id")) or "?"
        fmt, start = numbering
        label = (
            f"{kind} {_note_mark(numbers[nid] + start - 1, fmt)}"
            if nid in numbers
            else f"{kind} id {nid}"
        )
        nw = _Walker(source, part, styles, language, prefix=f"{label}, ")
        nw.body(note)
        fields.extend(nw.fields)
        blocks.extend(nw.blocks)
    return fields, blocks


def _comments_note(z: SafeZip, main: str, source: str) -> list[Problem]:
    """Reviewers' comments are not form content (a citizen never sees them): they are not
    linted, and a note says that they exist."""
    out: list[Problem] = []
    for part in _related_parts(z, main, ("comments",))["comments"]:
        if part in z:
            out.append(
                Problem(
                    "reviewers' comments are not linted (not shown to people filling in the form)",
                    Location(source, part=part),
                    level="note",
                )
            )
    return out


def _read_styles(z: SafeZip, problems: list[Problem], source: str) -> _Styles:
    st = _Styles()
    raw = z.read("word/styles.xml")
    if raw is None:
        return st
    try:
        root = xml(raw)
    except etree.XMLSyntaxError as exc:
        problems.append(
            Problem(f"word/styles.xml is not well-formed XML: {exc}", Location(source), "note")
        )
        return st
    lang = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
    if lang is not None and lang.get(_VAL):
        st.language = normalise_language(lang.get(_VAL))
    based: dict[str, str] = {}
    for s in root.iter(w("style")):
        sid = s.get(w("styleId"))
        if not sid:
            continue
        if s.get(w("type")) == "paragraph" and s.get(w("default")) in ("1", "true", "on"):
            # the default paragraph style ("Normal") overrides docDefaults: a Norwegian Word
            # often keeps an en-US docDefaults under a nb-NO Normal style
            lang = s.find(f"{w('rPr')}/{w('lang')}")
            if lang is not None and lang.get(_VAL):
                st.language = normalise_language(lang.get(_VAL))
        name = s.find(w("name"))
        st.names[sid] = (name.get(_VAL) if name is not None else sid).lower()
        lvl = s.find(f"{w('pPr')}/{w('outlineLvl')}")
        if lvl is not None and lvl.get(_VAL, "9").isdigit() and int(lvl.get(_VAL, "9")) < 9:
            st.outline[sid] = int(lvl.get(_VAL, "9"))
        b = s.find(w("basedOn"))
        if b is not None and b.get(_VAL):
            based[sid] = b.get(_VAL)
    for sid in list(st.names):
        # "Overskrift 1 Kommune" based on "Heading 1" is a heading too
        seen = {sid}
        cur = based.get(sid)
        while cur and cur not in seen:
            seen.add(cur)
            if cur in st.outline or _HEADING_STYLE.search(st.names.get(cur, "")):
                st.outline.setdefault(sid, st.outline.get(cur, 0))
                break
            cur = based.get(cur)
    return st


def _core_title(z: SafeZip) -> str | None:
    raw = z.read("docProps/core.xml")
    if raw is None:
        return None
    try:
        el = xml(raw).find(f"{{{_DC}}}title")
    except etree.XMLSyntaxError:
        return None
    text = (el.text or "").strip() if el is not None else ""
    return text or None


def _failed(source: str, message: str) -> ParsedDocument:
    return printform.package_failed(source, "docx", message)
