"""Reporters: one class per output format behind a small start/document/finish protocol."""
