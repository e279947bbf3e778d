"""The ranked work list: one row per form of the report's scan, with its findings and score.

A row carries what a revision card shows (pages, owner unit, category, reach, status, open and
exempted findings with a link to each text) and the two scores of ``docs/priority.md``: the open
score ranks the list, the baseline score (every finding the form ever had) picks the KPI's
prioritised forms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import quote, urlsplit

from formlint.config.progress import OwnerRule, ProgressConfig
from formlint.progress.classify import STATUSES, Exemptions, FormState, Statuses
from formlint.progress.load import ScanHistory, StoredFinding
from formlint.progress.priority import Reach, category_for, finding_weight, score
from formlint.store.identity import normalise_url, url_path


class ReachIndex:
    """A form's reach from its pages: analytics page views if any were imported, else links."""

    def __init__(self, history: ScanHistory) -> None:
        self.mode = history.reach_mode
        self._inbound = history.inbound
        self._views_by_url = {u: v for u, _p, v in history.reach}
        self._views_by_path: dict[str, int] = defaultdict(int)
        for _u, p, v in history.reach:
            self._views_by_path[p] += v

    def of(self, pages: list[dict[str, Any]]) -> Reach:
        if self.mode == "analytics":
            views = 0
            for pg in pages:
                nurl = pg["norm_url"]
                views += self._views_by_url.get(nurl, self._views_by_path.get(url_path(nurl), 0))
            return Reach("analytics", views=views)
        depths = [p["depth"] for p in pages if p["depth"] is not None]
        return Reach(
            "links",
            inbound=sum(self._inbound.get(p["norm_url"], 0) for p in pages),
            depth=min(depths) if depths else None,
        )


def build_worklist(
    history: ScanHistory, statuses: Statuses, exemptions: Exemptions, cfg: ProgressConfig
) -> tuple[list[dict[str, Any]], set[int]]:
    """The work list ranked by score, and the ids of the KPI's prioritised forms."""
    reach = ReachIndex(history)
    findings = history.findings.get(history.target.id, {})
    items = [
        _row(fid, history, statuses, findings.get(fid, {}), exemptions, reach, cfg)
        for fid in sorted(statuses.target)
    ]
    prioritised = _prioritised(items, cfg)
    for item in items:
        item["prioritised"] = item["id"] in prioritised
        item["listed"] = bool(
            item["open"] or item["covered"] or item["fixed"] or item["prioritised"]
        )
    # The forms that need (or needed) revision first, so the work list people read is numbered
    # 1, 2, 3 … without gaps; forms with only suggestions and info follow them.
    items.sort(key=lambda i: (not i["listed"], -i["score"], -i["baseline_score"], i["identity"]))
    for rank, item in enumerate(items, 1):
        item["rank"] = rank
    return items, prioritised


def _row(
    fid: int,
    history: ScanHistory,
    statuses: Statuses,
    findings: dict[str, StoredFinding],
    exemptions: Exemptions,
    reach_index: ReachIndex,
    cfg: ProgressConfig,
) -> dict[str, Any]:
    """One form's row, unranked."""
    meta = history.forms.get(fid, {"identity": str(fid), "kind": "form", "key": "", "title": None})
    pages = history.pages.get(fid, [])
    urls = [p["url"] for p in pages]
    reach = reach_index.of(pages)
    texts = [*urls, *(p["title"] or "" for p in pages), meta.get("title") or ""]
    category, weight = category_for(texts, cfg.categories)
    state = statuses.target[fid]
    shown, exempted, weights = _findings(findings, state, exemptions, cfg.rule_docs_url)
    # Only forms that ever had an error or warning need revision (the traffic light counts
    # nothing else); a form with only suggestions is green from the first scan and would
    # inflate the KPI.
    ever = statuses.ever_all.get(fid, {}).values() if statuses.ever_blocking.get(fid) else ()
    return {
        "id": fid,
        "identity": meta["identity"],
        "kind": meta["kind"],
        "key": meta["key"],
        "title": meta.get("title")
        or (pages[0]["title"] if pages else None)
        or meta["key"]
        or (pages[0]["url"] if pages else meta["identity"]),
        "pages": pages,
        "owner": _owner(urls, history.owners),
        "category": category,
        "category_weight": weight,
        "reach": {
            "mode": reach.mode,
            "views": reach.views,
            "inbound": reach.inbound,
            "depth": reach.depth,
            "factor": round(reach.factor, 3),
        },
        "severity_sum": round(float(sum(weights)), 3),
        "score": score(weights, reach, weight),
        "baseline_score": score(
            [finding_weight(f.severity, f.confidence) for f in ever], reach, weight
        ),
        "status": state.status,
        "open": state.open,
        "covered": state.covered,
        "fixed": state.fixed,
        "note": _note_view(state.note),
        "findings": shown,
        "exempted": exempted,
        "exceptions": _exceptions_of(shown + exempted),
        "prioritised": False,
        "listed": False,
        "rank": 0,
    }


def _findings(
    findings: dict[str, StoredFinding],
    state: FormState,
    exemptions: Exemptions,
    rule_docs_url: str,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[float]]:
    """The open and the exempted findings, worst first, and the weights of the open ones."""
    shown: list[dict[str, Any]] = []
    exempted: list[dict[str, Any]] = []
    weights: list[float] = []
    for f in sorted(findings.values(), key=lambda x: (-x.severity_rank, x.rule, x.key)):
        cov = exemptions.cover(f, state.on)
        view = _finding_view(f, cov.exception, rule_docs_url)
        if cov.covered:
            exempted.append(view)
        else:
            shown.append(view)
            weights.append(finding_weight(f.severity, f.confidence))
    return shown, exempted, weights


def _note_view(note: dict[str, Any] | None) -> dict[str, Any] | None:
    if not note:
        return None
    return {
        "in_progress": bool(note["in_progress"]),
        "note": note["note"],
        "author": note["author"],
        "at": note["created_at"],
    }


def _owner(urls: Iterable[str], owners: Iterable[OwnerRule]) -> str | None:
    """The unit of the first owner rule with a glob matching a page URL or path."""
    candidates = []
    for u in urls:
        candidates.extend([u.casefold(), url_path(u).casefold()])
    for rule in owners:
        for pattern in rule.patterns:
            p = pattern.casefold()
            if any(fnmatchcase(c, p) for c in candidates):
                return rule.unit
    return None


def owner_counts(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Forms per status for each owner unit (forms without a unit last)."""
    by_owner: dict[str, dict[str, int]] = defaultdict(lambda: {s: 0 for s in STATUSES})
    for item in items:
        by_owner[item["owner"] or ""][item["status"]] += 1
    return [
        {"unit": unit, **counts, "total": sum(counts.values())}
        for unit, counts in sorted(by_owner.items(), key=lambda kv: (kv[0] == "", kv[0]))
    ]


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


def _finding_view(
    f: StoredFinding, exception: dict[str, Any] | None, rule_docs_url: str
) -> dict[str, Any]:
    """A finding as a revision card shows it; its rule's documentation at ``rule_docs_url``
    (whatever the scan stored: older scans stored a path inside a checkout)."""
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
        "help_uri": rule_docs_url.format(rule=f.rule),
        "location": loc,
        "where": _describe(loc),
        "page": f.doc_url,
        "link": text_fragment_link(page, full.get("matched") or full.get("excerpt") or ""),
        "exception": exception,
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
    """The distinct exceptions (rule, reason, expiry) behind a form's findings."""
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for f in findings:
        e = f.get("exception")
        if e:
            seen.setdefault(
                (f["rule"], e.get("reason"), e.get("expires")), {"rule": f["rule"], **e}
            )
    return list(seen.values())
