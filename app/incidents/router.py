import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from app import history
from app.auth import require_editor
from app.casualties.schemas import CasualtyReportRead
from app.casualties.service import CasualtyReportQuery, casualty_reports
from app.crud import crud_router
from app.db import SessionDep
from app.etag import IfMatch, check_if_match
from app.incidents.schemas import IncidentActorIn, IncidentActorRead, IncidentCreate, IncidentUpdate
from app.incidents.service import IncidentQuery, incidents
from app.pagination import Page, decode_cursor, link_next, list_scope, page_body, split_page
from app.statements.schemas import StatementRead
from app.statements.service import StatementQuery, statements
from app.vocab import Role


class IncidentActorQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role | None = Field(None, description="Only this role.")
    limit: int = Field(50, ge=1, le=500, description="Page size, 1 to 500.")
    cursor: str | None = Field(None, description="`next_cursor` of the previous page (opaque).")
    with_total: bool = Field(
        False, description="Add `total`, the number of the incident's (actor, role) pairs."
    )


class NestedStatementQuery(StatementQuery):
    incident_id: None = None


class NestedCasualtyReportQuery(CasualtyReportQuery):
    incident_id: None = None


# The list's order is the read model's (Incident.actors); its cursor carries that key and the id.
LINKS_SORT = "actors"


def _link_key(link: Any) -> tuple[datetime, str, str]:
    return (link.created_at, link.actor.name, link.role.value)


def _read_link_key(value: Any) -> tuple[datetime, str, str]:
    created_at, name, role = value
    return (datetime.fromisoformat(created_at), name, role)


def _links_page(links: list[Any], query: IncidentActorQuery, scope: str) -> tuple[list[Any], str | None]:
    """One keyset page of an incident's links (a few dozen at most, so they are paged in memory)."""
    if query.cursor is not None:
        key, after_id = decode_cursor(query.cursor, LINKS_SORT, _read_link_key, scope=scope)
        links = [link for link in links if (*_link_key(link), link.id) > (*key, after_id)]

    def cursor_key(link: Any) -> tuple[Any, uuid.UUID]:
        created_at, name, role = _link_key(link)
        return [created_at.isoformat(), name, role], link.id

    page, next_cursor = split_page(links, query.limit, LINKS_SORT, cursor_key, scope=scope)
    return list(page), next_cursor


def _nested(router: APIRouter) -> None:
    @router.get(
        "/{id}/actors",
        summary="List an incident's actors and their roles",
        description="The incident's (actor, role) pairs in the order of its `actors`, keyset-paginated "
        "like every list (`limit`, `cursor`, `with_total`); `role` narrows it. Unknown query parameters "
        "are 422.",
        response_model=Page[IncidentActorRead],
        response_model_exclude_unset=True,
    )
    def list_incident_actors(
        request: Request,
        response: Response,
        session: SessionDep,
        id: uuid.UUID,
        query: Annotated[IncidentActorQuery, Query()],
    ) -> Any:
        incident = incidents.get(session, id)
        links = [link for link in incident.actors if query.role is None or link.role == query.role]
        page, next_cursor = _links_page(links, query, list_scope(request))
        link_next(request, response, next_cursor)
        return page_body(page, next_cursor, len(links) if query.with_total else None)

    @router.post(
        "/{id}/actors",
        status_code=201,
        summary="Give an actor a role in an incident",
        description="Adds one (actor, role) pair; the same pair twice is 409. A suspected perpetrator is "
        "`role=perpetrator` with `confidence=suspected`. Honours `If-Match` on the incident.",
        response_model=IncidentActorRead,
        dependencies=[Depends(require_editor)],
    )
    def add_incident_actor(
        request: Request,
        response: Response,
        session: SessionDep,
        id: uuid.UUID,
        body: IncidentActorIn,
        if_match: IfMatch = None,
    ) -> Any:
        incidents.hold_actor(session, body.actor_id)
        incident = incidents.get(session, id, for_update=True)
        check_if_match(if_match, incident)
        before = incidents.snapshot(incident)
        link = incidents.add_actor(session, incident, body)
        session.flush()
        history.record(
            session,
            "incidents",
            incident.id,
            "update",
            before=before,
            after=incidents.snapshot(incident),
            version=incident.version,
        )
        response.headers["Location"] = str(request.url_for("get_incident_id", id=id)) + "/actors"
        response.headers["ETag"] = f'"{incident.version}"'
        return link

    @router.delete(
        "/{id}/actors/{actor_id}",
        status_code=204,
        summary="Remove an actor from an incident",
        description="Removes every role the actor has in the incident, or only `role` when given.",
        response_class=Response,
        dependencies=[Depends(require_editor)],
    )
    def remove_incident_actor(
        session: SessionDep,
        id: uuid.UUID,
        actor_id: uuid.UUID,
        role: Annotated[Role | None, Query()] = None,
        if_match: IfMatch = None,
    ) -> Response:
        incident = incidents.get(session, id, for_update=True)
        check_if_match(if_match, incident)
        before = incidents.snapshot(incident)
        incidents.remove_actor(session, incident, actor_id, role)
        session.flush()
        history.record(
            session,
            "incidents",
            incident.id,
            "update",
            before=before,
            after=incidents.snapshot(incident),
            version=incident.version,
        )
        return Response(status_code=204)

    @router.get(
        "/{id}/statements",
        summary="List an incident's statements",
        description="The statements about this incident, with the filters and paging of `GET /v1/statements` "
        "(newest first by default). 404 when the incident does not exist.",
        response_model=Page[StatementRead],
        response_model_exclude_unset=True,
    )
    def list_incident_statements(
        request: Request,
        response: Response,
        session: SessionDep,
        id: uuid.UUID,
        query: Annotated[NestedStatementQuery, Query()],
    ) -> Any:
        incidents.get(session, id)
        full = StatementQuery(**query.model_dump(exclude={"incident_id"}, exclude_unset=True), incident_id=id)
        return statements.nested_page(request, response, session, full)

    @router.get(
        "/{id}/casualty-reports",
        summary="List an incident's casualty reports",
        description="Every source's count for this incident, with the filters and paging of "
        "`GET /v1/casualty-reports`; the incident's `casualties` is the figure they give "
        "(docs/casualties.md). 404 when the incident does not exist.",
        response_model=Page[CasualtyReportRead],
        response_model_exclude_unset=True,
    )
    def list_incident_casualty_reports(
        request: Request,
        response: Response,
        session: SessionDep,
        id: uuid.UUID,
        query: Annotated[NestedCasualtyReportQuery, Query()],
    ) -> Any:
        incidents.get(session, id)
        full = CasualtyReportQuery(
            **query.model_dump(exclude={"incident_id"}, exclude_unset=True), incident_id=id
        )
        return casualty_reports.nested_page(request, response, session, full)


router = crud_router(
    incidents,
    create_model=IncidentCreate,
    update_model=IncidentUpdate,
    query_model=IncidentQuery,
    noun="incident",
    tag="incidents",
    extra_routes=_nested,
)
