"""The rule catalogue: rule metadata as plain dicts for reporters (SARIF rules, HTML docs links)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from formlint.config.progress import RULE_DOCS_URL
from formlint.engine.loader import load_rules
from formlint.engine.standards import Standards, catalogue

if TYPE_CHECKING:
    from formlint.engine.runner import Engine


def rule_catalog(engine: Engine | None = None, language: str = "en") -> list[dict[str, Any]]:
    specs = engine.all_rules if engine is not None else [r.spec for r in load_rules()]
    out = []
    for s in sorted(specs, key=lambda s: s.id):
        lang = language if language in s.title else "en"
        out.append(
            {
                "id": s.id,
                "name": s.title.get(lang) or s.title["nb"],
                "titles": dict(s.title),
                "severity": engine.severity_of(s).value if engine is not None else s.severity,
                "default_severity": s.severity,
                "confidence": s.confidence,
                "category": s.category,
                "kind": s.kind,
                "short": s.title.get(lang) or s.title["nb"],
                "full": s.why.get(lang) or s.why["nb"],
                "why": dict(s.why),
                "messages": dict(s.message),
                "suggestions": {k: list(v) for k, v in s.suggestions.items()},
                "references": [r.model_dump(exclude_none=True) for r in s.references],
                "help_uri": RULE_DOCS_URL.format(rule=s.id),
                "tags": list(s.tags),
                "standards": standards_record(s.standards) if s.standards is not None else None,
                "aliases": list(s.aliases),
                "profiles": list(s.profiles),
                "enabled": engine is None or s.id in engine.rules,
            }
        )
    return out


def standards_record(st: Standards) -> dict[str, Any]:
    """A rule's standards with their names and links, for reporters (which cannot read
    ``rules/standards.yaml``: they see records only)."""
    known = catalogue()
    return {
        "labels": list(st.labels()),
        "wcag": [
            {
                "sc": sc,
                "level": known.wcag[sc].level,
                "name": known.wcag[sc].name,
                "url": known.wcag[sc].url,
            }
            for sc in st.wcag
        ],
        "en301549": list(st.en301549),
        "act": [{"id": a, "name": known.act[a].name, "url": known.act[a].url} for a in st.act],
    }
