"""incidents: (country_code, occurred_at, id) index for the filtered list

A country filter sorted by -occurred_at (the analysts' main view) walked the whole
occurred_at index and dropped other countries' rows; with this index it reads one range in order
and stops after the page.

Revision ID: 0005
Revises: 0001
Create Date: 2026-11-25 09:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_incidents_country_code_occurred_at_id", ["country_code", "occurred_at", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_country_code_occurred_at_id")
