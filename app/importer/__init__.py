"""Bulk import: `python -m app import FILE...` loads NDJSON of the API's create bodies, or ACLED CSV.

Lines are validated with the API's own Pydantic create schemas and evidence is checked against
its source's text, exactly as a POST would; rows are then written with SQLAlchemy Core
executemany, one transaction per batch, without building ORM objects. See `loader.py` for the
format and the rules (ids, re-runs, what history it records).
"""
