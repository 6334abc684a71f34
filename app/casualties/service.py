import uuid
from collections.abc import Sequence
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from app.casualties.figures import figure
from app.casualties.models import CasualtyReport
from app.casualties.schemas import (
    CasualtyReportCreate,
    CasualtyReportRead,
    CasualtyReportSort,
    CasualtyReportUpdate,
    check_counts,
)
from app.crud import CrudService, ListQuery
from app.documents import flat_documents
from app.errors import Unprocessable
from app.evidence import build_evidence, replace_evidence
from app.incidents.models import Incident
from app.incidents.service import incidents
from app.vocab import CasualtyGroup, Qualifier


class CasualtyReportQuery(ListQuery):
    sort: CasualtyReportSort = "-created_at"
    incident_id: uuid.UUID | None = None
    source_id: uuid.UUID | None = None
    reported_by_id: uuid.UUID | None = None
    group: CasualtyGroup | None = None
    qualifier: Qualifier | None = None


class CasualtyReportService(
    CrudService[CasualtyReport, CasualtyReportCreate, CasualtyReportUpdate, CasualtyReportRead]
):
    resource = "casualty-reports"
    model = CasualtyReport
    read_model = CasualtyReportRead
    documents = flat_documents(CasualtyReport, CasualtyReportRead)
    equal_filters = ("incident_id", "source_id", "reported_by_id", "group", "qualifier")
    sorts: ClassVar[dict[str, str]] = {
        "reported_at": "reported_at",
        "created_at": "created_at",
        "updated_at": "updated_at",
    }

    def load_options(self) -> Sequence[LoaderOption]:
        return (selectinload(CasualtyReport.evidence),)

    def _check_refs(self, session: Session, values: dict[str, Any]) -> None:
        from app.actors.models import Actor
        from app.sources.models import Source

        for field, model, noun in (
            ("incident_id", Incident, "incident"),
            ("source_id", Source, "source"),
            ("reported_by_id", Actor, "actor"),
        ):
            value = values.get(field)
            if value is not None and session.get(model, value) is None:
                raise Unprocessable(field, f"no {noun} with id {value}")

    def create(self, session: Session, body: CasualtyReportCreate) -> CasualtyReport:
        incidents.lock(session, body.incident_id)
        self._check_refs(session, body.model_dump())
        row = CasualtyReport(**body.model_dump(exclude={"evidence"}))
        row.evidence = build_evidence(session, body.evidence)
        session.add(row)
        session.flush()
        refresh_figure(session, row.incident_id)
        return row

    def update(self, session: Session, row: CasualtyReport, patch: CasualtyReportUpdate) -> CasualtyReport:
        changes = patch.changes()
        incidents.lock(session, row.incident_id, changes.get("incident_id"))
        self._check_refs(session, changes)
        old_incident = row.incident_id
        replace_evidence(session, row, changes)
        for name, value in changes.items():
            setattr(row, name, value)
        try:
            check_counts(
                {name: getattr(row, name) for name in (*CasualtyReportRead.model_fields, "qualifier")}
            )
        except ValueError as exc:
            field, _, message = str(exc).partition(": ")
            raise Unprocessable(field, message) from None
        session.flush()
        refresh_figure(session, row.incident_id)
        if old_incident != row.incident_id:
            refresh_figure(session, old_incident)
        return row

    def remove(
        self, session: Session, row: CasualtyReport, *, cascade: bool = False, refresh: bool = True
    ) -> None:
        incident_id = row.incident_id
        if refresh:
            incidents.lock(session, incident_id)
        super().remove(session, row, cascade=cascade)
        if refresh:
            refresh_figure(session, incident_id)


def refresh_figure(session: Session, incident_id: uuid.UUID) -> None:
    """Recompute the incident's current casualty figure: a new version and a history row when it moves."""
    incidents.lock(session, incident_id)
    incident = session.get(Incident, incident_id)
    if incident is None:
        return
    reports = session.scalars(select(CasualtyReport).where(CasualtyReport.incident_id == incident_id)).all()
    result = figure(reports)
    killed = result.killed or (None, None, None)
    injured = result.injured or (None, None, None)
    report_ids = [str(i) for i in result.report_ids]
    with incidents.side_effects(session, [incident_id]):
        incident.killed_low, incident.killed_best, incident.killed_high = killed
        incident.injured_low, incident.injured_best, incident.injured_high = injured
        if incident.casualty_report_ids != report_ids:
            incident.casualty_report_ids = report_ids


casualty_reports = CasualtyReportService()
