"""Alembic migrations of the workspace schema, shipped inside the package."""
