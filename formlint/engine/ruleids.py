"""Rule ids as people write them (``rules:`` keys, exceptions, ``--select``/``--ignore``,
``formlint-disable`` comments), checked against the loaded rules: a typo must be an error with a
did-you-mean, never a suppression that silently applies to nothing."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

# "all" switches every rule off in an inline suppression
ALL = "all"
# axe-core's findings on rendered pages (``axe/<axe rule id>``): axe's rules come with the
# axe-core version installed, so any well-formed id is taken; one that matches nothing is still
# reported as an unused suppression.
_AXE_ID = re.compile(r"axe/[a-z0-9]+(?:-[a-z0-9]+)*")


class RuleIds:
    """The ids of the loaded rules and their old names (aliases)."""

    def __init__(self, ids: Iterable[str], aliases: dict[str, str]) -> None:
        self.ids = frozenset(ids)
        self.aliases = dict(aliases)

    def resolve(self, rule_id: str) -> str | None:
        """The rule an id or alias names, or None."""
        if rule_id in self.ids or _AXE_ID.fullmatch(rule_id):
            return rule_id
        return self.aliases.get(rule_id)

    def problem(self, rule_id: str) -> str | None:
        """``unknown rule id 'x' (did you mean 'y'?)`` for an id no rule has, else None."""
        if self.resolve(rule_id) is not None:
            return None
        hint = difflib.get_close_matches(rule_id, sorted(self.ids | set(self.aliases)), n=1)
        return f"unknown rule id {rule_id!r}" + (f" (did you mean {hint[0]!r}?)" if hint else "")
