"""axe-core in the browser that renders a page: the script, how it is run, and its results as
plain data (:class:`~formlint.model.Audit`).

axe-core comes with ``axe-playwright-python`` (the file it ships, read once); the crawler runs
it through scrapy-playwright's page methods (:mod:`formlint.sources.crawl.axe`) and ``formlint
lint --render`` through Playwright (:mod:`formlint.sources.rendered`), both with the same two
steps: inject the script, then run it with :data:`RUN_AXE` on the page as rendered. Only the
WCAG 2.1 A and AA rules run (what Norway's regulation requires; axe's best practices are left
out), and only violations are returned.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from formlint.model import Audit, AuditNode, anchor_of

AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

# An element's CSS path as ``parse.html_elements.css_path`` writes it, step for step (a test
# holds the two to each other): how the HTML parser names where a field is.
CSS_PATH = r"""(el) => {
  const cssStep = (el) => {
    const tag = el.localName;
    const ident = (el.getAttribute("id") || "").trim();
    if (ident && /^[A-Za-z_][\p{L}\p{N}_-]*$/u.test(ident)) return tag + "#" + ident;
    const name = el.getAttribute("name");
    if (name && ["input", "select", "textarea", "button", "form"].includes(tag)) {
      return tag + '[name="' + name + '"]';
    }
    const parent = el.parentElement;
    if (!parent || ["html", "body", "main"].includes(tag)) return tag;
    const same = Array.from(parent.children).filter((c) => c.localName === tag);
    return same.length > 1 ? tag + ":nth-of-type(" + (same.indexOf(el) + 1) + ")" : tag;
  };
  const steps = [];
  for (let cur = el; cur; cur = cur.parentElement) {
    if (steps.length && ["body", "html"].includes(cur.localName)) break;
    const step = cssStep(cur);
    steps.push(step);
    if (step.includes("#") || ["form", "body", "html"].includes(cur.localName)) break;
    if (steps.length >= 6) break;
  }
  return steps.reverse().join(" > ");
}"""

# Run axe on the document and return what formlint keeps: each violation with its elements,
# every element also named as the HTML parser names where a field is (its tag, name and id for
# ``Location.anchor``; its CSS path), so the engine can join axe's finding with a static one at
# the same element.
RUN_AXE = (
    """async (options) => {
  const results = await axe.run(document, options);
  const cssPath = """
    + CSS_PATH
    + """;
  const describe = (target) => {
    const parts = target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : String(t)));
    let el = null;
    if (target.length === 1 && typeof target[0] === "string") {
      try { el = document.querySelector(target[0]); } catch (e) { el = null; }
    }
    return {
      target: parts.join(" >>> "),
      tag: el ? el.localName : null,
      name: el ? el.getAttribute("name") : null,
      id: el ? el.getAttribute("id") : null,
      path: el ? cssPath(el) : null,
    };
  };
  return {
    violations: results.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, description: v.description,
      helpUrl: v.helpUrl, tags: v.tags,
      nodes: v.nodes.map((n) => Object.assign(describe(n.target),
        {html: n.html, summary: n.failureSummary || ""})),
    })),
  };
}"""
)


@functools.cache
def axe_script() -> str:
    """axe-core's source (``axe.min.js`` as ``axe-playwright-python`` ships it)."""
    return (
        resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
    )


def audits_from(result: Any) -> tuple[Audit, ...]:
    """:data:`RUN_AXE`'s result as audits; anything malformed in it is left out."""
    violations = result.get("violations") if isinstance(result, dict) else None
    out: list[Audit] = []
    for v in violations if isinstance(violations, list) else []:
        if not isinstance(v, dict) or not isinstance(v.get("id"), str):
            continue
        nodes = tuple(
            AuditNode(
                target=str(n.get("target") or ""),
                html=" ".join(str(n.get("html") or "").split()),
                summary=str(n.get("summary") or ""),
                anchor=anchor_of(n.get("tag"), n.get("name"), n.get("id")),
                css_path=str(n["path"]) if n.get("path") else None,
            )
            for n in v.get("nodes") or []
            if isinstance(n, dict)
        )
        if not nodes:
            continue
        out.append(
            Audit(
                tool="axe",
                rule=v["id"],
                impact=v.get("impact") if isinstance(v.get("impact"), str) else None,
                help=str(v.get("help") or v["id"]),
                description=str(v.get("description") or ""),
                help_url=str(v.get("helpUrl") or ""),
                tags=tuple(str(t) for t in v.get("tags") or []),
                nodes=nodes,
            )
        )
    return tuple(out)
