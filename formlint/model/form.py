"""The format-neutral form model.

Every parser (HTML, Altinn, Form.io, FHIR, PDF, DOCX, ODT, GOV.UK Nunjucks) fills these classes and
every rule reads only these classes, so a rule written once works on every format unchanged.
All classes are frozen: a parsed document is a value that can be cached, pickled to a worker
process and compared in golden tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any


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
        # not asdict(): it deep-copies each member (all str or int), ~10x the time
        return {k: v for k in _LOCATION_FIELDS if (v := getattr(self, k)) is not None}


@dataclass(frozen=True, slots=True)
class Suppressions:
    """Rule ids switched off for one element by inline markup, with the reason given there.

    ``rules`` holds rule ids, or ``"all"``. Parsers fill this from
    ``<!-- formlint-disable RULE -- reason -->`` regions and ``data-formlint-ignore`` attributes.
    """

    rules: frozenset[str] = frozenset()
    reasons: tuple[tuple[str, str], ...] = ()  # (rule id, reason) pairs

    def covers(self, rule_id: str) -> bool:
        return rule_id in self.rules or "all" in self.rules

    def reason_for(self, rule_id: str) -> str:
        for rid, reason in self.reasons:
            if rid in (rule_id, "all"):
                return reason
        return ""

    def __bool__(self) -> bool:
        return bool(self.rules)


NO_SUPPRESSIONS = Suppressions()


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


# --- a fast constructor for the hot path of HTML parsing ------------------------------------------
# A frozen dataclass __init__ sets each field through object.__setattr__ (Location has ten): with
# ~250 blocks a page that was ~1.5 ms of a 12 ms lint. Writing the slots directly builds the same
# objects (equal, same hash, same repr and pickle). Fastest is to fill an instance of a plain
# class with the same slots (a specialised attribute store each) and then make it a Location or
# TextBlock by assigning ``__class__``, which CPython allows between classes of the same layout;
# a self-test at import falls back to the dataclass constructors should that ever be refused.

_LOCATION_FIELDS = (
    "source", "line", "column", "end_line", "css_path", "json_pointer", "page", "part", "component",
    "anchor",
)  # fmt: skip
_BLOCK_FIELDS = ("text", "scope", "location", "language", "hidden", "suppressions")
if (
    tuple(f.name for f in fields(Location)) != _LOCATION_FIELDS
    or tuple(f.name for f in fields(TextBlock)) != _BLOCK_FIELDS
):  # not an assert: it must hold under python -O too
    raise RuntimeError("Location/TextBlock fields changed: update text_block_at")
_new = object.__new__


class _LocationSlots:
    """Location's layout without its frozen ``__setattr__``: filled, then made a Location."""

    __slots__ = _LOCATION_FIELDS


class _TextBlockSlots:
    """TextBlock's layout without its frozen ``__setattr__``: filled, then made a TextBlock."""

    __slots__ = _BLOCK_FIELDS


def _text_block_by_init(
    text: str,
    scope: Scope,
    source: str,
    line: int | None,
    css_path: str | None,
    anchor: str | None,
    language: str | None,
    hidden: bool,
    suppressions: Suppressions,
) -> TextBlock:
    """:func:`text_block_at` through the dataclass constructors: the reference the fast path is
    checked against at import, and the fallback should the class swap ever be refused."""
    loc = Location(source=source, line=line, css_path=css_path, anchor=anchor)
    return TextBlock(text, scope, loc, language, hidden, suppressions)


def text_block_at(
    text: str,
    scope: Scope,
    source: str,
    line: int | None,
    css_path: str | None,
    anchor: str | None,
    language: str | None,
    hidden: bool,
    suppressions: Suppressions,
) -> TextBlock:
    """``TextBlock(text, scope, Location(source, line=line, css_path=css_path, anchor=anchor),
    language, hidden, suppressions)``, without the frozen ``__init__`` (see above)."""
    loc: Any = _new(_LocationSlots)
    loc.source = source
    loc.line = line
    loc.column = None
    loc.end_line = None
    loc.css_path = css_path
    loc.json_pointer = None
    loc.page = None
    loc.part = None
    loc.component = None
    loc.anchor = anchor
    loc.__class__ = Location
    block: Any = _new(_TextBlockSlots)
    block.text = text
    block.scope = scope
    block.location = loc
    block.language = language
    block.hidden = hidden
    block.suppressions = suppressions
    block.__class__ = TextBlock
    return block  # type: ignore[no-any-return]


def _class_swap_works() -> bool:
    probe = ("t", Scope.PARAGRAPH, "s", 1, "p", "a", "nb", False, NO_SUPPRESSIONS)
    try:
        made = text_block_at(*probe)
    except TypeError:  # "__class__ assignment: ... object layout differs"
        return False
    return type(made) is TextBlock and made == _text_block_by_init(*probe)


if not _class_swap_works():
    text_block_at = _text_block_by_init


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
        ):
            v = getattr(self, key)
            if v is not None:
                d[key] = v
        if self.help:
            d["help"] = list(self.help)
        if self.options:
            d["options"] = [o.to_dict() for o in self.options]
        if self.options_source != INLINE_OPTIONS:
            d["options_source"] = {"kind": self.options_source.kind, "ref": self.options_source.ref}
        for key in ("required", "hidden", "disabled", "label_hidden"):
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
    text_blocks: tuple[TextBlock, ...] = ()
    language: str | None = None
    title: str | None = None
    problems: tuple[Problem, ...] = ()
    links: tuple[Link, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

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
        return d


# --- text blocks built on first read -----------------------------------------------------------
# A web page has hundreds of text blocks, and linting reads little more than their texts: the
# HTML parser hands a document its blocks as compact rows (formlint/model/blocks.py), and
# ``doc.text_blocks`` builds the tuple of TextBlocks only when someone reads it. Everything that
# reads it (equality, hash, repr, to_dict, pickle, ``dataclasses.replace``) sees that tuple, the
# same as for a document given a tuple, so a deferred document behaves as an eager one.


class DeferredBlocks:
    """What a document's ``text_blocks`` slot may hold instead of the tuple: it builds the tuple
    (once: the same objects on every read)."""

    __slots__ = ()

    def blocks(self) -> tuple[TextBlock, ...]:
        raise NotImplementedError


class _TextBlocksSlot:
    """``ParsedDocument.text_blocks``: the dataclass's slot, read through. A DeferredBlocks value
    stays in the slot (the engine reads it as it is) and reads as the tuple it stands for."""

    __slots__ = ("slot",)

    def __init__(self, slot: Any) -> None:
        self.slot = slot

    def __get__(self, obj: ParsedDocument | None, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = self.slot.__get__(obj, owner)
        return value.blocks() if isinstance(value, DeferredBlocks) else value

    def __set__(self, obj: ParsedDocument, value: tuple[TextBlock, ...] | DeferredBlocks) -> None:
        self.slot.__set__(obj, value)

    def __delete__(self, obj: ParsedDocument) -> None:
        self.slot.__delete__(obj)

    def held(self, obj: ParsedDocument) -> tuple[TextBlock, ...] | DeferredBlocks:
        return self.slot.__get__(obj, type(obj))  # type: ignore[no-any-return]


_TEXT_BLOCKS = _TextBlocksSlot(ParsedDocument.__dict__["text_blocks"])
type.__setattr__(ParsedDocument, "text_blocks", _TEXT_BLOCKS)


def defer_text_blocks(doc: ParsedDocument, blocks: DeferredBlocks) -> ParsedDocument:
    """``doc`` with ``text_blocks`` built from ``blocks`` when first read. For a parser, on the
    document it has just made with no text blocks: the value is frozen from then on."""
    if doc.text_blocks:
        raise ValueError("text_blocks already set")
    _TEXT_BLOCKS.__set__(doc, blocks)
    return doc


def deferred_text_blocks(doc: ParsedDocument) -> DeferredBlocks | None:
    """The DeferredBlocks behind ``doc.text_blocks``, if the parser gave one (built or not)."""
    held = _TEXT_BLOCKS.held(doc)
    return held if isinstance(held, DeferredBlocks) else None
