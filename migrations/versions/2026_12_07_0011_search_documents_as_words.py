"""Search documents are stored as their words; SQLite reads each row's term counts

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 03:00:00

PostgreSQL's `to_tsvector` parsed a document's text itself: "F-16" became `f` and the signed
number `-16`, "U.N." the file name `u.n`, "50.4501" one float, "9/11" a path, while the service cut
`q` into plain words ("f", "16"), so such terms were never found there (SQLite found them). The
service now cuts documents the way it cuts queries (app/search.py, `words`): a stored document is
its text's runs of letters and digits, one space apart. This rewrites every stored document so
(the cut is copied below as it is today, as a migration must be); SQLite's triggers then rebuild
the FTS5 index, and on PostgreSQL the terms tables are rebuilt whole, with their GIN indexes. The
benchmark's 100,000 incidents (303,000 documents with their statements and actors) took 14 s on
SQLite and 17 s on PostgreSQL, on two shared cores; the documents tables keep their old row
versions until (auto)vacuum, the terms tables, which searches read, do not.

SQLite also gets, for each FTS5 index, its `instance` vocabulary table (`<name>_search_fts_instances`:
one row per occurrence of a term), from which a row's relevance is now computed (app/search.py).

The downgrade drops the vocabulary tables and leaves the documents as words: the previous code
searches them as it searched the text (on PostgreSQL it finds more than it did).
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAMES = ["incident", "actor", "statement"]
BATCH = 5000
WORD = re.compile(r"[^\W_]+")


def searchable(text: str) -> str:
    """app/search.py `searchable` as of this revision."""
    return " ".join(WORD.findall(unicodedata.normalize("NFC", text)))


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    for name in NAMES:
        table = f"{name}_search"
        terms = f"{table}_terms"
        if dialect == "postgresql":
            # The terms are rebuilt whole below, into a fresh table and index, not row by row.
            op.execute(f"ALTER TABLE {table} DISABLE TRIGGER {terms}_update")
        after = 0
        while True:
            rows = bind.execute(
                sa.text(f"SELECT id, document FROM {table} WHERE id > :after ORDER BY id LIMIT {BATCH}"),
                {"after": after},
            ).all()
            if not rows:
                break
            after = rows[-1][0]
            changed = [(row_id, searchable(text)) for row_id, text in rows if searchable(text) != text]
            if not changed:
                continue
            if dialect == "postgresql":
                bind.execute(
                    sa.text(
                        f"UPDATE {table} AS d SET document = c.document "
                        "FROM unnest(CAST(:ids AS bigint[]), CAST(:documents AS text[])) AS c(id, document) "
                        "WHERE d.id = c.id"
                    ),
                    {"ids": [i for i, _ in changed], "documents": [d for _, d in changed]},
                )
            else:
                bind.execute(
                    sa.text(f"UPDATE {table} SET document = :document WHERE id = :id"),
                    [{"id": i, "document": d} for i, d in changed],
                )
        if dialect == "sqlite":
            op.execute(
                f"CREATE VIRTUAL TABLE {table}_fts_instances USING fts5vocab({table}_fts, 'instance')"
            )
        else:
            # Updated in place, every row of the terms left a dead version behind and its new terms
            # waited in the GIN index's pending list: searches took 15-100% longer until VACUUM.
            # Rebuilt (as migration 0006 built it), the table is as compact as before and its
            # index freshly built.
            op.execute(f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {terms}_update")
            op.execute(f"DROP INDEX ix_{terms}_tsv")
            op.execute(f"TRUNCATE {terms}")
            op.execute(
                f"INSERT INTO {terms} (id, owner_id, tsv) "
                f"SELECT id, owner_id, to_tsvector('english', document) FROM {table}"
            )
            op.execute(f"CREATE INDEX ix_{terms}_tsv ON {terms} USING gin (tsv)")
            op.execute(f"ANALYZE {table}, {terms}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in NAMES:
            op.execute(f"DROP TABLE IF EXISTS {name}_search_fts_instances")
