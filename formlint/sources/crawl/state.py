"""The crawler's side of the store: the CrawlStateStore protocol plus what the crawler reads back.

Besides the protocol, the crawler needs the links of pages it does not fetch again (a 304 page in
a re-scan, a done page on resume) and, for the summary and ``findings.json``, the documents of a
run. :class:`MemoryCrawlState` has both natively. For :class:`formlint.store.Store` this module
reads them from its tables until the store offers them itself.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from formlint.store.crawlstate import CrawledPage, CrawlStateStore

__all__ = ["CrawlStateStore", "CrawledPage", "LinkSource", "run_documents", "stored_links"]


@runtime_checkable
class LinkSource(Protocol):
    """A state that returns a page's links exactly as recorded (MemoryCrawlState)."""

    def stored_links(self, url: str, run_id: int | None = None) -> list[str] | None: ...


def has_exact_links(state: object) -> bool:
    return isinstance(state, LinkSource)


def stored_links(state: object, url: str, run_id: int | None = None) -> list[str] | None:
    """Links recorded for ``url`` (in ``run_id``, else in the latest finished scan).

    From the SQL store the link targets come back normalised (no query, no ``index.html``); they
    are mapped back to the exact URLs fetched in that scan, which is exact for every link that
    was followed there; targets that were not fetched then are left out.
    """
    if isinstance(state, LinkSource):
        return state.stored_links(url, run_id)
    page_links = getattr(state, "page_links", None)
    engine = getattr(state, "engine", None)
    if page_links is None or engine is None:
        return None
    found = page_links(url, run_id)
    if found is None:
        return None
    source_run, dsts = found
    key = (id(engine), int(source_run))
    exact = _EXACT.get(key) if run_id is None else None
    if exact is None:
        import sqlalchemy as sa

        from formlint.store import tables as t

        d = t.documents
        exact = {}
        with engine.connect() as conn:
            rows = conn.execute(sa.select(d.c.norm_url, d.c.url).where(d.c.run_id == source_run))
            for norm, exact_url in rows:
                exact.setdefault(norm, []).append(exact_url)
        if run_id is None:  # a finished scan never changes: map its URLs once
            _EXACT[key] = exact
    # A target no page of that scan was fetched under was not followed then (robots.txt, scope,
    # caps); its normalised form must not be guessed at: ``/intern`` is not ``/intern/``.
    out: list[str] = []
    for dst in dsts:
        out.extend(exact.get(dst, []))
    return out


_EXACT: dict[tuple[int, int], dict[str, list[str]]] = {}


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
    return _sql_documents(state, run_id)


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


def _sql_documents(store: Any, run_id: int) -> list[dict[str, Any]]:
    import sqlalchemy as sa

    from formlint.store import tables as t

    d, f = t.documents, t.findings
    with store.engine.connect() as conn:
        rows = list(
            conn.execute(
                # every column but the page's links (kilobytes a page on a mega-menu site)
                sa.select(*[c for c in d.columns if c.name != "links"])
                .where(d.c.run_id == run_id)
                .order_by(d.c.url)
            ).mappings()
        )
        by_doc: dict[int, list[dict[str, Any]]] = {}
        for fr in conn.execute(
            sa.select(f).where(f.c.run_id == run_id).order_by(f.c.id)
        ).mappings():
            rec = {
                "rule": fr["rule"],
                "severity": fr["severity"],
                "confidence": fr["confidence"],
                "message": fr["message"],
                "suggestions": fr["suggestions"] or [],
                "source": None,
                "location": fr["location"] or {},
                "excerpt": fr["excerpt"],
                "matched": fr["matched"],
                "fingerprint": fr["fingerprint"],
                "scope": fr["scope"],
                "language": fr["language"],
                "why": fr["why"],
                "help_uri": fr["help_uri"],
            }
            if fr["suppression_kind"]:
                rec["suppression"] = {
                    "kind": fr["suppression_kind"],
                    "reason": fr["suppression_reason"],
                }
            by_doc.setdefault(int(fr["document_id"]), []).append(rec)
        forms: dict[int, list[dict[str, Any]]] = {}
        fp, fm = t.form_pages, t.forms
        stmt = (
            sa.select(fp.c.document_id, fm.c.key, fm.c.kind, fp.c.title)
            .join(fm, fm.c.id == fp.c.form_id)
            .where(fp.c.run_id == run_id)
        )
        for doc_id, key, kind, title in conn.execute(stmt):
            forms.setdefault(int(doc_id), []).append({"key": key, "kind": kind, "title": title})
        embeds: dict[str, list[str]] = {}
        for row in rows:
            if row["embeds"]:
                embeds[str(row["url"])] = str(row["embeds"]).split("\n")
    docs: list[dict[str, Any]] = []
    for row in rows:
        findings = by_doc.get(int(row["id"]), [])
        for rec in findings:
            rec["source"] = row["url"]
        errors = list(row["errors"] or [])
        if row["error"] and row["error"] not in errors:
            errors.append(row["error"])
        docs.append(
            {
                "source": row["url"],
                "format": row["format"] or "unknown",
                "sha256": row["sha256"],
                "errors": errors,
                "notes": list(row["notes"] or []),
                "forms": forms.get(int(row["id"]), []),
                "findings": findings,
                "crawl": {
                    "url": row["url"],
                    "final_url": row["final_url"],
                    "status": row["status"],
                    "depth": row["depth"],
                    "rendered": bool(row["rendered"]),
                    "render_reason": row["render_reason"],
                    "reused": row["reused_from"] is not None,
                    "external_forms": embeds.get(row["url"], []),
                    "error": row["error"],
                },
            }
        )
    return docs
