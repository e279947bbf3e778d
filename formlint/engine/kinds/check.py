"""Kind ``check``: a built-in form-accessibility check (accessible name, group legend,
autocomplete …, see :mod:`formlint.engine.checks`), on every field and, for ``page-lang``, on
the page itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from formlint.engine import checks
from formlint.engine.kinds.base import FormFacts, FormKind, Hit, MatchBlock
from formlint.model import Location, ParsedDocument, Scope

if TYPE_CHECKING:
    from formlint.engine.spec import RuleSpec


class CheckMatch(MatchBlock):
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


def check_hits(spec: RuleSpec, facts: FormFacts) -> list[Hit]:
    m = spec.match
    assert isinstance(m, CheckMatch)
    check = checks.FIELD_CHECKS.get(m.check)
    if check is None:
        return []
    hits = []
    for fv in facts.views:
        f = fv.field
        if check(f):
            hits.append(Hit.at(fv, excerpt=f.question or f.name or f.id or f.kind.value))
    for f in facts.unviewed:  # fields in languages without a lexicon still need names
        if check(f):
            hits.append(Hit(f.location, f.question or f.name or "", facts.language, f.suppressions))
    return hits


def page_hits(spec: RuleSpec, doc: ParsedDocument) -> list[Hit]:
    m = spec.match
    assert isinstance(m, CheckMatch)
    if m.check != "page-lang" or not checks.page_lang_missing(doc):
        return []
    loc = Location(source=doc.source, line=1, css_path="html", anchor="html")
    return [Hit(loc, doc.title or doc.source, None, scope=Scope.TITLE, matched="")]


KIND = FormKind("check", CheckMatch, check_hits, page_hits)
