"""The format-neutral form model.

Every parser (HTML, Altinn, Form.io, FHIR, PDF, DOCX, ODT, GOV.UK Nunjucks) fills these classes and
every rule reads only these classes, so a rule written once works on every format unchanged.
All classes are frozen: a parsed document is a value that can be cached, pickled to a worker
process and compared in golden tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from formlint.model.audit import Audit
from formlint.model.text import (
    NO_SUPPRESSIONS,
    NO_TEXT,
    Location,
    Scope,
    SuppressionDirective,
    Suppressions,
    TextBlock,
    TextBlocks,
)


class FieldKind(StrEnum):
    """What kind of control a field is (HTML input types and their equivalents elsewhere)."""

    TEXT = "text"
    TEXTAREA = "textarea"
    EMAIL = "email"
    TEL = "tel"
    NUMBER = "number"
    DATE = "date"
    RADIO = "radio"  # one choice among options (radio group, radiopanel, FHIR choice)
    CHECKBOX = "checkbox"  # a single yes/no box
    CHECKBOXES = "checkboxes"  # several choices among options
    SELECT = "select"  # a drop-down (single)
    MULTISELECT = "multiselect"
    FILE = "file"
    SIGNATURE = "signature"
    HIDDEN = "hidden"
    BUTTON = "button"
    OTHER = "other"

    @property
    def has_options(self) -> bool:
        return self in (
            FieldKind.RADIO,
            FieldKind.CHECKBOXES,
            FieldKind.SELECT,
            FieldKind.MULTISELECT,
        )


@dataclass(frozen=True, slots=True)
class Option:
    """One choice: the visible label (what people read) and the submitted value (what they don't)."""

    label: str
    value: str | None = None
    selected: bool = False  # checked/selected/preselected by default
    hidden: bool = False
    location: Location | None = None
    description: str | None = None  # extra visible text under the option (Form.io, Cards)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"label": self.label}
        if self.value is not None:
            d["value"] = self.value
        if self.selected:
            d["selected"] = True
        if self.hidden:
            d["hidden"] = True
        if self.description:
            d["description"] = self.description
        return d


@dataclass(frozen=True, slots=True)
class OptionsSource:
    """Where a field's options come from when they are not listed inline.

    ``kind`` is ``"inline"``, ``"file"`` (an options file that was read), ``"codelist"`` (a known
    code list shipped with formlint), or ``"unresolved"`` (a reference formlint could not read,
    e.g. an Altinn ``optionsId`` registered in code or an unknown FHIR ValueSet URL).
    """

    kind: str
    ref: str | None = None

    @property
    def resolved(self) -> bool:
        return self.kind != "unresolved"


INLINE_OPTIONS = OptionsSource("inline")


@dataclass(frozen=True, slots=True)
class Field:
    """One form control or question, with every piece of text a person sees around it."""

    kind: FieldKind
    location: Location
    label: str | None = None  # the question / accessible name as shown
    legend: str | None = None  # the enclosing group's legend, when the label is per option
    help: tuple[str, ...] = ()  # hints, descriptions
    placeholder: str | None = None
    name: str | None = None  # submitted name / data binding
    id: str | None = None
    options: tuple[Option, ...] = ()
    options_source: OptionsSource = INLINE_OPTIONS
    required: bool = False
    hidden: bool = False  # not shown to people (type=hidden, hidden container, hideLabel...)
    disabled: bool = (
        False  # disabled / aria-disabled: not operable, so accessibility checks skip it
    )
    label_hidden: bool = False  # the control is shown but its label is not (Form.io hideLabel)
    language: str | None = None
    autocomplete: str | None = None
    # Accessibility facts (filled by parsers that can know them; None = not applicable/unknown)
    name_source: str | None = (
        None  # "label", "aria-label", "aria-labelledby", "title", "placeholder", "text", "alt", "value" or "" (none)
    )
    in_fieldset: bool | None = None
    # the text of each element that labels it and can be seen (each <label>, each
    # aria-labelledby target not hidden or moved off screen), one by one: what a sighted person
    # reads as its label (HTML; empty where the name is an attribute or the format cannot say)
    label_parts: tuple[str, ...] = ()
    heading: str | None = (
        None  # the last visible heading before it (HTML): what tells same-label fields apart
    )
    # its id is on another element too and a <label for> names that id: the label names only the
    # first of them (HTML)
    id_clash: bool = False
    # whether the control carries its own title for assistive technology (a PDF field's tooltip
    # /TU, an XFA field's caption, tooltip or speak text, a Word content control's or ODF
    # control's title); None for printed fields and formats without such titles
    titled: bool | None = None
    suppressions: Suppressions = NO_SUPPRESSIONS

    @property
    def question(self) -> str:
        """The text that asks the question.

        For a radio/checkbox group the legend asks it (each option has its own label); for a single
        control its own label does, and an enclosing fieldset legend ("Om barnet") is only the
        section it sits in.
        """
        if self.kind in (FieldKind.RADIO, FieldKind.CHECKBOXES):
            return self.legend or self.label or ""
        return self.label or self.legend or ""

    def visible_options(self) -> tuple[Option, ...]:
        return tuple(o for o in self.options if not o.hidden and o.label.strip())

    def texts(self) -> list[tuple[str, Scope]]:
        """Every visible text of the field with its scope, for text rules."""
        out: list[tuple[str, Scope]] = []
        if self.label and not self.label_hidden:
            out.append((self.label, Scope.LABEL))
        if self.legend:
            out.append((self.legend, Scope.LEGEND))
        out.extend((h, Scope.HELP) for h in self.help if h)
        if self.placeholder:
            out.append((self.placeholder, Scope.PLACEHOLDER))
        for o in self.visible_options():
            out.append((o.label, Scope.OPTION))
            if o.description:
                out.append((o.description, Scope.HELP))
        return out

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": str(self.kind), "location": self.location.to_dict()}
        for key in (
            "label",
            "legend",
            "placeholder",
            "name",
            "id",
            "language",
            "autocomplete",
            "name_source",
            "in_fieldset",
            "heading",
            "titled",
        ):
            v = getattr(self, key)
            if v is not None:
                d[key] = v
        if self.label_parts and self.label_parts != (self.label,):
            d["label_parts"] = list(self.label_parts)
        if self.help:
            d["help"] = list(self.help)
        if self.options:
            d["options"] = [o.to_dict() for o in self.options]
        if self.options_source != INLINE_OPTIONS:
            d["options_source"] = {"kind": self.options_source.kind, "ref": self.options_source.ref}
        for key in ("required", "hidden", "disabled", "label_hidden", "id_clash"):
            if getattr(self, key):
                d[key] = True
        if self.suppressions:
            d["suppressions"] = sorted(self.suppressions.rules)
        return d


@dataclass(frozen=True, slots=True)
class Form:
    """A form: its fields in order, the text inside it, and what identifies it.

    ``key`` identifies the form inside its document (form id/name/action, Form.io path, Altinn app
    and task) and is the basis of form identity across scans. ``kind`` names the origin
    (``html-form``, ``html-section`` for controls outside a <form>, ``formio``, ``altinn``,
    ``fhir``, ``pdf-acroform``, ``pdf-xfa``, ``pdf-print``, ``docx``, ``odt``, ``govuk-njk``).
    ``translation_of`` is the key of the form this one translates (a Form.io translation file's
    locale): its fields and texts carry the anchors of the strings they translate, so a finding
    in both is one finding.
    """

    key: str
    kind: str
    location: Location
    title: str | None = None
    fields: tuple[Field, ...] = ()
    text_blocks: tuple[TextBlock, ...] = ()
    language: str | None = None
    action: str | None = None  # HTML form action, for identity only; never submitted
    suppressions: Suppressions = NO_SUPPRESSIONS
    translation_of: str | None = None

    def all_texts(self) -> list[tuple[str, Scope, Location, str | None, Suppressions]]:
        """Every visible text in the form: (text, scope, location, language, suppressions)."""
        out: list[tuple[str, Scope, Location, str | None, Suppressions]] = []
        # a translation carries its original's title to name it; the title is not its text
        if self.title and self.translation_of is None:
            out.append((self.title, Scope.TITLE, self.location, self.language, self.suppressions))
        seen_legends: set[str] = set()
        for f in self.fields:
            if f.hidden:
                continue
            for text, scope in f.texts():
                # a fieldset legend is shared by every control in it: read it once
                if scope is Scope.LEGEND:
                    if text in seen_legends:
                        continue
                    seen_legends.add(text)
                out.append((text, scope, f.location, f.language or self.language, f.suppressions))
        for b in self.text_blocks:
            if not b.hidden:
                out.append(
                    (b.text, b.scope, b.location, b.language or self.language, b.suppressions)
                )
        return out

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "key": self.key,
            "kind": self.kind,
            "location": self.location.to_dict(),
            "fields": [f.to_dict() for f in self.fields],
            "text_blocks": [b.to_dict() for b in self.text_blocks],
        }
        for key in ("title", "language", "action", "translation_of"):
            v = getattr(self, key)
            if v is not None:
                d[key] = v
        return d


@dataclass(frozen=True, slots=True)
class Problem:
    """Something a parser could not read. It travels with the document instead of raising.

    ``level`` is ``"error"`` (the document or a part of it could not be read: becomes a
    ``formlint.parse-error`` finding and a one-line error) or ``"note"`` (worth saying, not wrong:
    a JSON file that is no known form format, a Sámi block skipped).
    """

    message: str
    location: Location
    level: str = "error"

    def one_line(self) -> str:
        return f"{self.location.describe()}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "message": self.message, "location": self.location.to_dict()}


@dataclass(frozen=True, slots=True)
class Link:
    """An outgoing reference found in a document (for the crawler and the inventory)."""

    url: str
    kind: str = "a"  # "a", "iframe", "script", "form-action", "document"
    text: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """What a parser made of one document: forms, page-level text outside forms, and problems."""

    source: str
    format: str  # "html", "formio", "formio-translations", "altinn", "fhir", "pdf", "docx", "odt", "govuk-njk", "unknown"
    forms: tuple[Form, ...] = ()
    text_blocks: TextBlocks = NO_TEXT  # page text outside forms
    language: str | None = None
    title: str | None = None
    problems: tuple[Problem, ...] = ()
    links: tuple[Link, ...] = ()
    # accessibility facts of the document itself: the language its markup declares (HTML lang,
    # PDF /Lang, a Word or ODF document's default language; None: none declared), whether a PDF
    # is tagged (None for other formats), and controls outside any form that ask nothing
    # (buttons in menus and banners: only the accessibility checks read them)
    declared_language: str | None = None
    tagged: bool | None = None
    controls: tuple[Field, ...] = ()
    audits: tuple[Audit, ...] = ()  # what axe-core found on the rendered page
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # inline suppressions as written (Suppressions.origins index them), checked after linting
    directives: tuple[SuppressionDirective, ...] = ()

    @property
    def read_anything(self) -> bool:
        """Whether a form or a text of the document was read (else, with problems, it failed)."""
        return bool(self.forms or self.text_blocks)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "source": self.source,
            "format": self.format,
            "forms": [f.to_dict() for f in self.forms],
            "text_blocks": [b.to_dict() for b in self.text_blocks],
            "problems": [p.to_dict() for p in self.problems],
        }
        if self.language:
            d["language"] = self.language
        if self.title:
            d["title"] = self.title
        if self.directives:
            d["directives"] = [x.to_dict() for x in self.directives]
        if self.declared_language:
            d["declared_language"] = self.declared_language
        if self.tagged is not None:
            d["tagged"] = self.tagged
        if self.controls:
            d["controls"] = [c.to_dict() for c in self.controls]
        if self.audits:
            d["audits"] = [a.to_dict() for a in self.audits]
        return d
