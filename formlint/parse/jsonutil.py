"""Helpers shared by the JSON form parsers (Form.io, Altinn, FHIR).

Text in these formats is often HTML or markdown inside a JSON string; rules need it as plain text
with the whitespace a reader sees. Loading is lenient (BOM, ``//`` comments, trailing commas) and
a file that still fails is reported with its line and column.
"""

from __future__ import annotations

import html
import json
import re

from formlint.model import Location, Problem
from formlint.parse.registry import loads_lenient, strip_bom

__all__ = [
    "JsonLoadError",
    "as_dict",
    "as_list",
    "as_str",
    "clean_text",
    "collapse_ws",
    "load_json_bytes",
    "load_problem",
    "pointer",
    "pointer_escape",
    "strip_tags",
]

# Inline elements are removed without a gap (they sit inside words and before punctuation);
# every other tag (p, li, br, div, h1 ...) separates text, so it becomes a space.
_INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "dfn",
        "em",
        "i",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "font",
    ]
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*>|<!--.*?-->", re.DOTALL)
_WS = re.compile(r"[\s\u00a0\u200b]+")
_MARKDOWN = re.compile(r"(\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]+\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)


def collapse_ws(text: str) -> str:
    """Collapse runs of whitespace (including no-break spaces) to one space and trim."""
    return _WS.sub(" ", text).strip()


def strip_tags(text: str) -> str:
    """Plain text of an HTML fragment: tags removed, entities decoded, whitespace collapsed."""
    if "<" not in text and "&" not in text:
        return collapse_ws(text)

    def repl(m: re.Match[str]) -> str:
        name = (m.group(2) or "").lower()
        return "" if name in _INLINE_TAGS else " "

    return collapse_ws(html.unescape(_TAG.sub(repl, text)))


def clean_text(text: str, *, markdown: bool = False) -> str:
    """Visible text of a string that may hold HTML (and, for Altinn, markdown)."""
    out = strip_tags(text)
    if markdown:
        out = _MD_LINK.sub(r"\1", out)
        out = _MD_HEADING.sub("", out)
        out = collapse_ws(_MARKDOWN.sub("", out))
    return out


def pointer_escape(token: str | int) -> str:
    """Escape one JSON-pointer reference token (RFC 6901)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(*tokens: str | int) -> str:
    """A JSON pointer from reference tokens: ``pointer("a", 0, "b/c")`` → ``/a/0/b~1c``."""
    return "".join("/" + pointer_escape(t) for t in tokens)


class JsonLoadError(Exception):
    """JSON that could not be read even leniently; ``message`` names line and column."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def load_json_bytes(body: bytes) -> object:
    """Decode UTF-8 (with or without BOM) and parse leniently; raise JsonLoadError with line:col."""
    try:
        text = strip_bom(body).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonLoadError(f"JSON is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        return loads_lenient(text)
    except json.JSONDecodeError as exc:
        raise JsonLoadError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise JsonLoadError("JSON nested too deeply") from None


def load_problem(source: str, body: bytes) -> tuple[object, Problem | None]:
    """Parse ``body``; on failure return ``(None, Problem)`` naming ``source`` and line:column."""
    try:
        return load_json_bytes(body), None
    except JsonLoadError as exc:
        return None, Problem(exc.message, Location(source=source))


def as_dict(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def as_str(value: object) -> str:
    """The value when it is a non-blank string, else ``""``."""
    return value if isinstance(value, str) and value.strip() else ""
