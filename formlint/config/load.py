"""Find and load ``formlint.yml``: the whole config with provenance for ``formlint config show``,
or only the sections the plan owner's commands read (store, progress, exceptions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from formlint.config.loader import LineMap, load_yaml_file, validate
from formlint.config.models import Config, ExceptionEntry
from formlint.config.progress import ProgressConfig, StoreConfig

CONFIG_NAMES = ("formlint.yml", "formlint.yaml", ".formlint.yml", ".formlint.yaml")


@dataclass
class LoadedConfig:
    """The validated config plus where each top-level value came from."""

    config: Config
    path: Path | None = None
    provenance: dict[str, str] = field(default_factory=dict)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file in ``start`` or its parents (stopping at a git root)."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (d / name).is_file():
                return d / name
        if (d / ".git").exists():
            break
    return None


def load_config(
    path: Path | None = None, *, discover: bool = True, overrides: dict[str, Any] | None = None
) -> LoadedConfig:
    """Load ``path`` (or the discovered file), apply command-line overrides, validate strictly."""
    data: dict[str, Any] = {}
    lines = LineMap()
    cfg_path = path or (find_config() if discover else None)
    source = str(cfg_path) if cfg_path else "<defaults>"
    if cfg_path is not None:
        raw, lines = load_yaml_file(cfg_path)
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            from formlint.errors import ConfigError

            raise ConfigError("top level must be a mapping", source=source, line=1)
        data = raw
    provenance = {k: f"{source}:{lines.get((k,), 1)}" for k in data}
    for k, v in (overrides or {}).items():
        if v is not None:
            data[k] = v
            provenance[k] = "command line"
    config = validate(Config, data, lines, source)
    if cfg_path is not None:
        config._source, config._lines = source, dict(lines)
    for k in Config.model_fields:
        provenance.setdefault(k, "default")
    return LoadedConfig(config=config, path=cfg_path, provenance=provenance)


class _ReportSections(BaseModel):
    """Only the sections the report commands read; the rest of formlint.yml is validated by lint."""

    model_config = ConfigDict(extra="ignore")

    store: StoreConfig = Field(default_factory=StoreConfig)
    progress: ProgressConfig = Field(default_factory=ProgressConfig)
    exceptions: list[ExceptionEntry] = Field(default_factory=list)


def load_sections(path: Path | None) -> tuple[StoreConfig, ProgressConfig, list[ExceptionEntry]]:
    """Read ``store``, ``progress`` and ``exceptions`` from a config file (defaults if none)."""
    if path is None:
        return StoreConfig(), ProgressConfig(), []
    data: Any
    data, lines = load_yaml_file(path)
    if data is None:
        data, lines = {}, LineMap()
    sections = validate(_ReportSections, data, lines, str(path))
    return sections.store, sections.progress, list(sections.exceptions)
