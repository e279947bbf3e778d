"""Kind ``choices``: a condition on a field's visible options (exactly Mann/Kvinne, only Mor/Far,
a preselected gender …), and with ``fieldset`` on the questions of a form's fields taken as one
set (a "Mors navn" and a "Fars navn" field)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from formlint.engine.kinds.base import FormFacts, FormKind, Hit, MatchBlock
from formlint.engine.kinds.fields import CLASS_CONCEPTS, FieldView
from formlint.engine.specbase import Lang
from formlint.findings import Place
from formlint.model import FieldKind

if TYPE_CHECKING:
    from formlint.engine.spec import RuleSpec


class ChoicesMatch(MatchBlock):
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


def choices_hits(spec: RuleSpec, facts: FormFacts) -> list[Hit]:
    m = spec.match
    assert isinstance(m, ChoicesMatch)
    hits = [
        Hit.at(fv)
        for fv in facts.views
        if not fv.field.hidden and fv.language in spec.languages and choices_hit(m, fv)
    ]
    if m.fieldset and not hits:
        involved = fieldset_hit(m, facts.views)
        if involved:
            # "Mors navn / Fars navn", or "Mor / Far" where the roles head sections of "Navn"
            names = dict.fromkeys(
                x.field.question if x.question & CLASS_CONCEPTS else (x.field.legend or "")
                for x in involved
            )
            cited = " / ".join(n for n in names if n)
            # one finding for the set: the other fields are its places
            places = tuple(
                Place(x.field.location, x.field.question, language=x.language) for x in involved[1:]
            )
            hits.append(Hit.at(involved[0], excerpt=cited, options=cited, places=places))
    return hits


def choices_hit(m: ChoicesMatch, fv: FieldView) -> bool:
    """True when the field's options meet the rule's condition."""
    if not fv.options:
        return False
    present = fv.present
    considered = (
        (not m.question and not m.all_of)
        or bool(fv.question & set(m.question))
        or (bool(m.all_of) and set(m.all_of) <= present)
    )
    if not considered:
        return False
    if present & set(m.neutral):
        return False
    classes = set(m.classes)
    pure = [o for o in fv.options if len(o.classes) == 1]
    if m.mode == "only":
        return (
            len(pure) == len(fv.options)
            and all(o.classes <= classes for o in fv.options)
            and len(fv.options) >= m.min_options
            and set(m.all_of) <= present
        )
    if m.mode == "exactly":
        return len(pure) == len(fv.options) and present == classes
    if m.mode == "selected":
        return any(o.selected for o in fv.options)
    if m.mode == "lacks":
        count = sum(1 for o in fv.options if o.classes & classes)
        return count >= m.min_options and not (present & set(m.lacking))
    return False


def fieldset_hit(m: ChoicesMatch, views: list[FieldView]) -> list[FieldView]:
    """Fields whose *questions* name only the rule's classes (a "Mor" and a "Far" field, or
    "Navn" fields under a "Mor" and a "Far" legend), when no field asks about anyone else.
    Returns the fields involved, or [].

    A field's own question decides; its section (an enclosing legend) counts only when the
    question names no one: "Mors navn" under "Foresatte" asks about the mother (the heading does
    not offer a neutral field), while "Navn" under "Annen foresatt" is a neutral field."""
    classes = set(m.classes)
    involved = []
    present: set[str] = set()
    for fv in views:
        # a signature line ("Underskrift fra mor") is wording, judged by the text rules
        if fv.field.hidden or fv.field.kind is FieldKind.SIGNATURE:
            continue
        q = (fv.question & CLASS_CONCEPTS) or (fv.section & CLASS_CONCEPTS)
        if q & set(m.neutral):
            return []
        if q and q <= classes:
            involved.append(fv)
            present |= q
    if set(m.all_of or m.classes) <= present:
        return involved
    return []


KIND = FormKind("choices", ChoicesMatch, choices_hits)
