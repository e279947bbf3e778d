"""Known code lists (``rules/codelists.yaml``) that forms reference instead of listing options.

An Altinn ``optionsId: "kjønn"`` or a FHIR ``answerValueSet`` pointing at Volven 8459 hides the
options from the form file; resolving them here lets the choice rules see "Mann, Kvinne" as if the
form had listed them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from formlint.config.loader import load_yaml_file
from formlint.errors import ConfigError
from formlint.model.language import normalise_language
from formlint.util.resources import rules_dir

CODELISTS_NAME = "codelists.yaml"  # in the shipped rules directory (formlint.util.resources)


@dataclass(frozen=True, slots=True)
class Code:
    value: str
    display: dict[str, str]  # language -> label

    def label(self, language: str | None) -> str:
        """The display in ``language`` (nb for Norwegian variants), else the first one given."""
        lang = normalise_language(language)
        if lang in self.display:
            return self.display[lang]
        return next(iter(self.display.values()), self.value)


@dataclass(frozen=True, slots=True)
class CodeList:
    id: str
    name: str
    provenance: str
    binary: bool
    refs: tuple[str, ...]
    codes: tuple[Code, ...]


def normalize_ref(ref: str) -> str:
    """Lookup key of a reference: trimmed, ``|version`` dropped, case-folded."""
    return ref.strip().split("|", 1)[0].rstrip("/").casefold()


@functools.cache
def load_codelists(path: Path | None = None) -> tuple[CodeList, ...]:
    """Every shipped code list (empty when the data file is missing or unreadable)."""
    p = path or rules_dir() / CODELISTS_NAME
    try:
        data, _lines = load_yaml_file(p)  # plain YAML only, as every file formlint reads
    except ConfigError:
        return ()
    out: list[CodeList] = []
    for raw in (data or {}).get("lists", []) or []:
        if not isinstance(raw, dict) or "id" not in raw:
            continue
        codes = tuple(
            Code(
                value=str(c.get("value", "")),
                display={str(k): str(v) for k, v in (c.get("display") or {}).items()},
            )
            for c in raw.get("codes", []) or []
            if isinstance(c, dict)
        )
        refs = tuple(str(r) for r in raw.get("refs", []) or [])
        out.append(
            CodeList(
                id=str(raw["id"]),
                name=str(raw.get("name", raw["id"])),
                provenance=str(raw.get("provenance", "")).strip(),
                binary=bool(raw.get("binary", False)),
                refs=(str(raw["id"]), *refs),
                codes=codes,
            )
        )
    return tuple(out)


@functools.cache
def _index() -> dict[str, CodeList]:
    idx: dict[str, CodeList] = {}
    for cl in load_codelists():
        for ref in cl.refs:
            idx.setdefault(normalize_ref(ref), cl)
    return idx


def find_codelist(ref: str, *, prefix: str | None = None) -> CodeList | None:
    """The code list a reference names (``prefix`` tries ``"<prefix>:<ref>"`` first, e.g. altinn)."""
    idx = _index()
    if prefix:
        hit = idx.get(normalize_ref(f"{prefix}:{ref}"))
        if hit is not None:
            return hit
    return idx.get(normalize_ref(ref))
