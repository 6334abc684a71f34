"""The incident CSV: one row per incident, flat columns, every cell computed by the database.

A spreadsheet cannot use nested JSON, so the CSV is the incident's own fields, its location and
casualty figure flattened (`location_country_code`, `casualties_killed_best`), lists of values
joined with "; " (`tags`, `source_ids`, `casualties_report_ids`), and its actors twice: readable
(`actors`: "Name (role); ...") and as ids in the same order (`actor_ids`). Evidence spans are in
the JSON, NDJSON and GeoJSON exports, which carry the whole read model.

Every cell is an SQL expression (ids, times and lists written as the JSON writes them, see
app/jsontext.py; text that begins like a spreadsheet formula with a leading ', see app/exports.py),
so PostgreSQL can stream the whole file with COPY and Python never touches a row there
(app/exports.py).
"""

from typing import Any

from sqlalchemy import String, Table, func, literal, literal_column, select, true, type_coerce

from app.actors.models import Actor
from app.exports import spreadsheet_cell, spreadsheet_sql
from app.incidents.models import Incident, IncidentActor, IncidentSource
from app.incidents.reads import actor_order
from app.jsontext import as_json, coordinate_text, uuid_text

INCIDENTS: Table = Incident.__table__  # type: ignore[assignment]
LINKS: Table = IncidentActor.__table__  # type: ignore[assignment]
ACTORS: Table = Actor.__table__  # type: ignore[assignment]
SOURCE_LINKS: Table = IncidentSource.__table__  # type: ignore[assignment]

SEPARATOR = "; "
# The cells that carry a client's text, which may begin like a spreadsheet formula ("=HYPERLINK(")
# and are written with a leading ' then (app/exports.py, `spreadsheet_text`); in the lists (`tags`,
# the names in `actors`) each item is. The other cells cannot begin so: ids, times, vocabulary
# words, country codes, and numbers (a latitude of -33.4 stays a number).
TEXT_CELLS = frozenset(
    {"title", "summary", "timezone", "location_name", "location_admin1", "location_admin2", "location_city"}
)


def _join(dialect: str, column: Any) -> Any:
    """The aggregate joining a group's values with "; ", in the order its rows arrive."""
    if dialect == "postgresql":
        return func.string_agg(column, literal(SEPARATOR))
    return func.group_concat(column, SEPARATOR)


def _json_list(dialect: str, column: Any, *, text: bool = False) -> Any:
    """A JSON array of strings, joined with "; " in array order (the order the functions list it).
    `text`: the items are a client's, each written as a spreadsheet's text (`spreadsheet_text`)."""
    name = column.name
    if dialect == "postgresql":
        item = spreadsheet_sql("e", dialect) if text else "e"
        elements = f"jsonb_array_elements_text(incidents.{name}) AS e"
        return literal_column(f"(SELECT string_agg({item}, '{SEPARATOR}') FROM {elements})")
    item = spreadsheet_sql("value", dialect) if text else "value"
    return literal_column(f"(SELECT group_concat({item}, '{SEPARATOR}') FROM json_each(incidents.{name}))")


def csv_select(stmt: Any, dialect: str) -> Any:
    """`stmt` (incidents, filtered and ordered) with the CSV's cells as its columns, in header order."""
    c = INCIDENTS.c
    # The read model's order. Rows are sorted in a subquery the aggregate then reads in order: an
    # ORDER BY inside the aggregate sorted each incident's actors with a sort of its own, half the
    # export's time.
    actor_rows = (
        select(
            (spreadsheet_cell(ACTORS.c.name) + " (" + type_coerce(LINKS.c.role, String) + ")").label("actor"),
            uuid_text(LINKS.c.actor_id).label("actor_id"),
        )
        .select_from(LINKS.join(ACTORS, ACTORS.c.id == LINKS.c.actor_id))
        .where(LINKS.c.incident_id == c.id)
        .order_by(*actor_order(dialect))
        .correlate(INCIDENTS)
        .subquery("actor_rows")
    )
    source_rows = (
        select(uuid_text(SOURCE_LINKS.c.source_id).label("source_id"))
        .where(SOURCE_LINKS.c.incident_id == c.id)
        .order_by(SOURCE_LINKS.c.position)
        .correlate(INCIDENTS)
        .subquery("source_rows")
    )
    actors = select(
        _join(dialect, actor_rows.c.actor).label("actors"),
        _join(dialect, actor_rows.c.actor_id).label("actor_ids"),
    ).select_from(actor_rows)
    sources = select(
        _join(dialect, source_rows.c.source_id).label("source_ids"),
        func.count().label("source_count"),
    ).select_from(source_rows)
    linked: dict[str, Any]
    if dialect == "postgresql":
        # One lateral subquery gives both columns of a pair: each incident's links are read once.
        actors_of, sources_of = actors.lateral("actors_of"), sources.lateral("sources_of")
        stmt = stmt.outerjoin(actors_of, true()).outerjoin(sources_of, true())
        linked = {**actors_of.c, **sources_of.c}
    else:
        linked = {
            column.name: pair.with_only_columns(column).scalar_subquery()
            for pair in (actors, sources)
            for column in pair.selected_columns
        }

    columns = [
        ("id", c.id),
        ("created_at", c.created_at),
        ("updated_at", c.updated_at),
        ("version", c.version),
        ("title", c.title),
        ("summary", c.summary),
        ("event_type", c.event_type),
        ("sub_event_type", c.sub_event_type),
        ("disorder_type", c.disorder_type),
        ("occurred_at", c.occurred_at),
        ("occurred_at_precision", c.occurred_at_precision),
        ("timezone", c.timezone),
        ("location_name", c.location_name),
        ("location_admin1", c.admin1),
        ("location_admin2", c.admin2),
        ("location_city", c.city),
        ("location_country_code", c.country_code),
        ("location_latitude", coordinate_text(c.latitude)),
        ("location_longitude", coordinate_text(c.longitude)),
        ("location_precision", c.location_precision),
        ("status", c.status),
        ("claim_status", c.claim_status),
        ("tags", _json_list(dialect, c.tags, text=True)),
        ("source_ids", linked["source_ids"]),
        ("source_count", func.coalesce(linked["source_count"], 0)),
        ("actors", linked["actors"]),
        ("actor_ids", linked["actor_ids"]),
        ("casualties_killed_low", c.killed_low),
        ("casualties_killed_best", c.killed_best),
        ("casualties_killed_high", c.killed_high),
        ("casualties_injured_low", c.injured_low),
        ("casualties_injured_best", c.injured_best),
        ("casualties_injured_high", c.injured_high),
        ("casualties_report_ids", _json_list(dialect, c.casualty_report_ids)),
        ("statement_count", c.statement_count),
    ]
    cells = [
        spreadsheet_cell(expression).label(name) if name in TEXT_CELLS else as_json(expression, name=name)
        for name, expression in columns
    ]
    return stmt.with_only_columns(*cells, maintain_column_froms=True)
