"""Strict config: unknown keys are errors with file:line and a did-you-mean; provenance is shown."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from formlint.cli.main import cli
from formlint.config.load import load_config
from formlint.engine.loader import load_rules
from formlint.engine.runner import Engine
from formlint.errors import ConfigError
from formlint.model import Field, FieldKind, Form, Location, Option, ParsedDocument, Suppressions


def test_unknown_top_level_key(tmp_path: Path) -> None:
    p = tmp_path / "formlint.yml"
    p.write_text("profle: strict\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(p)
    msg = str(exc.value)
    assert f"{p}:1" in msg and "did you mean 'profile'" in msg


def test_bad_value_names_allowed_values(tmp_path: Path) -> None:
    p = tmp_path / "formlint.yml"
    p.write_text("fail_on: loud\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(p)
    assert f"{p}:1" in str(exc.value) and "'error'" in str(exc.value)


def test_invalid_yaml_has_a_line(tmp_path: Path) -> None:
    p = tmp_path / "formlint.yml"
    p.write_text("rules:\n  a: [1, 2\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(p)
    assert str(p) in str(exc.value)


def test_config_show_gives_provenance(tmp_path: Path) -> None:
    p = tmp_path / "formlint.yml"
    p.write_text("profile: strict\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["config", "show", "--config", str(p)])
    assert result.exit_code == 0
    assert "profile: strict" in result.output and f"{p}:1" in result.output
    assert "fail_on: error    # from default" in result.output


def _binary_form(sup: Suppressions | None = None) -> ParsedDocument:
    loc = Location("skjema/barnehage.html", line=3, anchor="kjonn")
    field = Field(
        kind=FieldKind.RADIO,
        location=loc,
        legend="Kjønn",
        name="kjonn",
        options=(Option("Gutt"), Option("Jente")),
        suppressions=sup or Suppressions(),
    )
    form = Form(
        key="form#soknad",
        kind="html-form",
        location=loc,
        title="Søknad",
        fields=(field,),
        language="nb",
    )
    return ParsedDocument(
        source="skjema/barnehage.html", format="html", forms=(form,), language="nb"
    )


def _engine_with(tmp_path: Path, expires: date) -> Engine:
    p = tmp_path / "formlint.yml"
    p.write_text(
        "exceptions:\n"
        "  - document: '*/barnehage.html'\n"
        "    rule: gender-binary-options\n"
        "    reason: Må samsvare med juridisk kjønn i Folkeregisteret\n"
        "    approved_by: Kari Nordmann, Finans\n"
        f"    expires: {expires.isoformat()}\n",
        encoding="utf-8",
    )
    return Engine(load_rules(), config=load_config(p).config)


def test_exception_suppresses_until_it_expires(tmp_path: Path) -> None:
    findings, _ = _engine_with(tmp_path, date.today() + timedelta(days=30)).run(_binary_form())
    f = next(f for f in findings if f.rule == "gender-binary-options")
    assert (
        f.suppression is not None
        and f.suppression.kind == "exception"
        and "Folkeregisteret" in f.suppression.reason
    )
    findings, _ = _engine_with(tmp_path, date.today() - timedelta(days=1)).run(_binary_form())
    f = next(f for f in findings if f.rule == "gender-binary-options")
    assert f.suppression is None
    assert (
        f.expired_exception is not None and f.expired_exception.approver == "Kari Nordmann, Finans"
    )


def test_exception_needs_reason_approver_and_expiry(tmp_path: Path) -> None:
    p = tmp_path / "formlint.yml"
    p.write_text("exceptions:\n  - document: x\n    rule: legal-term\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(p)
    assert "reason" in str(exc.value) and "required key is missing" in str(exc.value)


def test_inline_suppression_from_the_model(engine: Engine) -> None:
    sup = Suppressions(
        rules=frozenset({"gender-binary-options"}),
        reasons=(("gender-binary-options", "juridisk kjønn"),),
    )
    findings, _ = engine.run(_binary_form(sup))
    f = next(f for f in findings if f.rule == "gender-binary-options")
    assert (
        f.suppression is not None
        and f.suppression.kind == "inline"
        and f.suppression.reason == "juridisk kjønn"
    )


def test_severity_override_and_legal_term_cap(tmp_path: Path) -> None:
    p = tmp_path / "formlint.yml"
    p.write_text(
        "rules:\n  gender-binary-options: {severity: warning}\n  legal-term: {severity: error}\n  spouse-gendered: {enabled: false}\n",
        encoding="utf-8",
    )
    eng = Engine(load_rules(), config=load_config(p).config)
    findings, _ = eng.run(_binary_form())
    assert (
        next(f for f in findings if f.rule == "gender-binary-options").severity.value == "warning"
    )
    legal = next(s for s in eng.all_rules if s.id == "legal-term")
    assert eng.severity_of(legal).value == "info"
    assert "spouse-gendered" not in eng.rules


def test_profiles_change_what_runs() -> None:
    minimal = Engine(load_rules(), profile="minimal")
    strict = Engine(load_rules(), profile="strict")
    assert "binary-pronoun-phrase" not in minimal.rules and "gender-binary-options" in minimal.rules
    spec = next(s for s in strict.all_rules if s.id == "binary-pronoun-phrase")
    assert strict.severity_of(spec).value == "warning"


def test_libyaml_and_python_parsers_give_the_same_values_and_lines(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Start-up composes YAML with libyaml when PyYAML has it; every shipped rule pack and crawl
    config must read the same, lines included, as with the pure-Python parser."""
    import yaml

    import formlint.config.loader as loader
    from formlint.util.resources import rules_dir

    root = Path(__file__).resolve().parents[2]
    files = sorted(rules_dir().rglob("*.yaml")) + sorted((root / "crawl_configs").glob("*.yaml"))
    assert len(files) > 10
    fast = [loader.load_yaml_file(f) for f in files]
    monkeypatch.setattr(loader, "_COMPOSE_LOADER", yaml.SafeLoader)
    slow = [loader.load_yaml_file(f) for f in files]
    for f, (fv, fl), (sv, sl) in zip(files, fast, slow, strict=True):
        assert fv == sv, f
        assert dict(fl) == dict(sl), f
    bad = "a: 1\nb: [1, 2\nc: 3\n"
    for compose in (getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader):
        monkeypatch.setattr(loader, "_COMPOSE_LOADER", compose)
        with pytest.raises(ConfigError) as err:
            loader.load_yaml(bad, "x.yaml")
        assert err.value.line is not None and str(err.value).startswith("x.yaml:")


# --- plain YAML only ------------------------------------------------------------------------------


def test_tags_are_refused_with_file_and_line(tmp_path: Path) -> None:
    from formlint.config.loader import load_yaml

    for text, line, shown in (
        ("fail_on: error\nprofile: !!python/name:os.system\n", 2, "!!python/name:os.system"),
        ("rules:\n  x: !include other.yml\n", 2, "!include"),
        ("exceptions: !!set {a, b}\n", 1, "!!set"),
    ):
        with pytest.raises(ConfigError) as err:
            load_yaml(text, "formlint.yml")
        assert err.value.line == line and shown in err.value.message
    # a tag that names a plain type is plain YAML
    assert load_yaml("a: !!str 12\n", "x.yml")[0] == {"a": "12"}


def test_alias_bomb_and_recursive_alias_are_refused_at_once() -> None:
    from formlint.config.loader import load_yaml

    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    started = time.perf_counter()
    with pytest.raises(ConfigError, match="aliases expand to"):
        load_yaml(bomb, "formlint.yml")
    assert time.perf_counter() - started < 0.5
    with pytest.raises(ConfigError, match="contains it"):
        load_yaml("a: &a [1, *a]\n", "formlint.yml")


def test_aliases_and_merge_keys_within_limits_work() -> None:
    from formlint.config.loader import load_yaml

    data, lines = load_yaml(
        "base: &base\n  severity: warning\n  enabled: true\n"
        "rules:\n  binary-pronoun-phrase:\n    <<: *base\n    severity: error\n"
        "  spouse-gendered: *base\n",
        "formlint.yml",
    )
    assert data["rules"] == {
        "binary-pronoun-phrase": {"severity": "error", "enabled": True},
        "spouse-gendered": {"severity": "warning", "enabled": True},
    }
    assert lines[("rules", "binary-pronoun-phrase", "severity")] == 7
    assert lines[("rules", "binary-pronoun-phrase", "enabled")] == 3  # where the merged key stands


def test_unsafe_config_exits_2_within_a_second(tmp_path: Path) -> None:
    form = tmp_path / "a.html"
    form.write_text("<p>Hei</p>", encoding="utf-8")
    bomb = (
        "a: &a ['"
        + "x" * 50
        + "']\n"
        + "".join(
            f"{n}: &{n} [{', '.join(['*' + p] * 12)}]\n"
            for p, n in zip("abcdefghijk", "bcdefghijkl", strict=True)
        )
    )
    for text in ("rules: !!python/object/new:os.system [echo owned]\n", bomb):
        cfg = tmp_path / "formlint.yml"
        cfg.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        res = CliRunner().invoke(cli, ["check", "--config", str(cfg), str(form)])
        assert res.exit_code == 2, res.output
        assert time.perf_counter() - started < 1.0
        assert f"{cfg}:1:" in res.stderr


def test_baseline_nested_too_deeply_is_a_config_error(tmp_path: Path) -> None:
    from formlint.ci.baseline import load_baseline

    p = tmp_path / "b.json"
    p.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ConfigError, match="nested too deeply"):
        load_baseline(p)
