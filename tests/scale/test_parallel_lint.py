"""``--workers``: linting on several processes gives the output of one, byte for byte."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from formlint.api import Linter, make_engine
from formlint.config.models import Config
from formlint.document import FetchedDocument
from formlint.scale import lint as parallel
from formlint.sources.files import FileToRead, collect, find

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"

SERVICES = ["Søknad om plass i kulturskolen", "Påmelding til leirskole", "Søknad om fritidskort"]
GENDER = ["Gutt", "Jente"], ["Mann", "Kvinne"], ["Gutt", "Jente", "Annet", "Vil ikke svare"]
PROSE = [
    "Eleven skal ha med matpakke, og han eller hun må ha gode sko.",
    "Kontoret er stengt i romjula.",
    "Underskrift fra mor eller far er påkrevd.",
    "Ektemann eller kone kan også søke på vegne av familien.",
]


def _page(n: int) -> str:
    title = SERVICES[n % len(SERVICES)]
    radios = "".join(
        f'<label><input type="radio" name="kj" value="{v}"> {v}</label>'
        for v in GENDER[n % len(GENDER)]
    )
    return (
        f'<!doctype html><html lang="nb"><head><title>{title} {n}</title></head><body>'
        f"<h1>{title}</h1><p>{PROSE[n % len(PROSE)]}</p><p>{PROSE[(n + 1) % len(PROSE)]}</p>"
        f'<form><fieldset><legend>Kjønn</legend>{radios}</fieldset><label for="x{n}">Navn</label>'
        f'<input id="x{n}" name="navn"></form></body></html>'
    )


@pytest.fixture(scope="module")
def many_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 documents of every kind the fixtures hold, with an unreadable one among them."""
    root = tmp_path_factory.mktemp("repo")
    for n in range(48):
        (root / "skjema" / f"s{n // 10}").mkdir(parents=True, exist_ok=True)
        (root / "skjema" / f"s{n // 10}" / f"side{n:02}.html").write_text(_page(n), "utf-8")
    for name in ("form.docx", "form.odt", "acroform.pdf", "print.pdf", "truncated.pdf"):
        shutil.copy(FIXTURES / "documents" / name, root / "skjema" / name)
    shutil.copytree(FIXTURES / "ci" / "repo", root / "ci")
    (root / "skjema" / "tom.json").write_text("{ ikke json", "utf-8")
    return root


def _lint_json(root: Path, out: Path, *args: str) -> tuple[int, dict[str, Any]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-m", "formlint", "lint", "--no-config", "-f", f"json:{out}", *args, "."],
        cwd=root, capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(out.read_text("utf-8"))


def test_two_workers_write_what_one_writes(many_files: Path, tmp_path: Path) -> None:
    code1, one = _lint_json(many_files, tmp_path / "one.json", "--workers", "1")
    code2, two = _lint_json(many_files, tmp_path / "two.json", "--workers", "2")
    assert one["summary"]["documents"] >= 50 and one["summary"]["findings"] > 50
    assert one["summary"]["errors"] >= 1  # the broken JSON file is an error, the run goes on
    assert code1 == code2 == 1
    for run in (one, two):
        del run["started_at"], run["finished_at"]
    assert json.dumps(one, sort_keys=False) == json.dumps(two, sort_keys=False)


def test_workers_keep_the_runs_rule_choice_and_find_unused_suppressions(
    tmp_path: Path,
) -> None:
    """What the run says beside the rules' findings holds on workers too: ``--select`` reaches
    an engine built from the configuration, and an inline suppression that suppressed nothing
    is reported from a result that came back without its parsed model."""
    root = tmp_path / "repo"
    root.mkdir()
    for n in range(20):
        page = _page(n)
        if n == 7:
            page = page.replace(
                "<form>", "<!-- formlint-disable gender-preselected -- ingen grunn --><form>"
            )
        (root / f"side{n:02}.html").write_text(page, "utf-8")
    picked = ("--select", "gender-binary-options")
    runs = [_lint_json(root, tmp_path / f"{w}.json", *picked, "--workers", w)[1] for w in "12"]
    for run in runs:
        del run["started_at"], run["finished_at"]
    assert json.dumps(runs[0]) == json.dumps(runs[1])
    rules = {f["rule"] for d in runs[1]["documents"] for f in d["findings"]}
    assert rules == {"gender-binary-options", "formlint.unused-suppression"}


@pytest.mark.slow
def test_a_dask_cluster_writes_what_one_worker_writes(many_files: Path, tmp_path: Path) -> None:
    """--scheduler: the batches are linted on a real Dask cluster (2 worker processes)."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        code2, two = _lint_json(
            many_files, tmp_path / "two.json", "--scheduler", cluster.scheduler_address
        )
        assert "lint_batch" in cluster.scheduler.task_prefixes  # the cluster linted them
    code1, one = _lint_json(many_files, tmp_path / "one.json", "--workers", "1")
    assert code1 == code2 == 1
    for run in (one, two):
        del run["started_at"], run["finished_at"]
    assert json.dumps(one, sort_keys=False) == json.dumps(two, sort_keys=False)


class CountingPool(ThreadPoolExecutor):
    """A real executor that counts what it is given."""

    def __init__(self) -> None:
        super().__init__(max_workers=2)
        self.batches: list[int] = []
        self.sent: list[list[Any]] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.batches.append(len(args[1]))
        self.sent.append(list(args[1]))
        return super().submit(fn, *args, **kwargs)


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> Iterator[CountingPool]:
    """The executor lint_run gets, in place of worker processes (what it is sent is kept)."""
    counting_pool = CountingPool()

    @contextmanager
    def counting(*args: Any, **kwargs: Any) -> Iterator[CountingPool]:
        yield counting_pool

    monkeypatch.setattr("formlint.scale.executors.lint_executor", counting)
    with counting_pool:
        yield counting_pool


def _documents(n: int) -> list[FetchedDocument]:
    return [
        FetchedDocument(url=f"https://kommune.example/side{i}", body=_page(i).encode())
        for i in range(n)
    ]


def test_results_come_back_in_input_order_from_batches() -> None:
    engine = make_engine(Config())
    docs = _documents(30)
    setup = parallel.LintSetup.of(Config())
    parallel.remember_linter(setup, Linter(engine, collect_links=False))
    with CountingPool() as pool:
        results = list(parallel.lint_on(pool, setup, docs, workers=2, batch_documents=8))
    assert pool.batches == [8, 8, 8, 6]
    assert [r.source for r in results] == [d.url for d in docs]
    alone = Linter(engine, collect_links=False).documents(docs).documents
    assert [[f.to_record() for f in r.findings] for r in results] == [
        [f.to_record() for f in r.findings] for r in alone
    ]
    assert all(r.parsed is None for r in results)  # nothing sent back that nobody reads


def test_a_worker_builds_the_callers_engine_from_its_configuration() -> None:
    """On a cluster (or where processes are spawned) a worker has only the configuration."""
    config = Config.model_validate(
        {
            "profile": "strict",
            "exceptions": [
                {
                    "document": "*/side1",
                    "rule": "gender-binary-options",
                    "reason": "Må samsvare med juridisk kjønn i Folkeregisteret",
                    "approved_by": "Kari Nordmann",
                    "expires": "2099-01-01",
                }
            ],
        }
    )
    setup = parallel.LintSetup.of(config)
    parallel._LINTERS.pop(setup, None)
    docs = _documents(3)
    from_worker = parallel.lint_batch(setup, list(docs))
    alone = Linter(make_engine(config), collect_links=False).documents(docs).documents
    records = [[f.to_record() for f in r.findings] for r in from_worker]
    assert records == [[f.to_record() for f in r.findings] for r in alone]
    assert any(f.get("suppression") for f in records[1])


def test_a_small_run_starts_no_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a run of a few documents must not start workers")

    monkeypatch.setattr("formlint.scale.executors.lint_executor", no_pool)
    engine = make_engine(Config())
    run = parallel.lint_run(Linter(engine, collect_links=False), Config(), _documents(5), workers=2)
    assert [d.source for d in run.documents] == [d.url for d in _documents(5)]


@pytest.mark.parametrize(
    ("documents", "expected"),
    [(40, [20, 20]), (41, [21, 20]), (100, [32, 32, 32, 4])],
)
def test_a_run_shorter_than_two_batches_is_split_evenly_over_the_workers(
    pool: CountingPool, documents: int, expected: list[int]
) -> None:
    """Batches of 32 would give one worker 32 of 40 documents and the other 8."""
    engine = make_engine(Config())
    docs = _documents(documents)
    run = parallel.lint_run(Linter(engine, collect_links=False), Config(), docs, workers=2)
    assert pool.batches == expected
    assert [d.source for d in run.documents] == [d.url for d in docs]


@pytest.mark.parametrize(
    ("scheduler", "sent"), [(None, FileToRead), ("tcp://cluster", FetchedDocument)]
)
def test_local_workers_get_file_names_and_a_cluster_gets_files_read(
    pool: CountingPool, many_files: Path, scheduler: str | None, sent: type
) -> None:
    """Local workers read their own files (the process that finds them only names them); a
    cluster's workers may not see this machine's disk, so they are sent the files read."""
    engine = make_engine(Config())
    linter = Linter(engine, collect_links=False)
    items = list(find([many_files / "skjema"]))
    run = parallel.lint_run(linter, Config(), items, workers=2, scheduler=scheduler)
    assert {type(item) for batch in pool.sent for item in batch} == {sent}
    alone = linter.documents(collect([many_files / "skjema"])).documents
    assert [[f.to_record() for f in d.findings] for d in run.documents] == [
        [f.to_record() for f in d.findings] for d in alone
    ]


def test_an_unreadable_file_fails_alone_on_a_worker(many_files: Path) -> None:
    engine = make_engine(Config())
    items = list(collect([many_files / "skjema"]))
    setup = parallel.LintSetup.of(Config())
    parallel.remember_linter(setup, Linter(engine, collect_links=False))
    results = parallel.lint_batch(setup, items)
    broken = [r for r in results if r.source.endswith("tom.json")]
    assert len(broken) == 1 and broken[0].failed
    readable = [r for r in results if r.source.endswith("form.docx")]
    assert readable and not readable[0].failed and readable[0].read_anything
