"""``formlint scan`` of many sites on this machine: one run, one summary, reports per site,
config errors before any request, and a killed run finished by its id."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from sitekit import delay_broken, serve_sites, write_configs

REPO = Path(__file__).resolve().parents[2]


def _scan(*args: str, cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "formlint", "scan", "--format", "none", "-q", *args],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _run(*args: str, cwd: Path) -> tuple[int, str, str]:
    proc = _scan(*args, cwd=cwd)
    out, err = proc.communicate(timeout=240)
    return proc.returncode, out, err


def test_workers_on_a_scan_of_one_site_say_what_they_do(tmp_path: Path) -> None:
    """One site is one crawl process: --workers is not silently taken as a promise of more."""
    with serve_sites(1) as sites:
        (config,) = write_configs(sites, tmp_path / "configs", delay=0)
        code, out, err = _run(str(config), "--workers", "2", "--db", str(tmp_path / "f.db"),
                              "--out", str(tmp_path / "out"), cwd=tmp_path)  # fmt: skip
    assert code == 0, out + err
    assert "--workers shares out scans of many sites" in err
    assert "formlint scan kommune-0: 5 sider og dokumenter" in out


@pytest.mark.slow
def test_many_sites_one_run_one_summary_reports_apart(tmp_path: Path) -> None:
    with serve_sites(3) as sites:
        configs = write_configs(sites, tmp_path / "configs", delay=0)
        listing = tmp_path / "national.yaml"
        listing.write_text("sites:\n  - configs/kommune-1.yaml\n  - configs/kommune-2.yaml\n")
        code, out, err = _run(
            str(configs[0]), "--sites", str(listing), "--workers", "2", "--lang", "nn",
            "--db", str(tmp_path / "f.db"), "--out", str(tmp_path / "out"), cwd=tmp_path,
        )  # fmt: skip
    assert code == 0, out + err
    # the summary in the report language (--lang nn)
    assert "skanning 1 av fleire nettstader: 3 av 3 nettstader ferdige, 15 sider og dokument" in out
    lines = [ln for ln in out.splitlines() if ln.startswith("  kommune-")]
    assert [ln.split(":")[0].strip() for ln in lines] == ["kommune-0", "kommune-1", "kommune-2"]
    assert all("5 sider og dokument (5 lesne, 0 brukte om att)" in ln for ln in lines)
    summary = json.loads((tmp_path / "out" / "multisite-1.json").read_text("utf-8"))
    assert summary["state"] == "finished"
    assert [s["site"] for s in summary["sites"]] == ["kommune-0", "kommune-1", "kommune-2"]
    for n in range(3):
        findings = json.loads((tmp_path / "out" / f"kommune-{n}" / "findings.json").read_text())
        assert {d["crawl"]["url"].split("/")[2] for d in findings["documents"]} == {
            sites[n].base_url.split("/")[2]
        }  # each site's report holds its own pages only
        assert (tmp_path / "out" / f"kommune-{n}" / "scan.log").is_file()
        # --lang reaches every site's process: the findings speak Nynorsk
        messages = " ".join(f["message"] for d in findings["documents"] for f in d["findings"])
        assert "gjev berre plass til mor og far" in messages


def test_a_bad_config_stops_the_run_before_any_request(tmp_path: Path) -> None:
    with serve_sites(2) as sites:
        configs = write_configs(sites, tmp_path / "configs", delay=0)
        configs[1].write_text(configs[1].read_text() + "max_page: 3\n")
        code, _out, err = _run(*map(str, configs), "--db", str(tmp_path / "f.db"), cwd=tmp_path)
        assert code == 2
        assert "kommune-1.yaml:9: max_page: unknown key (did you mean 'max_pages'?)" in err
        twice = tmp_path / "twice.yaml"
        twice.write_text(configs[0].read_text())
        code, _out, err = _run(str(configs[0]), str(twice), "--db", str(tmp_path / "f.db"),
                               cwd=tmp_path)  # fmt: skip
        assert code == 2
        assert "site 'kommune-0' is named by two crawl configs" in err
        listing = tmp_path / "sites.yaml"
        listing.write_text("site:\n  - configs/kommune-0.yaml\n")
        code, _out, err = _run("--sites", str(listing), "--db", str(tmp_path / "f.db"),
                               cwd=tmp_path)  # fmt: skip
        assert code == 2
        assert "sites.yaml:1: site: unknown key (did you mean 'sites'?)" in err
        assert all(not s.hits for s in sites)


def test_a_cluster_run_refuses_sqlite(tmp_path: Path) -> None:
    code, _out, err = _run(str(tmp_path / "a.yaml"), "--scheduler", "tcp://127.0.0.1:9",
                           "--db", str(tmp_path / "f.db"), cwd=tmp_path)  # fmt: skip
    assert code == 2
    assert "a cluster run (--scheduler) keeps its state in PostgreSQL" in err


def test_an_unknown_run_id_is_a_usage_error(tmp_path: Path) -> None:
    code, _out, err = _run("--run-id", "7", "--db", str(tmp_path / "f.db"), cwd=tmp_path)
    assert code == 2
    assert "--run-id 7: no multi-site run with that id" in err


def _documents(db: Path) -> list[tuple[str, str]]:
    engine = sa.create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            return sorted(
                (str(s), str(u))
                for s, u in conn.execute(
                    sa.text(
                        "SELECT s.name, d.url FROM documents d JOIN runs r ON r.id = d.run_id "
                        "JOIN sites s ON s.id = r.site_id"
                    )
                )
            )
    finally:
        engine.dispose()


def _recorded(db: Path) -> bool:
    try:
        return bool(_documents(db))
    except sa.exc.OperationalError:  # not created yet
        return False


@pytest.mark.slow
def test_a_killed_run_takes_its_crawls_along_and_is_finished_by_its_id(tmp_path: Path) -> None:
    """Killing the command stops its site processes too (no crawler is left behind to talk to
    a host); the same command with --run-id resumes the half-done site, nothing twice."""
    delay = 0.4
    with serve_sites(2) as sites:
        configs = write_configs(sites, tmp_path / "configs", delay=delay)
        db = tmp_path / "f.db"
        args = [*map(str, configs), "--workers", "1", "--db", str(db)]
        first = _scan(*args, cwd=tmp_path)
        deadline = time.monotonic() + 120
        while not _recorded(db):
            assert time.monotonic() < deadline, "no page recorded"
            time.sleep(0.1)
        first.send_signal(signal.SIGKILL)
        first.communicate()  # closes its pipes
        time.sleep(1.5)  # a site process notices its parent is gone within half a second
        seen = [len(s.hits) for s in sites]
        time.sleep(2 * delay + 0.5)
        assert [len(s.hits) for s in sites] == seen, "a crawl outlived the command"
        assert len(_documents(db)) < 10

        code, out, err = _run(*args, "--run-id", "1", cwd=tmp_path)
        assert code == 0, out + err
        assert "2 av 2 nettsteder ferdige, 10 sider og dokumenter" in out
        docs = _documents(db)
        assert len(docs) == len(set(docs)) == 10
        assert [delay_broken(s, delay) for s in sites] == [[], []]
