import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from app.actors.schemas import ActorCreate, ActorUpdate
from app.actors.service import ActorQuery, actors
from app.crud import crud_router
from app.db import SessionDep
from app.incidents.schemas import IncidentRead
from app.incidents.service import IncidentQuery, incidents
from app.pagination import Page


class ActorIncidentQuery(IncidentQuery):
    actor_id: None = None


def _nested(router: APIRouter) -> None:
    @router.get(
        "/{id}/incidents",
        summary="List the incidents an actor is part of",
        description="Incidents where this actor has a role (`role` narrows it), filtered like the list.",
        response_model=Page[IncidentRead],
        response_model_exclude_unset=True,
    )
    def list_actor_incidents(
        request: Request,
        response: Response,
        session: SessionDep,
        id: uuid.UUID,
        query: Annotated[ActorIncidentQuery, Query()],
    ) -> Any:
        actors.get(session, id)
        full = IncidentQuery(**query.model_dump(exclude={"actor_id"}, exclude_unset=True), actor_id=id)
        return incidents.nested_page(request, response, session, full)


router = crud_router(
    actors,
    create_model=ActorCreate,
    update_model=ActorUpdate,
    query_model=ActorQuery,
    noun="actor",
    tag="actors",
    extra_routes=_nested,
)
