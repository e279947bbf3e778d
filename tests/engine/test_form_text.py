"""A purpose statement may sit in the page around a form, not only in the form: the page's
paragraphs that mention the subject count (gender-not-needed stays silent)."""

from __future__ import annotations

from formlint.document import FetchedDocument
from formlint.engine.runner import Engine
from formlint.pipeline import Linter

FORM = (
    "<form><fieldset><legend>Kjønn</legend>"
    "<label><input type=radio name=k> Jente</label><label><input type=radio name=k> Gutt</label>"
    "<label><input type=radio name=k> Annet</label>"
    "<label><input type=radio name=k> Ønsker ikke å oppgi</label></fieldset></form>"
)


def _rules(engine: Engine, body: str) -> set[str]:
    html = f'<html lang="nb"><head><title>Svømmekurs</title></head><body>{body}</body></html>'
    doc = FetchedDocument(url="https://k.no/kurs", body=html.encode(), media_type="text/html")
    return {f.rule for f in Linter(engine).document(doc).findings}


def test_purpose_outside_the_form_counts(engine: Engine) -> None:
    assert "gender-not-needed" in _rules(engine, f"<p>Velkommen til kurs.</p>{FORM}")
    purpose = "<p>Vi spør om KJØNN fordi gruppene deles etter ønske.</p>"
    assert "gender-not-needed" not in _rules(engine, purpose + FORM)
