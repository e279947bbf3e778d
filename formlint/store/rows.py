"""A run's documents, forms and findings as rows of the store's tables: from a DocumentResult
(plain data, never the parsed model) or from a run's JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from formlint.store.crawlstate import CrawledPage
from formlint.store.identity import normalise_url, signature, stable_key

if TYPE_CHECKING:
    from formlint.results import DocumentResult

MAX_LINK_URL = 1000  # longer link targets are not stored (session ids, trap URLs)


@dataclass
class FormInput:
    key: str
    kind: str
    title: str | None
    sig: str | None = None


@dataclass(slots=True)
class DocInput:
    """One document's result as plain data, from a DocumentResult or from run JSON."""

    source: str
    format: str
    sha256: str | None
    title: str | None
    errors: list[str]
    notes: list[str]
    forms: list[FormInput]
    findings: list[dict[str, Any]]

    @classmethod
    def from_result(cls, d: DocumentResult) -> DocInput:
        forms = [
            FormInput(
                key := str(f.get("key", "")),
                kind := str(f.get("kind", "form")),
                f.get("title"),
                signature(kind, d.field_names[key]) if key in d.field_names else None,
            )
            for f in d.forms
        ]
        return cls(
            d.source,
            d.format,
            d.sha256,
            d.title,
            list(d.errors) if d.errors else [],
            list(d.notes) if d.notes else [],
            forms,
            [f.to_record() for f in d.findings] if d.findings else [],
        )

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocInput:
        forms = [
            FormInput(
                str(f.get("key", "")),
                str(f.get("kind", "form")),
                f.get("title"),
                f.get("signature"),
            )
            for f in d.get("forms", [])
        ]
        return cls(
            str(d["source"]),
            str(d.get("format", "unknown")),
            d.get("sha256"),
            d.get("title"),
            list(d.get("errors", [])),
            list(d.get("notes", [])),
            forms,
            list(d.get("findings", [])),
        )


DOCUMENT_COLUMNS = (
    "id", "run_id", "url", "norm_url", "final_url", "status", "etag", "last_modified", "sha256",
    "depth", "rendered", "render_reason", "format", "title", "error", "errors", "notes",
    "reused_from", "links", "embeds", "spawned",
)  # fmt: skip


def json_list(items: list[str]) -> str:
    return json.dumps(items) if items else "[]"


def document_tuple(
    doc_id: int, run_id: int, doc: DocInput | None, page: CrawledPage | None
) -> tuple[Any, ...]:
    """One document's row in ``DOCUMENT_COLUMNS`` order, JSON columns encoded; ``doc`` is
    None for a page that gave no result (an error, a redirect)."""
    if page is not None:
        url = page.url
        return (
            doc_id, run_id, url, normalise_url(url), page.final_url, page.status, page.etag,
            page.last_modified, page.sha256 or (doc.sha256 if doc else None), page.depth,
            bool(page.rendered), page.render_reason, doc.format if doc else None,
            doc.title if doc else None, page.error, json_list(doc.errors if doc else []),
            json_list(doc.notes if doc else []), None, joined_links(page.links),
            joined_links(page.external_forms), "\n".join(page.spawned),
        )  # fmt: skip
    url = doc.source if doc else ""
    return (
        doc_id, run_id, url, normalise_url(url), None, None, None, None,
        doc.sha256 if doc else None, None, False, None, doc.format if doc else None,
        doc.title if doc else None, None, json_list(doc.errors if doc else []),
        json_list(doc.notes if doc else []), None, None, None, None,
    )  # fmt: skip


def finding_row(
    run_id: int,
    document_id: int,
    form_id: int | None,
    rec: dict[str, Any],
    seen: dict[tuple[str, ...], int],
) -> dict[str, Any]:
    loc = rec.get("location") or {}
    anchor = str(loc.get("anchor") or loc.get("json_pointer") or loc.get("component") or "")
    text = str(rec.get("matched") or rec.get("excerpt") or "")
    ident = (str(form_id), str(rec["rule"]), anchor, text)
    n = seen.get(ident, 0)
    seen[ident] = n + 1
    sup = rec.get("suppression") or {}
    return {
        "run_id": run_id,
        "document_id": document_id,
        "form_id": form_id,
        "fingerprint": str(rec.get("fingerprint") or ""),
        "stable_key": stable_key(str(form_id), str(rec["rule"]), anchor, text, n),
        "rule": str(rec["rule"]),
        "severity": str(rec.get("severity", "info")),
        "confidence": str(rec.get("confidence", "medium")),
        "message": str(rec.get("message", "")),
        "excerpt": str(rec.get("excerpt", "")),
        "matched": str(rec.get("matched", "")),
        "suggestions": list(rec.get("suggestions") or []),
        "location": loc,
        "scope": rec.get("scope") or None,
        "language": rec.get("language"),
        "why": rec.get("why") or None,
        "help_uri": rec.get("help_uri") or None,
        "suppression_kind": sup.get("kind"),
        "suppression_reason": sup.get("reason"),
        "suppression_approver": sup.get("approver"),
        "suppression_expires": sup.get("expires"),
        "places": rec.get("places") or None,
    }


def joined_links(urls: Sequence[str]) -> str | None:
    """Normalised, de-duplicated link targets as one newline-joined value (None when empty)."""
    if not urls:
        return None
    norm = list(map(normalise_url, urls))  # C-level loop; normalise_url is cached
    if max(map(len, norm)) > MAX_LINK_URL:
        norm = [n for n in norm if len(n) <= MAX_LINK_URL]
    return "\n".join(dict.fromkeys(norm)) or None
