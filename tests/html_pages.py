"""HTML snippets as pages, parsed, and their fields found (tests of the HTML parser)."""

from __future__ import annotations

from formlint.document import FetchedDocument
from formlint.model import Field, ParsedDocument
from formlint.parse.html import parse_html
from formlint.parse.registry import ParseOptions


def parse(
    html: str | bytes, *, charset: str | None = None, url: str = "https://k.no/a/side.html"
) -> ParsedDocument:
    body = html.encode("utf-8") if isinstance(html, str) else html
    return parse_html(FetchedDocument(url=url, body=body, charset=charset), ParseOptions())


def fields(doc: ParsedDocument) -> list[Field]:
    return [f for form in doc.forms for f in form.fields]


def field(doc: ParsedDocument, name: str) -> Field:
    for f in fields(doc):
        if f.name == name or f.id == name:
            return f
    raise AssertionError(f"no field {name!r} in {[f.name for f in fields(doc)]}")


def page(body: str, lang: str = ' lang="nb"') -> str:
    return f"<!DOCTYPE html><html{lang}><head><title>T</title></head><body>{body}</body></html>"
