import uuid
from typing import Any, Literal

from pydantic import ConfigDict, model_validator

from app.evidence import EvidenceList, EvidenceRead
from app.schemas import (
    Channel,
    CreateModel,
    OutTimestamp,
    ReadModel,
    ShortText,
    Timestamp,
    UpdateModel,
    refuse_nulls,
)
from app.vocab import Stance, StatementKind, TimePrecision

EXAMPLE: dict[str, Any] = {
    "incident_id": None,
    "speaker_id": "00000000-0000-0000-0000-000000000000",
    "kind": "direct_quote",
    "text": "We condemn this attack in the strongest terms.",
    "stated_at": "2024-01-05T10:00:00Z",
    "stated_at_precision": "day",
    "channel": "office statement",
    "stance": "condemnation",
    "evidence": [],
}


class StatementCreate(CreateModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    incident_id: uuid.UUID | None = None
    speaker_id: uuid.UUID
    kind: StatementKind
    text: ShortText
    stated_at: Timestamp | None = None
    stated_at_precision: TimePrecision | None = None
    channel: Channel | None = None
    stance: Stance = Stance.other
    evidence: EvidenceList = []


class StatementUpdate(UpdateModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"stance": "condemnation", "channel": None}]})

    incident_id: uuid.UUID | None = None
    speaker_id: uuid.UUID | None = None
    kind: StatementKind | None = None
    text: ShortText | None = None
    stated_at: Timestamp | None = None
    stated_at_precision: TimePrecision | None = None
    channel: Channel | None = None
    stance: Stance | None = None
    evidence: EvidenceList | None = None

    @model_validator(mode="after")
    def _required_stay_set(self) -> "StatementUpdate":
        refuse_nulls(self, "speaker_id", "kind", "text", "stance")
        return self


class StatementRead(ReadModel):
    incident_id: uuid.UUID | None
    speaker_id: uuid.UUID
    kind: StatementKind
    text: str
    stated_at: OutTimestamp | None
    stated_at_precision: TimePrecision | None
    channel: str | None
    stance: Stance
    evidence: list[EvidenceRead]


StatementSort = Literal["created_at", "-created_at", "updated_at", "-updated_at"]
