import uuid
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, model_validator

from app.evidence import EvidenceList, EvidenceRead
from app.schemas import CreateModel, OutTimestamp, ReadModel, Timestamp, UpdateModel, refuse_nulls
from app.vocab import CasualtyGroup, Qualifier

# Strict: `true` or "5" is not a count.
Count = Annotated[int, Field(ge=0, le=10_000_000, strict=True)]

EXAMPLE: dict[str, Any] = {
    "incident_id": "00000000-0000-0000-0000-000000000000",
    "reported_by_id": None,
    "source_id": "00000000-0000-0000-0000-000000000000",
    "reported_at": "2024-01-05T09:30:00Z",
    "killed": 0,
    "injured": 0,
    "group": "all",
    "qualifier": "none_reported",
    "evidence": [],
}

COUNT_FIELDS = ("killed", "killed_min", "killed_max", "injured", "injured_min", "injured_max")


def check_counts(values: dict[str, object]) -> None:
    """Ranges hold (min <= count <= max), `none_reported` means zero, not unknown, and
    `at_least` or `approximately` qualify some number."""
    for what in ("killed", "injured"):
        low, mid, high = values.get(f"{what}_min"), values.get(what), values.get(f"{what}_max")
        known = [v for v in (low, mid, high) if isinstance(v, int)]
        if known != sorted(known):
            raise ValueError(f"{what}: {what}_min <= {what} <= {what}_max must hold")
    qualifier = values.get("qualifier")
    if qualifier == Qualifier.none_reported and (
        (values.get("killed"), values.get("injured")) != (0, 0)
        or any(
            values.get(f"{what}_{end}") not in (None, 0)
            for what in ("killed", "injured")
            for end in ("min", "max")
        )
    ):
        raise ValueError("qualifier: none_reported means killed = 0 and injured = 0, with no other range")
    if qualifier in (Qualifier.at_least, Qualifier.approximately) and all(
        values.get(name) is None for name in COUNT_FIELDS
    ):
        raise ValueError(f"qualifier: {qualifier} needs a count or a range")


class CasualtyReportCreate(CreateModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    incident_id: uuid.UUID
    reported_by_id: uuid.UUID | None = None
    source_id: uuid.UUID
    reported_at: Timestamp
    killed: Count | None = None
    killed_min: Count | None = None
    killed_max: Count | None = None
    injured: Count | None = None
    injured_min: Count | None = None
    injured_max: Count | None = None
    group: CasualtyGroup = CasualtyGroup.all
    qualifier: Qualifier = Qualifier.exact
    evidence: EvidenceList = []

    @model_validator(mode="after")
    def _consistent(self) -> "CasualtyReportCreate":
        check_counts(dict(self))  # its fields as they are: model_dump() also copied the evidence
        return self


class CasualtyReportUpdate(UpdateModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"killed": 3, "qualifier": "at_least"}]})

    incident_id: uuid.UUID | None = None
    reported_by_id: uuid.UUID | None = None
    source_id: uuid.UUID | None = None
    reported_at: Timestamp | None = None
    killed: Count | None = None
    killed_min: Count | None = None
    killed_max: Count | None = None
    injured: Count | None = None
    injured_min: Count | None = None
    injured_max: Count | None = None
    group: CasualtyGroup | None = None
    qualifier: Qualifier | None = None
    evidence: EvidenceList | None = None

    @model_validator(mode="after")
    def _required_stay_set(self) -> "CasualtyReportUpdate":
        refuse_nulls(self, "incident_id", "source_id", "reported_at", "group", "qualifier")
        return self


class CasualtyReportRead(ReadModel):
    incident_id: uuid.UUID
    reported_by_id: uuid.UUID | None
    source_id: uuid.UUID
    reported_at: OutTimestamp
    killed: int | None
    killed_min: int | None
    killed_max: int | None
    injured: int | None
    injured_min: int | None
    injured_max: int | None
    group: CasualtyGroup
    qualifier: Qualifier
    evidence: list[EvidenceRead]


CasualtyReportSort = Literal[
    "reported_at", "-reported_at", "created_at", "-created_at", "updated_at", "-updated_at"
]
