import uuid
from collections.abc import Sequence
from typing import ClassVar

from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from app.crud import CrudService, ListQuery
from app.documents import flat_documents
from app.errors import Unprocessable
from app.evidence import build_evidence, replace_evidence
from app.incidents.models import Incident
from app.incidents.service import incidents
from app.statements.models import Statement
from app.statements.schemas import StatementCreate, StatementRead, StatementSort, StatementUpdate
from app.vocab import Stance, StatementKind


class StatementQuery(ListQuery):
    sort: StatementSort = "-created_at"
    speaker_id: uuid.UUID | None = None
    incident_id: uuid.UUID | None = None
    stance: Stance | None = None
    kind: StatementKind | None = None
    q: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        description="Full-text search over the statement's text: every word must match (stemmed); "
        "most relevant first unless `sort` is given (docs/querying.md).",
        examples=["condemn attack"],
    )


class StatementService(CrudService[Statement, StatementCreate, StatementUpdate, StatementRead]):
    resource = "statements"
    model = Statement
    read_model = StatementRead
    documents = flat_documents(Statement, StatementRead)
    equal_filters = ("speaker_id", "incident_id", "stance", "kind")
    sorts: ClassVar[dict[str, str]] = {"created_at": "created_at", "updated_at": "updated_at"}

    def load_options(self) -> Sequence[LoaderOption]:
        return (selectinload(Statement.evidence),)

    def _check_refs(
        self, session: Session, incident_id: uuid.UUID | None, speaker_id: uuid.UUID | None
    ) -> None:
        from app.actors.models import Actor

        if incident_id is not None and session.get(Incident, incident_id) is None:
            raise Unprocessable("incident_id", f"no incident with id {incident_id}")
        if speaker_id is not None and session.get(Actor, speaker_id) is None:
            raise Unprocessable("speaker_id", f"no actor with id {speaker_id}")

    def create(self, session: Session, body: StatementCreate) -> Statement:
        incidents.lock(session, body.incident_id)
        self._check_refs(session, body.incident_id, body.speaker_id)
        row = Statement(**body.model_dump(exclude={"evidence"}))
        row.evidence = build_evidence(session, body.evidence)
        session.add(row)
        session.flush()
        refresh_statement_count(session, row.incident_id)
        return row

    def update(self, session: Session, row: Statement, patch: StatementUpdate) -> Statement:
        changes = patch.changes()
        incidents.lock(session, row.incident_id, changes.get("incident_id"))
        self._check_refs(session, changes.get("incident_id"), changes.get("speaker_id"))
        old_incident = row.incident_id
        replace_evidence(session, row, changes)
        for name, value in changes.items():
            setattr(row, name, value)
        if row.incident_id != old_incident:
            session.flush()
            refresh_statement_count(session, old_incident)
            refresh_statement_count(session, row.incident_id)
        return row

    def remove(
        self, session: Session, row: Statement, *, cascade: bool = False, refresh: bool = True
    ) -> None:
        """`refresh=False`: the incident's count is left alone (its own delete is removing it)."""
        incident_id = row.incident_id
        if refresh:
            incidents.lock(session, incident_id)
        super().remove(session, row, cascade=cascade)
        if refresh:
            refresh_statement_count(session, incident_id)


def refresh_statement_count(session: Session, incident_id: uuid.UUID | None) -> None:
    """Keep the incident's `statement_count` in step: a new version and a history row when it moves."""
    if incident_id is None:
        return
    incidents.lock(session, incident_id)
    incident = session.get(Incident, incident_id)
    if incident is None:
        return
    count = session.scalar(select(func.count()).where(Statement.incident_id == incident_id)) or 0
    if incident.statement_count != count:
        with incidents.side_effects(session, [incident_id]):
            incident.statement_count = count


statements = StatementService()
