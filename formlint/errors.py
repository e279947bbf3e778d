"""Errors formlint raises on purpose, each with an exit code and an optional file:line."""

from __future__ import annotations


class FormlintError(Exception):
    """Base of all deliberate errors; ``exit_code`` is what the CLI exits with."""

    exit_code = 3

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = ""
        if self.source:
            where = self.source + (f":{self.line}" if self.line else "") + ": "
        return where + self.message


class UsageError(FormlintError):
    """Bad command line."""

    exit_code = 2


class ConfigError(FormlintError):
    """A config or rule file is invalid (unknown key, bad value)."""

    exit_code = 2


class RuleError(ConfigError):
    """A rule pack is invalid."""


class InputError(FormlintError):
    """One input could not be read; the run goes on with the rest."""

    exit_code = 3
