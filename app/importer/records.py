"""What the importer reads: one `Record` per create body, from NDJSON lines or ACLED rows.

NDJSON line: `{"type": "source"|"actor"|"incident"|"statement"|"casualty_report", "id": "<uuid>",
"data": {...the API's create body...}}`. `id` is optional and chosen by the client: it becomes the
row's id, so later lines can refer to the record (an incident's `source_ids`, a statement's
`speaker_id`, ...). Without one the id is a UUIDv5 of the line's content, so re-running the same
file still finds the same rows.
"""

import hashlib
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


@dataclass
class Line:
    """An NDJSON line read but not yet parsed: its batch parses it (`split`), in the worker
    process that writes the batch when the load is parallel (app/importer/parallel.py)."""

    file: str
    line: int
    raw: bytes
    type: str | None  # the line's "type" as it reads, only to cut batches (`Loader._cut`)


Item = Record | Refusal | Line

_TYPE = re.compile(rb'"type"\s*:\s*"(\w+)"')


BOM = b"\xef\xbb\xbf"  # UTF-8's byte order mark, which some editors write at the start of a file


def read_lines(path: Path, stream: Iterable[bytes], progress: Any = None) -> Iterator[Line]:
    name = str(path)
    for number, raw in enumerate(stream, start=1):
        if progress is not None:
            progress.update(len(raw))
        if number == 1:
            raw = raw.removeprefix(BOM)
        if raw.strip():
            hint = _TYPE.search(raw)
            yield Line(name, number, raw, hint[1].decode() if hint else None)


def parse(item: Line) -> Record | Refusal:
    """An NDJSON line as the record it holds, or why it is refused."""
    name, number = item.file, item.line
    try:
        line = orjson.loads(item.raw)
    except orjson.JSONDecodeError as exc:
        return Refusal(name, number, [("line", f"not valid JSON: {exc}")])
    if not isinstance(line, dict):
        return Refusal(name, number, [("line", "must be a JSON object with `type` and `data`")])
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
        return Refusal(name, number, errors)
    assert isinstance(data, dict)
    assert isinstance(kind, str)
    return Record(name, number, kind, record_id or derived_id(kind, data), data)


def split(items: list[Item]) -> tuple[list[Record], list[Refusal]]:
    """A batch's records and refused lines, its raw lines parsed; each list in the stream's order."""
    records: list[Record] = []
    refusals: list[Refusal] = []
    for item in items:
        if isinstance(item, Line):
            item = parse(item)
        if isinstance(item, Record):
            records.append(item)
        else:
            refusals.append(item)
    return records, refusals
