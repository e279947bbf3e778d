"""Kind ``field``: a single field by its question or options source (a gender-like field whose
options live outside the files read)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from formlint.engine.kinds.base import FormFacts, FormKind, Hit, MatchBlock
from formlint.engine.kinds.fields import FieldView

if TYPE_CHECKING:
    from formlint.engine.spec import RuleSpec


class FieldMatch(MatchBlock):
    """A single field's question or options source: e.g. a gender-like field with unresolved options."""

    kind: Literal["field"] = "field"
    question: list[str]
    name_patterns: list[str] = Field(
        default_factory=list, description="regexes on field name / options ref"
    )
    options: Literal["unresolved", "any"] = "any"


def field_hits(spec: RuleSpec, facts: FormFacts) -> list[Hit]:
    m = spec.match
    assert isinstance(m, FieldMatch)
    return [
        Hit.at(fv, excerpt=f"{fv.field.question} ({fv.field.options_source.ref or ''})".strip())
        for fv in facts.views
        if not fv.field.hidden and field_hit(m, fv)
    ]


def field_hit(m: FieldMatch, fv: FieldView) -> bool:
    if m.options == "unresolved" and fv.field.options_source.resolved:
        return False
    if fv.question & set(m.question):
        return True
    names = " ".join(x for x in (fv.field.name, fv.field.id, fv.field.options_source.ref) if x)
    return any(re.search(p, names, re.IGNORECASE) for p in m.name_patterns)


KIND = FormKind("field", FieldMatch, field_hits)
