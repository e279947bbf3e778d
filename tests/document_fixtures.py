"""The document fixture builders (tests/fixtures/documents/make_fixtures.py), loaded once for
every test module that builds PDF, DOCX, ODT or XFA files: the folder is data, not a package."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from formlint.model import Field, Form, ParsedDocument

FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures" / "documents"
_NAME = "formlint_document_fixtures"


def _load() -> ModuleType:
    if _NAME in sys.modules:
        return sys.modules[_NAME]
    spec = importlib.util.spec_from_file_location(_NAME, FIXTURE_DIR / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


mf = _load()


def single_form(doc: ParsedDocument) -> Form:
    """The one form of a document parsed without problems."""
    assert doc.problems == (), [p.one_line() for p in doc.problems]
    assert len(doc.forms) == 1
    return doc.forms[0]


def fields_by_label(form: Form) -> dict[str | None, Field]:
    return {f.label: f for f in form.fields}


def option_states(f: Field) -> list[tuple[str, str | None, bool]]:
    """(label, value, selected) of each option of a choice field."""
    return [(o.label, o.value, o.selected) for o in f.options]
