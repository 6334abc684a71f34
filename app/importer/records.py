"""What the importer reads: one `Record` per create body, from NDJSON lines or ACLED rows.

NDJSON line: `{"type": "source"|"actor"|"incident"|"statement"|"casualty_report", "id": "<uuid>",
"data": {...the API's create body...}}`. `id` is optional and chosen by the client: it becomes the
row's id, so later lines can refer to the record (an incident's `source_ids`, a statement's
`speaker_id`, ...). Without one the id is a UUIDv5 of the line's content, so re-running the same
file still finds the same rows.
"""

import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import orjson

# Ids the importer derives are UUIDv5 in this namespace (fixed forever: re-runs depend on it).
NAMESPACE = uuid.UUID("6f1d3c0e-5a7b-4c1e-9b8a-2d4f6e8a0c13")

TYPES = ("source", "actor", "incident", "statement", "casualty_report")


@dataclass
class Record:
    file: str
    line: int
    type: str
    id: uuid.UUID
    data: dict[str, Any]


@dataclass
class Refusal:
    file: str
    line: int
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field, message)

    def lines(self) -> Iterator[str]:
        for name, message in self.errors:
            yield f"{self.file}:{self.line}: {name}: {message}"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def derived_id(kind: str, data: dict[str, Any]) -> uuid.UUID:
    """The id of a record that came without one: sources by their text (the same text is one
    source), everything else by its whole body."""
    if kind == "source" and isinstance(data.get("text"), str):
        return uuid.uuid5(NAMESPACE, "source:" + sha256(data["text"]))
    return uuid.uuid5(NAMESPACE, f"{kind}:" + orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode())


def read_ndjson(path: Path, stream: BinaryIO, progress: Any = None) -> Iterator[Record | Refusal]:
    name = str(path)
    for number, raw in enumerate(stream, start=1):
        if progress is not None:
            progress.update(len(raw))
        if not raw.strip():
            continue
        try:
            line = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            yield Refusal(name, number, [("line", f"not valid JSON: {exc}")])
            continue
        if not isinstance(line, dict):
            yield Refusal(name, number, [("line", "must be a JSON object with `type` and `data`")])
            continue
        errors = []
        extra = set(line) - {"type", "id", "data"}
        if extra:
            errors.append((sorted(extra)[0], "unknown key (a line has `type`, `id` and `data`)"))
        kind = line.get("type")
        if kind not in TYPES:
            errors.append(("type", f"must be one of {', '.join(TYPES)}"))
        data = line.get("data")
        if not isinstance(data, dict):
            errors.append(("data", "must be a JSON object: the API's create body"))
        record_id = None
        if line.get("id") is not None:
            try:
                record_id = uuid.UUID(str(line["id"]))
            except ValueError:
                errors.append(("id", "must be a UUID"))
        if errors:
            yield Refusal(name, number, errors)
            continue
        assert isinstance(data, dict)
        assert isinstance(kind, str)
        yield Record(name, number, kind, record_id or derived_id(kind, data), data)
