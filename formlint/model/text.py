"""Text and where it sits: the scopes, locations, inline suppressions and text blocks every
parser fills and every rule reads, and a page's text blocks kept as compact rows."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from operator import attrgetter, itemgetter
from typing import Any, overload


class Scope(StrEnum):
    """Where a piece of text sits; rules choose the scopes they read.

    The set is deliberately small: parsers map their own notions onto it (a Form.io
    ``additionalDescriptionText`` is HELP, an Altinn ``title`` binding is LABEL, a FHIR ``display``
    item is PARAGRAPH).
    """

    TITLE = "title"  # document or form title
    HEADING = "heading"
    PARAGRAPH = "paragraph"  # prose: paragraphs, alerts, HTML elements in form definitions
    LIST_ITEM = "list-item"
    TABLE_CELL = "table-cell"
    LABEL = "label"  # a field's question / accessible name
    LEGEND = "legend"  # a group's question (fieldset legend, radio panel label)
    HELP = "help"  # hints, descriptions, help texts tied to a field
    PLACEHOLDER = "placeholder"
    OPTION = "option"  # an option's visible label
    SIGNATURE = "signature"  # signature blocks (who signs)
    TRANSLATION = "translation"  # a translated string whose component could not be resolved

    @property
    def is_field_text(self) -> bool:
        return self in _FIELD_TEXT


_FIELD_TEXT = frozenset(
    {Scope.LABEL, Scope.LEGEND, Scope.HELP, Scope.PLACEHOLDER, Scope.OPTION, Scope.SIGNATURE}
)


@dataclass(frozen=True, slots=True)
class Location:
    """A place a person can follow back to the source.

    ``source`` is the file path or URL. The other members are filled as the format allows: HTML has
    line/column and a CSS path; JSON formats have a JSON pointer and a component description; PDF
    has a page; DOCX/ODT have a part and a paragraph/table index. ``anchor`` is a stable key for
    fingerprints (field name or id, component key, linkId) that survives edits around it.
    """

    source: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    css_path: str | None = None
    json_pointer: str | None = None
    page: int | None = None
    part: str | None = None
    component: str | None = None
    anchor: str | None = None

    def describe(self) -> str:
        """Short human description: ``file:12:5 (form#x > input[name=y])``."""
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        extra = [
            x
            for x in (
                f"page {self.page}" if self.page is not None else None,
                self.part,
                self.component,
                self.json_pointer if not self.component else None,
                self.css_path,
            )
            if x
        ]
        if extra:
            where += " (" + ", ".join(extra) + ")"
        return where

    def to_dict(self) -> dict[str, Any]:
        return {f.name: v for f in fields(self) if (v := getattr(self, f.name)) is not None}


@dataclass(frozen=True, slots=True)
class Suppressions:
    """Rule ids switched off for one element by inline markup, with the reason given there.

    ``rules`` holds rule ids, or ``"all"``. Parsers fill this from
    ``<!-- formlint-disable RULE -- reason -->`` regions and ``data-formlint-ignore`` attributes.
    ``origins`` says which of the document's :class:`SuppressionDirective` switched each id off,
    so a directive that suppressed nothing can be reported.
    """

    rules: frozenset[str] = frozenset()
    reasons: tuple[tuple[str, str], ...] = ()  # (rule id, reason) pairs
    origins: tuple[tuple[str, int], ...] = ()  # (rule id, index in ParsedDocument.directives)

    def covers(self, rule_id: str) -> bool:
        return rule_id in self.rules or "all" in self.rules

    def reason_for(self, rule_id: str) -> str:
        for rid, reason in self.reasons:
            if rid in (rule_id, "all"):
                return reason
        return ""

    def origin_for(self, rule_id: str) -> int | None:
        """The directive that switched ``rule_id`` off (by its id before ``all``)."""
        found = None
        for rid, index in self.origins:
            if rid == rule_id:
                return index
            if rid == "all" and found is None:
                found = index
        return found

    def __bool__(self) -> bool:
        return bool(self.rules)


NO_SUPPRESSIONS = Suppressions()


@dataclass(frozen=True, slots=True)
class SuppressionDirective:
    """An inline suppression as written in the document: a ``formlint-disable`` comment or a
    ``data-formlint-ignore`` attribute, with the rule ids it names (``all`` for none named)."""

    rules: tuple[str, ...]
    location: Location
    reason: str = ""
    kind: str = "comment"  # "comment" or "attribute"

    def describe(self) -> str:
        """``formlint-disable gender-binary-options`` or ``data-formlint-ignore="…"``."""
        ids = " ".join(self.rules)
        if self.kind == "attribute":
            return f'data-formlint-ignore="{ids}"'
        return f"formlint-disable {ids}"

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "kind": self.kind,
            "rules": list(self.rules),
            "location": self.location.to_dict(),
        }
        if self.reason:
            d["reason"] = self.reason
        return d


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A run of visible text with its scope and language (``None`` = not marked up)."""

    text: str
    scope: Scope
    location: Location
    language: str | None = None
    hidden: bool = False
    suppressions: Suppressions = NO_SUPPRESSIONS

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text,
            "scope": str(self.scope),
            "location": self.location.to_dict(),
        }
        if self.language:
            d["language"] = self.language
        if self.hidden:
            d["hidden"] = True
        if self.suppressions:
            d["suppressions"] = sorted(self.suppressions.rules)
        return d


# --- a page's text blocks, as rows until read --------------------------------------------------

# (text, scope, line, css path, anchor text, language, hidden, suppressions); "anchor text" is
# the text the location's anchor is made from (see text_anchor), None for no anchor. It is the
# block's text as first read: a block re-read without the text a field took keeps its anchor.
Row = tuple[str, Scope, int | None, str, str | None, str | None, bool, Suppressions]

_TEXT, _SCOPE, _LANGUAGE, _HIDDEN = itemgetter(0), itemgetter(1), itemgetter(5), itemgetter(6)


def text_anchor(text: str) -> str:
    """The anchor of a page text block: its first 48 characters, lower-cased (survives edits
    elsewhere on the page, unlike a line number)."""
    return "text:" + text[:48].lower()


def row_block(source: str, row: Row) -> TextBlock:
    """The TextBlock a row stands for."""
    text, scope, line, css, anchor_text, language, hidden, supp = row
    anchor = None if anchor_text is None else text_anchor(anchor_text)
    loc = Location(source=source, line=line, css_path=css, anchor=anchor)
    return TextBlock(text, scope, loc, language, hidden, supp)


class TextBlocks(Sequence[TextBlock]):
    """A document's page text: a sequence of TextBlocks, which the HTML parser hands over as
    rows. A page has ~250 blocks and the engine reads only their texts, scopes, languages and
    hidden flags, building a TextBlock for the few that hold a hit: building and freeing them
    all was ~15 % of linting a form page (BENCHMARKS.md). Read as a sequence it is the blocks,
    built once on first read; the column methods read the rows without building any.
    """

    __slots__ = ("_blocks", "rows", "source")

    def __init__(self, blocks: Sequence[TextBlock] = ()) -> None:
        self.source = ""
        self.rows: list[Row] | None = None
        self._blocks: tuple[TextBlock, ...] | None = tuple(blocks)

    @classmethod
    def from_rows(cls, source: str, rows: list[Row]) -> TextBlocks:
        table = cls()
        table.source = source
        table.rows = rows
        table._blocks = None
        return table

    def blocks(self) -> tuple[TextBlock, ...]:
        if self._blocks is None:
            self._blocks = tuple([row_block(self.source, r) for r in self.rows or ()])
        return self._blocks

    def __len__(self) -> int:
        return (
            len(self.rows) if self._blocks is None and self.rows is not None else len(self.blocks())
        )

    @overload
    def __getitem__(self, index: int) -> TextBlock: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[TextBlock]: ...
    def __getitem__(self, index: int | slice) -> TextBlock | Sequence[TextBlock]:
        if isinstance(index, int) and self._blocks is None and self.rows is not None:
            return row_block(self.source, self.rows[index])  # one block, without the rest
        return self.blocks()[index]

    def __iter__(self) -> Iterator[TextBlock]:
        return iter(self.blocks())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TextBlocks):
            return self.blocks() == other.blocks()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.blocks())

    def __repr__(self) -> str:
        return f"TextBlocks({self.blocks()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (TextBlocks, (self.blocks(),))

    def _column(self, getter: itemgetter[Any], name: str) -> list[Any]:
        if self._blocks is None and self.rows is not None:
            return list(map(getter, self.rows))
        return list(map(attrgetter(name), self.blocks()))

    def texts(self) -> list[str]:
        return self._column(_TEXT, "text")

    def scopes(self) -> list[Scope]:
        return self._column(_SCOPE, "scope")

    def languages(self) -> list[str | None]:
        return self._column(_LANGUAGE, "language")

    def hidden(self) -> list[bool]:
        return self._column(_HIDDEN, "hidden")


NO_TEXT = TextBlocks()
