import uuid
from collections.abc import Sequence
from typing import Any, ClassVar

from pydantic import Field
from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from app.actors.models import Actor, actor_affiliations
from app.actors.schemas import ActorCreate, ActorRead, ActorSort, ActorUpdate
from app.crud import CrudService, ListQuery
from app.db import touch
from app.documents import Json, flat_documents
from app.errors import Unprocessable
from app.jsontext import uuid_text
from app.schemas import CountryCode
from app.vocab import ActorKind


class ActorQuery(ListQuery):
    sort: ActorSort = "-created_at"
    q: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        description="Full-text search over the name and the aliases: every word must match (stemmed); "
        "most relevant first unless `sort` is given (docs/querying.md).",
        examples=["embassy"],
    )
    kind: ActorKind | None = None
    country_code: CountryCode | None = None


def _affiliated_with(j: Json, actors: Table) -> Any:
    """The ids an actor is affiliated with, in their text's order as the read model sorts them
    (a UUID's bytes and its hex digits sort alike)."""
    affiliation = actor_affiliations.c
    where = affiliation.actor_id == actors.c.id
    return j.array(
        uuid_text(affiliation.affiliated_id), affiliation.affiliated_id, where=where, correlate=actors
    )


class ActorService(CrudService[Actor, ActorCreate, ActorUpdate, ActorRead]):
    resource = "actors"
    model = Actor
    read_model = ActorRead
    documents = flat_documents(Actor, ActorRead, affiliated_with=_affiliated_with)
    equal_filters = ("kind", "country_code")
    sorts: ClassVar[dict[str, str]] = {"created_at": "created_at", "updated_at": "updated_at", "name": "name"}

    def load_options(self) -> Sequence[LoaderOption]:
        return (selectinload(Actor.affiliations).load_only(Actor.id),)

    def _affiliations(self, session: Session, ids: list[uuid.UUID], own_id: uuid.UUID | None) -> list[Actor]:
        unique = list(dict.fromkeys(ids))
        if own_id is not None and own_id in unique:
            raise Unprocessable("affiliated_with", "an actor cannot be affiliated with itself")
        found = {a.id: a for a in session.scalars(select(Actor).where(Actor.id.in_(unique))).all()}
        for position, actor_id in enumerate(unique):
            if actor_id not in found:
                raise Unprocessable(f"affiliated_with.{position}", f"no actor with id {actor_id}")
        return [found[i] for i in unique]

    @staticmethod
    def _reachable(session: Session, ids: list[uuid.UUID]) -> set[uuid.UUID]:
        """Every actor that `ids` are affiliated with, directly or through others. Only a change can
        close a cycle: no one is affiliated with a new actor yet."""
        links = actor_affiliations.c
        reach = select(links.affiliated_id).where(links.actor_id.in_(ids)).cte(recursive=True)
        reach = reach.union(select(links.affiliated_id).join(reach, links.actor_id == reach.c.affiliated_id))
        return set(session.scalars(select(reach.c.affiliated_id)))

    def create(self, session: Session, body: ActorCreate) -> Actor:
        data = body.model_dump(exclude={"affiliated_with"})
        row = Actor(**data)
        row.id = uuid.uuid4()
        row.affiliations = self._affiliations(session, body.affiliated_with, row.id)
        session.add(row)
        return row

    def update(self, session: Session, row: Actor, patch: ActorUpdate) -> Actor:
        changes = patch.changes()
        if "affiliated_with" in changes:
            wanted = self._affiliations(session, changes.pop("affiliated_with") or [], row.id)
            if row.id in self._reachable(session, [a.id for a in wanted]):
                raise Unprocessable(
                    "affiliated_with", "would form a cycle: one of these is affiliated with it"
                )
            if {a.id for a in wanted} != set(row.affiliated_with):
                row.affiliations = wanted
                touch(row)
        if changes.get("name", row.name) == row.name and changes.get("kind", row.kind) == row.kind:
            self._apply(row, changes)
            return row
        # Incidents show their actors' names and kinds: a rename is a change of each incident that
        # names the actor too, with its version, `updated_at` and history row (side_effects). Their
        # rows are locked first, as every write to what an incident shows does
        # (IncidentService.lock), and the links are read again once they are: one removed or added
        # meanwhile is as its writer left it.
        from app.incidents.models import IncidentActor
        from app.incidents.service import incidents

        linking = select(IncidentActor.incident_id).where(IncidentActor.actor_id == row.id).distinct()
        incidents.lock(session, *session.scalars(linking))
        linked = session.scalars(linking).all()
        incidents.lock(session, *linked)
        with incidents.side_effects(session, linked):
            self._apply(row, changes)
        return row

    @staticmethod
    def _apply(row: Actor, changes: dict[str, Any]) -> None:
        for name, value in changes.items():
            setattr(row, name, list(value or []) if name == "aliases" else value)

    def references(self, session: Session, row: Actor) -> dict[str, int]:
        from app.casualties.models import CasualtyReport
        from app.incidents.models import IncidentActor
        from app.statements.models import Statement

        def count(stmt: Any) -> int:
            return int(session.scalar(stmt) or 0)

        return {
            "statements": count(select(func.count()).where(Statement.speaker_id == row.id)),
            "incident_roles": count(select(func.count()).where(IncidentActor.actor_id == row.id)),
            "casualty_reports": count(select(func.count()).where(CasualtyReport.reported_by_id == row.id)),
            "affiliated_actors": count(
                select(func.count()).where(actor_affiliations.c.affiliated_id == row.id)
            ),
        }

    def cascade(self, session: Session, row: Actor) -> None:
        from app.casualties.models import CasualtyReport
        from app.casualties.service import casualty_reports
        from app.incidents.models import IncidentActor
        from app.incidents.service import incidents
        from app.statements.service import statements

        incident_ids = session.scalars(
            select(IncidentActor.incident_id).where(IncidentActor.actor_id == row.id).distinct()
        ).all()
        # Every incident the cascade changes, locked first and in id order (IncidentService.lock).
        spoken = select(statements.model.incident_id).where(statements.model.speaker_id == row.id)
        reported = select(CasualtyReport.incident_id).where(CasualtyReport.reported_by_id == row.id)
        incidents.lock(session, *incident_ids, *session.scalars(spoken), *session.scalars(reported))
        for statement in statements.rows_where(session, statements.model.speaker_id == row.id):
            statements.remove(session, statement)
        # What names the actor forgets it: a change to each of those records.
        report_ids = session.scalars(
            select(CasualtyReport.id).where(CasualtyReport.reported_by_id == row.id)
        ).all()
        affiliated_ids = session.scalars(
            select(actor_affiliations.c.actor_id).where(actor_affiliations.c.affiliated_id == row.id)
        ).all()
        with (
            incidents.side_effects(session, incident_ids),
            casualty_reports.side_effects(session, report_ids),
            self.side_effects(session, affiliated_ids),
        ):
            incidents.drop_actor_everywhere(session, row.id)
            session.execute(
                update(CasualtyReport)
                .where(CasualtyReport.reported_by_id == row.id)
                .values(reported_by_id=None)
            )
            session.execute(delete(actor_affiliations).where(actor_affiliations.c.affiliated_id == row.id))


actors = ActorService()
