"""`python -m app import FILE...`: arguments, the progress bar and the report of refused lines."""

import argparse
import contextlib
import csv
import functools
import gzip
import io
import itertools
import os
import sys
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine
from tqdm import tqdm

from app.db import make_engine
from app.health import head_revisions
from app.importer.acled import AcledReader, is_acled, missing_columns
from app.importer.loader import Stats
from app.importer.parallel import ParallelLoader
from app.importer.records import BOM, Item, Refusal, read_lines
from app.settings import get_settings

# Starting a worker process costs about a second, so a small input loads in this process.
PARALLEL_FROM = 32 << 20
MAX_WORKERS = 4


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="NDJSON or ACLED CSV files (gzip or not)"
    )
    parser.add_argument(
        "--all-or-nothing",
        action="store_true",
        help="one refused line aborts the whole load; nothing is stored",
    )
    # 10,000: random UUID keys spread every batch over most pages of each index, so a batch costs
    # about the same whatever its size; 1,000 wrote 4x the bytes (7 GB for 30,000 incidents).
    parser.add_argument(
        "--batch-size", type=int, default=10_000, help="lines per transaction (default 10000)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes that write batches side by side on PostgreSQL (default: one per CPU, "
        f"at most {MAX_WORKERS}, for input of {PARALLEL_FROM >> 20} MB or more; 1 loads in this process)",
    )
    parser.add_argument(
        "--history",
        action="store_true",
        help="also write a `create` history row per record (about twice the data; off for speed)",
    )


GZIP_MAGIC = b"\x1f\x8b"
# What reading a gzip file that was cut short or damaged raises.
DAMAGED = (EOFError, gzip.BadGzipFile, zlib.error)
INTERRUPTED = (
    "interrupted: the batches committed so far stay stored; run the same command again to load "
    "the rest (what is stored already is skipped)"
)


@contextmanager
def _bytes(path: Path, progress: Any) -> Iterator[tuple[IO[bytes], Any]]:
    """The file's bytes, decompressed when it is gzip (`.ndjson.gz`, `.csv.gz`), and what to report
    its lines' progress to: the bar counts the files' bytes on disk, so a gzip file advances it
    by the compressed bytes read."""
    with path.open("rb") as raw:
        if raw.peek(len(GZIP_MAGIC))[: len(GZIP_MAGIC)] != GZIP_MAGIC:
            yield raw, progress
            return
        with gzip.GzipFile(fileobj=raw) as stream:
            yield cast(IO[bytes], stream), _CompressedProgress(progress, raw)


class _CompressedProgress:
    def __init__(self, bar: Any, raw: BinaryIO) -> None:
        self.bar, self.raw, self.seen = bar, raw, 0

    def update(self, _decompressed: float) -> None:
        position = self.raw.tell()
        self.bar.update(position - self.seen)
        self.seen = position


def _advance(progress: Any, per_line: float, lines: int) -> None:
    progress.update(lines * per_line)


def _csv_header(head: bytes) -> list[str]:
    """A file's first line as a CSV header; none for NDJSON or what is not CSV at all."""
    if head.removeprefix(BOM).lstrip().startswith(b"{"):
        return []
    try:
        return next(csv.reader([head.decode("utf-8-sig", errors="replace")]), [])
    except csv.Error:  # not CSV at all (a stray carriage return, binary data)
        return []


def _unusable(path: Path) -> str | None:
    """Why the command cannot load this file at all, before it loads any."""
    if path.is_dir():
        return f"{path}: is a directory, not a file"
    if not path.is_file():
        return f"no such file: {path}"
    try:
        with _bytes(path, None) as (stream, _):
            head = stream.readline()
    except DAMAGED:
        return None  # reported when the file is read, after what can be read of it
    missing = missing_columns(_csv_header(head))
    if missing:
        return f"{path}: an ACLED CSV needs the columns {', '.join(missing)}, which its header lacks"
    return None


def _schema_behind(engine: Engine) -> str | None:
    """Why the database cannot take a load: its schema is not this version's (every batch's
    statements would fail, one message each)."""
    with engine.connect() as conn:
        current = sorted(MigrationContext.configure(conn).get_current_heads())
    expected = sorted(head_revisions())
    if current == expected:
        return None
    found = f"at migration {', '.join(current)}" if current else "not migrated"
    return (
        f"the database is {found}, this version needs {', '.join(expected)}: "
        "run `python -m app migrate` first"
    )


def _count_lines(stream: IO[bytes]) -> int:
    """A file's lines, for the progress bar; those before the damage of a damaged one (reading
    it reports the damage)."""
    count = 0
    with contextlib.suppress(*DAMAGED):
        for _ in stream:
            count += 1
    return count


def _read(paths: list[Path], progress: Any) -> Iterator[Item]:
    """Every file's lines or rows, in order. A gzip file cut short or damaged is read up to the
    damage, which is reported as a refusal of the file (so the load goes on, and fails)."""
    acled = AcledReader()
    for path in paths:
        try:
            yield from _read_file(path, progress, acled)
        except DAMAGED as exc:
            what = "truncated: the gzip data ends early" if isinstance(exc, EOFError) else f"damaged: {exc}"
            message = f"{what}; the lines before that point were read, the rest of the file is missing"
            yield Refusal(str(path), 0, [("file", message)])


def _read_file(path: Path, progress: Any, acled: AcledReader) -> Iterator[Item]:
    with _bytes(path, progress) as (stream, lines_progress):
        head = stream.readline()
        if not is_acled(_csv_header(head)):
            yield from read_lines(path, itertools.chain([head], stream), lines_progress)
            return
    with _bytes(path, progress) as (stream, _):
        per_line = path.stat().st_size / max(1, _count_lines(stream))
    advance = functools.partial(_advance, progress, per_line)
    with _bytes(path, progress) as (stream, _):
        # A byte that is not UTF-8 becomes a lone surrogate, which refuses its row (acled.py).
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
        yield from acled.rows(path, text, advance)


def summary(stats: Stats, seconds: float, workers: int = 1) -> str:
    kinds = ("source", "actor", "incident", "statement", "casualty_report")
    created = ", ".join(f"{stats.created[k]} {k}s" for k in kinds if stats.created[k]) or "nothing"
    lines = [f"created: {created}"]
    unchanged = sum(stats.unchanged.values())
    if unchanged or stats.merged_sources:
        lines.append(
            f"unchanged (already stored): {unchanged}; "
            f"sources merged by identical text: {stats.merged_sources}"
        )
    rate = stats.created["incident"] / seconds if seconds > 0 else 0.0
    lines.append(f"refused lines: {stats.refused_lines}")
    by = f", {workers} worker processes" if workers > 1 else ""
    lines.append(f"time: {seconds:.2f} s ({rate:,.0f} incidents/s{by})")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    for path in args.files:
        problem = _unusable(path)
        if problem is not None:
            print(problem, file=sys.stderr)
            return 2
    if args.batch_size < 1:
        print("--batch-size must be at least 1", file=sys.stderr)
        return 2
    if args.workers is not None and args.workers < 1:
        print("--workers must be at least 1", file=sys.stderr)
        return 2
    engine = make_engine(get_settings().database_url)
    try:
        return _load(args, engine)
    except KeyboardInterrupt:
        # Ctrl-C: the batch in progress was rolled back (and the workers ended) on the way here.
        message = "interrupted: nothing was stored (--all-or-nothing)" if args.all_or_nothing else INTERRUPTED
        print(message, file=sys.stderr)
        return 130
    finally:
        engine.dispose()


def _load(args: argparse.Namespace, engine: Engine) -> int:
    behind = _schema_behind(engine)
    if behind is not None:
        print(behind, file=sys.stderr)
        return 2
    total = sum(p.stat().st_size for p in args.files)
    workers = args.workers
    if workers is None:
        # The CPUs this process may run on (its affinity: taskset, a container's cpuset), not all.
        workers = min(len(os.sched_getaffinity(0)), MAX_WORKERS) if total >= PARALLEL_FROM else 1
    started = time.perf_counter()
    with tqdm(total=total, unit="B", unit_scale=True, desc="import", file=sys.stderr, disable=None) as bar:

        def report(refusal: Refusal) -> None:
            for line in refusal.lines():
                bar.write(line, file=sys.stderr)

        def batch_done(stats: Stats) -> None:
            bar.set_postfix(incidents=stats.created["incident"], refused=stats.refused_lines, refresh=False)

        loader = ParallelLoader(
            engine,
            workers=workers,
            batch_size=args.batch_size,
            all_or_nothing=args.all_or_nothing,
            history=args.history,
            on_refusal=report,
            on_batch=batch_done,
        )
        ok = loader.run(_read(args.files, bar))
    seconds = time.perf_counter() - started
    if loader.aborted:
        print("aborted (--all-or-nothing): a line was refused, nothing was stored", file=sys.stderr)
    print(summary(loader.stats, seconds, loader.parallel_workers), file=sys.stderr)
    return 0 if ok else 1
