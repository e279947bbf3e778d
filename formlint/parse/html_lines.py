"""Real line numbers for HTML pages longer than 65,535 lines.

libxml2 keeps an element's line in 16 bits, and lxml's HTML parser cannot ask for its big-line
option: on a 30 MB page every element after line 65,535 says 65,535. The lines are found by
parsing the page again with the line breaks of its first part turned into spaces: the tree is the
same (a space and a line break are the same white space to the parser; only ``<pre>`` text
differs), and an element on line L now stands on line L - B, B being the line breaks removed. A
page of N lines takes N // 60,000 more parses, and only such a page pays anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Element = Any  # lxml.etree._Element
LINE_CAP = 65535  # the largest line libxml2 records for an element
_STEP = 60_000  # line breaks blanked per further parse (below the cap, so every line is reached)


def real_lines(
    data: bytes, root: Element, parse: Callable[[bytes], Element | None]
) -> dict[Element, int] | None:
    """The real line of each element of ``root`` whose line the cap cut off, or None when the
    page is short enough to have none; ``parse`` parses bytes as ``root`` was parsed."""
    if data.count(b"\n") < LINE_CAP - 1:
        return None
    order = list(root.iter())
    pending = [i for i, el in enumerate(order) if el.sourceline == LINE_CAP]
    found: dict[Element, int] = {}
    blanked = 0
    cut = 0
    while pending:
        for _ in range(_STEP):
            nl = data.find(b"\n", cut)
            if nl < 0:
                return found
            cut = nl + 1
        blanked += _STEP
        again = parse(data[:cut].replace(b"\n", b" ") + data[cut:])
        if again is None:
            return found
        shifted = list(again.iter())
        if len(shifted) != len(order):
            return found  # not the same tree after all: keep what is known
        still = []
        for i in pending:
            el, twin = order[i], shifted[i]
            if twin.tag != el.tag:
                return found
            if twin.sourceline == LINE_CAP:
                still.append(i)
            elif twin.sourceline is not None:
                found[el] = twin.sourceline + blanked
        pending = still
    return found
