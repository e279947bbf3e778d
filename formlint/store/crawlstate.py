"""The crawler's view of the store: resumable scans and conditional re-fetching.

The crawler codes against :class:`CrawlStateStore` only, so it never sees SQL; :class:`Store`
implements it. No request headers are ever passed in: credentials never reach the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from formlint.results import DocumentResult


@dataclass
class CrawledPage:
    """One fetched page or document with its crawl metadata and (if linted) its result."""

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
    result: DocumentResult | None
    external_forms: list[str] = field(default_factory=list)
    error: str | None = None
    # The URLs this page was the first to request (its new links): a killed scan's frontier is
    # the spawned URLs of its done pages that are not done themselves, so a resumed scan
    # requests them again without fetching the done pages a second time for their links.
    spawned: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ResumePoint:
    """A page an unfinished scan has done, as a resumed scan continues from it."""

    url: str
    depth: int
    spawned: list[str] | None  # None: not recorded (a page stored before this was kept)
    reused: bool  # copied from an earlier scan: its links are that scan's


class CrawlStateStore(Protocol):
    """What the crawler needs from the store (implemented by :class:`formlint.store.Store`)."""

    # run id; resumes the newest unfinished run of that site+config when resume
    def begin_scan(self, site: str, config_hash: str, *, resume: bool = True) -> int: ...

    # (etag, last_modified, sha256) from the last finished scan
    def previous_validators(self, url: str) -> tuple[str | None, str | None, str | None] | None: ...

    def done_urls(self, run_id: int) -> set[str]: ...

    # ONE transaction: document row + forms + findings + links
    def record_page(self, run_id: int, page: CrawledPage) -> None: ...

    # unchanged page (304 / same hash): copy its previous findings into this run; False if none
    # stored. The copy may be batched: it is written by the next done_urls/finish_scan/close at the
    # latest, and a crash before that only leaves the page not done (fetched again on resume).
    def reuse_previous(self, run_id: int, url: str) -> bool: ...

    def finish_scan(self, run_id: int, stats: dict[str, Any]) -> None: ...
