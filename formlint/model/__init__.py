"""Format-neutral form model shared by every parser and every rule."""

from __future__ import annotations

from formlint.model.form import (
    INLINE_OPTIONS,
    NO_SUPPRESSIONS,
    Field,
    FieldKind,
    Form,
    Link,
    Location,
    Option,
    OptionsSource,
    ParsedDocument,
    Problem,
    Scope,
    Suppressions,
    TextBlock,
)

__all__ = [
    "INLINE_OPTIONS",
    "NO_SUPPRESSIONS",
    "Field",
    "FieldKind",
    "Form",
    "Link",
    "Location",
    "Option",
    "OptionsSource",
    "ParsedDocument",
    "Problem",
    "Scope",
    "Suppressions",
    "TextBlock",
]
