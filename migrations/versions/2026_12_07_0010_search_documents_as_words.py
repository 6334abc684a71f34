"""Search documents are stored as their words; SQLite reads each row's term counts

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 03:00:00

PostgreSQL's `to_tsvector` parsed a document's text itself: "F-16" became `f` and the signed
number `-16`, "U.N." the file name `u.n`, "50.4501" one float, "9/11" a path, while the service cut
`q` into plain words ("f", "16"), so such terms were never found there (SQLite found them). The
service now cuts documents the way it cuts queries (app/search.py, `words`): a stored document is
its text's runs of letters and digits, one space apart. This rewrites every stored document so
(the cut is copied below as it is today, as a migration must be); PostgreSQL's triggers then
rebuild the terms, and SQLite's the FTS5 index. The benchmark's 100,000 incidents (303,000
documents with their statements and actors) took 14 s on SQLite and 31 s on PostgreSQL, on two
shared cores.

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

revision: str = "0010"
down_revision: str | None = "0009"
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
                # One statement per batch: the terms trigger runs once for the batch's rows.
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
            # The rewritten terms wait in the GIN index's pending list, which every search would
            # then read through (searches took twice as long); merged now, and the tables analyzed.
            # Autovacuum reclaims the old row versions later (or run VACUUM after the upgrade).
            op.execute(f"SELECT gin_clean_pending_list('ix_{table}_terms_tsv'::regclass)")
            op.execute(f"ANALYZE {table}, {table}_terms")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in NAMES:
            op.execute(f"DROP TABLE IF EXISTS {name}_search_fts_instances")
