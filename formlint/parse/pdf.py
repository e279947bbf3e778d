"""PDF forms: AcroForm or XFA fields, or print-and-fill text, into the form model.

Municipal PDFs come in three kinds: fillable AcroForms (fields with names, tooltips and export
values), XFA forms from LiveCycle/AEM Designer (fields in XML packets, read by ``parse/xfa.py``),
and scanned-in-spirit print forms whose "fields" are underscores and checkbox glyphs in the page
text. All become one ``Form`` so rules need not know which it was. Every failure (an
encrypted or truncated file, a broken page) becomes a ``Problem``; nothing raises.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from io import BytesIO
from typing import TYPE_CHECKING, Any

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
from formlint.parse.pdf_names import humanise_name
from formlint.parse.registry import ParseOptions

if TYPE_CHECKING:
    from formlint.parse.xfa import XfaForm

# Field flags (PDF 32000-1, tables 221, 226, 228, 230)
_FF_REQUIRED = 1 << 1
_FF_MULTILINE = 1 << 12
_FF_RADIO = 1 << 15
_FF_PUSHBUTTON = 1 << 16
_FF_COMBO = 1 << 17
_FF_MULTISELECT = 1 << 21
_ANNOT_HIDDEN = 1 << 1
_MAX_FIELD_DEPTH = 32
_MAX_XFA_PACKETS = 256
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")
_CATALOG = re.compile(
    rb"(\d+)\s+(\d+)\s+obj\s*<<(?:(?!endobj).){0,4000}?/Type\s*/Catalog", re.DOTALL
)
_PLACEHOLDER_TITLES = frozenset({"untitled", "anonymous", "uten tittel", "dokument1", "document1"})


@dataclass(slots=True)
class _Acc:
    """Inherited field attributes while walking the /Fields tree."""

    name: str = ""
    ft: str | None = None
    ff: int = 0
    v: Any = None
    dv: Any = None
    opt: Any = None
    tu: str | None = None


@dataclass(slots=True)
class _PdfState:
    source: str
    problems: list[Problem] = field(default_factory=list)
    widget_pages: dict[int, int] = field(default_factory=dict)  # widget idnum -> page (1-based)
    page_ids: dict[int, int] = field(default_factory=dict)  # page object idnum -> page (1-based)


def parse_pdf(doc: FetchedDocument, opts: ParseOptions) -> ParsedDocument:
    """Parse a PDF into one Form (AcroForm or print-and-fill) and its page text."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    with warnings.catch_warnings():
        # pypdf warns (and logs) about every oddity of real-world files; they are not ours to
        # raise, and a damaged file is reported once, as a Problem
        warnings.simplefilter("ignore")
        logger.setLevel(logging.CRITICAL)
        try:
            return _parse(doc, opts)
        except RecursionError:
            return _failed(doc.source, "PDF objects nested too deeply to read")
        except Exception as exc:  # pypdf on hostile input: never end a run over one file
            return _failed(doc.source, f"PDF could not be read: {_short(exc)}")
        finally:
            logger.setLevel(level)


def _parse(doc: FetchedDocument, opts: ParseOptions) -> ParsedDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    source = doc.source
    st = _PdfState(source)
    doc_loc = Location(source=source)
    read_errors = (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError)
    try:
        reader = PdfReader(BytesIO(doc.body), strict=False)
    except read_errors as exc:
        salvaged = _salvage(doc.body)
        if salvaged is None:
            return _failed(source, f"not a readable PDF (truncated or corrupt?): {_short(exc)}")
        reader = salvaged
        st.problems.append(
            Problem(
                "damaged PDF (truncated? no cross-reference table or trailer); "
                "read what could be recovered",
                doc_loc,
            )
        )
    if reader.is_encrypted:
        err = _decrypt(reader)
        if err:
            return _failed(source, err)
    try:
        n_pages = len(reader.pages)
    except Exception as exc:  # a broken page tree: nothing to read at all
        return _failed(source, f"not a readable PDF (truncated or corrupt?): {_short(exc)}")
    if n_pages == 0:
        return _failed(source, "PDF has no readable pages (truncated or corrupt?)")
    pages_read = min(n_pages, opts.max_pdf_pages)
    if n_pages > pages_read:
        st.problems.append(
            Problem(
                f"PDF has {n_pages} pages; read only the first {pages_read} (max_pdf_pages)",
                doc_loc,
                level="note",
            )
        )

    root = _safe(lambda: reader.trailer["/Root"].get_object(), None)
    lang = _text(_safe(lambda: root.get("/Lang"), None))
    declared = normalise_language(lang)
    language = declared or opts.default_language
    tagged = _safe(lambda: _is_tagged(root), False)
    info = _safe(lambda: reader.metadata, None)
    title = _meta_title(_safe(lambda: info.get("/Title"), None) if info is not None else None)

    st.widget_pages = _widget_pages(reader, pages_read, st)
    acro_fields = _acroform_fields(root, st, language)
    xfa_form = _xfa(root, st, language, acro_fields, opts)
    if xfa_form is not None:
        language = xfa_form.language
    # see _xfa: XFA fields win over AcroForm ones; without AcroForm fields (dynamic XFA) the page
    # holds no form, and the template's draws are the prose
    xfa_fields = xfa_form is not None and bool(xfa_form.fields)
    fields = list(xfa_form.fields) if xfa_form is not None and xfa_fields else acro_fields
    acro = bool(fields)
    dynamic = xfa_form is not None and not acro_fields
    skip_page_text = dynamic and _safe(lambda: bool(root.get("/NeedsRendering")), False)

    probe = _TitleProbe()
    pages: list[tuple[int, list[str]]] = []
    for index in range(0 if skip_page_text else pages_read):
        page_no = index + 1
        try:
            page = reader.pages[index]
            text = (
                page.extract_text(visitor_text=probe) if index == 0 else page.extract_text()
            ) or ""
        except Exception as exc:  # one broken page must not hide the others
            st.problems.append(
                Problem(
                    f"text of page {page_no} could not be read: {_short(exc)}",
                    Location(source=source, page=page_no),
                )
            )
            continue
        # private-use characters (icon fonts) carry no text and would read as control markers
        pages.append((page_no, [printform.strip_markers(ln).strip() for ln in text.splitlines()]))

    if acro and not xfa_fields:
        fields = _printed_option_labels(fields, pages)
    # the printed words next to a widget are usually its tooltip or option again: keep them once,
    # in the field, or every finding on a label would be reported twice
    field_words = {
        _norm(t)
        for f in fields
        for t in (f.label, f.legend, *(o.label for o in f.visible_options()))
        if t
    }
    blocks: list[TextBlock] = []
    if dynamic and xfa_form is not None:
        blocks.extend(xfa_form.blocks)
        field_words |= {_norm(b.text) for b in xfa_form.blocks}
    print_fields: list[Field] = []
    first_line: tuple[str, int] | None = None
    for page_no, lines in pages:
        if acro or xfa_form is not None:
            prose = [(k, ln) for k, ln in enumerate(lines) if ln and _norm(ln) not in field_words]
        else:
            rec = printform.recognise(lines)
            for pf in rec.fields:
                print_fields.append(
                    pf.to_field(
                        Location(source=source, page=page_no, component=f"line {pf.line + 1}"),
                        language=language,
                    )
                )
            prose = list(rec.prose)
        for chunk in _paragraphs(prose):
            if first_line is None:
                first_line = (chunk, page_no)
            blocks.append(
                TextBlock(chunk, Scope.PARAGRAPH, Location(source=source, page=page_no), language)
            )

    if dynamic and xfa_form is not None:
        # a dynamic form's page is a placeholder ("Please wait..."), never its title
        title = title or xfa_form.title
    elif title is None:
        # no usable /Title: the largest text on page 1, else its first line
        title = probe.title()
        if title is None and first_line is not None and len(first_line[0].split()) <= 12:
            title = first_line[0]
    if title is not None:
        same = next(
            (
                b
                for b in blocks
                if b.location.page in (1, None) and b.text == title and not b.hidden
            ),
            None,
        )
        if same is not None:
            blocks.remove(same)  # the title reaches rules as Form.title; once is enough
    all_fields = tuple(fields) if acro or xfa_form is not None else tuple(print_fields)
    metadata = {"pages": n_pages, "pages_read": pages_read}
    return printform.document_result(
        source=source,
        fmt="pdf",
        kind="pdf-xfa" if xfa_fields else "pdf-acroform" if acro else "pdf-print",
        location=doc_loc,
        title=title,
        fields=all_fields,
        blocks=blocks,
        language=language,
        problems=st.problems,
        metadata=metadata,
        declared_language=declared,
        tagged=tagged,
    )


def _is_tagged(root: Any) -> bool:
    """A tagged PDF: its catalog marks it (``/MarkInfo << /Marked true >>``) and holds the
    structure tree (``/StructTreeRoot``) that gives assistive technology headings, lists,
    tables and reading order."""
    mark = root.get("/MarkInfo")
    mark = mark.get_object() if mark is not None else None
    marked = bool(mark.get("/Marked")) if isinstance(mark, dict) else False
    return marked and root.get("/StructTreeRoot") is not None


class _TitleProbe:
    """A pypdf text visitor for page 1 that remembers text by its rendered size.

    A form's title is the largest text near the top; the first line is often the municipality's
    name in small print ("Trondheim kommune") above it.
    """

    def __init__(self) -> None:
        self.runs: list[tuple[float, str]] = []

    def __call__(self, text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if len(self.runs) > 2000 or not text.strip():
            return
        try:
            scale = abs(float(tm[3]) * float(cm[3])) or 1.0
            self.runs.append((round(float(size) * scale, 1), text))
        except (TypeError, ValueError, IndexError):
            return

    def title(self) -> str | None:
        if not self.runs:
            return None
        weight: dict[float, int] = {}
        for size, text in self.runs:
            weight[size] = weight.get(size, 0) + len(text)
        body = max(weight, key=lambda k: weight[k])
        top = max(weight)
        if top < body * 1.15:
            return None  # one size throughout: nothing stands out as a title
        parts: list[str] = []
        for size, text in self.runs:
            if size == top:
                parts.append(text)
            elif parts:
                break  # the first block of the largest size only
        title = " ".join(" ".join(parts).split())
        words = len(title.split())
        return title if 0 < words <= 15 and re.search(r"[^\W\d_]", title) else None


def _salvage(body: bytes) -> Any:
    """A reader for a PDF whose end (xref table, trailer) is missing, or None.

    A download cut short keeps its first objects; a synthetic trailer naming the last catalog lets
    pypdf rebuild the cross-reference table by scanning, so the pages that arrived can be read.
    """
    from pypdf import PdfReader

    catalogs = list(_CATALOG.finditer(body))
    if not catalogs:
        return None
    root = catalogs[-1].group(1) + b" " + catalogs[-1].group(2)
    patched = body + b"\ntrailer\n<< /Root " + root + b" R >>\nstartxref\n0\n%%EOF\n"
    try:
        reader = PdfReader(BytesIO(patched), strict=False)
        _ = len(reader.pages)
    except Exception:  # beyond repair
        return None
    return reader


def _meta_title(value: Any) -> str | None:
    """The /Title entry unless it is a generator's placeholder or a file name."""
    title = _text(value).strip() if value is not None else ""
    if not title or title.lower() in _PLACEHOLDER_TITLES:
        return None
    if re.search(r"\.(?:docx?|odt|pdf|rtf|indd|xlsx?)$", title, re.IGNORECASE):
        return None
    return title.removeprefix("Microsoft Word - ").strip() or None


def _decrypt(reader: Any) -> str | None:
    """Try the empty user password (many "protected" forms only restrict printing)."""
    from pypdf.errors import DependencyError, PdfReadError

    try:
        result = reader.decrypt("")
    except DependencyError:
        return "encrypted PDF needs the cryptography package to be read"
    except (PdfReadError, NotImplementedError, ValueError, KeyError, TypeError) as exc:
        return f"encrypted PDF, cannot read: {_short(exc)}"
    if not result:
        return "encrypted PDF, cannot read without a password"
    return None


# --- XFA ------------------------------------------------------------------------------------------


def _xfa(
    root: Any, st: _PdfState, language: str | None, acro_fields: list[Field], opts: ParseOptions
) -> XfaForm | None:
    """The XFA form (``xfa.XfaForm``) of a PDF that has one, else None.

    Which fields win: XFA's. Acrobat renders an XFA PDF from its template, so captions, exclusion
    groups, item texts and hidden/required states come from there; a *static* XFA PDF also has
    AcroForm widgets (named by the full SOM path, ``form1[0].Foresatt[0].morNavn[0]``), and they
    only lend their page numbers, so no field is counted twice. The page text of a static form is
    what it prints and stays the prose (the draws would repeat it, wrapped differently); a
    *dynamic* form's page is a placeholder, so its draws are the prose and its page text is skipped
    when the catalog says ``/NeedsRendering``. A template that cannot be read gives one problem:
    an error when nothing else holds the fields, a note when the AcroForm fields were read instead.
    """
    from formlint.parse import xfa

    acro = _safe(lambda: root["/AcroForm"].get_object(), None) if root is not None else None
    entry = _safe(lambda: acro.get("/XFA"), None) if acro is not None else None
    if entry is None:
        return None
    pages = {f.name: f.location.page for f in acro_fields if f.name and f.location.page}
    try:
        packets = _xfa_packets(entry, opts.max_decompressed_bytes)
        return xfa.parse_packets(packets, source=st.source, language=language, pages=pages)
    except xfa.XfaError as exc:
        reason = str(exc)
    except RecursionError:
        reason = "nested too deeply"
    except Exception as exc:  # pypdf on a hostile stream: the page text is still worth reading
        reason = _short(exc)
    instead = (
        "its AcroForm fields were read instead" if acro_fields else "only the page text was read"
    )
    st.problems.append(
        Problem(
            f"XFA form could not be read ({reason}); {instead}",
            Location(source=st.source),
            level="note" if acro_fields else "error",
        )
    )
    return None


def _xfa_packets(entry: Any, max_bytes: int) -> list[tuple[str, bytes]]:
    """``/XFA`` as (packet name, bytes): one stream is the whole XDP (name ``""``); an array
    alternates names and streams. The decoded size is capped like a zip's (pypdf also caps each
    stream's decompression)."""
    from formlint.parse.xfa import XfaError

    obj = entry.get_object() if hasattr(entry, "get_object") else entry
    if hasattr(obj, "get_data"):
        items: list[tuple[str, Any]] = [("", obj)]
    elif isinstance(obj, list):
        if len(obj) > 2 * _MAX_XFA_PACKETS:
            raise XfaError(f"{len(obj) // 2} XFA packets (limit {_MAX_XFA_PACKETS})")
        items = [(_text(obj[k]), obj[k + 1]) for k in range(0, len(obj) - 1, 2)]
    else:
        raise XfaError("the XFA entry is neither a stream nor an array of packets")
    out: list[tuple[str, bytes]] = []
    total = 0
    for name, ref in items:
        stream = ref.get_object() if hasattr(ref, "get_object") else ref
        if not hasattr(stream, "get_data"):
            raise XfaError(f"XFA packet {name!r} is not a stream")
        data = stream.get_data()
        total += len(data)
        if total > max_bytes:
            mib = max_bytes / (1024 * 1024)
            limit = f"{mib:.1f} MiB" if mib >= 1 else f"{max_bytes} bytes"
            raise XfaError(f"packets larger than {limit}, the max_decompressed_bytes limit")
        out.append((name, data))
    return out


# --- AcroForm -------------------------------------------------------------------------------------


def _widget_pages(reader: Any, pages_read: int, st: _PdfState) -> dict[int, int]:
    out: dict[int, int] = {}
    for index in range(pages_read):
        ref = _safe(lambda i=index: reader.pages[i].indirect_reference, None)
        if ref is not None:
            st.page_ids[ref.idnum] = index + 1
        annots = _safe(lambda i=index: reader.pages[i].get("/Annots"), None)
        annots = _safe(lambda a=annots: a.get_object() if a is not None else None, None)
        if not annots:
            continue
        for ref in annots:
            idnum = getattr(ref, "idnum", None)
            if idnum is not None:
                out.setdefault(idnum, index + 1)
    return out


def _acroform_fields(root: Any, st: _PdfState, language: str | None) -> list[Field]:
    acro = _safe(lambda: root["/AcroForm"].get_object(), None) if root is not None else None
    if acro is None:
        return []
    top = _safe(lambda: acro["/Fields"].get_object(), None)
    if not top:
        return []
    out: list[Field] = []
    seen: set[int] = set()
    for ref in top:
        try:
            out.extend(_walk_field(ref, _Acc(), st, language, seen, 0))
        except Exception as exc:  # one malformed field must not hide the rest
            st.problems.append(
                Problem(f"a form field could not be read: {_short(exc)}", Location(st.source))
            )
    return out


def _walk_field(
    ref: Any, parent: _Acc, st: _PdfState, language: str | None, seen: set[int], depth: int
) -> Iterator[Field]:
    idnum = getattr(ref, "idnum", None)
    if idnum is not None:
        if idnum in seen or depth > _MAX_FIELD_DEPTH:
            return  # reference cycle in a broken file
        seen.add(idnum)
    obj = ref.get_object()
    acc = _Acc(
        name=parent.name,
        ft=parent.ft,
        ff=parent.ff,
        v=parent.v,
        dv=parent.dv,
        opt=parent.opt,
        tu=parent.tu,
    )
    t = obj.get("/T")
    if t is not None:
        part = _text(t)
        acc.name = f"{parent.name}.{part}" if parent.name else part
        acc.tu = None  # a tooltip belongs to the field that carries it, not to its children
    if "/FT" in obj:
        acc.ft = str(obj["/FT"])
    if "/Ff" in obj:
        acc.ff = _int(obj["/Ff"])
    for key, attr in (("/V", "v"), ("/DV", "dv"), ("/Opt", "opt")):
        if key in obj:
            setattr(
                acc, attr, obj[key].get_object() if hasattr(obj[key], "get_object") else obj[key]
            )
    if "/TU" in obj:
        acc.tu = _text(obj["/TU"]).strip() or None
    kids = obj.get("/Kids")
    kids = kids.get_object() if kids is not None else None
    if kids:
        field_kids = [k for k in kids if "/T" in k.get_object()]
        if field_kids:
            children = [f for k in kids for f in _walk_field(k, acc, st, language, seen, depth + 1)]
            family = len(children) > 1 and all(f.kind == FieldKind.CHECKBOX for f in children)
            if t is not None and family:
                yield _checkbox_family(acc, children)
                return
            yield from children
            return
        yield _make_field(acc, [k.get_object() for k in kids], list(kids), st, language)
        return
    yield _make_field(acc, [obj], [ref], st, language)


def _make_field(
    acc: _Acc, widgets: list[Any], refs: list[Any], st: _PdfState, language: str | None
) -> Field:
    page = None
    for w, r in zip(widgets, refs, strict=False):
        page = st.widget_pages.get(getattr(r, "idnum", -1))
        if page is None:  # not in any page's /Annots: trust the widget's own /P
            page = st.page_ids.get(getattr(w.get("/P"), "idnum", -1))
        if page is not None:
            break
    hidden = all(_int(w.get("/F", 0)) & _ANNOT_HIDDEN for w in widgets)
    loc = Location(source=st.source, page=page, component=f"field {acc.name}", anchor=acc.name)
    label = acc.tu or humanise_name(acc.name.rsplit(".", 1)[-1]) or None
    common: dict[str, Any] = {
        "location": loc,
        "label": label,
        "name": acc.name or None,
        "required": bool(acc.ff & _FF_REQUIRED),
        "hidden": hidden,
        "language": language,
        "name_source": "title" if acc.tu else "",
        "titled": acc.tu is not None,
    }
    ft = acc.ft
    if ft == "/Btn":
        if acc.ff & _FF_PUSHBUTTON:
            return Field(kind=FieldKind.BUTTON, **common)
        states = _on_states(widgets)
        current = _name(acc.v) or _name(acc.dv)
        labels = _opt_labels(acc.opt)
        # each button of a group may carry its own tooltip: the words a screen reader says
        tips = _widget_tips(widgets) if len(widgets) > 1 else {}
        options = tuple(
            Option(
                label=labels[k] if k < len(labels) else tips.get(s, s),
                value=s,
                selected=current is not None and current == s,
            )
            for k, s in enumerate(states)
        )
        if acc.ff & _FF_RADIO or len(states) > 1:
            kind = FieldKind.RADIO if acc.ff & _FF_RADIO else FieldKind.CHECKBOXES
            return Field(kind=kind, options=options, **common)
        # a lone box: its export value is not shown to people, but whether it starts checked is
        # what gender-preselected needs
        on = states[0] if states else "Yes"
        box = Option(label=on, value=on, selected=current == on, hidden=True)
        return Field(kind=FieldKind.CHECKBOX, options=(box,), **common)
    if ft == "/Ch":
        selected = _selected_values(acc.v) or _selected_values(acc.dv)
        options = tuple(
            Option(label=disp, value=exp, selected=exp in selected or disp in selected)
            for exp, disp in _choice_options(acc.opt)
        )
        if acc.ff & _FF_COMBO:
            kind = FieldKind.SELECT
        else:
            kind = FieldKind.MULTISELECT if acc.ff & _FF_MULTISELECT else FieldKind.SELECT
        return Field(kind=kind, options=options, **common)
    if ft == "/Sig":
        return Field(kind=FieldKind.SIGNATURE, **common)
    if ft == "/Tx":
        kind = FieldKind.TEXTAREA if acc.ff & _FF_MULTILINE else FieldKind.TEXT
        return Field(kind=kind, **common)
    return Field(kind=FieldKind.OTHER, **common)


def _checkbox_family(acc: _Acc, boxes: list[Field]) -> Field:
    """``Kjønn.Gutt`` / ``Kjønn.Jente`` checkboxes under one parent: one question, its options."""
    options = tuple(
        Option(
            label=b.label or (b.options[0].value or "" if b.options else ""),
            value=b.options[0].value if b.options else None,
            selected=bool(b.options and b.options[0].selected),
        )
        for b in boxes
    )
    first = boxes[0].location
    return Field(
        kind=FieldKind.CHECKBOXES,
        location=Location(
            source=first.source, page=first.page, component=f"field {acc.name}", anchor=acc.name
        ),
        label=acc.tu or humanise_name(acc.name.rsplit(".", 1)[-1]) or None,
        name=acc.name,
        options=options,
        required=any(b.required for b in boxes),
        hidden=all(b.hidden for b in boxes),
        language=boxes[0].language,
        name_source="title" if acc.tu else "",
        titled=acc.tu is not None,
    )


def _widget_tips(widgets: list[Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for w in widgets:
        tip = _text(w.get("/TU")).strip()
        if tip:
            for s in _on_states([w]):
                out.setdefault(s, tip)
    return out


def _on_states(widgets: list[Any]) -> list[str]:
    """Export values: the appearance-state names other than /Off, in widget order."""
    out: list[str] = []
    for w in widgets:
        ap = _safe(lambda w=w: w["/AP"].get_object(), None)
        normal = _safe(lambda ap=ap: ap["/N"].get_object(), None) if ap is not None else None
        keys: list[Any] = list(normal) if isinstance(normal, dict) else []
        if not keys:
            as_ = _name(w.get("/AS"))
            keys = [f"/{as_}"] if as_ and as_ != "Off" else []
        for k in keys:
            s = _name(k)
            if s and s != "Off" and s not in out:
                out.append(s)
    return out


def _choice_options(opt: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for item in opt or []:
        item = item.get_object() if hasattr(item, "get_object") else item
        if isinstance(item, (list, tuple)) and len(item) >= 2:
            out.append((_text(item[0]), _text(item[1])))
        else:
            out.append((_text(item), _text(item)))
    return out


def _opt_labels(opt: Any) -> list[str]:
    return [disp for _, disp in _choice_options(opt)]


def _selected_values(v: Any) -> set[str]:
    if v is None:
        return set()
    if isinstance(v, (list, tuple)):
        return {_text(x) for x in v}
    return {_text(v)}


def _name(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v)
    return s[1:] if s.startswith("/") else s


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bytes):
        return v.decode("latin-1")
    return str(v)


# --- text -------------------------------------------------------------------------------------------


def _paragraphs(lines: list[tuple[int, str]]) -> Iterator[str]:
    """Join wrapped lines into paragraph-ish chunks so phrases split by a line break still match.

    A line continues the previous one when that one does not end a sentence and this one starts
    in lower case (or the previous ends with a hyphen).
    """
    buf: list[str] = []
    last = -2
    for k, line in lines:
        if buf and k == last + 1 and _continues(buf[-1], line):
            if buf[-1].endswith("-") and line[:1].islower():
                buf[-1] = buf[-1][:-1] + line
            else:
                buf.append(line)
        else:
            if buf:
                yield " ".join(" ".join(buf).split())
            buf = [line]
        last = k
    if buf:
        yield " ".join(" ".join(buf).split())


def _continues(prev: str, line: str) -> bool:
    if _SENTENCE_END.search(prev):
        return False
    return line[:1].islower() or prev.endswith((",", "-"))


def _printed_option_labels(fields: list[Field], pages: list[tuple[int, list[str]]]) -> list[Field]:
    """Export values are names ("Onsker_ikke_a_oppgi"); the words printed next to the button on
    its page ("Ønsker ikke å oppgi") are what people read, so they become the option label."""
    printed: dict[tuple[int, str], str] = {}
    for page_no, lines in pages:
        for ln in lines:
            if ln and len(ln) <= 80:
                printed.setdefault((page_no, _fold(ln)), ln)
    out: list[Field] = []
    for f in fields:
        page = f.location.page
        if f.options and page is not None:
            options = tuple(
                replace(o, label=printed.get((page, _fold(o.label)), o.label))
                if o.label == o.value
                else o
                for o in f.options
            )
            f = replace(f, options=options)
        out.append(f)
    return out


_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "_": " ", "-": " ", ":": " "})


def _fold(text: str) -> str:
    return " ".join(text.lower().translate(_FOLD).split())


def _norm(text: str) -> str:
    return " ".join(text.lower().rstrip(" :*").split())


def _int(v: Any) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return 0


def _safe(fn: Any, default: Any) -> Any:
    try:
        return fn()
    except Exception:  # broken objects in real-world PDFs: treat as absent
        return default


def _short(exc: BaseException) -> str:
    msg = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {msg}"[:200] if msg else type(exc).__name__


def _failed(source: str, message: str) -> ParsedDocument:
    return ParsedDocument(
        source=source, format="pdf", problems=(Problem(message, Location(source=source)),)
    )
