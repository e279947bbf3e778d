"""A revision card's findings grouped per rule: one entry listing every place.

A form that says "Mors navn", "Mors telefon", "Mors e-post" … has one problem eight times over;
a card that repeats the rule, the reason and the suggested wording eight times hides the other
problems below it. Findings of one rule on one form become one entry (the open ones apart from
the exempted ones, and each exception apart), with every place the rule fired at: each finding's
own text and link, and the further places a finding already stands for (``places``: a parent
field set, a string and its translations). The HTML and Markdown reports render these entries;
the exports keep one row per finding.
"""

from __future__ import annotations

from typing import Any

_SEVERITY_RANK = {"error": 4, "warning": 3, "suggestion": 2, "info": 1}
_PLACE_KEYS = ("line", "page", "component", "json_pointer")  # of a further place's location


def finding_groups(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``findings`` (a work-list item's findings, then its exempted ones) as one entry per rule
    and exception, worst first, each with ``places`` in document order of the findings."""
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for f in findings:
        e = f.get("exception") or {}
        key = (f["rule"], bool(e) and not e.get("expired"), e.get("reason"), e.get("expires"))
        group = groups.get(key)
        if group is None:
            group = groups[key] = {
                "rule": f["rule"],
                "severity": f["severity"],
                "message": f["message"],
                "why": f["why"],
                "help_uri": f["help_uri"],
                "exception": f.get("exception"),
                "suggestions": [],
                "places": [],
            }
        if _SEVERITY_RANK.get(f["severity"], 0) > _SEVERITY_RANK.get(group["severity"], 0):
            group["severity"] = f["severity"]
        for s in f["suggestions"]:
            if s not in group["suggestions"]:
                group["suggestions"].append(s)
        group["places"].append(
            {
                "excerpt": f["excerpt"],
                "message": f["message"],
                "link": f.get("link"),
                "page": f["page"],
                "where": f.get("where") or {},
                "language": None,
            }
        )
        for p in f.get("places") or ():
            loc = p.get("location") or {}
            group["places"].append(
                {
                    "excerpt": p.get("excerpt", ""),
                    "message": f["message"],
                    "link": None,
                    "page": f["page"],
                    "where": {k: loc[k] for k in _PLACE_KEYS if loc.get(k) is not None},
                    "language": p.get("language"),
                }
            )
    # a stable sort: equal severities keep the order of the findings (worst first already)
    return sorted(groups.values(), key=lambda g: -_SEVERITY_RANK.get(g["severity"], 0))
