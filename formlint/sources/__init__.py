"""Where documents come from: files and directories (``files``), URLs and crawls."""

from __future__ import annotations
