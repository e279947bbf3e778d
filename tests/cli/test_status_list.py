"""``formlint status list``: the forms by status and owner unit, with their notes; the notes and
their authors also on the progress dashboard."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from formlint.cli.main import cli
from formlint.config.progress import OwnerRule
from formlint.store import Store
from formlint.store.samples import BASE, fixture_scan


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


def _set_note(db: str) -> set[str]:
    """``status set`` with a note; the dates it may have written it on (a run across midnight)."""
    before = _today()
    _run("status", "set", f"{BASE}/skole/sfo", "--note", "Ny versjon i test", "--author", "Kari",
         "--db", db)  # fmt: skip
    return {before, _today()}


def _db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'formlint.db'}"
    store = Store(url, clock=lambda: "2026-03-02T09:00:00+00:00")
    for n in (1, 2):
        run, pages = fixture_scan(n)
        store.record_run(run, site="kommune", pages=pages)
    store.sync_owners([OwnerRule(unit="Oppvekst", patterns=["*/barnehage/*", "*/skole/*"])])
    store.close()
    return url


def _run(*args: str) -> str:
    res = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res.output


def test_status_list_filters_by_owner_and_status(tmp_path: Path) -> None:
    db = _db(tmp_path)
    dates = _set_note(db)
    out = _run("status", "list", "--db", db, "--today", "2026-03-02")
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["Nr.", "id", "Status", "Ansvarlig"]
    assert [ln.split()[0] for ln in lines[1:-1]] == [str(n) for n in range(1, len(lines) - 1)]
    assert any(f"Ny versjon i test (Kari, {d})" in out for d in dates)
    oppvekst = _run("status", "list", "--owner", "oppvekst", "--db", db, "--today", "2026-03-02")
    assert "Påmelding SFO" in oppvekst and "Klage på vedtak" not in oppvekst
    assert oppvekst.splitlines()[-1] == "2 skjemaer"
    orange = _run("status", "list", "--status", "orange", "--lang", "nn", "--db", db)
    assert "Oransje" in orange and "Raud" not in orange and orange.endswith("2 skjema\n")
    assert _run("status", "list", "--owner", "Helse", "--db", db) == "Ingen skjemaer passer.\n"
    unowned = _run("status", "list", "--owner", "-", "--db", db, "--lang", "en")
    assert "(no unit)" in unowned and "Oppvekst" not in unowned


def test_notes_and_authors_on_the_dashboard(tmp_path: Path) -> None:
    db = _db(tmp_path)
    dates = _set_note(db)
    out = tmp_path / "out"
    _run("progress", "--db", db, "--format", "html,md", "--out", str(out), "--lang", "nn")
    html = (out / "formlint-progress.html").read_text(encoding="utf-8")
    assert '<th scope="col">Merknad</th>' in html
    assert any(f"Ny versjon i test (Kari, {d})" in html for d in dates)
    md = (out / "formlint-progress.md").read_text(encoding="utf-8")
    assert any(f"Ny versjon i test \\(Kari, {d}\\)" in md for d in dates)
