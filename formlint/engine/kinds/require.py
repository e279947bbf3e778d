"""Kind ``require``: something a form should have when a trigger field is there (a preferred-name
field beside a name; a purpose statement beside a gender question)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from formlint.engine.kinds.base import FormFacts, FormKind, Hit, MatchBlock
from formlint.engine.kinds.fields import FieldView
from formlint.engine.specbase import Lang
from formlint.model import FieldKind

if TYPE_CHECKING:
    from formlint.engine.spec import RuleSpec


class RequireMatch(MatchBlock):
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


def require_hits(spec: RuleSpec, facts: FormFacts) -> list[Hit]:
    m = spec.match
    assert isinstance(m, RequireMatch)
    triggers = [fv for fv in require_triggers(m, facts.views) if fv.language in spec.languages]
    triggers.sort(key=lambda fv: not fv.options)  # report at the choice, not a free-text follow-up
    if not triggers or require_satisfied(m, facts, triggers[0].language):
        return []
    return [Hit.at(triggers[0])]


def require_triggers(m: RequireMatch, views: list[FieldView]) -> list[FieldView]:
    out = []
    for fv in views:
        if fv.field.hidden or fv.field.kind in (FieldKind.BUTTON, FieldKind.HIDDEN):
            continue
        hit = bool(fv.question & set(m.when_question)) or (
            bool(m.when_options) and set(m.when_options) <= fv.present
        )
        if not hit:
            continue
        if fv.question & set(m.not_when_question):
            continue
        q = fv.field.question or ""
        if any(re.search(p, q, re.IGNORECASE) for p in m.not_when_words):
            continue
        out.append(fv)
    return out


def require_satisfied(m: RequireMatch, facts: FormFacts, language: str) -> bool:
    """True when the form has what the rule requires (a preferred-name field, a purpose text)."""
    views = facts.views
    if m.missing_question and any(fv.question & set(m.missing_question) for fv in views):
        return True
    for fv in require_triggers(m, views):
        helptext = " ".join(fv.field.help)
        if helptext and any(
            re.search(p, helptext, re.IGNORECASE) for ps in m.missing_help.values() for p in ps
        ):
            return True
    texts_by_lang: dict[str, list[str]] = {str(k): v for k, v in m.missing_text.items()}
    patterns = texts_by_lang.get(language, []) + [
        p for lang, ps in texts_by_lang.items() if lang != language for p in ps
    ]
    if not patterns:
        return False
    texts = facts.purpose_text()
    return any(re.search(p, texts, re.IGNORECASE) for p in patterns)


KIND = FormKind("require", RequireMatch, require_hits)
