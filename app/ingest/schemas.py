"""The annotation format: the records an analyst (or the extractor) reads out of one article.

Records refer to the article's words by quote, never by offset: the loader finds each quote in
the source's text and computes the offsets (`occurrence` picks one when a quote appears more than
once). Records refer to each other by the actor's `key` (a short local name, unique in the file).
The same model is the curated seed file (YAML), the body of `POST /v1/ingest`, and what the
automatic extractor proposes (with a `confidence` on each record).
"""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.casualties.schemas import Count
from app.incidents.schemas import Location
from app.vocab import (
    ActorKind,
    CasualtyGroup,
    ClaimStatus,
    Confidence,
    EventType,
    IncidentStatus,
    Qualifier,
    Role,
    SourceKind,
    SourceScale,
    Stance,
    StatementKind,
    SubEventType,
    TimePrecision,
)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Quote(Model):
    """Exact words of the article; `occurrence` (1-based) when they appear more than once."""

    quote: Annotated[str, Field(min_length=1, max_length=10_000)]
    occurrence: Annotated[int, Field(ge=1, strict=True)] | None = None


Score = Annotated[float, Field(ge=0, le=1, description="The extractor's confidence, 0 to 1.")]


class SourceAnnotation(Model):
    kind: SourceKind = SourceKind.news_article
    title: Annotated[str, Field(min_length=1, max_length=500)]
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    language: str | None = None
    source_scale: SourceScale = SourceScale.unknown


class ActorAnnotation(Model):
    key: Annotated[str, Field(min_length=1, max_length=100, description="Local name other records use.")]
    name: Annotated[str, Field(min_length=1, max_length=200)]
    kind: ActorKind
    aliases: list[str] = []
    country_code: str | None = None
    description: str | None = None
    affiliated_with: list[str] = Field(default=[], description="Keys of actors in this file.")
    evidence: list[Quote] = []
    score: Score | None = None
    actor_id: uuid.UUID | None = Field(
        None, description="An existing actor this one is (skips matching by name and alias)."
    )


class IncidentAnnotation(Model):
    title: Annotated[str, Field(min_length=1, max_length=500)]
    summary: str | None = None
    event_type: EventType
    sub_event_type: SubEventType | None = None
    occurred_at: datetime
    occurred_at_precision: TimePrecision = TimePrecision.day
    timezone: str | None = None
    location: Location | None = None
    status: IncidentStatus = IncidentStatus.reported
    claim_status: ClaimStatus = ClaimStatus.unknown
    tags: list[str] = []
    evidence: list[Quote] = []
    score: Score | None = None
    incident_id: uuid.UUID | None = Field(
        None, description="An existing incident this article reports on (skips matching via the source)."
    )


class RoleAnnotation(Model):
    actor: str = Field(description="An actor's key.")
    role: Role
    confidence: Confidence = Confidence.confirmed
    evidence: list[Quote] = []
    score: Score | None = None


class StatementAnnotation(Model):
    speaker: str = Field(description="An actor's key.")
    kind: StatementKind
    text: Annotated[str, Field(min_length=1, max_length=5_000)]
    stated_at: datetime | None = None
    stated_at_precision: TimePrecision | None = None
    channel: str | None = None
    stance: Stance = Stance.other
    about_incident: bool = Field(True, description="Link the statement to the incident.")
    evidence: list[Quote] = Field(
        default=[], description="Defaults to the statement's text itself for a direct quote."
    )
    score: Score | None = None


class CasualtyAnnotation(Model):
    reported_by: str | None = Field(None, description="An actor's key.")
    reported_at: datetime | None = Field(None, description="Defaults to the source's publication time.")
    killed: Count | None = None
    killed_min: Count | None = None
    killed_max: Count | None = None
    injured: Count | None = None
    injured_min: Count | None = None
    injured_max: Count | None = None
    group: CasualtyGroup = CasualtyGroup.all
    qualifier: Qualifier = Qualifier.exact
    evidence: list[Quote] = []
    score: Score | None = None


class Annotation(Model):
    """Everything read out of one article."""

    source: SourceAnnotation
    actors: list[ActorAnnotation] = []
    incident: IncidentAnnotation | None = None
    roles: list[RoleAnnotation] = []
    statements: list[StatementAnnotation] = []
    casualty_reports: list[CasualtyAnnotation] = []
    notes: list[str] = Field(default=[], description="Things the extractor wants a reviewer to know.")
