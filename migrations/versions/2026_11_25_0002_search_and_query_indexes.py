"""full-text search documents and indexes, query indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 09:40:00

One search document per incident (title, summary, statement texts), actor (name, aliases) and
statement (text); see app/search.py. SQLite indexes them with external-content FTS5 tables kept by
triggers, PostgreSQL with a generated tsvector column and a GIN index. Existing rows are backfilled.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Indexes for the lists' `-created_at` default sort (app/list_indexes.py).
CREATED_AT_TABLES = ["sources", "incidents", "actors", "statements", "casualty_reports"]

# name -> the table it indexes
SEARCH = {"incident": "incidents", "actor": "actors", "statement": "statements"}

# How each document is built from existing rows (app/search.py builds the same on every write).
BACKFILL = {
    "sqlite": {
        "incident": "SELECT i.id, i.title || coalesce(char(10) || i.summary, '') || coalesce(("
        "SELECT char(10) || group_concat(s.text, char(10)) FROM statements s WHERE s.incident_id = i.id"
        "), '') FROM incidents i",
        "actor": "SELECT a.id, a.name || coalesce(("
        "SELECT char(10) || group_concat(j.value, char(10)) FROM json_each(a.aliases) j), '') FROM actors a",
        "statement": "SELECT s.id, s.text FROM statements s",
    },
    "postgresql": {
        "incident": "SELECT i.id, concat_ws(E'\\n', i.title, i.summary, ("
        "SELECT string_agg(s.text, E'\\n' ORDER BY s.created_at, s.id) FROM statements s "
        "WHERE s.incident_id = i.id)) FROM incidents i",
        "actor": "SELECT a.id, concat_ws(E'\\n', a.name, ("
        "SELECT string_agg(v, E'\\n') FROM jsonb_array_elements_text(a.aliases) v)) FROM actors a",
        "statement": "SELECT s.id, s.text FROM statements s",
    },
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name, owner in SEARCH.items():
        table = f"{name}_search"
        op.create_table(
            table,
            sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True),
            sa.Column("owner_id", sa.Uuid(), nullable=False),
            sa.Column("document", sa.Text(), nullable=False),
            sa.ForeignKeyConstraint(
                ["owner_id"], [f"{owner}.id"], name=op.f(f"fk_{table}_owner_id_{owner}"), ondelete="CASCADE"
            ),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
            sa.UniqueConstraint("owner_id", name=op.f(f"uq_{table}_owner_id")),
        )
        op.execute(f"INSERT INTO {table} (owner_id, document) {BACKFILL[dialect][name]}")
        if dialect == "sqlite":
            fts = f"{table}_fts"
            op.execute(
                f"CREATE VIRTUAL TABLE {fts} USING fts5(document, content='{table}', content_rowid='id', "
                "tokenize='porter unicode61')"
            )
            op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
            delete_old = f"INSERT INTO {fts}({fts}, rowid, document) VALUES ('delete', old.id, old.document);"
            insert_new = f"INSERT INTO {fts}(rowid, document) VALUES (new.id, new.document);"
            op.execute(f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN {insert_new} END")
            op.execute(f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN {delete_old} END")
            op.execute(f"CREATE TRIGGER {table}_au AFTER UPDATE ON {table} BEGIN {delete_old} {insert_new} END")
        elif dialect == "postgresql":
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN tsv tsvector "
                "GENERATED ALWAYS AS (to_tsvector('english', document)) STORED"
            )
            op.execute(f"CREATE INDEX ix_{table}_tsv ON {table} USING gin (tsv)")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_incidents_country_code_occurred_at_id", ["country_code", "occurred_at", "id"], unique=False
        )
    for table in CREATED_AT_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(f"ix_{table}_created_at_id", ["created_at", "id"], unique=False)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in CREATED_AT_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_created_at_id")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_country_code_occurred_at_id")
    for name in SEARCH:
        table = f"{name}_search"
        if dialect == "sqlite":
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
        op.drop_table(table)
