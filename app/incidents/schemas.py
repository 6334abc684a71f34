import uuid
from datetime import datetime
from typing import Annotated, Any, Literal
from zoneinfo import available_timezones

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from app.evidence import EvidenceList, EvidenceRead
from app.schemas import (
    CountryCode,
    CreateModel,
    LongText,
    Name,
    OutTimestamp,
    ReadModel,
    Tags,
    Timestamp,
    Title,
    UpdateModel,
    refuse_nulls,
)
from app.vocab import (
    SUB_EVENT_TYPES,
    ActorKind,
    ClaimStatus,
    Confidence,
    DisorderType,
    EventType,
    GeoPrecision,
    IncidentStatus,
    Role,
    SubEventType,
    TimePrecision,
    time_zone,
)

# "localtime" (the host's own zone) and "Factory" are files of the zone database, not zones a
# text can name: a stored "localtime" would mean whatever host reads it.
_TIMEZONES = frozenset(available_timezones()) - {"localtime", "Factory", "posixrules"}


def _iana(value: str) -> str:
    if value not in _TIMEZONES:
        raise ValueError("not an IANA time zone name (e.g. Asia/Baghdad)")
    return value


TimeZoneName = Annotated[str, Field(max_length=64, examples=["Asia/Baghdad"]), AfterValidator(_iana)]


def _seven_places(value: float | None) -> float | None:
    # + 0.0: -0.0 (or a value that rounds to it) is 0.0, as every database and JSON writer shows it.
    return None if value is None else round(value, 7) + 0.0


# JSON numbers only ("45" is a 422, as for counts). Kept to 7 decimal places (about 1 cm), finer
# than any gazetteer or ACLED's 4. A coordinate then has at most 10 significant digits, which
# SQLite writes exactly as Python does in the read path (app/incidents/reads.py): it writes 15,
# so 16- and 17-digit floats came back changed.
Latitude = Annotated[
    float | None,
    Field(
        ge=-90,
        le=90,
        strict=True,
        allow_inf_nan=False,
        description="Degrees north, WGS 84, kept to 7 decimal places.",
    ),
    AfterValidator(_seven_places),
]
Longitude = Annotated[
    float | None,
    Field(
        ge=-180,
        le=180,
        strict=True,
        allow_inf_nan=False,
        description="Degrees east, WGS 84, kept to 7 decimal places.",
    ),
    AfterValidator(_seven_places),
]


class Location(BaseModel):
    model_config = ConfigDict(extra="forbid", from_attributes=True)

    name: Name | None = None
    admin1: Name | None = None
    admin2: Name | None = None
    city: Name | None = None
    country_code: CountryCode | None = None
    latitude: Latitude = None
    longitude: Longitude = None
    precision: GeoPrecision | None = None
    # Both coordinates or neither: checked on the merged result by the service, so that a merge
    # patch may move one coordinate.


class IncidentActorIn(CreateModel):
    """An actor's part in an incident: a suspected perpetrator is `perpetrator` + `suspected`."""

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "actor_id": "00000000-0000-0000-0000-000000000000",
                    "role": "target",
                    "confidence": "confirmed",
                }
            ]
        }
    }

    actor_id: uuid.UUID
    role: Role
    confidence: Confidence = Confidence.confirmed
    evidence: EvidenceList = []


class IncidentActorRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    actor_id: uuid.UUID
    name: str
    kind: ActorKind
    role: Role
    confidence: Confidence
    evidence: list[EvidenceRead]
    created_at: OutTimestamp
    updated_at: OutTimestamp
    version: int


class Figure(BaseModel):
    low: int | None
    best: int | None
    high: int | None


class Casualties(BaseModel):
    """The current figure (UCDP-style low/best/high) and the reports it rests on."""

    killed: Figure
    injured: Figure
    report_ids: list[uuid.UUID]


EXAMPLE: dict[str, Any] = {
    "title": "Rocket attack on a government compound",
    "summary": "Two rockets struck near the compound before dawn; no casualties were reported.",
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Shelling/artillery/missile attack",
    "occurred_at": "2024-01-05T01:00:00Z",
    "occurred_at_precision": "hour",
    "timezone": "Asia/Baghdad",
    "location": {
        "name": "Green Zone, Baghdad",
        "admin1": "Baghdad",
        "city": "Baghdad",
        "country_code": "IQ",
        "latitude": 33.3128,
        "longitude": 44.3615,
        "precision": "neighbourhood",
    },
    "status": "reported",
    "claim_status": "unclaimed",
    "tags": ["rocket-attack"],
    "source_ids": [],
}


def local_time_error(occurred_at: datetime | None, timezone: str | None) -> str | None:
    """Why `occurred_at` has no local date in `timezone` (9999-12-31T23:00Z in Asia/Tokyo is in year
    10000), or None: exports and `stats` by local date need one for every stored incident."""
    if occurred_at is None or timezone is None:
        return None
    try:
        occurred_at.astimezone(time_zone(timezone))
    except OverflowError:
        return f"the local time in {timezone} is out of range (years 1 to 9999)"
    return None


def _check_types(event_type: EventType | None, sub_event_type: SubEventType | None) -> None:
    if (
        event_type is not None
        and sub_event_type is not None
        and sub_event_type not in SUB_EVENT_TYPES[event_type]
    ):
        raise ValueError(
            f"sub_event_type: {sub_event_type.value!r} does not belong to event_type {event_type.value!r}"
        )


MAX_SOURCES = 100
SourceIds = Annotated[list[uuid.UUID], Field(max_length=MAX_SOURCES)]


def too_many_sources(count: int) -> str | None:
    """The limit holds for what is stored: `source_ids` with the sources its evidence quotes."""
    if count <= MAX_SOURCES:
        return None
    return (
        f"an incident cites at most {MAX_SOURCES} sources: source_ids and the sources its evidence "
        f"quotes come to {count}"
    )


class IncidentCreate(CreateModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    title: Title
    summary: LongText | None = None
    event_type: EventType
    sub_event_type: SubEventType | None = None
    occurred_at: Timestamp
    occurred_at_precision: TimePrecision = TimePrecision.exact
    timezone: TimeZoneName | None = None
    location: Location | None = None
    status: IncidentStatus = IncidentStatus.reported
    claim_status: ClaimStatus = ClaimStatus.unknown
    tags: Tags = []
    source_ids: SourceIds = []
    actors: Annotated[list[IncidentActorIn], Field(max_length=100)] = []
    evidence: EvidenceList = []

    @model_validator(mode="after")
    def _types_belong(self) -> "IncidentCreate":
        _check_types(self.event_type, self.sub_event_type)
        error = local_time_error(self.occurred_at, self.timezone)
        if error:
            raise ValueError(f"timezone: {error}")
        error = too_many_sources(len(self.all_source_ids()))
        if error:
            raise ValueError(f"source_ids: {error}")
        return self

    def all_source_ids(self) -> list[uuid.UUID]:
        """`source_ids`, then every other source its evidence quotes, as the service stores them
        (`IncidentService.cite_sources`): the bulk importer's way to the same rows."""
        cited = [item.source_id for item in self.evidence]
        cited += [item.source_id for link in self.actors for item in link.evidence]
        return list(dict.fromkeys([*self.source_ids, *cited]))


class IncidentUpdate(UpdateModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "confirmed", "summary": None}]})

    title: Title | None = None
    summary: LongText | None = None
    event_type: EventType | None = None
    sub_event_type: SubEventType | None = None
    occurred_at: Timestamp | None = None
    occurred_at_precision: TimePrecision | None = None
    timezone: TimeZoneName | None = None
    location: Location | None = None
    status: IncidentStatus | None = None
    claim_status: ClaimStatus | None = None
    tags: Tags | None = None
    source_ids: SourceIds | None = None
    evidence: EvidenceList | None = None

    @model_validator(mode="after")
    def _required_stay_set(self) -> "IncidentUpdate":
        refuse_nulls(
            self, "title", "event_type", "occurred_at", "occurred_at_precision", "status", "claim_status"
        )
        _check_types(self.event_type, self.sub_event_type)
        return self


class IncidentRead(ReadModel):
    title: str
    summary: str | None
    event_type: EventType
    sub_event_type: SubEventType | None
    disorder_type: DisorderType
    occurred_at: OutTimestamp
    occurred_at_precision: TimePrecision
    timezone: str | None
    location: Location | None
    status: IncidentStatus
    claim_status: ClaimStatus
    tags: list[str]
    source_ids: list[uuid.UUID]
    source_count: int
    actors: list[IncidentActorRead]
    casualties: Casualties
    statement_count: int
    evidence: list[EvidenceRead]


IncidentSort = Literal[
    "occurred_at", "-occurred_at", "created_at", "-created_at", "updated_at", "-updated_at"
]
