"""The rule specification: pydantic models that validate rule YAML and generate its JSON Schema.

A rule is data: id, kind, severity, confidence, scopes, a kind-specific ``match`` block, context
conditions (``unless``, ``only_if``), messages and suggestions in nb/nn/en, why + references, and
examples that the test suite runs. Unknown keys are errors with file:line (see config.loader).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

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
# Conditions a text match must not meet. Each is implemented in engine/conditions.py.
Condition = Literal[
    "quoted",  # inside «», "", '' quotes: the text discusses the wording
    "homograph",  # "far" used as a verb, "Hans" used as a given name
    "legal-context",  # inside a statutory term (enslig mor eller far, far eller medmor)
    "bare-option",  # an option, field-set legend or column head that is only the matched word
    "example-hint",  # a hint giving examples ("for eksempel: han, hun, hen")
    "inclusive-continuation",  # the pair goes on to a neutral form ("han/hun/hen", "he/she/they")
    "statutory-context",  # the form's subject is a statutory parent category (foreldrepenger …)
]
Context = Literal[
    "school", "kindergarten", "health", "registration", "welfare", "business", "statutory-parent"
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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

    @model_validator(mode="after")
    def _one_body(self) -> Example:
        if sum(x is not None for x in (self.text, self.form, self.html)) != 1:
            raise ValueError("an example needs exactly one of text, form, html")
        return self


class Examples(Strict):
    flag: list[Example] = Field(min_length=3)
    pass_: list[Example] = Field(alias="pass", min_length=3)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- kind-specific match blocks -------------------------------------------------------------


class TermMatch(Strict):
    """Words or phrases, by lemma (all inflected forms), ``@concept``, or literal token.

    A phrase is space-separated tokens; ``a|b`` is an alternative. Lemmas come from the lexicon.
    """

    kind: Literal["term"] = "term"
    terms: dict[Lang, list[str]]
    strict_terms: dict[Lang, list[str]] = Field(
        default_factory=dict, description="added in the strict profile"
    )
    compounds: bool = Field(
        default=False, description="also match closed compounds (morsnavn -> mor + navn)"
    )
    except_phrases: dict[Lang, list[str]] = Field(
        default_factory=dict, description="fixed expressions that are not findings (mother tongue)"
    )
    context_terms: dict[Context, dict[Lang, list[str]]] = Field(
        default_factory=dict,
        description="terms that match only where the page or form is about the context "
        "(statutory-parent: mor, far, medmor name legal positions in a foreldrepenger form)",
    )


class SplitPair(Strict):
    """A pronoun pair split over two alternatives in one text: each pronoun follows a person
    of its gender that an alternative opens ("if it is the mother, she …; if the father, he …").

    A pronoun whose nearest person before it (within ``window`` tokens, in its sentence) is of
    its gender, with a word of ``alternatives`` right before that person, makes one half; a
    female and a male half in one text make the pair. A pronoun that refers to a thing (nn "ho"
    for "fullmakta") has no person before it and makes nothing."""

    female: list[str] = Field(description="concepts of the female pronouns")
    male: list[str] = Field(description="concepts of the male pronouns")
    female_persons: list[str] = Field(description="concepts of female persons (mother, woman)")
    male_persons: list[str] = Field(description="concepts of male persons (father, man)")
    alternatives: dict[Lang, list[str]] = Field(
        description="words that open an alternative (hvis, dersom, er det, if …)"
    )
    window: int = Field(default=8, ge=2, le=20)
    reach: int = Field(
        default=6, ge=1, le=8, description="how many tokens before the person an opener may be"
    )


class PairMatch(Strict):
    """Binary pairs joined by a joiner: han eller hun, han/hun, he or she."""

    kind: Literal["pair"] = "pair"
    pairs: dict[Lang, list[tuple[str, str]]]
    joiners: dict[Lang, list[str]]
    fused: dict[Lang, list[str]] = Field(
        default_factory=dict, description="one-token forms: s/he, (s)he"
    )
    split: SplitPair | None = None


class PatternMatch(Strict):
    """Raw spaCy Matcher token patterns per language."""

    kind: Literal["pattern"] = "pattern"
    patterns: dict[Lang, list[list[dict[str, Any]]]]


class ChoicesMatch(Strict):
    """A condition on a field's visible options, classified into concepts.

    ``mode``: ``only`` (every option is one of ``classes``, and at least ``min_options`` and every
    class in ``all_of`` present); ``exactly`` (the option classes are exactly ``classes``);
    ``selected`` (an option is selected by default); ``lacks`` (some option is in ``classes`` but
    none is in ``lacking``); ``codelist`` (options come from a known binary code list).
    A field is considered when its question has one of ``question`` concepts or its options hit
    ``classes``; ``neutral`` classes present among the options clear the finding.
    """

    kind: Literal["choices"] = "choices"
    mode: Literal["only", "exactly", "selected", "lacks"]
    question: list[str] = Field(default_factory=list)
    classes: list[str]
    all_of: list[str] = Field(default_factory=list)
    lacking: list[str] = Field(default_factory=list)
    neutral: list[str] = Field(default_factory=list)
    min_options: int = 2
    fieldset: bool = Field(
        default=False,
        description="also judge the form's field questions as one set (a 'Mor' and a 'Far' field)",
    )
    option_letters: dict[Lang, dict[str, str]] = Field(
        default_factory=dict,
        description="single-letter options when all options are letters: M -> male",
    )


class FieldMatch(Strict):
    """A single field's question or options source: e.g. a gender-like field with unresolved options."""

    kind: Literal["field"] = "field"
    question: list[str]
    name_patterns: list[str] = Field(
        default_factory=list, description="regexes on field name / options ref"
    )
    options: Literal["unresolved", "any"] = "any"


class RequireMatch(Strict):
    """Something that should exist in a form when a trigger field is there."""

    kind: Literal["require"] = "require"
    when_question: list[str] = Field(
        default_factory=list, description="a field whose question has one of these concepts"
    )
    when_options: list[str] = Field(
        default_factory=list, description="...or whose options hit all these classes"
    )
    not_when_question: list[str] = Field(
        default_factory=list,
        description="trigger fields whose question has these concepts are not triggers",
    )
    not_when_words: list[str] = Field(
        default_factory=list,
        description="regexes: trigger questions matching are not triggers (Firmanavn)",
    )
    missing_question: list[str] = Field(
        default_factory=list, description="no field may have a question with these concepts"
    )
    missing_text: dict[Lang, list[str]] = Field(
        default_factory=dict, description="regexes none of which may occur in the form's text"
    )
    missing_help: dict[Lang, list[str]] = Field(
        default_factory=dict,
        description="regexes none of which may occur in the trigger field's own help",
    )


class CheckMatch(Strict):
    """A built-in check (form accessibility), named; parameters are the check's own."""

    kind: Literal["check"] = "check"
    check: Literal[
        "accessible-name",
        "button-name",
        "group-legend",
        "placeholder-only",
        "autocomplete-missing",
        "autocomplete-invalid",
        "page-lang",
    ]
    params: dict[str, Any] = Field(default_factory=dict)


Match = Annotated[
    TermMatch | PairMatch | PatternMatch | ChoicesMatch | FieldMatch | RequireMatch | CheckMatch,
    Field(discriminator="kind"),
]
RuleKind = Literal["term", "pair", "pattern", "choices", "field", "require", "check"]


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
    kind: RuleKind
    severity: SeverityName
    confidence: ConfidenceName = "high"
    category: Literal["a2", "accessibility"] = "a2"
    languages: list[Lang] = Field(default_factory=lambda: _langs("nb", "nn", "en"))
    scopes: list[ScopeName] = Field(default_factory=lambda: list(ALL_SCOPES))
    profiles: list[ProfileName] = Field(default_factory=lambda: _profiles("standard", "strict"))
    match: Match
    unless: list[Condition] = Field(default_factory=list)
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

    @model_validator(mode="after")
    def _consistent(self) -> RuleSpec:
        if self.match.kind != self.kind:
            raise ValueError(f"match.kind {self.match.kind!r} differs from kind {self.kind!r}")
        for key in ("nb", "en"):
            if key not in self.message or key not in self.title or key not in self.why:
                raise ValueError(f"title, message and why need at least nb and en (missing {key})")
        return self


def rule_json_schema() -> dict[str, Any]:
    """The JSON Schema of a rule file, generated from the models (never hand-edited)."""
    schema = RuleSpec.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://formlint.example/schemas/rule.schema.json"
    schema["title"] = "formlint rule"
    return schema
