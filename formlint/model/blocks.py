"""A page's text blocks as compact rows, made into TextBlocks only when read.

An HTML page has ~250 text blocks, and the engine reads only their texts, scopes, languages and
hidden flags, but for the few that hold a hit or open a language: building a TextBlock and a
Location for each (and freeing them) was ~5 % of linting a form page. The HTML parser hands
:class:`ParsedDocument` a :class:`BlockTable` (see ``defer_text_blocks``); ``doc.text_blocks``
builds the same tuple of TextBlocks on first read, and the engine reads the rows through
:func:`block_table`.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter, itemgetter
from typing import Any

from formlint.model.form import (
    DeferredBlocks,
    ParsedDocument,
    Scope,
    Suppressions,
    TextBlock,
    deferred_text_blocks,
    text_block_at,
)

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
    return text_block_at(text, scope, source, line, css, anchor, language, hidden, supp)


class BlockTable(DeferredBlocks):
    """A document's page text blocks: rows from the HTML parser, or a built tuple (any other
    parser), read column by column without making a TextBlock per block."""

    __slots__ = ("_blocks", "rows", "source")

    def __init__(self, source: str, rows: list[Row] | None) -> None:
        self.source = source
        self.rows = rows
        self._blocks: tuple[TextBlock, ...] | None = None

    @classmethod
    def of(cls, blocks: tuple[TextBlock, ...]) -> BlockTable:
        """Built blocks, read as a table."""
        table = cls("", None)
        table._blocks = blocks
        return table

    def __len__(self) -> int:
        return len(self.rows) if self.rows is not None else len(self.blocks())

    def blocks(self) -> tuple[TextBlock, ...]:
        if self._blocks is None:
            source = self.source
            self._blocks = tuple([row_block(source, r) for r in self.rows or ()])
        return self._blocks

    def block(self, index: int) -> TextBlock:
        """One block, made on its own while the tuple is not built."""
        if self._blocks is None and self.rows is not None:
            return row_block(self.source, self.rows[index])
        return self.blocks()[index]

    def _column(self, getter: itemgetter[Any], name: str) -> list[Any]:
        if self.rows is not None:
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

    def visible_texts(self, scopes: frozenset[Scope]) -> Iterator[str]:
        """The texts of the visible blocks in ``scopes``, in order, one at a time (a caller that
        wants the first few stops early)."""
        if self.rows is not None:
            return (r[0] for r in self.rows if r[1] in scopes and not r[6])
        return (b.text for b in self.blocks() if b.scope in scopes and not b.hidden)


def block_table(doc: ParsedDocument) -> BlockTable:
    """``doc``'s page text blocks as a table, without building them if the parser deferred them."""
    deferred = deferred_text_blocks(doc)
    return deferred if isinstance(deferred, BlockTable) else BlockTable.of(doc.text_blocks)
