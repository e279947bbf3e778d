"""What a rule kind is: its ``match`` block (a model, so rule files are validated and documented)
and what it does with it.

A text kind adds its rules' phrases to each language's matcher, which finds them in running
text; a form kind looks at one form's classified fields and says where its rules fire. A new
kind is one module defining a ``KIND`` of either sort, plus its name in the registry
(:mod:`formlint.engine.kinds`) or in a package's ``formlint.rule_kinds`` entry points.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from formlint.engine.kinds.fields import FieldView
from formlint.engine.specbase import Strict
from formlint.findings import Place
from formlint.model import (
    NO_SUPPRESSIONS,
    Field,
    Form,
    Location,
    ParsedDocument,
    Scope,
    Suppressions,
)

if TYPE_CHECKING:
    from formlint.engine.spec import RuleSpec
    from formlint.engine.textmatch import LanguageMatcher


class MatchBlock(Strict):
    """A kind's ``match`` block; each kind's model sets ``kind`` to its name (a Literal)."""

    kind: str


@dataclass(frozen=True, slots=True)
class TextKind:
    """A kind matched in running text (term, pair, pattern)."""

    name: str
    match: type[MatchBlock]
    # (rule, one language's matcher, strict profile): add the rule's phrases for that language
    compile: Callable[[RuleSpec, LanguageMatcher, bool], None]


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a form rule fires: a field (its question and options quoted), or the page."""

    location: Location
    excerpt: str
    language: str | None
    suppressions: Suppressions = NO_SUPPRESSIONS
    question: str = ""  # for {question} in messages
    options: str = ""  # for {options} in messages
    places: tuple[Place, ...] = ()
    scope: Scope = Scope.LABEL
    matched: str | None = None  # the words to quote as matched; None: the excerpt

    @classmethod
    def at(
        cls,
        fv: FieldView,
        *,
        excerpt: str | None = None,
        options: str | None = None,
        places: tuple[Place, ...] = (),
    ) -> Hit:
        """At a classified field: by default its question and visible options quoted."""
        f = fv.field
        opts = options if options is not None else " / ".join(o.label for o in fv.options)
        if excerpt is None:
            # a printed question keeps its colon ("Kjønn:"): one colon before the options
            question = f.question.rstrip().rstrip(":")
            excerpt = f"{question}: {opts}" if opts and f.question else (f.question or opts)
        return cls(
            f.location,
            excerpt,
            fv.language,
            f.suppressions,
            question=f.question or opts,
            options=opts,
            places=places,
        )


@dataclass(slots=True)
class FormFacts:
    """What form kinds read of one form: its fields classified in their languages (``views``),
    the fields in a language without a lexicon (``unviewed``, for the accessibility checks), and
    the page texts outside forms that mention what forms ask about (``page_mentions``, where a
    purpose statement may stand: see :data:`SUBJECT_WORDS`)."""

    form: Form
    doc: ParsedDocument
    language: str
    views: list[FieldView]
    unviewed: list[Field]
    page_mentions: list[str] = field(default_factory=list)

    def purpose_text(self) -> str:
        """The text a purpose statement could be in: the form's own text, and the page texts
        that mention its subject."""
        parts = [self.form.title or "", self.doc.title or ""]
        parts += [b.text for b in self.form.text_blocks]
        for f in self.form.fields:
            parts += list(f.help)
            if f.label:
                parts.append(f.label)
        return "\n".join(parts + self.page_mentions)


# words a purpose statement about the asked data holds ("Vi spør om kjønn fordi …")
SUBJECT_WORDS = ("kjønn", "gender", "sex", "navn", "namn", "name")


@dataclass(frozen=True, slots=True)
class FormKind:
    """A kind that judges a form's fields (choices, field, require, check); ``page`` judges the
    document itself where a kind has page-level checks (a page without ``lang``)."""

    name: str
    match: type[MatchBlock]
    hits: Callable[[RuleSpec, FormFacts], list[Hit]]
    page: Callable[[RuleSpec, ParsedDocument], list[Hit]] | None = None


RuleKind = TextKind | FormKind
