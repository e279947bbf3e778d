"""A third-party rule pack (``rule_paths``) with a spaCy Matcher ``pattern`` rule works like ours."""

from __future__ import annotations

from pathlib import Path

from formlint.config.load import load_config
from formlint.engine.loader import load_rules
from formlint.engine.runner import Engine
from formlint.model import Location, ParsedDocument, Scope, TextBlock, TextBlocks

PATTERN_RULE = """
id: kjaere-herr-fru
title: {nb: Kjære herr/fru, en: Dear Sir/Madam}
kind: pattern
severity: suggestion
match:
  patterns:
    nb:
      - [{LOWER: "kjære"}, {LOWER: {IN: ["herr", "fru"]}}]
    en:
      - [{LOWER: "dear"}, {LOWER: {IN: ["sir", "madam"]}}]
message: {nb: "«{matched}» er en kjønnet hilsen.", en: "“{matched}” is a gendered greeting."}
why: {nb: Bruk navnet., en: Use the name.}
examples:
  flag:
    - {text: "Kjære herr Hansen,"}
    - {text: "Kjære fru Olsen"}
    - {text: "Kjære Herr Berg"}
  pass:
    - {text: "Kjære Kari Nordmann,"}
    - {text: "Hei Ola,"}
    - {text: "Herr og fru er titler."}
"""


def _doc(text: str, lang: str = "nb") -> ParsedDocument:
    return ParsedDocument(
        source="brev.html",
        format="example",
        language=lang,
        text_blocks=TextBlocks((TextBlock(text, Scope.PARAGRAPH, Location("brev.html"), lang),)),
    )


def test_pattern_rule_from_a_custom_pack(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "kjaere-herr-fru.yaml").write_text(PATTERN_RULE, encoding="utf-8")
    cfg = tmp_path / "formlint.yml"
    cfg.write_text(f"rule_paths: ['{pack}']\n", encoding="utf-8")
    config = load_config(cfg).config
    engine = Engine(load_rules(config.rule_paths), config=config)
    assert "kjaere-herr-fru" in engine.rules and "gender-binary-options" in engine.rules
    findings, _ = engine.run(_doc("Kjære herr Hansen, takk for søknaden."))
    hit = [f for f in findings if f.rule == "kjaere-herr-fru"]
    assert len(hit) == 1 and hit[0].matched == "Kjære herr"
    assert [f.rule for f in engine.run(_doc("Kjære Kari, takk."))[0]] == []
    assert [f.rule for f in engine.run(_doc("Dear Madam, thank you.", "en"))[0]] == [
        "kjaere-herr-fru"
    ]
