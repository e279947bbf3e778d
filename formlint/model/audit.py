"""What a checker run in the browser found on a rendered page (axe-core), as plain data.

The page is rendered and checked where the browser runs (the crawler, ``formlint lint
--render``); the results travel with the fetched document to the engine, which reports them
beside the static checks and joins the two where they found the same thing at one element.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class AuditNode:
    """One element a browser check failed on: its CSS selector as the checker gives it, its
    HTML, why it failed, and the element named as the HTML parser names where a field is
    (``anchor``: ``input[name=x]``, ``input#x``, ``html``; ``css_path``: ``form > button``), so
    the engine can find the same element among the static findings."""

    target: str
    html: str
    summary: str = ""
    anchor: str | None = None
    css_path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"target": self.target, "html": self.html}
        if self.summary:
            d["summary"] = self.summary
        if self.anchor:
            d["anchor"] = self.anchor
        if self.css_path:
            d["css_path"] = self.css_path
        return d


@dataclass(frozen=True, slots=True)
class Audit:
    """One rule of a browser checker that failed on a page: ``tool`` (``axe``), its rule id,
    impact (minor, moderate, serious, critical), help text and page, its tags (axe-core's
    ``wcag412``, ``cat.forms`` …) and the elements it failed on."""

    tool: str
    rule: str
    impact: str | None
    help: str
    description: str
    help_url: str
    tags: tuple[str, ...]
    nodes: tuple[AuditNode, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "rule": self.rule,
            "impact": self.impact,
            "help": self.help,
            "description": self.description,
            "help_url": self.help_url,
            "tags": list(self.tags),
            "nodes": [n.to_dict() for n in self.nodes],
        }


def anchor_of(tag: str | None, name: str | None, ident: str | None) -> str | None:
    """An element named as the HTML parser names a field's location (``Location.anchor``):
    ``tag[name=…]`` when it has a name, else ``tag#id``; the root element is ``html``."""
    if not tag:
        return None
    tag = tag.lower()
    if tag == "html":
        return "html"
    name = (name or "").strip()
    ident = (ident or "").strip()
    if name:
        return f"{tag}[name={name}]"
    return f"{tag}#{ident}" if ident else None
