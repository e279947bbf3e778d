"""A CrawlStateStore without a database: in memory, optionally journalled to a JSON-lines file.

Used by unit tests and as the fallback when :mod:`formlint.store` is unavailable. Each
``record_page`` is one line written with a single ``write`` and flushed to disk, so a scan killed
with SIGKILL loses at most the page in flight; a torn last line is ignored on load.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from formlint.store.crawlstate import CrawledPage, ResumePoint


@dataclass
class StoredPage:
    """What the store keeps of a page: crawl metadata plus the plain result record."""

    run_id: int
    url: str
    final_url: str
    status: int
    etag: str | None
    last_modified: str | None
    sha256: str | None
    depth: int
    links: list[str]
    rendered: bool
    render_reason: str | None
    external_forms: list[str]
    error: str | None
    result: dict[str, Any] | None
    reused: bool = False
    spawned: list[str] | None = None

    def to_json(self) -> dict[str, Any]:
        return {"type": "page", **self.__dict__}


@dataclass
class _Run:
    run_id: int
    site: str
    config_hash: str
    finished: bool = False
    stats: dict[str, Any] = field(default_factory=dict)


class MemoryCrawlState:
    """Implements ``CrawlStateStore`` (plus ``stored_links``) in memory, with an optional journal."""

    def __init__(self, journal: Path | str | None = None) -> None:
        self.runs: dict[int, _Run] = {}
        self.pages: dict[int, dict[str, StoredPage]] = {}
        self._journal = Path(journal) if journal else None
        if self._journal and self._journal.exists():
            self._load(self._journal)

    # -- journal ---------------------------------------------------------------------------------
    def _load(self, path: Path) -> None:
        with path.open("rb") as fh:
            for raw in fh:
                try:
                    rec = json.loads(raw)
                except ValueError:
                    continue  # a line torn by a kill: that page was not recorded
                self._apply(rec)

    def _apply(self, rec: dict[str, Any]) -> None:
        kind = rec.pop("type")
        if kind == "run":
            self.runs[rec["run_id"]] = _Run(rec["run_id"], rec["site"], rec["config_hash"])
            self.pages.setdefault(rec["run_id"], {})
        elif kind == "finish":
            run = self.runs[rec["run_id"]]
            run.finished, run.stats = True, rec["stats"]
        elif kind == "page":
            page = StoredPage(**rec)
            self.pages.setdefault(page.run_id, {})[page.url] = page

    def _write(self, rec: dict[str, Any]) -> None:
        if self._journal is None:
            return
        line = (json.dumps(rec, ensure_ascii=False, default=str) + "\n").encode("utf-8")
        fd = os.open(self._journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)

    # -- CrawlStateStore ---------------------------------------------------------------------------
    def begin_scan(self, site: str, config_hash: str, *, resume: bool = True) -> int:
        if resume:
            for run in sorted(self.runs.values(), key=lambda r: -r.run_id):
                if run.site == site and run.config_hash == config_hash and not run.finished:
                    return run.run_id
        run_id = max(self.runs, default=0) + 1
        self.runs[run_id] = _Run(run_id, site, config_hash)
        self.pages[run_id] = {}
        self._write({"type": "run", "run_id": run_id, "site": site, "config_hash": config_hash})
        return run_id

    def _previous(self, url: str, before: int | None = None) -> StoredPage | None:
        for run_id in sorted(self.runs, reverse=True):
            run = self.runs[run_id]
            if not run.finished or (before is not None and run_id >= before):
                continue
            page = self.pages.get(run_id, {}).get(url)
            if page is not None:
                return page
        return None

    def previous_validators(self, url: str) -> tuple[str | None, str | None, str | None] | None:
        page = self._previous(url)
        if page is None or page.error or page.status >= 400:
            return None
        return page.etag, page.last_modified, page.sha256

    def done_urls(self, run_id: int) -> set[str]:
        return set(self.pages.get(run_id, {}))

    def record_page(self, run_id: int, page: CrawledPage) -> None:
        stored = StoredPage(
            run_id=run_id,
            url=page.url,
            final_url=page.final_url,
            status=page.status,
            etag=page.etag,
            last_modified=page.last_modified,
            sha256=page.sha256,
            depth=page.depth,
            links=list(page.links),
            rendered=page.rendered,
            render_reason=page.render_reason,
            external_forms=list(page.external_forms),
            error=page.error,
            result=page.result.to_dict() if page.result is not None else None,
            spawned=list(page.spawned),
        )
        self._write(stored.to_json())
        self.pages.setdefault(run_id, {})[page.url] = stored

    def reuse_previous(self, run_id: int, url: str) -> bool:
        prev = self._previous(url, before=run_id)
        if prev is None:
            return False
        copy = StoredPage(**{**prev.__dict__, "run_id": run_id, "reused": True, "spawned": None})
        self._write(copy.to_json())
        self.pages.setdefault(run_id, {})[url] = copy
        return True

    def finish_scan(self, run_id: int, stats: dict[str, Any]) -> None:
        run = self.runs[run_id]
        run.finished, run.stats = True, dict(stats)
        self._write({"type": "finish", "run_id": run_id, "stats": run.stats})

    # -- extensions the crawler uses when present ------------------------------------------------------
    def stored_links(self, url: str, run_id: int | None = None) -> list[str] | None:
        """Links recorded for ``url`` in ``run_id`` (resume) or its latest finished scan (304)."""
        if run_id is not None and url in self.pages.get(run_id, {}):
            return list(self.pages[run_id][url].links)
        prev = self._previous(url)
        return list(prev.links) if prev else None

    def resume_points(self, run_id: int) -> list[ResumePoint]:
        """The pages ``run_id`` has done, with what each requested first."""
        return [
            ResumePoint(p.url, p.depth, None if p.spawned is None else list(p.spawned), p.reused)
            for p in self.run_pages(run_id)
        ]

    def run_pages(self, run_id: int) -> list[StoredPage]:
        return sorted(self.pages.get(run_id, {}).values(), key=lambda p: p.url)
