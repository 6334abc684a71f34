"""The one generic piece behind every resource: list, create, read, merge-patch, delete, history.

A domain module supplies a `CrudService` subclass (its rules) and gets a router with the contract's
five endpoints plus `/history`, all sharing pagination, ETags, `If-Match`, `Location`, history rows
and tombstones. Domain routers add their nested endpoints beside it.
"""

import hashlib
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, ClassVar, Generic, Literal, TypeVar

import orjson
from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import LoaderOption

from app import exports, history, search, sync
from app.auth import require_admin_for_cascade, require_editor
from app.db import Resource, SessionDep, read, touch
from app.documents import Documents
from app.errors import Conflict, NotFound, Unprocessable
from app.etag import IfMatch, check_if_match, etag
from app.pagination import Page, keyset, link_next, list_scope, page_body, split_page
from app.schemas import CreateModel, FilterTime, ReadModel, Timestamp, UpdateModel

M = TypeVar("M", bound=Resource)
C = TypeVar("C", bound=CreateModel)
U = TypeVar("U", bound=UpdateModel)
R = TypeVar("R", bound=ReadModel)


ExportFormat = Literal["json", "csv", "ndjson", "geojson", "acled"]


class TombstoneRead(BaseModel):
    """A deleted row in a sync page: `updated_at` is when it was deleted."""

    id: uuid.UUID
    deleted: Literal[True] = True
    updated_at: Timestamp


@dataclass
class ListPage:
    items: Sequence[Any]  # rows, and TombstoneRead when include_deleted
    next_cursor: str | None
    total: int | None
    watermark: datetime | None  # set on sync requests (updated_since or include_deleted)


class ListQuery(BaseModel):
    """Query parameters every list takes; resources subclass it with their filters and sorts."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(50, ge=1, le=500, description="Page size, 1 to 500.")
    cursor: str | None = Field(None, description="`next_cursor` of the previous page (opaque).")
    with_total: bool = Field(False, description="Add `total`, the number of matching rows (costs a count).")
    updated_since: FilterTime | None = Field(
        None,
        description="Only rows changed at or after this time (RFC 3339, inclusive), for sync. The "
        "response's `X-Sync-Watermark` header is the value to send next time (docs/sync.md).",
        examples=["2024-01-01T00:00:00Z"],
    )
    include_deleted: bool = Field(
        False,
        description="Also list deleted rows as tombstones `{id, deleted: true, updated_at}` (their "
        "deletion time), merged into the page in `updated_at` order; the default sort becomes "
        "`updated_at`, and no other sort is allowed. For sync (docs/sync.md).",
    )
    format: ExportFormat | None = Field(
        None,
        description="Export every matching row instead of one page, streamed: `csv`, `ndjson`, `geojson` "
        "(incidents) or `acled` (incidents, ACLED's CSV columns). Same as `Accept: text/csv`, "
        "`application/x-ndjson`, `application/geo+json` (docs/querying.md).",
    )


# Parameters that shape a page rather than choose rows.
_LIST_CONTROLS = frozenset({"q", "limit", "cursor", "sort", "with_total", "format", "include_deleted"})


class CrudService(Generic[M, C, U, R]):
    """Rules of one resource. Methods flush, never commit: the request's transaction does."""

    resource: ClassVar[str]  # wire name in history rows, e.g. "sources"
    model: type[M]
    read_model: type[R]
    sorts: ClassVar[dict[str, str]]  # sort name (without "-") -> model attribute
    default_sort: ClassVar[str] = "-created_at"
    # Query parameters that match the column of the same name exactly (`?kind=state`).
    equal_filters: ClassVar[tuple[str, ...]] = ()
    # The read model as JSON written by the database (app/documents.py): what every GET sends.
    documents: ClassVar[Documents]

    # --- reading ---
    def load_options(self) -> Sequence[LoaderOption]:
        """Eager loads the read model needs when it is made from ORM objects (a write's response,
        history), so that costs a fixed number of queries."""
        return ()

    def get(
        self, session: Session, row_id: uuid.UUID, *, for_update: bool = False, for_delete: bool = False
    ) -> M:
        """The row, 404 when there is none. `for_update` locks it as an UPDATE that keeps its key
        does (`FOR NO KEY UPDATE`): others may still insert rows that refer to it, as PostgreSQL's
        own foreign-key checks allow; a PATCH holding `FOR UPDATE` made a rename wait for, and
        deadlock with, a statement citing the actor. `for_delete` takes the whole row lock."""
        stmt = select(self.model).where(self.model.id == row_id).options(*self.load_options())
        if for_update or for_delete:
            stmt = stmt.with_for_update(key_share=not for_delete)
        row = session.scalars(stmt).one_or_none()
        if row is None:
            raise NotFound(f"no {self.resource.rstrip('s').replace('-', ' ')} with id {row_id}")
        return row

    def rows_where(self, session: Session, *conditions: ColumnElement[bool]) -> Sequence[M]:
        stmt = select(self.model).where(*conditions).options(*self.load_options())
        return session.scalars(stmt).all()

    def filter(self, stmt: Select[Any], query: Any) -> Select[Any]:
        """Apply the resource's filters that are more than `equal_filters`; the base handles those
        and `updated_since`."""
        return stmt

    def sort_key(self, sort: str) -> ColumnElement[Any]:
        return getattr(self.model, self.sorts[sort.lstrip("-")])  # type: ignore[no-any-return]

    def matching(self, session: Session, query: Any) -> tuple[Select[Any], ColumnElement[float] | None]:
        """The rows a list, an export or a statistic covers (filters, `updated_since`, full-text `q`),
        and the relevance score when `q` is given."""
        stmt = self.filter(select(self.model), query)
        for name in self.equal_filters:
            value = getattr(query, name)
            if value is not None:
                stmt = stmt.where(getattr(self.model, name) == value)
        if query.updated_since is not None:
            stmt = stmt.where(self.model.updated_at >= query.updated_since)
        q = getattr(query, "q", None)
        index = search.index_for(self.resource)
        if q is None or index is None:
            return stmt, None
        return search.apply(stmt, self.model.id, index, q, session.get_bind().dialect.name)

    def ordering(self, query: Any, score: ColumnElement[float] | None) -> tuple[str, ColumnElement[Any]]:
        """The sort in force: the one asked for; else `updated_at` for sync with tombstones; else
        relevance (most relevant first) when `q` is given; else the resource's default."""
        explicit = "sort" in query.model_fields_set
        if getattr(query, "include_deleted", False):
            if explicit and query.sort != "updated_at":
                raise Unprocessable("sort", "with include_deleted=true the only sort is updated_at")
            return "updated_at", self.sort_key("updated_at")
        if score is not None and not explicit:
            # Scores rank one query's matches: a cursor made for another `q` is refused (400).
            return f"-relevance:{hashlib.sha256(str(query.q).encode()).hexdigest()[:16]}", score
        sort = getattr(query, "sort", None) or self.default_sort
        return sort, self.sort_key(sort)

    def nested_page(self, request: Request, response: Response, session: Session, query: ListQuery) -> Any:
        """A nested list (`/v1/incidents/{id}/statements`, ...): a page of the top-level list with
        the parent as a filter, its `Link` and, on a sync request, its watermark. Exports and
        tombstones are the top-level list's: asking a nested list for them names it."""
        top_level = f"the top-level list, /v1/{self.resource}"
        if query.include_deleted:
            raise Unprocessable("include_deleted", f"tombstones are listed by {top_level}")
        if query.format not in (None, "json"):
            raise Unprocessable("format", f"exports are offered by {top_level}")
        page = self.page(session, query, scope=list_scope(request))
        link_next(request, response, page.next_cursor)
        if page.watermark is not None:
            response.headers[sync.WATERMARK_HEADER] = sync.format_time(page.watermark)
        items = list(self.render(session, page.items))
        return json_response(page_body(items, page.next_cursor, page.total), response)

    def page(self, session: Session, query: ListQuery, *, scope: str) -> ListPage:
        """One page of the list; on sync requests also tombstones and the sync watermark. `scope`
        names the list being paged (`pagination.list_scope`): its cursors are good for it alone.

        The page's rows are its ids (and sort keys), for `render`: no ORM objects on the hot path
        of a frontend paging all day.
        """
        watermark = None
        if query.updated_since is not None or query.include_deleted:
            watermark = sync.watermark(session)  # before reading: see app/sync.py
        stmt, score = self.matching(session, query)
        sort, key = self.ordering(query, score)
        total = None
        if query.with_total:
            total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
        pairs: Sequence[tuple[Any, Any]]
        if score is not None and key is score:
            pairs = self._ranked(session, stmt, score, sort, query, scope)
        else:
            page_stmt = keyset(
                stmt, key, self.model.id, sort=sort, limit=query.limit, cursor=query.cursor, scope=scope
            )
            page_stmt = page_stmt.with_only_columns(self.model.id, key, maintain_column_froms=True)
            pairs = [(row, row[-1]) for row in session.execute(page_stmt)]
        if query.include_deleted:
            pairs = sync.merge_tombstones(session, self.resource, pairs, query, scope)
        page: Sequence[tuple[Any, Any]]
        page, next_cursor = split_page(pairs, query.limit, sort, lambda p: (p[1], p[0].id), scope=scope)
        return ListPage([row for row, _ in page], next_cursor, total, watermark)

    def _ranked(
        self,
        session: Session,
        stmt: Select[Any],
        score: ColumnElement[float],
        sort: str,
        query: ListQuery,
        scope: str,
    ) -> Sequence[tuple[Any, Any]]:
        """A relevance page: (id, score) rows, so the sort over every match carries two narrow
        columns, not whole rows (SQLite sorts what it selects)."""
        ids_stmt: Select[Any] = stmt.with_only_columns(self.model.id, score)  # type: ignore[assignment]  # keyset takes any Select
        id_column: Any = self.model.id
        index = search.index_for(self.resource)
        if index is not None and all(v is None for k, v in query if k not in _LIST_CONTROLS):
            # `q` alone: rank from the search tables, without joining every match to the rows
            ids_stmt, score, id_column = search.ranked(index, query.q, session.get_bind().dialect.name)  # type: ignore[attr-defined]
        ranked: Sequence[Any] = session.execute(
            keyset(ids_stmt, score, id_column, sort=sort, limit=query.limit, cursor=query.cursor, scope=scope)
        ).all()
        return [(row, row[1]) for row in ranked]

    # --- reading, as JSON-ready values (what the GET endpoints send, encoded once by orjson) ---
    def csv_select(self, stmt: Select[Any], dialect: str) -> Select[Any] | None:
        """`stmt` (the export's rows, filtered and ordered) selecting the CSV's cells, when the
        database can write the whole file (app/exports.py); None: the CSV is the flattened read
        model."""
        return None

    def render(self, session: Session, rows: Sequence[Any]) -> Sequence[Any]:
        """List items as JSON-ready values, from `page` rows (ids first); tombstones (sync) as they
        are. A row deleted between the page and its documents is left out, as if it had gone a
        moment sooner."""
        live = self.documents.render(session, [r for r in rows if not isinstance(r, TombstoneRead)])
        return [
            r.model_dump(mode="json") if isinstance(r, TombstoneRead) else live[r[0]]
            for r in rows
            if isinstance(r, TombstoneRead) or r[0] in live
        ]

    def get_json(self, session: Session, row_id: uuid.UUID) -> tuple[Any, int]:
        """One row as its JSON-ready read model, and its version for the ETag (404 if absent)."""
        found = self.documents.one(session, row_id)
        if found is None:
            raise NotFound(f"no {self.resource.rstrip('s').replace('-', ' ')} with id {row_id}")
        return found

    def to_read(self, row: M) -> R:
        return self.read_model.model_validate(row)

    # --- writing ---
    def create(self, session: Session, body: C) -> M:
        raise NotImplementedError

    def update(self, session: Session, row: M, patch: U) -> M:
        for name, value in patch.changes().items():
            setattr(row, name, value)
        return row

    def references(self, session: Session, row: M) -> dict[str, int]:
        """What points at `row`, by kind: a non-empty answer makes a plain delete a 409."""
        return {}

    def delete(self, session: Session, row: M, *, cascade: bool) -> None:
        refs = {kind: n for kind, n in self.references(session, row).items() if n}
        if refs and not cascade:
            listed = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in refs.items())
            raise Conflict(
                f"{self.resource.rstrip('s')} {row.id} is referred to by {listed}; delete those first, "
                "or repeat with ?cascade=true (admin only)",
                references=refs,
            )
        if refs:
            self.cascade(session, row)
        session.delete(row)

    def cascade(self, session: Session, row: M) -> None:
        """Delete or detach what points at `row` (called only with `cascade=true`)."""

    def remove(self, session: Session, row: M, *, cascade: bool = False) -> None:
        """Delete `row` and record it in the history (with a tombstone for sync clients)."""
        before = self.snapshot(row)
        row_id = row.id
        self.delete(session, row, cascade=cascade)
        session.flush()
        history.record(session, self.resource, row_id, "delete", before=before, after=None, version=None)

    def add(self, session: Session, body: C) -> M:
        """Create a row from `body` and record it in the history."""
        row = self.create(session, body)
        session.flush()
        history.record(
            session,
            self.resource,
            row.id,
            "create",
            before=None,
            after=self.snapshot(row),
            version=row.version,
        )
        return row

    def change(self, session: Session, row: M, patch: U) -> M:
        """Apply a merge patch and record it in the history when anything changed."""
        before = self.snapshot(row)
        row = self.update(session, row, patch)
        session.flush()
        after = self.snapshot(row)
        if after != before:
            history.record(
                session, self.resource, row.id, "update", before=before, after=after, version=row.version
            )
        return row

    def snapshot(self, row: M) -> Any:
        return self.to_read(row).model_dump(mode="json")

    @contextmanager
    def side_effects(self, session: Session, ids: Iterable[uuid.UUID | None]) -> Iterator[None]:
        """What a write does to records other than its own (a report moves its incident's casualty
        figure; a cascade takes evidence from the statements that quoted a deleted source): each row
        of `ids` that shows something new afterwards gets a new version and `updated_at` and a
        history row, as if it had been PATCHed, so ETags, sync clients and the history all see the
        change. A row deleted meanwhile is left to its own delete's history. Two side effects on one
        row in one transaction (a cascade that takes a report and a source from one incident) are
        one change: one version, one history row (`history.record`).

        The rows are read in a second session on the same connection and transaction: reloading
        them in `session` would reset what its own objects have loaded."""
        session.flush()
        wanted = [row_id for row_id in ids if row_id is not None]
        if not wanted:
            yield
            return
        # Locked (in id order) before the first snapshot: a change another transaction committed
        # in between would pass for this one's, and its version for this change's.
        lock = select(self.model.id).where(self.model.id.in_(wanted)).order_by(self.model.id)
        session.execute(lock.with_for_update(key_share=True)).all()
        # "rollback_only": closing it leaves the transaction alone (the default would open a
        # savepoint inside one, and undo the caller's writes with it).
        with Session(bind=session.connection(), join_transaction_mode="rollback_only") as view:
            before = self._snapshots(view, wanted)
            yield
            session.flush()
            for row_id, after in self._snapshots(view, [*before]).items():
                # Against what this transaction's history row of it says, if it has one already.
                old = history.written_after(session, self.resource, row_id) or before[row_id]
                if _content(after) == _content(old):
                    continue
                if after["version"] == before[row_id]["version"]:  # only what it links to changed
                    touched = session.get(self.model, row_id)
                    assert touched is not None
                    touch(touched)
                    session.flush()
                    after = self._snapshots(view, [row_id])[row_id]
                history.record(
                    session,
                    self.resource,
                    row_id,
                    "update",
                    before=old,
                    after=after,
                    version=after["version"],
                )

    def _current(self, view: Session, ids: Sequence[uuid.UUID]) -> Sequence[M]:
        """These rows as the transaction now has them, loaded afresh in `view`."""
        view.expunge_all()
        stmt = select(self.model).where(self.model.id.in_(ids)).options(*self.load_options())
        return view.scalars(stmt).all()

    def _snapshots(self, view: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Any]:
        return {row.id: self.snapshot(row) for row in self._current(view, ids)}


def _content(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A snapshot without the bookkeeping that any change moves."""
    return {name: value for name, value in snapshot.items() if name not in ("version", "updated_at")}


@dataclass
class Version:
    version: int


def json_response(body: Any, response: Response) -> Response:
    """`body` (already JSON-ready) encoded once with orjson, with the headers set on `response`.

    Returning a Response skips FastAPI's second validation of the body against `response_model`
    (which stays for the OpenAPI schema): on a page of 50 incidents that was most of the time.
    """
    out = Response(orjson.dumps(body, option=orjson.OPT_UTC_Z), media_type="application/json")
    out.headers.raw.extend(response.headers.raw)
    return out


def crud_router(
    service: CrudService[Any, Any, Any, Any],
    *,
    create_model: type[CreateModel],
    update_model: type[UpdateModel],
    query_model: type[ListQuery],
    noun: str,
    tag: str,
    examples: dict[str, Any] | None = None,
    extra_routes: Callable[[APIRouter], None] | None = None,
) -> APIRouter:
    """The contract's endpoints for one resource, documented for Swagger UI."""
    read_model = service.read_model
    router = APIRouter(prefix=f"/v1/{service.resource}", tags=[tag])
    path_id = f"{noun.replace(' ', '_')}_id"
    snake = noun.replace(" ", "_")
    a_noun = f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"
    RowId = Annotated[uuid.UUID, Path(description=f"The {noun}'s id (a UUID).")]
    plural = service.resource.replace("-", " ")

    def single(response: Response, row: Any) -> Any:
        response.headers["ETag"] = etag(row)
        return service.to_read(row)

    @router.get(
        "",
        summary=f"List {plural}",
        operation_id=f"list_{service.resource.replace('-', '_')}",
        description=f"A page of {plural}, keyset-paginated: follow `next_cursor` (also in the `Link` "
        "header) until it is null. Unknown query parameters are refused with 422. With `q` and no `sort`, "
        "the most relevant rows come first. `updated_since` + `include_deleted=true` is the sync feed "
        "(tombstones, `X-Sync-Watermark`: docs/sync.md). `format=csv|ndjson` (and `geojson`, `acled` for "
        "incidents) or an `Accept` of `text/csv`, `application/x-ndjson`, `application/geo+json` streams "
        "every matching row as an attachment instead of a page (docs/querying.md).",
        response_model=Page[read_model | TombstoneRead],  # type: ignore[valid-type]
        response_model_exclude_unset=True,
        responses=exports.openapi_responses(service.resource),
    )
    async def list_rows(
        request: Request,
        response: Response,
        query: Annotated[query_model, Query()],  # type: ignore[valid-type]
    ) -> Any:
        export = exports.negotiate(request, service, query)
        if export is not None:
            return exports.stream(request, service, query, export)

        scope = list_scope(request)

        def work(session: Session) -> tuple[ListPage, list[Any]]:
            page = service.page(session, query, scope=scope)
            return page, list(service.render(session, page.items))

        page, items = await read(request, work)
        response.headers["Vary"] = "Accept"  # the same URL is also a CSV, NDJSON or GeoJSON export
        link_next(request, response, page.next_cursor)
        if page.watermark is not None:
            response.headers[sync.WATERMARK_HEADER] = sync.format_time(page.watermark)
        return json_response(page_body(items, page.next_cursor, page.total), response)

    @router.post(
        "",
        status_code=201,
        summary=f"Create {a_noun}",
        operation_id=f"create_{snake}",
        description=f"Creates {a_noun}. The response carries `Location` and `ETag`.",
        response_model=read_model,
        dependencies=[Depends(require_editor)],
    )
    def create_row(
        request: Request,
        response: Response,
        session: SessionDep,
        body: create_model,  # type: ignore[valid-type]
    ) -> Any:
        row = service.add(session, body)
        response.headers["Location"] = str(request.url_for(f"get_{path_id}", id=row.id))
        return single(response, row)

    @router.get(
        "/{id}",
        name=f"get_{path_id}",
        summary=f"Get {a_noun}",
        operation_id=f"get_{snake}",
        description=f"One {noun}, with its `ETag` (the version) for a later `If-Match`.",
        response_model=read_model,
    )
    async def get_row(request: Request, response: Response, id: RowId) -> Any:
        body, version = await read(request, lambda session: service.get_json(session, id))
        response.headers["ETag"] = etag(Version(version))
        return json_response(body, response)

    @router.patch(
        "/{id}",
        summary=f"Change {a_noun} (JSON Merge Patch)",
        operation_id=f"update_{snake}",
        description="RFC 7396: a field that is absent is kept, `null` clears it. Send `If-Match` with the "
        "ETag you read; a stale one is 412 and nothing changes.",
        response_model=read_model,
        dependencies=[Depends(require_editor)],
        openapi_extra={"requestBody": {"content": {"application/merge-patch+json": {"schema": {}}}}},
    )
    def patch_row(
        response: Response,
        session: SessionDep,
        id: RowId,
        body: update_model,  # type: ignore[valid-type]
        if_match: IfMatch = None,
    ) -> Any:
        row = service.get(session, id, for_update=True)
        check_if_match(if_match, row)
        return single(response, service.change(session, row, body))

    @router.delete(
        "/{id}",
        status_code=204,
        summary=f"Delete {a_noun}",
        operation_id=f"delete_{snake}",
        description="409 with the reason when other records point to it, unless `cascade=true` (admin only). "
        "Honours `If-Match`. (The example id is a seeded record; most are referred to, so trying it shows "
        "the 409.)",
        response_class=Response,
        dependencies=[Depends(require_editor), Depends(require_admin_for_cascade)],
    )
    def delete_row(
        session: SessionDep,
        id: RowId,
        if_match: IfMatch = None,
        cascade: Annotated[bool, Query(description="Also delete or detach what points to it.")] = False,
    ) -> Response:
        row = service.get(session, id, for_delete=True)
        check_if_match(if_match, row)
        service.remove(session, row, cascade=cascade)
        return Response(status_code=204)

    @router.get(
        "/{id}/history",
        summary=f"History of {a_noun}",
        operation_id=f"history_of_{snake}",
        description="Every create, update and delete of this record: who (API key id), when, before, after, "
        "oldest first, keyset-paginated like every list.",
        response_model=Page[history.ChangeRead],
        response_model_exclude_unset=True,
    )
    def row_history(
        request: Request,
        response: Response,
        session: SessionDep,
        id: RowId,
        query: Annotated[history.HistoryQuery, Query()],
    ) -> Any:
        changes, next_cursor, total = history.page(session, service.resource, id, query, list_scope(request))
        if not changes and query.cursor is None:
            service.get(session, id)  # 404 for an id that never existed
        link_next(request, response, next_cursor)
        return page_body(changes, next_cursor, total)

    if extra_routes is not None:
        extra_routes(router)
    return router
