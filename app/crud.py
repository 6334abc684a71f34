"""The one generic piece behind every resource: list, create, read, merge-patch, delete, history.

A domain module supplies a `CrudService` subclass (its rules) and gets a router with the contract's
five endpoints plus `/history`, all sharing pagination, ETags, `If-Match`, `Location`, history rows
and tombstones. Domain routers add their nested endpoints beside it.
"""

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Generic, TypeVar

import orjson
from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import LoaderOption

from app import history
from app.auth import require_admin_for_cascade, require_editor
from app.db import Resource, SessionDep
from app.errors import Conflict, NotFound
from app.etag import IfMatch, check_if_match, etag
from app.pagination import Page, keyset, link_next, page_body, split_page
from app.schemas import CreateModel, ReadModel, Timestamp, UpdateModel

M = TypeVar("M", bound=Resource)
C = TypeVar("C", bound=CreateModel)
U = TypeVar("U", bound=UpdateModel)
R = TypeVar("R", bound=ReadModel)


class ListQuery(BaseModel):
    """Query parameters every list takes; resources subclass it with their filters and sorts."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(50, ge=1, le=500, description="Page size, 1 to 500.")
    cursor: str | None = Field(None, max_length=2000, description="`next_cursor` of the previous page.")
    with_total: bool = Field(False, description="Add `total`, the number of matching rows (costs a count).")
    updated_since: Timestamp | None = Field(
        None, description="Only rows changed at or after this time (RFC 3339), for sync."
    )


class CrudService(Generic[M, C, U, R]):
    """Rules of one resource. Methods flush, never commit: the request's transaction does."""

    resource: ClassVar[str]  # wire name in history rows, e.g. "sources"
    model: type[M]
    read_model: type[R]
    sorts: ClassVar[dict[str, str]]  # sort name (without "-") -> model attribute
    default_sort: ClassVar[str] = "-created_at"

    # --- reading ---
    def load_options(self) -> Sequence[LoaderOption]:
        """Eager loads the read model needs, so a page costs a fixed number of queries."""
        return ()

    def get(self, session: Session, row_id: uuid.UUID, *, for_update: bool = False) -> M:
        stmt = select(self.model).where(self.model.id == row_id).options(*self.load_options())
        if for_update:
            stmt = stmt.with_for_update()
        row = session.scalars(stmt).one_or_none()
        if row is None:
            raise NotFound(f"no {self.resource.rstrip('s').replace('-', ' ')} with id {row_id}")
        return row

    def rows_where(self, session: Session, *conditions: ColumnElement[bool]) -> Sequence[M]:
        stmt = select(self.model).where(*conditions).options(*self.load_options())
        return session.scalars(stmt).all()

    def filter(self, stmt: Select[Any], query: Any) -> Select[Any]:
        """Apply the resource's own filters; the base handles `updated_since`."""
        return stmt

    def sort_key(self, sort: str) -> ColumnElement[Any]:
        return getattr(self.model, self.sorts[sort.lstrip("-")])  # type: ignore[no-any-return]

    def list_statement(
        self, session: Session, query: ListQuery, base: Select[Any]
    ) -> tuple[Select[Any], int | None]:
        """The page's statement over `base` (ORM entity or plain columns), and the total if asked."""
        sort = getattr(query, "sort", None) or self.default_sort
        stmt = self.filter(base, query)
        if query.updated_since is not None:
            stmt = stmt.where(self.model.updated_at >= query.updated_since)
        total = None
        if query.with_total:
            total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
        key = self.sort_key(sort)
        return keyset(stmt, key, self.model.id, sort=sort, limit=query.limit, cursor=query.cursor), total

    def split(self, rows: Sequence[Any], query: ListQuery) -> tuple[Sequence[Any], str | None]:
        """The page and the next page's cursor, from the rows of `list_statement`."""
        sort = getattr(query, "sort", None) or self.default_sort
        attr = self.sorts[sort.lstrip("-")]
        return split_page(rows, query.limit, sort, lambda r: (getattr(r, attr), r.id))

    def list(self, session: Session, query: ListQuery) -> tuple[Sequence[M], str | None, int | None]:
        page_stmt, total = self.list_statement(session, query, select(self.model))
        rows = session.scalars(page_stmt.options(*self.load_options())).all()
        page, next_cursor = self.split(rows, query)
        return page, next_cursor, total

    # --- reading, as JSON-ready dicts (what the GET endpoints send) ---
    def dump(self, row: M) -> dict[str, Any]:
        return self.to_read(row).model_dump(mode="json")

    def list_json(self, session: Session, query: ListQuery) -> tuple[Sequence[Any], str | None, int | None]:
        """A page as JSON-ready items. Resources on hot paths override it to skip the ORM."""
        rows, next_cursor, total = self.list(session, query)
        return [self.dump(r) for r in rows], next_cursor, total

    def get_json(self, session: Session, row_id: uuid.UUID) -> dict[str, Any]:
        """One row as its JSON-ready read model (404 if absent)."""
        return self.dump(self.get(session, row_id))

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
            listed = ", ".join(f"{n} {kind}" for kind, n in refs.items())
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
    plural = service.resource.replace("-", " ")

    def single(response: Response, row: Any) -> Any:
        response.headers["ETag"] = etag(row)
        return service.to_read(row)

    @router.get(
        "",
        summary=f"List {plural}",
        description=f"A page of {plural}, keyset-paginated: follow `next_cursor` (also in the `Link` "
        "header) until it is null. Unknown query parameters are refused with 422.",
        response_model=Page[read_model],  # type: ignore[valid-type]
        response_model_exclude_unset=True,
    )
    def list_rows(
        request: Request,
        response: Response,
        session: SessionDep,
        query: Annotated[query_model, Query()],  # type: ignore[valid-type]
    ) -> Any:
        items, next_cursor, total = service.list_json(session, query)
        link_next(request, response, next_cursor)
        return json_response(page_body(list(items), next_cursor, total), response)

    @router.post(
        "",
        status_code=201,
        summary=f"Create a {noun}",
        description=f"Creates a {noun}. The response carries `Location` and `ETag`.",
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
        response.headers["Location"] = str(request.url_for(f"get_{path_id}", row_id=row.id))
        return single(response, row)

    @router.get(
        "/{row_id}",
        name=f"get_{path_id}",
        summary=f"Get a {noun}",
        description=f"One {noun}, with its `ETag` (the version) for a later `If-Match`.",
        response_model=read_model,
    )
    def get_row(response: Response, session: SessionDep, row_id: uuid.UUID) -> Any:
        body = service.get_json(session, row_id)
        response.headers["ETag"] = etag(Version(body["version"]))
        return json_response(body, response)

    @router.patch(
        "/{row_id}",
        summary=f"Change a {noun} (JSON Merge Patch)",
        description="RFC 7396: a field that is absent is kept, `null` clears it. Send `If-Match` with the "
        "ETag you read; a stale one is 412 and nothing changes.",
        response_model=read_model,
        dependencies=[Depends(require_editor)],
        openapi_extra={"requestBody": {"content": {"application/merge-patch+json": {"schema": {}}}}},
    )
    def patch_row(
        response: Response,
        session: SessionDep,
        row_id: uuid.UUID,
        body: update_model,  # type: ignore[valid-type]
        if_match: IfMatch = None,
    ) -> Any:
        row = service.get(session, row_id, for_update=True)
        check_if_match(if_match, row)
        return single(response, service.change(session, row, body))

    @router.delete(
        "/{row_id}",
        status_code=204,
        summary=f"Delete a {noun}",
        description="409 with the reason when other records point to it, unless `cascade=true` (admin only). "
        "Honours `If-Match`.",
        response_class=Response,
        dependencies=[Depends(require_editor), Depends(require_admin_for_cascade)],
    )
    def delete_row(
        session: SessionDep,
        row_id: uuid.UUID,
        if_match: IfMatch = None,
        cascade: Annotated[bool, Query(description="Also delete or detach what points to it.")] = False,
    ) -> Response:
        row = service.get(session, row_id, for_update=True)
        check_if_match(if_match, row)
        service.remove(session, row, cascade=cascade)
        return Response(status_code=204)

    @router.get(
        "/{row_id}/history",
        summary=f"History of a {noun}",
        description="Every create, update and delete of this record: who (API key id), when, before, after, "
        "oldest first.",
        response_model=list[history.ChangeRead],
    )
    def row_history(session: SessionDep, row_id: uuid.UUID) -> Any:
        rows = session.scalars(
            select(history.Change)
            .where(history.Change.resource == service.resource, history.Change.resource_id == row_id)
            .order_by(history.Change.id)
        ).all()
        if not rows:
            service.get(session, row_id)  # 404 for an id that never existed
        return rows

    if extra_routes is not None:
        extra_routes(router)
    return router
