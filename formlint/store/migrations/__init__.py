"""Alembic migrations of the formlint store, shipped in the package and run on open."""
