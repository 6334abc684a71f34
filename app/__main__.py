"""Command line: `python -m app migrate|serve|seed|...`. It reads `alembic.ini`, `migrations/` and `seeds/`
beside the `app` package, so it runs from a checkout (as the Docker image does), not from a wheel."""

import argparse
import sys
from collections.abc import Callable, Sequence

from app.settings import get_settings


def migrate(_args: argparse.Namespace) -> int:
    from alembic import command

    from app.db import make_engine
    from app.health import alembic_config
    from app.incidents.reads import refresh_all

    url = get_settings().database_url
    command.upgrade(alembic_config(url), "head")
    # Documents a migration marked stale (0007 adds every incident's) are written here, in batches.
    engine = make_engine(url)
    try:
        written = refresh_all(engine)
    finally:
        engine.dispose()
    if written:
        print(f"incident documents written: {written:,}")
    return 0


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.auth import MIN_KEY_LEN

    settings = get_settings()
    bootstrap = settings.bootstrap_admin_key
    if bootstrap and len(bootstrap.get_secret_value()) < MIN_KEY_LEN:  # unset or empty: no key
        # Each worker would otherwise die at start-up with a traceback.
        print(f"BOOTSTRAP_ADMIN_KEY must be at least {MIN_KEY_LEN} characters long", file=sys.stderr)
        return 2
    uvicorn.run(
        "app.main:app_factory",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers or settings.worker_count(),
        log_level=settings.log_level.lower(),
        proxy_headers=True,
        access_log=False,  # app.middleware logs each request as one JSON line, with its request id
    )
    return 0


def seed(args: argparse.Namespace) -> int:
    from app.db import make_engine, make_sessions
    from app.ingest.loader import SeedError, already_stored, discover, print_summary, seed_files

    engine = make_engine(get_settings().database_url)
    sessions = make_sessions(engine)
    try:
        seeds = discover(args.paths)
        if args.only_new:
            stored = already_stored(sessions, seeds)
            for seed in stored:
                print(
                    f"{seed.annotation_path.name}: its article is stored already; left as it is (--only-new)"
                )
            seeds = [seed for seed in seeds if seed not in stored]
        print_summary(seed_files(sessions, seeds))
    except SeedError as exc:
        print(f"seed failed, nothing was stored: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


def keys(args: argparse.Namespace) -> int:
    from app.auth import keys_command

    return keys_command(args)


def ingest(args: argparse.Namespace) -> int:
    from app.ingest.cli import run

    return run(args)


def import_files(args: argparse.Namespace) -> int:
    from app.importer.cli import run

    return run(args)


def reindex(_args: argparse.Namespace) -> int:
    from app import search
    from app.db import make_engine, make_sessions

    engine = make_engine(get_settings().database_url)
    with make_sessions(engine)() as session:
        count = search.reindex(session)
        session.commit()
    engine.dispose()
    print(f"rebuilt the search documents of {count} rows")
    return 0


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "migrate": (migrate, "upgrade the database to the latest migration"),
    "serve": (serve, "serve the API with uvicorn (HOST, PORT, WORKERS from the environment)"),
    "seed": (seed, "load seed annotations and their articles (default: every seeds/*.yaml); idempotent"),
    "keys": (
        keys,
        "manage API keys: create --role editor --name NAME [--expires-in-days N], list, revoke ID",
    ),
    "ingest": (ingest, "propose (or --commit) the records of article files with the automatic extractor"),
    "reindex": (reindex, "rebuild the full-text search documents (after a bulk load that bypassed the ORM)"),
    "import": (import_files, "bulk-load NDJSON create bodies or ACLED CSV (see README, Bulk import)"),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (_func, help_text) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text)
        if name == "serve":
            cmd.add_argument("--host")
            cmd.add_argument("--port", type=int)
            cmd.add_argument("--workers", type=int)
        if name == "seed":
            cmd.add_argument("paths", nargs="*", metavar="PATH", help="annotation files or directories")
            cmd.add_argument(
                "--only-new",
                action="store_true",
                help="load only the seeds whose article is not stored yet (what `make run` does at each "
                "start: changes made through the API to seeded records stay)",
            )
        if name == "ingest":
            from app.ingest.cli import add_arguments

            add_arguments(cmd)
        if name == "keys":
            from app.auth import add_key_arguments

            add_key_arguments(cmd)
        if name == "import":
            from app.importer.cli import add_arguments

            add_arguments(cmd)
    args = parser.parse_args(argv)
    return COMMANDS[args.command][0](args)


if __name__ == "__main__":
    sys.exit(main())
