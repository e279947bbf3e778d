"""XFA forms (Adobe LiveCycle / AEM Designer) inside PDFs: the template packet into the form model.

An XFA PDF keeps its form in XML packets under ``/AcroForm /XFA``. A *dynamic* XFA PDF has no
AcroForm fields at all (its one page only asks for a viewer that can render XFA), so without this
module such a form would be linted as an empty page. ``pdf.py`` hands over the packets; this module
only turns XML into ``Field``/``Option``/``TextBlock`` values and never sees pypdf.

What is read, from the ``template`` packet (its namespace differs per XFA version, so elements are
matched by local name):

* ``field``: caption (plain or rich ``exData`` text), ``assist/toolTip`` and ``assist/speak`` as
  accessible-name fallbacks, the kind from ``ui/*``, options from ``items`` (the first list is
  shown, a ``save="1"`` list holds the values), ``presence`` hidden/invisible/inactive, and
  ``validate nullTest="error"`` as required.
* ``exclGroup``: one radio question; each ``checkButton`` field in it is an option.
* a named ``subform`` holding only check boxes: one multiple-choice question.
* ``draw`` with text: the form's static prose.
* ``subform``/``area``/``pageSet``/``pageArea`` nesting: the SOM path that names a field in
  Designer's Hierarchy and script editor (``form1.Foresatt.morNavn``): that is the location's
  ``component`` and ``anchor``; hidden containers hide what they hold; ``locale`` is inherited.

Values from the ``datasets`` packet (or the template's own default ``value``) mark preselected
options; data is matched by name along the path of named containers, which is XFA's default
binding. Not read: scripts and calculations, dynamic instances (``occur``: one instance each),
explicit data bindings (``bind ref``), ``proto`` templates, data connections.

Parsing is safe for hostile files: no network, no DTD, no entity expansion, libxml2's default
depth and text-size limits; the caller caps the packets' size before they get here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from formlint.model import Field, FieldKind, Location, Option, Scope, TextBlock
from formlint.model.language import normalise_language
from formlint.parse.pdf_names import humanise_name

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)
_HIDDEN = frozenset({"hidden", "invisible", "inactive"})
# containers that name a step of a SOM path; subformSet is transparent in SOM
_NAMED = frozenset({"subform", "area", "pageSet", "pageArea", "exclGroup", "field", "draw"})
_TRANSPARENT = frozenset({"subformSet"})
_RICH_BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})
_VALUE_TAGS = frozenset(
    {"text", "integer", "decimal", "float", "date", "time", "dateTime", "boolean", "exData"}
)
_DEFAULT_FONT_PT = 10.0
_UNITS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "px": 0.75}
_NOT_OPERABLE = frozenset({"protected", "nonInteractive", "readOnly"})


class XfaError(ValueError):
    """The XFA packets could not be read; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class XfaForm:
    """What the template holds: fields and prose in document order, and the largest draw text."""

    fields: tuple[Field, ...]
    blocks: tuple[TextBlock, ...]
    language: str | None
    title: str | None


def parse_packets(
    packets: Sequence[tuple[str, bytes]],
    *,
    source: str,
    language: str | None,
    pages: Mapping[str, int] | None = None,
) -> XfaForm:
    """Read the XFA packets (``(name, xml)`` pairs in file order; one pair named ``""`` for a
    single-stream XDP) into fields and text blocks.

    ``language`` is the PDF's (or the default) language, used where the template has no
    ``locale``. ``pages`` maps AcroForm field names (``form1[0].Foresatt[0].morNavn[0]``) to
    pages: a static XFA PDF carries a widget per field, which is the only place a page is known.
    Raises ``XfaError`` when there is no template or it is not well-formed.
    """
    template, datasets = _template_and_data(packets)
    walker = _Walker(source, language, pages or {}, _data_root(datasets))
    root_locale = _locale(template)
    for child in _elements(template):
        if _local(child) in ("subform", "area"):
            walker.container(child, _Ctx(locale=root_locale or language), "subform")
    return XfaForm(
        fields=tuple(walker.fields),
        blocks=tuple(b for _, b in walker.blocks),
        language=walker.form_language or language,
        title=walker.title(),
    )


def parse_xml(data: bytes) -> etree._Element:
    """Parse XML with entities, DTDs and network off (no XXE or entity bombs)."""
    try:
        return etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        # lxml's message already ends "line L, column C"; str(exc) adds "(<string>, line L)"
        raise XfaError(f"not well-formed XML: {_first_line(exc.msg or str(exc))}") from None


# --- packets -------------------------------------------------------------------------------------------


def _template_and_data(
    packets: Sequence[tuple[str, bytes]],
) -> tuple[etree._Element, etree._Element | None]:
    """The template element and the datasets element (if any and readable).

    A packet array is the XDP document cut in pieces (``preamble`` opens ``<xdp:xdp>``,
    ``postamble`` closes it), so the joined packets are read first; if the join is broken (a bad
    ``config`` or ``datasets`` packet), the template packet is read on its own so its fields are
    not lost to another packet's fault.
    """
    if not packets:
        raise XfaError("the XFA entry holds no packets")
    template_packet = next((data for name, data in packets if name == "template"), None)
    whole: etree._Element | None = None
    error: XfaError | None = None
    try:
        whole = parse_xml(b"".join(data for _, data in packets))
    except XfaError as exc:
        error = exc
    if whole is not None:
        template = _find(whole, "template")
        if template is not None:
            return template, _find(whole, "datasets")
    if template_packet is None:
        if error is not None and len(packets) == 1:
            raise error
        raise XfaError("no template packet")
    template = parse_xml(template_packet)  # its own error names the template's problem
    if _local(template) != "template":
        raise XfaError(f"the template packet holds <{_local(template)}>, not <template>")
    data_packet = next((data for name, data in packets if name == "datasets"), None)
    datasets = None
    if data_packet is not None:
        try:
            datasets = parse_xml(data_packet)
        except XfaError:
            datasets = None  # values only mark preselected options; the fields stand without
    return template, datasets


def _find(root: etree._Element, name: str) -> etree._Element | None:
    if _local(root) == name:
        return root
    return next((el for el in _elements(root) if _local(el) == name), None)


# --- datasets ------------------------------------------------------------------------------------------


def _data_root(datasets: etree._Element | None) -> etree._Element | None:
    """``xfa:datasets/xfa:data``: the element whose children are the root subforms' data."""
    if datasets is None:
        return None
    return next((el for el in _elements(datasets) if _local(el) == "data"), None)


def _data_child(data: etree._Element | None, name: str, index: int) -> etree._Element | None:
    if data is None or not name:
        return None
    same = [el for el in _elements(data) if _local(el) == name]
    return same[index] if index < len(same) else None


def _data_values(data: etree._Element | None) -> list[str] | None:
    """A data node's value(s); a multi-select list keeps one child element per value."""
    if data is None:
        return None
    kids = list(_elements(data))
    if kids:
        return [v for v in (_plain(k) for k in kids) if v]
    return [(data.text or "").strip()]


# --- the template walk -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Ctx:
    """What a container passes down: its paths, inherited presence and locale, its data node."""

    som: tuple[str, ...] = ()  # readable SOM: named steps, [n] only when n > 0
    full: tuple[str, ...] = ()  # full SOM, as static XFA names its AcroForm fields
    hidden: bool = False
    locale: str | None = None
    data: etree._Element | None = None


@dataclass(slots=True)
class _Walker:
    source: str
    language: str | None
    pages: Mapping[str, int]
    data_root: etree._Element | None
    fields: list[Field] = field(default_factory=list)
    blocks: list[tuple[float, TextBlock]] = field(default_factory=list)
    form_language: str | None = None

    def container(self, el: etree._Element, ctx: _Ctx, tag: str, index: int = 0) -> None:
        """A subform (or area, pageSet, pageArea): its own step of the path, then its children."""
        name = el.get("name") or ""
        locale = _locale(el) or ctx.locale
        if self.form_language is None and tag == "subform" and not ctx.som and _locale(el):
            self.form_language = locale
        if not ctx.full:  # a root subform's data is the data root's child of that name
            data = _data_child(self.data_root, name, index)
        elif not name or _bind_none(el) or tag in ("pageSet", "pageArea"):
            data = ctx.data
        else:
            data = _data_child(ctx.data, name, index)
        inner = _Ctx(
            som=(*ctx.som, _step(name, index)) if name else ctx.som,
            full=(*ctx.full, _full_step(name, tag, index)),
            hidden=ctx.hidden or _is_hidden(el),
            locale=locale,
            data=data,
        )
        first = len(self.fields)
        self.children(el, inner)
        boxes = self.fields[first:]
        if name and len(boxes) > 1 and all(f.kind == FieldKind.CHECKBOX for f in boxes):
            self.fields[first:] = [self.checkbox_family(el, inner, boxes)]

    def checkbox_family(self, el: etree._Element, ctx: _Ctx, boxes: list[Field]) -> Field:
        """A named subform holding only check boxes (``Kjonn.Gutt``, ``Kjonn.Jente``) is one
        question with options, as ``pdf._checkbox_family`` reads the same shape in AcroForm."""
        som = ".".join(ctx.som)
        label, name_source = _label(el)
        return Field(
            kind=FieldKind.CHECKBOXES,
            location=Location(
                source=self.source,
                page=next((b.location.page for b in boxes if b.location.page), None),
                component=f"subform {som}",
                anchor=som,
            ),
            label=label or humanise_name(el.get("name") or "") or None,
            name=som,
            options=tuple(
                Option(
                    label=b.label or "",
                    value=b.options[0].value if b.options else None,
                    selected=bool(b.options and b.options[0].selected),
                    hidden=b.hidden,
                )
                for b in boxes
            ),
            required=any(b.required for b in boxes),
            hidden=all(b.hidden for b in boxes),
            language=ctx.locale,
            name_source=name_source,
            titled=bool(name_source),
        )

    def children(self, el: etree._Element, ctx: _Ctx) -> None:
        counts: dict[str, int] = {}
        for child in _elements(el):
            tag = _local(child)
            if tag in _TRANSPARENT:
                hidden = ctx.hidden or _is_hidden(child)
                self.children(child, _Ctx(ctx.som, ctx.full, hidden, ctx.locale, ctx.data))
                continue
            if tag not in _NAMED:
                continue  # proto, variables, event, script, occur, bind, … are not content
            name = child.get("name") or ""
            key = name or f"#{tag}"
            index = counts.get(key, 0)
            counts[key] = index + 1
            if tag == "field":
                f = self.field(child, ctx, index)
                if f is not None:
                    self.fields.append(f)
            elif tag == "exclGroup":
                self.fields.append(self.excl_group(child, ctx, index))
            elif tag == "draw":
                self.draw(child, ctx, index)
            else:
                self.container(child, ctx, tag, index)

    # --- fields ---------------------------------------------------------------------------------------

    def _location(self, el: etree._Element, ctx: _Ctx, tag: str, index: int) -> Location:
        name = el.get("name") or ""
        som = ".".join((*ctx.som, _step(name, index) if name else f"#{tag}[{index}]"))
        full = ".".join((*ctx.full, _full_step(name, tag, index)))
        return Location(
            source=self.source, page=self.pages.get(full), component=f"{tag} {som}", anchor=som
        )

    def field(self, el: etree._Element, ctx: _Ctx, index: int) -> Field | None:
        ui = _ui(el)
        if ui is not None and _local(ui) == "barcode":
            return None  # a barcode prints the data; nobody reads or fills it
        loc = self._location(el, ctx, "field", index)
        label, name_source = _label(el)
        tip = _assist(el, "toolTip")
        help_ = (tip,) if tip and name_source == "label" and _norm(tip) != _norm(label) else ()
        locale = _locale(el) or ctx.locale
        data = _data_child(ctx.data, el.get("name") or "", index) if not _bind_none(el) else None
        current = _data_values(data)
        if current is None:
            current = _template_values(el)
        common: dict[str, Any] = {
            "location": loc,
            "label": label or humanise_name(el.get("name") or "") or None,
            "name": loc.anchor,
            "help": help_,
            "required": _required(el),
            "hidden": ctx.hidden or _is_hidden(el),
            "disabled": el.get("access") in _NOT_OPERABLE,
            "language": locale,
            "name_source": name_source,
            # a caption, tooltip or speak text is what a screen reader reads for the field
            "titled": bool(name_source),
        }
        ui_tag = _local(ui) if ui is not None else "textEdit"
        if ui_tag == "choiceList":
            multi = ui is not None and ui.get("open") == "multiSelect"
            options = tuple(
                Option(label=disp, value=val, selected=val in current or disp in current)
                for disp, val in _items(el)
            )
            kind = FieldKind.MULTISELECT if multi else FieldKind.SELECT
            return Field(kind=kind, options=options, **common)
        if ui_tag == "checkButton":
            on = _on_value(el)
            box = Option(label=on, value=on, selected=on in current, hidden=True)
            return Field(kind=FieldKind.CHECKBOX, options=(box,), **common)
        kind = {
            "textEdit": FieldKind.TEXTAREA
            if ui is not None and ui.get("multiLine") == "1"
            else FieldKind.TEXT,
            "passwordEdit": FieldKind.TEXT,
            "numericEdit": FieldKind.NUMBER,
            "dateTimeEdit": FieldKind.DATE,
            "button": FieldKind.BUTTON,
            "signature": FieldKind.SIGNATURE,
        }.get(ui_tag, FieldKind.OTHER)
        return Field(kind=kind, **common)

    def excl_group(self, el: etree._Element, ctx: _Ctx, index: int) -> Field:
        """An exclusion group: one question (its caption, tooltip or name); each button an option."""
        loc = self._location(el, ctx, "exclGroup", index)
        name = el.get("name") or ""
        hidden = ctx.hidden or _is_hidden(el)
        data = _data_child(ctx.data, name, index) if not _bind_none(el) else None
        group_value = _data_values(data)
        options: list[Option] = []
        required = _required(el)
        for child in _elements(el):
            if _local(child) != "field":
                continue
            on = _on_value(child)
            text, _ = _label(child)
            if not text:
                text = on if re.search(r"[^\W\d_]", on) else humanise_name(child.get("name") or "")
            chosen = on in group_value if group_value is not None else on in _template_values(child)
            options.append(
                Option(
                    label=text or on,
                    value=on,
                    selected=chosen,
                    hidden=_is_hidden(child),
                )
            )
            required = required or _required(child)
        label, name_source = _label(el)
        return Field(
            kind=FieldKind.RADIO,
            location=loc,
            label=label or humanise_name(name) or None,
            name=loc.anchor,
            options=tuple(options),
            required=required,
            hidden=hidden,
            disabled=el.get("access") in _NOT_OPERABLE,
            language=_locale(el) or ctx.locale,
            name_source=name_source,
            titled=bool(name_source),
        )

    # --- prose ----------------------------------------------------------------------------------------

    def draw(self, el: etree._Element, ctx: _Ctx, index: int) -> None:
        value = _child(el, "value")
        if value is None:
            return
        paragraphs = [p for v in _elements(value) if _local(v) in _VALUE_TAGS for p in _lines(v)]
        if not paragraphs:
            return  # lines, rectangles, images and empty text boxes say nothing
        loc = self._location(el, ctx, "draw", index)
        hidden = ctx.hidden or _is_hidden(el)
        size = _font_size(el)
        language = _locale(el) or ctx.locale
        for text in paragraphs:
            self.blocks.append(
                (size, TextBlock(text, Scope.PARAGRAPH, loc, language, hidden=hidden))
            )

    def title(self) -> str | None:
        """The first visible draw in the largest font, when that stands out from the body text
        (as ``pdf._TitleProbe`` judges rendered text)."""
        shown = [(size, b.text) for size, b in self.blocks if not b.hidden]
        if not shown:
            return None
        weight: dict[float, int] = {}
        for size, text in shown:
            weight[size] = weight.get(size, 0) + len(text)
        body = max(weight, key=lambda k: weight[k])
        top = max(weight)
        if top < body * 1.15:
            return None
        title = next(text for size, text in shown if size == top)
        return title if len(title.split()) <= 15 else None


# --- element helpers -------------------------------------------------------------------------------------


def _elements(el: etree._Element) -> Iterator[etree._Element]:
    """Child elements only: entity references (never expanded) and the like are skipped."""
    return (c for c in el if isinstance(c.tag, str))


def _local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _child(el: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in _elements(el) if _local(c) == name), None)


def _step(name: str, index: int) -> str:
    return f"{name}[{index}]" if index else name


def _full_step(name: str, tag: str, index: int) -> str:
    return f"{name}[{index}]" if name else f"#{tag}[{index}]"


def _is_hidden(el: etree._Element) -> bool:
    return el.get("presence") in _HIDDEN


def _bind_none(el: etree._Element) -> bool:
    bind = _child(el, "bind")
    return bind is not None and bind.get("match") == "none"


def _locale(el: etree._Element) -> str | None:
    """``locale="nb_NO"`` (any namespace) as a language; ``ambient`` means "inherit"."""
    for key, value in el.attrib.items():
        if str(key).rsplit("}", 1)[-1] == "locale" and value and value != "ambient":
            return normalise_language(value)
    return None


def _ui(el: etree._Element) -> etree._Element | None:
    ui = _child(el, "ui")
    if ui is None:
        return None
    return next((c for c in _elements(ui) if _local(c) not in ("picture", "extras")), None)


def _required(el: etree._Element) -> bool:
    validate = _child(el, "validate")
    return validate is not None and validate.get("nullTest") == "error"


def _assist(el: etree._Element, what: str) -> str:
    assist = _child(el, "assist")
    part = _child(assist, what) if assist is not None else None
    return _plain(part) if part is not None else ""


def _label(el: etree._Element) -> tuple[str, str]:
    """The text people see or hear for a field or group, and where it came from.

    A visible caption is the label; without one, Acrobat reads the tooltip, then the speak text
    (Designer's default screen-reader order), and a hidden caption is better than nothing.
    """
    caption = _child(el, "caption")
    text = _caption_text(caption) if caption is not None else ""
    if text and not _is_hidden(caption):
        return text, "label"
    tip = _assist(el, "toolTip")
    if tip:
        return tip, "title"
    speak = _assist(el, "speak")
    if speak:
        return speak, "aria-label"
    return text, ""


def _caption_text(caption: etree._Element) -> str:
    value = _child(caption, "value")
    if value is None:
        return ""
    return " ".join(p for v in _elements(value) for p in _lines(v))


def _items(el: etree._Element) -> list[tuple[str, str]]:
    """(shown text, saved value) pairs: the first ``items`` is shown; one with ``save="1"`` holds
    the values (a lone ``items`` is both)."""
    lists = [c for c in _elements(el) if _local(c) == "items"]
    if not lists:
        return []
    shown = next((c for c in lists if c.get("save") != "1"), lists[0])
    saved = next((c for c in lists if c.get("save") == "1"), shown)
    texts = [_plain(c) for c in _elements(shown)]
    values = [_plain(c) for c in _elements(saved)]
    return [(t, values[k] if k < len(values) else t) for k, t in enumerate(texts)]


def _on_value(el: etree._Element) -> str:
    """A check button's on value: the first of its ``items`` (XFA's default is ``1``)."""
    items = _child(el, "items")
    first = next(_elements(items), None) if items is not None else None
    return _plain(first) if first is not None else "1"


def _template_values(el: etree._Element) -> list[str]:
    """The field's default ``value`` in the template (used when there is no data for it)."""
    value = _child(el, "value")
    if value is None:
        return []
    return [t for v in _elements(value) if (t := _plain(v))]


def _font_size(el: etree._Element) -> float:
    font = _child(el, "font")
    raw = (font.get("size") if font is not None else None) or ""
    m = re.fullmatch(r"\s*([\d.]+)\s*([a-z]*)\s*", raw)
    if not m:
        return _DEFAULT_FONT_PT
    try:
        return round(float(m.group(1)) * _UNITS.get(m.group(2) or "pt", 1.0), 1)
    except ValueError:
        return _DEFAULT_FONT_PT


def _lines(el: etree._Element) -> list[str]:
    """The paragraphs of a value element: plain ``text`` is one, rich ``exData`` (XHTML) one per
    block element."""
    out: list[list[str]] = [[]]

    def visit(node: etree._Element, depth: int) -> None:
        block = _local(node) in _RICH_BLOCKS
        if block:
            out.append([])
        if node.text:
            out[-1].append(node.text)
        for child in node:
            if isinstance(child.tag, str) and depth < 64:
                visit(child, depth + 1)
            if child.tail:
                out[-1].append(child.tail)
        if block:
            out.append([])

    visit(el, 0)
    return [t for t in (" ".join("".join(p).split()) for p in out) if t]


def _plain(el: etree._Element) -> str:
    return " ".join(_lines(el))


def _norm(text: str) -> str:
    return " ".join(text.lower().rstrip(" :*").split())


def _first_line(text: str) -> str:
    return (text.splitlines()[0] if text else "")[:200]
