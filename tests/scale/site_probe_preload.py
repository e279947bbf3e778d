"""What the fork server imports before forking the stand-in site processes: where it was loaded."""

from __future__ import annotations

import os

LOADED_IN = os.getpid()
