"""Incidents' read models kept as JSON text, marked stale by triggers

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 17:00:00

Building the documents of a page of 50 took PostgreSQL 2.3 ms (the actors, their evidence, the
source ids: ~350 index lookups); reading them stored takes 0.3 ms. `incident_documents (id,
document)` holds them (app/incidents/models.py). The database says when one is out of date: these
triggers set `document` to NULL whenever a row it shows is written (the incident; its actor links,
source links and evidence; an actor's name or kind), and a new incident gets a row of its own. The
transaction that wrote it then writes the document again before it commits
(app/incidents/reads.py, `refresh`), and a read builds any NULL document itself, so a stale one is
never served, whichever code path wrote the rows.

PostgreSQL: the trigger that marks a document takes that row's lock, so two transactions that
change the same incident write its document one after the other, each from what the other
committed. A new actor link also locks the actor `FOR SHARE`: a rename waits for the link's
transaction (and then marks the new incident too), or the link waits for the rename. The triggers
are ENABLED (not ALWAYS): the bulk importer's `session_replication_role = replica` batches skip
them and write the documents of what they touched themselves.

The upgrade adds a NULL document for every incident; `python -m app migrate` then writes them
(~12 s per 100,000 incidents on PostgreSQL). A later change to the document's layout must set
them all to NULL.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STALE = "UPDATE incident_documents SET document = NULL WHERE id"
# Evidence shows in a document when it backs the incident or one of its actor links.
EVIDENCE_OWNER = "IN ({row}.incident_id, (SELECT incident_id FROM incident_actors WHERE id = {row}.incident_actor_id))"
LINKED = "IN (SELECT incident_id FROM incident_actors WHERE actor_id = NEW.id)"

POSTGRESQL = f"""
CREATE FUNCTION incident_documents_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'incidents' THEN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO incident_documents (id) VALUES (NEW.id);
        ELSE
            {STALE} = NEW.id;
        END IF;
    ELSIF TG_TABLE_NAME = 'actors' THEN
        {STALE} {LINKED};
    ELSIF TG_TABLE_NAME = 'evidence' THEN
        IF TG_OP <> 'INSERT' THEN
            {STALE} {EVIDENCE_OWNER.format(row="OLD")};
        END IF;
        IF TG_OP <> 'DELETE' THEN
            {STALE} {EVIDENCE_OWNER.format(row="NEW")};
        END IF;
    ELSE  -- incident_actors, incident_sources
        IF TG_OP <> 'INSERT' THEN
            {STALE} = OLD.incident_id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            IF TG_TABLE_NAME = 'incident_actors' THEN
                PERFORM 1 FROM actors WHERE id = NEW.actor_id FOR SHARE;
            END IF;
            {STALE} = NEW.incident_id;
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER incident_documents_stale AFTER INSERT OR UPDATE ON incidents
    FOR EACH ROW EXECUTE FUNCTION incident_documents_stale();
CREATE TRIGGER incident_documents_stale AFTER UPDATE OF name, kind ON actors
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.kind IS DISTINCT FROM NEW.kind)
    EXECUTE FUNCTION incident_documents_stale();
CREATE TRIGGER incident_documents_stale AFTER INSERT OR UPDATE OR DELETE ON evidence
    FOR EACH ROW EXECUTE FUNCTION incident_documents_stale();
CREATE TRIGGER incident_documents_stale AFTER INSERT OR UPDATE OR DELETE ON incident_actors
    FOR EACH ROW EXECUTE FUNCTION incident_documents_stale();
CREATE TRIGGER incident_documents_stale AFTER INSERT OR UPDATE OR DELETE ON incident_sources
    FOR EACH ROW EXECUTE FUNCTION incident_documents_stale();
"""

PG_TABLES = ["incidents", "actors", "evidence", "incident_actors", "incident_sources"]


def _sqlite_triggers() -> dict[str, str]:
    """name -> CREATE TRIGGER: SQLite's triggers have one event each and no procedural language.

    Writers take turns on SQLite, so there is no lock to take, and a document already NULL is
    left as it is: a bulk load's new incidents are marked once, not once per link and evidence
    row (that made a load of 10,000 incidents 1.9 s slower)."""
    stale = "UPDATE incident_documents SET document = NULL WHERE document IS NOT NULL AND id"
    triggers = {
        "incidents_document_insert": "AFTER INSERT ON incidents BEGIN "
        "INSERT INTO incident_documents (id) VALUES (NEW.id); END",
        "incidents_document_update": f"AFTER UPDATE ON incidents BEGIN {stale} = NEW.id; END",
        "actors_document_update": "AFTER UPDATE OF name, kind ON actors "
        f"WHEN OLD.name IS NOT NEW.name OR OLD.kind IS NOT NEW.kind BEGIN {stale} {LINKED}; END",
    }
    for table in ("incident_actors", "incident_sources", "evidence"):
        for event, rows in (("insert", ["NEW"]), ("update", ["OLD", "NEW"]), ("delete", ["OLD"])):
            when = ""
            if table == "evidence":
                body = " ".join(f"{stale} {EVIDENCE_OWNER.format(row=row)};" for row in rows)
                # Most evidence backs statements and casualty reports, which no document shows.
                owners = [f"{row}.{c} IS NOT NULL" for row in rows for c in ("incident_id", "incident_actor_id")]
                when = f"WHEN {' OR '.join(owners)} "
            else:
                body = " ".join(f"{stale} = {row}.incident_id;" for row in rows)
            triggers[f"{table}_document_{event}"] = f"AFTER {event.upper()} ON {table} {when}BEGIN {body} END"
    return triggers


def upgrade() -> None:
    op.create_table(
        "incident_documents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("document", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["id"], ["incidents.id"], name=op.f("fk_incident_documents_id_incidents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_documents")),
    )
    op.create_index(
        "ix_incident_documents_stale",
        "incident_documents",
        ["id"],
        postgresql_where=sa.text("document IS NULL"),
        sqlite_where=sa.text("document IS NULL"),
    )
    op.execute("INSERT INTO incident_documents (id) SELECT id FROM incidents")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRESQL)
    else:
        for name, definition in _sqlite_triggers().items():
            op.execute(f"CREATE TRIGGER {name} {definition}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in PG_TABLES:
            op.execute(f"DROP TRIGGER incident_documents_stale ON {table}")
        op.execute("DROP FUNCTION incident_documents_stale()")
    else:
        for name in _sqlite_triggers():
            op.execute(f"DROP TRIGGER {name}")
    op.drop_index("ix_incident_documents_stale", table_name="incident_documents")
    op.drop_table("incident_documents")
