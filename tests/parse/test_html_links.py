"""A page's links (formlint/parse/html_links.py)."""

from __future__ import annotations

from html_pages import page, parse


def test_links() -> None:
    doc = parse(
        page(
            '<a href="/om">Om  oss</a><a href="skjema.pdf">Skjema (PDF)</a><a href="https://x.no/a.docx?v=1">Word</a>'
            '<a href="#top">Til toppen</a><a href="mailto:a@b.no">Post</a><a href="/om">Om oss igjen</a>'
            '<iframe src="https://skjema.altinn.no/app" title="Søknad"></iframe><script src="js/app.js"></script>'
            '<form action="send"></form>'
        ).replace("<head>", '<head><base href="https://k.no/base/">')
    )
    assert [(x.url, x.kind, x.text) for x in doc.links] == [
        ("https://k.no/om", "a", "Om oss"),
        ("https://k.no/base/skjema.pdf", "document", "Skjema (PDF)"),
        ("https://x.no/a.docx?v=1", "document", "Word"),
        ("https://skjema.altinn.no/app", "iframe", "Søknad"),
        ("https://k.no/base/js/app.js", "script", None),
        ("https://k.no/base/send", "form-action", None),
    ]
    assert doc.metadata["has_form_markers"] is True


def test_relative_links_without_base() -> None:
    doc = parse(
        page('<a href="../b/c.html">C</a><a href="//cdn.no/x">X</a>'),
        url="https://k.no/a/side.html",
    )
    assert [x.url for x in doc.links] == ["https://k.no/b/c.html", "https://cdn.no/x"]
