"""an index that covers the statistics by time, and planner statistics for its buckets

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 12:20:00

`GET /v1/stats/incidents?group_by=month|week` reads every matching incident's time and casualty
figure. With (occurred_at, killed_best, injured_best) in one index, PostgreSQL answers it with an
index-only scan instead of reading the whole table (50 ms instead of 100-160 ms at 100,000
incidents), and SQLite from the index alone; a date range narrows the same index.

On PostgreSQL, statistics on the month and week expressions (app/stats/service.py) tell the
planner there are ~100 buckets, not one per row: it then hashes them instead of sorting 100,000
rows on disk (30 ms instead of 50).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


BUCKETS = ("month", "week")


def upgrade() -> None:
    op.create_index(
        "ix_incidents_occurred_at_figures", "incidents", ["occurred_at", "killed_best", "injured_best"]
    )
    if op.get_bind().dialect.name == "postgresql":
        for unit in BUCKETS:
            op.execute(
                f"CREATE STATISTICS incidents_{unit}_buckets "
                f"ON (date_trunc('{unit}', timezone('UTC', occurred_at))) FROM incidents"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for unit in BUCKETS:
            op.execute(f"DROP STATISTICS incidents_{unit}_buckets")
    op.drop_index("ix_incidents_occurred_at_figures", table_name="incidents")
