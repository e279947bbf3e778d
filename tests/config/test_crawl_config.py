"""Crawl configs are validated strictly, with file:line errors, before anything is fetched."""

from __future__ import annotations

from pathlib import Path

import pytest

from formlint.config.crawl import load_crawl_config
from formlint.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "c.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_shipped_configs_are_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRONDHEIM_STAGING_AUTH", "x")
    monkeypatch.setenv("TRONDHEIM_STAGING_SESSION", "y")
    demo = load_crawl_config(REPO / "crawl_configs" / "demo.yaml", base_url="http://127.0.0.1:1234")
    assert demo.start_urls == ["http://127.0.0.1:1234/index.html"]
    assert demo.allowed_domains == ["127.0.0.1:1234"]
    example = load_crawl_config(REPO / "crawl_configs" / "example.yaml")
    assert example.user_agent.startswith("formlint/")


def test_unknown_key_names_file_line_and_suggestion(tmp_path: Path) -> None:
    p = _write(tmp_path, "site: x\nstart_urls: [https://x.no/]\nmax_page: 10\n")
    with pytest.raises(ConfigError) as ei:
        load_crawl_config(p)
    assert f"{p}:3: max_page: unknown key (did you mean 'max_pages'?)" in str(ei.value)
    assert ei.value.exit_code == 2


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("site: x\nstart_urls: [ftp://x.no/]\n", ":2: start_urls"),
        (
            "site: x\nstart_urls: [https://x.no/]\nrender: sometimes\n",
            ":3: render: bad value 'sometimes'",
        ),
        ("site: x\nstart_urls: [https://x.no/]\nuser_agent: formlint\n", ":3: user_agent"),
        ("site: x\nstart_urls: [https://x.no/]\nexclude: ['(']\n", ":3: exclude"),
        ("site: x\nstart_urls: [https://x.no/]\nlimits:\n  timeout: 0\n", ":4: limits.timeout"),
        ("site: x\nstart_urls: ['{{BASE_URL}}/']\n", "no --base-url"),
    ],
)
def test_bad_values(tmp_path: Path, text: str, needle: str) -> None:
    with pytest.raises(ConfigError) as ei:
        load_crawl_config(_write(tmp_path, text))
    assert needle in str(ei.value)


def test_missing_secret_env_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NOPE_TOKEN", raising=False)
    p = _write(
        tmp_path,
        "site: x\nstart_urls: [https://x.no/]\nheaders_from_env:\n  Authorization: NOPE_TOKEN\n",
    )
    with pytest.raises(ConfigError) as ei:
        load_crawl_config(p)
    assert (
        f"{p}:4: headers_from_env.Authorization: environment variable NOPE_TOKEN is not set"
        in str(ei.value)
    )
    monkeypatch.setenv("NOPE_TOKEN", "Bearer s3cret")
    cfg = load_crawl_config(p)
    assert cfg.secret_headers() == {"Authorization": "Bearer s3cret"}
    assert "s3cret" not in cfg.model_dump_json()


@pytest.mark.parametrize("key", ["start_urls", "sitemaps"])
def test_credentials_in_a_url_are_a_config_error_that_does_not_repeat_them(
    tmp_path: Path, key: str
) -> None:
    """user:pass@ once gave a scan of 0 requests, exit 0 and no word; secrets come from the
    environment instead, and the error must not print the password it found."""
    extra = "" if key == "start_urls" else "sitemaps: ['https://kari:s3cret@x.no/sitemap.xml']\n"
    start = "https://kari:s3cret@x.no/" if key == "start_urls" else "https://x.no/"
    p = _write(tmp_path, f"site: x\nstart_urls: ['{start}']\n{extra}")
    with pytest.raises(ConfigError) as ei:
        load_crawl_config(p)
    message = str(ei.value)
    assert f"{key}: " in message and "credentials (user:password@host)" in message
    assert "headers_from_env" in message
    assert "s3cret" not in message and ei.value.exit_code == 2
