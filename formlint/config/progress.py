"""Config sections for the store and A2 progress tracking (keys ``store`` and ``progress``).

They are validated with the same strict loader as the rest of ``formlint.yml``, so a typo in an
owner pattern or a category weight is a file:line error before any report is written.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, field_validator, model_validator

from formlint.config.strict import Strict

DEFAULT_DB_PATH = "reports/formlint.db"

DEFAULT_DEADLINE = date(2027, 6, 30)

# Where a rule's documentation is read, ``{rule}`` standing for its id: the project's published
# docs (the same pages as docs/rules/ in a checkout), so a link in a report, SARIF or an export
# works wherever the file is opened. ``progress.rule_docs_url`` points reports at a copy on an
# intranet instead.
RULE_DOCS_URL = "https://github.com/formlint/formlint/blob/main/docs/rules/{rule}.md"


class StoreConfig(Strict):
    """Where history lives: a SQLAlchemy URL (PostgreSQL) or a SQLite file path."""

    url: str | None = Field(
        default=None, description="SQLAlchemy URL, e.g. postgresql+psycopg://host/db"
    )
    path: str | None = Field(default=None, description=f"SQLite file (default {DEFAULT_DB_PATH})")

    @model_validator(mode="after")
    def _one_of(self) -> StoreConfig:
        if self.url and self.path:
            raise ValueError("give either url or path, not both")
        return self


ReachPreset = Literal["matomo", "siteimprove", "ga4", "ua", "generic"]

# Column names of the page reports each analytics tool exports (CSV).
REACH_PRESETS: dict[str, tuple[str, str]] = {
    "matomo": ("url", "nb_hits"),  # Actions > Pages, flat export with "url" column
    "siteimprove": ("URL", "Page views"),  # Analytics > Content > Pages
    "ga4": ("Page path and screen class", "Views"),  # Reports > Engagement > Pages and screens
    "ua": ("Page", "Pageviews"),  # Universal Analytics: Behavior > Site Content > All Pages
    "generic": ("url", "views"),
}


class ReachConfig(Strict):
    """Which CSV columns hold the page URL and its page views."""

    preset: ReachPreset = "generic"
    url: str | None = Field(default=None, description="URL column (overrides the preset)")
    views: str | None = Field(default=None, description="page-views column (overrides the preset)")
    base_url: str | None = Field(
        default=None, description="prefix for exports that list paths only (GA4)"
    )

    def columns(self) -> tuple[str, str]:
        url, views = REACH_PRESETS[self.preset]
        return self.url or url, self.views or views


class OwnerRule(Strict):
    """An owner unit and the URL/path globs of the pages it answers for (first match wins)."""

    unit: str = Field(min_length=1)
    patterns: list[str] = Field(min_length=1)


class Category(Strict):
    """A service category: its weight in the priority score and the URL/title globs or words."""

    weight: float = Field(gt=0, le=10)
    patterns: list[str] = Field(min_length=1)


class Prioritised(Strict):
    """The KPI's "prioriterte skjemaer": the top N of the work list, or a fixed list.

    ``forms`` entries are form identities (as shown in reports) or globs over page URLs; when
    given they replace ``top_n``.
    """

    top_n: int = Field(default=50, ge=1)
    forms: list[str] = Field(default_factory=list)


def _default_categories() -> dict[str, Category]:
    return {
        "barnehage": Category(weight=2.0, patterns=["*barnehage*"]),
        "skole": Category(weight=1.8, patterns=["*skole*", "*sfo*", "*skoleskyss*"]),
        "helse": Category(weight=1.8, patterns=["*helse*", "*helsestasjon*", "*legevakt*"]),
        "sosial": Category(weight=1.6, patterns=["*sosial*", "*nav*", "*bolig*", "*barnevern*"]),
        "familie": Category(weight=1.5, patterns=["*foreld*", "*familie*", "*fosterhjem*"]),
    }


class ProgressConfig(Strict):
    """A2 progress tracking: deadline, prioritised forms, owners, service categories, reach."""

    deadline: date = DEFAULT_DEADLINE
    prioritised: Prioritised = Field(default_factory=Prioritised)
    owners: list[OwnerRule] = Field(default_factory=list)
    categories: dict[str, Category] = Field(default_factory=_default_categories)
    reach: ReachConfig = Field(default_factory=ReachConfig)
    cards_limit: int = Field(
        default=200, ge=1, description="forms that get a full revision card in HTML"
    )
    rule_docs_url: str = Field(
        default=RULE_DOCS_URL,
        description="address of a rule's documentation in reports and exports, {rule} = rule id",
    )

    @field_validator("rule_docs_url")
    @classmethod
    def _rule_placeholder(cls, url: str) -> str:
        if "{rule}" not in url or not url.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) address with {rule} where the rule id goes")
        return url
