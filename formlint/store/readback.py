"""Reading a stored run back as plain records (the shape of ``formlint lint --format json``)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from formlint.store import tables as t


def fetched_urls(engine: Engine, run_id: int) -> dict[str, list[str]]:
    """Normalised URL -> the exact URLs fetched under it in a run (to map stored link targets
    back to the URLs the crawler requested)."""
    d = t.documents
    out: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for norm, url in conn.execute(sa.select(d.c.norm_url, d.c.url).where(d.c.run_id == run_id)):
            out.setdefault(str(norm), []).append(str(url))
    return out


def run_documents(engine: Engine, run_id: int) -> list[dict[str, Any]]:
    """Every document of a run as a ``DocumentResult.to_dict()``-shaped record plus ``crawl``
    (what the scan writes to ``findings.json``)."""
    d, f = t.documents, t.findings
    with engine.connect() as conn:
        rows = list(
            conn.execute(
                # every column but the page's links (kilobytes a page on a mega-menu site)
                sa.select(*[c for c in d.columns if c.name not in ("links", "spawned")])
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
