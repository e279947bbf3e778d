"""Recognise print-and-fill "fields" that exist only as text.

Paper forms turned into PDF or Word files keep their questions as plain lines: ``Mor: ______
Far: ______``, ``☐ Gutt ☐ Jente``, ``Kjønn: M / K``. Rules must see these as fields (or
``parent-mor-far-only`` and ``gender-binary-options`` never fire on the forms that need them
most), while ordinary prose with a colon ("Merk: søknaden må sendes innen 1. mars.") must stay
prose. The PDF, DOCX and ODT parsers share this module.

Real controls found by the DOCX/ODT parsers are written into the line as *markers*: one
private-use character per control (``marker(i)``), standing where a blank would be, or right after
a checkbox glyph. A marker counts as a blank, so a control gets its label from the text around it
exactly as a line of underscores does, and the caller maps ``PrintField.markers`` back to its
controls.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from lxml import etree

from formlint.model import (
    NO_TEXT,
    Field,
    FieldKind,
    Form,
    Location,
    Option,
    ParsedDocument,
    Problem,
    Scope,
    TextBlock,
    TextBlocks,
)
from formlint.parse.ziputil import SafeZip, ZipReadError

if TYPE_CHECKING:
    from formlint.document import FetchedDocument
    from formlint.parse.registry import ParseOptions

MARKER_BASE = 0xE000
MARKER_LIMIT = 0xF8FF
_MARKER_CLASS = "\ue000-\uf8ff"
_MARKERS = re.compile(f"[{_MARKER_CLASS}]")

CHECKED_GLYPHS = frozenset("☑☒■●")
_BULLET_LIKE = frozenset("■●○◯")  # also used as list bullets
_GLYPH = r"(?:[☐☑☒□■○●◯❏❑]|\[ ?\]|\[[xX✓✔]\]|\( ?\)|\([xX✓✔]\))"
# A glyph counts only at the start, after white space or after a colon, so "f(x)" stays text.
_GLYPH_RE = re.compile(rf"(?:^|(?<=[\s:]))(?P<g>{_GLYPH})(?P<m>[{_MARKER_CLASS}]?)")
_BLANK = rf"(?:_{{3,}}|\.{{4,}}|…{{2,}}|(?:\. ?){{4,}}|[{_MARKER_CLASS}])"
_BLANK_RUN = rf"{_BLANK}(?:[\s/.\-]*{_BLANK})*"
_BLANK_SEGMENT = re.compile(rf"(?P<label>[^_{_MARKER_CLASS}]{{0,80}}?)(?P<blank>{_BLANK_RUN})")
_HAS_BLANK = re.compile(rf"_{{3}}|\.{{4}}|…{{2}}|(?:\. ?){{4}}|[{_MARKER_CLASS}]")
_SLASH_LINE = re.compile(r"^(?P<label>[^:?/]{1,60}?)\s*(?P<end>[:?])\s*(?P<opts>[^/]+(?:/[^/]+)+)$")
_LETTER = re.compile(r"[^\W\d_]")

MAX_LABEL_WORDS = 6
MAX_QUESTION_WORDS = 15
MAX_OPTION_WORDS = 6
MAX_JOIN_WORDS = 10  # one box per line: longer answers still make one question
MAX_BARE_LABEL_WORDS = 3  # a label line without ":" or "?" ("Kjønn", "Barnets navn")


def marker(index: int) -> str:
    """The private-use character that stands for the caller's control number ``index``."""
    if index < 0 or MARKER_BASE + index > MARKER_LIMIT:
        raise ValueError(f"marker index out of range: {index}")
    return chr(MARKER_BASE + index)


def strip_markers(text: str) -> str:
    return _MARKERS.sub("", text)


@dataclass(frozen=True, slots=True)
class PrintField:
    """A field recognised in text: which line holds it and what it offers."""

    kind: FieldKind
    line: int  # index into the lines given to ``recognise`` (first line of a multi-line group)
    label: str | None = None
    legend: str | None = None
    options: tuple[Option, ...] = ()
    label_line: int | None = None  # the previous line used as the label, when it was
    markers: tuple[int, ...] = ()  # control markers inside the field, in order
    source: str = "blank"  # "blank", "glyph" or "slash": how it was recognised

    def to_field(
        self,
        location: Location,
        *,
        name: str | None = None,
        language: str | None = None,
    ) -> Field:
        return Field(
            kind=self.kind,
            location=location,
            label=self.label,
            legend=self.legend,
            name=name,
            options=self.options,
            language=language,
            name_source="text" if (self.label or self.legend) else "",
        )


@dataclass(frozen=True, slots=True)
class Recognised:
    """Fields found in the lines, and the lines (index, text) that stay prose."""

    fields: tuple[PrintField, ...]
    prose: tuple[tuple[int, str], ...]


def recognise(lines: Sequence[str], groups: Sequence[object] | None = None) -> Recognised:
    """Find print-and-fill fields in ``lines``; everything else is returned as prose.

    ``groups`` (one key per line) keeps glyph-only lines apart unless their keys are equal: a
    caller that knows its controls (a radio group, a lone checkbox) says which lines belong
    together; plain text leaves it out and consecutive "☐ Gutt" / "☐ Jente" lines are joined.
    """
    fields: list[PrintField] = []
    consumed: set[int] = set()
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        glyph = _glyph_field(line)
        if glyph is not None:
            before, options, marks = glyph
            end = i + 1
            if not before and _all_short(options, MAX_JOIN_WORDS):
                # "☐ Gutt" / "☐ Jente" on consecutive lines are one question
                while end < n:
                    nxt = _glyph_field(lines[end].strip())
                    if nxt is None or nxt[0] or not _all_short(nxt[1], MAX_JOIN_WORDS):
                        break
                    if groups is not None and groups[end] != groups[i]:
                        break
                    options = options + nxt[1]
                    marks = marks + nxt[2]
                    end += 1
            label, label_line = before or None, None
            if label is None:
                label_line = _label_line(lines, i, consumed, bare=len(options) > 1)
                if label_line is not None:
                    label = _clean_label(lines[label_line])
            fields.append(_glyph_to_field(i, label, label_line, options, marks))
            consumed.update(range(i, end))
            if label_line is not None:
                consumed.add(label_line)
            i = end
            continue
        blanks = _blank_fields(line)
        if blanks is not None and _continues_blank(blanks, lines, i, fields):
            consumed.add(i)  # more room to write in the field above, not a field of its own
            i += 1
            continue
        if blanks is not None:
            for k, (label, marks) in enumerate(blanks):
                label_line = None
                if label is None and k == 0:
                    label_line = _label_line(lines, i, consumed)
                    if label_line is not None:
                        label = _clean_label(lines[label_line])
                        consumed.add(label_line)
                fields.append(
                    PrintField(
                        kind=text_kind(label),
                        line=i,
                        label=label,
                        label_line=label_line,
                        markers=marks,
                        source="blank",
                    )
                )
            consumed.add(i)
            i += 1
            continue
        slash = _slash_field(line)
        if slash is not None:
            fields.append(_slash_to_field(i, *slash))
            consumed.add(i)
        i += 1
    prose = tuple(
        (k, strip_markers(t).strip())
        for k, t in enumerate(lines)
        if k not in consumed and strip_markers(t).strip()
    )
    return Recognised(tuple(fields), prose)


def _slash_to_field(line: int, label: str, options: list[str]) -> PrintField:
    return PrintField(
        kind=FieldKind.RADIO,
        line=line,
        label=label,
        options=tuple(Option(label=o, value=o) for o in options),
        source="slash",
    )


# --- glyph option lists ---------------------------------------------------------------------------


def _glyph_field(line: str) -> tuple[str, tuple[Option, ...], tuple[int, ...]] | None:
    """(question before the options, options, markers) when the line is a glyph option list.

    Boxes come before their words ("☐ Gutt ☐ Jente") or after them ("Gutt ☐ Jente ☐").
    """
    hits = list(_GLYPH_RE.finditer(line))
    if not hits:
        return None
    pieces = [line[: hits[0].start()]]
    pieces += [line[hits[k].end() : hits[k + 1].start()] for k in range(len(hits) - 1)]
    pieces.append(line[hits[-1].end() :])
    words = [_clean_option(p) for p in pieces]
    marks = [ord(c) - MARKER_BASE for m in hits for c in m.group("m")]
    marks += [ord(c) - MARKER_BASE for p in pieces for c in _MARKERS.findall(p)]
    if all(words[1:]):
        before = _clean_label(pieces[0])
        if before and not _label_like(before, MAX_QUESTION_WORDS):
            return None
        if len(hits) == 1 and before and hits[0].group("g")[0] in "[(":
            return None  # one "(x)" inside a sentence is a reference, not a box
        texts = words[1:]
    elif not words[-1] and all(words[:-1]) and hits[0].group("g")[0] not in "[(":
        before, head = "", pieces[0]
        if ":" in head:
            before, head = head.rsplit(":", 1)
            before = _clean_label(before)
            if not _label_like(before, MAX_QUESTION_WORDS):
                return None
        texts = [_clean_option(head), *words[1:-1]]
        if not texts[0] or any(len(t.split()) > MAX_OPTION_WORDS for t in texts):
            return None  # "... og send inn ☐" is a sentence ending in a box, not a choice
    else:
        return None  # a box with no words of its own
    bullets = any(m.group("g") in _BULLET_LIKE for m in hits)
    options: list[Option] = []
    for m, text, raw in zip(hits, texts, pieces[1:], strict=True):
        if bullets and (len(text.split()) > MAX_OPTION_WORDS or raw.rstrip().endswith(".")):
            return None  # "● Søknaden sendes til kommunen." is a bulleted sentence
        checked = m.group("g") in CHECKED_GLYPHS or m.group("g")[1:2] in ("x", "X", "✓", "✔")
        options.append(Option(label=text, value=text, selected=checked))
    return before, tuple(options), tuple(marks)


def _glyph_to_field(
    line: int,
    label: str | None,
    label_line: int | None,
    options: tuple[Option, ...],
    marks: tuple[int, ...],
) -> PrintField:
    if len(options) == 1:
        # "☐ Jeg samtykker": the box's own text is its label (so the option is hidden, or rules
        # would read it twice); a question before it is the legend
        return PrintField(
            kind=FieldKind.CHECKBOX,
            line=line,
            label=options[0].label,
            legend=label,
            options=(replace(options[0], hidden=True),),
            label_line=label_line,
            markers=marks,
            source="glyph",
        )
    return PrintField(
        kind=FieldKind.RADIO,
        line=line,
        label=label,
        options=options,
        label_line=label_line,
        markers=marks,
        source="glyph",
    )


def _clean_option(raw: str) -> str:
    text = strip_markers(raw)
    text = re.sub(r"(?:_{2,}|\.{3,}|…+)", " ", text)
    return text.strip().rstrip(":;,").strip()


def _all_short(options: tuple[Option, ...], limit: int) -> bool:
    return all(len(o.label.split()) <= limit for o in options)


# --- blanks: "Mor: ______ Far: ______" --------------------------------------------------------------


def _blank_fields(line: str) -> list[tuple[str | None, tuple[int, ...]]] | None:
    """[(label, markers)] when the whole line is label/blank pairs, else None."""
    if not _HAS_BLANK.search(line):
        return None  # the common case, prose: no regex backtracking at all
    out: list[tuple[str | None, tuple[int, ...]]] = []
    pos = 0
    while (m := _BLANK_SEGMENT.match(line, pos)) is not None and m.end() > pos:
        label = _clean_label(m.group("label"))
        if label and not _label_like(label, MAX_LABEL_WORDS):
            return None
        if not label and out:
            return None  # "Navn: ____ ____" is one blank; a second unlabeled one is not a field
        marks = tuple(ord(c) - MARKER_BASE for c in _MARKERS.findall(m.group("blank")))
        out.append((label or None, marks))
        pos = m.end()
    if not out or line[pos:].strip(" \t:;,."):
        return None
    return out


def _continues_blank(
    blanks: list[tuple[str | None, tuple[int, ...]]],
    lines: Sequence[str],
    i: int,
    fields: list[PrintField],
) -> bool:
    """A bare line of underscores right under a blank field ("Beskrivelse: ____" / "____")."""
    if len(blanks) != 1 or blanks[0] != (None, ()) or not fields:
        return False
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    last = fields[-1]
    return j >= 0 and last.source == "blank" and last.line == j and not last.markers


def text_kind(label: str | None) -> FieldKind:
    """TEXT, or DATE / SIGNATURE when the label says so ("Fødselsdato", "Underskrift")."""
    low = (label or "").lower()
    if low.startswith(("underskrift", "signatur", "signature")):
        return FieldKind.SIGNATURE
    if low.endswith("dato") or low in ("date", "dato"):
        return FieldKind.DATE
    return FieldKind.TEXT


# --- "Kjønn: M / K" -------------------------------------------------------------------------------


def _slash_field(line: str) -> tuple[str, list[str]] | None:
    m = _SLASH_LINE.match(strip_markers(line))
    if m is None:
        return None
    label = m.group("label").strip()
    if not _label_like(label, MAX_LABEL_WORDS if m.group("end") == ":" else MAX_QUESTION_WORDS):
        return None
    if m.group("end") == "?":
        label += "?"
    options = [o.strip() for o in m.group("opts").split("/")]
    if not 2 <= len(options) <= 8:
        return None
    for o in options:
        # options are short capitalised words ("M", "Mann", "Ønsker ikke å oppgi"), so prose
        # such as "Merk: han/hun skal signere" is not one
        if not o or not o[0].isupper() or len(o.split()) > 4 or re.search(r"[\d.,;!]", o):
            return None
    return label, options


# --- labels -----------------------------------------------------------------------------------------


def _clean_label(text: str) -> str:
    text = strip_markers(text).strip()
    text = re.sub(r"[\s:]+$", "", text)
    return text.strip()


def _label_like(text: str, max_words: int) -> bool:
    """Short, contains a letter, and no sentence inside ("Merk: søknaden ..." is not a label)."""
    if not _LETTER.search(text) or len(text.split()) > max_words:
        return False
    return ":" not in text and not re.search(r"[.!?]\s+[A-ZÆØÅ]", text)


def _label_line(
    lines: Sequence[str], i: int, consumed: set[int], *, bare: bool = True
) -> int | None:
    """The previous line when it reads as the question for a field on line ``i``.

    ``bare`` also accepts a short line without ":" or "?" ("Kjønn" above its boxes); not for a
    lone checkbox, whose own words are its label.
    """
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    if j < 0 or j in consumed:
        return None
    prev = strip_markers(lines[j]).strip()
    if prev.endswith(":") and _label_like(prev[:-1].strip(), MAX_LABEL_WORDS):
        return j
    if prev.endswith("?") and _label_like(prev, MAX_QUESTION_WORDS):
        return j
    if (
        bare
        and len(prev.split()) <= MAX_BARE_LABEL_WORDS
        and prev[:1].isupper()
        and not re.search(r"[.!,;)]$", prev)
        and _label_like(prev, MAX_BARE_LABEL_WORDS)
    ):
        return j  # "Kjønn" alone on the line above its boxes
    return None


# --- lines with controls, tables: shared by the DOCX and ODT parsers -------------------------------


@dataclass(slots=True)
class Control:
    """A real control (content control, legacy field, ODF form control) in a line."""

    kind: FieldKind
    name: str | None = None  # sdt tag / legacy field name: the stable anchor
    alias: str | None = None  # the title Word shows on the control
    options: tuple[Option, ...] = ()
    checked: bool = False
    help: tuple[str, ...] = ()
    placeholder: str | None = None
    value: str | None = None  # a radio button's own value (its group shares ``name``)
    group: str | None = None  # radio group: fields of one group are merged into one
    text: str | None = None  # the words an ODF checkbox/radio draws next to its box

    @property
    def titled(self) -> bool:
        """Does the control carry words of its own that assistive technology reads: a content
        control's or ODF control's title, a legacy field's help text, an ODF box's own words?"""
        return bool(self.alias or self.help or self.text)


@dataclass(slots=True)
class Line:
    """One line of a document: its text with markers, where it is, and the controls it holds."""

    text: str
    component: str
    scope: Scope
    controls: list[Control]


class Collector:
    """Turns lines and table rows of a DOCX/ODT part into fields and text blocks, in order.

    Format-neutral: the DOCX and ODT parsers render their XML into ``Line``s (text plus a marker
    per control) and hand them over here, so both read "Mor | Far" tables, "Kjønn: [control]"
    and glyph lists the same way.
    """

    def __init__(self, source: str, part: str, language: str | None) -> None:
        self.source = source
        self.part = part
        self.language = language
        self.fields: list[Field] = []
        self.blocks: list[TextBlock] = []
        self._groups: dict[int, str] = {}  # field index -> radio group

    def table_rows(self, rows: list[list[tuple[str, list[Line]]]]) -> None:
        """A table: rows of (component, lines) cells."""
        if not rows:
            return
        if self._matrix_table(rows) or self._header_table(rows):
            return
        header = [cell_text(lines) for _, lines in rows[0]]
        # "Navn | (empty)" rows make a field only in a table of such rows (or with "Navn:"), so a
        # layout table "Trondheim kommune | [logo]" stays text
        pairs = sum(
            1
            for row in rows
            if len(row) == 2
            and label_cell(cell_text(row[0][1]))
            and (
                blank_cell(row[1][1])
                or any(ln.controls for ln in row[1][1])
                or _GLYPH_RE.search(cell_text(row[1][1]))
            )
        )
        for r, row in enumerate(rows):
            if self._option_cells_row(row):
                continue
            start = len(self.blocks)
            texts = [cell_text(lines) for _, lines in row]
            consumed: set[str] = set()  # label cells that became a field's label
            for c, (comp, lines) in enumerate(row):
                left = texts[c - 1] if c > 0 else ""
                left_ok = c > 0 and row[c - 1][0] not in consumed and label_cell(left)
                fallback = left if left_ok else None
                if fallback is None and r > 0 and c < len(header) and label_cell(header[c]):
                    fallback = header[c]
                if self.emit(lines, fallback_label=fallback, cell=True) and fallback == left:
                    consumed.add(row[c - 1][0])
                elif (
                    left_ok
                    and len(row) == 2
                    and blank_cell(lines)
                    and (pairs >= 2 or left.rstrip().endswith(":"))
                ):
                    # "Navn | (empty)": a label cell with an empty cell to write in
                    label = clean_label(left)
                    self.fields.append(
                        Field(
                            kind=text_kind(label),
                            location=self._loc(comp),
                            label=label,
                            language=self.language,
                            name_source="text",
                        )
                    )
                    consumed.add(row[c - 1][0])
            if consumed:
                self.blocks[start:] = [
                    b for b in self.blocks[start:] if b.location.component not in consumed
                ]

    def _option_cells_row(self, row: list[tuple[str, list[Line]]]) -> bool:
        """ "Kjønn | ☐ Gutt | ☐ Jente": a question in the first cell and one box with its words
        in each later cell (glyphs, checkbox or radio controls). Read cell by cell, each box
        would be a lone checkbox and the question prose; the row is one question, as the same
        words on one line are. Returns True when the row was read so."""
        if len(row) < 3:
            return False
        first_comp, first_lines = row[0]
        question = cell_text(first_lines)
        if not label_cell(question) or any(ln.controls for ln in first_lines):
            return False
        cells = [lines for _, lines in row[1:] if not blank_cell(lines)]
        if len(cells) < 2:
            return False
        for lines in cells:
            if len(lines) != 1:
                return False
            glyph = _glyph_field(lines[0].text.strip())
            if glyph is None or glyph[0] or len(glyph[1]) != 1:
                return False
        texts: list[str] = []
        controls: list[Control] = []
        for lines in cells:
            ln = lines[0]
            texts.append(_renumber(ln.text.strip(), len(controls), len(ln.controls)))
            controls.extend(ln.controls)
        first = cells[0][0]
        merged = Line(" ".join(texts), first.component, first.scope, controls)
        if not self.emit([merged], fallback_label=question, cell=True):
            self._block(question, Scope.TABLE_CELL, first_comp)
        return True

    def _header_table(self, rows: list[list[tuple[str, list[Line]]]]) -> bool:
        """ "Mor | Far" over rows to write in: the header cells label the fields.

        Over empty rows each labelled column is one field; over rows of "Navn:" cells each such
        cell is a field, labelled by its own words under its column's header as legend.
        """
        if len(rows) < 2:
            return False
        header = [cell_text(lines) for _, lines in rows[0]]
        if not any(header) or not all(label_cell(h) for h in header if h):
            return False
        if any(ln.controls for _, lines in rows[0] for ln in lines):
            return False
        inline = False
        for row in rows[1:]:
            for _, lines in row:
                if blank_cell(lines):
                    continue
                if inline_label(lines) is None:
                    return False
                inline = True
        if inline:
            for row in rows[1:]:
                for c, (comp, lines) in enumerate(row):
                    label = inline_label(lines)
                    if label is None or c >= len(header):
                        continue
                    legend = clean_label(header[c]) or None
                    f = self._cell_field(lines, label, comp)
                    self.fields.append(replace(f, legend=legend))
            return True
        for c, (comp, _lines) in enumerate(rows[0]):
            if not header[c]:
                continue
            below = [ln for row in rows[1:] if c < len(row) for ln in row[c][1]]
            self.fields.append(self._cell_field(below, clean_label(header[c]), comp))
        return True

    def _cell_field(self, lines: list[Line], label: str, component: str) -> Field:
        """The field of a table cell: its control when it holds one, else a text field."""
        controls = [ctl for ln in lines for ctl in ln.controls]
        if controls:
            return self._control_field(controls[0], label, "text", component)
        return Field(
            kind=text_kind(label),
            location=self._loc(component),
            label=label,
            language=self.language,
            name_source="text",
        )

    def _matrix_table(self, rows: list[list[tuple[str, list[Line]]]]) -> bool:
        """A grid: "| Mor | Far" over "Navn | | " rows. Each empty cell is a field labelled by
        its row, under its column's header as legend (the question a parent column asks)."""
        if len(rows) < 2 or len(rows[0]) < 2:
            return False
        header = [cell_text(lines) for _, lines in rows[0]]
        if not any(header[1:]) or not all(label_cell(h) for h in header[1:] if h):
            return False
        if header[0] and not label_cell(header[0]):
            return False
        if any(ln.controls for _, lines in rows[0] for ln in lines):
            return False
        row_labels: list[str] = []
        for row in rows[1:]:
            first = cell_text(row[0][1]) if row else ""
            if not label_cell(first) or any(ln.controls for ln in row[0][1]):
                return False
            if not all(blank_cell(lines) for _, lines in row[1:]):
                return False
            row_labels.append(clean_label(first))
        for row, label in zip(rows[1:], row_labels, strict=True):
            for c, (comp, lines) in enumerate(row[1:], start=1):
                legend = clean_label(header[c]) if c < len(header) and header[c] else None
                if legend is None:
                    continue
                self.fields.append(replace(self._cell_field(lines, label, comp), legend=legend))
        if header[0]:
            self._block(header[0], Scope.TABLE_CELL, rows[0][0][0])
        return True

    # --- lines and fields ---------------------------------------------------------------------

    def _add(self, f: Field, controls: list[Control]) -> None:
        groups = {c.group for c in controls}
        if len(groups) == 1 and None not in groups:
            self._groups[len(self.fields)] = next(g for g in groups if g is not None)
        self.fields.append(f)

    def emit(
        self, lines: list[Line], *, fallback_label: str | None = None, cell: bool = False
    ) -> bool:
        """Recognise fields in ``lines``; the rest becomes text blocks.

        ``fallback_label`` (the cell to the left, or the column header) labels a field that has
        no label of its own; returns True when it was used.
        """
        if not lines:
            return False
        used_fallback = False
        # markers are numbered per paragraph; renumber them across the lines so a question
        # whose boxes sit on several lines still finds each line's own control
        every: list[Control] = []
        texts: list[str] = []
        offsets: list[int] = []
        for ln in lines:
            offsets.append(len(every))
            texts.append(_renumber(ln.text, len(every), len(ln.controls)))
            every.extend(ln.controls)
        rec = recognise(texts, [_line_group(ln) for ln in lines])
        claimed: set[int] = set()
        for pf in rec.fields:
            line = lines[pf.line]
            controls = [every[m] for m in pf.markers if 0 <= m < len(every)]
            claimed.update(id(c) for c in controls)
            label, source = pf.label, "text"
            if label is None and fallback_label is not None:
                label, used_fallback = clean_label(fallback_label), True
            if pf.source == "glyph" and controls:
                self._add(self._glyph_field(pf, controls, line, label), controls)
            elif controls:
                if label is None:
                    first = controls[0]
                    label, source = (first.alias, "title") if first.alias else (first.name, "")
                for ctl in controls:
                    self._add(self._control_field(ctl, label, source, line.component), [ctl])
            else:
                f = pf.to_field(self._loc(line.component), language=self.language)
                if label != pf.label:
                    f = replace(f, label=label, name_source="text")
                self.fields.append(f)
        # controls in lines printform read as prose ("a long question: [control]") are fields too
        for k, line in enumerate(lines):
            for m, ctl in enumerate(line.controls):
                if offsets[k] + m > MARKER_LIMIT - MARKER_BASE:
                    break
                mark = marker(offsets[k] + m)
                if id(ctl) in claimed or mark not in texts[k]:
                    continue
                claimed.add(id(ctl))
                before, _, after = texts[k].partition(mark)
                label = clean_label(before) if label_cell(before) else None
                source = "text"
                if ctl.kind == FieldKind.CHECKBOX and label is None:
                    label = re.sub(r"^[\s☐☑☒□■]+", "", strip_markers(after)).strip()
                    label = label or None
                if label is None and fallback_label is not None:
                    label, used_fallback = clean_label(fallback_label), True
                if label is None:
                    label, source = (ctl.alias, "title") if ctl.alias else (ctl.name, "")
                self._add(self._control_field(ctl, label, source, line.component), [ctl])
        prose: dict[str, list[str]] = {}
        order: list[tuple[str, Scope]] = []
        for k, text in rec.prose:
            line = lines[k]
            if not cell:
                self._block(text, line.scope, line.component)
                continue
            if line.component not in prose:
                prose[line.component] = []
                order.append((line.component, line.scope))
            prose[line.component].append(text)
        for comp, scope in order:
            self._block(" ".join(prose[comp]), scope, comp)
        return used_fallback

    def _glyph_field(
        self,
        pf: PrintField,
        controls: list[Control],
        line: Line,
        label: str | None,
    ) -> Field:
        """Checkbox controls next to their words: option values are the controls' names."""
        options = pf.options
        if len(controls) == len(pf.options):
            options = tuple(
                replace(o, value=c.value or c.name or o.value)
                for o, c in zip(pf.options, controls, strict=True)
            )
        names = {c.name for c in controls}
        anchor = controls[0].name if len(names) == 1 else None  # one control, or one radio group
        source = "text"
        kind, legend = pf.kind, pf.legend
        if all(c.kind == FieldKind.RADIO for c in controls):
            # radio buttons, even one per line: the question is the label, the words are options
            kind, label, legend = (
                FieldKind.RADIO,
                legend or (label if len(options) > 1 else None),
                None,
            )
            options = tuple(replace(o, hidden=False) for o in options)
        if label is None and controls[0].alias:
            label, source = controls[0].alias, "title"
        return Field(
            kind=kind,
            location=self._loc(line.component, anchor),
            label=label,
            legend=legend,
            name=anchor,
            options=options,
            language=self.language,
            name_source=source if (label or pf.legend) else "",
            titled=any(c.titled for c in controls),
        )

    def _control_field(
        self, ctl: Control, label: str | None, label_source: str, component: str
    ) -> Field:
        return Field(
            kind=ctl.kind,
            location=self._loc(component, ctl.name or ctl.alias),
            label=label,
            help=ctl.help,
            placeholder=ctl.placeholder,
            name=ctl.name,
            options=ctl.options,
            language=self.language,
            name_source=label_source if label else "",
            titled=ctl.titled,
        )

    def _block(self, text: str, scope: Scope, component: str) -> None:
        # one space between words, so "han  eller hun" across runs still matches a phrase
        text = " ".join(text.split())
        if text:
            self.blocks.append(TextBlock(text, scope, self._loc(component), self.language))

    def _loc(self, component: str, anchor: str | None = None) -> Location:
        return Location(source=self.source, part=self.part, component=component, anchor=anchor)

    def finish(self) -> None:
        """Merge radio buttons of one group that sat in different lines into one field."""
        if not self._groups:
            return
        first: dict[str, int] = {}
        drop: set[int] = set()
        for idx, group in sorted(self._groups.items()):
            if group not in first:
                first[group] = idx
                continue
            head = self.fields[first[group]]
            self.fields[first[group]] = replace(
                head,
                options=head.options + self.fields[idx].options,
                label=head.label or self.fields[idx].label,
            )
            drop.add(idx)
        self.fields = [f for k, f in enumerate(self.fields) if k not in drop]
        self._groups = {}


def _renumber(text: str, offset: int, count: int) -> str:
    """Shift a line's markers 0..count-1 by ``offset`` (past the marker range: dropped)."""
    if not count or not offset:
        return text

    def shift(m: re.Match[str]) -> str:
        k = ord(m.group()) - MARKER_BASE
        if k >= count or offset + k > MARKER_LIMIT - MARKER_BASE:
            return ""
        return marker(offset + k)

    return _MARKERS.sub(shift, text)


def _line_group(line: Line) -> object:
    """Which glyph lines may be joined: a radio group's lines, or lines without controls."""
    for c in line.controls:
        if c.kind == FieldKind.RADIO and c.group:
            return c.group
        if c.kind == FieldKind.CHECKBOX:
            return id(c)  # a lone checkbox control is its own question
    return None


def cell_text(lines: Iterable[Line]) -> str:
    return " ".join(strip_markers(ln.text).strip() for ln in lines).strip()


def clean_label(text: str) -> str:
    return re.sub(r"[\s:]+$", "", strip_markers(text)).strip()


def label_cell(text: str) -> bool:
    t = clean_label(text)
    if not t or len(t.split()) > MAX_LABEL_WORDS or len(t) > 60:
        return False
    if re.search(r"[☐☑☒□■○●◯❏❑]|_{3,}|\.{4,}", t):
        return False
    return not re.search(r"[.!]\s+\S", t) and not t.endswith(".")


def inline_label(lines: list[Line]) -> str | None:
    """ "Navn:" (or "Navn: ____") alone in a cell: a label with room to write after it."""
    text = re.sub(rf"(?:_{{2,}}|\.{{3,}}|…+|[{_MARKER_CLASS}]|\s)+$", "", cell_text(lines))
    if not text.endswith(":") or any(
        c.kind == FieldKind.CHECKBOX for ln in lines for c in ln.controls
    ):
        return None
    return clean_label(text) if label_cell(text) else None


def blank_cell(lines: list[Line]) -> bool:
    for ln in lines:
        text = strip_markers(ln.text)
        if re.sub(r"[\s_.…]", "", text):
            return False
        if any(c.kind in (FieldKind.CHECKBOX,) for c in ln.controls):
            return False
    return True


def document_result(
    *,
    source: str,
    fmt: str,
    kind: str,
    location: Location,
    title: str | None,
    fields: Sequence[Field],
    blocks: Sequence[TextBlock],
    language: str | None,
    problems: Sequence[Problem],
    metadata: dict[str, Any] | None = None,
    declared_language: str | None = None,
    tagged: bool | None = None,
) -> ParsedDocument:
    """A PDF/DOCX/ODT document as parsed: with fields, the whole document is one form (key
    "document") holding all its text; without, its text is page prose. ``declared_language``:
    the language the document itself sets (None: it sets none), ``tagged``: a PDF's tags."""
    form = (
        Form(
            key="document",
            kind=kind,
            location=location,
            title=title,
            fields=tuple(fields),
            text_blocks=tuple(blocks),
            language=language,
        )
        if fields
        else None
    )
    return ParsedDocument(
        source=source,
        format=fmt,
        forms=(form,) if form is not None else (),
        text_blocks=NO_TEXT if form is not None else TextBlocks(blocks),
        language=language,
        title=title,
        problems=tuple(problems),
        declared_language=declared_language,
        tagged=tagged,
        metadata=dict(metadata or {}),
    )


def parse_package(
    doc: FetchedDocument,
    opts: ParseOptions,
    fmt: str,
    parse: Callable[[SafeZip, str, ParseOptions], ParsedDocument],
) -> ParsedDocument:
    """Open an office package (DOCX, ODT) within the size caps and parse it; every failure,
    a bug included, becomes one problem naming the file, so the rest of the run goes on."""
    label = fmt.upper()
    source = doc.source
    try:
        z = SafeZip(doc.body, opts.max_decompressed_bytes)
    except ZipReadError as exc:
        return package_failed(source, fmt, str(exc))
    try:
        return parse(z, source, opts)
    except ZipReadError as exc:
        return package_failed(source, fmt, str(exc))
    except etree.XMLSyntaxError as exc:
        return package_failed(source, fmt, f"{label} part is not well-formed XML: {exc}")
    except Exception as exc:  # a bug here must not end a run; say which file and why
        return package_failed(
            source, fmt, f"{label} could not be read: {type(exc).__name__}: {exc}"
        )
    finally:
        z.close()


def package_failed(source: str, fmt: str, message: str) -> ParsedDocument:
    """A document of which nothing could be read: one problem, at the file."""
    return ParsedDocument(
        source=source, format=fmt, problems=(Problem(message, Location(source=source)),)
    )
