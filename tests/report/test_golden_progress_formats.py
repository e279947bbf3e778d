"""Golden output of every ``formlint report`` and ``formlint progress`` format, from a store of two
scans of the fixture site (formlint.store.samples: forms fixed, added and exempted between scans).

Only the CLI is used, so the test holds however the reporters are arranged. The clock is fixed:
the scans carry their own times, the store's clock is injected, ``--today`` sets the day
exceptions expire against; only the time the report was built, which the command line does not
take, is replaced by a placeholder, and so is the formlint version. XLSX is compared as a text
dump of its cells (the zip's bytes carry a save time). Regenerate with
``pytest --update-golden``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from formlint import __version__
from formlint.cli.main import cli
from formlint.store import Store
from formlint.store.samples import fixture_scan

TODAY = "2026-01-20"
CLOCK = "2026-01-20T08:00:00+00:00"
# --format name -> the files it writes (besides the stem)
FORMATS = {
    "html": [".html"],
    "md": [".md"],
    "csv": [".csv", "-findings.csv"],
    "xlsx": [".xlsx"],
    "json": [".json"],
}
MODE_FORMATS = ("html", "md")  # the dashboard differs from the report only in these
# when the report was built: the command line takes no clock for it
GENERATED_AT = re.compile(r'("generated_at": ")[^"]+(")')
GENERATED_DAY = re.compile(r'(<p class="meta">.* · [^:<]+: )\d{4}-\d\d-\d\d(</p>)')


def xlsx_cells(path: Path) -> str:
    """Every sheet's cells, one JSON list a row: what a reader of the workbook sees."""
    wb = load_workbook(path, read_only=True)
    lines = []
    for ws in wb.worksheets:
        lines.append(f"## {ws.title}")
        lines += [
            json.dumps(list(row), ensure_ascii=False, default=str)
            for row in ws.iter_rows(values_only=True)
        ]
    wb.close()
    return "\n".join(lines) + "\n"


def golden_name(name: str) -> str:
    """Where an output file's golden text lives (an XLSX as its cells' dump)."""
    return f"report/{name}.cells.txt" if name.endswith(".xlsx") else f"report/{name}"


def read_output(path: Path) -> str:
    if path.suffix == ".xlsx":
        return xlsx_cells(path)
    text = path.read_bytes().decode("utf-8")
    text = GENERATED_AT.sub(r"\g<1><time>\g<2>", text)
    text = GENERATED_DAY.sub(r"\g<1><date>\g<2>", text)
    return text.replace(f"formlint {__version__}", "formlint <version>")


def allowed_formats(command: str) -> set[str]:
    """The formats a command accepts, as its usage error lists them."""
    res = CliRunner().invoke(cli, [command, "--format", "no-such-format"])
    m = re.search(r"allowed: ([^)]+)\)", str(res.exception))
    assert m, res.exception
    return {name.strip() for name in m.group(1).split(",")}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """``stem + suffix`` -> normalised text, for both commands and every format."""
    base = tmp_path_factory.mktemp("progress-formats")
    url = f"sqlite:///{base / 'formlint.db'}"
    store = Store(url, clock=lambda: CLOCK)
    try:
        for n in (1, 2):
            run, pages = fixture_scan(n)
            store.record_run(run, site="kommune", pages=pages)
    finally:
        store.close()
    (base / "formlint.yml").write_text("", encoding="utf-8")  # defaults, not a discovered file
    out = base / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(base)
        options = ["--config", "formlint.yml", "--db", url, "--out", str(out), "--today", TODAY]
        for command in ("report", "progress"):
            res = CliRunner().invoke(cli, [command, *options, "--format", ",".join(FORMATS)])
            assert res.exit_code == 0, res.output
    yield {p.name: read_output(p) for p in sorted(out.iterdir())}


def test_every_format_has_a_golden_file() -> None:
    assert allowed_formats("report") == allowed_formats("progress") == set(FORMATS)


@pytest.mark.parametrize(
    "name",
    sorted(f"formlint-report{suffix}" for suffixes in FORMATS.values() for suffix in suffixes),
)
def test_report_format(
    name: str, written: dict[str, str], golden: Callable[[str, str], None]
) -> None:
    golden(golden_name(name), written[name])


@pytest.mark.parametrize(
    "name", sorted(f"formlint-progress{s}" for fmt in MODE_FORMATS for s in FORMATS[fmt])
)
def test_progress_format(
    name: str, written: dict[str, str], golden: Callable[[str, str], None]
) -> None:
    golden(golden_name(name), written[name])


@pytest.mark.parametrize(
    "suffix", [s for fmt, suffixes in FORMATS.items() if fmt not in MODE_FORMATS for s in suffixes]
)
def test_progress_data_format_is_the_reports(suffix: str, written: dict[str, str]) -> None:
    """The dashboard's data files are the report's: one model, written twice."""
    assert written[f"formlint-progress{suffix}"] == written[f"formlint-report{suffix}"]
