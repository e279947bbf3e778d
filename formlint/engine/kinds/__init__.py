"""Rule kinds by name: ours, and any a package registers in the ``formlint.rule_kinds``
entry-point group (``name = "package.module:KIND"``), the same way parsers, reporters and rule
packs register. The rule spec's ``match`` block is validated against the registered kinds.
"""

from __future__ import annotations

import functools
import importlib
from importlib.metadata import entry_points

from formlint.engine.kinds.base import FormKind, RuleKind, TextKind

_BUILTIN = {
    "term": "formlint.engine.kinds.term:KIND",
    "pair": "formlint.engine.kinds.pair:KIND",
    "pattern": "formlint.engine.kinds.pattern:KIND",
    "choices": "formlint.engine.kinds.choices:KIND",
    "field": "formlint.engine.kinds.field:KIND",
    "require": "formlint.engine.kinds.require:KIND",
    "check": "formlint.engine.kinds.check:KIND",
}


@functools.cache
def rule_kinds() -> dict[str, RuleKind]:
    """Every registered kind by name (ours win a name clash)."""
    targets = dict(_BUILTIN)
    for ep in entry_points(group="formlint.rule_kinds"):
        targets.setdefault(ep.name, ep.value)
    kinds: dict[str, RuleKind] = {}
    for name, target in targets.items():
        module, _, attr = target.partition(":")
        kind = getattr(importlib.import_module(module), attr)
        if not isinstance(kind, TextKind | FormKind) or kind.name != name:
            raise TypeError(f"{target} is not the rule kind {name!r}")
        kinds[name] = kind
    return kinds


__all__ = ["FormKind", "RuleKind", "TextKind", "rule_kinds"]
