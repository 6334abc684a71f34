"""Checks of a request's shape that hold on every endpoint, run before its own parameters.

* A query parameter the endpoint does not take is a 422, as the list endpoints' own models already
  refuse one: `DELETE /v1/incidents/{id}/actors/{actor_id}?rol=target` must not quietly mean
  "every role". A parameter given twice is a 422 too (none of ours takes a list), rather than one
  of the values winning unseen.
* An `Accept` header that takes nothing the endpoint answers (JSON everywhere; the top-level lists
  also stream the exports their OpenAPI entry names) is a 406, whatever else is wrong: a client that
  asked for XML gets no JSON it cannot read. No `Accept`, `*/*` and a browser's list all take JSON.
* A body sent as anything but JSON (`application/json` or any `application/*+json`, such as
  `application/merge-patch+json`), or with no Content-Type, is a 415: a form or plain text was a
  puzzling 422 before. A JSON body must be UTF-8 (422 otherwise).
"""

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel

from app.errors import Problem


class UnsupportedMediaType(Problem):
    status, title = 415, "Unsupported media type"


class NotAcceptable(Problem):
    status, title = 406, "Not acceptable"


class InvalidRequest(Problem):
    status, title = 422, "Validation failed"


# Kept on the route itself (routes are not hashable): computed at its first request.
_KNOWN = "request_checks_query_names"


def _query_names(dependant: Dependant) -> frozenset[str]:
    """The query parameters an endpoint and its dependencies declare (a model's fields by alias)."""
    names: set[str] = set()
    pending = [dependant]
    while pending:
        current = pending.pop()
        for field in current.query_params:
            model = field.field_info.annotation
            if isinstance(model, type) and issubclass(model, BaseModel):
                names.update(info.alias or name for name, info in model.model_fields.items())
            else:
                names.add(field.alias)
        pending.extend(current.dependencies)
    return frozenset(names)


def _is_json(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


def _has_body(request: Request) -> bool:
    return request.headers.get("content-length", "0") != "0" or "transfer-encoding" in request.headers


def media_ranges(header: str) -> list[str]:
    """Media ranges of an Accept header, most preferred first (q-values honoured, order breaks ties);
    a range with q=0 is one the client refuses, so it is left out."""
    ranked = []
    for position, part in enumerate(header.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, position, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def covers(media_range: str, media_type: str) -> bool:
    """Whether an Accept media range (`*/*`, `text/*`, `text/csv`) takes a media type."""
    kind, _, subtype = media_range.partition("/")
    return (
        media_range == "*/*"
        or media_range == media_type
        or (subtype == "*" and media_type.startswith(kind + "/"))
    )


def _check_accept(request: Request, route: APIRoute) -> None:
    header = request.headers.get("accept")
    if header is None:
        return
    answered = ["application/json", *route.responses.get(200, {}).get("content", {})]
    # Errors are problem+json whatever the client accepts; a client that asks for it alone takes JSON.
    takes = [*answered, "application/problem+json"]
    if any(covers(media_range, media) for media_range in media_ranges(header) for media in takes):
        return
    where = "" if len(answered) > 1 else "; exports are streamed by the top-level lists"
    raise NotAcceptable(
        f"Accept: {header} takes nothing this endpoint answers ({', '.join(answered)}){where}"
    )


# Load balancers and uptime checks may add a cache-busting parameter (`/healthz?ts=…`); a probe that
# fails on it would take a healthy instance out of service.
PROBES = frozenset({"/healthz", "/readyz"})


async def check_request(request: Request) -> None:
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or route.path in PROBES:
        return
    known = getattr(route, _KNOWN, None)
    if known is None:
        known = _query_names(route.dependant)
        setattr(route, _KNOWN, known)
    given = [name for name, _value in request.query_params.multi_items()]
    errors: list[dict[str, str]] = []
    for name in dict.fromkeys(given):
        if name not in known:
            errors.append({"field": name, "message": "is not a parameter of this endpoint"})
        elif given.count(name) > 1:
            errors.append({"field": name, "message": "is given more than once; give it once"})
    if errors:
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        raise InvalidRequest(detail, errors=errors)
    _check_accept(request, route)
    if route.body_field is None:
        return
    content_type = request.headers.get("content-type")
    if content_type is None:
        if _has_body(request):  # FastAPI would not parse it, and call a valid object "not an object"
            raise UnsupportedMediaType("the body must be JSON: send Content-Type: application/json")
        return
    if not _is_json(content_type):
        raise UnsupportedMediaType(
            f"the body must be JSON (Content-Type: application/json), not {content_type.split(';')[0]}"
        )
    try:
        # json.loads guesses UTF-16 and UTF-32 from a body's first bytes; JSON is UTF-8 (RFC 8259).
        (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        message = "the body is not valid JSON in UTF-8"
        raise InvalidRequest(message, errors=[{"field": "body", "message": message}]) from None
