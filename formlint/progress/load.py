"""What a progress report reads from the store, in one connection, as plain records.

The report's scan and the site's scans before it, the forms, their findings in each of those
scans, the pages of each form, status notes, the exceptions from ``formlint.yml``, and the reach
(analytics, else inbound links). Nothing else in ``formlint.progress`` runs SQL.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from formlint.config.progress import OwnerRule
from formlint.store import RunInfo, Store
from formlint.store import tables as t

# run id -> form id -> stable key -> finding (the first stored one for a key)
FindingsByRun = dict[int, dict[int, dict[str, "StoredFinding"]]]


_SEVERITY_RANK = {"error": 4, "warning": 3, "suggestion": 2, "info": 1}


@dataclass
class StoredFinding:
    """One stored finding: what statuses need, plus the display fields in ``full``.

    ``full`` holds every display field for the report's scan and only the excerpt for older
    scans (enough for the "fixed" and "changed" lists).
    """

    run_id: int
    form_id: int
    key: str
    rule: str
    severity: str
    confidence: str
    doc_url: str
    sup_kind: str | None
    sup_reason: str | None
    sup_approver: str | None
    sup_expires: str | None
    full: dict[str, Any] = field(default_factory=dict)
    # the field or component the finding is at (location anchor, JSON pointer or component):
    # a finding whose text changed at the same anchor is the same problem, changed
    anchor: str = ""

    @property
    def severity_rank(self) -> int:
        """error 4, warning 3, suggestion 2, info 1 (0 for a severity formlint does not know)."""
        return _SEVERITY_RANK.get(self.severity, 0)


@dataclass
class ScanHistory:
    """Everything one report is computed from."""

    target: RunInfo  # the report's scan
    runs: list[RunInfo]  # the site's finished scans up to the target, oldest first
    target_is_newest: bool  # no later finished scan of the site
    forms: dict[int, dict[str, Any]]  # form id -> identity, kind, key, title
    present: dict[int, set[int]]  # run id -> ids of the forms seen in it
    findings: FindingsByRun
    pages: dict[int, list[dict[str, Any]]]  # form id -> its pages in the report's scan
    reach: list[tuple[str, str, int]]  # analytics: (normalised URL, path, views); empty if none
    inbound: dict[str, int]  # normalised URL -> pages linking to it (only without analytics)
    notes: dict[int, list[dict[str, Any]]]  # form id -> status notes, oldest first
    exceptions: list[dict[str, Any]]  # exceptions synced from formlint.yml
    owners: list[OwnerRule]  # the site's crawl config's units, then formlint.yml's

    @property
    def reach_mode(self) -> str:
        """``analytics`` once page views were imported, else ``links`` (the link graph)."""
        return "analytics" if self.reach else "links"

    @property
    def previous(self) -> RunInfo | None:
        """The scan before the report's scan, if any."""
        return self.runs[-2] if len(self.runs) > 1 else None


def load_history(store: Store, *, run_id: int | None, site: str | None) -> ScanHistory:
    """Read the report of ``run_id`` (default: the latest finished scan of ``site``)."""
    target = store.run(run_id) if run_id is not None else store.latest_run(site)
    if target is None:
        raise LookupError("no finished scan in the store yet")
    site_runs = store.runs(target.site)
    runs = [r for r in site_runs if r.id <= target.id]
    if target.id not in {r.id for r in runs}:
        runs.append(target)
    run_ids = [r.id for r in runs]
    with store.connect() as conn:
        pages = _form_pages(conn, target.id)
        reach = _reach(conn)
        inbound: dict[str, int] = {}
        if not reach:
            wanted = {p["norm_url"] for ps in pages.values() for p in ps}
            inbound = _inbound_links(conn, target.id, wanted)
        return ScanHistory(
            target=target,
            runs=runs,
            target_is_newest=not site_runs or site_runs[-1].id == target.id,
            forms=_forms(conn),
            present=_present(conn, run_ids),
            findings=_by_run(_findings(conn, run_ids, full_run=target.id)),
            pages=pages,
            reach=reach,
            inbound=inbound,
            notes=_notes(conn),
            exceptions=[dict(m) for m in conn.execute(sa.select(t.exceptions)).mappings()],
            owners=_owners(conn, target.site),
        )


def _forms(conn: sa.Connection) -> dict[int, dict[str, Any]]:
    f = t.forms
    stmt = sa.select(f.c.id, f.c.identity, f.c.kind, f.c.key, f.c.title)
    return {int(m["id"]): dict(m) for m in conn.execute(stmt).mappings()}


def _owners(conn: sa.Connection, site: str | None) -> list[OwnerRule]:
    """The owner units a report of ``site`` tries, in order: those its crawl config recorded
    (with each scan, or by ``formlint owners sync``), then formlint.yml's."""
    ou = t.owner_units
    origins = [f"crawl:{site}", "config"] if site else ["config"]
    stmt = (
        sa.select(ou.c.origin, ou.c.unit, ou.c.patterns)
        .where(ou.c.origin.in_(origins))
        .order_by(ou.c.position, ou.c.id)
    )
    rows = list(conn.execute(stmt))
    return [
        OwnerRule(unit=str(unit), patterns=list(patterns))
        for origin in origins
        for o, unit, patterns in rows
        if o == origin
    ]


def _present(conn: sa.Connection, run_ids: list[int]) -> dict[int, set[int]]:
    present: dict[int, set[int]] = defaultdict(set)
    fp = t.form_pages
    stmt = sa.select(fp.c.run_id, fp.c.form_id).where(fp.c.run_id.in_(run_ids)).distinct()
    for rid, fid in conn.execute(stmt):
        present[int(rid)].add(int(fid))
    return present


def _reach(conn: sa.Connection) -> list[tuple[str, str, int]]:
    r = t.reach
    return [
        (str(u), str(p), int(v))
        for u, p, v in conn.execute(sa.select(r.c.url, r.c.path, r.c.views))
    ]


def _notes(conn: sa.Connection) -> dict[int, list[dict[str, Any]]]:
    notes: dict[int, list[dict[str, Any]]] = defaultdict(list)
    sn = t.status_notes
    for m in conn.execute(sa.select(sn).order_by(sn.c.created_at, sn.c.id)).mappings():
        notes[int(m["form_id"])].append(dict(m))
    return notes


def _by_run(findings: list[StoredFinding]) -> FindingsByRun:
    by_run: FindingsByRun = {}
    for f in findings:
        by_run.setdefault(f.run_id, {}).setdefault(f.form_id, {}).setdefault(f.key, f)
    return by_run


_FULL_FIELDS = (
    "message",
    "excerpt",
    "matched",
    "suggestions",
    "location",
    "scope",
    "language",
    "why",
    "help_uri",
    "fingerprint",
    "final_url",
    "places",
)


def _findings(conn: sa.Connection, run_ids: list[int], *, full_run: int) -> list[StoredFinding]:
    """Findings of forms in ``run_ids``: light for older scans, full for ``full_run``."""
    f, d = t.findings, t.documents
    light_cols = [
        f.c.run_id,
        f.c.form_id,
        f.c.stable_key,
        f.c.rule,
        f.c.severity,
        f.c.confidence,
        d.c.url,
        f.c.suppression_kind,
        f.c.suppression_reason,
        f.c.suppression_approver,
        f.c.suppression_expires,
    ]
    full_cols = [d.c.final_url if name == "final_url" else f.c[name] for name in _FULL_FIELDS]
    out: list[StoredFinding] = []
    light_ids = [r for r in run_ids if r != full_run]
    stmts = []
    if light_ids:
        # Older scans: what statuses need, plus the excerpt for the "fixed" list and the
        # location for the anchor.
        stmts.append(
            (
                False,
                sa.select(*light_cols, f.c.excerpt, f.c.location)
                .join(d, d.c.id == f.c.document_id)
                .where(f.c.run_id.in_(light_ids), f.c.form_id.is_not(None)),
            )
        )
    stmts.append(
        (
            True,
            sa.select(*light_cols, *full_cols)
            .join(d, d.c.id == f.c.document_id)
            .where(f.c.run_id == full_run, f.c.form_id.is_not(None)),
        )
    )
    for is_full, stmt in stmts:
        for row in conn.execute(stmt):
            item = StoredFinding(
                int(row[0]),
                int(row[1]),
                str(row[2]),
                str(row[3]),
                str(row[4]),
                str(row[5]),
                str(row[6]),
                row[7],
                row[8],
                row[9],
                row[10],
            )
            item.full = _full(row[11:]) if is_full else {"excerpt": row[11]}
            item.anchor = anchor_of(item.full["location"] if is_full else row[12])
            out.append(item)
    return out


def anchor_of(location: dict[str, Any] | None) -> str:
    """The place a finding is at, as its stable key reads it: anchor, JSON pointer or component."""
    loc = location or {}
    return str(loc.get("anchor") or loc.get("json_pointer") or loc.get("component") or "")


def _full(values: Any) -> dict[str, Any]:
    full = dict(zip(_FULL_FIELDS, values, strict=True))
    full["suggestions"] = list(full["suggestions"] or [])
    full["location"] = dict(full["location"] or {})
    full["places"] = list(full["places"] or [])
    return full


def _inbound_links(conn: sa.Connection, run_id: int, wanted: set[str]) -> dict[str, int]:
    """Inbound page links of the ``wanted`` (normalised) URLs in a run, counted in one pass."""
    d = t.documents
    counts: dict[str, int] = dict.fromkeys(wanted, 0)
    rows = conn.execute(sa.select(d.c.links).where(d.c.run_id == run_id, d.c.links.is_not(None)))
    for (text,) in rows:
        for dst in str(text).split("\n"):
            if dst in counts:
                counts[dst] += 1
    return {u: n for u, n in counts.items() if n}


def _form_pages(conn: sa.Connection, run_id: int) -> dict[int, list[dict[str, Any]]]:
    """Pages of each form in a run, including pages that embed a platform form by iframe."""
    fp, d = t.form_pages, t.documents
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    doc_forms: dict[str, list[int]] = defaultdict(list)
    stmt = (
        sa.select(
            fp.c.form_id, d.c.url, d.c.final_url, d.c.depth, d.c.title, fp.c.title, d.c.norm_url
        )
        .join(d, d.c.id == fp.c.document_id)
        .where(fp.c.run_id == run_id)
    )
    for fid, url, final_url, depth, dtitle, ftitle, norm in conn.execute(stmt):
        out[int(fid)].append(
            {
                "url": url,
                "final_url": final_url,
                "depth": depth,
                "title": dtitle or ftitle,
                "norm_url": norm,
            }
        )
        doc_forms[str(norm)].append(int(fid))
    # Pages that embed a form's document (iframe to a form platform).
    embeds = conn.execute(
        sa.select(d.c.url, d.c.embeds, d.c.depth, d.c.title, d.c.final_url, d.c.norm_url).where(
            d.c.run_id == run_id, d.c.embeds.is_not(None)
        )
    )
    for src, targets, depth, title, final_url, norm in embeds:
        for dst in str(targets).split("\n"):
            for fid in doc_forms.get(dst, ()):
                out[fid].append(
                    {
                        "url": src,
                        "final_url": final_url,
                        "depth": depth,
                        "title": title,
                        "norm_url": norm,
                        "embeds": dst,
                    }
                )
    for fid in out:
        out[fid].sort(key=lambda p: (p["depth"] if p["depth"] is not None else 1 << 30, p["url"]))
    return out
