"""Real line numbers on HTML pages longer than libxml2's 65,535 lines."""

from __future__ import annotations

import time

from formlint.api import lint_document, make_engine
from formlint.document import FetchedDocument
from formlint.parse.html import parse_html
from formlint.parse.registry import ParseOptions

FORM = """<form id="sfo">
<fieldset>
<legend>Kjønn</legend>
<label><input type="radio" name="k" value="g"> Gutt</label>
<label><input type="radio" name="k" value="j"> Jente</label>
</fieldset>
</form>
"""


def page(lines_before: int) -> tuple[bytes, int]:
    """A page whose form starts on the line returned, after ``lines_before`` lines of prose."""
    head = '<!doctype html>\n<html lang="nb">\n<head><title>Lang side</title></head>\n<body>\n'
    prose = "<p>Åpningstider for servicetorget.</p>\n" * lines_before
    body = head + prose + FORM + "<p>Slutt</p>\n</body>\n</html>\n"
    return body.encode("utf-8"), head.count("\n") + lines_before + 1


def test_lines_beyond_65535_are_real() -> None:
    # past two steps of re-parsing (each takes 60,000 line breaks out)
    body, form_line = page(130_000)
    # CPU time, not wall time: the re-parses must stay linear, whatever else the machine runs
    started = time.process_time()
    parsed = parse_html(FetchedDocument(url="lang.html", body=body), ParseOptions())
    assert time.process_time() - started < 10
    form = parsed.forms[0]
    assert form.location.line == form_line
    field = form.fields[0]
    assert field.location.line is not None and field.location.line > form_line
    lines = [b.location.line for b in parsed.text_blocks]
    assert lines[1] == 5 and lines[-1] == form_line + FORM.count("\n")


def test_finding_on_a_long_page_names_its_real_line() -> None:
    body, form_line = page(70_000)
    found = lint_document(FetchedDocument(url="lang.html", body=body), make_engine()).findings
    binary = next(f for f in found if f.rule == "gender-binary-options")
    # the question's first radio button: three lines into the form
    assert binary.location.line == form_line + 3


def test_a_short_page_is_parsed_once() -> None:
    body, form_line = page(100)
    parsed = parse_html(FetchedDocument(url="kort.html", body=body), ParseOptions())
    assert parsed.forms[0].location.line == form_line
