"""The OpenAPI document as a user of /docs needs it: examples that work against this database.

Swagger UI's "Try it out" is only useful with ids that exist. When the document is first built,
each `{id}` path parameter gets the id of a real record of its kind (on `make run`, the seeded
ones), and request examples that refer to other records get real ids instead of placeholders.
An empty or unreachable database leaves the static examples as they are, until it has records.
"""

import logging
import re
import uuid
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

log = logging.getLogger("app.openapi")

PLACEHOLDER = "00000000-0000-0000-0000-000000000000"

# The resource behind each path prefix, and the example body field that names one of each kind.
RESOURCES = {
    "/v1/sources": "source",
    "/v1/incidents": "incident",
    "/v1/actors": "actor",
    "/v1/statements": "statement",
    "/v1/casualty-reports": "casualty report",
}
FIELD_KIND = {
    "incident_id": "incident",
    "source_id": "source",
    "speaker_id": "actor",
    "actor_id": "actor",
    "reported_by_id": "actor",
}
HEADERS = {
    "ETag": "The version, for a later `If-Match`.",
    "Location": "Where the new resource lives.",
    "Link": 'The next page: `<url>; rel="next"` (absent on the last page).',
}


def _sample_ids(app: FastAPI) -> dict[str, str]:
    from app.actors.models import Actor
    from app.casualties.models import CasualtyReport
    from app.incidents.models import Incident
    from app.sources.models import Source
    from app.statements.models import Statement

    models: dict[str, Any] = {
        "source": Source,
        "incident": Incident,
        "actor": Actor,
        "statement": Statement,
        "casualty report": CasualtyReport,
    }
    ids: dict[str, str] = {}
    try:
        with app.state.sessions() as session:
            for kind, model in models.items():
                found = session.scalar(select(model.id).order_by(model.created_at, model.id).limit(1))
                if found is not None:
                    ids[kind] = str(found)
            from app.auth import ApiKey

            key = session.scalar(select(ApiKey.id).order_by(ApiKey.created_at).limit(1))
            if key is not None:
                ids["key"] = str(key)
            # The actor example: one with a part in an incident, so /v1/actors/{id}/incidents shows something.
            from app.incidents.models import IncidentActor

            linked = session.scalar(
                select(IncidentActor.actor_id).order_by(IncidentActor.created_at).limit(1)
            )
            if linked is not None:
                ids["actor"] = str(linked)
                # A role that actor does not have yet in the example incident, so that the example
                # of adding one is not a 409.
                from app.vocab import Role

                incident = uuid.UUID(ids["incident"])
                held = set(
                    session.scalars(
                        select(IncidentActor.role).where(
                            IncidentActor.incident_id == incident, IncidentActor.actor_id == linked
                        )
                    )
                )
                ids["free role"] = next((role.value for role in Role if role not in held), "reporter")
    except Exception:
        log.warning("no examples from the database: it is unreachable")
    return ids


def _header(name: str) -> dict[str, Any]:
    return {"description": HEADERS[name], "schema": {"type": "string"}}


def _replace_placeholders(node: Any, ids: dict[str, str]) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            kind = FIELD_KIND.get(key)
            if kind in ids and value == PLACEHOLDER:
                node[key] = ids[kind]
            else:
                _replace_placeholders(value, ids)
    elif isinstance(node, list):
        for item in node:
            _replace_placeholders(item, ids)
    return node


_NESTED_LIST = re.compile(r"/\{id\}/(?:statements|casualty-reports|incidents)$")
_TOP_LEVEL_ONLY = frozenset({"include_deleted", "format"})


def _document(schema: dict[str, Any], ids: dict[str, str]) -> None:
    for path, operations in schema.get("paths", {}).items():
        kind = next((k for prefix, k in RESOURCES.items() if path.startswith(prefix + "/")), None)
        for method, operation in operations.items():
            if not isinstance(operation, dict):
                continue
            operation.setdefault("description", operation.get("summary", ""))
            if method == "get" and _NESTED_LIST.search(path):
                # A nested list takes its parent from the path and leaves exports and tombstones to
                # the top-level list (`CrudService.nested_page`): parameters it always refuses are
                # left out of the documentation, not offered to be refused.
                operation["parameters"] = [
                    p
                    for p in operation.get("parameters", [])
                    if p.get("in") != "query"
                    or (p["name"] not in _TOP_LEVEL_ONLY and p.get("schema", {}).get("type") != "null")
                ]
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter["name"] == "id" and kind in ids:
                    parameter["example"] = ids[kind]
                elif parameter.get("in") == "path" and parameter["name"] == "actor_id" and "actor" in ids:
                    parameter["example"] = ids["actor"]
                elif parameter.get("in") == "path" and parameter["name"] == "key_id":
                    parameter["example"] = ids.get("key", "5b0f9d3e-4c1a-4f43-9a59-2f4e8d0c7b21")
            _replace_placeholders(operation.get("requestBody", {}), ids)
            for status, response in operation.get("responses", {}).items():
                if not status.startswith("2"):
                    continue
                headers = response.setdefault("headers", {})
                if method in ("get", "post", "patch") and kind is not None and path.endswith("}"):
                    headers.setdefault("ETag", _header("ETag"))
                if method == "post" and status == "201":
                    headers.setdefault(
                        "Location", {"description": HEADERS["Location"], "schema": {"type": "string"}}
                    )
                if method == "get" and "items" in str(response.get("content", {})):
                    headers.setdefault("Link", _header("Link"))
                if not headers:
                    response.pop("headers")
    components = schema.get("components", {}).get("schemas", {})
    _replace_placeholders(components, ids)
    for example in components.get("IncidentActorIn", {}).get("examples", []):
        if "free role" in ids:
            example["role"] = ids["free role"]


def install(app: FastAPI) -> None:
    """Wrap `app.openapi` (after every other wrapper) to add descriptions, headers and live examples."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        schema = generate()
        if not getattr(app.state, "openapi_documented", False):
            ids = _sample_ids(app)
            _document(schema, ids)
            # Until there are records (the database was empty, unmigrated or down), each request
            # looks again: the examples get real ids once the seeds are in.
            app.state.openapi_documented = any(kind in ids for kind in RESOURCES.values())
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
