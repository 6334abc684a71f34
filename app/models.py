"""Every table, imported in one place so Alembic and `create_all` see the whole schema."""

from app.actors.models import Actor, actor_affiliations
from app.auth import ApiKey
from app.casualties.models import CasualtyReport
from app.db import Base
from app.evidence import Evidence
from app.history import Change, Tombstone
from app.idempotency import IdempotencyRecord
from app.incidents.models import Incident, IncidentActor, IncidentSource, IncidentTag
from app.list_indexes import CREATED_AT  # noqa: F401  (indexes for the lists' default sort)
from app.search import ACTORS, INCIDENTS, STATEMENTS  # noqa: F401  (search document tables)
from app.sources.models import Source
from app.statements.models import Statement

__all__ = [
    "Actor",
    "ApiKey",
    "Base",
    "CasualtyReport",
    "Change",
    "Evidence",
    "IdempotencyRecord",
    "Incident",
    "IncidentActor",
    "IncidentSource",
    "IncidentTag",
    "Source",
    "Statement",
    "Tombstone",
    "actor_affiliations",
]
