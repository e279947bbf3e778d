"""Pick a parser by content, run it, and never let it raise.

Parsers register by name (here and through the ``formlint.parsers`` entry-point group, so a
third-party parser is no different from ours). Each is imported only when a document of its format
turns up: linting HTML never pays for pypdf, and ``formlint --version`` pays for nothing.
"""

from __future__ import annotations

import importlib
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib.metadata import entry_points
from io import BytesIO

import ahocorasick_rs

from formlint.document import FetchedDocument
from formlint.model import Location, ParsedDocument, Problem


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """Limits and defaults every parser honours."""

    max_bytes: int = 50 * 1024 * 1024  # larger inputs are refused with a one-line error
    max_decompressed_bytes: int = 200 * 1024 * 1024  # zip-bomb cap: DOCX/ODT, PDF XFA
    max_pdf_pages: int = 500
    default_language: str | None = None  # --lang: used where markup and detection say nothing
    # the crawler needs links; `formlint lint` does not, and skips the work
    collect_links: bool = True
    # The words the text rules look for (the engine's ``rule_words``, given by whoever parses
    # for it): the HTML parser skips the tree of a page with no form and no such word.
    rule_words: frozenset[str] = field(default=frozenset(), compare=False)


ParserFunc = Callable[[FetchedDocument, ParseOptions], ParsedDocument]

# format name -> "module:function"; imported lazily
_BUILTIN: dict[str, str] = {
    "html": "formlint.parse.html:parse_html",
    "govuk-njk": "formlint.parse.njk:parse_njk",
    "formio": "formlint.parse.formio:parse_formio",
    "formio-translations": "formlint.parse.formio:parse_formio_translations",
    "formio-global-translations": "formlint.parse.formio:parse_formio_global_translations",
    "altinn": "formlint.parse.altinn:parse_altinn_app",
    "altinn-layout": "formlint.parse.altinn:parse_altinn_layout",
    "altinn-texts": "formlint.parse.altinn:parse_altinn_texts",
    "fhir": "formlint.parse.fhir:parse_fhir",
    "pdf": "formlint.parse.pdf:parse_pdf",
    "docx": "formlint.parse.docx:parse_docx",
    "odt": "formlint.parse.odt:parse_odt",
}

ALTINN_APP_MEDIA_TYPE = "application/x-altinn-app"

_loaded: dict[str, ParserFunc] = {}


def _registry() -> dict[str, str]:
    reg = dict(_BUILTIN)
    for ep in entry_points(group="formlint.parsers"):
        reg.setdefault(ep.name, ep.value)
    return reg


def get_parser(fmt: str) -> ParserFunc | None:
    if fmt in _loaded:
        return _loaded[fmt]
    target = _registry().get(fmt)
    if target is None:
        return None
    module, _, func = target.partition(":")
    fn: ParserFunc = getattr(importlib.import_module(module), func)
    _loaded[fmt] = fn
    return fn


# --- sniffing -----------------------------------------------------------------------------------

_HTML_MARKERS = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|form|input|select|textarea|div|p|h[1-6]|main|section|label|fieldset|table|ul|span|a)\b",
    re.IGNORECASE,
)
_NJK_MARKERS = re.compile(rb"govuk[A-Z][A-Za-z]+\s*\(|\{%-?\s*from\s+[\"']govuk/")
# Whether a page holds "govuk" at all, as the test before the markers: bytes.find steps through a
# page for a 5-byte needle (~70 us on a 126 KB page, on every HTML page), the automaton crate's
# vectorised single-pattern search takes ~8 us.
_GOVUK = ahocorasick_rs.BytesAhoCorasick([b"govuk"])
_JSON_COMMENT = re.compile(r"^\s*//.*$", re.MULTILINE)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def strip_bom(body: bytes) -> bytes:
    return body[3:] if body.startswith(b"\xef\xbb\xbf") else body


def loads_lenient(text: str) -> object:
    """json.loads that tolerates what real form repositories contain: a BOM, // comments and
    trailing commas. Strict parsing is tried first so valid JSON pays nothing extra."""
    text = text.lstrip("\ufeff")
    try:
        return json.loads(text)
    except json.JSONDecodeError as first:
        cleaned = _TRAILING_COMMA.sub(r"\1", _strip_line_comments(text))
        try:
            return json.loads(cleaned)
        except json.JSONDecodeError:
            raise first from None


def _strip_line_comments(text: str) -> str:
    """Remove // comments outside strings (a regex alone would eat "https://...")."""
    out: list[str] = []
    i, n = 0, len(text)
    in_str = False
    while i < n:
        c = text[i]
        if in_str:
            out.append(c)
            if c == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
                continue
            if c == '"':
                in_str = False
        elif c == '"':
            in_str = True
            out.append(c)
        elif c == "/" and i + 1 < n and text[i + 1] == "/":
            while i < n and text[i] != "\n":
                i += 1
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def sniff_json(data: object) -> str | None:
    """Name the form format of a parsed JSON value, or None when it is no known format."""
    if isinstance(data, dict):
        if data.get("resourceType") in ("Questionnaire", "ValueSet"):
            return "fhir"
        if "components" in data and (
            data.get("display") in ("form", "wizard")
            or data.get("type") in ("form", "resource")
            or "title" in data
        ):
            return "formio"
        inner = data.get("data")
        if isinstance(inner, dict) and isinstance(inner.get("layout"), list):
            return "altinn-layout"
        if isinstance(data.get("resources"), list) and "language" in data:
            return "altinn-texts"
        if data and all(
            isinstance(k, str) and re.fullmatch(r"[a-z]{2}(-[A-Z]{2})?", k) for k in data
        ):
            values = list(data.values())
            if all(isinstance(v, dict) for v in values):
                return "formio-translations"
            if all(isinstance(v, list) for v in values):
                return "formio-global-translations"
    return None


def sniff(doc: FetchedDocument) -> str:
    """The format of a document from its content (and Content-Type only to break ties); never
    raises: a damaged archive is ``zip-invalid``."""
    if doc.media_type == ALTINN_APP_MEDIA_TYPE:
        return "altinn"
    body = doc.body
    head = strip_bom(body[:4096]).lstrip()
    if body.startswith(b"%PDF-") or body[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if body.startswith(b"PK\x03\x04"):
        return _sniff_zip(body)
    if head[:1] in (b"{", b"["):
        try:
            data = loads_lenient(strip_bom(body).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            return "json-invalid"
        return sniff_json(data) or "json-unknown"
    njk_zone = body[:200_000]
    if _GOVUK.find_matches_as_indexes(njk_zone) and _NJK_MARKERS.search(njk_zone):
        return "govuk-njk"
    if b"\x00" in body[:8192] and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    mt = (doc.media_type or "").lower()
    if mt in ("text/html", "application/xhtml+xml") or _HTML_MARKERS.search(body[:65536]):
        return "html"
    return "unknown"


def _sniff_zip(body: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(body)) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                mt = zf.open("mimetype").read(100)
                if b"opendocument.text" in mt:
                    return "odt"
            if "[Content_Types].xml" in names:
                ct = zf.open("[Content_Types].xml").read(65536)  # capped: a bomb may hide here
                if b"wordprocessingml" in ct:
                    return "docx"
    except Exception:
        # zipfile lets through whatever reading a damaged member raises: zlib.error from a
        # corrupt deflate stream, EOFError, NotImplementedError (an unknown compression),
        # RuntimeError (encrypted), besides BadZipFile and OSError. Sniffing must never raise.
        return "zip-invalid"
    return "zip-unknown"


_SNIFF_ERRORS = {
    "binary": "binary content, not a form or page",
    "zip-invalid": "not a valid zip archive (truncated or corrupt DOCX/ODT?)",
    "zip-unknown": "zip archive that is neither DOCX nor ODT",
    "unknown": "not a recognised form format (HTML, PDF, DOCX, ODT, Form.io, Altinn, FHIR)",
}


def parse_document(doc: FetchedDocument, options: ParseOptions | None = None) -> ParsedDocument:
    """Parse one document into the form model. Never raises: problems travel in the result."""
    opts = options or ParseOptions()
    loc = Location(source=doc.source)
    if len(doc.body) > opts.max_bytes:
        mib = len(doc.body) / (1024 * 1024)
        return _failed(
            doc,
            "unknown",
            f"too large ({mib:.1f} MiB; limit {opts.max_bytes // (1024 * 1024)} MiB), not parsed",
        )
    if not doc.body.strip() and doc.media_type != ALTINN_APP_MEDIA_TYPE:
        return _failed(doc, "unknown", "empty file")
    fmt = sniff(doc)
    if fmt == "json-invalid":
        return _failed(doc, "json", _json_error(doc))
    if fmt == "json-unknown":
        return ParsedDocument(
            source=doc.source,
            format="json",
            problems=(
                Problem(
                    "JSON that is no known form format (Form.io, Altinn, FHIR); skipped",
                    loc,
                    level="note",
                ),
            ),
        )
    if fmt in _SNIFF_ERRORS:
        return _failed(doc, fmt, _SNIFF_ERRORS[fmt])
    parser = get_parser(fmt)
    if parser is None:
        return _failed(doc, fmt, f"no parser for format {fmt!r}")
    try:
        parsed = parser(doc, opts)
    except RecursionError:
        return _failed(doc, fmt, "nested too deeply to parse")
    except MemoryError:
        return _failed(doc, fmt, "too large to parse in memory")
    except Exception as exc:  # a parser bug must not end the run; say which file and why
        return _failed(doc, fmt, f"could not be parsed as {fmt}: {type(exc).__name__}: {exc}")
    # what axe-core found on the rendered page goes to the engine with the model
    return replace(parsed, audits=doc.audits) if doc.audits else parsed


def _json_error(doc: FetchedDocument) -> str:
    try:
        loads_lenient(strip_bom(doc.body).decode("utf-8"))
    except UnicodeDecodeError as exc:
        return f"JSON is not UTF-8 ({exc.reason} at byte {exc.start})"
    except json.JSONDecodeError as exc:
        return f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
    except RecursionError:
        return "JSON nested too deeply"
    return "invalid JSON"


def _failed(doc: FetchedDocument, fmt: str, message: str) -> ParsedDocument:
    return ParsedDocument(
        source=doc.source, format=fmt, problems=(Problem(message, Location(source=doc.source)),)
    )
