"""Where a JSON pointer's value stands in the file as written: line and column for findings in
Form.io, Altinn (layouts, text resources, option lists) and FHIR files, so SARIF regions, GitHub
annotations, GitLab and JUnit can point at the line (and, in NAV's one-line Form.io files, the
column).

Positions are found on demand, for the pointers of the findings a document has, not for every
value the parser read: mapping every pointer of a 500 KB Form.io form costs 1.5 times what linting
it does (~40 ms against ~26 ms, BENCHMARKS.md), while most forms have a handful of findings or
none. A lookup walks down the pointer with the standard library's C decoder: a member's key is
read with ``scanstring`` and every value before the wanted one is skipped with ``raw_decode``,
and each container remembers how far it was read, so the lookups of one file together read it
once at most. JSON with ``//`` comments or trailing commas (which the parsers accept) is read with
them blanked out, so every offset stays that of the file.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from formlint.document import FetchedDocument
from formlint.model import Location

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
# the decoder's own string reader (C): a key and where it ends
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_TRAILING_COMMA = re.compile(r",(?=\s*[}\]])")


@dataclass(slots=True)
class _Container:
    """One object or array, read as far as a lookup needed: its members' value offsets."""

    start: int  # offset of "{" or "["
    is_object: bool
    members: dict[str, int] = field(default_factory=dict)  # key or index -> value offset
    last: int = -1  # offset of the last member's value, not yet skipped (a lookup went into it)
    end: int = -1  # the offset after the closing bracket, once read to it


class JsonPositions:
    """Line and column (1-based, in code points) of the value at a JSON pointer in one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._containers: dict[int, _Container] = {}
        self._newlines: list[int] | None = None
        self._blanked = False

    def position(self, pointer: str) -> tuple[int, int] | None:
        """``(line, column)`` of the value ``pointer`` names, or None when there is none."""
        try:
            offset = self._offset(pointer)
        except (json.JSONDecodeError, ValueError, RecursionError):
            if self._blanked:
                return None
            # lenient JSON: read again with comments and trailing commas blanked out
            self.text = _blank_lenient(self.text)
            self._containers.clear()
            self._blanked = True
            return self.position(pointer)
        if offset is None:
            return None
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_left(self._newlines, offset)
        line_start = self._newlines[line - 1] + 1 if line else 0
        return line + 1, offset - line_start + 1

    def _offset(self, pointer: str) -> int | None:
        offset = _WS.match(self.text, 0).end()  # type: ignore[union-attr]  # matches always
        if not pointer:
            return offset if offset < len(self.text) else None
        if not pointer.startswith("/"):
            return None
        for token in pointer[1:].split("/"):
            key = token.replace("~1", "/").replace("~0", "~")
            found = self._member(offset, key)
            if found is None:
                return None
            offset = found
        return offset

    def _member(self, offset: int, key: str) -> int | None:
        """The value offset of member ``key`` of the container at ``offset``."""
        text = self.text
        c = self._containers.get(offset)
        if c is None:
            opener = text[offset : offset + 1]
            if opener not in ("{", "["):
                return None
            c = self._containers[offset] = _Container(offset, opener == "{")
        if key in c.members:
            return c.members[key]
        if c.end >= 0:
            return None
        end = len(text)
        at = self._after(c.last) if c.members else _skip_ws(text, offset + 1)
        while at < end:
            if text[at] in "}]":
                c.end = at + 1
                break
            if c.members:  # after a value
                if text[at] != ",":
                    raise ValueError(f"expected ',' at {at}")
                at = _skip_ws(text, at + 1)
            if c.is_object:
                if text[at] != '"':
                    raise ValueError(f"expected a key at {at}")
                name, at = _scanstring(text, at + 1)
                at = _skip_ws(text, at)
                if text[at] != ":":
                    raise ValueError(f"expected ':' at {at}")
                at = _skip_ws(text, at + 1)
            else:
                name = str(len(c.members))
            c.members[name] = c.last = at
            if name == key:
                return at  # its value is skipped only when a later lookup reads on
            at = self._after(at)
        c.end = max(c.end, at)
        return None

    def _after(self, value_at: int) -> int:
        """Where the next separator stands after the value at ``value_at``: the end of a container
        already read to its end, else past the value decoded (C speed)."""
        read = self._containers.get(value_at)
        after = read.end if read is not None and read.end >= 0 else -1
        if after < 0:
            _value, after = _DECODER.raw_decode(self.text, value_at)
        return _skip_ws(self.text, after)


def _skip_ws(text: str, at: int) -> int:
    return _WS.match(text, at).end()  # type: ignore[union-attr]  # matches always


def _blank_lenient(text: str) -> str:
    """``text`` with ``//`` comments outside strings and trailing commas made spaces (the length
    and every line break kept)."""
    out = list(text)
    i, n = 0, len(text)
    in_str = False
    while i < n:
        ch = text[i]
        if in_str:
            if ch == "\\":
                i += 2
                continue
            if ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch == "/" and text.startswith("//", i):
            while i < n and text[i] != "\n":
                out[i] = " "
                i += 1
            continue
        i += 1
    blanked = "".join(out)
    return _TRAILING_COMMA.sub(" ", blanked)


class JsonLocator:
    """Fills the line and column of locations in a document's JSON files: the document itself
    (a Form.io form, a FHIR Questionnaire) and its sibling files (a form's translations, an
    Altinn app's layouts, texts and option lists), each read on first use."""

    def __init__(self, doc: FetchedDocument) -> None:
        self._doc = doc
        self._files: dict[str, JsonPositions | None] = {}

    def __call__(self, loc: Location) -> Location:
        if loc.json_pointer is None or loc.line is not None:
            return loc
        positions = self._positions(loc.source)
        found = positions.position(loc.json_pointer) if positions is not None else None
        if found is None:
            return loc
        return replace(loc, line=found[0], column=found[1])

    def _positions(self, source: str) -> JsonPositions | None:
        if source not in self._files:
            body = self._body(source)
            text = None
            if body is not None:
                try:
                    text = body.decode("utf-8-sig")
                except UnicodeDecodeError:
                    text = None
            self._files[source] = JsonPositions(text) if text is not None else None
        return self._files[source]

    def _body(self, source: str) -> bytes | None:
        doc = self._doc
        if source in (doc.source, doc.url) and doc.body:
            return doc.body
        wanted = source.replace("\\", "/")
        for rel, body in doc.siblings.items():
            if wanted == rel or wanted.endswith("/" + rel):
                return body
        return None
