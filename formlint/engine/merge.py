"""Findings that stand for one thing become one finding with further places.

An editor should meet each problem once: a parent field set is one ``parent-mor-far-only`` (its
fields are the places), a string and its translations are one finding in several languages, and
a statutory term is recorded once per form however often the form uses it (``group: form``).
The engine runs these steps on a document's findings in document order, before suppressions
and fingerprints.
"""

from __future__ import annotations

from dataclasses import replace

from formlint.engine.spec import RuleSpec
from formlint.findings import Finding, Place, normalise_text
from formlint.model import Location, ParsedDocument


def place_of(f: Finding) -> Place:
    """The place a finding stands at, to be listed under another finding."""
    return Place(location=f.location, excerpt=f.excerpt, matched=f.matched, language=f.language)


def absorb(target: Finding, others: list[Finding]) -> Finding:
    """``target`` with each of ``others`` (and their own places) as further places."""
    places = list(target.places)
    for o in others:
        places.append(place_of(o))
        places.extend(o.places)
    return replace(target, places=tuple(places))


def supersede(findings: list[Finding], rules: dict[str, RuleSpec]) -> list[Finding]:
    """Drop findings that a stronger finding at the same field already covers
    (``parent-mor-far-only`` over ``parent-role-assumed`` on "Mors navn")."""
    covers: dict[str, set[Location]] = {}
    for f in findings:
        spec = rules.get(f.rule)
        if not spec or not spec.supersedes:
            continue
        locs = {f.location, *(p.location for p in f.places)}
        for victim in spec.supersedes:
            covers.setdefault(victim, set()).update(locs)
    if not covers:
        return findings
    return [f for f in findings if f.location not in covers.get(f.rule, set())]


def merge_translations(
    findings: list[Finding], rules: dict[str, RuleSpec], doc: ParsedDocument
) -> list[Finding]:
    """A translation's finding on a string whose original has the same finding joins it.

    Translated fields and texts carry the anchor of the string they translate
    (``Form.translation_of``), so rule, anchor and scope name the same string in both. What a
    translation alone has (a "he/she" where the form says "hen") stays its own finding.
    ``group: form`` rules are left to :func:`group_per_form`, which joins them by term.
    """
    original_of = {f.key: f.translation_of for f in doc.forms if f.translation_of}
    if not original_of:
        return findings
    targets: dict[tuple[str, str, str, str], int] = {}
    for i, f in enumerate(findings):
        if f.form_key not in original_of and f.location.anchor:
            targets.setdefault((f.form_key, f.rule, f.location.anchor, f.scope), i)
    joined: dict[int, list[Finding]] = {}
    rest: list[tuple[int, Finding]] = []
    for i, f in enumerate(findings):
        original = original_of.get(f.form_key)
        key = (original or "", f.rule, f.location.anchor or "", f.scope)
        spec = rules.get(f.rule)
        target = targets.get(key) if original and spec and spec.group != "form" else None
        if target is not None and f.suppression == findings[target].suppression:
            joined.setdefault(target, []).append(f)
        else:
            rest.append((i, f))
    return [absorb(f, joined[i]) if i in joined else f for i, f in rest]


def group_per_form(
    findings: list[Finding], rules: dict[str, RuleSpec], doc: ParsedDocument
) -> list[Finding]:
    """One finding per form (a translation counts as its form) and term for ``group: form``
    rules; the first in the form itself (not a translation) is the one shown."""
    family = {f.key: f.translation_of or f.key for f in doc.forms}
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, f in enumerate(findings):
        spec = rules.get(f.rule)
        if spec is None or spec.group != "form":
            continue
        term = str(f.extra.get("term") or normalise_text(f.matched or f.excerpt))
        kind = f.suppression.kind if f.suppression else ""
        key = (family.get(f.form_key, f.form_key), f.rule, term.lower(), kind)
        groups.setdefault(key, []).append(i)
    if not groups:
        return findings
    lead: dict[int, list[Finding]] = {}
    dropped: set[int] = set()
    for members in groups.values():
        # the form's own text before its translations
        first = min(members, key=lambda i: (findings[i].form_key not in family.values(), i))
        lead[first] = [findings[i] for i in members if i != first]
        dropped.update(i for i in members if i != first)
    return [
        absorb(f, lead[i]) if lead.get(i) else f for i, f in enumerate(findings) if i not in dropped
    ]
