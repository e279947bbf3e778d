"""NAV Form.io forms (``forms/<id>.json``), their translation files and NAV's global translations.

A Form.io form is a tree of components. Every visible string becomes a field text or a text block
with a location a person can follow: the form file, an RFC 6901 JSON pointer, and a component
description ``"<key> (<type>) <field>"`` (the same spelling the corpus manifest uses). Translation
files map the bokmål source string to its translation per locale; each locale's translated values
become their own ``Form`` whose locations point into the translation file, so a binary pronoun
introduced by a translator is reported where it was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath, PureWindowsPath

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
from formlint.parse.jsonutil import as_dict, as_list, as_str, load_problem, pointer, strip_tags
from formlint.parse.registry import ParseOptions

FORMIO_LANGUAGE = (
    "nb"  # NAV's Form.io forms are written in bokmål unless a translation says otherwise
)

_KINDS: dict[str, FieldKind] = {
    "textfield": FieldKind.TEXT,
    "fnrfield": FieldKind.TEXT,
    "firstName": FieldKind.TEXT,
    "surname": FieldKind.TEXT,
    "identity": FieldKind.TEXT,
    "orgNr": FieldKind.TEXT,
    "bankAccount": FieldKind.TEXT,
    "iban": FieldKind.TEXT,
    "navAddress": FieldKind.TEXT,
    "addressValidity": FieldKind.TEXT,
    "sender": FieldKind.TEXT,
    "password": FieldKind.TEXT,
    "url": FieldKind.TEXT,
    "textarea": FieldKind.TEXTAREA,
    "email": FieldKind.EMAIL,
    "phoneNumber": FieldKind.TEL,
    "phone": FieldKind.TEL,
    "number": FieldKind.NUMBER,
    "currency": FieldKind.NUMBER,
    "year": FieldKind.NUMBER,
    "navDatepicker": FieldKind.DATE,
    "datetime": FieldKind.DATE,
    "day": FieldKind.DATE,
    "datepicker": FieldKind.DATE,
    "monthPicker": FieldKind.DATE,
    "time": FieldKind.DATE,
    "radiopanel": FieldKind.RADIO,
    "radio": FieldKind.RADIO,
    "selectboxes": FieldKind.CHECKBOXES,
    "select": FieldKind.SELECT,
    "navSelect": FieldKind.SELECT,
    "landvelger": FieldKind.SELECT,
    "valutavelger": FieldKind.SELECT,
    "checkbox": FieldKind.CHECKBOX,
    "navCheckbox": FieldKind.CHECKBOX,
    "attachment": FieldKind.FILE,
    "file": FieldKind.FILE,
    "signature": FieldKind.SIGNATURE,
    "button": FieldKind.BUTTON,
    "hidden": FieldKind.HIDDEN,
}
# Components whose only visible text is their HTML ``content`` (their ``label`` is an editor name).
_PROSE_TYPES = frozenset({"htmlelement", "alertstripe", "content", "html"})
# Groups whose ``legend`` is what people see (their ``label`` is an editor name such as "Skjemagruppe").
_LEGEND_GROUPS = frozenset({"navSkjemagruppe", "fieldset"})
# Groups whose ``title`` is shown as a heading.
_TITLE_GROUPS = frozenset({"panel", "well", "tabs"})


@dataclass(slots=True)
class _Origin:
    where: str
    scope: Scope
    hidden: bool
    anchor: str  # the anchor the string's finding has in the form (a field's texts share its own)


@dataclass(slots=True)
class _Ctx:
    source: str
    fields: list[Field] = field(default_factory=list)
    blocks: list[TextBlock] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    origins: dict[str, _Origin] = field(default_factory=dict)  # raw source string -> where it sits
    # option fields with their raw label and raw option labels, for translated copies
    option_fields: list[tuple[Field, str, tuple[str, ...]]] = field(default_factory=list)

    def loc(self, tokens: tuple[str | int, ...], where: str, anchor: str) -> Location:
        return Location(
            source=self.source, json_pointer=pointer(*tokens), component=where, anchor=anchor
        )

    def remember(self, raw: str, where: str, scope: Scope, hidden: bool, anchor: str) -> None:
        prev = self.origins.get(raw)
        if prev is None or (prev.hidden and not hidden):
            self.origins[raw] = _Origin(where, scope, hidden, anchor)

    def block(
        self,
        raw: object,
        scope: Scope,
        tokens: tuple[str | int, ...],
        where: str,
        anchor: str,
        *,
        hidden: bool = False,
    ) -> None:
        text = strip_tags(raw) if isinstance(raw, str) else ""
        if not text:
            return
        assert isinstance(raw, str)
        self.remember(raw, where, scope, hidden, anchor)
        self.blocks.append(
            TextBlock(
                text=text,
                scope=scope,
                location=self.loc(tokens, where, anchor),
                language=FORMIO_LANGUAGE,
                hidden=hidden,
            )
        )


# --- the form ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _ReadForm:
    """A form definition read: its Form, the walk's context (where each string sits) and more."""

    form: Form
    ctx: _Ctx
    root: dict[str, object]


def _read_form(source: str, root: dict[str, object]) -> _ReadForm:
    ctx = _Ctx(source=source)
    title = strip_tags(as_str(root.get("title"))) or None
    form_key = as_str(root.get("path")) or as_str(root.get("name")) or _stem(source)
    if title:
        ctx.remember(as_str(root.get("title")), "title", Scope.TITLE, False, form_key)
    _walk(ctx, as_list(root.get("components")), ("components",), hidden=False)
    _signatures(ctx, as_dict(root.get("properties")))
    _submission_texts(ctx, as_dict(root.get("properties")))
    _intro_page(ctx, as_dict(root.get("introPage")))
    form = Form(
        key=form_key,
        kind="formio",
        location=Location(
            source=source,
            json_pointer="/title" if title else None,
            component="title",
            anchor=form_key,
        ),
        title=title,
        fields=tuple(ctx.fields),
        text_blocks=tuple(ctx.blocks),
        language=FORMIO_LANGUAGE,
    )
    return _ReadForm(form, ctx, root)


def parse_formio(doc: FetchedDocument, opts: ParseOptions) -> ParsedDocument:
    """A Form.io form definition, plus its translation file when it came as a sibling."""
    source = doc.source
    data, problem = load_problem(source, doc.body)
    if problem is not None:
        return ParsedDocument(source=source, format="formio", problems=(problem,))
    read = _read_form(source, as_dict(data))
    form, ctx, root = read.form, read.ctx, read.root
    forms = [form]
    problems = list(ctx.problems)
    for rel, body in sorted(doc.siblings.items()):
        if "translations" not in PurePosixPath(rel.replace("\\", "/")).parts:
            continue
        tsource = _sibling_path(source, rel)
        tdata, tproblem = load_problem(tsource, body)
        if tproblem is not None:
            problems.append(tproblem)
            continue
        forms.extend(
            _translation_forms(tsource, as_dict(tdata), ctx, form.key, problems, form.title)
        )
    return ParsedDocument(
        source=source,
        format="formio",
        forms=tuple(forms),
        language=FORMIO_LANGUAGE,
        title=form.title,
        problems=tuple(problems),
        metadata={
            "skjemanummer": as_str(root.get("skjemanummer"))
            or as_str(as_dict(root.get("properties")).get("skjemanummer"))
        },
    )


def _stem(source: str) -> str:
    name = re.split(r"[\\/]", source.rstrip("/\\"))[-1]
    return name.rsplit(".", 1)[0] or name


def _sibling_path(source: str, rel: str) -> str:
    """Where a sibling lives: siblings of ``…/forms/x.json`` (and of ``…/translations/x.json``)
    are keyed relative to ``…/``."""
    pure = PureWindowsPath if "\\" in source and "/" not in source else PurePosixPath
    p = pure(source)
    base = p.parent.parent if p.parent.name in ("forms", "translations") else p.parent
    return str(base / rel)


def _walk(ctx: _Ctx, comps: list[object], tokens: tuple[str | int, ...], *, hidden: bool) -> None:
    for i, comp in enumerate(comps):
        if isinstance(comp, dict):
            _component(ctx, comp, (*tokens, i), hidden=hidden)


def _component(
    ctx: _Ctx, comp: dict[str, object], tokens: tuple[str | int, ...], *, hidden: bool
) -> None:
    ctype = as_str(comp.get("type")) or "component"
    key = as_str(comp.get("key")) or as_str(comp.get("id")) or pointer(*tokens)
    hidden = hidden or (comp.get("hidden") is True and not _shown_conditionally(comp))
    hide_label = comp.get("hideLabel") is True

    def where(what: str) -> str:
        return f"{key} ({ctype}) {what}"

    def anchor(what: str) -> str:
        return f"{key}:{what}"

    def block(name: str, scope: Scope, *, hide: bool = False) -> None:
        ctx.block(
            comp.get(name), scope, (*tokens, name), where(name), anchor(name), hidden=hidden or hide
        )

    children = _children(comp, tokens)
    kind = _KINDS.get(ctype)

    if ctype in _PROSE_TYPES:
        block("content", Scope.PARAGRAPH)
        block("title", Scope.HEADING)
    elif ctype == "accordion":
        block("label", Scope.HEADING, hide=hide_label)
        for j, item in enumerate(as_list(comp.get("accordionValues"))):
            item_d = as_dict(item)
            for name, scope in (("title", Scope.HEADING), ("content", Scope.PARAGRAPH)):
                ctx.block(
                    item_d.get(name),
                    scope,
                    (*tokens, "accordionValues", j, name),
                    where(f"accordionValues[{j}].{name}"),
                    anchor(f"accordionValues[{j}].{name}"),
                    hidden=hidden,
                )
    elif kind is None and (
        children
        or ctype in _LEGEND_GROUPS
        or ctype in _TITLE_GROUPS
        or ctype in ("container", "datagrid", "columns", "row", "editgrid", "table")
    ):
        if ctype in _LEGEND_GROUPS:
            block("legend", Scope.LEGEND, hide=hide_label)
        elif ctype in _TITLE_GROUPS:
            block("title", Scope.HEADING, hide=hide_label)
        elif ctype not in ("columns", "table"):
            block("label", Scope.HEADING, hide=hide_label)
        block("description", Scope.HELP)
        block("additionalDescriptionText", Scope.HELP)
        block("tooltip", Scope.HELP)
        block("additionalDescriptionLabel", Scope.HELP)
        block("addAnother", Scope.LABEL)  # the "add another row" button of a datagrid
    else:
        _field(
            ctx,
            comp,
            tokens,
            ctype,
            key,
            kind or FieldKind.OTHER,
            hidden=hidden,
            hide_label=hide_label,
        )

    for child_tokens, child_list in children:
        _walk(ctx, child_list, child_tokens, hidden=hidden)


def _shown_conditionally(comp: dict[str, object]) -> bool:
    """NAV's forms mark components ``hidden`` and show them by a condition (or only in the PDF
    receipt): such text is read by people, so only an unconditional ``hidden`` hides."""
    cond = as_dict(comp.get("conditional"))
    if as_str(cond.get("when")) and cond.get("show") in (True, "true"):
        return True
    return bool(as_str(comp.get("customConditional")) or cond.get("json"))


def _children(
    comp: dict[str, object], tokens: tuple[str | int, ...]
) -> list[tuple[tuple[str | int, ...], list[object]]]:
    out: list[tuple[tuple[str | int, ...], list[object]]] = []
    comps = comp.get("components")
    if isinstance(comps, list):
        out.append(((*tokens, "components"), comps))
    for j, col in enumerate(as_list(comp.get("columns"))):
        cc = as_dict(col).get("components")
        if isinstance(cc, list):
            out.append(((*tokens, "columns", j, "components"), cc))
    for r, row in enumerate(as_list(comp.get("rows"))):
        if isinstance(row, list):
            for c, cell in enumerate(row):
                cc = as_dict(cell).get("components")
                if isinstance(cc, list):
                    out.append(((*tokens, "rows", r, c, "components"), cc))
        elif isinstance(row, dict) and isinstance(row.get("components"), list):
            rc = row["components"]
            assert isinstance(rc, list)
            out.append(((*tokens, "rows", r, "components"), rc))
    return out


def _field(
    ctx: _Ctx,
    comp: dict[str, object],
    tokens: tuple[str | int, ...],
    ctype: str,
    key: str,
    kind: FieldKind,
    *,
    hidden: bool,
    hide_label: bool,
) -> None:
    def where(what: str) -> str:
        return f"{key} ({ctype}) {what}"

    raw_label = as_str(comp.get("label"))
    label = strip_tags(raw_label) or None
    if raw_label:
        ctx.remember(
            raw_label,
            where("label"),
            Scope.LEGEND if kind.has_options else Scope.LABEL,
            hidden or hide_label,
            f"{key}:label",
        )
    help_texts: list[str] = []
    for name in (
        "description",
        "additionalDescriptionLabel",
        "additionalDescriptionText",
        "tooltip",
    ):
        raw = as_str(comp.get(name))
        if raw and (text := strip_tags(raw)):
            help_texts.append(text)
            ctx.remember(raw, where(name), Scope.HELP, hidden, f"{key}:label")
    raw_placeholder = as_str(comp.get("placeholder"))
    if raw_placeholder:
        ctx.remember(
            raw_placeholder, where("placeholder"), Scope.PLACEHOLDER, hidden, f"{key}:label"
        )

    options, options_source, raw_option_labels = _options(
        ctx, comp, tokens, ctype, key, hidden=hidden
    )
    validate = as_dict(comp.get("validate"))
    autocomplete = as_str(comp.get("autocomplete")) or None
    f = Field(
        kind=kind,
        location=ctx.loc((*tokens, "label"), where("label"), f"{key}:label"),
        label=label,
        help=tuple(help_texts),
        placeholder=strip_tags(raw_placeholder) or None,
        name=key,
        id=as_str(comp.get("id")) or None,
        options=options,
        options_source=options_source,
        required=validate.get("required") is True,
        hidden=hidden or kind == FieldKind.HIDDEN,
        label_hidden=hide_label,
        language=FORMIO_LANGUAGE,
        autocomplete=autocomplete,
        # name_source/in_fieldset stay None: Form.io renders its own markup, so accessible names
        # are not formlint's to judge from the JSON (see engine/checks.py)
    )
    ctx.fields.append(f)
    if raw_option_labels:
        ctx.option_fields.append((f, raw_label, raw_option_labels))
    # Composite NAV components (identity, navAddress, sender) show sub-labels of their own.
    for sub, sub_raw in as_dict(comp.get("customLabels")).items():
        ctx.block(
            sub_raw,
            Scope.LABEL,
            (*tokens, "customLabels", sub),
            where(f"customLabels.{sub}"),
            f"{key}:customLabels.{sub}",
            hidden=hidden,
        )


def _options(
    ctx: _Ctx,
    comp: dict[str, object],
    tokens: tuple[str | int, ...],
    ctype: str,
    key: str,
    *,
    hidden: bool,
) -> tuple[tuple[Option, ...], OptionsSource, tuple[str, ...]]:
    values = comp.get("values")
    base: tuple[str | int, ...] = (*tokens, "values")
    prefix = "values"
    data = as_dict(comp.get("data"))
    if (
        not (isinstance(values, list) and values)
        and isinstance(data.get("values"), list)
        and data.get("values")
    ):
        values = data["values"]
        base = (*tokens, "data", "values")
        prefix = "data.values"
    default = comp.get("defaultValue")
    options: list[Option] = []
    raws: list[str] = []
    for i, v in enumerate(as_list(values)):
        vd = as_dict(v)
        raw = as_str(vd.get("label"))
        label = strip_tags(raw)
        if not label:
            continue
        value = vd.get("value")
        value_s = str(value) if value is not None else None
        desc_raw = as_str(vd.get("description"))
        where = f"{key} ({ctype}) {prefix}[{i}].label"
        # an option's text is linted at its field (Form.all_texts), so it has the field's anchor
        ctx.remember(raw, where, Scope.OPTION, hidden, f"{key}:label")
        raws.append(raw)
        if desc_raw:
            ctx.remember(
                desc_raw,
                f"{key} ({ctype}) {prefix}[{i}].description",
                Scope.HELP,
                hidden,
                f"{key}:label",
            )
        selected = False
        if value_s is not None:
            if isinstance(default, dict):
                selected = default.get(value_s) is True
            elif isinstance(default, str | int) and not isinstance(default, bool):
                selected = str(default) == value_s and value_s != ""
        options.append(
            Option(
                label=label,
                value=value_s,
                selected=selected,
                location=ctx.loc((*base, i, "label"), where, f"{key}:{prefix}[{i}]"),
                description=strip_tags(desc_raw) or None,
            )
        )
    source = OptionsSource("inline")
    if not options:
        url = as_str(data.get("url"))
        if as_str(comp.get("dataSrc")) == "url" or (
            url and ctype in ("select", "navSelect", "landvelger", "valutavelger")
        ):
            source = OptionsSource("unresolved", url or None)
    return tuple(options), source, tuple(raws)


def _submission_texts(ctx: _Ctx, props: dict[str, object]) -> None:
    """Texts NAV shows around submission (heading, explanation, the PDF download button)."""
    for name, scope in (
        ("innsendingOverskrift", Scope.HEADING),
        ("innsendingForklaring", Scope.PARAGRAPH),
        ("downloadPdfButtonText", Scope.LABEL),
    ):
        ctx.block(props.get(name), scope, ("properties", name), f"properties.{name}", name)


def _intro_page(ctx: _Ctx, intro: dict[str, object]) -> None:
    """The intro page holds translation keys (UUIDs, ``introPage.*.altN``), not text: remember
    where each key sits so its translated values get a component name."""
    hidden = intro.get("enabled") is False

    def walk(value: object, path: tuple[str | int, ...]) -> None:
        if isinstance(value, str) and value.strip():
            dotted = "introPage" + "".join(
                f"[{t}]" if isinstance(t, int) else f".{t}" for t in path
            )
            scope = (
                Scope.HEADING
                if path and path[-1] == "title"
                else Scope.LIST_ITEM
                if any(t == "bulletPoints" for t in path)
                else Scope.PARAGRAPH
            )
            # not in the form itself (only in its translations): no anchor of the form's
            ctx.remember(value, dotted, scope, hidden, dotted)
        elif isinstance(value, dict):
            for k, v in value.items():
                if k != "enabled":
                    walk(v, (*path, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, (*path, i))

    walk(intro, ())


def _signatures(ctx: _Ctx, props: dict[str, object]) -> None:
    sigs = props.get("signatures")
    entries: list[
        tuple[str, object, tuple[str | int, ...], str, object, tuple[str | int, ...], str]
    ] = []
    if isinstance(sigs, list):
        for i, s in enumerate(sigs):
            sd = as_dict(s)
            base = f"properties.signatures[{i}]"
            entries.append(
                (
                    as_str(sd.get("key")) or base,
                    sd.get("label"),
                    ("properties", "signatures", i, "label"),
                    f"{base}.label",
                    sd.get("description"),
                    ("properties", "signatures", i, "description"),
                    f"{base}.description",
                )
            )
    elif isinstance(sigs, dict):
        for name in sorted(
            (k for k in sigs if re.fullmatch(r"signature\d+", k)), key=lambda k: int(k[9:])
        ):
            base = f"properties.signatures.{name}"
            entries.append(
                (
                    name,
                    sigs.get(name),
                    ("properties", "signatures", name),
                    base,
                    sigs.get(f"{name}Description"),
                    ("properties", "signatures", f"{name}Description"),
                    f"{base}Description",
                )
            )
    for anchor, label_raw, label_tokens, label_where, desc_raw, desc_tokens, desc_where in entries:
        label = strip_tags(label_raw) if isinstance(label_raw, str) else ""
        desc = strip_tags(desc_raw) if isinstance(desc_raw, str) else ""
        if not label and not desc:
            continue
        if label:
            assert isinstance(label_raw, str)
            # linted as the signature field's label, so its translation is a label too
            ctx.remember(label_raw, label_where, Scope.LABEL, False, f"signature:{anchor}")
            ctx.fields.append(
                Field(
                    kind=FieldKind.SIGNATURE,
                    location=ctx.loc(label_tokens, label_where, f"signature:{anchor}"),
                    label=label,
                    name=anchor,
                    language=FORMIO_LANGUAGE,
                )
            )
        # The description is prose under the signature line; a block keeps its own location.
        ctx.block(
            desc_raw, Scope.SIGNATURE, desc_tokens, desc_where, f"signature:{anchor}:description"
        )
    ctx.block(
        props.get("descriptionOfSignatures"),
        Scope.PARAGRAPH,
        ("properties", "descriptionOfSignatures"),
        "properties.descriptionOfSignatures",
        "descriptionOfSignatures",
    )


# --- translation files -----------------------------------------------------------------------------


def _translation_forms(
    tsource: str,
    data: dict[str, object],
    ctx: _Ctx | None,
    form_key: str,
    problems: list[Problem],
    title: str | None = None,
) -> list[Form]:
    """One Form per locale of a translation file. With the form's own context (``ctx``) each
    translated string keeps the anchor of the string it translates and the form's title, so the
    engine can tell a translation's finding from the form's own and join them."""
    forms: list[Form] = []
    for locale, entries in data.items():
        if not isinstance(entries, dict):
            problems.append(
                Problem(
                    f"translation locale {locale!r} is not an object; skipped",
                    Location(tsource, json_pointer=pointer(locale)),
                    level="note",
                )
            )
            continue
        # a locale that names no language still keys a translation of its own
        lang = normalise_language(locale) or locale
        translated: dict[str, str] = {}
        for src, value in entries.items():
            if not isinstance(value, str) or not value.strip():
                continue
            if lang == "nb" and value == src:
                continue  # repeats the form's own string
            text = strip_tags(value)
            if text:
                translated[src] = text
        fields, consumed = (
            _translated_fields(ctx, translated, lang, locale, tsource)
            if ctx is not None
            else ([], set())
        )
        blocks: list[TextBlock] = []
        for src, text in translated.items():
            if src in consumed:
                continue
            origin = ctx.origins.get(src) if ctx is not None else None
            where = origin.where if origin else f"{locale} (translated values)"
            blocks.append(
                TextBlock(
                    text=text,
                    scope=origin.scope if origin else Scope.TRANSLATION,
                    location=Location(
                        source=tsource,
                        json_pointer=pointer(locale, src),
                        component=where,
                        anchor=origin.anchor if origin else f"{locale}:{src[:80]}",
                    ),
                    language=lang,
                    # A translation is published text even when its source component is hidden
                    # in the current form (stale or conditional strings still reach people in
                    # other versions), so it is linted; the corpus counts these occurrences.
                    hidden=False,
                )
            )
        if not blocks and not fields:
            continue
        forms.append(
            Form(
                key=f"{form_key}#{lang}",
                kind="formio-translation",
                location=Location(
                    source=tsource,
                    json_pointer=pointer(locale),
                    component=f"{locale} (translated values)",
                    anchor=f"{form_key}#{lang}",
                ),
                title=f"{title} ({locale})" if title else None,
                fields=tuple(fields),
                text_blocks=tuple(blocks),
                language=lang,
                translation_of=form_key if ctx is not None else None,
            )
        )
    return forms


def _translated_fields(
    ctx: _Ctx, translated: dict[str, str], lang: str, locale: str, tsource: str
) -> tuple[list[Field], set[str]]:
    """Option fields with translated question and option labels, so choice rules see every locale.

    Returns the fields and the source strings they consumed (those are not repeated as blocks,
    so a text rule does not report the same translated string twice).
    """
    out: list[Field] = []
    consumed: set[str] = set()
    for f, label_raw, raws in ctx.option_fields:
        if f.hidden or not any(r in translated for r in raws):
            continue
        opts: list[Option] = []
        for o, raw in zip(f.options, raws, strict=False):
            if raw not in translated:
                opts.append(o)  # shown untranslated: it keeps its place in the form file
                continue
            loc = Location(
                source=tsource,
                json_pointer=pointer(locale, raw),
                component=o.location.component if o.location else None,
                anchor=o.location.anchor if o.location else None,
            )
            opts.append(replace(o, label=translated[raw], location=loc, description=None))
            consumed.add(raw)
        label = f.label
        if label_raw and label_raw in translated:
            label = translated[label_raw]
            if not f.label_hidden:
                consumed.add(label_raw)
        out.append(
            replace(
                f,
                label=label,
                help=(),
                placeholder=None,
                options=tuple(opts),
                language=lang,
                location=Location(
                    source=tsource,
                    json_pointer=pointer(locale, label_raw)
                    if label_raw and label_raw in translated
                    else pointer(locale),
                    component=f.location.component,
                    anchor=f.location.anchor,
                ),
            )
        )
    return out, consumed


def parse_formio_translations(doc: FetchedDocument, opts: ParseOptions) -> ParsedDocument:
    """A Form.io translation file on its own (``{"nn-NO": {bokmål: nynorsk}, ...}``).

    When its form came along as a sibling (``forms/<id>.json`` beside ``translations/``), the
    form is read for context only: the translated strings get their form's title, components and
    anchors, and only the translation's own findings are reported here."""
    source = doc.source
    data, problem = load_problem(source, doc.body)
    if problem is not None:
        return ParsedDocument(source=source, format="formio-translations", problems=(problem,))
    problems: list[Problem] = []
    read: _ReadForm | None = None
    for rel, body in sorted(doc.siblings.items()):
        if "forms" not in PurePosixPath(rel.replace("\\", "/")).parts:
            continue
        fdata, fproblem = load_problem(_sibling_path(source, rel), body)
        if fproblem is None and isinstance(fdata, dict):
            read = _read_form(_sibling_path(source, rel), fdata)
        break  # a form that cannot be read only loses the context, which the form's own run reports
    form_key = read.form.key if read is not None else _stem(source)
    forms = _translation_forms(
        source,
        as_dict(data),
        read.ctx if read is not None else None,
        form_key,
        problems,
        read.form.title if read is not None else None,
    )
    return ParsedDocument(
        source=source, format="formio-translations", forms=tuple(forms), problems=tuple(problems)
    )


def parse_formio_global_translations(doc: FetchedDocument, opts: ParseOptions) -> ParsedDocument:
    """NAV's global translations: ``{"<lang>": [{id, name, scope, tag, translations: {nb: {value}}}]}``."""
    source = doc.source
    fmt = "formio-global-translations"
    data, problem = load_problem(source, doc.body)
    if problem is not None:
        return ParsedDocument(source=source, format=fmt, problems=(problem,))
    forms: list[Form] = []
    for locale, groups in as_dict(data).items():
        lang = normalise_language(locale) or locale
        blocks: list[TextBlock] = []
        for g, group in enumerate(as_list(groups)):
            for src, entry in as_dict(as_dict(group).get("translations")).items():
                value = as_dict(entry).get("value") if isinstance(entry, dict) else entry
                text = strip_tags(value) if isinstance(value, str) else ""
                if not text:
                    continue
                short = src if len(src) <= 60 else src[:57] + "..."
                blocks.append(
                    TextBlock(
                        text=text,
                        scope=Scope.TRANSLATION,
                        location=Location(
                            source=source,
                            json_pointer=pointer(locale, g, "translations", src, "value")
                            if isinstance(entry, dict)
                            else pointer(locale, g, "translations", src),
                            component=f"translations[{short!r}]".replace("'", '"'),
                            anchor=f"{locale}:{src[:80]}",
                        ),
                        language=lang,
                    )
                )
        if blocks:
            key = f"{_stem(source)}#{lang}"
            forms.append(
                Form(
                    key=key,
                    kind=fmt,
                    location=Location(
                        source=source,
                        json_pointer=pointer(locale),
                        component=f"{locale} (global translations)",
                        anchor=key,
                    ),
                    text_blocks=tuple(blocks),
                    language=lang,
                )
            )
    return ParsedDocument(
        source=source,
        format=fmt,
        forms=tuple(forms),
        language=forms[0].language if len(forms) == 1 else None,
    )
