"""Read models written as JSON by the database: no ORM objects, no Pydantic on the read path.

A page through the ORM built an object per row and per evidence span and validated each with
Pydantic: a page of 50 statements cost ~3.5 ms of Python holding the GIL, so eight clients queued
on one core. Here PostgreSQL (`json_build_object`/`json_agg`) or SQLite (`json_object`/
`json_group_array`) writes each row's whole document in the read model's layout, and Python
embeds the text as it is (orjson.Fragment): a page is two statements, its ids and their documents.

Incidents keep their documents stored (app/incidents/reads.py); a resource whose read model is
its own columns, evidence and a few computed fields gets one built on each read
(`flat_documents`). tests/test_reads.py
checks every document against the Pydantic read model on both databases.
"""

import uuid
from collections.abc import Callable, Sequence
from typing import Any

import orjson
from pydantic import BaseModel
from sqlalchemy import (
    JSON,
    Dialect,
    Integer,
    String,
    Table,
    Text,
    Uuid,
    any_,
    bindparam,
    cast,
    func,
    literal_column,
    select,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.sql import FromClause

from app.db import DriverQuery, UTCDateTime
from app.evidence import Evidence
from app.jsontext import time_text, uuid_text

EVIDENCE: Table = Evidence.__table__  # type: ignore[assignment]
EVIDENCE_FIELDS = ("source_id", "start", "end", "quote", "prefix", "suffix", "start_utf16", "end_utf16")
# The evidence column that points at each kind of owner.
_OWNER = {
    "incidents": "incident_id",
    "incident_actors": "incident_actor_id",
    "statements": "statement_id",
    "casualty_reports": "casualty_report_id",
}


class Json:
    """The JSON functions of one database, as the documents need them.

    SQLite passes a value built by its JSON functions on as JSON only within one SELECT: from a
    subquery it comes back as text, so a nested document is read back with `json()`."""

    def __init__(self, dialect: str) -> None:
        self.postgresql = dialect == "postgresql"

    def object(self, **fields: Any) -> Any:
        """A JSON object, the keys inlined (bound keys were ~60 parameters per statement)."""
        pairs: list[Any] = []
        for key, value in fields.items():
            pairs += [literal_column(f"'{key}'"), value]
        return func.json_build_object(*pairs) if self.postgresql else func.json_object(*pairs)

    def embed(self, json_value: Any) -> Any:
        """A JSON column, or a subquery's document, as JSON inside an object."""
        return json_value if self.postgresql else func.json(json_value)

    def array(
        self,
        element: Any,
        *order_by: Any,
        where: Any,
        correlate: Table,
        joined: Any = None,
        documents: bool = False,
    ) -> Any:
        """A JSON array of `element` over the rows `where` selects, in order; [] when there are none.

        The rows are sorted in a subquery that the aggregate reads in order (as the CSV export
        does): an ORDER BY inside `json_agg` cost each page ~15% more, measured side by side, and
        SQLite before 3.44 has none. `documents`: the elements are JSON objects."""
        rows = select(element.label("item")).where(where).order_by(*order_by).correlate(correlate)
        if joined is not None:
            rows = rows.select_from(joined)
        items = rows.subquery("items")
        if self.postgresql:
            aggregated = select(func.json_agg(items.c.item)).scalar_subquery()
            return func.coalesce(aggregated, literal_column("'[]'::json"))
        item = func.json(items.c.item) if documents else items.c.item
        aggregated = select(func.json_group_array(item)).scalar_subquery()
        return func.json(func.coalesce(aggregated, literal_column("'[]'")))

    def evidence(self, owner: Any, correlate: Table) -> Any:
        """The evidence of `owner` (an id column), in its order, as the read model lists it."""
        e = EVIDENCE.c
        item = self.object(
            source_id=uuid_text(e.source_id), **{name: e[name] for name in EVIDENCE_FIELDS[1:]}
        )
        where = owner == e[_OWNER[owner.table.name]]
        return self.array(item, e.position, where=where, correlate=correlate, documents=True)

    def value(self, column: Any) -> Any:
        """A column as the read model's JSON writes it. Only the types whose JSON both databases
        write alike: SQLite would write a boolean as 0 or 1, and the two write floats differently
        (app/jsontext.py, coordinate_json)."""
        if isinstance(column.type, Uuid):
            return uuid_text(column)
        if isinstance(column.type, UTCDateTime):
            return time_text(column)
        if isinstance(column.type, JSON):
            return self.embed(column)
        if isinstance(column.type, SAEnum | String | Text | Integer):
            return column
        raise TypeError(f"no JSON document for {column} ({column.type!r})")


class Documents:
    """One resource's documents: of one row (with its version, for the ETag) and of a page's ids,
    each one statement compiled once per dialect.

    The page's ids go as one parameter whatever the page size (a `uuid[]` literal on PostgreSQL,
    a JSON array on SQLite), so the SQL text never changes and the driver prepares it once:
    planning a document's subqueries took PostgreSQL ~3 ms, as long as running them."""

    def __init__(
        self, table: Table, document: Callable[[str], Any], source: FromClause | None = None
    ) -> None:
        self.table = table
        self.document = document  # dialect name -> the document's text, an SQL expression
        self.source = table if source is None else source  # what it reads from (incidents: a join)
        self._compiled: dict[str, tuple[DriverQuery, DriverQuery]] = {}

    def _queries(self, session: Session) -> tuple[DriverQuery, DriverQuery]:
        dialect: Dialect = session.get_bind().dialect
        queries = self._compiled.get(dialect.name)
        if queries is None:
            row_id = self.table.c.id
            document = self.document(dialect.name)
            by_id = row_id == bindparam("id")
            if dialect.name == "postgresql":
                among_ids = row_id == any_(cast(bindparam("ids", type_=String), ARRAY(Uuid())))
            else:
                among_ids = row_id.in_(select(func.json_each(bindparam("ids")).table_valued("value").c.value))
            one = select(self.table.c.version, document).select_from(self.source).where(by_id)
            page = select(uuid_text(row_id), document).select_from(self.source).where(among_ids)
            queries = self._compiled[dialect.name] = (
                DriverQuery.compile(one, dialect),
                DriverQuery.compile(page, dialect),
            )
        return queries

    def one(self, session: Session, row_id: uuid.UUID) -> tuple[Any, int] | None:
        """The read model of one row (JSON-ready) and its version, or None."""
        postgresql = session.get_bind().dialect.name == "postgresql"
        # SQLite keeps an id as 32 hex digits (SQLAlchemy's Uuid there).
        found = self._queries(session)[0].rows(session, id=row_id if postgresql else row_id.hex)
        return (orjson.Fragment(found[0][1]), found[0][0]) if found else None

    def texts(self, session: Session, row_ids: Sequence[str]) -> list[tuple[str, str]]:
        """(id, document) texts of these rows, by their ids' hyphenated text; a row deleted
        meanwhile has none."""
        if not row_ids:
            return []
        if session.get_bind().dialect.name == "postgresql":
            ids = "{" + ",".join(row_ids) + "}"
        else:
            ids = orjson.dumps([i.replace("-", "") for i in row_ids]).decode()
        return self._queries(session)[1].rows(session, ids=ids)

    def render(self, session: Session, rows: Sequence[Any]) -> dict[Any, Any]:
        """The read models (JSON-ready) of these page rows (their id first), by their row's id."""
        wanted = {str(row[0]): row[0] for row in rows}
        return {wanted[text]: orjson.Fragment(doc) for text, doc in self.texts(session, list(wanted))}


def flat_documents(
    model: type[Any], read_model: type[BaseModel], **computed: Callable[[Json, Table], Any]
) -> Documents:
    """The documents of a read model whose fields are the model's columns of the same names,
    perhaps `evidence`, and the `computed` ones (name -> its SQL expression, given the dialect's
    Json and the table the document is of)."""
    table: Table = model.__table__

    def document(dialect: str) -> Any:
        j = Json(dialect)
        fields = {}
        for name in read_model.model_fields:
            if name in computed:
                fields[name] = computed[name](j, table)
            elif name == "evidence":
                fields[name] = j.evidence(table.c.id, table)
            else:
                fields[name] = j.value(table.c[name])
        return cast(j.object(**fields), String)

    return Documents(table, document)
