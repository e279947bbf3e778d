"""SARIF 2.1.0: for GitHub code scanning, Azure DevOps, GitLab and any SARIF viewer.

One run with the whole rule catalogue in ``tool.driver.rules``. Each finding becomes a result with
its rule index, level, a physical location (repository-relative URI, line and snippet where the
format has lines), logical locations for JSON formats (the JSON pointer of the component) and
``partialFingerprints["formlint/v1"]``, the portable fingerprint baselines use, so code scanning
tracks a finding across commits even when lines move. Suppressed findings stay in the log with a
``suppressions`` entry (SARIF viewers show them as suppressed, not as failures). A document that
could not be read (or a part of it) is a ``formlint.parse-error`` result at level error, so code
scanning shows it like any failure, and a ``toolExecutionNotifications`` entry.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import quote

from formlint import __version__
from formlint.findings import Finding, Severity, portable_fingerprint
from formlint.model import Location
from formlint.report.base import ReportContext, Reporter
from formlint.results import TOOL_RULES
from formlint.util.paths import is_url, repo_relative

if TYPE_CHECKING:
    from formlint.results import RunResult

SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://github.com/formlint/formlint"
FINGERPRINT_KEY = "formlint/v1"

LEVELS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.SUGGESTION: "note",
    Severity.INFO: "note",
}
# GitHub code scanning reads this property to rank non-security alerts.
PROBLEM_SEVERITY = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.SUGGESTION: "recommendation",
    Severity.INFO: "recommendation",
}
SUPPRESSION_KINDS = {"inline": "inSource", "exception": "external", "baseline": "external"}


def text_in(value: Any, language: str = "nb") -> str:
    """A catalogue text that may be a plain string or a ``{language: text}`` mapping."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for lang in (language, "nb", "en", "nn"):
            v = value.get(lang)
            if isinstance(v, str) and v:
                return v
        for v in value.values():
            if isinstance(v, str) and v:
                return v
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(text_in(v, language) for v in value if v)
    return str(value)


def artifact_uri(source: str, root: str | None) -> str:
    """A URI reference for a source: URLs as they are, paths relative to ``root`` and percent-encoded."""
    if is_url(source):
        return source
    rel = repo_relative(source, root)
    if rel.startswith("/"):
        return "file://" + quote(rel, safe="/")
    return quote(rel, safe="/")


def _references(value: Any, language: str) -> list[tuple[str, str]]:
    """(title, url) pairs from a catalogue ``references`` entry (strings or dicts)."""
    out: list[tuple[str, str]] = []
    for ref in value or []:
        if isinstance(ref, str):
            out.append((ref, ref if is_url(ref) else ""))
        elif isinstance(ref, dict):
            title = text_in(ref.get("title") or ref.get("name") or ref.get("text"), language)
            url = str(ref.get("url") or ref.get("href") or "")
            out.append((title or url, url))
    return out


def rule_descriptor(rule: dict[str, Any], language: str = "nb") -> dict[str, Any]:
    """One ``reportingDescriptor`` from a catalogue entry."""
    rid = str(rule["id"])
    severity = Severity.parse(str(rule.get("severity", "warning")))
    short = text_in(rule.get("short"), language) or rid
    full = text_in(rule.get("full"), language) or short
    why = text_in(rule.get("why"), language)
    suggested = rule.get("suggestions") or []
    if isinstance(suggested, dict):  # the catalogue's: a list per language
        suggested = next((suggested[k] for k in (language, "nb", "en") if suggested.get(k)), [])
    suggestions = [text_in(s, language) for s in suggested]
    suggestions = [s for s in suggestions if s]
    refs = _references(rule.get("references"), language)
    help_uri = str(rule.get("help_uri") or "")

    text_parts = [full]
    if why:
        text_parts.append(why)
    if suggestions:
        text_parts.append("Forslag: " + "; ".join(suggestions))
    md = [f"**{short}**", "", full]
    if why:
        md += ["", why]
    if suggestions:
        md += ["", "Forslag:", *[f"- {s}" for s in suggestions]]
    standards = rule.get("standards") or {}
    cited = _standard_links(standards)
    if cited:
        text_parts.append("; ".join(t for t, _ in cited))
        md += [
            "",
            "WCAG / EN 301 549 / ACT:",
            *[f"- [{t}]({u})" if u else f"- {t}" for t, u in cited],
        ]
    if refs:
        md += ["", "Kilder:", *[f"- [{t}]({u})" if u else f"- {t}" for t, u in refs]]

    accessibility = rule.get("category") == "accessibility" or bool(standards)
    tags = ["accessibility" if accessibility else "inclusive-language", "forms"]
    for t in [*(rule.get("tags") or []), *map(standard_tag, standards.get("labels") or [])]:
        if isinstance(t, str) and t not in tags:
            tags.append(t)
    props: dict[str, Any] = {"tags": tags, "problem.severity": PROBLEM_SEVERITY[severity]}
    if rule.get("confidence"):
        props["confidence"] = str(rule["confidence"])
    props["formlintSeverity"] = severity.value

    desc: dict[str, Any] = {
        "id": rid,
        "name": _pascal(str(rule.get("name") or rid)),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": "\n\n".join(text_parts), "markdown": "\n".join(md)},
        "defaultConfiguration": {"level": LEVELS[severity]},
        "properties": props,
    }
    if help_uri and is_url(help_uri):
        desc["helpUri"] = help_uri
    return desc


def standard_tag(label: str) -> str:
    """A standard as a SARIF tag: ``WCAG 4.1.2`` -> ``WCAG-4.1.2`` (code-scanning filters split
    tags at spaces)."""
    return label.replace(" ", "-")


def _standard_links(standards: dict[str, Any]) -> list[tuple[str, str]]:
    """(title, url) of each success criterion, EN 301 549 clause and ACT rule of a rule."""
    out: list[tuple[str, str]] = []
    for c in standards.get("wcag") or []:
        out.append((f"WCAG 2.1 {c['sc']} {c['name']} ({c['level']})", str(c.get("url") or "")))
    out += [(f"EN 301 549 {clause}", "") for clause in standards.get("en301549") or []]
    for a in standards.get("act") or []:
        out.append((f"ACT {a['id']} {a['name']}", str(a.get("url") or "")))
    return out


def _pascal(name: str) -> str:
    """SARIF recommends rule names like ``GenderBinaryOptions``; accept names already in that form."""
    if any(c in name for c in "-_ ."):
        return "".join(
            part[:1].upper() + part[1:]
            for part in name.replace(".", "-").replace("_", "-").replace(" ", "-").split("-")
            if part
        )
    return name[:1].upper() + name[1:]


class SarifReporter(Reporter):
    name = "sarif"

    def write_run(self, run: RunResult, out: IO[Any]) -> None:
        log = build_sarif(run, self.ctx)
        # Compact: SARIF is read by tools, and json's C encoder only runs without indent (4x faster
        # on a 500-form run).
        out.write(json.dumps(log, ensure_ascii=False, separators=(",", ":")) + "\n")


def build_sarif(run: RunResult, ctx: ReportContext) -> dict[str, Any]:
    """The SARIF log as a dict (exposed for tests and for callers that post it somewhere)."""
    docs = run.documents
    lang = ctx.language
    rules = [rule_descriptor(r, lang) for r in sorted(ctx.rules, key=lambda r: str(r["id"]))]
    index = {r["id"]: i for i, r in enumerate(rules)}

    results: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for doc in docs:
        for f in [*doc.findings, *doc.parse_errors()]:
            if f.rule not in index:
                # A rule outside the catalogue: formlint's own (a parse error), described from
                # TOOL_RULES, an axe-core rule (axe/<id>, whose help_uri is axe's page) or a
                # third-party one, described from the finding so ruleIndex stays valid.
                index[f.rule] = len(rules)
                rules.append(
                    rule_descriptor(
                        TOOL_RULES.get(f.rule)
                        or {
                            "id": f.rule,
                            "severity": f.severity.value,
                            "short": f.rule,
                            "why": f.why,
                            "help_uri": f.help_uri,
                            "standards": {"labels": list(f.standards)} if f.standards else {},
                        },
                        lang,
                    )
                )
            res = _result(f, index[f.rule], ctx)
            loc = f.location
            key = (
                artifact_uri(f.source, ctx.root),
                loc.line or 0,
                loc.column or 0,
                loc.json_pointer or "",
                f.rule,
                res["partialFingerprints"][FINGERPRINT_KEY],
            )
            results.append((key, res))
    results.sort(key=lambda kr: kr[0])

    notifications: list[dict[str, Any]] = []
    for doc in docs:
        uri = artifact_uri(doc.source, ctx.root)
        for err in doc.errors:
            notifications.append(_notification("error", err, uri))
        for note in doc.notes:
            notifications.append(_notification("note", note, uri))

    invocation: dict[str, Any] = {
        "executionSuccessful": not run.all_failed,
        "startTimeUtc": _utc(run.started_at),
        "endTimeUtc": _utc(run.finished_at),
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    if ctx.options.get("command_line"):
        invocation["commandLine"] = str(ctx.options["command_line"])

    artifacts = []
    for doc in docs:
        art: dict[str, Any] = {"location": {"uri": artifact_uri(doc.source, ctx.root)}}
        if doc.sha256:
            art["hashes"] = {"sha-256": doc.sha256}
        if doc.format and doc.format != "unknown":
            art["properties"] = {"format": doc.format}
        artifacts.append(art)

    run_props: dict[str, Any] = {"profile": run.profile}
    baseline = ctx.options.get("baseline")
    if baseline is not None:
        run_props["baseline"] = baseline.to_dict() if hasattr(baseline, "to_dict") else baseline

    sarif_run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "formlint",
                "version": run.tool_version or __version__,
                "semanticVersion": run.tool_version or __version__,
                "informationUri": INFORMATION_URI,
                "language": lang,
                "rules": rules,
            }
        },
        "invocations": [invocation],
        "artifacts": artifacts,
        "results": [r for _, r in results],
        "columnKind": "unicodeCodePoints",
        "properties": run_props,
    }
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [sarif_run]}


def _utc(dt: Any) -> str:
    s: str = dt.isoformat()
    return s.replace("+00:00", "Z")


def _notification(level: str, text: str, uri: str) -> dict[str, Any]:
    return {
        "level": level,
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
    }


def _location(loc: Location, excerpt: str, ctx: ReportContext) -> dict[str, Any]:
    """A SARIF location: the file and line where known, the JSON pointer or CSS path."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(loc.source, ctx.root)}}
    if loc.line is not None and loc.line >= 1:
        region: dict[str, Any] = {"startLine": loc.line}
        if loc.column is not None:
            region["startColumn"] = max(1, loc.column)
        if loc.end_line is not None and loc.end_line >= loc.line:
            region["endLine"] = loc.end_line
        if excerpt:
            region["snippet"] = {"text": excerpt}
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    logical = []
    if loc.json_pointer is not None:
        lg: dict[str, Any] = {"fullyQualifiedName": loc.json_pointer, "kind": "member"}
        if loc.component:
            lg["name"] = loc.component
        logical.append(lg)
    elif loc.css_path:
        logical.append({"fullyQualifiedName": loc.css_path, "kind": "element"})
    if logical:
        location["logicalLocations"] = logical
    return location


def _result(f: Finding, rule_index: int, ctx: ReportContext) -> dict[str, Any]:
    loc = f.location
    location = _location(replace(loc, source=f.source), f.excerpt, ctx)

    text = f.message
    if f.suggestions:
        text += " Forslag: " + "; ".join(f.suggestions)
    props: dict[str, Any] = {"severity": f.severity.value, "confidence": f.confidence.value}
    for key, value in (
        ("excerpt", f.excerpt),
        ("matched", f.matched),
        ("form", f.form_key),
        ("formTitle", f.form_title),
        ("language", f.language),
        ("scope", f.scope),
        ("jsonPointer", loc.json_pointer),
        ("component", loc.component),
        ("cssPath", loc.css_path),
        ("page", loc.page),
        ("part", loc.part),
    ):
        if value not in (None, ""):
            props[key] = value
    if f.suggestions:
        props["suggestions"] = list(f.suggestions)
    if f.standards:
        props["tags"] = [standard_tag(x) for x in f.standards]
    if f.also_found_by:
        props["alsoFoundBy"] = list(f.also_found_by)
    if f.expired_exception is not None:
        props["expiredException"] = f.expired_exception.to_dict()

    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: portable_fingerprint(f, ctx.root)},
        "properties": props,
    }
    if f.places:
        # the further places this one finding stands for (a statutory term's other uses, the
        # same string in a translation, the other fields of a parent field set)
        related = []
        for i, p in enumerate(f.places, start=1):
            rel = _location(p.location, p.excerpt, ctx)
            rel["id"] = i
            rel["message"] = {"text": p.excerpt or p.matched}
            related.append(rel)
        result["relatedLocations"] = related
        props["occurrences"] = f.occurrences
        props["languages"] = f.languages
    if f.suppression is not None:
        s = f.suppression
        sup: dict[str, Any] = {
            "kind": SUPPRESSION_KINDS.get(s.kind, "external"),
            "status": "accepted",
        }
        if s.reason:
            sup["justification"] = s.reason
        sprops = {
            k: v
            for k, v in (("formlintKind", s.kind), ("approver", s.approver), ("expires", s.expires))
            if v
        }
        sup["properties"] = sprops
        result["suppressions"] = [sup]
    return result
