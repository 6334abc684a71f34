"""planner statistics for the (incident, actor) pairs of incident_actors

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 05:00:00

`GET /v1/stats/incidents?group_by=actor_id` counts each incident once per actor, whatever its
roles there: the distinct (incident_id, actor_id) pairs. PostgreSQL guessed their number from
each column's own (93,392 at 100,000 incidents, against 303,112), hashed them in 4 MB of
work_mem that they overflowed, and spilled to disk: 400-630 ms. Told the number (ndistinct
statistics), it reads them in order from the (incident_id, actor_id, role) unique index instead:
160-200 ms. SQLite has no such statistics.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE STATISTICS incident_actors_pairs (ndistinct) ON incident_id, actor_id FROM incident_actors"
        )
        op.execute("ANALYZE incident_actors")  # the statistics exist from the next ANALYZE on


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP STATISTICS incident_actors_pairs")
