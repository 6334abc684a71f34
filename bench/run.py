"""The benchmark: `make bench` (or `python bench/run.py`). See bench/README.md.

For each backend (a SQLite file, and a PostgreSQL database `bench_<pid>` it creates and drops):
migrate, load the synthetic dataset through `python -m app import` (the import rate), start the
service as a user would (`python -m app serve`, WORKERS=1, then WORKERS=2, the default on two cores), drive it
with wrk at a fixed concurrency, and issue the same queries straight through the database driver
(psycopg / sqlite3, the same concurrency with threads): the limit a Python service cannot beat.

Environment: BENCH_SCALE (1.0 = 100,000 incidents), BENCH_DURATION (seconds per measurement, 8),
BENCH_CONCURRENCY (8), BENCH_BACKENDS (sqlite,postgresql), BENCH_PG_URL (the server to create the
database on), BENCH_PORT (8150).
"""

import asyncio
import csv
import io
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2
import psycopg

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = BENCH / "data"
RESULTS = BENCH / "results"
PYTHON = sys.executable

SCALE = float(os.environ.get("BENCH_SCALE", "1"))
INCIDENTS = max(100, int(100_000 * SCALE))
DURATION = float(os.environ.get("BENCH_DURATION", "8"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
BACKENDS = [b for b in os.environ.get("BENCH_BACKENDS", "sqlite,postgresql").split(",") if b]
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PORT = int(os.environ.get("BENCH_PORT", "8150"))
BASE = f"http://127.0.0.1:{PORT}"
SEARCH_WORDS = ["shelling", "market", "drone strike", "abduction", "checkpoint", "protest"]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the load generators ---------------------------------------------------------------------


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int = 0
    tool: str = "wrk"


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def wrk(paths: list[str], concurrency: int, duration: float) -> Load:
    """wrk at a fixed number of connections; `paths` are requested round-robin by a Lua script."""
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "paths.txt"
        listing.write_text("\n".join(paths) + "\n")
        script = Path(tmp) / "paths.lua"
        script.write_text(
            f"""
local paths = {{}}
for line in io.lines("{listing}") do paths[#paths + 1] = line end
local i = 0
init = function(args) math.randomseed(os.time()); i = math.random(#paths) end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
"""
        )
        threads = min(2, concurrency)
        cmd = ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{max(1, round(duration))}s", "--latency"]
        out = subprocess.run(
            [*cmd, "-s", str(script), BASE], capture_output=True, text=True, check=True
        ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    socket_errors = re.search(r"Socket errors: .*", out)
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(0)))
    return Load(rps, p50, p99, total, errors)


def python_load(paths: list[str], concurrency: int, duration: float) -> Load:
    """Fallback when wrk is missing: an asyncio + httpx2 client, the same concurrency (slower than wrk,
    so the service's numbers it reports are a lower bound)."""

    async def main() -> Load:
        latencies: list[float] = []
        errors = 0
        deadline = time.perf_counter() + duration
        limits = httpx2.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        async with httpx2.AsyncClient(base_url=BASE, limits=limits, timeout=60) as client:

            async def worker(offset: int) -> None:
                nonlocal errors
                i = offset
                while time.perf_counter() < deadline:
                    i += 1
                    started = time.perf_counter()
                    response = await client.get(paths[i % len(paths)])
                    latencies.append((time.perf_counter() - started) * 1000)
                    errors += response.status_code >= 400

            started = time.perf_counter()
            await asyncio.gather(*(worker(n * 7919) for n in range(concurrency)))
            elapsed = time.perf_counter() - started
        return summarize(latencies, elapsed, errors, "python-httpx2")

    return asyncio.run(main())


def summarize(latencies: list[float], elapsed: float, errors: int = 0, tool: str = "") -> Load:
    if not latencies:
        return Load(0.0, 0.0, 0.0, 0, errors, tool)
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    return Load(len(latencies) / elapsed, cuts[49], cuts[98], len(latencies), errors, tool)


def http_load(paths: list[str], concurrency: int, duration: float) -> Load:
    if shutil.which("wrk"):
        return wrk(paths, concurrency, duration)
    return python_load(paths, concurrency, duration)


def threads_load(work: Callable[[Any, int], None], connect: Callable[[], Any], concurrency: int) -> Load:
    """The driver's side: `concurrency` threads, each with its own connection, for DURATION seconds."""
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    deadline = time.perf_counter() + DURATION
    barrier = threading.Barrier(concurrency + 1)

    def run(slot: int) -> None:
        conn = connect()
        barrier.wait()
        i = slot * 7919
        mine = latencies[slot]
        while time.perf_counter() < deadline:
            i += 1
            started = time.perf_counter()
            work(conn, i)
            mine.append((time.perf_counter() - started) * 1000)
        conn.close()

    workers = [threading.Thread(target=run, args=(n,)) for n in range(concurrency)]
    for w in workers:
        w.start()
    barrier.wait()
    started = time.perf_counter()
    deadline = started + DURATION
    for w in workers:
        w.join()
    return summarize([x for per in latencies for x in per], time.perf_counter() - started, 0, "threads")


# --- the driver's queries: what the read model needs, in the fewest round trips ------------------


class Driver:
    """The same data the endpoints return, fetched with plain SQL (no JSON encoding)."""

    def __init__(self, backend: str, url: str) -> None:
        self.backend = backend
        self.url = url
        self.p = "%s" if backend == "postgresql" else "?"

    def connect(self) -> Any:
        if self.backend == "postgresql":
            return psycopg.connect(self.url, autocommit=True)
        import sqlite3

        conn = sqlite3.connect(self.url, check_same_thread=False)
        conn.execute("PRAGMA journal_mode = WAL")
        return conn

    def key(self, incident_id: str) -> str:
        return incident_id if self.backend == "postgresql" else incident_id.replace("-", "")

    def when(self, value: datetime) -> Any:
        return value if self.backend == "postgresql" else value.strftime("%Y-%m-%d %H:%M:%S.%f")

    def _in(self, column: str, ids: list[Any]) -> tuple[str, list[Any]]:
        if self.backend == "postgresql":
            return f"{column} = ANY(%s)", [ids]
        return f"{column} IN ({','.join('?' * len(ids))})", list(ids)

    def links(self, cur: Any, ids: list[Any]) -> None:
        """Actors with roles, source ids and evidence of these incidents: three more queries."""
        if not ids:
            return
        where, args = self._in("ia.incident_id", ids)
        cur.execute(
            f"SELECT ia.*, a.name, a.kind FROM incident_actors ia JOIN actors a ON a.id = ia.actor_id "
            f"WHERE {where} ORDER BY ia.created_at",
            args,
        )
        link_ids = [row[0] for row in cur.fetchall()]
        where, args = self._in("incident_id", ids)
        cur.execute(
            f"SELECT incident_id, source_id FROM incident_sources WHERE {where} ORDER BY position", args
        )
        cur.fetchall()
        where, args = self._in("incident_id", ids)
        sql = f"SELECT * FROM evidence WHERE {where}"
        if link_ids:
            where2, args2 = self._in("incident_actor_id", link_ids)
            sql, args = f"{sql} UNION ALL SELECT * FROM evidence WHERE {where2}", args + args2
        cur.execute(f"{sql} ORDER BY position", args)
        cur.fetchall()

    def page(self, conn: Any, where: str = "", args: tuple[Any, ...] = ()) -> None:
        cur = conn.cursor()
        cur.execute(f"SELECT * FROM incidents {where} ORDER BY occurred_at DESC, id DESC LIMIT 51", args)
        rows = cur.fetchall()
        self.links(cur, [row_id(r) for r in rows[:50]])
        cur.close()

    def by_id(self, conn: Any, incident_id: str) -> None:
        cur = conn.cursor()
        cur.execute(f"SELECT * FROM incidents WHERE id = {self.p}", (self.key(incident_id),))
        cur.fetchall()
        self.links(cur, [self.key(incident_id)])
        cur.close()

    def search(self, conn: Any, word: str) -> None:
        """The service's `q` page: the 51 best-ranked documents (app/search.py), then their rows."""
        cur = conn.cursor()
        if self.backend == "postgresql":
            cur.execute(
                "SELECT owner_id, ts_rank(tsv, query) AS score FROM incident_search_terms, "
                "plainto_tsquery('english', %s) AS query WHERE tsv @@ query "
                "ORDER BY score DESC, owner_id DESC LIMIT 51",
                (word,),
            )
        else:
            # Each row's score from its own term counts (FTS5's `instance` vocabulary), as the
            # service ranks: the terms FTS5's tokenizer makes of the words but stop words.
            from app.search import STOP_WORDS, stems

            words = word.split()
            terms = stems([w for w in words if w.casefold() not in STOP_WORDS])
            occurrences = " UNION ALL ".join(
                f"SELECT doc, {k} AS k FROM incident_search_fts_instances WHERE term = ?"
                for k in range(len(terms))
            )
            counts = ", ".join(f"sum(k = {k}) AS n{k}" for k in range(len(terms)))
            score = " + ".join(f"(n{k} * 22000) / (n{k} * 10 + 12)" for k in range(len(terms)))
            cur.execute(
                f"SELECT d.owner_id, {score} AS score FROM (SELECT doc, {counts} FROM ({occurrences}) "
                f"GROUP BY doc HAVING {' AND '.join(f'n{k} > 0' for k in range(len(terms)))}) AS s "
                "CROSS JOIN incident_search AS d ON d.id = s.doc "
                "WHERE d.id IN (SELECT rowid FROM incident_search_fts WHERE incident_search_fts MATCH ?) "
                "ORDER BY score DESC, d.owner_id DESC LIMIT 51",
                (*terms, " ".join(f'"{w}"' for w in words)),
            )
        ids = [row[0] for row in cur.fetchall()][:50]
        if ids:
            where, args = self._in("id", ids)
            cur.execute(f"SELECT * FROM incidents WHERE {where}", args)
            cur.fetchall()
        self.links(cur, ids)
        cur.close()

    def stats_month(self, conn: Any) -> None:
        month = (
            "date_trunc('month', occurred_at)"
            if self.backend == "postgresql"
            else "substr(occurred_at, 1, 7)"
        )
        cur = conn.cursor()
        cur.execute(
            f"SELECT {month} AS m, count(*), sum(killed_best), sum(injured_best) FROM incidents "
            "GROUP BY m ORDER BY m"
        )
        cur.fetchall()
        cur.close()

    def export(self, conn: Any, where: str = "", args: tuple[Any, ...] = ()) -> float:
        """Every matching row through the driver into CSV text (thrown away): seconds."""
        started = time.perf_counter()
        if self.backend == "postgresql":
            conn.autocommit = False  # a server-side cursor lives in a transaction
        cur = conn.cursor(name="export") if self.backend == "postgresql" else conn.cursor()
        cur.execute(f"SELECT * FROM incidents {where} ORDER BY occurred_at DESC, id DESC", args)
        sink = io.StringIO()
        writer = csv.writer(sink)
        while rows := cur.fetchmany(2000):
            writer.writerows(rows)
            sink.seek(0)
            sink.truncate()
        cur.close()
        if self.backend == "postgresql":
            conn.commit()
        return time.perf_counter() - started


def row_id(row: Any) -> Any:
    """The id column of an `incidents` row (SELECT * puts the Resource columns last)."""
    return row[ID_INDEX]


ID_INDEX = 0


# --- the service -----------------------------------------------------------------------------


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


@contextmanager
def service(url: str, workers: int) -> Iterator[subprocess.Popen[bytes]]:
    # Another server on the port would answer the health check and every request in our place.
    if not _port_free(PORT):
        raise RuntimeError(f"something already listens on 127.0.0.1:{PORT}; stop it or set BENCH_PORT")
    env = {**os.environ, "DATABASE_URL": url, "WORKERS": str(workers), "LOG_LEVEL": "WARNING"}
    env["PORT"] = str(PORT)
    server_log = RESULTS / f"server-{workers}.log"
    with server_log.open("wb") as out:
        proc = subprocess.Popen(
            [PYTHON, "-m", "app", "serve", "--port", str(PORT), "--workers", str(workers)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.time() + 60
        while True:
            try:
                if httpx2.get(f"{BASE}/healthz", timeout=1).status_code == 200:
                    break
            except httpx2.HTTPError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"the service did not start; see {server_log}")
            time.sleep(0.2)
        yield proc
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _status(pid: int, field_name: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) * 1024
    return 0


def measure_export(pid: int, path: str) -> dict[str, Any]:
    """Stream the export; its seconds, rows and the server's peak memory growth (VmHWM after the
    peak was reset, or the highest VmRSS sampled every 10 ms where the reset is not allowed)."""
    with suppress(OSError):
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    before = _status(pid, "VmRSS")
    peak = before
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _status(pid, "VmRSS"))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    lines = 0
    size = 0
    with httpx2.stream("GET", BASE + path, timeout=600) as response:
        status = response.status_code
        for chunk in response.iter_bytes():
            size += len(chunk)
            lines += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    peak = max(peak, _status(pid, "VmHWM"))
    if status != 200:
        return {"available": False, "status": status}
    return {
        "available": True,
        "seconds": round(seconds, 3),
        "rows": max(0, lines - 1),
        "bytes": size,
        "memory_growth_mb": round((peak - before) / 2**20, 1),
        "rss_before_mb": round(before / 2**20, 1),
    }


# --- one backend -----------------------------------------------------------------------------


@dataclass
class Sample:
    ids: list[str]
    country: str
    after: datetime
    before: datetime
    bbox: tuple[float, float, float, float]
    recent_1000: datetime
    measurements: dict[str, Any] = field(default_factory=dict)


def sample(driver: Driver) -> Sample:
    conn = driver.connect()
    cur = conn.cursor()
    cur.execute("SELECT id, country_code, latitude, longitude FROM incidents ORDER BY id LIMIT 2000")
    rows = cur.fetchall()
    rng = random.Random(7)
    ids = [str(r[0]) if driver.backend == "postgresql" else str(_uuid(r[0])) for r in rows]
    rng.shuffle(ids)
    pivot = next(r for r in rows if r[1] is not None and r[2] is not None)
    cur.execute("SELECT occurred_at FROM incidents ORDER BY occurred_at DESC LIMIT 1 OFFSET 999")
    found = cur.fetchone()
    recent = found[0] if found else datetime(2000, 1, 1, tzinfo=UTC)
    if isinstance(recent, str):
        recent = datetime.fromisoformat(recent).replace(tzinfo=UTC)
    cur.close()
    conn.close()
    lat, lon = float(pivot[2]), float(pivot[3])
    return Sample(
        ids=ids[:1000],
        country=pivot[1],
        after=datetime(2021, 1, 1, tzinfo=UTC),
        before=datetime(2024, 1, 1, tzinfo=UTC),
        bbox=(round(lon - 2, 3), round(lat - 2, 3), round(lon + 2, 3), round(lat + 2, 3)),
        recent_1000=recent,
    )


def _uuid(value: str) -> Any:
    import uuid

    return uuid.UUID(value)


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def measurements(s: Sample, driver: Driver) -> dict[str, tuple[list[str], Callable[[Any, int], None], int]]:
    """name -> (HTTP paths, the driver's equivalent, concurrency)."""
    bbox = ",".join(str(v) for v in s.bbox)
    filters = (
        f"country_code={s.country}&occurred_after={_iso(s.after)}"
        f"&occurred_before={_iso(s.before)}&bbox={bbox}"
    )
    p = driver.p
    where = (
        f"WHERE country_code = {p} AND occurred_at >= {p} AND occurred_at < {p} "
        f"AND latitude BETWEEN {p} AND {p} AND longitude BETWEEN {p} AND {p}"
    )
    args = (
        s.country,
        driver.when(s.after),
        driver.when(s.before),
        s.bbox[1],
        s.bbox[3],
        s.bbox[0],
        s.bbox[2],
    )
    return {
        "by_id": (
            [f"/v1/incidents/{i}" for i in s.ids],
            lambda conn, i: driver.by_id(conn, s.ids[i % len(s.ids)]),
            CONCURRENCY,
        ),
        "list": (
            ["/v1/incidents?limit=50&sort=-occurred_at"],
            lambda conn, i: driver.page(conn),
            CONCURRENCY,
        ),
        "list_filtered": (
            [f"/v1/incidents?limit=50&sort=-occurred_at&{filters}"],
            lambda conn, i: driver.page(conn, where, args),
            CONCURRENCY,
        ),
        # The contract's single-client targets: search p50 <= 20 ms, stats p50 <= 60 ms.
        "search": (
            [f"/v1/incidents?limit=50&q={w.replace(' ', '+')}" for w in SEARCH_WORDS],
            lambda conn, i: driver.search(conn, SEARCH_WORDS[i % len(SEARCH_WORDS)]),
            1,
        ),
        "stats_month": (["/v1/stats/incidents?group_by=month"], lambda conn, i: driver.stats_month(conn), 1),
    }


def run_loads(s: Sample, driver: Driver, workers: int, with_driver: bool) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name, (paths, work, concurrency) in measurements(s, driver).items():
        probe = httpx2.get(BASE + paths[0], timeout=60)
        if probe.status_code != 200:
            log(f"  {name}: HTTP {probe.status_code} on this build, not measured")
            results[name] = {"available": False, "status": probe.status_code}
            continue
        http_load(paths, concurrency, 1)  # warm-up
        load = http_load(paths, concurrency, DURATION)
        entry: dict[str, Any] = {
            "available": True,
            "concurrency": concurrency,
            "rps": round(load.rps, 1),
            "p50_ms": round(load.p50_ms, 2),
            "p99_ms": round(load.p99_ms, 2),
            "errors": load.errors,
            "tool": load.tool,
        }
        if with_driver:
            drv = threads_load(work, driver.connect, concurrency)
            entry.update(
                driver_rps=round(drv.rps, 1),
                driver_p50_ms=round(drv.p50_ms, 2),
                driver_p99_ms=round(drv.p99_ms, 2),
                ratio=round(load.rps / drv.rps, 3) if drv.rps else None,
            )
        results[name] = entry
        log(
            f"  {name} (c={concurrency}, workers={workers}): {load.rps:,.0f} rps, p50 {load.p50_ms:.1f} ms, "
            f"p99 {load.p99_ms:.1f} ms" + (f", driver {entry['driver_rps']:,.0f} rps" if with_driver else "")
        )
    return results


def count_rows(driver: Driver) -> int:
    conn = driver.connect()
    cur = conn.cursor()
    total = 0
    for table in (
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
    ):
        cur.execute(f"SELECT count(*) FROM {table}")
        total += cur.fetchone()[0]
    cur.close()
    conn.close()
    return total


def run_backend(backend: str, dataset: Path) -> dict[str, Any]:
    global ID_INDEX
    log(f"{backend}: {INCIDENTS:,} incidents")
    result: dict[str, Any] = {"incidents": INCIDENTS}
    with database(backend) as (url, driver_url):
        env = {**os.environ, "DATABASE_URL": url}
        subprocess.run([PYTHON, "-m", "app", "migrate"], cwd=ROOT, env=env, check=True)
        started = time.perf_counter()
        imported = subprocess.run(
            [PYTHON, "-m", "app", "import", str(dataset)], cwd=ROOT, env=env, capture_output=True, text=True
        )
        seconds = time.perf_counter() - started
        if imported.returncode != 0:
            raise RuntimeError(f"import failed:\n{imported.stderr[-3000:]}")
        driver = Driver(backend, driver_url)
        rows = count_rows(driver)
        result["import"] = {
            "seconds": round(seconds, 2),
            "incidents_per_s": round(INCIDENTS / seconds, 1),
            "rows": rows,
            "rows_per_s": round(rows / seconds, 1),
            "summary": imported.stderr.strip().splitlines()[-4:],
        }
        log(
            f"  import: {seconds:.1f} s, {INCIDENTS / seconds:,.0f} incidents/s, {rows / seconds:,.0f} rows/s"
        )
        conn = driver.connect()
        cur = conn.cursor()
        cur.execute("SELECT * FROM incidents LIMIT 1")
        ID_INDEX = [d[0] for d in cur.description].index("id")
        cur.close()
        conn.close()
        s = sample(driver)

        with service(url, 1) as proc:
            export: dict[str, Any] = {}
            small = f"/v1/incidents?format=csv&occurred_after={_iso(s.recent_1000)}"
            for name, path in (("rows_1000", small), ("all", "/v1/incidents?format=csv")):
                export[name] = measure_export(proc.pid, path)
                if export[name].get("available"):
                    conn = driver.connect()
                    p = driver.p
                    where, args = (
                        ("", ())
                        if name == "all"
                        else (f"WHERE occurred_at >= {p}", (driver.when(s.recent_1000),))
                    )
                    export[name]["driver_seconds"] = round(driver.export(conn, where, args), 3)
                    conn.close()
                    log(f"  export {name}: {export[name]}")
                else:
                    log(f"  export {name}: HTTP {export[name]['status']} on this build, not measured")
            result["export"] = export
            result["measurements"] = run_loads(s, driver, 1, with_driver=True)
        with service(url, 2):
            two = run_loads(s, driver, 2, with_driver=False)
        for name, entry in two.items():
            one = result["measurements"].get(name, {})
            if entry.get("available") and one.get("driver_rps"):
                entry["driver_rps"] = one["driver_rps"]
                entry["ratio"] = round(entry["rps"] / one["driver_rps"], 3)
        result["workers_2"] = two
    return result


@contextmanager
def database(backend: str) -> Iterator[tuple[str, str]]:
    if backend == "sqlite":
        path = DATA / f"bench-{INCIDENTS}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        try:
            yield f"sqlite:///{path}", str(path)
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    name = f"bench_{os.getpid()}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    driver_url = re.sub(r"/[^/]*$", f"/{name}", PG_URL)
    try:
        yield driver_url.replace("postgresql://", "postgresql+psycopg://", 1), driver_url
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- report ----------------------------------------------------------------------------------

NAMES = {
    "by_id": "incident by id",
    "list": "list, 50, -occurred_at",
    "list_filtered": "list + country, dates, bbox",
    "search": "q full-text search (relevance order)",
    "stats_month": "stats by month",
}


def table(backend: str, result: dict[str, Any]) -> str:
    two = result.get("workers_2")
    head = "| measurement | c | rps | p50 ms | p99 ms | driver rps | ratio |"
    rule = "|---|---|---|---|---|---|---|"
    if two:
        head += " rps, 2 workers | p50 ms | ratio |"
        rule += "---|---|---|"
    lines = [f"**{backend}**, {result['incidents']:,} incidents", "", head, rule]
    for key, label in NAMES.items():
        m = result["measurements"].get(key, {})
        if not m.get("available"):
            cells = f"| {label} | | n/a (HTTP {m.get('status')}) | | | | |"
        else:
            cells = (
                f"| {label} | {m['concurrency']} | {m['rps']:,.0f} | {m['p50_ms']:.1f} | {m['p99_ms']:.1f} | "
                f"{m['driver_rps']:,.0f} | {m['ratio']:.2f} |"
            )
        if two:
            t = two.get(key, {})
            cells += (
                f" {t['rps']:,.0f} | {t['p50_ms']:.1f} | {t['ratio']:.2f} |"
                if t.get("available")
                else " n/a | | |"
            )
        lines.append(cells)
    imp = result["import"]
    lines.append("")
    lines.append(
        f"import: {imp['seconds']:.1f} s, **{imp['incidents_per_s']:,.0f} incidents/s** "
        f"({imp['rows']:,} rows in all tables, {imp['rows_per_s']:,.0f} rows/s)"
    )
    for name, e in result.get("export", {}).items():
        if e.get("available"):
            lines.append(
                f"CSV export ({name}): {e['rows']:,} rows in {e['seconds']:.2f} s "
                f"(driver {e['driver_seconds']:.2f} s), server memory +{e['memory_growth_mb']:.1f} MB"
            )
        else:
            lines.append(f"CSV export ({name}): n/a on this build (HTTP {e.get('status')})")
    return "\n".join(lines)


def print_tables(report: dict[str, Any]) -> None:
    print(
        f"load generator: {report['load_generator']}; {report['duration_s']:.0f} s per measurement; "
        f"{report['cpus']} CPUs shared by all; scale {report['scale']}"
    )
    for backend, result in report["backends"].items():
        print()
        print(table(backend, result))


def main() -> int:
    if sys.argv[1:] == ["--table"]:
        # Print the tables of the last run again (e.g. for bench/README.md).
        print_tables(json.loads((RESULTS / "latest.json").read_text()))
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    dataset = DATA / f"incidents-{INCIDENTS}.ndjson"
    if not dataset.exists():
        log(f"generating {dataset.name}")
        subprocess.run([PYTHON, str(BENCH / "generate.py"), "--incidents", str(INCIDENTS)], check=True)
    tool = "wrk" if shutil.which("wrk") else "python-httpx2 (wrk not found)"
    report: dict[str, Any] = {
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "scale": SCALE,
        "incidents": INCIDENTS,
        "duration_s": DURATION,
        "concurrency": CONCURRENCY,
        "load_generator": tool,
        "cpus": os.cpu_count(),
        "backends": {},
    }
    started = time.perf_counter()
    for backend in BACKENDS:
        report["backends"][backend] = run_backend(backend, dataset)
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(report, indent=2, default=str)
    (RESULTS / f"{stamp}.json").write_text(text)
    (RESULTS / "latest.json").write_text(text)
    print()
    print_tables(report)
    print(
        f"\nresults: bench/results/{stamp}.json and bench/results/latest.json "
        f"({report['total_seconds']:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
