"""The batch engine: validate like the API, then write with Core executemany, one transaction a batch.

Rules (also in the README, "Bulk import"):

* Every record is validated with the API's create schema, its references must exist (in the
  database or on an earlier line of the load) and its evidence must match its source's text,
  with the same messages as the API. A refused line is reported and skipped; with
  `all_or_nothing` the first batch holding a refused line rolls the whole load back.
* A record whose id already exists is left alone when its content is the same ("unchanged"): its
  row, and its links and evidence (an incident's sources, actors and evidence, an actor's
  affiliations). It is refused when they differ: the importer never overwrites (use PATCH). So
  re-running a file changes nothing. A source whose text is already stored under another id, or
  under its own id from a line without an id, is merged into that source, and later lines that
  cite the file's id are pointed at the stored one. A line that repeats a refused one (same
  type, id and body) is refused too, in whatever batch it comes.
* The incident's casualty figure (app/casualties/figures.py) and `statement_count` are recomputed
  for every incident that received reports or statements, once per batch; an incident committed
  before the batch (by an earlier load or batch) gets a new version and `updated_at`, as a PATCH.
* History: by default a bulk load writes no history rows (they doubled the data written and
  halved the rate); an imported record's history starts at its first change through the API.
  `--history` writes one `create` row per record, whose `after` is the create body as imported.
"""

import gc
import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, RootTransaction, Table, bindparam, case, func, select, text, update
from sqlalchemy.exc import DBAPIError

from app.actors.schemas import ActorCreate
from app.casualties.figures import figure
from app.casualties.schemas import CasualtyReportCreate
from app.db import among, utcnow
from app.evidence import EvidenceIn, span
from app.importer.records import (
    Item,
    Record,
    Refusal,
    check,
    fingerprint,
    in_file_order,
    sha256,
    split,
    text_id,
    with_article,
)
from app.importer.writer import write_rows
from app.incidents import reads
from app.incidents.schemas import IncidentCreate
from app.models import Base
from app.sources.schemas import SourceCreate
from app.statements.schemas import StatementCreate
from app.vocab import CasualtyGroup, Qualifier, disorder_type

TABLE_NAMES = {
    "source": "sources",
    "actor": "actors",
    "incident": "incidents",
    "statement": "statements",
    "casualty_report": "casualty_reports",
}
# The wire names the history uses (as the API's routes write them).
RESOURCES = {
    "source": "sources",
    "actor": "actors",
    "incident": "incidents",
    "statement": "statements",
    "casualty_report": "casualty-reports",
}
# Columns that are not the record's own content: bookkeeping, or derived from other records.
NOT_CONTENT = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "version",
        "killed_low",
        "killed_best",
        "killed_high",
        "injured_low",
        "injured_best",
        "injured_high",
        "casualty_report_ids",
        "statement_count",
    }
)
EVIDENCE_OWNERS = ("incident_id", "incident_actor_id", "statement_id", "casualty_report_id")
COLLECT_EVERY = 10  # batches between two runs of the cycle collector (collector_between_batches)
VACUUM_LANES = 2  # connections that vacuum the tables after a PostgreSQL load (_vacuum_analyze)


@dataclass
class Stats:
    created: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    merged_sources: int = 0
    refused_lines: int = 0

    def add(self, other: "Stats") -> None:
        self.created.update(other.created)
        self.unchanged.update(other.unchanged)
        self.merged_sources += other.merged_sources
        self.refused_lines += other.refused_lines


@dataclass
class ReportRow:
    """What the casualty figure needs of a report (app/casualties/figures.py ReportLike)."""

    id: uuid.UUID
    source_id: uuid.UUID
    group: CasualtyGroup
    qualifier: Qualifier
    reported_at: datetime
    created_at: datetime
    killed: int | None
    killed_min: int | None
    killed_max: int | None
    injured: int | None
    injured_min: int | None
    injured_max: int | None


@dataclass
class _Item:
    record: Record
    model: Any
    row: dict[str, Any] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)
    duplicate: bool = False  # a second line with the same type and id (counted or refused)
    # The earlier line of the batch this duplicate repeats: it shares that line's fate (`_write`).
    repeats: "_Item | None" = None


def validate(records: list[Record]) -> tuple[list[_Item], list[Refusal], Stats]:
    """The API's validation of each record (the records that passed, the refusals), and the same
    id twice in one batch: the same content (or, for a source line without an id, the same text)
    is one record, other content is refused."""
    stats = Stats()
    refused: list[Refusal] = []
    items: list[_Item] = []
    for record in records:
        # An ACLED row's records were validated as the row was read (acled.AcledReader._row).
        errors = check(record) if record.model is None else []
        if errors:
            refused.append(Refusal(record.file, record.line, errors))
            continue
        items.append(_Item(record, record.model))
    first: dict[tuple[str, uuid.UUID], _Item] = {}
    for item in items:
        key = (item.record.type, item.record.id)
        seen = first.get(key)
        if seen is None:
            first[key] = item
            continue
        item.duplicate = True
        if seen.record.data == item.record.data or _by_its_text(item):
            item.repeats = seen
        else:
            item.errors.append(
                (
                    "id",
                    f"already used on {_earlier(seen.record.file, seen.record.line, item)} for "
                    f"{with_article(item.record.type)} "
                    "with other content",
                )
            )
    return items, refused, stats


def _by_its_text(item: _Item) -> bool:
    """Whether the record is a source line without an id (its id is its text's): another line or a
    stored source with that text is the same source, whatever its other fields."""
    return isinstance(item.model, SourceCreate) and item.record.id == text_id(sha256(item.model.text))


def _earlier(file: str, line: int, item: _Item) -> str:
    """An earlier line as a message names it: its number, and its file when that is another."""
    return f"line {line}" if file == item.record.file else f"{file}:{line}"


def _links(model: Any) -> dict[str, Any]:
    """What a create body holds beside its row (sources, actors, evidence, affiliations), as
    `Loader._stored_links` reads a stored record's. Evidence is its spans in order; an incident's
    actors are compared as a set: the order of links stored before the importer kept the body's
    order (see `_check`) cannot be read back."""

    def spans(items: list[EvidenceIn]) -> list[tuple[Any, ...]]:
        return [(e.source_id, e.start, e.end) for e in items]

    if isinstance(model, SourceCreate):
        return {}
    if isinstance(model, ActorCreate):
        return {"affiliated_with": sorted(set(model.affiliated_with))}
    if isinstance(model, IncidentCreate):
        return {
            "source_ids": model.all_source_ids(),
            "actors": sorted(
                (link.actor_id, link.role.value, link.confidence.value, spans(link.evidence))
                for link in model.actors
            ),
            "evidence": spans(model.evidence),
        }
    return {"evidence": spans(model.evidence)}


def _location_columns(model: IncidentCreate) -> dict[str, Any]:
    loc = model.location
    return {
        "location_name": loc.name if loc else None,
        "admin1": loc.admin1 if loc else None,
        "admin2": loc.admin2 if loc else None,
        "city": loc.city if loc else None,
        "country_code": loc.country_code if loc else None,
        "latitude": loc.latitude if loc else None,
        "longitude": loc.longitude if loc else None,
        "location_precision": loc.precision if loc else None,
    }


def _content_row(kind: str, record_id: uuid.UUID, model: Any, now: datetime) -> dict[str, Any]:
    """The main table's row for a validated create body (links go to their own tables)."""
    base: dict[str, Any] = {"id": record_id, "created_at": now, "updated_at": now, "version": 1}
    if kind == "source":
        return {**base, **model.model_dump(), "content_sha256": sha256(model.text)}
    if kind == "actor":
        return {**base, **model.model_dump(exclude={"affiliated_with"})}
    if kind == "incident":
        return {
            **base,
            "title": model.title,
            "summary": model.summary,
            "event_type": model.event_type,
            "sub_event_type": model.sub_event_type,
            "disorder_type": disorder_type(model.event_type, model.sub_event_type),
            "occurred_at": model.occurred_at,
            "occurred_at_precision": model.occurred_at_precision,
            "timezone": model.timezone,
            **_location_columns(model),
            "status": model.status,
            "claim_status": model.claim_status,
            "tags": list(dict.fromkeys(model.tags)),
            "killed_low": None,
            "killed_best": None,
            "killed_high": None,
            "injured_low": None,
            "injured_best": None,
            "injured_high": None,
            "casualty_report_ids": [],
            "statement_count": 0,
        }
    return {**base, **model.model_dump(exclude={"evidence"})}


def _remap_sources(model: Any, aliases: dict[uuid.UUID, uuid.UUID]) -> None:
    """Point a record's source references at the stored source its text was merged into."""
    if not aliases:
        return

    def evidence(items: list[EvidenceIn]) -> None:
        for item in items:
            item.source_id = aliases.get(item.source_id, item.source_id)

    if isinstance(model, IncidentCreate):
        model.source_ids = [aliases.get(s, s) for s in model.source_ids]
        evidence(model.evidence)
        for link in model.actors:
            evidence(link.evidence)
    elif isinstance(model, StatementCreate):
        evidence(model.evidence)
    elif isinstance(model, CasualtyReportCreate):
        model.source_id = aliases.get(model.source_id, model.source_id)
        evidence(model.evidence)


def _evidence_sources(model: Any) -> Iterator[uuid.UUID]:
    # By type, not getattr(model, "evidence", []): a pydantic model raises and catches an
    # AttributeError for each missing attribute, 5% of a load's CPU.
    if isinstance(model, SourceCreate | ActorCreate):
        return
    for item in model.evidence:
        yield item.source_id
    if isinstance(model, IncidentCreate):
        for link in model.actors:
            for item in link.evidence:
                yield item.source_id


def _attached(previous: Item, item: Item) -> bool:
    """Whether `item` belongs with the line before it: an incident's statements and reports with
    it, and its sources, which come before it, with it too."""
    if isinstance(item, Refusal) or isinstance(previous, Refusal):
        return False
    return item.type in ("statement", "casualty_report") or (
        previous.type == "source" and item.type in ("source", "incident")
    )


def _citations(model: Any) -> Iterator[tuple[str, uuid.UUID]]:
    """The stored records a validated create body cites, as (table, id)."""
    for source_id in _evidence_sources(model):
        yield "sources", source_id
    if isinstance(model, ActorCreate):
        for actor_id in model.affiliated_with:
            yield "actors", actor_id
    elif isinstance(model, IncidentCreate):
        for source_id in model.source_ids:
            yield "sources", source_id
        for link in model.actors:
            yield "actors", link.actor_id
    elif isinstance(model, StatementCreate):
        yield "actors", model.speaker_id
        if model.incident_id is not None:
            yield "incidents", model.incident_id
    elif isinstance(model, CasualtyReportCreate):
        yield "incidents", model.incident_id
        yield "sources", model.source_id
        if model.reported_by_id is not None:
            yield "actors", model.reported_by_id


def batch_keys(items: list[_Item]) -> tuple[set[Any], set[Any]]:
    """What a validated batch may write and what it reads, as opaque keys, for the parallel load
    (app/importer/parallel.py): two batches depend on each other when one's writes meet the
    other's writes or reads. Writes: the records' ids, the sources' texts (merged by text) and the
    incidents it adds statements or reports to (their figures and documents change); reads: every
    other record it cites."""
    written: set[Any] = set()
    read: set[Any] = set()
    for item in items:
        written.add(item.record.id)
        if isinstance(item.model, SourceCreate):
            written.add(sha256(item.model.text))
        for name, cited in _citations(item.model):
            (written if name == "incidents" else read).add(cited)
    return written, read


class Loader:
    """Loads records into one database; `run` is the whole load, `stats` what it did."""

    def __init__(
        self,
        engine: Engine,
        *,
        batch_size: int = 10_000,
        all_or_nothing: bool = False,
        history: bool = False,
        on_refusal: Callable[[Refusal], None] = lambda r: None,
        on_batch: Callable[[Stats], None] = lambda s: None,
    ) -> None:
        self.engine = engine
        self.batch_size = batch_size
        self.all_or_nothing = all_or_nothing
        self.history = history
        self.on_refusal = on_refusal
        self.on_batch = on_batch
        self.stats = Stats()
        self.aliases: dict[uuid.UUID, uuid.UUID] = {}
        # The records committed batches refused, (type, id) -> (file, line, fingerprint): a later
        # line with the same record is refused too, as it is when both lines share a batch.
        self.refused_records: dict[tuple[str, uuid.UUID], tuple[str, int, bytes]] = {}
        self.load_started: datetime | None = None
        self.tables: dict[str, Table] = dict(Base.metadata.tables)
        self.aborted = False
        self.replica_role = False  # PostgreSQL: the batches skip the foreign-key triggers

    # --- driving ---
    def _cut(self, items: Iterable[Item]) -> Iterator[list[Item]]:
        """The stream in batches of `batch_size` lines. A full batch takes up to a tenth more lines
        to keep an incident with its sources, statements and reports: the parallel load writes
        batches that share no record side by side."""
        batch: list[Item] = []
        batches = 0
        longest = self.batch_size + self.batch_size // 10
        for item in items:
            if len(batch) >= self.batch_size and (len(batch) >= longest or not _attached(batch[-1], item)):
                yield batch
                batch = []
                batches += 1
                if batches % COLLECT_EVERY == 0:
                    gc.collect()  # the batches just written (see collector_between_batches)
            batch.append(item)
        if batch:
            yield batch

    def _refuse(self, refusals: list[Refusal]) -> None:
        for refusal in refusals:
            self.stats.refused_lines += 1
            self.on_refusal(refusal)

    def run(self, items: Iterable[Item]) -> bool:
        """Load everything; True when no line was refused."""
        with collector_between_batches(), self.engine.connect() as conn:
            conn = conn.execution_options(sqlite_immediate=True)
            if conn.dialect.name == "sqlite":
                # Random UUID keys touch pages all over each index: SQLite's default 2 MB page cache
                # made every batch re-read them.
                conn.exec_driver_sql("PRAGMA cache_size = -262144")
                conn.commit()
            with self._documents_alongside(conn) as committed, self._references_checked_here(conn):
                if self.all_or_nothing:
                    self._run_atomic(conn, items)
                else:
                    self._run_batches(conn, items, committed)
            self._analyze(conn)
        return self.stats.refused_lines == 0

    def _run_batches(self, conn: Connection, items: Iterable[Item], committed: Callable[[], None]) -> None:
        for batch in self._cut(items):
            records, unreadable = split(batch)
            stats, aliases, refused = self._commit_batch(conn, records, validate(records))
            committed()
            self._done(stats, aliases, in_file_order(batch, unreadable + refused))

    def _commit_batch(
        self, conn: Connection, records: list[Record], validated: tuple[list[_Item], list[Refusal], Stats]
    ) -> tuple[Stats, dict[uuid.UUID, uuid.UUID], list[Refusal]]:
        """A validated batch in a transaction of its own, or record by record if the database
        refused it."""
        try:
            with self._transaction(conn):
                return self._write(conn, validated)
        except DBAPIError:
            return self._one_by_one(conn, records)

    def _done(self, stats: Stats, aliases: dict[uuid.UUID, uuid.UUID], refused: list[Refusal]) -> None:
        """Account for a committed batch."""
        self._learn(aliases, refused)
        self.stats.add(stats)
        self._refuse(refused)
        self.on_batch(self.stats)

    def _learn(self, aliases: dict[uuid.UUID, uuid.UUID], refused: list[Refusal]) -> None:
        """What the later batches must know of a committed one: the sources it merged, and the
        records it refused (the first line that did stays the one named)."""
        self.aliases.update(aliases)
        for refusal in refused:
            if refusal.record is not None:
                kind, record_id, digest = refusal.record
                self.refused_records.setdefault((kind, record_id), (refusal.file, refusal.line, digest))

    @contextmanager
    def _documents_alongside(self, conn: Connection) -> Iterator[Callable[[], None]]:
        """PostgreSQL: the batches mark their incidents' documents stale (`reads.mark_stale`) and a
        `StaleDocumentWriter` writes them beside the load; the load ends when it has written them
        all (before the VACUUM). The callable tells it a batch committed. SQLite has one writer at
        a time: there each batch writes the documents its triggers marked (`reads.refresh`)."""
        if conn.dialect.name != "postgresql":
            yield lambda: None
            return
        writer = reads.StaleDocumentWriter(self.engine)
        try:
            yield writer.poke
        finally:
            writer.close()

    @contextmanager
    def _references_checked_here(self, conn: Connection) -> Iterator[None]:
        """The database's foreign-key checks off for the load, where that is safe and allowed.

        Every reference is checked by the loader itself (`_referenced`, `_check`) in the batch's own
        transaction, so the database's checks only repeated them: on PostgreSQL they were a quarter
        of a load (10,000 incidents: 10.5 s with them, 7.8 s without), one index lookup per
        reference at the end of each COPY. The loader's check must hold until the commit, as the
        database's would:
        * SQLite: each batch holds the write lock from its first statement (`BEGIN IMMEDIATE`), so
          nothing can delete a checked row before the batch commits. `foreign_keys` is restored
          when the load ends (it is a no-op inside a transaction, hence set between them).
        * PostgreSQL: the rows a batch cites are read `FOR KEY SHARE`, the lock PostgreSQL's own
          check takes, and each batch runs with `session_replication_role = replica`, which skips
          the foreign-key triggers (as `pg_restore --disable-triggers` does). Setting it needs a
          superuser, or PostgreSQL 15's `GRANT SET ON PARAMETER`; without it the checks stay on.
        """
        dbapi: Any = conn.connection.dbapi_connection
        if conn.dialect.name == "sqlite":
            if conn.in_transaction():
                conn.commit()
            dbapi.execute("PRAGMA foreign_keys = OFF")
            try:
                yield
            finally:
                if conn.in_transaction():
                    conn.rollback()
                dbapi.execute("PRAGMA foreign_keys = ON")
            return
        if conn.dialect.name == "postgresql":
            with conn.begin() as probe:
                try:
                    with conn.begin_nested():
                        conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
                    self.replica_role = True
                except DBAPIError:
                    self.replica_role = False
                probe.rollback()
        yield

    @contextmanager
    def _transaction(self, conn: Connection) -> Iterator[RootTransaction]:
        """One transaction of the load (see `_references_checked_here`)."""
        with conn.begin() as tx:
            if self.replica_role:
                conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            yield tx

    def _analyze(self, conn: Connection) -> None:
        """Fresh planner statistics after a bulk load, so the first queries already use the indexes."""
        if sum(self.stats.created.values()) == 0:
            return
        if conn.in_transaction():
            conn.commit()
        if conn.dialect.name == "sqlite":
            # A sampled ANALYZE (as PostgreSQL's is): the full one reads every index of the file.
            conn.exec_driver_sql("PRAGMA analysis_limit = 1000")
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
            return
        # VACUUM as well: it marks the new pages all-visible, which index-only scans (an incident
        # page, the statistics) need, and sets every row's hint bits. Autovacuum would do both,
        # but later: vacuuming the incidents alone, the first CSV export after a load of 100,000
        # took 11.8 s instead of 1.6 s: it was the first to read those rows and set their hint bits
        # (vacuuming the other tables costs ~0.5 s).
        _vacuum_analyze(conn.engine)

    def _run_atomic(self, conn: Connection, items: Iterable[Item]) -> None:
        with self._transaction(conn) as tx:
            for batch in self._cut(items):
                records, unreadable = split(batch)
                try:
                    stats, aliases, refused = self._batch(conn, records)
                except DBAPIError as exc:
                    refused = [Refusal(records[0].file, records[0].line, [("database", _db_message(exc))])]
                    stats, aliases = Stats(), {}
                refused = in_file_order(batch, unreadable + refused)
                if refused:
                    tx.rollback()
                    self.aborted = True
                    self.stats = Stats()
                    self._refuse(refused)
                    return
                self.aliases.update(aliases)
                self.stats.add(stats)
                self.on_batch(self.stats)

    def _one_by_one(
        self, conn: Connection, records: list[Record]
    ) -> tuple[Stats, dict[uuid.UUID, uuid.UUID], list[Refusal]]:
        """After a batch failed in the database (a concurrent writer, say): each record on its own."""
        total, aliases, refused = Stats(), dict[uuid.UUID, uuid.UUID](), list[Refusal]()
        for record in records:
            try:
                with self._transaction(conn):
                    stats, found, bad = self._batch(conn, [record])
            except DBAPIError as exc:
                refused.append(Refusal(record.file, record.line, [("database", _db_message(exc))]))
                continue
            self._learn(found, bad)
            aliases.update(found)
            total.add(stats)
            refused.extend(bad)
        return total, aliases, refused

    # --- one batch, inside the caller's transaction ---
    def _now(self, conn: Connection) -> datetime:
        if conn.dialect.name == "postgresql":
            now: datetime = conn.execute(text("SELECT clock_timestamp()")).scalar_one()
        else:
            now = utcnow()
        if self.load_started is None:
            self.load_started = now
        return now

    def _batch(
        self, conn: Connection, records: list[Record]
    ) -> tuple[Stats, dict[uuid.UUID, uuid.UUID], list[Refusal]]:
        return self._write(conn, validate(records))

    def _write(
        self, conn: Connection, validated: tuple[list[_Item], list[Refusal], Stats]
    ) -> tuple[Stats, dict[uuid.UUID, uuid.UUID], list[Refusal]]:
        """Write a validated batch (`validate`) in the caller's transaction."""
        items, refused, stats = validated
        if not items and not refused:
            return stats, {}, []
        all_items = items
        items = [i for i in items if not i.duplicate]
        now = self._now(conn)
        aliases = dict(self.aliases)
        if self.refused_records:
            self._refuse_repeats(items)

        # 3. Sources: stored already (same id), or merged by text into a stored or earlier source.
        new_items: list[_Item] = []
        sources = [i for i in items if i.record.type == "source" and not i.errors]
        if sources:
            table = self.tables["sources"]
            for item in sources:
                item.row = _content_row("source", item.record.id, item.model, now)
            by_id = self._existing(conn, table, [i.record.id for i in sources])
            shas = [i.row["content_sha256"] for i in sources]
            by_sha = dict(
                conn.execute(
                    select(table.c.content_sha256, table.c.id).where(
                        among(conn.dialect.name, table.c.content_sha256, shas)
                    )
                ).all()
            )
            batch_sha: dict[str, uuid.UUID] = {}
            for item in sources:
                stored = by_id.get(item.record.id)
                sha = item.row["content_sha256"]
                if stored is not None:
                    self._compare(item, stored, {}, stats)
                elif sha in by_sha or sha in batch_sha:
                    aliases[item.record.id] = by_sha.get(sha) or batch_sha[sha]
                    stats.merged_sources += 1
                else:
                    batch_sha[sha] = item.record.id
                    new_items.append(item)

        # 4. Everything else: point at merged sources, then compare with what is stored.
        for kind in ("actor", "incident", "statement", "casualty_report"):
            group = [i for i in items if i.record.type == kind and not i.errors]
            if not group:
                continue
            for item in group:
                _remap_sources(item.model, aliases)
                item.row = _content_row(kind, item.record.id, item.model, now)
            stored_rows = self._existing(conn, self.tables[TABLE_NAMES[kind]], [i.record.id for i in group])
            compared = [
                i.record.id for i in group if i.record.id in stored_rows and not i.record.reuse_stored
            ]
            stored_links = self._stored_links(conn, kind, compared) if compared else {}
            for item in group:
                stored = stored_rows.get(item.record.id)
                if stored is None:
                    new_items.append(item)
                elif item.record.reuse_stored:
                    stats.unchanged[kind] += 1
                else:
                    self._compare(item, stored, stored_links[item.record.id], stats)

        # 5. References and evidence, in the stream's order: a line may cite records of earlier
        # lines, of its file or of a file named before it.
        stream_order = {id(item): position for position, item in enumerate(items)}
        new_items.sort(key=lambda i: stream_order[id(i)])
        available, texts = self._referenced(conn, new_items)
        rows: dict[str, list[dict[str, Any]]] = {
            name: []
            for name in (
                "sources",
                "actors",
                "actor_affiliations",
                "incidents",
                "incident_sources",
                "incident_tags",
                "incident_actors",
                "statements",
                "casualty_reports",
                "evidence",
                "history",
            )
        }
        for item in new_items:
            kind = item.record.type
            links = self._check(item, available, texts)
            if item.errors:
                continue
            rows[TABLE_NAMES[kind]].append(item.row)
            for name, link_rows in links.items():
                rows[name].extend(link_rows)
            available[TABLE_NAMES[kind]].add(item.record.id)
            if kind == "source":
                texts[item.record.id] = item.model.text
            stats.created[kind] += 1
            if self.history:
                rows["history"].append(
                    {
                        "resource": RESOURCES[kind],
                        "resource_id": item.record.id,
                        "action": "create",
                        "version": 1,
                        "key_id": None,
                        "request_id": f"import:{item.record.line}",
                        "at": now,
                        "before": None,
                        "after": {"id": str(item.record.id), **item.record.data},
                    }
                )

        # 6. Figures of the incidents created in this batch come from this batch's rows; incidents
        # stored earlier are recomputed from the database after the write.
        touched = self._figures_in_batch(rows)

        # 7. Write, parents first.
        for name, table_rows in rows.items():
            write_rows(conn, self.tables[name], table_rows)
        if touched:
            self._refresh_incidents(conn, touched, now)
        _index(conn, rows)
        if conn.dialect.name == "postgresql":
            # written by the StaleDocumentWriter (see run)
            reads.mark_stale(conn, [row["id"] for row in rows["incidents"]] + list(touched))
        else:
            reads.refresh(conn)  # the triggers marked them, as on any write

        # 8. A line that repeats an earlier one of the batch shares its fate.
        for item in all_items:
            first = item.repeats
            if first is None:
                continue
            if first.errors:
                where = _earlier(first.record.file, first.record.line, item)
                item.errors.append(("id", f"same record as {where}, which was refused"))
            elif first.record.data == item.record.data:
                stats.unchanged[item.record.type] += 1
            else:  # a source line without an id, with the text of the earlier one
                stats.merged_sources += 1
        for item in all_items:
            if item.errors:
                record = item.record
                key = None if item.duplicate else (record.type, record.id, fingerprint(record.data))
                refused.append(Refusal(record.file, record.line, item.errors, key))
        stats.refused_lines = 0  # counted by the caller as it reports them
        return stats, {k: v for k, v in aliases.items() if k not in self.aliases}, refused

    def _existing(self, conn: Connection, table: Table, ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        found = conn.execute(select(table).where(among(conn.dialect.name, table.c.id, ids))).mappings().all()
        return {row["id"]: row for row in found}

    def _refuse_repeats(self, items: list[_Item]) -> None:
        """Refuse the records that repeat one an earlier batch refused (same type, id and body)."""
        for item in items:
            earlier = self.refused_records.get((item.record.type, item.record.id))
            if earlier is not None and earlier[2] == fingerprint(item.record.data):
                where = _earlier(earlier[0], earlier[1], item)
                item.errors.append(("id", f"same record as {where}, which was refused"))

    def _compare(self, item: _Item, stored: Any, stored_links: dict[str, Any], stats: Stats) -> None:
        """A record whose id is stored: unchanged when its row, links and evidence are the stored
        ones, else refused; a source line without an id with another title is merged (its text is
        the stored one's)."""
        differing = [
            name for name, value in item.row.items() if name not in NOT_CONTENT and stored[name] != value
        ]
        differing += [name for name, value in _links(item.model).items() if stored_links[name] != value]
        if not differing:
            stats.unchanged[item.record.type] += 1
        elif _by_its_text(item):
            stats.merged_sources += 1
        else:
            item.errors.append(
                (
                    "id",
                    f"{with_article(item.record.type)} with this id already exists with other content "
                    f"({', '.join(sorted(differing))}); the importer never overwrites, PATCH it instead",
                )
            )

    def _stored_links(
        self, conn: Connection, kind: str, ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, dict[str, Any]]:
        """What stored records hold beside their row, as `_links` puts a create body's: a few
        queries for a batch's stored ids (none when every record is new)."""
        dialect = conn.dialect.name
        found: dict[uuid.UUID, dict[str, Any]]
        if kind == "actor":
            affiliations = self.tables["actor_affiliations"]
            found = {i: {"affiliated_with": []} for i in ids}
            query = select(affiliations.c.actor_id, affiliations.c.affiliated_id).where(
                among(dialect, affiliations.c.actor_id, ids)
            )
            for actor_id, affiliated_id in conn.execute(query.order_by(affiliations.c.affiliated_id)):
                found[actor_id]["affiliated_with"].append(affiliated_id)
            return found
        evidence = self.tables["evidence"]
        spans = (evidence.c.source_id, evidence.c.start, evidence.c.end)
        owner = evidence.c[f"{kind}_id"]
        found = {i: {"evidence": []} for i in ids}
        for owner_id, *item_span in conn.execute(
            select(owner, *spans).where(among(dialect, owner, ids)).order_by(evidence.c.position)
        ):
            found[owner_id]["evidence"].append(tuple(item_span))
        if kind != "incident":
            return found
        sources, links = self.tables["incident_sources"], self.tables["incident_actors"]
        for record in found.values():
            record.update(source_ids=[], actors=[])
        for incident_id, source_id in conn.execute(
            select(sources.c.incident_id, sources.c.source_id)
            .where(among(dialect, sources.c.incident_id, ids))
            .order_by(sources.c.position)
        ):
            found[incident_id]["source_ids"].append(source_id)
        link_spans: dict[uuid.UUID, list[tuple[Any, ...]]] = {}
        for link_id, *item_span in conn.execute(
            select(evidence.c.incident_actor_id, *spans)
            .join(links, links.c.id == evidence.c.incident_actor_id)
            .where(among(dialect, links.c.incident_id, ids))
            .order_by(evidence.c.position)
        ):
            link_spans.setdefault(link_id, []).append(tuple(item_span))
        link_columns = (links.c.id, links.c.incident_id, links.c.actor_id, links.c.role, links.c.confidence)
        for link_id, incident_id, actor_id, role, confidence in conn.execute(
            select(*link_columns).where(among(dialect, links.c.incident_id, ids))
        ):
            found[incident_id]["actors"].append(
                (actor_id, role.value, confidence.value, link_spans.get(link_id, []))
            )
        for record in found.values():
            record["actors"].sort()
        return found

    def _referenced(
        self, conn: Connection, items: list[_Item]
    ) -> tuple[dict[str, set[uuid.UUID]], dict[uuid.UUID, str]]:
        """The ids this batch cites that are already stored, and the texts of cited sources; on
        PostgreSQL those rows stay locked `FOR KEY SHARE` until the batch commits, so none can be
        deleted under it (see `_references_checked_here`). Cited actors are locked `FOR SHARE`:
        incident documents show their names, so a rename waits for the batch (migration 0007)."""
        wanted: dict[str, set[uuid.UUID]] = {"sources": set(), "actors": set(), "incidents": set()}
        for item in items:
            for name, cited in _citations(item.model):
                wanted[name].add(cited)
        in_batch = {(i.record.type, i.record.id) for i in items}
        available: dict[str, set[uuid.UUID]] = {}
        texts: dict[uuid.UUID, str] = {}
        for name, ids in wanted.items():
            kind = {"sources": "source", "actors": "actor", "incidents": "incident"}[name]
            ids = {i for i in ids if (kind, i) not in in_batch}
            table = self.tables[name]
            if not ids:
                available[name] = set()
            elif name == "sources":
                stmt = select(table.c.id, table.c.text).where(among(conn.dialect.name, table.c.id, list(ids)))
                texts = dict(conn.execute(stmt.with_for_update(key_share=True)).all())
                available[name] = set(texts)
            else:
                stmt = select(table.c.id).where(among(conn.dialect.name, table.c.id, list(ids)))
                lock = (
                    stmt.with_for_update(read=True)
                    if name == "actors"
                    else stmt.with_for_update(key_share=True)
                )
                available[name] = set(conn.scalars(lock))
        for name in ("statements", "casualty_reports"):
            available[name] = set()
        return available, texts

    def _check(
        self, item: _Item, available: dict[str, set[uuid.UUID]], texts: dict[uuid.UUID, str]
    ) -> dict[str, list[dict[str, Any]]]:
        """Check the record's references and evidence; the link rows it brings when all hold."""
        m, record_id, errors = item.model, item.record.id, item.errors
        links: dict[str, list[dict[str, Any]]] = {}

        def ref(field_name: str, value: uuid.UUID | None, table: str, noun: str) -> None:
            if value is not None and value not in available[table]:
                errors.append((field_name, f"no {noun} with id {value}"))

        def evidence(items: list[EvidenceIn], prefix: str, owner: str, owner_id: uuid.UUID) -> None:
            for position, ev in enumerate(items):
                where = f"{prefix}.{position}"
                source_text = texts.get(ev.source_id)
                if source_text is None:
                    errors.append((f"{where}.source_id", f"no source with id {ev.source_id}"))
                elif ev.end > len(source_text):
                    errors.append(
                        (
                            f"{where}.end",
                            f"is past the end of the source's text ({len(source_text)} characters)",
                        )
                    )
                elif source_text[ev.start : ev.end] != ev.quote:
                    found = source_text[ev.start : ev.end]
                    errors.append(
                        (
                            f"{where}.quote",
                            f"does not match the source's text at [{ev.start}:{ev.end}], "
                            f"which reads {found!r}",
                        )
                    )
                else:
                    row = dict.fromkeys(EVIDENCE_OWNERS)
                    row.update(
                        id=next(_EVIDENCE_IDS),
                        source_id=ev.source_id,
                        position=position,
                        **span(source_text, ev.start, ev.end),
                    )
                    row[owner] = owner_id
                    links.setdefault("evidence", []).append(row)

        if isinstance(m, ActorCreate):
            unique = list(dict.fromkeys(m.affiliated_with))
            if record_id in unique:
                errors.append(("affiliated_with", "an actor cannot be affiliated with itself"))
            for position, actor_id in enumerate(unique):
                ref(f"affiliated_with.{position}", actor_id, "actors", "actor")
            links["actor_affiliations"] = [{"actor_id": record_id, "affiliated_id": a} for a in unique]
        elif isinstance(m, IncidentCreate):
            for position, source_id in enumerate(dict.fromkeys(m.source_ids)):
                ref(f"source_ids.{position}", source_id, "sources", "source")
            links["incident_sources"] = [
                {"incident_id": record_id, "source_id": s, "position": i}
                for i, s in enumerate(m.all_source_ids())
            ]
            links["incident_tags"] = [{"incident_id": record_id, "tag": t} for t in item.row["tags"]]
            evidence(m.evidence, "evidence", "incident_id", record_id)
            seen: set[tuple[uuid.UUID, str]] = set()
            links["incident_actors"] = []
            for position, link in enumerate(m.actors):
                where = f"actors.{position}"
                if (link.actor_id, link.role) in seen:
                    errors.append((where, "the same actor and role twice"))
                seen.add((link.actor_id, link.role))
                ref(f"{where}.actor_id", link.actor_id, "actors", "actor")
                link_id = uuid.uuid5(record_id, f"{link.actor_id}:{link.role.value}")
                links["incident_actors"].append(
                    {
                        "id": link_id,
                        "incident_id": record_id,
                        "actor_id": link.actor_id,
                        "role": link.role,
                        "confidence": link.confidence,
                        # A microsecond apart, as the API makes them: reads order an incident's
                        # links by created_at, so they keep the body's order.
                        "created_at": item.row["created_at"] + timedelta(microseconds=position),
                    }
                )
                evidence(link.evidence, f"{where}.evidence", "incident_actor_id", link_id)
        elif isinstance(m, StatementCreate):
            ref("incident_id", m.incident_id, "incidents", "incident")
            ref("speaker_id", m.speaker_id, "actors", "actor")
            evidence(m.evidence, "evidence", "statement_id", record_id)
        elif isinstance(m, CasualtyReportCreate):
            ref("incident_id", m.incident_id, "incidents", "incident")
            ref("source_id", m.source_id, "sources", "source")
            ref("reported_by_id", m.reported_by_id, "actors", "actor")
            evidence(m.evidence, "evidence", "casualty_report_id", record_id)
        return links

    def _figures_in_batch(self, rows: dict[str, list[dict[str, Any]]]) -> set[uuid.UUID]:
        """Set the figure and statement count of this batch's new incidents; the other touched ids."""
        new = {r["id"]: r for r in rows["incidents"]}
        reports: dict[uuid.UUID, list[ReportRow]] = {}
        fields = list(ReportRow.__dataclass_fields__)
        others: set[uuid.UUID] = set()
        for r in rows["casualty_reports"]:
            if r["incident_id"] in new:
                reports.setdefault(r["incident_id"], []).append(ReportRow(*(r[f] for f in fields)))
            else:
                others.add(r["incident_id"])
        for r in rows["statements"]:
            incident_id = r["incident_id"]
            if incident_id in new:
                new[incident_id]["statement_count"] += 1
            elif incident_id is not None:
                others.add(incident_id)
        for incident_id, incident_reports in reports.items():
            result = figure(incident_reports)
            row = new[incident_id]
            row["killed_low"], row["killed_best"], row["killed_high"] = result.killed or (None, None, None)
            row["injured_low"], row["injured_best"], row["injured_high"] = result.injured or (
                None,
                None,
                None,
            )
            row["casualty_report_ids"] = [str(i) for i in result.report_ids]
        return others

    def _refresh_incidents(self, conn: Connection, incident_ids: set[uuid.UUID], now: datetime) -> None:
        """Recompute the casualty figure and statement count kept on each touched incident's row."""
        reports_t, statements_t, incidents_t = (
            self.tables["casualty_reports"],
            self.tables["statements"],
            self.tables["incidents"],
        )
        ids = list(incident_ids)
        columns = [reports_t.c[name] for name in ReportRow.__dataclass_fields__]
        by_incident: dict[uuid.UUID, list[ReportRow]] = {}
        for row in conn.execute(
            select(reports_t.c.incident_id, *columns).where(
                among(conn.dialect.name, reports_t.c.incident_id, ids)
            )
        ):
            by_incident.setdefault(row[0], []).append(ReportRow(*row[1:]))
        counts: dict[uuid.UUID, int] = dict(
            conn.execute(
                select(statements_t.c.incident_id, func.count())
                .where(among(conn.dialect.name, statements_t.c.incident_id, ids))
                .group_by(statements_t.c.incident_id)
            ).all()
        )
        params: list[dict[str, Any]] = []
        for incident_id in ids:
            result = figure(by_incident.get(incident_id, []))
            killed = result.killed or (None, None, None)
            injured = result.injured or (None, None, None)
            params.append(
                {
                    "b_id": incident_id,
                    "b_kl": killed[0],
                    "b_kb": killed[1],
                    "b_kh": killed[2],
                    "b_il": injured[0],
                    "b_ib": injured[1],
                    "b_ih": injured[2],
                    "b_ids": [str(i) for i in result.report_ids],
                    "b_sc": counts.get(incident_id, 0),
                }
            )
        # Each of these incidents was committed before this batch (by an earlier load or an earlier
        # batch of this one; the batch's own are set in `_figures_in_batch`), so a client may have
        # read it: it changes like a PATCH would, with a new version and the batch's time, and the
        # sync loop (docs/sync.md) fetches it again. All or nothing, the load is one transaction:
        # the incidents it created were never seen, and keep version 1.
        stamp = bindparam("b_now", type_=incidents_t.c.updated_at.type)
        version: Any = incidents_t.c.version + 1
        updated_at: Any = stamp
        if self.all_or_nothing:
            since = bindparam("b_since", self.load_started, type_=incidents_t.c.created_at.type)
            created_before = incidents_t.c.created_at < since
            version = case((created_before, version), else_=incidents_t.c.version)
            updated_at = case((created_before, stamp), else_=incidents_t.c.updated_at)
        stmt = (
            update(incidents_t)
            .where(incidents_t.c.id == bindparam("b_id"))
            .values(
                killed_low=bindparam("b_kl"),
                killed_best=bindparam("b_kb"),
                killed_high=bindparam("b_kh"),
                injured_low=bindparam("b_il"),
                injured_best=bindparam("b_ib"),
                injured_high=bindparam("b_ih"),
                casualty_report_ids=bindparam("b_ids"),
                statement_count=bindparam("b_sc"),
                version=version,
                updated_at=updated_at,
            )
        )
        for p in params:
            p["b_now"] = now
        conn.execute(stmt, params)


def _index(conn: Connection, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Full-text documents for what the batch wrote: the importer bypasses the ORM hook that keeps
    them in step (app/search.py), so it writes them in the batch's own transaction. The new
    records' documents come from the rows just written (reading them back was a sixth of a
    batch); an incident stored earlier that received statements is rebuilt from the database."""
    from app import search

    statements: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for row in rows["statements"]:
        if row["incident_id"] is not None:
            statements.setdefault(row["incident_id"], []).append(row)
    incidents: dict[uuid.UUID, str] = {}
    for row in rows["incidents"]:
        # Ordered as app/search.py orders them: all of a batch's rows share one created_at.
        said = sorted(statements.pop(row["id"], []), key=lambda r: r["id"])
        incidents[row["id"]] = search.incident_document(
            row["title"], row["summary"], [r["text"] for r in said]
        )
    search.add(conn, search.INCIDENTS, incidents)
    search.refresh(conn, search.INCIDENTS, list(statements))
    actors = {row["id"]: search.actor_document(row["name"], row["aliases"]) for row in rows["actors"]}
    search.add(conn, search.ACTORS, actors)
    search.add(conn, search.STATEMENTS, {row["id"]: row["text"] for row in rows["statements"]})


def _vacuum_analyze(engine: Engine, lanes: int = VACUUM_LANES) -> None:
    """VACUUM (ANALYZE) every table of the schema, on `lanes` connections side by side. One VACUUM
    works through the tables one at a time on one core: 2.4-2.9 s after 30,000 incidents, an
    eighth of the load, while the other core idled. The largest tables are shared out first, each
    to the lane with the fewest bytes so far."""
    with engine.connect() as conn:
        tables = conn.execute(
            text(
                "SELECT quote_ident(relname), pg_total_relation_size(oid) FROM pg_class"
                " WHERE relkind = 'r' AND relnamespace = to_regnamespace(current_schema())"
                " ORDER BY 2 DESC"
            )
        ).all()
    names: list[list[str]] = [[] for _ in range(lanes)]
    sizes = [0] * lanes
    for name, size in tables:
        lane = sizes.index(min(sizes))
        names[lane].append(name)
        sizes[lane] += size

    def vacuum(lane: list[str]) -> None:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as own:
            own.exec_driver_sql(f"VACUUM (ANALYZE) {', '.join(lane)}")

    with ThreadPoolExecutor(lanes) as pool:
        list(pool.map(vacuum, [lane for lane in names if lane]))  # re-raises a lane's error


def _random_ids() -> Iterator[uuid.UUID]:
    """Random (version 4) UUIDs, 4,096 from each call to the kernel: `uuid.uuid4()` asks it for 16
    bytes every time, 5% of a load's CPU for the evidence rows' ids."""
    while True:
        pool = os.urandom(16 * 4096)
        for start in range(0, len(pool), 16):
            yield uuid.UUID(bytes=pool[start : start + 16], version=4)


_EVIDENCE_IDS = _random_ids()


@contextmanager
def collector_between_batches() -> Iterator[None]:
    """Python's cycle collector off during a load, run between batches instead: triggered every
    few hundred allocations, it walked the whole batch's live objects each time (a fifth of the
    importer's CPU, 10k incidents on PostgreSQL). A batch leaves a few hundred objects in cycles
    (database results, mostly), so a collection every `COLLECT_EVERY` batches is plenty; each one
    still walked ~60,000 live objects (~20 ms). What exists before the load (the application's
    modules, schemas and metadata) is frozen out of them: walking it was most of their cost."""
    enabled = gc.isenabled()
    gc.disable()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def _db_message(exc: DBAPIError) -> str:
    first = str(exc.orig).strip().splitlines()
    return f"the database refused it: {first[0] if first else type(exc.orig).__name__}"
