"""Characters that XML 1.0 cannot hold, not even escaped: C0 controls but tab, LF and CR, lone
surrogates, U+FFFE and U+FFFF.

Scraped labels carry them (a vertical tab pasted from Word, a NUL from a broken PDF text layer);
XLSX (XML inside a zip) and JUnit refuse or break on them, and in HTML, Markdown and a terminal
they are invisible at best. Every text output drops them (JUnit marks the spot with U+FFFD).
"""

from __future__ import annotations

import re

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip_illegal(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return XML_ILLEGAL.sub("", text)
