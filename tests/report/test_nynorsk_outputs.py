"""`--lang nn` gives Nynorsk in every format a person reads: no English status or severity word,
no Bokmål label (the scraped texts and suggestions stay as the forms wrote them)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from openpyxl import load_workbook

from formlint.cli.main import cli
from formlint.store import Store
from formlint.store.samples import record_fixture_scans

ENGLISH = re.compile(
    r"\b(red|orange|green|exempt|error|warning|suggestion|yes|no|on track|not on track|"
    r"too few scans|owner|findings?|fixed|still open|new)\b",
    re.IGNORECASE,
)
BOKMAL = re.compile(
    r"\b(Rød|Grønn|Unntatt|advarsel|Åpne funn|Rettet|enhet|Hvorfor|Hva|Ikke i rute)\b"
)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    base = tmp_path_factory.mktemp("nn")
    url = f"sqlite:///{base / 'formlint.db'}"
    store = Store(url)
    record_fixture_scans(store)
    store.close()
    (base / "formlint.yml").write_text(
        "progress:\n  owners:\n    - unit: Oppvekst\n      patterns: ['*/skole/*']\n",
        encoding="utf-8",
    )
    texts: dict[str, str] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(base)
        for command in ("report", "progress"):
            out = base / command
            args = [
                command,
                "--db",
                url,
                "--lang",
                "nn",
                "--out",
                str(out),
                "--today",
                "2026-09-01",
            ]
            res = CliRunner().invoke(cli, [*args, "--format", "html,md,csv,xlsx"])
            assert res.exit_code == 0, res.output
            if command == "progress":
                texts["progress console"] = res.output
            for path in sorted(out.iterdir()):
                texts[f"{command}/{path.name}"] = _readable_text(path)
        res = CliRunner().invoke(cli, ["status", "list", "--db", url, "--lang", "nn"])
        texts["status list"] = res.output
    yield texts


def _readable_text(path: Path) -> str:
    """What a person reads in the file: the page text of HTML, every cell of a workbook."""
    if path.suffix == ".html":
        tree = lxml_html.fromstring(path.read_bytes())
        for style in tree.iter("style"):
            style.drop_tree()
        return str(tree.text_content())
    if path.suffix == ".xlsx":
        wb = load_workbook(path, read_only=True)
        cells = [
            str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row
        ]
        titles = [ws.title for ws in wb.worksheets]
        wb.close()
        return "\n".join(titles + cells)
    if path.suffix == ".csv":
        rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";")
        return "\n".join(";".join(r) for r in rows)
    return path.read_text(encoding="utf-8")


def _without_data(text: str) -> str:
    """Leave out what is data, not a label: URLs, rule ids, the fixture's own messages."""
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"\b[a-z]+(?:-[a-z]+)+\b", " ", text)  # rule ids, identities
    return text


def test_every_format_is_nynorsk(outputs: dict[str, str]) -> None:
    assert len(outputs) == 12
    for name, text in outputs.items():
        clean = _without_data(text)
        assert not ENGLISH.findall(clean), (name, sorted(set(ENGLISH.findall(clean))))
        assert not BOKMAL.findall(clean), (name, sorted(set(BOKMAL.findall(clean))))
    assert "Raud" in outputs["report/formlint-report.html"]
    assert "Ansvarleg eining" in outputs["progress/formlint-progress.md"]
    assert "Opne funn" in outputs["report/formlint-report.csv"]
    assert "Nøkkeltal" in outputs["report/formlint-report.xlsx"]
    assert "prioriterte skjema ferdige" in outputs["progress console"]


def test_html_declares_nynorsk(tmp_path: Path) -> None:
    from datetime import date

    from formlint.progress.model import build_report
    from formlint.report.html import render_html

    store = Store("sqlite://")
    try:
        record_fixture_scans(store)
        html = render_html(build_report(store, lang="nn", today=date(2026, 9, 1)))
    finally:
        store.close()
    assert '<html lang="nn">' in html
    assert "Hopp til hovudinnhaldet" in html
