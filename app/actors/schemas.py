import uuid
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, model_validator

from app.schemas import CountryCode, CreateModel, Name, ReadModel, ShortText, UpdateModel, refuse_nulls
from app.vocab import ActorKind

Aliases = Annotated[
    list[Name],
    Field(max_length=50, description="Other names, up to 50 of 200 characters; a repeated one is kept once."),
    AfterValidator(lambda names: list(dict.fromkeys(names))),
]
AffiliatedWith = Annotated[
    list[uuid.UUID],
    Field(max_length=50, description="Ids of actors this one belongs to or speaks for (up to 50)."),
]

EXAMPLE: dict[str, Any] = {
    "name": "Ministry of the Interior",
    "kind": "government",
    "aliases": ["Interior Ministry"],
    "country_code": "IQ",
    "description": "Responsible for internal security and the police.",
    "affiliated_with": [],
}


class ActorCreate(CreateModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    name: Name
    kind: ActorKind
    aliases: Aliases = []
    country_code: CountryCode | None = None
    description: ShortText | None = None
    affiliated_with: AffiliatedWith = []


class ActorUpdate(UpdateModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"aliases": ["Interior Ministry", "MoI"]}]})

    name: Name | None = None
    kind: ActorKind | None = None
    aliases: Aliases | None = None
    country_code: CountryCode | None = None
    description: ShortText | None = None
    affiliated_with: AffiliatedWith | None = None

    @model_validator(mode="after")
    def _required_stay_set(self) -> "ActorUpdate":
        refuse_nulls(self, "name", "kind")
        return self


class ActorRead(ReadModel):
    name: str
    kind: ActorKind
    aliases: list[str]
    country_code: str | None
    description: str | None
    affiliated_with: list[uuid.UUID]


ActorSort = Literal["created_at", "-created_at", "updated_at", "-updated_at", "name", "-name"]
