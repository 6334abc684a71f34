import hashlib
from typing import Any, ClassVar

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.crud import CrudService, ListQuery
from app.documents import flat_documents
from app.errors import Conflict
from app.evidence import Evidence
from app.sources.models import Source
from app.sources.schemas import SourceCreate, SourceRead, SourceSort, SourceUpdate


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SourceQuery(ListQuery):
    sort: SourceSort = "-created_at"


class SourceService(CrudService[Source, SourceCreate, SourceUpdate, SourceRead]):
    resource = "sources"
    model = Source
    read_model = SourceRead
    documents = flat_documents(Source, SourceRead)
    sorts: ClassVar[dict[str, str]] = {
        "created_at": "created_at",
        "updated_at": "updated_at",
        "title": "title",
    }

    def find_by_text(self, session: Session, text: str) -> Source | None:
        return session.scalars(select(Source).where(Source.content_sha256 == sha256(text))).one_or_none()

    def create(self, session: Session, body: SourceCreate) -> Source:
        existing = self.find_by_text(session, body.text)
        if existing is not None:
            raise Conflict(
                f"a source with the same text already exists: {existing.id}", existing_id=str(existing.id)
            )
        row = Source(**body.model_dump(), content_sha256=sha256(body.text))
        session.add(row)
        return row

    def update(self, session: Session, row: Source, patch: SourceUpdate) -> Source:
        changes = patch.changes()
        if "text" in changes and changes["text"] != row.text:
            cited = session.scalar(select(func.count()).where(Evidence.source_id == row.id))
            if cited:
                raise Conflict(
                    f"the text of source {row.id} is cited by {cited} evidence spans and cannot change; "
                    "create a new source instead"
                )
            digest = sha256(changes["text"])
            other = session.scalar(
                select(Source.id).where(Source.content_sha256 == digest, Source.id != row.id)
            )
            if other is not None:
                raise Conflict(f"a source with the same text already exists: {other}", existing_id=str(other))
            row.content_sha256 = digest
        for name, value in changes.items():
            setattr(row, name, value)
        return row

    def references(self, session: Session, row: Source) -> dict[str, int]:
        from app.casualties.models import CasualtyReport
        from app.incidents.models import IncidentSource

        def count(stmt: Any) -> int:
            return int(session.scalar(stmt) or 0)

        return {
            "incidents": count(select(func.count()).where(IncidentSource.source_id == row.id)),
            "casualty_reports": count(select(func.count()).where(CasualtyReport.source_id == row.id)),
            "evidence_spans": count(select(func.count()).where(Evidence.source_id == row.id)),
        }

    def cascade(self, session: Session, row: Source) -> None:
        from app.casualties.service import casualty_reports
        from app.incidents.models import IncidentActor, IncidentSource
        from app.incidents.service import incidents
        from app.statements.service import statements

        reports = casualty_reports.model
        quoting = Evidence.source_id == row.id
        incident_ids = session.scalars(
            select(Evidence.incident_id)
            .where(quoting, Evidence.incident_id.is_not(None))
            .union(
                select(IncidentActor.incident_id)
                .join(Evidence, Evidence.incident_actor_id == IncidentActor.id)
                .where(quoting),
                select(IncidentSource.incident_id).where(IncidentSource.source_id == row.id),
            )
        ).all()
        statement_ids = session.scalars(select(Evidence.statement_id).where(quoting).distinct()).all()
        report_ids = session.scalars(select(Evidence.casualty_report_id).where(quoting).distinct()).all()
        # Every incident the cascade changes, locked first and in id order (IncidentService.lock).
        incidents.lock(
            session,
            *incident_ids,
            *session.scalars(select(reports.incident_id).where(reports.source_id == row.id)),
            *session.scalars(select(reports.incident_id).where(reports.id.in_(report_ids))),
            *session.scalars(
                select(statements.model.incident_id).where(statements.model.id.in_(statement_ids))
            ),
        )
        for report in session.scalars(
            select(reports).where(reports.source_id == row.id).options(*casualty_reports.load_options())
        ).all():
            casualty_reports.remove(session, report)
        # What quotes or lists the source loses it: a change to each of those records.
        with (
            incidents.side_effects(session, incident_ids),
            statements.side_effects(session, statement_ids),
            casualty_reports.side_effects(session, report_ids),
        ):
            session.execute(delete(Evidence).where(quoting))
            session.execute(delete(IncidentSource).where(IncidentSource.source_id == row.id))


sources = SourceService()
