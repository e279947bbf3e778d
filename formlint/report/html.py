"""Self-contained, accessible HTML revision report and progress dashboard.

One file, no external assets (inline CSS and SVG), Bokmål by default. Jinja2 autoescaping is on
for every template: labels, excerpts and titles are scraped from the web and untrusted.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from formlint import __version__
from formlint.report.base import Reporter
from formlint.report.cards import finding_groups
from formlint.report.i18n import html_lang, note_text, percent, severity_label, strings
from formlint.util.atomic import write_text
from formlint.util.xmlchars import strip_illegal

if TYPE_CHECKING:
    from formlint.results import RunResult

WORKLIST_LIMIT = 500  # rows of the work list in HTML; the long tail is in CSV/XLSX/JSON
CHANGES_LIMIT = 100
FINDINGS_PER_CARD = 25  # entries (one per rule) on a card
PLACES_PER_ENTRY = 50

_env: jinja2.Environment | None = None


def environment() -> jinja2.Environment:
    """The template environment, autoescape on for everything (not only *.html)."""
    global _env
    if _env is None:
        _env = jinja2.Environment(
            loader=jinja2.PackageLoader("formlint.report", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=_printable,
        )
    return _env


def _printable(value: Any) -> Any:
    """Every value printed by a template, without control characters (scraped labels carry
    them; HTML has no way to show them)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return strip_illegal(value)
    return value


def render_html(model: dict[str, Any], *, mode: str = "report", cards_limit: int = 200) -> str:
    """Render the report model; ``mode`` is ``report`` (with cards) or ``progress`` (dashboard)."""
    lang = model.get("lang", "nb")
    s = strings(lang)
    worklist = model["worklist"]
    actionable = [w for w in worklist if w["listed"]]
    shown = actionable[:WORKLIST_LIMIT]
    cards = (
        [w for w in actionable if w["findings"] or w["exempted"]][:cards_limit]
        if mode == "report"
        else []
    )
    template = environment().get_template("report.html.j2")
    return template.render(
        m=model,
        s=s,
        mode=mode,
        lang=html_lang(lang),
        version=__version__,
        worklist=shown,
        worklist_more=len(actionable) - len(shown),
        cards=cards,
        card_ids={w["id"] for w in cards},
        cards_more=max(
            0, len([w for w in actionable if w["findings"] or w["exempted"]]) - len(cards)
        ),
        findings_per_card=FINDINGS_PER_CARD,
        places_per_entry=PLACES_PER_ENTRY,
        groups=lambda w: finding_groups([*w["findings"], *w["exempted"]]),
        note_text=lambda n: note_text(n, lang),
        changes_limit=CHANGES_LIMIT,
        trend_svg=trend_chart(model, s),
        status_svg=status_chart(model, s),
        pct=lambda v: percent(float(v), lang),
        sev=lambda v: severity_label(str(v), lang),
        reach_text=lambda r: _reach_text(r, s),
    )


def _reach_text(r: dict[str, Any], s: dict[str, str]) -> str:
    if r["mode"] == "analytics":
        return s["reach_analytics"].format(views=f"{r['views']:,}".replace(",", " "))
    return s["reach_links"].format(
        inbound=r["inbound"], depth=r["depth"] if r["depth"] is not None else "–"
    )


STATUS_COLOURS = {"red": "#b3261e", "orange": "#a34e00", "green": "#1d6b30", "exempt": "#3f4aa0"}


def status_chart(model: dict[str, Any], s: dict[str, str]) -> dict[str, Any]:
    """Horizontal bars per status with their counts as text (never colour alone)."""
    counts = model["counts"]
    top = max([1, *counts.values()])
    rows = []
    for n, st in enumerate(("red", "orange", "green", "exempt")):
        width = round(300 * counts[st] / top)
        rows.append(
            {
                "y": 10 + n * 34,
                "width": max(width, 2),
                "colour": STATUS_COLOURS[st],
                "label": s[f"{st}_short"],
                "count": counts[st],
            }
        )
    return {"rows": rows, "height": 10 + 4 * 34}


def trend_chart(model: dict[str, Any], s: dict[str, str]) -> dict[str, Any]:
    """Coordinates of the KPI line per scan, the deadline and the projection (inline SVG)."""
    trend = model["trend"]
    deadline = date.fromisoformat(model["deadline"])
    width, height, left, right, top, bottom = 640, 260, 56, 24, 16, 40
    days = [date.fromisoformat(p["date"]).toordinal() for p in trend]
    x0 = min([*days, deadline.toordinal()]) if days else deadline.toordinal() - 30
    x1 = max([*days, deadline.toordinal()])
    if x1 <= x0:
        x1 = x0 + 1

    def x(d: int) -> float:
        return round(left + (width - left - right) * (d - x0) / (x1 - x0), 1)

    def y(v: float) -> float:
        return round(top + (height - top - bottom) * (1 - v), 1)

    points = [
        {
            "x": x(d),
            "y": y(float(p["share"])),
            "label": f"{p['date']}: {percent(float(p['share']), model.get('lang', 'nb'))}",
        }
        for d, p in zip(days, trend, strict=True)
    ]
    proj = model["projection"]
    projection = None
    if points and proj.get("method") == "linear":
        projection = {
            "x1": points[-1]["x"],
            "y1": points[-1]["y"],
            "x2": x(deadline.toordinal()),
            "y2": y(float(proj["at_deadline"])),
        }
    grid = [{"y": y(v / 4), "label": f"{v * 25} %"} for v in range(5)]
    return {
        "width": width,
        "height": height,
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "deadline_x": x(deadline.toordinal()),
        "deadline_label": f"{s['deadline']} {model['deadline']}",
        "projection": projection,
        "grid": grid,
        "left": left,
        "right": width - right,
        "bottom": height - bottom,
        "first_label": trend[0]["date"] if trend else "",
    }


class HtmlReporter(Reporter):
    """``--format html``: the revision report or dashboard of a progress model, or of a lint run
    (through the caller's ``ReportContext.run_model``)."""

    name = "html"

    def write_run(self, run: RunResult, out: IO[Any]) -> None:
        if self.ctx.run_model is None:
            raise ValueError("the html format needs ReportContext.run_model to render a lint run")
        out.write(render_html(self.ctx.run_model(run, self.ctx.language)))

    def write_progress(self, model: dict[str, Any], out_dir: Path, stem: str) -> list[Path]:
        path = out_dir / f"{stem}.html"
        html = render_html(model, mode=self.ctx.mode, cards_limit=self.ctx.cards_limit)
        write_text(path, html)
        return [path]
