"""ODT (OpenDocument text) forms into the form model.

LibreOffice forms keep their controls in ``office:forms`` and anchor each one in the text with a
``draw:control`` element. Paragraphs are rendered into lines with a marker where each control
sits (radio buttons and checkboxes as their glyph plus their own label), so the shared
``printform.Collector`` labels them from the text around them, exactly as for DOCX; radio buttons
of one group spread over several paragraphs are merged into one field. Read with lxml over
``ziputil.SafeZip`` (odfpy would read the zip without a size cap).

Locations: part ``content.xml``; ``paragraph N`` counts paragraphs and headings outside tables
(list items included), ``table T, row R, cell C`` as for DOCX; anchor is the control's
``form:name``.
"""

from __future__ import annotations

from collections.abc import Iterator
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
)
from formlint.model.language import normalise_language
from formlint.parse import printform
from formlint.parse.docx import xml
from formlint.parse.registry import ParseOptions
from formlint.parse.ziputil import SafeZip

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
FORM = "urn:oasis:names:tc:opendocument:xmlns:form:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
DC = "http://purl.org/dc/elements/1.1/"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PART = "content.xml"
_MAX_REPEAT = 64  # repeated empty cells/rows beyond this add nothing but work


def t(tag: str) -> str:
    return f"{{{TEXT}}}{tag}"


def tb(tag: str) -> str:
    return f"{{{TABLE}}}{tag}"


def fm(tag: str) -> str:
    return f"{{{FORM}}}{tag}"


_P, _H, _LIST, _TABLE = t("p"), t("h"), t("list"), tb("table")
_TRUE = ("true", "checked", "1")
_KINDS = {
    "text": FieldKind.TEXT,
    "password": FieldKind.TEXT,
    "formatted-text": FieldKind.TEXT,
    "textarea": FieldKind.TEXTAREA,
    "date": FieldKind.DATE,
    "time": FieldKind.TEXT,
    "number": FieldKind.NUMBER,
    "checkbox": FieldKind.CHECKBOX,
    "radio": FieldKind.RADIO,
    "listbox": FieldKind.SELECT,
    "combobox": FieldKind.SELECT,
    "file": FieldKind.FILE,
    "button": FieldKind.BUTTON,
    "image": FieldKind.BUTTON,
    "value-range": FieldKind.NUMBER,
    "generic-control": FieldKind.OTHER,
}


def parse_odt(doc: FetchedDocument, opts: ParseOptions) -> ParsedDocument:
    """Parse an ODT package into one Form (when it has fields) and its text."""
    return printform.parse_package(doc, opts, "odt", _parse)


def _parse(z: SafeZip, source: str, opts: ParseOptions) -> ParsedDocument:
    data = z.read(PART)
    if data is None:
        return _failed(source, "ODT has no content.xml (not an OpenDocument text, or damaged)")
    try:
        root = xml(data)
    except etree.XMLSyntaxError as exc:
        return _failed(source, f"{PART} is not well-formed XML: {exc}")
    problems: list[Problem] = []
    declared = _language(z)
    language = declared or opts.default_language
    title = _meta_title(z)
    text = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    controls, labels = _controls(root)
    walker = _Walker(source, language, controls, labels, _heading_styles(root))
    if text is not None:
        walker.body(text)
    walker.unanchored()
    fields, blocks = walker.fields, walker.blocks
    if title is None:
        heading = next((b for b in blocks if b.scope == Scope.HEADING), None)
        title = heading.text if heading is not None else None
    if (
        title is not None
        and blocks
        and blocks[0].text == title
        and blocks[0].scope == Scope.HEADING
    ):
        blocks = blocks[1:]  # the title reaches rules as Form.title; once is enough
    return printform.document_result(
        source=source,
        fmt="odt",
        kind="odt",
        location=Location(source=source, part=PART),
        title=title,
        fields=fields,
        blocks=blocks,
        language=language,
        problems=problems,
        declared_language=declared,
    )


# --- controls -----------------------------------------------------------------------------------------


def _controls(root: Any) -> tuple[dict[str, printform.Control], dict[str, str]]:
    """Every form control by id (``xml:id`` or the older ``form:id``), and the words of label
    controls (``form:fixed-text``, a group box's ``form:frame``), which are text, not fields."""
    out: dict[str, printform.Control] = {}
    labels: dict[str, str] = {}
    forms = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text/{{{OFFICE}}}forms")
    if forms is None:
        return out, labels
    for el in forms.iter(f"{{{FORM}}}*"):
        local = etree.QName(el).localname
        kind = _KINDS.get(local)
        cid = el.get(XML_ID) or el.get(fm("id"))
        if cid and local in ("fixed-text", "frame") and el.get(fm("label")):
            labels[cid] = printform.strip_markers(el.get(fm("label")))
            continue
        if kind is None or not cid:
            continue
        name = el.get(fm("name"))
        title = el.get(fm("title"))
        label = el.get(fm("label"))
        ctl = printform.Control(kind=kind, name=name, alias=title)
        if local == "checkbox":
            state = el.get(fm("current-state")) or el.get(fm("state")) or ""
            ctl.checked = state in _TRUE
            ctl.value = el.get(fm("value")) or label
            ctl.text = label
        elif local == "radio":
            sel = el.get(fm("current-selected")) or el.get(fm("selected")) or ""
            ctl.checked = sel in _TRUE
            ctl.value = el.get(fm("value")) or label
            ctl.text = label
            parent = el.getparent()
            form_id = parent.get(fm("name")) if parent is not None else ""
            ctl.group = f"{form_id}/{name}"
            ctl.options = (Option(label=label or "", value=ctl.value, selected=ctl.checked),)
        elif local == "listbox":
            if el.get(fm("multiple")) in _TRUE:
                ctl.kind = FieldKind.MULTISELECT
            ctl.options = tuple(
                Option(
                    label=o.get(fm("label")) or "",
                    value=o.get(fm("value")),
                    selected=(o.get(fm("current-selected")) or o.get(fm("selected")) or "")
                    in _TRUE,
                )
                for o in el.iter(fm("option"))
            )
        elif local == "combobox":
            current = el.get(fm("current-value")) or el.get(fm("value"))
            ctl.options = tuple(
                Option(
                    label=i.get(fm("label")) or "",
                    selected=bool(current) and current == i.get(fm("label")),
                )
                for i in el.iter(fm("item"))
            )
        elif local in ("text", "textarea", "formatted-text") and label:
            ctl.placeholder = label
        out[cid] = ctl
    return out, labels


# --- text ---------------------------------------------------------------------------------------------


class _Walker(printform.Collector):
    """Walks ``office:text`` in document order."""

    def __init__(
        self,
        source: str,
        language: str | None,
        controls: dict[str, printform.Control],
        labels: dict[str, str],
        heading_styles: set[str],
    ) -> None:
        super().__init__(source, PART, language)
        self.controls = controls
        self.labels = labels
        self.heading_styles = heading_styles
        self.anchored: set[str] = set()
        self.paragraphs = 0
        self.tables = 0

    def body(self, container: Any) -> None:
        pending: list[printform.Line] = []
        for el, scope in self._blocks(container, Scope.PARAGRAPH):
            if el.tag == _TABLE:
                self.emit(pending)
                pending = []
                self.table(el)
            else:
                self.paragraphs += 1
                pending.extend(self._lines(el, f"paragraph {self.paragraphs}", scope))
        self.emit(pending)
        self.finish()

    def _blocks(self, container: Any, scope: Scope) -> Iterator[tuple[Any, Scope]]:
        for el in container:
            tag = el.tag
            if tag == _P:
                yield el, (Scope.HEADING if self._is_heading(el) else scope)
            elif tag == _H:
                yield el, Scope.HEADING
            elif tag == _TABLE:
                yield el, scope
            elif tag == _LIST:
                for item in el:
                    yield from self._blocks(item, Scope.LIST_ITEM)
            elif tag == t("section") and el.get(t("display")) == "none":
                continue  # a hidden section is not shown to people
            elif tag in (t("section"), t("index-body"), t("list-header"), t("list-item")):
                yield from self._blocks(el, scope)
            elif tag in (t("table-of-content"), t("alphabetical-index"), t("illustration-index")):
                body = el.find(t("index-body"))
                if body is not None:
                    yield from self._blocks(body, scope)

    def _is_heading(self, p: Any) -> bool:
        return p.get(t("style-name"), "") in self.heading_styles

    def table(self, tbl: Any) -> None:
        self.tables += 1
        n = self.tables
        rows: list[list[tuple[str, list[printform.Line]]]] = []
        nested: list[Any] = []
        for r, tr in enumerate(_rows(tbl), start=1):
            row: list[tuple[str, list[printform.Line]]] = []
            for c, tc in enumerate(_cells(tr), start=1):
                comp = f"table {n}, row {r}, cell {c}"
                lines: list[printform.Line] = []
                for el, scope in self._blocks(tc, Scope.TABLE_CELL):
                    if el.tag == _TABLE:
                        nested.append(el)
                    else:
                        lines.extend(self._lines(el, comp, scope))
                row.append((comp, lines))
            rows.append(row)
        self.table_rows(rows)
        for el in nested:
            self.table(el)

    def _lines(self, p: Any, component: str, scope: Scope) -> list[printform.Line]:
        parts: list[str] = []
        controls: list[printform.Control] = []
        boxes: list[Any] = []
        self._render(p, parts, controls, boxes, top=True)
        text = "".join(parts)
        out = [
            printform.Line(line, component, scope, controls)
            for line in text.split("\n")
            if line.strip()
        ]
        for box in boxes:
            out.extend(self._lines(box, f"{component}, text box", scope))
        return out

    def _render(
        self,
        el: Any,
        parts: list[str],
        controls: list[printform.Control],
        boxes: list[Any],
        *,
        top: bool = False,
    ) -> None:
        """Append the visible text of ``el`` (and, unless ``top``, its tail)."""
        tag = el.tag
        if not top:
            if tag == t("s"):
                parts.append(" " * min(_count(el.get(t("c"))), 20))
            elif tag == t("tab"):
                parts.append(" ")
            elif tag == t("line-break"):
                parts.append("\n")
            elif tag == f"{{{DRAW}}}control":
                self._control(el.get(f"{{{DRAW}}}control") or "", parts, controls)
            elif tag == f"{{{DRAW}}}frame":
                boxes.extend(el.iter(_P, _H))
            elif tag in (
                t("note"),
                t("hidden-text"),
                t("hidden-paragraph"),
                f"{{{OFFICE}}}annotation",
                t("tracked-changes"),
            ):
                pass  # footnote bodies, hidden text and comments are not part of the line
            else:
                self._inner(el, parts, controls, boxes)
            if el.tail:
                parts.append(printform.strip_markers(el.tail))
            return
        self._inner(el, parts, controls, boxes)

    def _inner(
        self, el: Any, parts: list[str], controls: list[printform.Control], boxes: list[Any]
    ) -> None:
        # private-use characters (symbol and icon fonts) would read as control markers
        if el.text:
            parts.append(printform.strip_markers(el.text))
        for child in el:
            if isinstance(child.tag, str):
                self._render(child, parts, controls, boxes)
            elif child.tail:
                parts.append(printform.strip_markers(child.tail))

    def _control(self, cid: str, parts: list[str], controls: list[printform.Control]) -> None:
        if cid in self.labels:
            parts.append(f" {self.labels[cid]} ")  # a label control: its words are text
            return
        ctl = self.controls.get(cid)
        if ctl is None or ctl.kind in (FieldKind.BUTTON, FieldKind.HIDDEN):
            return
        idx = len(controls)
        if printform.MARKER_BASE + idx > printform.MARKER_LIMIT:
            return
        self.anchored.add(cid)
        controls.append(ctl)
        m = printform.marker(idx)
        if ctl.kind in (FieldKind.CHECKBOX, FieldKind.RADIO):
            # the control draws its own label next to the box
            parts.append(f" {'☒' if ctl.checked else '☐'}{m} {ctl.text or ''} ")
        else:
            parts.append(f" {m} ")

    def unanchored(self) -> None:
        """Controls defined in office:forms but placed nowhere in the text: still fields."""
        for cid, ctl in self.controls.items():
            if cid in self.anchored or ctl.kind in (FieldKind.BUTTON, FieldKind.HIDDEN):
                continue
            label = ctl.alias or ctl.text or ctl.name
            comp = f"form control {ctl.name or cid}"
            self._add(
                Field(
                    kind=ctl.kind,
                    location=self._loc(comp, ctl.name),
                    label=label,
                    name=ctl.name,
                    options=ctl.options,
                    language=self.language,
                    name_source="title" if ctl.alias else "",
                ),
                [ctl],
            )
        self.finish()


def _rows(tbl: Any) -> Iterator[Any]:
    for el in tbl:
        if el.tag == tb("table-row"):
            for _ in range(min(_count(el.get(tb("number-rows-repeated"))), _MAX_REPEAT)):
                yield el
        elif el.tag in (tb("table-header-rows"), tb("table-rows"), tb("table-row-group")):
            yield from _rows(el)


def _cells(tr: Any) -> Iterator[Any]:
    for el in tr:
        if el.tag == tb("table-cell"):
            for _ in range(min(_count(el.get(tb("number-columns-repeated"))), _MAX_REPEAT)):
                yield el
        elif el.tag == tb("covered-table-cell"):
            continue


def _count(value: str | None) -> int:
    """A repeat count attribute; anything unreadable counts once."""
    return int(value) if value and value.isdigit() else 1


def _heading_styles(root: Any) -> set[str]:
    """Automatic paragraph styles derived from Title/Heading styles (a text:p styled as one)."""
    out: set[str] = set()
    for s in root.iter(f"{{{STYLE}}}style"):
        parent = s.get(f"{{{STYLE}}}parent-style-name") or ""
        name = s.get(f"{{{STYLE}}}name") or ""
        for n in (name, parent):
            if n.split("_")[0] in ("Title", "Heading") or n.startswith(("Heading", "Title")):
                out.add(name)
    return out | {"Title", "Heading"}


def _language(z: SafeZip) -> str | None:
    """fo:language/fo:country of the default paragraph style, else meta.xml's dc:language."""
    raw = z.read("styles.xml")
    if raw is not None:
        try:
            root = xml(raw)
        except etree.XMLSyntaxError:
            root = None
        if root is not None:
            for ds in root.iter(f"{{{STYLE}}}default-style", f"{{{STYLE}}}style"):
                if ds.tag == f"{{{STYLE}}}style" and ds.get(f"{{{STYLE}}}name") != "Standard":
                    continue
                tp = ds.find(f"{{{STYLE}}}text-properties")
                lang = tp.get(f"{{{FO}}}language") if tp is not None else None
                if lang and lang != "zxx":
                    return normalise_language(lang)
    meta = z.read("meta.xml")
    if meta is not None:
        try:
            el = next(xml(meta).iter(f"{{{DC}}}language"), None)
        except etree.XMLSyntaxError:
            el = None
        if el is not None and el.text:
            return normalise_language(el.text)
    return None


def _meta_title(z: SafeZip) -> str | None:
    raw = z.read("meta.xml")
    if raw is None:
        return None
    try:
        el = next(xml(raw).iter(f"{{{DC}}}title"), None)
    except etree.XMLSyntaxError:
        return None
    text = (el.text or "").strip() if el is not None else ""
    return text or None


def _failed(source: str, message: str) -> ParsedDocument:
    return printform.package_failed(source, "odt", message)
