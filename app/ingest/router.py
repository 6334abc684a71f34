"""`POST /v1/ingest`: an article (with a curated annotation, or read by the extractor), proposed
(dry run) or stored."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from app.auth import require_editor
from app.db import SessionDep
from app.errors import Unprocessable
from app.ingest.schemas import Annotation
from app.ingest.service import IngestResult, load, prefixed, propose, with_source
from app.schemas import ArticleText, Name, Timestamp, Title, Url

EXAMPLE_TEXT = (
    "Two rockets struck near the provincial council building in Basra early on Monday, police said. "
    'No one was hurt. "We condemn this cowardly attack," the governor said in a statement.'
)

EXAMPLE: dict[str, Any] = {
    "text": EXAMPLE_TEXT,
    "url": "https://news.example.org/2024/01/08/basra-rockets",
    "publisher": "Example Wire",
    "annotation": {
        "source": {
            "kind": "news_article",
            "title": "Rockets strike near Basra provincial council; no one hurt",
            "published_at": "2024-01-08T09:30:00Z",
            "language": "en",
            "source_scale": "national",
        },
        "actors": [
            {
                "key": "governor",
                "name": "Governor of Basra",
                "kind": "government",
                "country_code": "IQ",
                "evidence": [{"quote": "the governor said in a statement"}],
            },
            {
                "key": "police",
                "name": "Basra police",
                "kind": "security_force",
                "country_code": "IQ",
                "evidence": [{"quote": "police said"}],
            },
        ],
        "incident": {
            "title": "Rocket attack near the Basra provincial council",
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack",
            "occurred_at": "2024-01-08T00:00:00Z",
            "occurred_at_precision": "day",
            "timezone": "Asia/Baghdad",
            "location": {"name": "Basra", "city": "Basra", "country_code": "IQ", "precision": "city"},
            "claim_status": "unknown",
            "tags": ["rocket-attack"],
            "evidence": [{"quote": "Two rockets struck near the provincial council building in Basra"}],
        },
        "roles": [
            {
                "actor": "governor",
                "role": "commentator",
                "evidence": [{"quote": "the governor said in a statement"}],
            }
        ],
        "statements": [
            {
                "speaker": "governor",
                "kind": "direct_quote",
                "text": "We condemn this cowardly attack",
                "channel": "office statement",
                "stance": "condemnation",
            }
        ],
        "casualty_reports": [
            {
                "reported_by": "police",
                "killed": 0,
                "injured": 0,
                "qualifier": "none_reported",
                "evidence": [{"quote": "No one was hurt."}],
            }
        ],
    },
}

OVERRIDES = ("url", "title", "published_at", "publisher")


LanguageTag = Annotated[str, Field(max_length=35, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]

RAW_EXAMPLE: dict[str, Any] = {
    "text": EXAMPLE_TEXT,
    "title": "Rockets strike near Basra provincial council; no one hurt",
    "published_at": "2024-01-08T09:30:00Z",
    "publisher": "Example Wire",
}


class IngestRequest(BaseModel):
    """An article and, optionally, what an analyst read out of it. Without `annotation` the
    extractor proposes one. The top-level source fields override the annotation's."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [RAW_EXAMPLE, EXAMPLE]})

    text: ArticleText = Field(
        description="The article's full body, verbatim (up to 1,000,000 characters). An empty or blank "
        "text gives a proposal with a note and nothing else."
    )
    url: Url | None = None
    title: Title | None = None
    published_at: Timestamp | None = None
    publisher: Name | None = None
    language: Annotated[str, Field(max_length=35, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] | None = (
        Field(
            None, description="BCP 47 tag of the text's language; guessed when absent (only English is read)."
        )
    )
    annotation: Annotation | None = Field(
        None,
        description="The curated records (app/ingest/schemas.py; docs/seeding.md). Without it the "
        'automatic extractor proposes them (README, "Automatic extraction").',
    )


class IngestQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    commit: bool = Field(False, description="Store the records; without it nothing is written (a dry run).")


router = APIRouter(prefix="/v1/ingest", tags=["ingest"])


def _request_field(exc: Unprocessable, overridden: set[str]) -> Unprocessable:
    """Name the field where the client wrote it: `text` and overridden source fields are top level."""
    out = prefixed(exc, "annotation.")
    for error in out.extra["errors"]:
        name = error["field"].removeprefix("annotation.source.")
        if name == "text" or name in overridden:
            error["field"] = name
    first = out.extra["errors"][0]
    out.detail = f"{first['field']}: {first['message']}"
    return out


@router.post(
    "",
    summary="Propose or store the records of an article",
    description="Takes an article's `text` and its curated `annotation` (records that cite the article by "
    "exact quotes, never offsets) and returns the records the pipeline proposes, each with its evidence "
    "located in the text (`start`/`end` in code points, `text[start:end] == quote`) and what would happen "
    "to it: `created`, `updated` or `unchanged` (an existing source, actor, incident, role, statement or "
    "casualty report is matched and reused; docs/seeding.md). By default it is a dry run: nothing is "
    "written and the ids of created records are provisional. `?commit=true` stores everything in one "
    "transaction (201 when anything was created, 200 when all was already there) with `Location` on "
    "the incident. A quote that is missing or ambiguous without `occurrence`, or an unknown actor key, "
    "is 422 naming the record (e.g. `annotation.statements.2.evidence.0.quote`) and stores nothing.",
    response_model=IngestResult,
    responses={
        201: {"description": "Stored (`commit=true`), something was created", "model": IngestResult},
        422: {"description": "The annotation does not fit the text or the rules; nothing stored"},
    },
    dependencies=[Depends(require_editor)],
)
def ingest(
    request: Request,
    response: Response,
    session: SessionDep,
    body: IngestRequest,
    query: Annotated[IngestQuery, Query()],
) -> IngestResult:
    proposal = None
    if body.annotation is None:
        proposal = propose(
            session,
            body.text,
            title=body.title,
            published_at=body.published_at,
            url=body.url,
            publisher=body.publisher,
            language=body.language,
        )
    given = body.annotation or proposal
    assert given is not None
    # `null` means "not given": it never blanks what the annotation says.
    overridden = {name for name in OVERRIDES if getattr(body, name) is not None}
    annotation = with_source(given, {name: getattr(body, name) for name in overridden})

    # The dry run is the real pipeline inside a savepoint that is rolled back: the same validation
    # and matching as a commit, and nothing left behind.
    savepoint = session.begin_nested()
    try:
        result = load(session, body.text, annotation, fill_only=proposal is not None)
    except Unprocessable as exc:
        savepoint.rollback()
        raise _request_field(exc, overridden) from None
    except BaseException:
        savepoint.rollback()
        raise
    if proposal is not None:  # its notes are the annotation's, already in the result
        result = result.model_copy(update={"proposal": proposal})
    if not query.commit:
        savepoint.rollback()
        return result
    savepoint.commit()
    created = any(counts.created for counts in result.summary.values())
    response.status_code = 201 if created else 200
    if result.incident_id is not None:
        response.headers["Location"] = str(request.url_for("get_incident_id", id=result.incident_id))
    return result.model_copy(update={"committed": True})
