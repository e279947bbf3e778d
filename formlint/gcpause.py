"""Pausing Python's cyclic garbage collector around work that makes many short-lived objects.

Collections are triggered by allocation counts, not by garbage: a burst of objects that are all
still alive (a page's text blocks, a scan's rows) triggers collections that find nothing, move
the live objects to older generations, and so bring on full collections that re-scan the whole
heap (the engine's ~100,000 long-lived objects: ~50 ms). With the collector paused the burst is
freed by reference counting as usual; any cyclic garbage is collected once it resumes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block; leave it as it was (enabled or not) after.

    The collector is process-wide: a thread that pauses it while another thread's pause is on
    finds it disabled and leaves it so, and the first pause re-enables it when it ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
