"""Kind ``check``: a built-in accessibility check (accessible name, group legend, autocomplete …,
see :mod:`formlint.engine.checks`) on every field, on a form's fields together (the same label
twice, the form's language), or on the document itself (its language, PDF tags) and the controls
it has outside forms."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field as PydanticField

from formlint.engine import checks
from formlint.engine.kinds.base import FormFacts, FormKind, Hit, MatchBlock, Rule
from formlint.findings import Place
from formlint.model import Field, Location, ParsedDocument, Scope


class CheckMatch(MatchBlock):
    """A built-in check (accessibility), named; parameters are the check's own."""

    kind: Literal["check"] = "check"
    check: Literal[
        "accessible-name",
        "button-name",
        "group-legend",
        "placeholder-only",
        "autocomplete-missing",
        "autocomplete-invalid",
        "label-descriptive",
        "required-exposed",
        "id-clash",
        "control-title",
        "lang-mismatch",
        "page-lang",
        "tagged",
    ]
    params: dict[str, Any] = PydanticField(default_factory=dict)


def _excerpt(f: Field) -> str:
    return f.question or f.name or f.id or f.kind.value


def check_hits(spec: Rule, facts: FormFacts) -> list[Hit]:
    m = spec.match
    assert isinstance(m, CheckMatch)
    if m.check == "label-descriptive":
        return _label_hits(facts)
    if m.check == "lang-mismatch":
        return _lang_mismatch_hits(facts)
    check = checks.FIELD_CHECKS.get(m.check)
    if check is None:
        return []
    hits = []
    for fv in facts.views:
        f = fv.field
        if check(f):
            hits.append(Hit.at(fv, excerpt=_excerpt(f)))
    for f in facts.unviewed:  # fields in languages without a lexicon still need names
        if check(f):
            hits.append(Hit(f.location, f.question or f.name or "", facts.language, f.suppressions))
    return hits


def _label_hits(facts: FormFacts) -> list[Hit]:
    """Labels that do not say what to fill in (ACT cc0f0a): a vague label at its field; a label
    shared by fields nothing visible tells apart once, at the first of them, the others its
    places."""
    out = [
        Hit.at(fv, excerpt=_excerpt(fv.field))
        for fv in facts.views
        if checks.generic_label(fv.field)
    ]
    out += [
        Hit(f.location, _excerpt(f), facts.language, f.suppressions, question=f.question)
        for f in facts.unviewed
        if checks.generic_label(f)
    ]
    for group in checks.same_label_groups(facts.form, facts.doc, checks.generic_label):
        first = group[0]
        places = tuple(Place(f.location, _excerpt(f), language=f.language) for f in group[1:])
        out.append(
            Hit(
                first.location,
                _excerpt(first),
                first.language or facts.language,
                first.suppressions,
                question=first.question,
                places=places,
            )
        )
    return out


def _lang_mismatch_hits(facts: FormFacts) -> list[Hit]:
    form = facts.form
    marked = checks.lang_mismatch(form, facts.language)
    if marked is None:
        return []
    own = form.language != facts.doc.declared_language
    where = "form" if own else "html"
    return [
        Hit(
            form.location,
            form.title or next((f.question for f in form.fields if f.question), "") or form.key,
            facts.language,
            form.suppressions,
            options=facts.language,
            scope=Scope.TITLE,
            matched=f'<{where} lang="{marked}">',
        )
    ]


def _unread(doc: ParsedDocument) -> bool:
    """Nothing of the document could be read (a truncated PDF, a corrupt DOCX): its language
    and tags are unknown, not missing, and its parse error already says what is wrong."""
    return bool(doc.problems) and not doc.read_anything


def page_hits(spec: Rule, doc: ParsedDocument) -> list[Hit]:
    """The document's own checks, and the field checks on its controls outside forms."""
    m = spec.match
    assert isinstance(m, CheckMatch)
    page_check = checks.PAGE_CHECKS.get(m.check)
    if page_check is not None:
        if not page_check(doc) or _unread(doc):
            return []
        if doc.format == "html":
            loc = Location(source=doc.source, line=1, css_path="html", anchor="html")
        else:
            loc = Location(source=doc.source, anchor="document")
        return [Hit(loc, doc.title or doc.source, None, scope=Scope.TITLE, matched="")]
    check = checks.FIELD_CHECKS.get(m.check)
    if check is None:
        return []
    return [
        Hit(f.location, _excerpt(f), f.language, f.suppressions, question=f.question)
        for f in doc.controls
        if check(f)
    ]


KIND = FormKind("check", CheckMatch, check_hits, page_hits)
