"""ETags from the row version, `If-Match` checks for optimistic concurrency, and the `If-None-Match`
test a conditional GET is answered 304 by (app.middleware)."""

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


def none_match(if_none_match: bytes, tag: bytes) -> bool:
    """`If-None-Match` holds `*` or `tag`, compared weakly (RFC 9110 13.1.2), unlike `If-Match`."""
    wanted = {t.strip().removeprefix(b"W/") for t in if_none_match.split(b",")}
    return b"*" in wanted or tag.removeprefix(b"W/") in wanted
