"""Run a rule's own ``examples.flag`` / ``examples.pass`` (used by ``formlint rules test`` and pytest).

Examples are written in the format-neutral model (``form:``), as prose (``text:``) or as HTML, so a
rule's examples test the rule, not one parser.
"""

from __future__ import annotations

from dataclasses import dataclass

from formlint.document import FetchedDocument
from formlint.engine.runner import Engine
from formlint.engine.spec import Example, FieldExample, OptionExample, RuleSpec
from formlint.findings import Finding
from formlint.model import (
    Field,
    FieldKind,
    Form,
    Location,
    Option,
    OptionsSource,
    ParsedDocument,
    Scope,
    TextBlock,
    TextBlocks,
)


@dataclass(frozen=True, slots=True)
class ExampleOutcome:
    rule: str
    expected: str  # "flag" or "pass"
    index: int
    example: Example
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return bool(self.findings) == (self.expected == "flag")

    def describe(self) -> str:
        body = self.example.text or (self.example.html or "")[:80] or _describe_form(self.example)
        got = ", ".join(f"{f.rule}: {f.matched or f.excerpt}" for f in self.findings) or "nothing"
        return (
            f"{self.rule} {self.expected}[{self.index}] ({self.example.lang}) {body!r}: got {got}"
        )


def _describe_form(ex: Example) -> str:
    if not ex.form:
        return ""
    parts = []
    for f in ex.form.fields:
        opts = "/".join(o if isinstance(o, str) else o.label for o in f.options)
        parts.append(f"{f.legend or f.label or f.name}" + (f" [{opts}]" if opts else ""))
    return "; ".join(parts)


def example_document(ex: Example, index: int = 0) -> ParsedDocument:
    source = ex.source or f"example-{index}"
    if ex.html is not None:
        from formlint.parse.registry import parse_document

        return parse_document(
            FetchedDocument(url=source, body=ex.html.encode("utf-8"), media_type="text/html")
        )
    if ex.text is not None:
        scope = Scope(ex.scope)
        loc = Location(source=source, line=1)
        block = TextBlock(text=ex.text, scope=scope, location=loc, language=ex.lang)
        if scope.is_field_text:
            # field text is linted as part of a form: wrap it in one
            if scope is Scope.OPTION:
                field = Field(
                    kind=FieldKind.RADIO,
                    location=loc,
                    options=(Option(label=ex.text),),
                    language=ex.lang,
                )
            elif scope is Scope.HELP:
                field = Field(kind=FieldKind.TEXT, location=loc, help=(ex.text,), language=ex.lang)
            elif scope is Scope.PLACEHOLDER:
                field = Field(
                    kind=FieldKind.TEXT, location=loc, placeholder=ex.text, language=ex.lang
                )
            elif scope is Scope.LEGEND:
                field = Field(kind=FieldKind.RADIO, location=loc, legend=ex.text, language=ex.lang)
            elif scope is Scope.SIGNATURE:
                field = Field(
                    kind=FieldKind.SIGNATURE, location=loc, label=ex.text, language=ex.lang
                )
            else:
                field = Field(kind=FieldKind.TEXT, location=loc, label=ex.text, language=ex.lang)
            if scope is Scope.SIGNATURE:
                form = Form(
                    key="example",
                    kind="example",
                    location=loc,
                    text_blocks=(block,),
                    language=ex.lang,
                )
            else:
                form = Form(
                    key="example", kind="example", location=loc, fields=(field,), language=ex.lang
                )
            return ParsedDocument(source=source, format=ex.format, forms=(form,), language=ex.lang)
        return ParsedDocument(
            source=source,
            format=ex.format,
            text_blocks=TextBlocks((block,)),
            language=ex.lang,
            declared_language=ex.declared_language,
            tagged=ex.tagged,
        )
    assert ex.form is not None
    loc = Location(source=source, line=1)
    fields = tuple(_field(f, ex.lang, source, i) for i, f in enumerate(ex.form.fields))
    blocks = tuple(
        TextBlock(text=t, scope=Scope.PARAGRAPH, location=loc, language=ex.lang)
        for t in ex.form.text
    )
    form = Form(
        key="example",
        kind="example",
        location=loc,
        title=ex.form.title,
        fields=fields,
        text_blocks=blocks,
        language=ex.lang,
    )
    return ParsedDocument(
        source=source,
        format=ex.format,
        forms=(form,),
        language=ex.lang,
        title=ex.form.title,
        declared_language=ex.declared_language,
        tagged=ex.tagged,
    )


def _field(f: FieldExample, lang: str, source: str, i: int) -> Field:
    opts = []
    for o in f.options:
        if isinstance(o, OptionExample):
            opts.append(Option(label=o.label, value=o.value, selected=o.selected, hidden=o.hidden))
        else:
            opts.append(Option(label=o))
    src = OptionsSource("inline")
    if f.options_source:
        kind, _, ref = f.options_source.partition(":")
        src = OptionsSource(kind, ref or None)
    return Field(
        kind=FieldKind(f.kind),
        location=Location(source=source, line=i + 1, anchor=f.name or f"field{i}"),
        label=f.label,
        legend=f.legend,
        help=tuple(f.help),
        placeholder=f.placeholder,
        name=f.name,
        options=tuple(opts),
        options_source=src,
        hidden=f.hidden,
        autocomplete=f.autocomplete,
        name_source=f.name_source,
        in_fieldset=f.in_fieldset,
        required=f.required,
        label_parts=tuple(f.label_parts)
        if f.label_parts is not None
        else ((f.label,) if f.label else ()),
        heading=f.heading,
        id_clash=f.id_clash,
        titled=f.titled,
        language=lang,
    )


def run_examples(engine: Engine, spec: RuleSpec) -> list[ExampleOutcome]:
    out = []
    for expected, examples in (("flag", spec.examples.flag), ("pass", spec.examples.pass_)):
        for i, ex in enumerate(examples):
            doc = example_document(ex, i)
            findings, _ = engine.run(doc)
            mine = tuple(f for f in findings if f.rule == spec.id)
            out.append(ExampleOutcome(spec.id, expected, i, ex, mine))
    return out
