"""A sites file: the crawl configs of a multi-site scan (``formlint scan --sites FILE``).

```yaml
sites:
  - trondheim.yaml          # relative to this file
  - crawl_configs/bergen.yaml
```

Validated like every other config (unknown keys are errors with file:line), before any request.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from formlint.config.loader import LineMap, load_yaml_file, validate
from formlint.config.strict import Strict
from formlint.errors import ConfigError


class SitesFile(Strict):
    """The crawl configs of a multi-site scan, one per site."""

    sites: list[str] = Field(min_length=1, description="crawl config paths, relative to this file")


def load_sites_file(path: Path) -> list[Path]:
    """The crawl config paths a sites file names, resolved against its folder."""
    raw, lines = load_yaml_file(path)
    if not isinstance(raw, dict):
        raise ConfigError(
            "top level must be a mapping with a 'sites' list", source=str(path), line=1
        )
    model = validate(SitesFile, raw, LineMap(lines), str(path))
    return [(path.parent / entry).resolve() for entry in model.sites]
