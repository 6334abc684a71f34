"""The parallel load (app/importer/parallel.py): the sequential load's result, batches side by side."""

import contextlib
import csv
import threading
import time
import uuid
from collections.abc import Callable
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import BigInteger, select

from app.__main__ import main
from app.db import make_engine
from app.importer.acled import COLUMNS
from app.importer.loader import Stats
from app.importer.parallel import ParallelLoader, WorkerFailed
from app.importer.records import Item, Record, Refusal
from app.models import Base
from app.settings import get_settings
from tests.conftest import BACKENDS, migrate, throwaway_database
from tests.test_import import (
    GOVERNOR_ID,
    INCIDENT_ID,
    SOURCE_ID,
    TEXT,
    acled_row,
    assert_incident_documents_current,
    dataset,
    line,
    span,
    write_ndjson,
)

ALIAS_ID = "55555555-5555-4555-8555-555555555555"  # a second id for SOURCE_ID's text
LATE_ACTOR_ID = "66666666-6666-4666-8666-666666666666"


def incident(n: int, source_id: str, actor_id: str = GOVERNOR_ID) -> dict[str, Any]:
    return {
        "title": f"Incident {n}",
        "event_type": "Riots",
        "sub_event_type": "Violent demonstration",
        "occurred_at": f"2024-02-{n % 27 + 1:02d}T10:00:00Z",
        "location": {"name": "Basra", "country_code": "IQ", "latitude": 30.5, "longitude": 47.8},
        "source_ids": [source_id],
        "actors": [{"actor_id": actor_id, "role": "perpetrator"}],
        "evidence": [{**span("Two rockets struck"), "source_id": source_id}],
    }


def said(incident_id: str, text: str) -> dict[str, Any]:
    return {"incident_id": incident_id, "speaker_id": GOVERNOR_ID, "kind": "paraphrase", "text": text}


def report(incident_id: str, killed: int, day: int) -> dict[str, Any]:
    return {
        "incident_id": incident_id,
        "source_id": SOURCE_ID,
        "reported_at": f"2024-03-{day:02d}T09:00:00Z",
        "killed": killed,
        "group": "civilians",
        "qualifier": "exact",
    }


def tricky() -> list[Any]:
    """Lines whose outcome depends on what earlier lines stored: with `--batch-size 3` they fall
    into many batches, some sharing records and some not."""
    lines: list[Any] = dataset()
    ids = [str(uuid.uuid5(uuid.NAMESPACE_URL, f"incident-{n}")) for n in range(12)]
    for n, incident_id in enumerate(ids):
        source_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"source-{n}"))
        lines.append(line("source", {"title": f"Report {n}", "text": f"{TEXT} ({n})"}, source_id))
        lines.append(line("incident", incident(n, source_id), incident_id))
        lines.append(line("statement", said(incident_id, f"Said {n}")))
        lines.append(line("casualty_report", report(incident_id, n, n % 27 + 1)))
        if n == 3:
            # The first incident's text under another id (merged), and an incident citing that id.
            lines.append(line("source", {"title": "Same text", "text": TEXT}, ALIAS_ID))
            lines.append(
                line("incident", incident(90, ALIAS_ID), str(uuid.uuid5(uuid.NAMESPACE_URL, "alias")))
            )
        if n in (4, 9):
            lines.append(line("casualty_report", report(INCIDENT_ID, n, n)))  # an early incident again
        if n == 5:
            lines.append(line("statement", said(ids[8], "Too early")))  # its incident comes later
            lines.append(line("incident", incident(91, SOURCE_ID, LATE_ACTOR_ID)))  # its actor comes later
            lines.append(line("incident", {**incident(0, SOURCE_ID), "title": "Other"}, ids[0]))  # id reused
            lines.append(b"{not json")
            lines.append(line("incident", {"event_type": "Riots"}))  # no title
        if n == 7:
            lines.append(line("actor", {"name": "Late Actor", "kind": "armed_group"}, LATE_ACTOR_ID))
            lines.append(line("incident", incident(92, SOURCE_ID, LATE_ACTOR_ID)))
    return lines


def contents(url: str) -> dict[str, list[str]]:
    """Every table's rows, without what differs from one load to the next: timestamps, random or
    sequential ids, and the read documents (which embed the timestamps; checked on their own)."""
    engine = make_engine(url)
    result: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for name, table in Base.metadata.tables.items():
            if name == "incident_documents":
                continue
            columns = [
                c
                for c in table.c
                if c.name not in ("created_at", "updated_at")
                and not (c.name == "id" and (name == "evidence" or isinstance(c.type, BigInteger)))
            ]
            result[name] = sorted(repr(tuple(row)) for row in conn.execute(select(*columns)))
    engine.dispose()
    return result


@pytest.mark.postgresql
@pytest.mark.skipif("postgresql" not in BACKENDS, reason="needs PostgreSQL")
def test_the_parallel_load_stores_and_reports_what_the_sequential_one_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    path = write_ndjson(tmp_path / "tricky.ndjson", tricky())
    acled = tmp_path / "acled.csv"  # read as records in the importer's process, not raw lines
    with acled.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(
            [
                acled_row(),
                acled_row(event_id_cnty="IRQ1002", fatalities="5", actor1="Unidentified Armed Group (Iraq)"),
                acled_row(event_id_cnty="IRQ1003", event_type="Riots", sub_event_type="Air/drone strike"),
                acled_row(event_id_cnty="IRQ1004", latitude="not a number"),
            ]
        )
    outcomes = []
    for workers in ("1", "3"):
        with throwaway_database("postgresql", tmp_path) as url:
            migrate(url)
            monkeypatch.setenv("DATABASE_URL", url)
            get_settings.cache_clear()
            args = ["import", "--batch-size", "3", "--workers", workers, str(path), str(acled)]
            code = main(args)
            again = main(args)  # stores what waited for a later line, and nothing else
            assert_incident_documents_current(url)
            printed = capsys.readouterr().err.splitlines()
            timed = [ln for ln in printed if ln.startswith("time:")]
            assert len(timed) == 2
            assert all(("3 worker processes" in ln) == (workers == "3") for ln in timed), timed
            printed = [ln for ln in printed if not ln.startswith("time:")]
            outcomes.append((code, again, printed, contents(url)))
    get_settings.cache_clear()
    sequential, parallel = outcomes
    assert sequential[0] == 1  # some lines are refused
    refused = [ln for ln in sequential[2] if "tricky.ndjson:" in ln or "acled.csv:" in ln]
    assert any("acled.csv:4: sub_event_type" in ln for ln in refused)
    assert any("no incident with id" in ln for ln in refused)
    assert any("no actor with id" in ln for ln in refused)
    assert any("already exists with other content" in ln for ln in refused)
    assert any("not valid JSON" in ln for ln in refused)
    # ALIAS_ID, and IRQ1002's notes (IRQ1001's); the refused rows store nothing, their sources neither.
    assert any("merged by identical text: 2" in ln for ln in sequential[2])
    assert len(sequential[3]["casualty_reports"]) == 17
    assert parallel == sequential


# --- the coordinator alone, with workers in threads ---


def _records(*keys: tuple[set[str], set[str]]) -> list[list[Item]]:
    """One batch per (writes, reads), each a record carrying them for the fake worker."""
    return [
        [Record("f", n, "source", uuid.uuid4(), {"writes": w, "reads": r})] for n, (w, r) in enumerate(keys)
    ]


def _fake_worker(pipe: Connection, log: list[tuple[str, int]], started: dict[int, threading.Event]) -> None:
    """Says what each batch touches, waits for the word, and finishes batch 0 only once batch 1
    started (or after a short wait)."""
    while (task := pipe.recv()) is not None:
        number, items = task
        data = items[0].data
        pipe.send(("keys", number, (set(data["writes"]), set(data["reads"]))))
        pipe.recv()
        log.append(("start", number))
        started[number].set()
        if number == 0:
            started[1].wait(timeout=1)
        log.append(("done", number))
        pipe.send(("done", number, (Stats(), {}, [Refusal("f", number, [("line", f"batch {number}")])])))


def _coordinate(
    batches: list[tuple[list[Record], list[Refusal]]], worker: Callable[..., None]
) -> tuple[list[tuple[str, int]], list[int]]:
    log: list[tuple[str, int]] = []
    started = {n: threading.Event() for n in range(len(batches))}
    reported: list[int] = []
    loader = ParallelLoader(None, workers=2, on_refusal=lambda r: reported.append(r.line))
    ours, threads = [], []
    for _ in range(2):
        mine, theirs = Pipe()
        thread = threading.Thread(target=worker, args=(theirs, log, started), daemon=True)
        thread.start()
        ours.append(mine)
        threads.append(thread)
    try:
        loader._coordinate(iter(batches), list(ours), lambda: None)
    finally:
        for pipe in ours:
            with contextlib.suppress(OSError):  # that worker is gone
                pipe.send(None)
        for thread in threads:
            thread.join(timeout=5)
    return log, reported


def test_batches_that_share_nothing_run_side_by_side_and_are_reported_in_order() -> None:
    log, reported = _coordinate(_records(({"a"}, set()), ({"b"}, {"c"})), _fake_worker)
    assert log.index(("start", 1)) < log.index(("done", 0))  # batch 0 waited for batch 1 to start
    assert log.index(("done", 1)) < log.index(("done", 0))
    assert reported == [0, 1]  # in the file's order all the same


@pytest.mark.parametrize(
    "keys",
    [
        (({"a"}, set()), ({"b"}, {"a"})),  # batch 1 reads what batch 0 writes
        (({"a"}, set()), ({"a"}, set())),  # both write it
        (({"b"}, {"a"}), ({"a"}, set())),  # batch 1 writes what batch 0 reads
    ],
)
def test_a_batch_waits_for_the_earlier_batch_it_meets(keys: tuple[tuple[set[str], set[str]], ...]) -> None:
    log, reported = _coordinate(_records(*keys), _fake_worker)
    assert log == [("start", 0), ("done", 0), ("start", 1), ("done", 1)]
    assert reported == [0, 1]


def _slow_first_worker(pipe: Connection, log: list[tuple[str, int]], started: Any) -> None:
    """Writes batch 0 slowly and every other batch at once."""
    while (task := pipe.recv()) is not None:
        number, _items = task
        pipe.send(("keys", number, ({number}, set())))
        pipe.recv()
        log.append(("start", number))
        if number == 0:
            time.sleep(0.5)
        log.append(("done", number))
        pipe.send(("done", number, (Stats(), {}, [Refusal("f", number, [("line", "x")])])))


def test_a_slow_batch_holds_back_at_most_four_batches_a_worker() -> None:
    """Results wait to be reported in order; a slow batch must not let the others run far ahead."""
    log, reported = _coordinate(_records(*[({str(n)}, set()) for n in range(20)]), _slow_first_worker)
    ahead = log[: log.index(("done", 0))]
    assert ("start", 7) in ahead  # the other worker went on with batches 1-7 meanwhile
    assert not any(number >= 8 for _, number in ahead)  # but no further
    assert reported == list(range(20))


def _failing_worker(pipe: Connection, log: list[Any], started: Any) -> None:
    pipe.recv()
    pipe.send(("error", -1, "Traceback ...\nRuntimeError: the worker broke"))


def _vanishing_worker(pipe: Connection, log: list[Any], started: Any) -> None:
    pipe.recv()
    pipe.close()


@pytest.mark.parametrize(
    ("worker", "message"),
    [(_failing_worker, "the worker broke"), (_vanishing_worker, "exited without a word")],
)
def test_a_failing_worker_fails_the_load(worker: Callable[..., None], message: str) -> None:
    with pytest.raises(WorkerFailed, match=message):
        _coordinate(_records(({"a"}, set()), ({"b"}, set())), worker)


def test_batch_keys_count_an_incident_that_gets_statements_or_reports_as_written() -> None:
    """Two batches that add to the same incident both rewrite its figure and documents, so they
    must not run side by side; records that are only cited are read."""
    from app.importer.loader import batch_keys, validate
    from app.importer.records import sha256

    records = [
        Record("f", n, body["type"], uuid.UUID(body["id"]) if "id" in body else uuid.uuid4(), body["data"])
        for n, body in enumerate(dataset(), start=1)
    ]
    items, refused, _ = validate(records[4:])  # the statement and the report
    assert not refused
    written, read = batch_keys(items)
    assert written == {uuid.UUID(INCIDENT_ID), *(r.id for r in records[4:])}
    assert read == {uuid.UUID(SOURCE_ID), uuid.UUID(GOVERNOR_ID)}
    items, _, _ = validate(records[:1])  # the source: its id and its text
    assert batch_keys(items) == ({records[0].id, sha256(TEXT)}, set())


@pytest.mark.postgresql
@pytest.mark.skipif("postgresql" not in BACKENDS, reason="needs PostgreSQL")
@pytest.mark.parametrize("size", ["small", "large"])
def test_large_input_loads_with_a_worker_per_cpu_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any, size: str
) -> None:
    import os

    from app.importer import cli

    if size == "large":
        monkeypatch.setattr(cli, "PARALLEL_FROM", 1)  # any file is large
    workers = min(len(os.sched_getaffinity(0)), cli.MAX_WORKERS) if size == "large" else 1
    with throwaway_database("postgresql", tmp_path) as url:
        migrate(url)
        monkeypatch.setenv("DATABASE_URL", url)
        get_settings.cache_clear()
        assert main(["import", str(write_ndjson(tmp_path / "a.ndjson", dataset()))]) == 0
        assert_incident_documents_current(url)
    get_settings.cache_clear()
    time_line = capsys.readouterr().err.splitlines()[-1]
    assert time_line.startswith("time:")
    assert (f", {workers} worker processes)" in time_line) == (workers > 1)
