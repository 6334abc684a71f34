"""The parallel load (PostgreSQL): worker processes write the batches that share no record side by side.

One importer process could not load faster than its own CPU allowed: its Python work (validation,
evidence checks, rows) was about half of a load's CPU, so the database's cores waited on it. Here
the importer process reads the files and cuts them into batches, and each batch goes to one of
`workers` processes, which parses, validates and writes it in a transaction of its own. NDJSON
travels as raw lines (`records.Line`), which the worker parses: the importer process no longer
parses and pickles every record.

The result is the sequential load's, line for line (the tests load the same files both ways):

* A worker validates its batch first and tells the importer what the batch writes (its records'
  ids, its sources' texts, the incidents it adds statements or reports to) and what it reads (the
  records it cites): `loader.batch_keys`. The batch then waits until every earlier batch whose
  writes meet its own writes or reads has committed; batches that share nothing run at once. So a
  line sees every earlier line it could see in a sequential load, and no later one.
* A batch that waits holds no transaction, so no worker waits on another inside the database.
* The importer reports each batch (its refused lines, the progress) in the file's order, and
  hands every batch the merged sources' aliases that the batches committed before it found, and
  the records they refused that it repeats.
* Ctrl-C is the importer's to handle: the workers ignore it, and the importer ends them, which
  rolls back the batches they had not committed.

It is not used with `--all-or-nothing` (one transaction) or on SQLite (one writer at a time).
"""

import gc
import multiprocessing
import signal
import traceback
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing.connection import Connection as Pipe
from multiprocessing.connection import wait
from typing import Any

from sqlalchemy import Connection, Engine

from app.db import make_engine
from app.importer.loader import COLLECT_EVERY, Loader, Stats, batch_keys, collector_between_batches, validate
from app.importer.records import Item, Refusal, in_file_order, split

Result = tuple[Stats, dict[uuid.UUID, uuid.UUID], list[Refusal]]


class WorkerFailed(RuntimeError):
    """A worker process raised; its traceback is the message."""


@dataclass
class _Batch:
    number: int
    pipe: Pipe | None  # the worker's, until the batch is committed
    written: set[Any] | None = None  # from the worker, once validated (batch_keys)
    read: set[Any] = field(default_factory=set)
    started: bool = False
    result: Result | None = None  # once committed

    def meets(self, later: "_Batch") -> bool:
        assert self.written is not None
        assert later.written is not None
        return not (
            self.written.isdisjoint(later.written)
            and self.written.isdisjoint(later.read)
            and self.read.isdisjoint(later.written)
        )


class ParallelLoader(Loader):
    """A `Loader` whose batches are written by `workers` processes (PostgreSQL, not all-or-nothing)."""

    def __init__(self, engine: Engine, *, workers: int, **options: Any) -> None:
        super().__init__(engine, **options)
        self.workers = workers
        self.parallel_workers = 1  # how many processes did write (1: the load ran in this one)

    def _run_batches(self, conn: Connection, items: Iterable[Item], committed: Callable[[], None]) -> None:
        if self.workers < 2 or conn.dialect.name != "postgresql":
            super()._run_batches(conn, items, committed)
            return
        self.parallel_workers = self.workers
        with conn.begin():
            self._now(conn)  # the load's start, which every worker shares (see _refresh_incidents)
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited pool or threads
        url = self.engine.url.render_as_string(hide_password=False)
        pipes: list[Pipe] = []
        processes = []
        try:
            for _ in range(self.workers):
                mine, theirs = context.Pipe()
                process = context.Process(
                    target=_work,
                    args=(theirs, url, self.history, self.load_started),
                    name="import-worker",
                    daemon=True,
                )
                process.start()
                theirs.close()
                pipes.append(mine)
                processes.append(process)
            self._coordinate(self._cut(items), list(pipes), committed)
            for pipe in pipes:
                pipe.send(None)
            for process in processes:
                process.join()
        finally:
            for process in processes:
                if process.is_alive():
                    process.terminate()
                    process.join()

    def _coordinate(
        self,
        batches: Iterator[list[Item]],
        idle: list[Pipe],
        committed: Callable[[], None],
    ) -> None:
        workers = len(idle)
        open_batches: dict[int, _Batch] = {}  # handed out and not yet reported, in the file's order
        number = 0
        exhausted = False
        while True:
            # A committed batch is reported after every earlier one: handing out at most four per
            # worker ahead of the oldest unreported keeps one slow batch from piling up results.
            while idle and not exhausted and len(open_batches) < 4 * workers:
                try:
                    items = next(batches)
                except StopIteration:
                    exhausted = True
                    break
                pipe = idle.pop()
                pipe.send((number, items))
                open_batches[number] = _Batch(number, pipe)
                number += 1
            if not open_batches:
                return
            self._start_ready(open_batches)
            busy = [b.pipe for b in open_batches.values() if b.pipe is not None]
            for ready in wait(busy):
                assert isinstance(ready, Pipe)
                try:
                    kind, batch_number, payload = ready.recv()
                except EOFError:
                    raise WorkerFailed("an import worker exited without a word") from None
                if kind == "error":
                    raise WorkerFailed(payload)
                batch = open_batches[batch_number]
                if kind == "keys":
                    batch.written, batch.read = payload
                else:  # "done": committed
                    batch.result = payload
                    self._learn(payload[1], payload[2])
                    batch.pipe = None
                    batch.written, batch.read = set(), set()  # no later batch waits for it now
                    idle.append(ready)
                    committed()
            # Report in the file's order.
            while open_batches:
                first = next(iter(open_batches.values()))
                if first.result is None:
                    break
                del open_batches[first.number]
                self._done(*first.result)

    def _start_ready(self, open_batches: dict[int, _Batch]) -> None:
        """Let each validated batch write once every earlier batch it meets has committed."""
        earlier: list[_Batch] = []  # uncommitted, before the one at hand
        for batch in open_batches.values():
            if batch.result is not None:
                continue
            if batch.written is None:
                return  # what it touches is not known yet: no later batch may start
            if not batch.started and not any(e.meets(batch) for e in earlier):
                assert batch.pipe is not None
                written = batch.written
                repeated = {k: v for k, v in self.refused_records.items() if k[1] in written}
                batch.pipe.send((dict(self.aliases), repeated))
                batch.started = True
            earlier.append(batch)


def _work(pipe: Pipe, url: str, history: bool, load_started: datetime) -> None:
    """A worker process: parse and validate a batch, say what it touches, wait for the word, write it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the importer's to handle (it ends the workers)
    engine = make_engine(url)
    loader = Loader(engine, history=history)
    loader.load_started = load_started
    try:
        with collector_between_batches(), engine.connect() as conn, loader._references_checked_here(conn):
            done = 0
            while (task := pipe.recv()) is not None:
                number, items = task
                records, unreadable = split(items)
                validated = validate(records)
                pipe.send(("keys", number, batch_keys(validated[0])))
                loader.aliases, loader.refused_records = pipe.recv()
                stats, aliases, refused = loader._commit_batch(conn, records, validated)
                pipe.send(("done", number, (stats, aliases, in_file_order(items, unreadable + refused))))
                done += 1
                if done % COLLECT_EVERY == 0:
                    gc.collect()  # the batches just written (see collector_between_batches)
    except BaseException:
        pipe.send(("error", -1, traceback.format_exc()))
    finally:
        engine.dispose()
