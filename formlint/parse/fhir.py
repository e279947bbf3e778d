"""FHIR Questionnaires (R4, and STU3 ``option``/``options``) and standalone ValueSets.

Items nest in ``item[]``. Questions become fields, ``group`` items headings and ``display`` items
paragraphs (or help of their parent question when marked ``help``/``flyover``). Options come from
``answerOption`` or from ``answerValueSet``: a ``#id`` resolves in ``contained``, a canonical URL in
formlint's shipped code lists; anything else is marked unresolved so the engine can say so for
gender-like questions. ``initial``/``initialExpression`` are prefill, never a preselected option.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from formlint.document import FetchedDocument
from formlint.model import (
    Field,
    FieldKind,
    Form,
    Location,
    Option,
    OptionsSource,
    ParsedDocument,
    Problem,
    Scope,
    TextBlock,
)
from formlint.model.language import normalise_language
from formlint.parse.codelists import find_codelist
from formlint.parse.jsonutil import as_dict, as_list, as_str, load_problem, pointer, strip_tags
from formlint.parse.registry import ParseOptions

HIDDEN_EXT = "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden"
ITEM_CONTROL_EXT = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
TRANSLATION_EXT = "http://hl7.org/fhir/StructureDefinition/translation"

_KINDS: dict[str, FieldKind] = {
    "string": FieldKind.TEXT,
    "text": FieldKind.TEXTAREA,
    "url": FieldKind.TEXT,
    "integer": FieldKind.NUMBER,
    "decimal": FieldKind.NUMBER,
    "quantity": FieldKind.NUMBER,
    "date": FieldKind.DATE,
    "dateTime": FieldKind.DATE,
    "time": FieldKind.DATE,
    "boolean": FieldKind.CHECKBOX,
    "attachment": FieldKind.FILE,
    "reference": FieldKind.OTHER,
}
_CHOICE_TYPES = frozenset({"choice", "open-choice", "coding"})
_HELP_CONTROLS = frozenset({"help", "flyover", "legal"})


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _ext(obj: dict[str, object], url: str) -> list[dict[str, object]]:
    return [as_dict(e) for e in as_list(obj.get("extension")) if as_dict(e).get("url") == url]


def _item_control(item: dict[str, object]) -> str:
    for e in _ext(item, ITEM_CONTROL_EXT):
        for coding in as_list(as_dict(e.get("valueCodeableConcept")).get("coding")):
            code = as_str(as_dict(coding).get("code"))
            if code:
                return code
    return ""


def _translations(container: dict[str, object], name: str) -> list[tuple[str, str]]:
    """``(lang, text)`` pairs from ``_<name>.extension[translation]``; ``lang`` is the tag as
    written (lower-cased), which the translation's anchor keeps."""
    out: list[tuple[str, str]] = []
    for e in _ext(as_dict(container.get(f"_{name}")), TRANSLATION_EXT):
        lang = ""
        content = ""
        for sub in as_list(e.get("extension")):
            sd = as_dict(sub)
            if sd.get("url") == "lang":
                lang = as_str(sd.get("valueCode"))
            elif sd.get("url") == "content":
                content = as_str(sd.get("valueString")) or as_str(sd.get("valueMarkdown"))
        if lang and content:
            out.append((lang.lower(), strip_tags(content)))
    return out


@dataclass(slots=True)
class _Ctx:
    source: str
    language: str | None
    valuesets: dict[str, dict[str, object]]  # contained ValueSets by id
    fields: list[Field] = field(default_factory=list)
    blocks: list[TextBlock] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def parse_fhir(doc: FetchedDocument, opts: ParseOptions) -> ParsedDocument:
    """A FHIR Questionnaire, or a ValueSet read as one select field of its codes."""
    source = doc.source
    data, problem = load_problem(source, doc.body)
    if problem is not None:
        return ParsedDocument(source=source, format="fhir", problems=(problem,))
    root = as_dict(data)
    rtype = as_str(root.get("resourceType"))
    if rtype == "ValueSet":
        return _valueset_doc(source, root)
    if rtype != "Questionnaire":
        return ParsedDocument(
            source=source,
            format="fhir",
            problems=(
                Problem(
                    f"FHIR resource {rtype or '(no resourceType)'!r} is not a Questionnaire or ValueSet; skipped",
                    Location(source),
                    level="note",
                ),
            ),
        )
    lang = normalise_language(as_str(root.get("language")))
    valuesets = {
        as_str(c.get("id")): c
        for c in (as_dict(x) for x in as_list(root.get("contained")))
        if c.get("resourceType") == "ValueSet" and as_str(c.get("id"))
    }
    ctx = _Ctx(source=source, language=lang, valuesets=valuesets)
    title = strip_tags(as_str(root.get("title"))) or strip_tags(as_str(root.get("name"))) or None
    for tlang, text in _translations(root, "title"):
        ctx.blocks.append(
            TextBlock(
                text=text,
                scope=Scope.TITLE,
                location=Location(
                    source, json_pointer="/_title", component="title", anchor="title"
                ),
                language=normalise_language(tlang),
            )
        )
    _items(ctx, as_list(root.get("item")), ("item",), hidden=False)
    key = as_str(root.get("url")) or as_str(root.get("id")) or as_str(root.get("name")) or source
    form = Form(
        key=key,
        kind="fhir",
        location=Location(
            source,
            json_pointer="/title" if root.get("title") else None,
            component="title",
            anchor=as_str(root.get("id")) or key,
        ),
        title=title,
        fields=tuple(ctx.fields),
        text_blocks=tuple(ctx.blocks),
        language=lang,
    )
    return ParsedDocument(
        source=source,
        format="fhir",
        forms=(form,),
        language=lang,
        title=title,
        problems=tuple(ctx.problems),
    )


def _items(ctx: _Ctx, items: list[object], tokens: tuple[str | int, ...], *, hidden: bool) -> None:
    for i, raw in enumerate(items):
        item = as_dict(raw)
        if item:
            _item(ctx, item, (*tokens, i), hidden=hidden)


def _item(
    ctx: _Ctx, item: dict[str, object], tokens: tuple[str | int, ...], *, hidden: bool
) -> None:
    link_id = as_str(item.get("linkId")) or pointer(*tokens)
    itype = as_str(item.get("type")) or "item"
    hidden = hidden or any(e.get("valueBoolean") is True for e in _ext(item, HIDDEN_EXT))
    prefix = as_str(item.get("prefix"))
    text = strip_tags(as_str(item.get("text")))
    where = f'linkId {link_id} ({itype}) "{_short(text)}"'
    loc = Location(
        ctx.source, json_pointer=pointer(*tokens, "text"), component=where, anchor=link_id
    )
    children = as_list(item.get("item"))

    if itype in ("group", "display"):
        scope = Scope.HEADING if itype == "group" else Scope.PARAGRAPH
        if text:
            ctx.blocks.append(
                TextBlock(
                    text=text, scope=scope, location=loc, language=ctx.language, hidden=hidden
                )
            )
        _translated_blocks(ctx, item, scope, loc, hidden)
        _items(ctx, children, (*tokens, "item"), hidden=hidden)
        return

    # help texts: display children marked help/flyover belong to this question
    help_texts: list[str] = []
    rest: list[tuple[int, dict[str, object]]] = []
    for j, child in enumerate(children):
        cd = as_dict(child)
        if cd.get("type") == "display" and _item_control(cd) in _HELP_CONTROLS:
            t = strip_tags(as_str(cd.get("text")))
            if t:
                help_texts.append(t)
        else:
            rest.append((j, cd))

    options, source = _options(ctx, item, tokens, where, link_id)
    if itype in _CHOICE_TYPES:
        control = _item_control(item)
        if item.get("repeats") is True or control == "check-box":
            kind = FieldKind.CHECKBOXES
        elif control in ("drop-down", "autocomplete", "lookup"):
            kind = FieldKind.SELECT
        else:
            kind = FieldKind.RADIO
    else:
        kind = _KINDS.get(itype, FieldKind.OTHER)
    label = (f"{prefix} {text}".strip() if prefix else text) or None
    ctx.fields.append(
        Field(
            kind=kind,
            location=loc,
            label=label,
            help=tuple(help_texts),
            name=link_id,
            id=link_id,
            options=options,
            options_source=source,
            required=item.get("required") is True,
            hidden=hidden,
            language=ctx.language,
        )
    )
    _translated_blocks(ctx, item, Scope.LABEL, loc, hidden)
    for j, child in rest:
        _item(ctx, child, (*tokens, "item", j), hidden=hidden)


def _translated_blocks(
    ctx: _Ctx, item: dict[str, object], scope: Scope, loc: Location, hidden: bool
) -> None:
    for tlang, ttext in _translations(item, "text"):
        tloc = Location(
            loc.source,
            json_pointer=(loc.json_pointer or "").rsplit("/", 1)[0] + "/_text",
            component=loc.component,
            anchor=f"{loc.anchor}@{tlang}",
        )
        ctx.blocks.append(
            TextBlock(
                text=ttext,
                scope=scope,
                location=tloc,
                language=normalise_language(tlang),
                hidden=hidden,
            )
        )


def _options(
    ctx: _Ctx, item: dict[str, object], tokens: tuple[str | int, ...], where: str, link_id: str
) -> tuple[tuple[Option, ...], OptionsSource]:
    key = (
        "answerOption"
        if "answerOption" in item
        else "option"
        if isinstance(item.get("option"), list)
        else ""
    )
    if key:
        opts: list[Option] = []
        for j, raw in enumerate(as_list(item.get(key))):
            od = as_dict(raw)
            label, value, ptr_name = _option_label(od)
            if not label:
                continue
            opts.append(
                Option(
                    label=label,
                    value=value,
                    selected=od.get("initialSelected") is True,
                    location=Location(
                        ctx.source,
                        json_pointer=pointer(*tokens, key, j, *ptr_name),
                        component=f"{where} {key}[{j}]",
                        anchor=f"{link_id}:{value or label}",
                    ),
                )
            )
            for tlang, ttext in _translations(as_dict(od.get("valueCoding")), "display"):
                ctx.blocks.append(
                    TextBlock(
                        text=ttext,
                        scope=Scope.OPTION,
                        location=Location(
                            ctx.source,
                            json_pointer=pointer(*tokens, key, j, "valueCoding", "_display"),
                            component=f"{where} {key}[{j}]",
                            anchor=f"{link_id}:{value}@{tlang}",
                        ),
                        language=normalise_language(tlang),
                    )
                )
        return tuple(opts), OptionsSource("inline")
    ref = as_str(item.get("answerValueSet"))
    if not ref:
        ref = as_str(as_dict(item.get("options")).get("reference"))  # STU3
    if not ref:
        return (), OptionsSource("inline")
    if ref.startswith("#"):
        vs = ctx.valuesets.get(ref[1:])
        if vs is None:
            ctx.problems.append(
                Problem(
                    f"answerValueSet {ref} names no contained ValueSet",
                    Location(
                        ctx.source, json_pointer=pointer(*tokens, "answerValueSet"), component=where
                    ),
                    level="note",
                )
            )
            return (), OptionsSource("unresolved", ref)
        codes, unresolved = _valueset_codes(vs, ctx.language)
        loc = Location(
            ctx.source,
            json_pointer=pointer(*tokens, "answerValueSet"),
            component=f"{where} answerValueSet {ref}",
            anchor=link_id,
        )
        opts_vs = tuple(Option(label=lbl, value=val, location=loc) for lbl, val in codes)
        if not opts_vs and unresolved:
            return (), OptionsSource("unresolved", unresolved)
        return opts_vs, OptionsSource("inline", ref)
    cl = find_codelist(ref)
    if cl is None:
        return (), OptionsSource("unresolved", ref)
    loc = Location(
        ctx.source,
        json_pointer=pointer(*tokens, "answerValueSet"),
        component=f"{where} answerValueSet",
        anchor=link_id,
    )
    return tuple(
        Option(label=c.label(ctx.language), value=c.value, location=loc) for c in cl.codes
    ), OptionsSource("codelist", cl.id)


def _option_label(od: dict[str, object]) -> tuple[str, str | None, tuple[str, ...]]:
    coding = as_dict(od.get("valueCoding"))
    if coding:
        code = coding.get("code")
        label = strip_tags(as_str(coding.get("display"))) or (str(code) if code is not None else "")
        return label, None if code is None else str(code), ("valueCoding", "display")
    for name in ("valueString", "valueInteger", "valueDate", "valueTime", "valueDecimal"):
        if name in od and od[name] is not None and not isinstance(od[name], dict | list):
            v = str(od[name])
            return strip_tags(v), v, (name,)
    ref = as_dict(od.get("valueReference"))
    if ref:
        disp = as_str(ref.get("display")) or as_str(ref.get("reference"))
        return strip_tags(disp), as_str(ref.get("reference")) or None, ("valueReference", "display")
    return "", None, ()


def _valueset_codes(
    vs: dict[str, object], lang: str | None
) -> tuple[list[tuple[str, str | None]], str | None]:
    """Codes of a ValueSet as (label, value), and a system reference when none are listed."""
    out: list[tuple[str, str | None]] = []
    unresolved: str | None = None

    def contains(items: list[object]) -> None:
        for c in items:
            cd = as_dict(c)
            code = cd.get("code")
            label = strip_tags(as_str(cd.get("display"))) or (str(code) if code is not None else "")
            if label and cd.get("abstract") is not True:
                out.append((label, None if code is None else str(code)))
            contains(as_list(cd.get("contains")))

    contains(as_list(as_dict(vs.get("expansion")).get("contains")))
    if out:
        return out, None
    for inc in as_list(as_dict(vs.get("compose")).get("include")):
        incd = as_dict(inc)
        concepts = as_list(incd.get("concept"))
        if concepts:
            for c in concepts:
                cd = as_dict(c)
                code = cd.get("code")
                label = strip_tags(as_str(cd.get("display"))) or (
                    str(code) if code is not None else ""
                )
                if label:
                    out.append((label, None if code is None else str(code)))
            continue
        system = as_str(incd.get("system"))
        refs = [system] if system else []
        refs += [as_str(v) for v in as_list(incd.get("valueSet")) if as_str(v)]
        for ref in refs:
            cl = find_codelist(ref)
            if cl is not None:
                out.extend((c.label(lang), c.value) for c in cl.codes)
                break
        else:
            if refs:
                unresolved = refs[0]
    return out, unresolved


def _valueset_doc(source: str, vs: dict[str, object]) -> ParsedDocument:
    lang = normalise_language(as_str(vs.get("language")))
    title = (
        strip_tags(as_str(vs.get("title")))
        or strip_tags(as_str(vs.get("name")))
        or as_str(vs.get("id"))
        or "ValueSet"
    )
    url = as_str(vs.get("url"))
    codes, unresolved = _valueset_codes(vs, lang)
    known = find_codelist(url) if url else None
    if not codes and known is not None:
        codes = [(c.label(lang), c.value) for c in known.codes]
    where = f'ValueSet {as_str(vs.get("id")) or url} "{_short(title)}"'
    loc = Location(
        source,
        json_pointer="/title" if vs.get("title") else "/name" if vs.get("name") else None,
        component=where,
        anchor=url or as_str(vs.get("id")) or title,
    )
    source_kind = (
        OptionsSource("inline") if codes else OptionsSource("unresolved", unresolved or url or None)
    )
    fld = Field(
        kind=FieldKind.SELECT,
        location=loc,
        label=title,
        name=as_str(vs.get("id")) or None,
        id=as_str(vs.get("id")) or None,
        options=tuple(Option(label=lbl, value=val, location=loc) for lbl, val in codes),
        options_source=source_kind,
        language=lang,
    )
    key = url or f"ValueSet/{as_str(vs.get('id'))}"
    form = Form(
        key=key, kind="fhir-valueset", location=loc, title=title, fields=(fld,), language=lang
    )
    return ParsedDocument(source=source, format="fhir", forms=(form,), language=lang, title=title)
