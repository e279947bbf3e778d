"""The direct TextBlock constructor (formlint/model/form.py ``text_block_at``) builds what the
dataclass builds: the HTML parser makes every text block it reports with it."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError, replace

import pytest

from formlint.model import NO_SUPPRESSIONS, Location, Scope, Suppressions, TextBlock
from formlint.model import form as model_form
from formlint.model.form import text_block_at


@pytest.mark.parametrize(
    ("line", "css", "anchor", "lang", "hidden", "supp"),
    [
        (3, "main#x p", "text:hei", "nb", False, NO_SUPPRESSIONS),
        (None, None, None, None, True, Suppressions(frozenset({"a"}), (("a", "why"),))),
    ],
)
def test_text_block_at_equals_the_dataclass(
    line: int | None,
    css: str | None,
    anchor: str | None,
    lang: str | None,
    hidden: bool,
    supp: Suppressions,
) -> None:
    fast = text_block_at("Hei", Scope.HEADING, "f.html", line, css, anchor, lang, hidden, supp)
    by_descriptors = model_form._text_block_by_init(
        "Hei", Scope.HEADING, "f.html", line, css, anchor, lang, hidden, supp
    )
    assert type(fast) is TextBlock and type(fast.location) is Location
    assert by_descriptors == fast and repr(by_descriptors) == repr(fast)
    with pytest.raises(FrozenInstanceError):
        fast.text = "x"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        fast.location.line = 9  # type: ignore[misc]
    slow = TextBlock(
        text="Hei",
        scope=Scope.HEADING,
        location=Location(source="f.html", line=line, css_path=css, anchor=anchor),
        language=lang,
        hidden=hidden,
        suppressions=supp,
    )
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert repr(fast) == repr(slow)
    assert fast.to_dict() == slow.to_dict()
    assert pickle.loads(pickle.dumps(fast)) == slow
    assert replace(fast, text="x") == replace(slow, text="x")
    assert fast.location.describe() == slow.location.describe()


def test_text_block_at_uses_the_class_swap() -> None:
    """On CPython the fast constructor is in use (the fallback would cost ~1 µs a block)."""
    assert model_form._class_swap_works()
    assert model_form.text_block_at is text_block_at
    assert text_block_at is not model_form._text_block_by_init
