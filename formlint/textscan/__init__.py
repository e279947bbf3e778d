"""Find which words occur in a page, in one pass over its bytes (imports nothing of formlint)."""

from formlint.textscan.scanner import WordScanner, has_odd_case, spellings

__all__ = ["WordScanner", "has_odd_case", "spellings"]
