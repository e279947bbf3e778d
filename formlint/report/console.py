"""Console reporter for people: grouped per document and form, with the exact text, why, and the
suggested wording. Colour only on a terminal; plain text in CI logs and pipes."""

from __future__ import annotations

import textwrap
from collections import defaultdict
from typing import IO, TYPE_CHECKING, Any

import click

from formlint.findings import Finding, Severity
from formlint.report.base import Reporter
from formlint.report.i18n import severity_count, severity_label, strings
from formlint.util.xmlchars import strip_illegal

if TYPE_CHECKING:
    from formlint.results import DocumentResult, RunResult

_COLOURS = {"error": "red", "warning": "yellow", "suggestion": "cyan", "info": "blue"}


class ConsoleReporter(Reporter):
    name = "console"

    def _s(self, text: str, **style: object) -> str:
        text = strip_illegal(text)  # scraped text may hold terminal escapes
        return click.style(text, **style) if self.ctx.options.get("color") else text  # type: ignore[arg-type]

    def write_run(self, run: RunResult, out: IO[Any]) -> None:
        L = strings(self.ctx.language)
        for d in run.documents:
            self._document(d, L, out)
        self._summary(run, L, out)

    def _document(self, result: DocumentResult, L: dict[str, str], out: IO[Any]) -> None:
        shown = [f for f in result.findings if self.ctx.include_suppressed or not f.suppressed]
        verbose = self.ctx.options.get("verbose", False)
        if not shown and not result.errors and not (verbose and result.notes):
            return
        out.write(self._s(result.source, bold=True) + "\n")
        for err in result.errors:
            out.write("  " + self._s(f"{L['con_error']}: ", fg="red", bold=True) + err + "\n")
        if verbose:
            for note in result.notes:
                out.write(f"  {L['con_note']}: {note}\n")
        groups: dict[str, list[Finding]] = defaultdict(list)
        for f in shown:
            groups[f.form_key].append(f)
        for key, items in groups.items():
            title = items[0].form_title or key
            head = f"{L['form']}: {title}" if key else L["con_page"]
            out.write("  " + self._s(head, underline=True) + "\n")
            for f in items:
                self._finding(f, L, out)
        out.write("\n")

    def _finding(self, f: Finding, L: dict[str, str], out: IO[Any]) -> None:
        label = severity_label(f.severity.value, self.ctx.language)
        sev = self._s(f"{label:<10}", fg=_COLOURS[f.severity.value], bold=True)
        where = f.location.describe().replace(f.source, "").lstrip(":") or "-"
        out.write(f"    {sev} {self._s(f.rule, bold=True)}  {where}\n")
        out.write(
            textwrap.fill(
                strip_illegal(f.message),
                width=100,
                initial_indent="      ",
                subsequent_indent="      ",
            )
            + "\n"
        )
        if f.excerpt and f.excerpt not in f.message:
            out.write(f"      » {strip_illegal(f.excerpt)}\n")
        if f.places:
            more = L["con_places"].format(n=len(f.places), langs=", ".join(f.languages))
            out.write(f"      + {more}\n")
            if self.ctx.options.get("verbose"):
                for p in f.places:
                    where = p.location.describe().replace(f.source, "").lstrip(":") or "-"
                    out.write(f"        · {where}: {strip_illegal(p.excerpt)}\n")
        if f.suggestions:
            out.write(f"      {L['con_try']}: {f.suggestions[0]}\n")
        if self.ctx.options.get("verbose") and f.why:
            out.write(
                textwrap.fill(
                    f"{L['why']}: {f.why}",
                    width=100,
                    initial_indent="      ",
                    subsequent_indent="      ",
                )
                + "\n"
            )
        if f.suppression:
            out.write(
                f"      ({L['con_suppressed']}: {f.suppression.kind} {f.suppression.reason})\n"
            )
        if f.expired_exception:
            out.write(
                f"      ({L['con_expired']} {f.expired_exception.expires}: {f.expired_exception.reason})\n"
            )

    def _summary(self, run: RunResult, L: dict[str, str], out: IO[Any]) -> None:
        findings = list(run.findings())
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        by = ", ".join(
            severity_count(n, s.value, self.ctx.language)
            for s, n in sorted(counts.items(), key=lambda kv: -kv[0].rank)
            if n
        )
        sup = sum(1 for f in run.findings(include_suppressed=True) if f.suppressed)
        forms = sum(len(d.forms) for d in run.documents)
        if not findings and not run.errors:
            out.write(L["con_none"] + " ")
        out.write(
            L["con_summary"].format(
                docs=len(run.documents),
                forms=forms,
                n=len(findings),
                by=f" ({by})" if by else "",  # no "0 funn (0)"
                sup=sup,
                err=len(run.errors),
            )
            + "\n"
        )


CHANGE_KINDS = (("new", "chg_new"), ("fixed", "chg_fixed"), ("changed", "chg_changed"),
                ("still_open", "chg_still"))  # fmt: skip
FORMS_SHOWN = 8  # forms named per line of the change summary


def change_summary(changes: dict[str, Any], lang: str) -> list[str]:
    """What a re-scan changed, for the console: new, fixed, changed and still-open findings per
    severity, each line naming the forms (most findings first)."""
    L = strings(lang)
    if changes.get("previous_run_id") is None:
        return [L["chg_first"]]
    counts = changes["counts"]
    lines = [
        L["chg_head"].format(
            prev=changes["previous_run_id"],
            new=counts["new"],
            fixed=counts["fixed"],
            changed=counts.get("changed", 0),
            still=counts["still_open"],
        )
    ]
    for key, label in CHANGE_KINDS:
        items = changes.get(key) or []
        if not items:
            continue
        by_sev: dict[str, int] = defaultdict(int)
        by_form: dict[str, int] = defaultdict(int)
        for c in items:
            by_sev[c["severity"]] += 1
            by_form[strip_illegal(str(c["form"] or c["page"]))] += 1
        sev = ", ".join(
            severity_count(by_sev[s.value], s.value, lang)
            for s in sorted(Severity, key=lambda s: -s.rank)
            if by_sev[s.value]
        )
        forms = sorted(by_form.items(), key=lambda kv: (-kv[1], kv[0]))
        named = ", ".join(f"{name} ({n})" for name, n in forms[:FORMS_SHOWN])
        if len(forms) > FORMS_SHOWN:
            named += " " + L["chg_more"].format(n=len(forms) - FORMS_SHOWN)
        lines.append(f"  {L[label]} ({sev}): {named}")
    return lines
