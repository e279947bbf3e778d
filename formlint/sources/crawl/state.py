"""The crawler's side of the store: the CrawlStateStore protocol plus what the crawler reads back.

Besides the protocol, the crawler needs the links of pages it does not fetch again (a 304 page in
a re-scan, a done page on resume) and, for the summary and ``findings.json``, the documents of a
run. :class:`MemoryCrawlState` has both natively; :class:`formlint.store.Store` offers them as
``page_links``/``fetched_urls`` (link targets are stored normalised, so they are mapped back to
the exact URLs fetched) and ``run_documents``. This module never touches the store's tables.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, Protocol, runtime_checkable

from formlint.store.crawlstate import CrawledPage, CrawlStateStore, ResumePoint

__all__ = [
    "CrawlStateStore",
    "CrawledPage",
    "LinkSource",
    "run_documents",
    "stored_link_groups",
    "stored_links",
]


@runtime_checkable
class LinkSource(Protocol):
    """A state that returns a page's links exactly as recorded (MemoryCrawlState)."""

    def stored_links(self, url: str, run_id: int | None = None) -> list[str] | None: ...


_EXACT_LINKS: dict[type, bool] = {}


def has_exact_links(state: object) -> bool:
    """``isinstance(state, LinkSource)``, once per class: a runtime protocol check inspects the
    class's members on every call, and a re-scan asks once per unchanged page."""
    cls = type(state)
    hit = _EXACT_LINKS.get(cls)
    if hit is None:
        hit = _EXACT_LINKS[cls] = isinstance(state, LinkSource)
    return hit


def _stored_targets(
    state: object, url: str, run_id: int | None
) -> tuple[list[str], Callable[[], dict[str, list[str]]]] | None:
    """From a store that keeps link targets normalised (``page_links``/``fetched_urls``): the
    targets of ``url`` and a function giving, for that scan, each target's exact URLs fetched."""
    page_links = getattr(state, "page_links", None)
    fetched_urls = getattr(state, "fetched_urls", None)
    if page_links is None or fetched_urls is None:
        return None
    found = page_links(url, run_id)
    if found is None:
        return None
    source_run, dsts = found
    return dsts, lambda: fetched_urls(source_run, cache=run_id is None)


def stored_links(state: object, url: str, run_id: int | None = None) -> list[str] | None:
    """Links recorded for ``url`` (in ``run_id``, else in the latest finished scan).

    From the SQL store the link targets come back normalised (no query, no ``index.html``); they
    are mapped back to the exact URLs fetched in that scan, which is exact for every link that
    was followed there; targets that were not fetched then are left out.
    """
    if has_exact_links(state):
        return state.stored_links(url, run_id)  # type: ignore[attr-defined, no-any-return]
    found = _stored_targets(state, url, run_id)
    if found is None:
        return None
    dsts, fetched = found
    exact = fetched()
    # A target no page of that scan was fetched under was not followed then (robots.txt, scope,
    # caps); its normalised form must not be guessed at: ``/intern`` is not ``/intern/``.
    return [u for dst in dsts for u in exact.get(dst, ())]


def stored_link_groups(
    state: object, url: str, settled: set[str]
) -> list[tuple[str, list[str]]] | None:
    """:func:`stored_links` of ``url``'s previous scan, grouped by link target, leaving out the
    targets in ``settled`` (the caller's set of targets it has nothing more to do for).

    A re-scan reads the stored links of every unchanged page, and a menu puts the same few
    hundred on each: nearly all are settled after the first pages, and a set difference finds
    the few that are not, instead of mapping and checking every link of every page. A group's
    key is the stored target (the link itself for a state that stores links exactly); its list
    holds the exact URLs fetched for it, in stored order, and may be empty (not fetched then).
    """
    if has_exact_links(state):
        exact_links = state.stored_links(url)  # type: ignore[attr-defined]
        if exact_links is None:
            return None
        return [(u, [u]) for u in exact_links if u not in settled]
    found = _stored_targets(state, url, None)
    if found is None:
        return None
    dsts, fetched = found
    new = set(dsts).difference(settled)
    if not new:
        return []
    exact = fetched()
    groups: list[tuple[str, list[str]]] = []
    for dst in dsts:
        if dst in new:
            new.discard(dst)  # a target listed twice is one group
            groups.append((dst, exact.get(dst, [])))
    return groups


def resume_points(state: object, run_id: int) -> list[ResumePoint] | None:
    """The done pages of an unfinished run and what each requested first; None from a state
    that does not keep it (the resumed scan then fetches its done pages again for their links)."""
    points = getattr(state, "resume_points", None)
    return None if points is None else list(points(run_id))


def previous_urls(state: object) -> Collection[str] | None:
    """During a scan, every URL of the previous scans a stored link can map back to (the
    snapshot ``stored_link_groups`` reads); None from a state that cannot say, or one that keeps
    links exactly (those may name URLs that were never fetched)."""
    if has_exact_links(state):
        return None
    urls = getattr(state, "previous_urls", None)
    return None if urls is None else urls()


def run_documents(state: Any, run_id: int) -> list[dict[str, Any]]:
    """Every document of a run as a ``DocumentResult.to_dict()``-shaped record plus ``crawl``."""
    if hasattr(state, "run_pages"):
        docs: list[dict[str, Any]] = []
        for p in state.run_pages(run_id):
            rec: dict[str, Any] = dict(p.result) if p.result else _empty(p.url, p.error)
            rec["crawl"] = {
                "url": p.url,
                "final_url": p.final_url,
                "status": p.status,
                "depth": p.depth,
                "rendered": p.rendered,
                "render_reason": p.render_reason,
                "reused": p.reused,
                "external_forms": list(p.external_forms),
                "error": p.error,
            }
            docs.append(rec)
        return docs
    return list(state.run_documents(run_id))


def _empty(url: str, error: str | None) -> dict[str, Any]:
    return {
        "source": url,
        "format": "unknown",
        "sha256": None,
        "errors": [error] if error else [],
        "notes": [],
        "forms": [],
        "findings": [],
    }
