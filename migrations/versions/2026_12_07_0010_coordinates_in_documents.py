"""Incident documents write coordinates as the API's JSON does

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 02:30:00

A document (migration 0007) wrote a coordinate as its database writes a float: PostgreSQL `33`
for 33.0 and `-0` for -0.0, SQLite `1.0e-05` for 0.00001, where the POST response, the history
and the NDJSON export write `33.0`, `0.0` and `0.00001`. They now write what the API's JSON writes
(app/jsontext.py, `coordinate_json`). This marks stale the stored documents whose coordinates
are written differently now: a whole number of degrees (zero included) or one below 0.0001 in
size. `python -m app migrate` then writes them again; until then a read builds them itself.
Other documents are unchanged and stay as they are.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# CAST(x AS INTEGER) = x: a whole number (PostgreSQL rounds the cast, SQLite truncates it; both
# give back x only when it is whole).
STALE = """
UPDATE incident_documents SET document = NULL WHERE id IN (
    SELECT id FROM incidents WHERE latitude = CAST(latitude AS INTEGER)
        OR longitude = CAST(longitude AS INTEGER)
        OR abs(latitude) < 0.0001 OR abs(longitude) < 0.0001
)
"""


def upgrade() -> None:
    op.execute(STALE)


def downgrade() -> None:
    op.execute(STALE)  # written again the old way by the code of that revision
