"""GOV.UK Design System Nunjucks page sources into the form model.

These files are templates, not rendered HTML: YAML front matter, ``{% from ... import ... %}`` and
macro calls such as ``govukRadios({ name: "sex", items: [...] })`` whose single argument is a
JavaScript-style object literal. We read the literal with a small tolerant parser (no eval):
quoted or bare keys, three quote styles, trailing commas, nesting, literals and numbers; anything
else (a variable, a filter, a concatenation) is kept as its raw source text and never shown as
a label. HTML written around the macro calls (headings, paragraphs) becomes text blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import lxml.etree as etree

from formlint.document import FetchedDocument
from formlint.model import (
    Field,
    FieldKind,
    Form,
    Location,
    Option,
    ParsedDocument,
    Problem,
    Scope,
    TextBlock,
)
from formlint.parse.registry import ParseOptions

_MACRO = re.compile(r"\b(govuk[A-Z][A-Za-z]*)\s*\(")
_TAG = re.compile(r"<[^>]*>")
_TEMPLATE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.DOTALL)
_SET_BLOCK = re.compile(r"\{%-?\s*set\s+\w+\s*-?%\}.*?\{%-?\s*endset\s*-?%\}", re.DOTALL)
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)

_KINDS: dict[str, FieldKind] = {
    "govukRadios": FieldKind.RADIO,
    "govukCheckboxes": FieldKind.CHECKBOXES,
    "govukSelect": FieldKind.SELECT,
    "govukInput": FieldKind.TEXT,
    "govukPasswordInput": FieldKind.TEXT,
    "govukTextarea": FieldKind.TEXTAREA,
    "govukCharacterCount": FieldKind.TEXTAREA,
    "govukDateInput": FieldKind.DATE,
    "govukFileUpload": FieldKind.FILE,
    "govukButton": FieldKind.BUTTON,
}
_INPUT_TYPES: dict[str, FieldKind] = {
    "email": FieldKind.EMAIL,
    "tel": FieldKind.TEL,
    "number": FieldKind.NUMBER,
    "date": FieldKind.DATE,
    "hidden": FieldKind.HIDDEN,
    "file": FieldKind.FILE,
}
# Components that only show text: their text/html becomes a paragraph of the form.
_TEXT_MACROS = frozenset(
    {"govukInsetText", "govukWarningText", "govukPanel", "govukDetails", "govukNotificationBanner"}
)
_BLOCK_SCOPES: dict[str, Scope] = {
    "h1": Scope.HEADING,
    "h2": Scope.HEADING,
    "h3": Scope.HEADING,
    "h4": Scope.HEADING,
    "h5": Scope.HEADING,
    "h6": Scope.HEADING,
    "p": Scope.PARAGRAPH,
    "li": Scope.LIST_ITEM,
    "td": Scope.TABLE_CELL,
    "th": Scope.TABLE_CELL,
}


# --- a tolerant JavaScript object-literal reader --------------------------------------------------


class Expr(str):
    """Source text of a value the reader does not evaluate (a variable, a call, a concatenation)."""


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_NUMBER = re.compile(r"-?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")


class _Reader:
    def __init__(self, src: str, pos: int = 0) -> None:
        self.src = src
        self.pos = pos
        self.n = len(src)

    def ws(self) -> None:
        src, n = self.src, self.n
        while self.pos < n:
            c = src[self.pos]
            if c.isspace():
                self.pos += 1
            elif src.startswith("//", self.pos):
                end = src.find("\n", self.pos)
                self.pos = n if end < 0 else end + 1
            elif src.startswith("/*", self.pos):
                end = src.find("*/", self.pos + 2)
                self.pos = n if end < 0 else end + 2
            elif src.startswith("{#", self.pos):
                end = src.find("#}", self.pos + 2)
                self.pos = n if end < 0 else end + 2
            else:
                break

    def peek(self) -> str:
        self.ws()
        return self.src[self.pos] if self.pos < self.n else ""

    def value(self) -> Any:
        start = self.pos
        c = self.peek()
        start = self.pos
        v: Any
        if c == "{":
            v = self.obj()
        elif c == "[":
            v = self.arr()
        elif c and c in "\"'`":
            v = self.string()
        else:
            m = _NUMBER.match(self.src, self.pos)
            ident = _IDENT.match(self.src, self.pos)
            if m and not ident:
                self.pos = m.end()
                text = m.group(0)
                try:
                    v = (
                        int(text, 0)
                        if not any(ch in text for ch in ".eE")
                        or text.lower().startswith(("0x", "-0x"))
                        else float(text)
                    )
                except ValueError:
                    v = Expr(text)
            elif ident and ident.group(0) in ("true", "false", "null", "undefined"):
                self.pos = ident.end()
                v = {"true": True, "false": False}.get(ident.group(0))
            else:
                return self.raw(start)
        if self.peek() not in (",", "}", "]", ")", ""):
            return self.raw(start)  # "a" + b, x | filter, cond ? a : b ...
        return v

    def raw(self, start: int) -> Expr:
        """Skip one expression up to a top-level , } ] ) and return its source."""
        self.pos = start
        depth = 0
        src, n = self.src, self.n
        while self.pos < n:
            c = src[self.pos]
            if c in "\"'`":
                self.string()
                continue
            if c in "([{":
                depth += 1
            elif c in ")]}":
                if depth == 0:
                    break
                depth -= 1
            elif c == "," and depth == 0:
                break
            self.pos += 1
        return Expr(src[start : self.pos].strip())

    def string(self) -> str:
        src, n = self.src, self.n
        quote = src[self.pos]
        self.pos += 1
        out: list[str] = []
        while self.pos < n:
            c = src[self.pos]
            if c == quote:
                self.pos += 1
                return "".join(out)
            if c == "\\" and self.pos + 1 < n:
                nxt = src[self.pos + 1]
                if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", src[self.pos + 2 : self.pos + 6]):
                    out.append(chr(int(src[self.pos + 2 : self.pos + 6], 16)))
                    self.pos += 6
                    continue
                if nxt == "\n":
                    self.pos += 2
                    continue
                out.append(_ESCAPES.get(nxt, nxt))
                self.pos += 2
                continue
            out.append(c)
            self.pos += 1
        return "".join(out)  # unterminated: what there is

    def key(self) -> str | None:
        c = self.peek()
        if c and c in "\"'`":
            return self.string()
        m = _IDENT.match(self.src, self.pos) or _NUMBER.match(self.src, self.pos)
        if m:
            self.pos = m.end()
            return m.group(0)
        if c == "[":  # computed key: keep its source
            return str(self.raw(self.pos))
        return None

    def obj(self) -> dict[str, Any]:
        self.pos += 1  # {
        out: dict[str, Any] = {}
        while True:
            c = self.peek()
            if c == "}":
                self.pos += 1
                return out
            if c == "":
                return out
            if c == ",":
                self.pos += 1
                continue
            k = self.key()
            if k is None:  # not a key: skip to the next member
                self.raw(self.pos)
                if self.peek() == ",":
                    self.pos += 1
                    continue
                if self.peek() in ("}", ""):
                    continue
                self.pos += 1
                continue
            if self.peek() == ":":
                self.pos += 1
                out[k] = self.value()
            else:  # shorthand { name }
                out[k] = Expr(k)

    def arr(self) -> list[Any]:
        self.pos += 1  # [
        out: list[Any] = []
        while True:
            c = self.peek()
            if c == "]":
                self.pos += 1
                return out
            if c == "":
                return out
            if c == ",":
                self.pos += 1
                continue
            before = self.pos
            out.append(self.value())
            if self.pos == before:  # a stray ) or }: step over it
                self.pos += 1


def parse_js_literal(src: str, pos: int = 0) -> tuple[Any, int]:
    """Read one JavaScript-style value from ``src`` at ``pos``. Returns (value, end position).

    Never evaluates anything and never raises on malformed input: what cannot be read becomes an
    :class:`Expr` holding its source text.
    """
    r = _Reader(src, pos)
    return r.value(), r.pos


# --- mapping ------------------------------------------------------------------------------------


def _plain(value: Any) -> str | None:
    """Visible text of a text/html value; None for expressions and non-strings."""
    if not isinstance(value, str) or isinstance(value, Expr):
        return None
    text = _TAG.sub(" ", value) if "<" in value else value
    text = _TEMPLATE.sub(" ", text) if "{" in text else text
    text = (
        text.replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#39;", "'")
        .replace("&rsquo;", "’")
    )
    text = " ".join(text.split())
    return text or None


def _text_of(d: Any, *keys: str) -> str | None:
    """First of d[key] for 'text'/'html' style keys, as plain text."""
    if isinstance(d, str):
        return _plain(d)
    if not isinstance(d, dict):
        return None
    for k in keys:
        t = _plain(d.get(k))
        if t:
            return t
    return None


def _str(v: Any) -> str | None:
    if isinstance(v, Expr) or v is None or isinstance(v, dict | list):
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


@dataclass(frozen=True, slots=True)
class _Call:
    macro: str
    args: dict[str, Any]
    line: int
    start: int
    end: int


def _calls(text: str) -> list[_Call]:
    out: list[_Call] = []
    pos = 0
    while True:
        m = _MACRO.search(text, pos)
        if m is None:
            return out
        value, end = parse_js_literal(text, m.end())
        args = value if isinstance(value, dict) else {}
        out.append(_Call(m.group(1), args, text.count("\n", 0, m.start()) + 1, m.start(), end))
        pos = max(end, m.end())


def _front_matter(text: str) -> tuple[dict[str, str], int]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        k, sep, v = line.partition(":")
        if sep and k.strip() and not k.startswith((" ", "\t", "#")):
            v = v.strip()
            if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
                v = v[1:-1]
            meta[k.strip()] = v
    return meta, m.end()


def _field(call: _Call, source: str, lang: str | None) -> Field | None:
    a = call.args
    kind = _KINDS.get(call.macro)
    if kind is None:
        return None
    if call.macro == "govukInput":
        kind = _INPUT_TYPES.get(str(a.get("type") or "text").lower(), FieldKind.TEXT)
    name = _str(a.get("name"))
    ident = _str(a.get("id")) or _str(a.get("idPrefix"))
    label = _text_of(a.get("label"), "text", "html")
    name_source = "label" if label else ""
    if kind == FieldKind.BUTTON:
        label = _text_of(a, "text", "html")
        name_source = "text" if label else ""
    fieldset = a.get("fieldset")
    legend = None
    in_fieldset: bool | None = None
    if isinstance(fieldset, dict):
        in_fieldset = True
        legend = _text_of(fieldset.get("legend"), "text", "html") or _text_of(
            fieldset, "legendHtml", "legendText", "legend"
        )
    else:
        in_fieldset = False
    help_ = tuple(t for t in (_text_of(a.get("hint"), "text", "html"),) if t)
    options: list[Option] = []
    placeholder = None
    top_value = _str(a.get("value"))
    items = a.get("items")
    if kind.has_options and isinstance(items, list):
        for i, item in enumerate(items):
            if not isinstance(item, dict) or "divider" in item:
                continue
            text = _text_of(item, "text", "html") or ""
            value = _str(item.get("value"))
            if kind == FieldKind.SELECT and i == 0 and not (value or "").strip():
                placeholder = text or None
                continue
            selected = bool(item.get("checked") is True or item.get("selected") is True)
            if top_value is not None and value == top_value:
                selected = True
            options.append(
                Option(
                    label=text,
                    value=value,
                    selected=selected,
                    description=_text_of(item.get("hint"), "text", "html"),
                )
            )
        if options and kind in (FieldKind.RADIO, FieldKind.CHECKBOXES):
            name_source = "label" if all(o.label for o in options) else ""
    if kind in (FieldKind.RADIO, FieldKind.CHECKBOXES) and not legend and label:
        legend = label
    if kind == FieldKind.DATE and isinstance(items, list) and not label:
        name_source = "label"  # the date parts (Day/Month/Year) carry their own labels
    component_key = (
        f'id "{ident}"'
        if ident and call.macro not in ("govukRadios", "govukCheckboxes")
        else (f'name "{name}"' if name else (f'id "{ident}"' if ident else ""))
    )
    component = f"{call.macro} {component_key}".strip()
    return Field(
        kind=kind,
        location=Location(source=source, line=call.line, component=component, anchor=name or ident),
        label=label if kind not in (FieldKind.RADIO, FieldKind.CHECKBOXES) else None,
        legend=legend,
        help=help_,
        placeholder=placeholder,
        name=name,
        id=ident,
        options=tuple(options),
        hidden=kind == FieldKind.HIDDEN,
        language=lang,
        autocomplete=_str(a.get("autocomplete")),
        name_source=name_source,
        in_fieldset=in_fieldset,
    )


def _html_blocks(text: str, offset_line: int, source: str, lang: str | None) -> list[TextBlock]:
    """Text of the plain HTML written between the macro calls (with calls and tags blanked out)."""
    if "<" not in text:
        return []
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        root = etree.fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    out: list[TextBlock] = []
    for el in root.iter(*_BLOCK_SCOPES):
        t = " ".join("".join(el.itertext()).split())
        if t:
            out.append(
                TextBlock(
                    text=t,
                    scope=_BLOCK_SCOPES[el.tag],
                    location=Location(source=source, line=(el.sourceline or 1) + offset_line - 1),
                    language=lang,
                )
            )
    return out


def _blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] by spaces, keeping newlines so line numbers stay right."""
    chunk = text[start:end]
    return text[:start] + re.sub(r"[^\n]", " ", chunk) + text[end:]


def parse_njk(doc: FetchedDocument, opts: ParseOptions) -> ParsedDocument:
    """Parse a GOV.UK Nunjucks page source into one ``govuk-njk`` form. Never raises on bad input."""
    source = doc.source
    body = doc.body[3:] if doc.body.startswith(b"\xef\xbb\xbf") else doc.body
    text = body.decode("utf-8", "replace")
    problems: list[Problem] = []
    meta, fm_end = _front_matter(text)
    title = _plain(meta.get("title")) if meta.get("title") else None
    lang = opts.default_language
    calls = _calls(text)
    fields: list[Field] = []
    blocks: list[TextBlock] = []
    rest = re.sub(r"[^\n]", " ", text[:fm_end]) + text[fm_end:]  # same offsets as text
    for call in calls:
        if not call.args:
            problems.append(
                Problem(
                    f"{call.macro}(...) argument is not an object literal; skipped",
                    Location(source=source, line=call.line, component=call.macro),
                    level="note",
                )
            )
        f = _field(call, source, lang)
        if f is not None:
            fields.append(f)
        elif call.macro in _TEXT_MACROS:
            t = _text_of(call.args, "text", "html", "titleText", "summaryText")
            if t:
                blocks.append(
                    TextBlock(
                        t,
                        Scope.PARAGRAPH,
                        Location(source=source, line=call.line, component=call.macro),
                        language=lang,
                    )
                )
        rest = _blank(rest, call.start, call.end)
    # set-blocks hold macro calls already read; other template tags carry no visible text
    rest = _SET_BLOCK.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), rest)
    rest = _TEMPLATE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), rest)
    blocks = _html_blocks(rest, 1, source, lang) + blocks
    blocks.sort(key=lambda b: b.location.line or 0)
    if not fields and not blocks and not calls:
        problems.append(
            Problem("no GOV.UK macro calls found", Location(source=source), level="note")
        )
    form = Form(
        key="page",
        kind="govuk-njk",
        location=Location(source=source, line=calls[0].line if calls else 1),
        title=title,
        fields=tuple(fields),
        text_blocks=tuple(blocks),
        language=lang,
    )
    return ParsedDocument(
        source=source,
        format="govuk-njk",
        forms=(form,),
        language=lang,
        title=title,
        problems=tuple(problems),
        metadata={"encoding": "utf-8", "front_matter": meta},
    )
