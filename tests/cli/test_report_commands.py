"""``formlint report``, ``progress``, ``reach import`` and ``status set`` through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from formlint.cli.main import cli
from formlint.store import Store
from formlint.store.samples import BASE, fixture_scan


def _db(tmp_path: Path, scans: tuple[int, ...] = (1, 2, 3)) -> str:
    url = f"sqlite:///{tmp_path / 'formlint.db'}"
    store = Store(url)
    for n in scans:
        run, pages = fixture_scan(n)
        store.record_run(run, site="kommune", pages=pages)
    store.close()
    return url


def test_report_writes_every_format(tmp_path: Path) -> None:
    db = _db(tmp_path)
    out = tmp_path / "out"
    res = CliRunner().invoke(
        cli,
        [
            "report",
            "--db",
            db,
            "--format",
            "html,md,csv,xlsx,json",
            "--out",
            str(out),
            "--today",
            "2026-09-01",
        ],
    )
    assert res.exit_code == 0, res.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "formlint-report-findings.csv",
        "formlint-report.csv",
        "formlint-report.html",
        "formlint-report.json",
        "formlint-report.md",
        "formlint-report.xlsx",
    ]
    model = json.loads((out / "formlint-report.json").read_text(encoding="utf-8"))
    assert model["schema"] == "formlint-progress/1.0"
    assert model["kpi"]["share"] == 1.0
    assert "Prioritert arbeidsliste" in (out / "formlint-report.md").read_text(encoding="utf-8")


def test_progress_dashboard_in_english(tmp_path: Path) -> None:
    db = _db(tmp_path, (1, 2))
    out = tmp_path / "out"
    res = CliRunner().invoke(
        cli,
        [
            "progress",
            "--db",
            db,
            "--format",
            "html,json",
            "--out",
            str(out),
            "--lang",
            "en",
            "--today",
            "2026-09-01",
        ],
    )
    assert res.exit_code == 0, res.output
    assert "KPI: 1 of 4 prioritised forms done (25%)" in res.output
    html = (out / "formlint-progress.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Progress of measure A2" in html
    model = json.loads((out / "formlint-progress.json").read_text(encoding="utf-8"))
    assert [t["share"] for t in model["trend"]] == [0.3333, 0.25]  # 1/3, then 1/4


def test_status_set_and_reach_import(tmp_path: Path) -> None:
    db = _db(tmp_path, (1, 2))
    runner = CliRunner()
    res = runner.invoke(
        cli,
        [
            "status",
            "set",
            f"{BASE}/skole/sfo",
            "--in-progress",
            "--note",
            "Ny versjon bestilt",
            "--db",
            db,
        ],
    )
    assert res.exit_code == 0, res.output
    export = tmp_path / "si.csv"
    export.write_text(
        "Title,URL,Page views\nSFO,https://kommune.example/skole/sfo,5000\n", encoding="utf-8"
    )
    res = runner.invoke(
        cli, ["reach", "import", str(export), "--preset", "siteimprove", "--db", db]
    )
    assert res.exit_code == 0, res.output
    assert "1 URLs" in res.output
    out = tmp_path / "out"
    res = runner.invoke(
        cli, ["report", "--db", db, "--format", "json", "--out", str(out), "--today", "2026-09-01"]
    )
    model = json.loads((out / "formlint-report.json").read_text(encoding="utf-8"))
    sfo = next(w for w in model["worklist"] if w["title"] == "Påmelding SFO")
    assert sfo["status"] == "orange" and sfo["note"]["note"] == "Ny versjon bestilt"
    assert sfo["reach"] == {
        "mode": "analytics",
        "views": 5000,
        "inbound": 0,
        "depth": None,
        "factor": sfo["reach"]["factor"],
    }
    assert model["worklist"][0]["title"] == "Påmelding SFO"


def test_unknown_form_and_format_are_usage_errors(tmp_path: Path) -> None:
    db = _db(tmp_path, (1,))
    runner = CliRunner()
    res = runner.invoke(cli, ["status", "set", "nope", "--db", db])
    assert res.exit_code != 0
    res = runner.invoke(cli, ["report", "--db", db, "--format", "pdf", "--out", str(tmp_path)])
    assert res.exit_code != 0


def test_config_sections_with_file_line_errors(tmp_path: Path) -> None:
    from formlint.config.load import load_sections
    from formlint.errors import ConfigError

    cfg = tmp_path / "formlint.yml"
    cfg.write_text(
        "profile: standard\nprogress:\n  deadline: 2027-06-30\n  owners:\n    - unit: Oppvekst\n      paterns: ['*/skole/*']\n",
        encoding="utf-8",
    )
    try:
        load_sections(cfg)
    except ConfigError as exc:
        assert "formlint.yml:6" in str(exc) and "did you mean 'patterns'" in str(exc)
    else:
        raise AssertionError("expected a ConfigError")
    cfg.write_text(
        "store:\n  path: x.db\nprogress:\n  prioritised:\n    top_n: 10\n  categories:\n    barnehage: {weight: 3, patterns: ['*barnehage*']}\n",
        encoding="utf-8",
    )
    store_cfg, progress_cfg, exceptions = load_sections(cfg)
    assert store_cfg.path == "x.db" and progress_cfg.prioritised.top_n == 10 and exceptions == []


def test_config_exception_and_owner_through_cli(tmp_path: Path) -> None:
    db = _db(tmp_path, (1, 2))
    cfg = tmp_path / "formlint.yml"
    cfg.write_text(
        "exceptions:\n  - document: '*/skole/*'\n    rule: gendered-salutation\n    reason: Krav fra fagsystemet\n"
        "    approved_by: Oppvekst\n    expires: 2026-10-01\nprogress:\n  owners:\n    - unit: Oppvekst\n      patterns: ['*/skole/*']\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    res = CliRunner().invoke(
        cli,
        [
            "report",
            "--db",
            db,
            "-c",
            str(cfg),
            "--format",
            "json",
            "--out",
            str(out),
            "--today",
            "2026-09-01",
        ],
    )
    assert res.exit_code == 0, res.output
    model = json.loads((out / "formlint-report.json").read_text(encoding="utf-8"))
    sfo = next(w for w in model["worklist"] if w["title"] == "Påmelding SFO")
    assert (sfo["status"], sfo["owner"]) == ("exempt", "Oppvekst")
    assert sfo["exceptions"][0]["reason"] == "Krav fra fagsystemet"


def test_reach_import_of_a_utf16_matomo_export_and_a_clear_error(tmp_path: Path) -> None:
    db = _db(tmp_path, (1,))
    export = tmp_path / "matomo.csv"
    export.write_bytes(
        "label,nb_visits,nb_hits,url\nSFO,40,5000,https://kommune.example/skole/sfo\n".encode(
            "utf-16"
        )
    )
    runner = CliRunner()
    res = runner.invoke(cli, ["reach", "import", str(export), "--db", db])
    assert res.exit_code == 0, res.output
    assert "1 URLs" in res.output
    odd = tmp_path / "odd.csv"
    odd.write_text("Side;Visninger\n/a;1\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "formlint", "reach", "import", str(odd), "--db", db],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 3
    assert proc.stderr.startswith(f"formlint: error: {odd}: columns 'url' and 'views' not both")
    assert "--preset (matomo, siteimprove, ga4, ua)" in proc.stderr
    assert "Traceback" not in proc.stderr
