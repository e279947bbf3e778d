"""formlint: find heteronormative and exclusionary fields and wording in public-sector forms."""

from __future__ import annotations

__version__ = "0.1.0"
