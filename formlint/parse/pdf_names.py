"""Labels of last resort made from PDF field names.

An AcroForm field or an XFA object with no tooltip or caption is known only by its name
(``mors_navn``, ``morsNavn``, ``Kjonn[0]``); both the PDF parser and the XFA reader it calls turn
that name into words, so a rule has something to read and a report something to show.
"""

from __future__ import annotations

import re


def humanise_name(name: str) -> str:
    """``mors_navn`` / ``morsNavn`` / ``mors-navn[0]`` → ``Mors navn`` (a label of last resort)."""
    s = re.sub(r"\[\d+\]$", "", name)
    s = re.sub(r"(?<=[a-zæøå])(?=[A-ZÆØÅ])", " ", s)
    s = re.sub(r"[_\-.]+", " ", s).strip()
    return s[:1].upper() + s[1:].lower() if s else ""
