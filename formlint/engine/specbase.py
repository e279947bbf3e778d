"""The pieces every rule kind's match block is made of (below the rule spec and the kinds)."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

Lang = Literal["nb", "nn", "en"]
SeverityName = Literal["error", "warning", "suggestion", "info"]
ConfidenceName = Literal["high", "medium", "low"]
ProfileName = Literal["standard", "strict", "minimal"]
ScopeName = Literal[
    "title",
    "heading",
    "paragraph",
    "list-item",
    "table-cell",
    "label",
    "legend",
    "help",
    "placeholder",
    "option",
    "signature",
    "translation",
]
ALL_SCOPES: list[ScopeName] = list(get_args(ScopeName))  # the same as model.Scope (tested)
FieldKindName = Literal[
    "text",
    "textarea",
    "email",
    "tel",
    "number",
    "date",
    "radio",
    "checkbox",
    "checkboxes",
    "select",
    "multiselect",
    "file",
    "signature",
    "hidden",
    "button",
    "other",
]
Context = Literal[
    "school", "kindergarten", "health", "registration", "welfare", "business", "statutory-parent"
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
