"""The rule specification: pydantic models that validate rule YAML and generate its JSON Schema.

A rule is data: id, kind, severity, confidence, scopes, a kind-specific ``match`` block, context
conditions (``unless``, ``only_if``), messages and suggestions in nb/nn/en, why + references, and
examples that the test suite runs. Unknown keys are errors with file:line (see config.loader).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import ConfigDict, Field, field_validator, model_validator

from formlint.engine.conditions import registered_conditions
from formlint.engine.kinds import rule_kinds
from formlint.engine.kinds.base import MatchBlock
from formlint.engine.specbase import (
    ALL_SCOPES,
    ConfidenceName,
    Context,
    FieldKindName,
    Lang,
    ProfileName,
    ScopeName,
    SeverityName,
    Strict,
)
from formlint.engine.standards import Standards


class Reference(Strict):
    title: str
    publisher: str
    url: str | None = None
    year: int | None = None


class OptionExample(Strict):
    label: str
    value: str | None = None
    selected: bool = False
    hidden: bool = False


class FieldExample(Strict):
    kind: FieldKindName = "text"
    label: str | None = None
    legend: str | None = None
    help: list[str] = Field(default_factory=list)
    placeholder: str | None = None
    name: str | None = None
    options: list[str | OptionExample] = Field(default_factory=list)
    options_source: str | None = Field(
        default=None, description="'unresolved:<ref>' or 'codelist:<ref>'"
    )
    hidden: bool = False
    autocomplete: str | None = None
    name_source: str | None = None
    in_fieldset: bool | None = None
    required: bool = False
    label_parts: list[str] | None = Field(
        default=None, description="the labels people see, one by one (default: the label)"
    )
    heading: str | None = None
    id_clash: bool = False
    titled: bool | None = None


class FormExample(Strict):
    title: str | None = None
    fields: list[FieldExample] = Field(default_factory=list)
    text: list[str] = Field(default_factory=list, description="paragraphs inside the form")


class Example(Strict):
    """One must-flag or must-pass example: prose ``text``, a ``form`` in the neutral model, or ``html``."""

    lang: Lang = "nb"
    text: str | None = None
    scope: ScopeName = "paragraph"
    form: FormExample | None = None
    html: str | None = None
    source: str | None = Field(
        default=None, description="pretend source path/URL (for context rules)"
    )
    format: str = Field(
        default="example",
        description="the document format a text/form example stands for (html, …)",
    )
    note: str | None = None
    declared_language: str | None = Field(
        default=None, description="the language the document declares (text and form examples)"
    )
    tagged: bool | None = Field(default=None, description="a PDF example: whether it is tagged")

    @model_validator(mode="after")
    def _one_body(self) -> Example:
        if sum(x is not None for x in (self.text, self.form, self.html)) != 1:
            raise ValueError("an example needs exactly one of text, form, html")
        return self


class Examples(Strict):
    flag: list[Example] = Field(min_length=3)
    pass_: list[Example] = Field(alias="pass", min_length=3)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- the match block: one per registered rule kind (formlint/engine/kinds) ----------------------

if TYPE_CHECKING:
    Match = MatchBlock
else:
    Match = Annotated[
        Union[tuple(kind.match for kind in rule_kinds().values())],  # noqa: UP007
        Field(discriminator="kind"),
    ]


class OnlyIf(Strict):
    context: list[Context] = Field(
        default_factory=list, description="the form or page is about one of these services"
    )
    formats: list[str] = Field(
        default_factory=list, description="document formats the rule applies to"
    )


def _langs(*names: Lang) -> list[Lang]:
    return list(names)


def _profiles(*names: ProfileName) -> list[ProfileName]:
    return list(names)


class RuleSpec(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
    aliases: list[str] = Field(
        default_factory=list, description="old ids that still work in suppressions and baselines"
    )
    title: dict[Lang, str]
    kind: str = Field(description="a registered rule kind (term, pair, pattern, choices, …)")
    severity: SeverityName
    confidence: ConfidenceName = "high"
    category: Literal["a2", "accessibility"] = "a2"
    languages: list[Lang] = Field(default_factory=lambda: _langs("nb", "nn", "en"))
    scopes: list[ScopeName] = Field(default_factory=lambda: list(ALL_SCOPES))
    profiles: list[ProfileName] = Field(default_factory=lambda: _profiles("standard", "strict"))
    match: Match
    unless: list[str] = Field(
        default_factory=list,
        description="conditions that veto a match (quoted, homograph, legal-context, …)",
    )
    only_if: OnlyIf = Field(default_factory=OnlyIf)
    supersedes: list[str] = Field(default_factory=list)
    group: Literal["place", "form"] = Field(
        default="place",
        description="form: one finding per form and term, the further occurrences (and the "
        "form's translations) as its places (statutory terms: recorded once, not per use)",
    )
    max_severity: SeverityName | None = Field(
        default=None, description="config may not raise the rule above this (legal-term: info)"
    )
    message: dict[Lang, str]
    suggestions: dict[Lang, list[str]] = Field(default_factory=dict)
    why: dict[Lang, str]
    references: list[Reference] = Field(default_factory=list)
    standards: Standards | None = Field(
        default=None,
        description="accessibility rules: the ACT rules, WCAG success criteria and EN 301 549 "
        "clauses it checks (named in every finding and report)",
    )
    examples: Examples
    tags: list[str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _kind_into_match(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("match"), dict) and "kind" in data:
            m = dict(data["match"])
            m.setdefault("kind", data["kind"])
            data = {**data, "match": m}
        return data

    @field_validator("unless")
    @classmethod
    def _known_conditions(cls, names: list[str]) -> list[str]:
        known = registered_conditions()
        for name in names:
            if name not in known:
                raise ValueError(
                    f"unknown condition {name!r} (allowed: {', '.join(sorted(known))})"
                )
        return names

    @model_validator(mode="after")
    def _consistent(self) -> RuleSpec:
        if self.match.kind != self.kind:
            raise ValueError(f"match.kind {self.match.kind!r} differs from kind {self.kind!r}")
        for key in ("nb", "en"):
            if key not in self.message or key not in self.title or key not in self.why:
                raise ValueError(f"title, message and why need at least nb and en (missing {key})")
        if (self.category == "accessibility") != (self.standards is not None):
            raise ValueError("an accessibility rule, and only one, names its standards")
        return self


def rule_json_schema() -> dict[str, Any]:
    """The JSON Schema of a rule file, generated from the models (never hand-edited)."""
    schema = RuleSpec.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://formlint.example/schemas/rule.schema.json"
    schema["title"] = "formlint rule"
    # the names a rule file may use, from the registries (a package may add kinds and conditions)
    schema["properties"]["kind"]["enum"] = sorted(rule_kinds())
    schema["properties"]["unless"]["items"]["enum"] = sorted(registered_conditions())
    return schema
