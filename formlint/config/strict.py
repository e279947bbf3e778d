"""The base of every config section: unknown keys are errors and values are frozen.

One class for ``formlint.yml`` and the crawl configs alike, so every section rejects a typo the
same way (with file:line and a did-you-mean, ``config/loader.py``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """A config section that forbids unknown keys and cannot be changed once validated."""

    model_config = ConfigDict(extra="forbid", frozen=True)
