"""ETags from the row version, and `If-Match` checks for optimistic concurrency."""

from typing import Annotated, Protocol

from fastapi import Header

from app.errors import PreconditionFailed


class Versioned(Protocol):
    version: int


def etag(row: Versioned) -> str:
    return f'"{row.version}"'


IfMatch = Annotated[
    str | None,
    Header(
        description='Optional. The `ETag` you read (e.g. `"3"`); a stale one is refused with 412 and '
        "nothing changes. `*` matches any version.",
    ),
]


def check_if_match(if_match: str | None, row: Versioned) -> None:
    """Pass on no header, `*`, or a list holding the row's current strong tag; else 412."""
    if if_match is None:
        return
    tags = [tag.strip() for tag in if_match.split(",")]
    if "*" in tags or etag(row) in tags:
        return
    raise PreconditionFailed(
        f"If-Match {if_match} does not match the current version {etag(row)}; fetch the resource again"
    )
