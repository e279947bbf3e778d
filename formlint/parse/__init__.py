"""Parsers: one module per input format, chosen by :mod:`formlint.parse.registry`."""
