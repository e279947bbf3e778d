"""Issue 14, item 3: the words decide the language, not the markup (DOCX styles, html lang, none).

Real files built here (python-docx writes the Word file; HTML as a CMS would), linted end to end.
The wording is our own."""

from __future__ import annotations

from pathlib import Path

from formlint.api import lint_paths
from formlint.engine.runner import Engine


def _word_form(path: Path, paragraphs: list[str], style_language: str) -> Path:
    """A print-and-fill Word form whose styles claim ``style_language`` (as an en-US template
    does), its text in whatever language the paragraphs are."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    d = docx.Document()
    rpr = d.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    assert rpr is not None
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{style_language}"/>'))
    for text in paragraphs:
        d.add_paragraph(text)
    d.save(str(path))
    return path


def _found(engine: Engine, path: Path) -> set[tuple[str, str | None]]:
    run = lint_paths([path], engine)
    assert not run.errors, run.errors
    return {(f.rule, f.language) for f in run.findings()}


def test_norwegian_word_form_with_english_styles(engine: Engine, tmp_path: Path) -> None:
    path = _word_form(
        tmp_path / "soknad.docx",
        [
            "Søknad om plass på fritidsklubben",
            "Opplysninger om barnet",
            "Navn: ______________________",
            "Kjønn: ☐ Gutt ☐ Jente",
            "Skjemaet skal skrives under av han eller hun som har foreldreansvaret.",
        ],
        "en-US",
    )
    found = _found(engine, path)
    assert ("gender-binary-options", "nb") in found
    assert ("binary-pronoun-phrase", "nb") in found


def test_nynorsk_word_form_with_bokmal_styles(engine: Engine, tmp_path: Path) -> None:
    path = _word_form(
        tmp_path / "skjema.docx",
        [
            "Søknad om skuleskyss",
            "Kva heiter eleven, og kvar bur eleven no?",
            "Dersom han eller ho treng følgje på bussen, må de skrive kvifor.",
        ],
        "nb-NO",
    )
    assert ("binary-pronoun-phrase", "nn") in _found(engine, path)


def test_english_page_without_lang(engine: Engine, tmp_path: Path) -> None:
    page = tmp_path / "course.html"
    page.write_text(
        "<!doctype html><html><head><title>Evening classes</title></head><body>"
        "<h1>Sign up for evening classes</h1><form>"
        "<p>Sex: <input type=radio name=s value=1> Male <input type=radio name=s value=2> Female</p>"
        "<label for=n>Your name</label><input id=n name=n>"
        "</form></body></html>",
        encoding="utf-8",
    )
    assert ("gender-binary-options", "en") in _found(engine, page)


def test_norwegian_page_marked_english(engine: Engine, tmp_path: Path) -> None:
    page = tmp_path / "side.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>Kulturskolen</title></head><body>'
        "<h1>Påmelding til kulturskolen</h1>"
        "<p>Eleven kan velge instrument selv. Har han eller hun spilt før, skriv det i feltet.</p>"
        "<form><label for=a>Mors navn</label><input id=a name=a>"
        "<label for=b>Fars navn</label><input id=b name=b></form>"
        "</body></html>",
        encoding="utf-8",
    )
    found = _found(engine, page)
    assert ("binary-pronoun-phrase", "nb") in found
    assert ("parent-mor-far-only", "nb") in found


def test_a_marked_english_paragraph_stays_english(engine: Engine, tmp_path: Path) -> None:
    page = tmp_path / "side.html"
    page.write_text(
        '<!doctype html><html lang="nb"><head><title>Svømmekurs</title></head><body>'
        "<p>Kurset er for barn mellom seks og ti år, og foreldrene må være med i garderoben.</p>"
        '<p lang="en">If he or she cannot swim, the child starts in the small pool.</p>'
        "</body></html>",
        encoding="utf-8",
    )
    assert ("binary-pronoun-phrase", "en") in _found(engine, page)
