"""Find the shared development corpus (real third-party forms) and read its manifest.

Tests that need it skip with a clear reason when it is not there (a checkout without
``/work/shared/corpus``). Import from a test module with::

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from corpus_path import corpus_dir
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path
from typing import Any

import yaml

from formlint.model import Location, ParsedDocument

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SKIP_REASON = f"development corpus not found at {CORPUS}"


def corpus_dir() -> Path | None:
    """The corpus folder, or None when this checkout has none."""
    return CORPUS if (CORPUS / "MANIFEST.yaml").is_file() else None


@functools.cache
def manifest() -> dict[str, Any]:
    root = corpus_dir()
    if root is None:
        return {"cases": []}
    data = yaml.safe_load((root / "MANIFEST.yaml").read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {"cases": []}


def cases(fmt: str) -> list[dict[str, Any]]:
    return [c for c in manifest().get("cases", []) if c.get("format") == fmt]


_WS = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?)\]])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[])\s+")


def norm(text: str) -> str:
    """Compare form: entities decoded, case folded, whitespace collapsed, no space before
    punctuation (the manifest removed tags by leaving a space; formlint joins inline tags)."""
    t = html.unescape(text).replace("\u00a0", " ").casefold()
    t = _WS.sub(" ", t).strip()
    t = _SPACE_BEFORE_PUNCT.sub(r"\1", t)
    return _SPACE_AFTER_OPEN.sub(r"\1", t)


def entries(parsed: ParsedDocument) -> list[tuple[str, Location, bool, str | None]]:
    """Every text of a parsed document, hidden ones included: (text, location, hidden, language)."""
    out: list[tuple[str, Location, bool, str | None]] = []
    for b in parsed.text_blocks:
        out.append((b.text, b.location, b.hidden, b.language or parsed.language))
    for form in parsed.forms:
        if form.title:
            out.append((form.title, form.location, False, form.language))
        for f in form.fields:
            lang = f.language or form.language
            if f.label:
                out.append((f.label, f.location, f.hidden or f.label_hidden, lang))
            if f.legend:
                out.append((f.legend, f.location, f.hidden, lang))
            for h in f.help:
                out.append((h, f.location, f.hidden, lang))
            if f.placeholder:
                out.append((f.placeholder, f.location, f.hidden, lang))
            for o in f.options:
                out.append((o.label, o.location or f.location, f.hidden or o.hidden, lang))
                if o.description:
                    out.append(
                        (o.description, o.location or f.location, f.hidden or o.hidden, lang)
                    )
        for b in form.text_blocks:
            out.append((b.text, b.location, b.hidden, b.language or form.language))
    return out


def where_keys(where: str) -> list[str]:
    """Component keys named in a manifest ``where`` (``"html4 (htmlelement) content; html6 ..."``)."""
    keys: list[str] = []
    for part in re.split(r";|,| / | and ", where):
        tokens = part.strip().split(" (")[0].split(" ")
        for i, tok in enumerate(tokens):
            key = tok.rstrip(".…")
            if len(key) >= 2 and (i == 0 or "[" in key):
                keys.append(key)
    return keys


def resembles(location: Location, where: str) -> bool:
    """True when the location's component names one of the keys of a manifest ``where``."""
    comp = location.component or ""
    return any(comp.startswith(k) or k in comp for k in where_keys(where))


def count_phrases(texts: list[str], phrases: list[str]) -> int:
    total = 0
    for phrase in phrases:
        rx = re.compile(r"(?<!\w)" + re.escape(norm(phrase)) + r"(?!\w)")
        total += sum(len(rx.findall(norm(t))) for t in texts)
    return total
