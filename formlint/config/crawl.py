"""The crawl config model: one YAML file per site in ``crawl_configs/``.

Validated strictly (unknown keys are errors with file:line and a did-you-mean) before any request
is sent, so a typo never turns into a half-crawled site. Secrets are never written here: headers
and cookies name the environment variables that hold them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator, model_validator

from formlint.config.loader import LineMap, load_yaml_file, validate
from formlint.config.models import ExceptionEntry, FailOn, ProfileName
from formlint.config.progress import OwnerRule
from formlint.config.strict import Strict
from formlint.errors import ConfigError

RenderMode = Literal["auto", "always", "never"]
DocumentType = Literal["pdf", "docx", "odt"]

ALL_DOCUMENTS: tuple[DocumentType, ...] = ("pdf", "docx", "odt")
BASE_URL_PLACEHOLDER = "{{BASE_URL}}"
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CONTACT = re.compile(r"(mailto:|@|https?://)")


class AutoThrottle(Strict):
    """Scrapy AutoThrottle: back off when the site slows down."""

    enabled: bool = True
    start_delay: float = Field(default=1.0, ge=0)
    max_delay: float = Field(default=30.0, ge=0)
    target_concurrency: float = Field(default=1.0, gt=0)


class Limits(Strict):
    """Caps that keep one bad URL from stalling or flooding a scan."""

    max_bytes: int = Field(default=20 * 1024 * 1024, gt=0, description="DOWNLOAD_MAXSIZE")
    warn_bytes: int = Field(default=5 * 1024 * 1024, gt=0, description="DOWNLOAD_WARNSIZE")
    timeout: float = Field(default=30.0, gt=0, description="seconds per request")
    render_timeout: float = Field(default=30.0, gt=0, description="seconds per rendered page")
    retries: int = Field(default=1, ge=0)
    max_retry_after: float = Field(
        default=60.0,
        ge=0,
        description="longest Retry-After (seconds) waited for before a retry; longer: not retried",
    )
    max_redirects: int = Field(default=5, ge=0)
    max_query_variants: int = Field(default=30, ge=1, description="distinct query strings per path")
    max_date_variants: int = Field(default=12, ge=1, description="date-like URLs per URL pattern")
    max_path_depth: int = Field(default=15, ge=1)
    max_url_length: int = Field(default=2000, ge=100)


class CrawlConfig(Strict):
    """One site's crawl: where to start, what is in scope, how politely, what to lint."""

    site: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", description="short name, used in paths"
    )
    start_urls: list[str] = Field(min_length=1)
    sitemaps: list[str] = Field(default_factory=list)
    robots_sitemaps: bool = True
    sitemap_lastmod: Literal["ignore", "trust"] = Field(
        default="ignore",
        description=(
            "trust: on a re-scan, a page whose sitemap <lastmod> is older than the scan that "
            "last fetched it is reused without any request (its stored links are still "
            "followed); ignore: every known page gets a conditional request"
        ),
    )
    sitemap_verify: float = Field(
        default=0.05,
        ge=0,
        le=1,
        description=(
            "with sitemap_lastmod: trust, the share of pages the sitemap calls unchanged that "
            "are fetched anyway to check it (the first such page and every n-th after it); one "
            "that changed ends the trust: every page then gets a conditional request, and the "
            "pages already reused are fetched again. 0 = trust without checking"
        ),
    )
    allowed_domains: list[str] = Field(
        default_factory=list, description="host or host:port; default: start URL hosts"
    )
    include: list[str] = Field(
        default_factory=list, description="regexes; when given a URL must match one"
    )
    exclude: list[str] = Field(
        default_factory=list, description="regexes; a matching URL is skipped"
    )
    max_pages: int = Field(default=10_000, ge=1)
    max_depth: int = Field(default=20, ge=0)
    concurrency_per_host: int = Field(default=2, ge=1, le=16)
    concurrency: int = Field(default=16, ge=1, le=256)
    delay: float = Field(default=0.5, ge=0, description="seconds between requests to one host")
    autothrottle: AutoThrottle = Field(default_factory=AutoThrottle)
    obey_robots: bool = True
    user_agent: str = "formlint/0.1 (+mailto:formlint@example.invalid)"
    headers_from_env: dict[str, str] = Field(
        default_factory=dict, description="header -> env var name"
    )
    cookies_from_env: dict[str, str] = Field(
        default_factory=dict, description="cookie -> env var name"
    )
    render: RenderMode = "auto"
    render_urls: list[str] = Field(
        default_factory=list, description="regexes of URLs always rendered"
    )
    render_allow_hosts: list[str] = Field(
        default_factory=list, description="extra hosts the browser may load"
    )
    chromium: str | None = None
    axe: bool = Field(
        default=False,
        description="run axe-core on every page rendered in Chromium (findings axe/<rule>)",
    )
    documents: list[DocumentType] = Field(default_factory=lambda: list(ALL_DOCUMENTS))
    form_platforms: list[str] = Field(default_factory=list, description="extra form platform hosts")
    profile: ProfileName = "standard"
    language: str | None = Field(
        default=None, description="document language where neither markup nor the words say"
    )
    report_language: Literal["nb", "nn", "en"] = Field(
        default="nb", description="language of finding messages, reports and the summary"
    )
    fail_on: FailOn = "error"
    exceptions: list[ExceptionEntry] = Field(default_factory=list)
    owners: list[OwnerRule] = Field(
        default_factory=list,
        description="unit + URL/path globs, as in formlint.yml progress.owners",
    )
    limits: Limits = Field(default_factory=Limits)

    @field_validator("start_urls", "sitemaps")
    @classmethod
    def _http_urls(cls, urls: list[str]) -> list[str]:
        for u in urls:
            parts = urlsplit(u)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValueError(f"not an http(s) URL: {u!r}")
            if "@" in parts.netloc:
                # Scrapy would not send them, and the URL (logged, stored, reported) would
                # carry the password; the message leaves the URL out for the same reason.
                raise ValueError(
                    "a URL with credentials (user:password@host) is not supported: name an "
                    "environment variable instead, e.g. headers_from_env: "
                    "{Authorization: STAGING_AUTH}"
                )
        return urls

    @field_validator("include", "exclude", "render_urls")
    @classmethod
    def _regexes(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"invalid regex {p!r}: {exc}") from None
        return patterns

    @field_validator("headers_from_env", "cookies_from_env")
    @classmethod
    def _env_names(cls, mapping: dict[str, str]) -> dict[str, str]:
        for key, env in mapping.items():
            if not _ENV_NAME.match(env):
                raise ValueError(f"{key}: {env!r} is not an environment variable name")
        return mapping

    @field_validator("user_agent")
    @classmethod
    def _contact(cls, ua: str) -> str:
        if not _CONTACT.search(ua):
            raise ValueError("the User-Agent must name a contact (an e-mail address or URL)")
        return ua

    @model_validator(mode="after")
    def _defaults(self) -> CrawlConfig:
        if not self.allowed_domains:
            hosts = sorted({urlsplit(u).netloc.lower() for u in self.start_urls})
            object.__setattr__(self, "allowed_domains", hosts)
        return self

    def config_hash(self) -> str:
        """Identity of the crawl settings, so a resumed scan is the same scan."""
        data = self.model_dump(
            mode="json",
            exclude={
                "max_pages",
                "chromium",
                "fail_on",
                "sitemap_lastmod",
                "sitemap_verify",
                "report_language",
            },
        )
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]

    def secret_headers(self) -> dict[str, str]:
        """Header values from the environment (never logged, stored or reported)."""
        return {k: _env(env, f"headers_from_env.{k}") for k, env in self.headers_from_env.items()}

    def secret_cookies(self) -> dict[str, str]:
        return {k: _env(env, f"cookies_from_env.{k}") for k, env in self.cookies_from_env.items()}

    def owner_for(self, url: str) -> str | None:
        """The owner unit of a URL: first rule with a glob matching the URL or its path."""
        candidates = (url.casefold(), (urlsplit(url).path or "/").casefold())
        for rule in self.owners:
            if any(fnmatchcase(c, p.casefold()) for p in rule.patterns for c in candidates):
                return rule.unit
        return None


def _env(name: str, key: str) -> str:
    value = os.environ.get(name)
    if value is None:
        raise ConfigError(f"{key}: environment variable {name} is not set")
    return value


def _substitute(data: Any, base_url: str | None) -> Any:
    if isinstance(data, str):
        if BASE_URL_PLACEHOLDER in data:
            if base_url is None:
                raise ConfigError(
                    f"{data!r} uses {BASE_URL_PLACEHOLDER} but no --base-url was given"
                )
            return data.replace(BASE_URL_PLACEHOLDER, base_url.rstrip("/"))
        return data
    if isinstance(data, list):
        return [_substitute(x, base_url) for x in data]
    if isinstance(data, dict):
        return {k: _substitute(v, base_url) for k, v in data.items()}
    return data


def load_crawl_config(
    path: Path | str, *, base_url: str | None = None, check_env: bool = True
) -> CrawlConfig:
    """Load and validate a crawl config; ``{{BASE_URL}}`` in values is replaced by ``base_url``.

    Raises :class:`ConfigError` (exit code 2) naming file:line; with ``check_env`` a missing
    environment variable for a header or cookie is also a config error, before anything is fetched.
    """
    p = Path(path)
    raw, lines = load_yaml_file(p)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError("top level must be a mapping", source=str(p), line=1)
    try:
        data = _substitute(raw, base_url)
    except ConfigError as exc:
        raise ConfigError(exc.message, source=str(p)) from None
    cfg = validate(CrawlConfig, data, LineMap(lines), str(p))
    if check_env:
        for section in ("headers_from_env", "cookies_from_env"):
            for key, env in getattr(cfg, section).items():
                if env not in os.environ:
                    line = lines.line_for((section, key))
                    raise ConfigError(
                        f"{section}.{key}: environment variable {env} is not set",
                        source=str(p),
                        line=line,
                    )
    return cfg
