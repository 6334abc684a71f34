"""PostgreSQL ranks full-text matches in narrow tables of terms

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 15:00:00

A `q` page ranks every match (`ts_rank`), so PostgreSQL reads each matching row. The `tsvector`
lived beside the document text it was made from, ~950 bytes a row; a word found in a quarter of
100,000 incidents touched nearly every page of the table. Each search table now has a companion
`<name>_search_terms (id, owner_id, tsv)` of ~540 bytes a row (54 MB instead of 97 MB for the
incidents): the six words of the benchmark ranked in about half the time (median 18.8 ms to
10 ms in `psql`, warm).

The terms are unique by `owner_id` too, as the documents are: a search narrowed by other filters
looks up the terms of the few rows left. They are kept by statement-level triggers on the search
table (one INSERT ... SELECT per statement, COPY included), ENABLED ALWAYS so that they also fire
while the bulk importer runs with `session_replication_role = replica`; a deleted document takes
its terms with it (ON DELETE CASCADE). SQLite is unchanged: FTS5 keeps its own index. The upgrade
copies the existing terms and builds the indexes: ~5 s at 100,000 incidents, writes to the search
tables waiting.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ["incident_search", "actor_search", "statement_search"]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        terms = f"{table}_terms"
        op.execute(
            f"CREATE TABLE {terms} (id bigint NOT NULL, owner_id uuid NOT NULL, tsv tsvector NOT NULL, "
            f"CONSTRAINT pk_{terms} PRIMARY KEY (id), "
            # By owner: a search narrowed by other filters (a country and a week, say) looks up the
            # terms of the few rows they leave (0.3 ms) instead of joining every match (100 ms).
            f"CONSTRAINT uq_{terms}_owner_id UNIQUE (owner_id), "
            f"CONSTRAINT fk_{terms}_id_{table} FOREIGN KEY (id) REFERENCES {table} (id) ON DELETE CASCADE)"
        )
        op.execute(f"INSERT INTO {terms} (id, owner_id, tsv) SELECT id, owner_id, tsv FROM {table}")
        op.execute(f"CREATE INDEX ix_{terms}_tsv ON {terms} USING gin (tsv)")
        op.execute(f"DROP INDEX ix_{table}_tsv")
        op.execute(f"ALTER TABLE {table} DROP COLUMN tsv")
        op.execute(
            f"""CREATE FUNCTION {terms}_insert() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO {terms} (id, owner_id, tsv)
                SELECT id, owner_id, to_tsvector('english', document) FROM new_rows;
                RETURN NULL;
            END $$"""
        )
        op.execute(
            f"""CREATE FUNCTION {terms}_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE {terms} AS t SET owner_id = n.owner_id, tsv = to_tsvector('english', n.document)
                FROM new_rows AS n WHERE t.id = n.id;
                RETURN NULL;
            END $$"""
        )
        for action in ("insert", "update"):
            op.execute(
                f"CREATE TRIGGER {terms}_{action} AFTER {action.upper()} ON {table} "
                f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {terms}_{action}()"
            )
            op.execute(f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {terms}_{action}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        terms = f"{table}_terms"
        for action in ("insert", "update"):
            op.execute(f"DROP TRIGGER {terms}_{action} ON {table}")
            op.execute(f"DROP FUNCTION {terms}_{action}()")
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('english', document)) STORED"
        )
        op.execute(f"CREATE INDEX ix_{table}_tsv ON {table} USING gin (tsv)")
        op.execute(f"DROP TABLE {terms}")
