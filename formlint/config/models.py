"""The ``formlint.yml`` model. Unknown keys are errors (extra="forbid") with file:line."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, PrivateAttr

from formlint.config.progress import ProgressConfig, StoreConfig
from formlint.config.strict import Strict
from formlint.util.secrets import SECRET_PARAMS

SeverityName = Literal["error", "warning", "suggestion", "info"]
ProfileName = Literal["standard", "strict", "minimal"]
FailOn = Literal["error", "warning", "suggestion", "info", "never"]


class RuleSetting(Strict):
    """Per-rule override: change the severity or switch the rule off."""

    severity: SeverityName | None = None
    enabled: bool = True


class ExceptionEntry(Strict):
    """A justified, expiring exception (DOMAIN.md §5): a rule that may not fire on a document/form.

    ``document`` is a glob over the source path or URL (``*/barnehage/*``), ``form`` an optional
    form key or title glob. Expired exceptions stop suppressing and are reported as expired.
    """

    document: str
    rule: str
    reason: str = Field(min_length=3)
    approved_by: str = Field(min_length=2)
    expires: date
    form: str | None = None


class Config(Strict):
    """Effective configuration of one run."""

    profile: ProfileName = "standard"
    language: str | None = Field(
        default=None,
        description="default language where markup and detection say nothing (nb, nn, en)",
    )
    fail_on: FailOn = "error"
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    rule_paths: list[str] = Field(
        default_factory=list, description="extra rule pack directories or files"
    )
    exceptions: list[ExceptionEntry] = Field(default_factory=list)
    report_language: Literal["nb", "nn", "en"] = "nb"
    secret_params: list[str] = Field(
        default_factory=lambda: list(SECRET_PARAMS),
        description="query parameter names (parts of them, any case) whose values are masked "
        "wherever a URL is written out",
    )
    store: StoreConfig = Field(default_factory=StoreConfig)
    progress: ProgressConfig = Field(default_factory=ProgressConfig)
    # where the values were read (set by config.load): the file and the line of each key path,
    # so a check made after validation (a rule id no rule has) can still name file:line
    _source: str | None = PrivateAttr(default=None)
    _lines: dict[tuple[str | int, ...], int] = PrivateAttr(default_factory=dict)

    def where(self, *loc: str | int) -> tuple[str | None, int | None]:
        """The file and line of the value at ``loc`` (its nearest known ancestor's line)."""
        for n in range(len(loc), -1, -1):
            if loc[:n] in self._lines:
                return self._source, self._lines[loc[:n]]
        return self._source, None
