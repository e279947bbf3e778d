"""Altinn 3 apps: layouts (``App/ui``), option lists (``App/options``) and text resources
(``App/config/texts``), read together as one application.

All layout generations share one shape underneath: an optional set or task folder holding
``Settings.json`` and ``layouts/*.json`` (or the single ``ui/FormLayout.json``). Each set is read
once per text-resource language, giving one ``Form`` per (set, language). Text bindings resolve
through the language's resources; an id without a resource is shown literally, as Altinn does;
expressions are not evaluated (counted in one note per app).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

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
from formlint.parse.jsonutil import as_dict, as_list, as_str, clean_text, load_problem, pointer
from formlint.parse.registry import ParseOptions

_FIELD_KINDS: dict[str, FieldKind] = {
    "Input": FieldKind.TEXT,
    "TextArea": FieldKind.TEXTAREA,
    "Datepicker": FieldKind.DATE,
    "RadioButtons": FieldKind.RADIO,
    "Checkboxes": FieldKind.CHECKBOXES,
    "Dropdown": FieldKind.SELECT,
    "MultipleSelect": FieldKind.MULTISELECT,
    "Likert": FieldKind.RADIO,
    "PersonLookup": FieldKind.TEXT,
    "OrganisationLookup": FieldKind.TEXT,
    "OrganizationLookup": FieldKind.TEXT,
    "Address": FieldKind.TEXT,
    "AddressComponent": FieldKind.TEXT,
    "FileUpload": FieldKind.FILE,
    "FileUploadWithTag": FieldKind.FILE,
    "ImageUpload": FieldKind.FILE,
    "Checkbox": FieldKind.CHECKBOX,
    "List": FieldKind.OTHER,
    "Map": FieldKind.OTHER,
    "Signature": FieldKind.SIGNATURE,
}
_BUTTONS = frozenset(
    {
        "Button",
        "NavigationButtons",
        "PrintButton",
        "InstantiationButton",
        "CustomButton",
        "PDFPreviewButton",
        "ActionButton",
        "SubmitButton",
    }
)
_HEADINGS = frozenset({"Header", "Heading"})
_GROUPS = frozenset(
    {
        "Group",
        "RepeatingGroup",
        "Accordion",
        "AccordionGroup",
        "ButtonGroup",
        "Grid",
        "Cards",
        "Tabs",
    }
)
# binding -> scope for fields; other bindings of a field (shortName, tableTitle...) repeat the title
_FIELD_HELP = ("description", "help")
_PROSE_BINDINGS = {
    "title": Scope.PARAGRAPH,
    "body": Scope.PARAGRAPH,
    "description": Scope.HELP,
    "help": Scope.HELP,
}
_SKIP_BINDINGS = frozenset(
    {"shortName", "tableTitle", "summaryTitle", "summaryAccessibleTitle", "altTextImg", "altText"}
)
_CHILD_PREFIX = re.compile(r"^\d+:")


@dataclass(slots=True)
class _Layout:
    page: str
    relpath: str  # key in doc.siblings
    data: dict[str, object]


@dataclass(slots=True)
class _Set:
    name: str  # "" for the classic single-set layout
    settings_order: list[str] = field(default_factory=list)
    layouts: list[_Layout] = field(default_factory=list)


@dataclass(slots=True)
class _App:
    root: str  # the app root as given (directory path or URL)
    options: dict[str, list[object]] = field(default_factory=dict)  # optionsId -> raw list
    option_paths: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    expressions: set[tuple[str, str]] = field(
        default_factory=set
    )  # (file, pointer) of text expressions
    notes: set[str] = field(default_factory=set)

    def path(self, relpath: str) -> str:
        if not self.root:
            return relpath
        sep = "\\" if "\\" in self.root and "/" not in self.root else "/"
        return self.root.rstrip("/\\") + sep + relpath.replace("/", sep)


def _inner(relpath: str) -> str:
    """Path inside ``App/`` (``App/ui/x.json`` and ``ui/x.json`` both give ``ui/x.json``)."""
    p = relpath.replace("\\", "/").lstrip("/")
    parts = p.split("/")
    if "App" in parts[:-1]:
        parts = parts[parts.index("App") + 1 :]
    return "/".join(parts)


# --- entry points --------------------------------------------------------------------------------


def parse_altinn_app(doc: FetchedDocument, opts: ParseOptions) -> ParsedDocument:
    """A whole Altinn 3 app: ``doc.siblings`` holds its files keyed by path relative to ``doc.url``."""
    app = _App(root=doc.source)
    sets: dict[str, _Set] = {}
    texts: dict[str, dict[str, str]] = {}
    for rel in sorted(doc.siblings):
        inner = _inner(rel)
        parts = inner.split("/")
        if not inner.endswith(".json"):
            continue
        body = doc.siblings[rel]
        if parts[0] == "options" and len(parts) == 2:
            data, problem = load_problem(app.path(rel), body)
            if problem is not None:
                app.problems.append(problem)
                continue
            option_id = parts[1][: -len(".json")]
            app.options[option_id] = as_list(data)
            app.option_paths[option_id] = app.path(rel)
        elif parts[:2] == ["config", "texts"] and len(parts) == 3:
            m = re.fullmatch(r"resource\.([A-Za-z-]+)\.json", parts[2])
            if not m:
                continue
            data, problem = load_problem(app.path(rel), body)
            if problem is not None:
                app.problems.append(problem)
                continue
            lang = m.group(1).lower()
            texts[lang] = _resources(as_dict(data))
            declared = as_str(as_dict(data).get("language")).lower()
            if declared and declared != lang:
                # the file name decides which form the texts belong to; the text itself may be
                # in yet another language, which per-string detection in the engine handles
                app.notes.add(
                    f"{parts[2]} declares language {declared!r}; read as {lang!r} from its name"
                )
        elif parts[0] == "ui":
            _add_ui_file(app, sets, rel, parts[1:], body)
    if not sets:
        app.problems.append(Problem("no layouts found under App/ui", Location(source=doc.source)))
    app_name = PurePosixPath(doc.source.replace("\\", "/").rstrip("/")).name or "app"
    forms: list[Form] = []
    languages = sorted(texts) or [""]
    for set_name in sorted(sets):
        for lang in languages:
            forms.append(
                _set_form(app, sets[set_name], app_name, lang or None, texts.get(lang, {}))
            )
    problems = list(app.problems)
    if app.expressions:
        n = len(app.expressions)
        problems.append(
            Problem(
                f"{n} text expression{'s' if n != 1 else ''} not evaluated",
                Location(source=doc.source),
                level="note",
            )
        )
    problems.extend(
        Problem(note, Location(source=doc.source), level="note") for note in sorted(app.notes)
    )
    return ParsedDocument(
        source=doc.source,
        format="altinn",
        forms=tuple(forms),
        title=forms[0].title if forms else None,
        problems=tuple(problems),
        metadata={"languages": [lang for lang in languages if lang]},
    )


def parse_altinn_layout(doc: FetchedDocument, opts: ParseOptions) -> ParsedDocument:
    """One Altinn layout file on its own: ids are shown literally, options stay unresolved."""
    app = _App(root="")
    data, problem = load_problem(doc.source, doc.body)
    if problem is not None:
        return ParsedDocument(source=doc.source, format="altinn-layout", problems=(problem,))
    page = PurePosixPath(doc.source.replace("\\", "/")).stem or "layout"
    s = _Set(name="", layouts=[_Layout(page=page, relpath=doc.source, data=as_dict(data))])
    form = _set_form(app, s, page, None, {})
    problems = list(app.problems)
    if app.expressions:
        problems.append(
            Problem(
                f"{len(app.expressions)} text expressions not evaluated",
                Location(source=doc.source),
                level="note",
            )
        )
    problems.extend(
        Problem(note, Location(source=doc.source), level="note") for note in sorted(app.notes)
    )
    return ParsedDocument(
        source=doc.source, format="altinn-layout", forms=(form,), problems=tuple(problems)
    )


def parse_altinn_texts(doc: FetchedDocument, opts: ParseOptions) -> ParsedDocument:
    """One text-resource file on its own: every value as a text block in the file's language."""
    data, problem = load_problem(doc.source, doc.body)
    if problem is not None:
        return ParsedDocument(source=doc.source, format="altinn-texts", problems=(problem,))
    d = as_dict(data)
    m = re.search(r"resource\.([A-Za-z-]+)\.json$", doc.source)
    lang = normalise_language(as_str(d.get("language")) or (m.group(1) if m else None))
    blocks: list[TextBlock] = []
    for i, res in enumerate(as_list(d.get("resources"))):
        r = as_dict(res)
        rid = as_str(r.get("id"))
        text = clean_text(as_str(r.get("value")), markdown=True)
        if not text:
            continue
        blocks.append(
            TextBlock(
                text=text,
                scope=Scope.TRANSLATION,
                location=Location(
                    source=doc.source,
                    json_pointer=pointer("resources", i, "value"),
                    component=f"resource {rid}",
                    anchor=rid or str(i),
                ),
                language=lang,
            )
        )
    key = f"altinn-texts:{PurePosixPath(doc.source.replace(chr(92), '/')).name}"
    form = Form(
        key=key,
        kind="altinn-texts",
        location=Location(source=doc.source),
        text_blocks=tuple(blocks),
        language=lang,
    )
    return ParsedDocument(source=doc.source, format="altinn-texts", forms=(form,), language=lang)


# --- reading the app -------------------------------------------------------------------------------


def _resources(data: dict[str, object]) -> dict[str, str]:
    out: dict[str, str] = {}
    for res in as_list(data.get("resources")):
        r = as_dict(res)
        rid = r.get("id")
        value = r.get("value")
        if isinstance(rid, str) and isinstance(value, str):
            out[rid] = value
    return out


def _add_ui_file(app: _App, sets: dict[str, _Set], rel: str, parts: list[str], body: bytes) -> None:
    """Place one file under ``App/ui`` into its set (task folder, layout set, or the classic root)."""
    if len(parts) == 1 and parts[0] == "FormLayout.json":
        set_name, page, kind = "", "FormLayout", "layout"
    elif len(parts) == 1 and parts[0] == "Settings.json":
        set_name, page, kind = "", "", "settings"
    elif len(parts) == 2 and parts[1] == "Settings.json":
        set_name, page, kind = parts[0], "", "settings"
    elif len(parts) == 2 and parts[0] == "layouts":
        set_name, page, kind = "", parts[1][: -len(".json")], "layout"
    elif len(parts) == 3 and parts[1] == "layouts":
        set_name, page, kind = parts[0], parts[2][: -len(".json")], "layout"
    elif len(parts) == 2 and parts[1] == "FormLayout.json":
        set_name, page, kind = parts[0], "FormLayout", "layout"
    else:
        return  # layout-sets.json, footer.json, RuleHandler, ...: no form text of their own
    data, problem = load_problem(app.path(rel), body)
    if problem is not None:
        app.problems.append(problem)
        return
    s = sets.setdefault(set_name, _Set(name=set_name))
    d = as_dict(data)
    if kind == "settings":
        s.settings_order = [
            p for p in as_list(as_dict(d.get("pages")).get("order")) if isinstance(p, str)
        ]
    else:
        s.layouts.append(_Layout(page=page, relpath=rel, data=d))


def _ordered(s: _Set) -> list[_Layout]:
    rank = {p: i for i, p in enumerate(s.settings_order)}
    return sorted(s.layouts, key=lambda lay: (rank.get(lay.page, len(rank)), lay.page))


@dataclass(slots=True)
class _Builder:
    app: _App
    lang: str | None
    resources: dict[str, str]
    fields: list[Field] = field(default_factory=list)
    blocks: list[TextBlock] = field(default_factory=list)

    def text(self, value: object, src: str, ptr: str) -> str:
        """Resolve a text binding: resource id → value, unknown id → literal, expression → ""."""
        if isinstance(value, list):
            self.app.expressions.add((src, ptr))
            return ""
        if not isinstance(value, str) or not value.strip():
            return ""
        raw = self.resources.get(value, value)
        return clean_text(raw, markdown=True)

    def block(self, text: str, scope: Scope, loc: Location, hidden: bool) -> None:
        if text:
            self.blocks.append(
                TextBlock(text=text, scope=scope, location=loc, language=self.lang, hidden=hidden)
            )


def _set_form(
    app: _App, s: _Set, app_name: str, lang: str | None, resources: dict[str, str]
) -> Form:
    # the key keeps the code of the resource file's name, the texts say which language it is
    b = _Builder(app=app, lang=normalise_language(lang), resources=resources)
    ordered = _ordered(s)
    for lay in ordered:
        _layout(b, lay)
    set_label = s.name or "default"
    title = b.text(resources.get("appName") or resources.get("ServiceName") or "", "", "") or None
    key = f"altinn:{app_name}/{set_label}" + (f"@{lang}" if lang else "")
    return Form(
        key=key,
        kind="altinn",
        # form-level findings point at the first page: a file, which every report format can open
        location=Location(
            source=(app.path(ordered[0].relpath) if app.root else ordered[0].relpath)
            if ordered
            else app.root or app_name,
            component=set_label,
            anchor=key,
        ),
        title=title,
        fields=tuple(b.fields),
        text_blocks=tuple(b.blocks),
        language=b.lang,
    )


def _layout(b: _Builder, lay: _Layout) -> None:
    app = b.app
    src = app.path(lay.relpath) if app.root else lay.relpath
    data = as_dict(lay.data.get("data"))
    page_hidden = data.get("hidden") is True
    comps = [as_dict(c) for c in as_list(data.get("layout"))]
    children: dict[str, list[str]] = {}
    for c in comps:
        cid = as_str(c.get("id"))
        kids: list[str] = [k for k in as_list(c.get("children")) if isinstance(k, str)]
        for card in as_list(c.get("cards")) + as_list(c.get("tabs")):
            kids += [k for k in as_list(as_dict(card).get("children")) if isinstance(k, str)]
            media = as_dict(card).get("media")
            if isinstance(media, str):
                kids.append(media)
        for row in as_list(c.get("rows")):
            for cell in as_list(as_dict(row).get("cells")):
                comp_ref = as_dict(cell).get("component")
                if isinstance(comp_ref, str):
                    kids.append(comp_ref)
        children[cid] = [_CHILD_PREFIX.sub("", k) for k in kids]
    hidden_ids: set[str] = set()

    def hide(cid: str) -> None:
        if cid in hidden_ids:
            return
        hidden_ids.add(cid)
        for k in children.get(cid, []):
            hide(k)

    for c in comps:
        h = c.get("hidden")
        if h is True or page_hidden:
            hide(as_str(c.get("id")))
        elif isinstance(h, list):
            app.notes.add("hidden expressions not evaluated: those components are read as visible")
    for i, c in enumerate(comps):
        _component(b, lay.page, src, i, c, hidden=as_str(c.get("id")) in hidden_ids)


def _component(
    b: _Builder,
    page: str,
    src: str,
    i: int,
    c: dict[str, object],
    *,
    hidden: bool,
) -> None:
    ctype = as_str(c.get("type")) or "component"
    cid = as_str(c.get("id")) or f"#{i}"
    trb = as_dict(c.get("textResourceBindings"))
    base = ("data", "layout", i)

    def loc(binding: str, *extra: str | int) -> Location:
        tokens: tuple[str | int, ...] = (
            (*base, "textResourceBindings", binding) if not extra else (*base, *extra)
        )
        return Location(
            source=src,
            json_pointer=pointer(*tokens),
            component=f"{page}/{cid} ({ctype}) {binding}",
            anchor=cid,
        )

    def bound(binding: str) -> str:
        return b.text(trb.get(binding), src, pointer(*base, "textResourceBindings", binding))

    kind = _FIELD_KINDS.get(ctype)
    if kind is not None:
        label = bound("title") or None
        help_texts = tuple(t for t in (bound(n) for n in _FIELD_HELP) if t)
        options, source = _options(b, c, src, base, page, cid, ctype)
        if ctype == "Likert":
            b.block(bound("questions"), Scope.LABEL, loc("questions"), hidden)
            b.block(bound("leftColumnHeader"), Scope.TABLE_CELL, loc("leftColumnHeader"), hidden)
        for name, value in as_dict(c.get("tableHeaders")).items():
            b.block(
                b.text(value, src, pointer(*base, "tableHeaders", name)),
                Scope.TABLE_CELL,
                loc(f"tableHeaders.{name}", "tableHeaders", name),
                hidden,
            )
        binding = as_dict(c.get("dataModelBindings"))
        simple = binding.get("simpleBinding")
        name = simple if isinstance(simple, str) else as_str(as_dict(simple).get("field")) or cid
        b.fields.append(
            Field(
                kind=kind,
                location=loc("title"),
                label=label,
                help=help_texts,
                name=name,
                id=cid,
                options=options,
                options_source=source,
                required=c.get("required") is True,
                hidden=hidden,
                language=b.lang,
            )
        )
        return
    if ctype in _BUTTONS:
        for name in trb:
            text = bound(name)
            if text:
                b.fields.append(
                    Field(
                        kind=FieldKind.BUTTON,
                        location=loc(name),
                        label=text,
                        id=cid,
                        hidden=hidden,
                        language=b.lang,
                    )
                )
        return
    if ctype in _HEADINGS:
        b.block(bound("title"), Scope.HEADING, loc("title"), hidden)
        for name in trb:
            if name != "title" and name not in _SKIP_BINDINGS:
                b.block(bound(name), Scope.HELP, loc(name), hidden)
        return
    if ctype in _GROUPS:
        title_scope = Scope.LEGEND if ctype in ("Group", "RepeatingGroup") else Scope.HEADING
        for name in trb:
            if name in _SKIP_BINDINGS:
                continue
            scope = (
                title_scope
                if name == "title"
                else Scope.HELP
                if name in ("description", "help")
                else Scope.PARAGRAPH
            )
            b.block(bound(name), scope, loc(name), hidden)
        for key in ("cards", "tabs"):
            for j, item in enumerate(as_list(c.get(key))):
                d = as_dict(item)
                for name, scope in (
                    ("title", Scope.HEADING),
                    ("description", Scope.PARAGRAPH),
                    ("body", Scope.PARAGRAPH),
                    ("footer", Scope.PARAGRAPH),
                ):
                    text = b.text(d.get(name), src, pointer(*base, key, j, name))
                    b.block(text, scope, loc(f"{key}[{j}].{name}", key, j, name), hidden)
        for r, row in enumerate(as_list(c.get("rows"))):
            for k, cell in enumerate(as_list(as_dict(row).get("cells"))):
                cd = as_dict(cell)
                if "text" in cd:
                    text = b.text(
                        cd.get("text"), src, pointer(*base, "rows", r, "cells", k, "text")
                    )
                    b.block(
                        text,
                        Scope.TABLE_CELL,
                        loc(f"rows[{r}].cells[{k}].text", "rows", r, "cells", k, "text"),
                        hidden,
                    )
        return
    # Paragraph, Panel, Alert, Text, Link, Image, Summary ... : their bindings are prose.
    for name in trb:
        if name in _SKIP_BINDINGS:
            continue
        scope = _PROSE_BINDINGS.get(name, Scope.PARAGRAPH)
        if ctype in ("Panel", "Alert") and name == "title":
            scope = Scope.HEADING
        b.block(bound(name), scope, loc(name), hidden)


def _options(
    b: _Builder,
    c: dict[str, object],
    src: str,
    base: tuple[str | int, ...],
    page: str,
    cid: str,
    ctype: str,
) -> tuple[tuple[Option, ...], OptionsSource]:
    app = b.app
    preselected = c.get("preselectedOptionIndex")
    if "optionFilter" in c:
        app.notes.add("optionFilter expressions not evaluated: all options are read")
    raw_list: list[object] = []
    list_src = src
    list_base: tuple[str | int, ...] = (*base, "options")
    source = OptionsSource("inline")
    options_id = as_str(c.get("optionsId"))
    inline = c.get("options")
    if isinstance(inline, list) and inline:
        raw_list = inline
    elif options_id:
        if options_id in app.options:
            raw_list = app.options[options_id]
            list_src = app.option_paths[options_id]
            list_base = ()
            source = OptionsSource("file", f"App/options/{options_id}.json")
        else:
            cl = find_codelist(options_id, prefix="altinn")
            if cl is not None:
                opts = tuple(
                    Option(
                        label=code.label(b.lang or "nb"),
                        value=code.value,
                        selected=isinstance(preselected, int) and preselected == j,
                        location=Location(
                            source=src,
                            json_pointer=pointer(*base, "optionsId"),
                            component=f"{page}/{cid} ({ctype}) optionsId {options_id!r}",
                            anchor=cid,
                        ),
                    )
                    for j, code in enumerate(cl.codes)
                )
                return opts, OptionsSource("codelist", cl.id)
            return (), OptionsSource("unresolved", options_id)
    elif isinstance(c.get("source"), dict):
        return (), OptionsSource(
            "unresolved", f"source:{as_str(as_dict(c.get('source')).get('group'))}"
        )
    else:
        return (), source
    opts_out: list[Option] = []
    for j, o in enumerate(raw_list):
        od = as_dict(o)
        ptr = pointer(*list_base, j, "label")
        label = b.text(od.get("label"), list_src, ptr)
        if not label:
            continue
        value = od.get("value")
        desc = b.text(
            od.get("description"), list_src, pointer(*list_base, j, "description")
        ) or b.text(od.get("helpText"), list_src, pointer(*list_base, j, "helpText"))
        opts_out.append(
            Option(
                label=label,
                value=None if value is None else str(value),
                selected=isinstance(preselected, int)
                and not isinstance(preselected, bool)
                and preselected == j,
                location=Location(
                    source=list_src,
                    json_pointer=ptr,
                    component=f"{page}/{cid} ({ctype}) options[{j}].label",
                    anchor=f"{cid}:{value}",
                ),
                description=desc or None,
            )
        )
    return tuple(opts_out), source
