"""Markdown report: the KPI, status counts, work list and changes, for issues and wikis.

Scraped text is escaped so a label cannot break a table or inject HTML into a rendered page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from formlint.report.base import Reporter
from formlint.report.cards import finding_groups
from formlint.report.i18n import note_text, percent, severity_label, strings
from formlint.util.atomic import write_text
from formlint.util.xmlchars import strip_illegal

MD_LIMIT = 200
MD_PLACES = 20  # places listed under one card entry
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def esc(value: Any) -> str:
    """Escape Markdown and HTML metacharacters; keep a cell on one line."""
    text = " ".join(strip_illegal(str(value if value is not None else "")).split())
    return _SPECIAL.sub(r"\\\1", text).replace("&", "&amp;")


def render_markdown(model: dict[str, Any], *, mode: str = "report") -> str:
    lang = model.get("lang", "nb")
    s = strings(lang)
    k = model["kpi"]
    out: list[str] = []
    out.append(f"# {s['title_report'] if mode == 'report' else s['title_progress']}")
    out.append("")
    run = model["run"]
    site = f"{s['site']}: {esc(model['site'])} · " if model.get("site") else ""
    out.append(
        site
        + s["scan_of"].format(
            id=run["id"], date=(run["finished_at"] or run["started_at"] or "")[:10]
        )
    )
    out.append("")
    out.append(f"## {s['kpi']}")
    out.append("")
    out.append(f"**{s['kpi_name']}**: {percent(k['share'], lang)}")
    out.append("")
    out.append(
        s["kpi_value"].format(done=k["done"], total=k["prioritised"], pct=percent(k["share"], lang))
    )
    p = model["projection"]
    out.append("")
    if p["method"] == "linear":
        line = s["projection_line"].format(
            at=percent(p["at_deadline"], lang), deadline=model["deadline"]
        )
        if p.get("complete_by"):
            line += " " + s["projection_done"].format(date=p["complete_by"])
        out.append(f"{s['projection']}: {line} ({s[p['verdict']]})")
    else:
        out.append(f"{s['projection']}: {s['projection_none']}")
    out.append("")
    out.append(f"## {s['trend']}")
    out.append("")
    out.append(
        f"| {s['scan']} | {s['date']} | {s['share']} | {s['red_short']} | {s['orange_short']} | {s['green_short']} | {s['exempt_short']} |"
    )
    out.append("|---:|---|---:|---:|---:|---:|---:|")
    for t in model["trend"]:
        c = t["counts"]
        out.append(
            f"| {t['run_id']} | {t['date']} | {percent(t['share'], lang)} | {c['red']} | {c['orange']} | {c['green']} | {c['exempt']} |"
        )
    out.append("")
    out.append(f"## {s['by_owner']}")
    out.append("")
    out.append(
        f"| {s['owner']} | {s['red_short']} | {s['orange_short']} | {s['green_short']} | {s['exempt_short']} | {s['total']} |"
    )
    out.append("|---|---:|---:|---:|---:|---:|")
    for o in model["by_owner"]:
        out.append(
            f"| {esc(o['unit'] or s['no_owner'])} | {o['red']} | {o['orange']} | {o['green']} | {o['exempt']} | {o['total']} |"
        )
    out.append("")
    out.append(f"## {s['worklist']}")
    out.append("")
    out.append(
        f"| {s['rank']} | {s['form']} | {s['status']} | {s['open']} | {s['fixed']} | {s['score']} | {s['owner']} | {s['note']} |"
    )
    out.append("|---:|---|---|---:|---:|---:|---|---|")
    rows = [w for w in model["worklist"] if w["listed"]]
    for w in rows[:MD_LIMIT]:
        out.append(
            f"| {w['rank']} | {esc(w['title'])} | {s[w['status'] + '_short']} | {w['open']} | {w['fixed']} | {w['score']:.1f} | {esc(w['owner'] or s['no_owner'])} | {esc(note_text(w['note'], lang)) if w['note'] else ''} |"
        )
    if len(rows) > MD_LIMIT:
        out.append("")
        out.append(s["worklist_more"].format(n=len(rows) - MD_LIMIT))
    if mode == "report":
        out.append("")
        out.append(f"## {s['cards']}")
        for w in [w for w in rows if w["findings"] or w["exempted"]][:50]:
            out.append("")
            out.append(f"### {w['rank']}. {esc(w['title'])} ({s[w['status']]})")
            out.append("")
            for g in finding_groups([*w["findings"], *w["exempted"]])[:25]:
                sugg = f" → {esc(' · '.join(g['suggestions']))}" if g["suggestions"] else ""
                exc = (
                    f" ({s['exception']}: {esc((g['exception'] or {}).get('reason', ''))})"
                    if g.get("exception")
                    else ""
                )
                places = g["places"]
                first = places[0]
                count = f" ({s['places_n'].format(n=len(places))})" if len(places) > 1 else ""
                out.append(
                    f"- **{severity_label(g['severity'], lang)}** `{g['rule']}`{count}: «{esc(first['excerpt'])}» ({esc(first['page'])}){sugg}{exc}"
                )
                for p in places[1:MD_PLACES]:
                    out.append(f"  - «{esc(p['excerpt'])}» ({esc(p['page'])})")
                if len(places) > MD_PLACES:
                    out.append(f"  - {s['places_short'].format(n=len(places) - MD_PLACES)}")
    ch = model["changes"]
    out.append("")
    out.append(f"## {s['changes']}")
    out.append("")
    if ch["previous_run_id"] is None:
        out.append(s["changes_none"])
    else:
        for key, heading in (
            ("new", s["new"]),
            ("fixed", s["fixed_list"]),
            ("changed", s["changed"]),
            ("still_open", s["still_open"]),
        ):
            out.append(f"### {heading} ({ch['counts'][key]})")
            out.append("")
            for c in ch[key][:50]:
                was = f"«{esc(c['previous_excerpt'])}» → " if "previous_excerpt" in c else ""
                out.append(f"- {esc(c['form'])}: `{c['rule']}` {was}«{esc(c['excerpt'])}»")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


class MarkdownReporter(Reporter):
    """``--format md``: the KPI, status counts, work list, cards and changes in Markdown."""

    name = "md"

    def write_progress(self, model: dict[str, Any], out_dir: Path, stem: str) -> list[Path]:
        path = out_dir / f"{stem}.md"
        write_text(path, render_markdown(model, mode=self.ctx.mode))
        return [path]
