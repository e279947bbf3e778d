"""Compare findings on the bundled demo site with formlint/demo/EXPECTED.yaml.

Used by the static lint test (every page linted from disk) and by the crawl test (the same site
served on loopback and scanned). A finding is keyed to its page by the path of its source.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from formlint.findings import Finding

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "formlint" / "demo"
_WS = re.compile(r"\s+")


_GLYPHS = re.compile(r"[☐☑☒□■○●◯❏❑/]")


def norm(text: str | None) -> str:
    """Compare texts as a reader would: case, whitespace, checkbox glyphs, separators and a final
    colon do not matter ("Kjønn: ☐ Gutt ☐ Jente" is "Kjønn: Gutt / Jente")."""
    t = unicodedata.normalize("NFKC", text or "").replace("\u00a0", " ").replace("…", " ")
    t = _GLYPHS.sub(" ", t)
    return _WS.sub(" ", t).strip().rstrip(":").strip().casefold()


@functools.cache
def expected() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DEMO / "EXPECTED.yaml").read_text(encoding="utf-8"))
    return data


def page_key(source: str) -> str:
    """'http://127.0.0.1:8123/barnehage/soknad/index.html' or '.../site/barnehage/soknad/' -> 'barnehage/soknad/index.html'."""
    s = source.replace("\\", "/")
    s = s.split("/site/", 1)[1] if "/site/" in s else re.sub(r"^[a-z]+://[^/]+/", "", s)
    s = s.split("?", 1)[0].split("#", 1)[0]
    if s == "" or s.endswith("/"):
        s += "index.html"
    return s


def _about(f: Finding, text: str) -> bool:
    t = norm(text)
    x = norm(f.excerpt)
    m = norm(f.matched)
    return bool(t) and (t in x or (len(x) > 3 and x in t) or (m and (m in t or t in m)))


def compare(findings: Iterable[Finding], *, rendered: bool, entries: str = "pages") -> list[str]:
    """Problems as one line each: missing expected findings, must_not hits, noise on clean pages."""
    by_page: dict[str, list[Finding]] = {}
    for f in findings:
        by_page.setdefault(page_key(f.source), []).append(f)
    problems: list[str] = []
    for entry in expected()[entries]:
        path = entry["path"]
        got = by_page.get(path, [])
        wanted = list(entry.get("expect") or [])
        if rendered:
            wanted += entry.get("expect_rendered") or []
        for exp in wanted:
            if not any(f.rule == exp["rule"] and _about(f, exp["text"]) for f in got):
                problems.append(f"{path}: missing {exp['rule']} about {exp['text']!r}")
        for nm in entry.get("must_not") or []:
            for f in got:
                t, m = norm(nm["text"]), norm(f.matched)
                # broken when the finding is about that text: it is in the excerpt and the matched
                # words lie inside it
                if (
                    nm["rule"] in ("any", f.rule)
                    and t in norm(f.excerpt)
                    and (not m or m in t or t in m)
                ):
                    problems.append(
                        f"{path}: must not report {f.rule} about {nm['text']!r} (got {f.matched!r} in {f.excerpt[:80]!r})"
                    )
        if entry.get("clean"):  # nothing but what it expects
            for f in got:
                if not any(f.rule == exp["rule"] and _about(f, exp["text"]) for exp in wanted):
                    problems.append(f"{path}: clean page, but {f.rule}: {f.matched or f.excerpt!r}")
    return problems


def skipped_paths() -> list[str]:
    return [s["path"] for s in expected().get("skipped", [])]
