import uuid
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, model_validator

from app.schemas import (
    CreateModel,
    Name,
    OutTimestamp,
    ReadModel,
    SourceText,
    Timestamp,
    Title,
    UpdateModel,
    Url,
    refuse_nulls,
)
from app.vocab import SourceKind, SourceScale

Language = Annotated[
    str,
    Field(
        pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", max_length=35, description="BCP 47 tag", examples=["en"]
    ),
]

EXAMPLE: dict[str, Any] = {
    "kind": "news_article",
    "title": "Rockets fired at a government compound; no casualties reported",
    "publisher": "Example Wire",
    "author": "A. Reporter",
    "url": "https://news.example.org/2024/01/05/rockets",
    "published_at": "2024-01-05T09:30:00Z",
    "language": "en",
    "source_scale": "national",
    "text": "Two rockets struck near the compound early on Friday, police said. No one was hurt.",
}


class SourceCreate(CreateModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    kind: SourceKind = SourceKind.news_article
    title: Title
    publisher: Name | None = None
    author: Name | None = None
    url: Url | None = None
    published_at: Timestamp | None = None
    language: Language | None = None
    source_scale: SourceScale = SourceScale.unknown
    text: SourceText = Field(description="The full body, kept verbatim (up to 1,000,000 characters).")


class SourceUpdate(UpdateModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"publisher": "Example Wire", "author": None}]})

    kind: SourceKind | None = None
    title: Title | None = None
    publisher: Name | None = None
    author: Name | None = None
    url: Url | None = None
    published_at: Timestamp | None = None
    language: Language | None = None
    source_scale: SourceScale | None = None
    text: SourceText | None = None

    @model_validator(mode="after")
    def _required_stay_set(self) -> "SourceUpdate":
        refuse_nulls(self, "kind", "title", "source_scale", "text")
        return self


class SourceRead(ReadModel):
    kind: SourceKind
    title: str
    publisher: str | None
    author: str | None
    url: str | None
    published_at: OutTimestamp | None
    language: str | None
    source_scale: SourceScale
    text: str
    content_sha256: str


SourceSort = Literal["created_at", "-created_at", "updated_at", "-updated_at", "title", "-title"]
_ = uuid
