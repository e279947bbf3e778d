"""files.collect: files, directories, Altinn apps as one document, Form.io translation siblings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from formlint.document import FetchedDocument
from formlint.model import Problem
from formlint.parse.registry import ALTINN_APP_MEDIA_TYPE, parse_document, sniff
from formlint.sources.files import FileToRead, collect, find


def _write(path: Path, text: str | bytes = "{}") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _docs(items: list[FetchedDocument | Problem]) -> list[FetchedDocument]:
    return [i for i in items if isinstance(i, FetchedDocument)]


def test_missing_file_is_a_one_line_problem(tmp_path: Path) -> None:
    (item,) = list(collect([tmp_path / "nope.json"]))
    assert isinstance(item, Problem)
    assert item.message == "no such file or directory"
    assert "\n" not in item.one_line()


def test_file_of_any_extension_is_read(tmp_path: Path) -> None:
    p = _write(tmp_path / "form.txt", '{"resourceType": "Questionnaire"}')
    (doc,) = _docs(list(collect([p])))
    assert doc.url == str(p) and sniff(doc) == "fhir"


def test_directory_walk_is_sorted_and_skips_noise(tmp_path: Path) -> None:
    _write(tmp_path / "b.html", "<form></form>")
    _write(tmp_path / "a" / "z.json")
    _write(tmp_path / ".git" / "x.json")
    _write(tmp_path / "node_modules" / "x.json")
    _write(tmp_path / "__pycache__" / "x.json")
    _write(tmp_path / ".venv" / "x.json")
    _write(tmp_path / ".hidden.json")
    urls = [Path(d.url).relative_to(tmp_path).as_posix() for d in _docs(list(collect([tmp_path])))]
    assert urls == ["a/z.json", "b.html"]


def test_altinn_app_is_one_document(tmp_path: Path) -> None:
    app = tmp_path / "repo" / "myapp"
    _write(app / "App" / "ui" / "Task_1" / "Settings.json", '{"pages": {"order": ["S1"]}}')
    _write(
        app / "App" / "ui" / "Task_1" / "layouts" / "S1.json",
        '{"data": {"layout": [{"id": "i", "type": "Input", "textResourceBindings": {"title": "t"}}]}}',
    )
    _write(app / "App" / "options" / "o.json", "[]")
    _write(
        app / "App" / "config" / "texts" / "resource.nb.json",
        '{"language": "nb", "resources": [{"id": "t", "value": "Navn"}]}',
    )
    _write(app / "App" / "models" / "model.cs", "class X {}")
    _write(app / "README.md", "# app")
    _write(tmp_path / "repo" / "other.html", "<p>x</p>")
    items = list(collect([tmp_path / "repo"]))
    docs = _docs(items)
    assert [Path(d.url).name for d in docs] == ["myapp", "other.html"]
    app_doc = docs[0]
    assert app_doc.media_type == ALTINN_APP_MEDIA_TYPE and app_doc.body == b""
    assert sorted(app_doc.siblings) == [
        "App/config/texts/resource.nb.json",
        "App/options/o.json",
        "App/ui/Task_1/Settings.json",
        "App/ui/Task_1/layouts/S1.json",
    ]
    parsed = parse_document(app_doc)
    assert parsed.format == "altinn" and parsed.forms[0].fields[0].label == "Navn"
    # the app given directly, and its App folder, are the same document
    for given in (app, app / "App"):
        (doc,) = _docs(list(collect([given])))
        assert doc.url == str(app) and doc.media_type == ALTINN_APP_MEDIA_TYPE


def test_formio_form_carries_its_translation(tmp_path: Path) -> None:
    form = _write(
        tmp_path / "forms" / "nav1.json",
        '{"title": "T", "components": [{"type": "textfield", "key": "a", "label": "Han eller hun"}]}',
    )
    trans = _write(
        tmp_path / "translations" / "nav1.json", '{"nn-NO": {"Han eller hun": "Han eller ho"}}'
    )
    glob = _write(
        tmp_path / "resources" / "global-translations-en.json",
        '{"en": [{"translations": {"Mor": {"value": "Mother"}}}]}',
    )
    docs = _docs(list(collect([tmp_path])))
    assert [d.url for d in docs] == [str(form), str(glob)]
    assert docs[0].siblings == {"translations/nav1.json": trans.read_bytes()}
    parsed = parse_document(docs[0])
    nn = next(f for f in parsed.forms if f.language == "nn")
    assert nn.text_blocks[0].location.source == str(trans)
    assert parse_document(docs[1]).format == "formio-global-translations"
    # a translation given alone is read alone, its form beside it for context (title, anchors);
    # given with its form, by name or in any folder of the run, it is read once, with the form
    (alone,) = _docs(list(collect([trans])))
    assert alone.url == str(trans) and alone.siblings == {"forms/nav1.json": form.read_bytes()}
    alone_parsed = parse_document(alone)
    assert [(f.key, f.title, f.translation_of) for f in alone_parsed.forms] == [
        ("nav1#nn", "T (nn-NO)", "nav1")
    ]
    both = _docs(list(collect([form, trans])))
    assert [d.url for d in both] == [str(form)] and both[0].siblings
    folders = _docs(list(collect([tmp_path / "forms", tmp_path / "translations"])))
    assert [d.url for d in folders] == [str(form)] and folders[0].siblings


def test_too_large_file_is_skipped(tmp_path: Path) -> None:
    p = _write(tmp_path / "big.json", "x" * 2000)
    (item,) = list(collect([p], max_bytes=1000))
    assert isinstance(item, Problem) and "too large" in item.message


@pytest.mark.skipif(
    sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="needs POSIX permissions and a non-root user",
)
def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    p = _write(tmp_path / "secret.json")
    p.chmod(0)
    try:
        (item,) = list(collect([p]))
    finally:
        p.chmod(0o644)
    assert isinstance(item, Problem) and item.message == "permission denied"


def test_a_file_inside_an_altinn_app_is_read_as_the_whole_app(tmp_path: Path) -> None:
    """pre-commit passes single changed files; a layout alone would lose its texts and options."""
    app = tmp_path / "myapp" / "App"
    (app / "ui" / "layouts").mkdir(parents=True)
    (app / "config" / "texts").mkdir(parents=True)
    (app / "ui" / "layouts" / "Side1.json").write_text('{"data": {"layout": []}}', encoding="utf-8")
    (app / "ui" / "layouts" / "Side2.json").write_text('{"data": {"layout": []}}', encoding="utf-8")
    (app / "config" / "texts" / "resource.nb.json").write_text(
        '{"language": "nb", "resources": []}', encoding="utf-8"
    )
    docs = list(
        collect([app / "ui" / "layouts" / "Side1.json", app / "ui" / "layouts" / "Side2.json"])
    )
    assert len(docs) == 1
    doc = docs[0]
    assert not isinstance(doc, Problem)
    assert doc.media_type == ALTINN_APP_MEDIA_TYPE
    assert any(k.endswith("resource.nb.json") for k in doc.siblings)


def test_files_found_are_read_where_they_were_named_whatever_the_folder_then(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker reads the files it lints (find names them, read reads them): a relative name
    is read from the folder the run started in, and the document keeps the name as given."""
    _write(tmp_path / "repo" / "forms" / "nav1.json", '{"title": "T", "components": []}')
    _write(tmp_path / "repo" / "translations" / "nav1.json", '{"nn-NO": {"T": "T"}}')
    _write(tmp_path / "repo" / "side.html", "<p>Hei</p>")
    monkeypatch.chdir(tmp_path)
    found = list(find([Path("repo")]))
    assert all(isinstance(f, FileToRead) for f in found)  # nothing read yet
    monkeypatch.chdir(tmp_path / "repo")  # a worker elsewhere
    form, page = (f.read() for f in found if isinstance(f, FileToRead))
    assert isinstance(form, FetchedDocument) and isinstance(page, FetchedDocument)
    assert (form.url, page.url) == ("repo/forms/nav1.json", "repo/side.html")
    assert form.siblings == {"translations/nav1.json": b'{"nn-NO": {"T": "T"}}'}
    assert page.body == b"<p>Hei</p>"
    assert [d.url for d in _docs(list(collect([Path("side.html")])))] == ["side.html"]
