"""Lint many documents on several workers, with the output of one.

Documents are found in the calling process (in order, as one worker would), sent to the workers in
batches (a file as its name, which a local worker reads; a cluster gets it read), and the results
put back in input order: the same findings in the same order as a run on one worker, whichever
worker finished first. A worker builds its rule engine once (from the run's configuration) and
keeps it for every batch it gets.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import chain, islice

from formlint.config.models import Config
from formlint.document import FetchedDocument
from formlint.model import Problem
from formlint.pipeline import Linter
from formlint.results import DocumentResult, RunResult
from formlint.sources.files import FileToRead

Item = FetchedDocument | Problem | FileToRead

# Documents per batch: big enough that sending a batch costs little beside linting it, small
# enough that the last batches keep every worker busy. A page without rule words lints in ~0.6 ms
# and each batch costs the sending process ~1 ms: for 6,040 such pages on 2 workers it spent
# 1.0 s of CPU at 8 documents a batch and 0.6 s at 32 (benchmarks/scale.py's sites), CPU the
# workers share 2 cores with. A form page is ~5 ms, so 32 of them are still a small batch.
BATCH_DOCUMENTS = 32
BATCH_BYTES = 4 * 1024 * 1024
# A run of fewer documents is linted in the calling process: starting workers costs more.
MIN_DOCUMENTS_FOR_WORKERS = 16
# Batches sent ahead per worker: the reading process stays ahead of the workers without holding
# a whole repository's bytes in memory.
AHEAD_PER_WORKER = 3


@dataclass(frozen=True, slots=True)
class LintSetup:
    """What a worker needs to build the caller's engine: its configuration as JSON (a dict key)
    and the run's ``--select``/``--ignore``."""

    config_json: str
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()

    @classmethod
    def of(
        cls, config: Config, selection: tuple[tuple[str, ...] | None, tuple[str, ...]] = (None, ())
    ) -> LintSetup:
        return cls(config.model_dump_json(), *selection)


# One linter per setup in each process: built on a worker's first batch, kept for the rest. The
# caller puts its own in before the pool forks, so forked workers start with it.
_LINTERS: dict[LintSetup, Linter] = {}


def remember_linter(setup: LintSetup, linter: Linter) -> None:
    _LINTERS[setup] = linter


def _linter(setup: LintSetup) -> Linter:
    linter = _LINTERS.get(setup)
    if linter is None:
        from formlint.api import make_engine

        config = Config.model_validate_json(setup.config_json)
        engine = make_engine(config, select=setup.select, ignore=setup.ignore)
        linter = _LINTERS[setup] = Linter(engine, collect_links=False)
    return linter


def lint_batch(setup: LintSetup, items: list[Item]) -> list[DocumentResult]:
    """A worker's task: lint one batch, results without their parsed models (the caller needs
    none, and sending them back would cost more than linting)."""
    results = _linter(setup).documents(read(items)).documents
    for result in results:
        result.parsed = None
    return results


def read(items: Iterable[Item]) -> Iterator[FetchedDocument | Problem]:
    """``items`` with each file read."""
    for item in items:
        yield item.read() if isinstance(item, FileToRead) else item


def batches(items: Iterable[Item], documents: int = BATCH_DOCUMENTS) -> Iterator[list[Item]]:
    """``items`` in order, in batches of at most ``documents`` documents or BATCH_BYTES."""
    batch: list[Item] = []
    size = 0
    for item in items:
        batch.append(item)
        if isinstance(item, FetchedDocument):
            size += len(item.body) + sum(len(b) for b in item.siblings.values())
        if len(batch) >= documents or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def lint_on(
    executor: Executor,
    setup: LintSetup,
    items: Iterable[Item],
    *,
    workers: int,
    batch_documents: int = BATCH_DOCUMENTS,
) -> Iterator[DocumentResult]:
    """Results of ``items`` linted on ``executor``, in input order."""
    pending: deque[Future[list[DocumentResult]]] = deque()
    limit = max(1, workers) * AHEAD_PER_WORKER
    for batch in batches(items, batch_documents):
        pending.append(executor.submit(lint_batch, setup, batch))
        if len(pending) >= limit:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def lint_run(
    linter: Linter,
    config: Config,
    items: Iterable[Item],
    *,
    workers: int,
    scheduler: str | None = None,
) -> RunResult:
    """Lint ``items`` as one run on ``workers`` local processes (or the cluster at ``scheduler``).

    A run of fewer than MIN_DOCUMENTS_FOR_WORKERS documents is linted here: starting workers would
    cost more than it saves. A run shorter than two batches is split evenly over the workers.
    ``linter`` is the caller's, built from ``config``.
    """
    started = datetime.now(UTC)
    stream = iter(items)
    head = list(islice(stream, 2 * BATCH_DOCUMENTS))
    if (workers <= 1 and not scheduler) or len(head) < MIN_DOCUMENTS_FOR_WORKERS:
        run = linter.documents(read(chain(head, stream)))
        run.started_at = started
        return run
    from formlint.scale.executors import lint_executor

    size = BATCH_DOCUMENTS
    if len(head) < 2 * BATCH_DOCUMENTS:  # the whole run: one batch a worker
        size = -(-len(head) // max(1, workers))
    setup = LintSetup.of(config, linter.engine.selection)
    remember_linter(setup, linter)
    with lint_executor(workers, scheduler) as executor:
        stream_all: Iterable[Item] = chain(head, stream)
        if scheduler:  # a cluster's workers may not see this machine's files: send them read
            stream_all = read(stream_all)
        results = list(lint_on(executor, setup, stream_all, workers=workers, batch_documents=size))
    return RunResult(
        documents=results,
        profile=linter.engine.profile,
        started_at=started,
        finished_at=datetime.now(UTC),
    )
