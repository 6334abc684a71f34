"""What the importer reads: one `Record` per create body, from NDJSON lines or ACLED rows.

NDJSON line: `{"type": "source"|"actor"|"incident"|"statement"|"casualty_report", "id": "<uuid>",
"data": {...the API's create body...}}`. `id` is optional and chosen by the client: it becomes the
row's id, so later lines can refer to the record (an incident's `source_ids`, a statement's
`speaker_id`, ...). Without one the id is a UUIDv5 of the line's content, so re-running the same
file still finds the same rows. A record is validated with the API's create schema (`check`) in
its batch, or, for an ACLED row, as the row is read.
"""

import hashlib
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from app.actors.schemas import ActorCreate
from app.casualties.schemas import CasualtyReportCreate
from app.errors import validation_errors
from app.incidents.schemas import IncidentCreate
from app.sources.schemas import SourceCreate
from app.statements.schemas import StatementCreate

# Ids the importer derives are UUIDv5 in this namespace (fixed forever: re-runs depend on it).
NAMESPACE = uuid.UUID("6f1d3c0e-5a7b-4c1e-9b8a-2d4f6e8a0c13")

TYPES = ("source", "actor", "incident", "statement", "casualty_report")
SCHEMAS: dict[str, type[BaseModel]] = {
    "source": SourceCreate,
    "actor": ActorCreate,
    "incident": IncidentCreate,
    "statement": StatementCreate,
    "casualty_report": CasualtyReportCreate,
}


@dataclass
class Record:
    file: str
    line: int
    type: str
    id: uuid.UUID
    data: dict[str, Any]
    model: Any = None  # `data` validated by its create schema (`check`), once it was
    # A stored record with this id is reused as it is, not compared: the user gave no id, only a
    # name (an ACLED actor), and the first description of it wins.
    reuse_stored: bool = False


@dataclass
class Refusal:
    file: str
    line: int  # 0: the whole file (what could not be read of it)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field, message)
    # (type, id, `fingerprint`) of a refused record that passed its schema: a later line with the
    # same record is refused too (loader.Loader.refused_records).
    record: tuple[str, uuid.UUID, bytes] | None = None

    def lines(self) -> Iterator[str]:
        for name, message in self.errors:
            yield (
                f"{self.file}: {message}" if self.line == 0 else f"{self.file}:{self.line}: {name}: {message}"
            )


def check(record: Record) -> list[tuple[str, str]]:
    """Validate the record's body with the API's create schema into `record.model`; the errors as
    the API words them ({field, message}; a cross-field rule names its field), if it fails."""
    try:
        record.model = SCHEMAS[record.type].model_validate(record.data)
    except ValidationError as exc:
        return [(e["field"] or "data", e["message"]) for e in validation_errors(list(exc.errors()))]
    return []


def with_article(kind: str) -> str:
    """The record type with its article, for messages: "an incident", "a source"."""
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def derived_id(kind: str, data: dict[str, Any]) -> uuid.UUID:
    """The id of a record that came without one: sources by their text (the same text is one
    source), everything else by its whole body."""
    if kind == "source" and isinstance(data.get("text"), str):
        return text_id(sha256(data["text"]))
    return uuid.uuid5(NAMESPACE, f"{kind}:" + orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode())


def text_id(content_sha256: str) -> uuid.UUID:
    """The id a source line without one gets (`derived_id`), from its text's digest."""
    return uuid.uuid5(NAMESPACE, "source:" + content_sha256)


def fingerprint(data: dict[str, Any]) -> bytes:
    """A digest of a create body, to recognise it again on a later line."""
    return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).digest()


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


def in_file_order(batch: list[Item], refusals: list[Refusal]) -> list[Refusal]:
    """A batch's refusals in the order of its lines: the unreadable ones are found when the batch is
    parsed, the others when it is validated and checked, and a batch may hold lines of two files.
    (Ranked by file and line: a file named twice on the command line shares its ranks.)"""
    if len(refusals) < 2:
        return refusals
    rank = {(item.file, item.line): position for position, item in enumerate(batch)}
    return sorted(refusals, key=lambda r: rank[(r.file, r.line)])


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
