"""Load and validate rule packs, profiles and context keywords from YAML.

Rule packs are directories of YAML files (one rule per file) under ``rules/`` plus any
``rule_paths`` from config or the ``formlint.rules`` entry-point group. Ids are unique across packs;
an alias resolves to its rule in suppressions and baselines.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from formlint.config.loader import load_yaml_file, validate
from formlint.engine.spec import RuleSpec
from formlint.engine.specbase import Lang
from formlint.errors import ConfigError, RuleError
from formlint.util.resources import rules_dir

RULE_PACK_DIRS = ("a2", "accessibility")


@dataclass(frozen=True, slots=True)
class LoadedRule:
    spec: RuleSpec
    path: Path


class ProfileSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: dict[Lang, str]
    severity: dict[str, str] = Field(
        default_factory=dict, description="severity overrides by rule id"
    )
    strict_terms: bool = False
    context_terms: bool = Field(
        default=True,
        description="rules' context_terms apply: wording bound by law in a statutory form is a "
        "legal-term, and choice rules with unless: statutory-context stay silent there",
    )


class ContextSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    keywords: dict[Lang, list[str]]


def rule_files(extra: list[str] | None = None) -> list[Path]:
    base = rules_dir()
    files: list[Path] = []
    for pack in RULE_PACK_DIRS:
        files.extend(sorted((base / pack).glob("*.yaml")))
    for ep in entry_points(group="formlint.rules"):
        files.extend(sorted(Path(str(ep.load())).glob("*.yaml")))
    for p in extra or []:
        path = Path(p)
        if path.is_dir():
            files.extend(sorted(path.glob("*.yaml")))
        elif path.is_file():
            files.append(path)
        else:
            raise RuleError("rule path does not exist", source=str(path))
    return files


def load_rule_file(path: Path) -> LoadedRule:
    try:
        data, lines = load_yaml_file(path)
        spec = validate(RuleSpec, data, lines, str(path))
    except RuleError:
        raise
    except ConfigError as exc:
        raise RuleError(exc.message, source=exc.source, line=exc.line) from None
    if path.stem != spec.id:
        raise RuleError(
            f"file name must be the rule id ({spec.id}.yaml)",
            source=str(path),
            line=lines.get(("id",)),
        )
    return LoadedRule(spec, path)


def load_rules(extra: list[str] | None = None) -> list[LoadedRule]:
    rules = _load_builtin() if not extra else [load_rule_file(p) for p in rule_files(extra)]
    seen: dict[str, Path] = {}
    for r in rules:
        for rid in (r.spec.id, *r.spec.aliases):
            if rid in seen:
                raise RuleError(
                    f"rule id {rid!r} is already defined in {seen[rid]}", source=str(r.path)
                )
            seen[rid] = r.path
    return rules


@functools.cache
def _load_builtin() -> list[LoadedRule]:
    return [load_rule_file(p) for p in rule_files()]


@functools.cache
def load_profiles() -> dict[str, ProfileSpec]:
    path = rules_dir() / "profiles.yaml"
    data, lines = load_yaml_file(path)
    out: dict[str, ProfileSpec] = {}
    for name, raw in (data or {}).items():
        out[name] = validate(ProfileSpec, raw, _sub(lines, name), str(path))
    for required in ("standard", "strict", "minimal"):
        if required not in out:
            raise RuleError(f"profile {required!r} is missing", source=str(path))
    return out


@functools.cache
def load_contexts() -> dict[str, ContextSpec]:
    path = rules_dir() / "contexts.yaml"
    data, lines = load_yaml_file(path)
    return {
        name: validate(ContextSpec, raw, _sub(lines, name), str(path))
        for name, raw in (data or {}).items()
    }


def _sub(lines: Any, key: str) -> Any:
    from formlint.config.loader import LineMap

    sub = LineMap()
    for loc, line in lines.items():
        if loc[:1] == (key,):
            sub[loc[1:]] = line
    return sub
