"""A2 progress: status per form, the KPI over scans, the ranked work list and what changed.

Everything here reads the store and returns plain dicts (the report model, schema
``formlint-progress/1.0``) that every report format renders. Statuses are computed at report time,
not stored, so an exception that expires, a changed owner pattern or a new analytics import shows
in the next report without re-scanning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import quote, urlsplit

import sqlalchemy as sa

from formlint.config.progress import ProgressConfig
from formlint.priority import Reach, category_for, finding_weight, score
from formlint.store import Store
from formlint.store import tables as t
from formlint.store.identity import normalise_url, url_path

PROGRESS_SCHEMA = "formlint-progress/1.0"
BLOCKING = frozenset({"error", "warning"})  # what the traffic light counts
STATUSES = ("red", "orange", "green", "exempt")


@dataclass
class _F:
    """One stored finding, light (all runs) or full (the report's run)."""

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


@dataclass
class _Coverage:
    covered: bool
    exception: dict[str, Any] | None  # reason, approved_by, expires, expired, kind


def build_report(
    store: Store,
    *,
    run_id: int | None = None,
    site: str | None = None,
    config: ProgressConfig | None = None,
    today: date | None = None,
    lang: str = "nb",
    generated_at: str | None = None,
) -> dict[str, Any]:
    """The report model of one run (default: the latest finished run) with its trend."""
    cfg = config or ProgressConfig()
    today = today or datetime.now(UTC).date()
    target = store.run(run_id) if run_id is not None else store.latest_run(site)
    if target is None:
        raise LookupError("no finished scan in the store yet")
    site_runs = store.runs(target.site)
    target_is_newest = not site_runs or site_runs[-1].id == target.id
    runs = [r for r in site_runs if r.id <= target.id]
    if target.id not in {r.id for r in runs}:
        runs.append(target)
    run_ids = [r.id for r in runs]
    prev = runs[-2] if len(runs) > 1 else None

    with store.connect() as conn:
        forms_meta = {
            int(m["id"]): dict(m)
            for m in conn.execute(
                sa.select(
                    t.forms.c.id, t.forms.c.identity, t.forms.c.kind, t.forms.c.key, t.forms.c.title
                )
            ).mappings()
        }
        present: dict[int, set[int]] = defaultdict(set)  # run -> form ids
        for rid, fid in conn.execute(
            sa.select(t.form_pages.c.run_id, t.form_pages.c.form_id)
            .where(t.form_pages.c.run_id.in_(run_ids))
            .distinct()
        ):
            present[int(rid)].add(int(fid))
        light = _load_findings(conn, run_ids, full_run=target.id)
        pages = _form_pages(conn, target.id)
        reach_rows = [
            (str(u), str(p), int(v))
            for u, p, v in conn.execute(sa.select(t.reach.c.url, t.reach.c.path, t.reach.c.views))
        ]
        notes: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for m in conn.execute(
            sa.select(t.status_notes).order_by(t.status_notes.c.created_at, t.status_notes.c.id)
        ).mappings():
            notes[int(m["form_id"])].append(dict(m))
        exc_rows = [dict(m) for m in conn.execute(sa.select(t.exceptions)).mappings()]
        inbound: dict[str, int] = {}
        if not reach_rows:
            wanted = {p["norm_url"] for ps in pages.values() for p in ps}
            inbound = _inbound_links(conn, target.id, wanted)

    by_run: dict[int, dict[int, dict[str, _F]]] = defaultdict(lambda: defaultdict(dict))
    for f in light:
        by_run[f.run_id][f.form_id].setdefault(f.key, f)

    exc_by_rule: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in exc_rows:
        exc_by_rule[e["rule"]].append(e)

    def coverage(f: _F, ref: date) -> _Coverage:
        meta = forms_meta.get(f.form_id, {})
        if f.sup_kind == "inline":
            return _Coverage(
                True,
                {
                    "kind": "inline",
                    "reason": f.sup_reason or "",
                    "approved_by": f.sup_approver,
                    "expires": None,
                    "expired": False,
                },
            )
        if f.sup_kind == "exception":
            expired = bool(f.sup_expires) and str(f.sup_expires) < ref.isoformat()
            info = {
                "kind": "exception",
                "reason": f.sup_reason or "",
                "approved_by": f.sup_approver,
                "expires": f.sup_expires,
                "expired": expired,
            }
            if not expired:
                return _Coverage(True, info)
            expired_info: dict[str, Any] | None = info
        else:
            expired_info = None
        for e in exc_by_rule.get(f.rule, ()):
            if not (
                fnmatchcase(f.doc_url, e["document"])
                or fnmatchcase(normalise_url(f.doc_url), e["document"])
            ):
                continue
            if e["form"] and not any(
                fnmatchcase(str(meta.get(k) or ""), e["form"]) for k in ("key", "title", "identity")
            ):
                continue
            expired = e["expires"] < ref.isoformat()
            info = {
                "kind": "exception",
                "reason": e["reason"],
                "approved_by": e["approved_by"],
                "expires": e["expires"],
                "expired": expired,
            }
            if not expired:
                return _Coverage(True, info)
            expired_info = info
        return _Coverage(False, expired_info)

    def note_for(form_id: int, run_end: str | None, latest: bool) -> dict[str, Any] | None:
        chosen = None
        for n in notes.get(form_id, ()):
            if latest or run_end is None or n["created_at"] <= run_end:
                chosen = n
        return chosen

    # Walk the runs in order: statuses per run, and the E/W keys each form ever had.
    ever_blocking: dict[int, set[str]] = defaultdict(set)
    ever_all: dict[int, dict[str, _F]] = defaultdict(dict)
    per_run_status: dict[int, dict[int, str]] = {}
    target_state: dict[int, dict[str, Any]] = {}
    for r in runs:
        is_target = r.id == target.id
        ref = today if is_target else _run_date(r.finished_at or r.started_at)
        statuses: dict[int, str] = {}
        run_forms = by_run.get(r.id, {})
        for fid in present.get(r.id, set()) | set(run_forms):
            fnd = run_forms.get(fid, {})
            open_b = covered_b = 0
            for f in fnd.values():
                # A CI baseline entry counts as open: it keeps CI quiet, it is no revision
                # (docs/priority.md), so it weighs in the score and the status alike.
                if f.severity not in BLOCKING:
                    continue
                if coverage(f, ref).covered:
                    covered_b += 1
                else:
                    open_b += 1
            fixed = len(ever_blocking[fid] - set(fnd))
            # A note applies to the newest scan and to scans finished after it was written: an
            # older scan's report must not pick up a later note.
            note = note_for(fid, r.finished_at, is_target and target_is_newest)
            in_progress = bool(note and note["in_progress"])
            statuses[fid] = _status(open_b, covered_b, fixed, in_progress)
            if is_target:
                target_state[fid] = {
                    "open": open_b,
                    "covered": covered_b,
                    "fixed": fixed,
                    "note": note,
                    "ref": ref,
                }
        for fid, fnd in run_forms.items():
            ever_blocking[fid].update(k for k, f in fnd.items() if f.severity in BLOCKING)
            for k, f in fnd.items():
                ever_all[fid].setdefault(k, f)
        per_run_status[r.id] = statuses

    # Reach, category, owner and scores of the forms in the report's run.
    reach_mode = "analytics" if reach_rows else "links"
    views_by_url = {u: v for u, _p, v in reach_rows}
    views_by_path: dict[str, int] = defaultdict(int)
    for _u, p, v in reach_rows:
        views_by_path[p] += v
    items: list[dict[str, Any]] = []
    target_forms = by_run.get(target.id, {})
    for fid in sorted(per_run_status.get(target.id, {})):
        meta = forms_meta.get(fid, {"identity": str(fid), "kind": "form", "key": "", "title": None})
        fpages = pages.get(fid, [])
        urls = [p["url"] for p in fpages]
        if reach_mode == "analytics":
            views = 0
            for pg in fpages:
                nurl = pg["norm_url"]
                views += views_by_url.get(nurl, views_by_path.get(url_path(nurl), 0))
            reach = Reach("analytics", views=views)
        else:
            depths = [p["depth"] for p in fpages if p["depth"] is not None]
            reach = Reach(
                "links",
                inbound=sum(inbound.get(p["norm_url"], 0) for p in fpages),
                depth=min(depths) if depths else None,
            )
        texts = [*urls, *(p["title"] or "" for p in fpages), meta.get("title") or ""]
        cat_name, cat_weight = category_for(texts, cfg.categories)
        st = target_state[fid]
        fnd = target_forms.get(fid, {})
        open_list: list[dict[str, Any]] = []
        covered_list: list[dict[str, Any]] = []
        weights: list[float] = []
        for f in sorted(fnd.values(), key=lambda x: (-_sev_rank(x.severity), x.rule, x.key)):
            cov = coverage(f, st["ref"])
            view = _finding_view(f, cov)
            if cov.covered:
                covered_list.append(view)
            else:
                open_list.append(view)
                weights.append(finding_weight(f.severity, f.confidence))
        # Only forms that ever had an error or warning need revision (the traffic light counts
        # nothing else); a form with only suggestions is green from the first scan and would
        # inflate the KPI.
        baseline_weights = (
            [finding_weight(f.severity, f.confidence) for f in ever_all.get(fid, {}).values()]
            if ever_blocking.get(fid)
            else []
        )
        status = per_run_status[target.id][fid]
        note = st["note"]
        items.append(
            {
                "id": fid,
                "identity": meta["identity"],
                "kind": meta["kind"],
                "key": meta["key"],
                "title": meta.get("title")
                or (fpages[0]["title"] if fpages else None)
                or meta["key"]
                or (fpages[0]["url"] if fpages else meta["identity"]),
                "pages": fpages,
                "owner": _owner(urls, cfg),
                "category": cat_name,
                "category_weight": cat_weight,
                "reach": {
                    "mode": reach.mode,
                    "views": reach.views,
                    "inbound": reach.inbound,
                    "depth": reach.depth,
                    "factor": round(reach.factor, 3),
                },
                "severity_sum": round(float(sum(weights)), 3),
                "score": score(weights, reach, cat_weight),
                "baseline_score": score(baseline_weights, reach, cat_weight),
                "status": status,
                "open": st["open"],
                "covered": st["covered"],
                "fixed": st["fixed"],
                "note": {
                    "in_progress": bool(note["in_progress"]),
                    "note": note["note"],
                    "author": note["author"],
                    "at": note["created_at"],
                }
                if note
                else None,
                "findings": open_list,
                "exempted": covered_list,
                "exceptions": _exceptions_of(open_list + covered_list),
                "prioritised": False,
                "rank": 0,
            }
        )

    items.sort(key=lambda i: (-i["score"], -i["baseline_score"], i["identity"]))
    for rank, item in enumerate(items, 1):
        item["rank"] = rank
    prioritised = _prioritised(items, cfg)
    for item in items:
        item["prioritised"] = item["id"] in prioritised

    trend: list[dict[str, Any]] = []
    for r in runs:
        st_map = per_run_status.get(r.id, {})
        counts = {s: 0 for s in STATUSES}
        pr_counts = {s: 0 for s in STATUSES}
        for fid, s in st_map.items():
            counts[s] += 1
            if fid in prioritised:
                pr_counts[s] += 1
        total = sum(pr_counts.values())
        done = pr_counts["green"] + pr_counts["exempt"]
        trend.append(
            {
                "run_id": r.id,
                "date": (r.finished_at or r.started_at)[:10],
                "finished_at": r.finished_at,
                "prioritised": total,
                "done": done,
                "share": round(done / total, 4) if total else 0.0,
                "counts": counts,
                "prioritised_counts": pr_counts,
            }
        )
    current = trend[-1]
    by_owner: dict[str, dict[str, int]] = defaultdict(lambda: {s: 0 for s in STATUSES})
    for item in items:
        by_owner[item["owner"] or ""][item["status"]] += 1
    owners = [
        {"unit": unit, **counts, "total": sum(counts.values())}
        for unit, counts in sorted(by_owner.items(), key=lambda kv: (kv[0] == "", kv[0]))
    ]

    return {
        "schema": PROGRESS_SCHEMA,
        "generated_at": generated_at or datetime.now(UTC).isoformat(timespec="seconds"),
        "today": today.isoformat(),
        "lang": lang,
        "site": target.site,
        "run": {
            "id": target.id,
            "started_at": target.started_at,
            "finished_at": target.finished_at,
            "profile": target.profile,
            "tool_version": target.tool_version,
            "stats": target.stats,
        },
        "previous_run_id": prev.id if prev else None,
        "deadline": cfg.deadline.isoformat(),
        "reach_mode": reach_mode,
        "kpi": {
            "prioritised": current["prioritised"],
            "done": current["done"],
            "green": current["prioritised_counts"]["green"],
            "exempt": current["prioritised_counts"]["exempt"],
            "share": current["share"],
            "selection": "list" if cfg.prioritised.forms else f"top {cfg.prioritised.top_n}",
        },
        "trend": trend,
        "projection": project(trend, cfg.deadline),
        "counts": current["counts"],
        "by_owner": owners,
        "worklist": items,
        "changes": _changes(by_run, target.id, prev.id if prev else None, forms_meta, pages),
    }


def _status(open_b: int, covered_b: int, fixed: int, in_progress: bool) -> str:
    """red: open and nothing fixed; orange: open but some fixed or in progress; green; exempt."""
    if open_b == 0:
        return "exempt" if covered_b else "green"
    if fixed or in_progress:
        return "orange"
    return "red"


def _sev_rank(sev: str) -> int:
    return {"error": 4, "warning": 3, "suggestion": 2, "info": 1}.get(sev, 0)


def _run_date(stamp: str) -> date:
    return date.fromisoformat(stamp[:10])


def _load_findings(conn: sa.Connection, run_ids: list[int], *, full_run: int) -> list[_F]:
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
    full_cols = [
        f.c.message,
        f.c.excerpt,
        f.c.matched,
        f.c.suggestions,
        f.c.location,
        f.c.scope,
        f.c.language,
        f.c.why,
        f.c.help_uri,
        f.c.fingerprint,
        d.c.final_url,
        f.c.places,
    ]
    out: list[_F] = []
    light_ids = [r for r in run_ids if r != full_run]
    stmts = []
    if light_ids:
        # Older scans: what statuses need, plus the excerpt for the "fixed" list.
        stmts.append(
            (
                False,
                sa.select(*light_cols, f.c.excerpt)
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
            item = _F(
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
            if is_full:
                item.full = {
                    "message": row[11],
                    "excerpt": row[12],
                    "matched": row[13],
                    "suggestions": list(row[14] or []),
                    "location": dict(row[15] or {}),
                    "scope": row[16],
                    "language": row[17],
                    "why": row[18],
                    "help_uri": row[19],
                    "fingerprint": row[20],
                    "final_url": row[21],
                    "places": list(row[22] or []),
                }
            else:
                item.full = {"excerpt": row[11]}
            out.append(item)
    return out


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


def _owner(urls: Iterable[str], cfg: ProgressConfig) -> str | None:
    candidates = []
    for u in urls:
        candidates.extend([u.casefold(), url_path(u).casefold()])
    for rule in cfg.owners:
        for pattern in rule.patterns:
            p = pattern.casefold()
            if any(fnmatchcase(c, p) for c in candidates):
                return rule.unit
    return None


def _prioritised(items: list[dict[str, Any]], cfg: ProgressConfig) -> set[int]:
    """The KPI's prioritised forms: the configured list, else the top N by baseline score.

    The baseline score counts every finding a form ever had, so a form stays prioritised after
    it is fixed (else fixing would shrink the KPI's denominator and hide progress).
    """
    if cfg.prioritised.forms:
        chosen = set()
        for item in items:
            urls = [p["url"] for p in item["pages"]]
            for ref in cfg.prioritised.forms:
                if ref in (item["identity"], str(item["id"])) or any(
                    fnmatchcase(u, ref) or fnmatchcase(normalise_url(u), ref) for u in urls
                ):
                    chosen.add(int(item["id"]))
        return chosen
    ranked = sorted(
        (i for i in items if i["baseline_score"] > 0),
        key=lambda i: (-i["baseline_score"], i["identity"]),
    )
    return {int(i["id"]) for i in ranked[: cfg.prioritised.top_n]}


def _finding_view(f: _F, cov: _Coverage) -> dict[str, Any]:
    full = f.full
    loc = full.get("location") or {}
    page = full.get("final_url") or f.doc_url
    return {
        "key": f.key,
        "rule": f.rule,
        "severity": f.severity,
        "confidence": f.confidence,
        "message": full.get("message", ""),
        "excerpt": full.get("excerpt", ""),
        "matched": full.get("matched", ""),
        "suggestions": full.get("suggestions", []),
        "why": full.get("why") or "",
        "help_uri": full.get("help_uri") or "",
        "location": loc,
        "where": _describe(loc),
        "page": f.doc_url,
        "link": text_fragment_link(page, full.get("matched") or full.get("excerpt") or ""),
        "exception": cov.exception,
        "places": full.get("places", []),
    }


def _describe(loc: dict[str, Any]) -> dict[str, Any]:
    """The location parts a person can follow (labelled by the report language)."""
    return {
        k: loc[k]
        for k in ("line", "column", "page", "part", "component", "css_path", "json_pointer")
        if loc.get(k) is not None
    }


def text_fragment_link(url: str, text: str) -> str | None:
    """A link to the page that scrolls to and highlights the text (``#:~:text=``), if http(s)."""
    if urlsplit(url).scheme not in ("http", "https"):
        return None
    words = " ".join(text.split())[:80]
    if not words:
        return url
    base = url.split("#", 1)[0]
    return f"{base}#:~:text={quote(words, safe='')}"


def _exceptions_of(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for f in findings:
        e = f.get("exception")
        if e:
            seen.setdefault(
                (f["rule"], e.get("reason"), e.get("expires")), {"rule": f["rule"], **e}
            )
    return list(seen.values())


def _changes(
    by_run: dict[int, dict[int, dict[str, _F]]],
    run_id: int,
    prev_id: int | None,
    forms_meta: dict[int, dict[str, Any]],
    pages: dict[int, list[dict[str, Any]]],
) -> dict[str, Any]:
    """New, fixed and still-open findings against the previous scan (findings suppressed inline
    or by an exception left out; CI-baseline entries count, as in the status)."""
    if prev_id is None:
        return {
            "previous_run_id": None,
            "new": [],
            "fixed": [],
            "still_open": [],
            "counts": {"new": 0, "fixed": 0, "still_open": 0},
        }
    counted = (None, "baseline")  # a baseline entry is still open (see the status above)
    cur = {
        (fid, k): f
        for fid, fs in by_run.get(run_id, {}).items()
        for k, f in fs.items()
        if f.sup_kind in counted
    }
    old = {
        (fid, k): f
        for fid, fs in by_run.get(prev_id, {}).items()
        for k, f in fs.items()
        if f.sup_kind in counted
    }

    def row(key: tuple[int, str], f: _F) -> dict[str, Any]:
        meta = forms_meta.get(key[0], {})
        return {
            "form_id": key[0],
            "form": meta.get("title")
            or (f.doc_url if meta.get("kind") == "page" else meta.get("identity")),
            "identity": meta.get("identity"),
            "rule": f.rule,
            "severity": f.severity,
            "excerpt": f.full.get("excerpt", ""),
            "page": f.doc_url,
        }

    def listing(
        keys: Iterable[tuple[int, str]], src: dict[tuple[int, str], _F]
    ) -> list[dict[str, Any]]:
        ordered = sorted(
            keys,
            key=lambda k: (
                -_sev_rank(src[k].severity),
                str(forms_meta.get(k[0], {}).get("identity")),
                src[k].rule,
                k[1],
            ),
        )
        return [row(k, src[k]) for k in ordered]

    new = listing(cur.keys() - old.keys(), cur)
    fixed = listing(old.keys() - cur.keys(), old)
    still = listing(cur.keys() & old.keys(), cur)
    return {
        "previous_run_id": prev_id,
        "counts": {"new": len(new), "fixed": len(fixed), "still_open": len(still)},
        "new": new,
        "fixed": fixed,
        "still_open": still,
    }


def project(trend: list[dict[str, Any]], deadline: date) -> dict[str, Any]:
    """Least-squares line through (scan date, KPI share): the share expected at the deadline."""
    points = [
        (date.fromisoformat(p["date"]).toordinal(), float(p["share"]))
        for p in trend
        if p["prioritised"]
    ]
    current = points[-1][1] if points else 0.0
    counted = [p for p in trend if p["prioritised"]]
    result: dict[str, Any] = {
        "deadline": deadline.isoformat(),
        "current": current,
        "at_deadline": current,
        # already complete: the scan that showed it, even when one scan is too few for a line
        "complete_by": counted[-1]["date"] if current >= 1.0 and counted else None,
        "on_track": current >= 1.0,
        "method": "none",
    }
    xs = {x for x, _ in points}
    if len(points) < 2 or len(xs) < 2:
        return result
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    slope = sum((x - mx) * (y - my) for x, y in points) / sxx
    intercept = my - slope * mx
    at_deadline = max(0.0, min(1.0, intercept + slope * deadline.toordinal()))
    result.update(
        method="linear", slope_per_30_days=round(slope * 30, 4), at_deadline=round(at_deadline, 4)
    )
    if current >= 1.0:
        result.update(on_track=True)
    elif slope > 0:
        day = (1.0 - intercept) / slope
        try:
            done = date.fromordinal(int(day) + 1)
        except (ValueError, OverflowError):
            done = None
        result.update(
            complete_by=done.isoformat() if done else None, on_track=bool(done and done <= deadline)
        )
    return result
