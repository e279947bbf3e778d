"""Format-neutral form model shared by every parser and every rule."""

from __future__ import annotations

from formlint.model.audit import Audit, AuditNode, anchor_of
from formlint.model.form import (
    INLINE_OPTIONS,
    Field,
    FieldKind,
    Form,
    Link,
    Option,
    OptionsSource,
    ParsedDocument,
    Problem,
)
from formlint.model.text import (
    NO_SUPPRESSIONS,
    NO_TEXT,
    Location,
    Row,
    Scope,
    SuppressionDirective,
    Suppressions,
    TextBlock,
    TextBlocks,
    row_block,
    text_anchor,
)

__all__ = [
    "INLINE_OPTIONS",
    "NO_SUPPRESSIONS",
    "NO_TEXT",
    "Audit",
    "AuditNode",
    "Field",
    "FieldKind",
    "Form",
    "Link",
    "Location",
    "Option",
    "OptionsSource",
    "ParsedDocument",
    "Problem",
    "Row",
    "Scope",
    "SuppressionDirective",
    "Suppressions",
    "TextBlock",
    "TextBlocks",
    "anchor_of",
    "row_block",
    "text_anchor",
]
