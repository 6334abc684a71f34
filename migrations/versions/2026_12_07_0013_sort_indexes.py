"""indexes for the two sorts that had none: sources by title, casualty reports by reported_at

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 05:10:00

Every list pages by keyset over (sort key, id); without an index on the pair, each page sorted
the whole table: at 100,000 incidents a page of `/v1/sources?sort=title` (129,975 sources) took
34 ms and of `/v1/casualty-reports?sort=reported_at` 19 ms, every page of the walk.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_sources_title_id", "sources", ["title", "id"])
    op.create_index("ix_casualty_reports_reported_at_id", "casualty_reports", ["reported_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_casualty_reports_reported_at_id", table_name="casualty_reports")
    op.drop_index("ix_sources_title_id", table_name="sources")
