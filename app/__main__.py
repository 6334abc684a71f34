"""Command line: `python -m app migrate|serve|seed|...` (also installed as `incidents-api`)."""

import argparse
import sys
from collections.abc import Callable, Sequence

from app.settings import get_settings


def migrate(_args: argparse.Namespace) -> int:
    from alembic import command

    from app.health import alembic_config

    command.upgrade(alembic_config(get_settings().database_url), "head")
    return 0


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = get_settings()
    uvicorn.run(
        "app.main:app_factory",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers or settings.workers,
        log_level=settings.log_level.lower(),
        proxy_headers=True,
    )
    return 0


def import_files(args: argparse.Namespace) -> int:
    from app.importer.cli import run

    return run(args)


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "migrate": (migrate, "upgrade the database to the latest migration"),
    "serve": (serve, "serve the API with uvicorn (HOST, PORT, WORKERS from the environment)"),
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
        if name == "import":
            from app.importer.cli import add_arguments

            add_arguments(cmd)
    args = parser.parse_args(argv)
    return COMMANDS[args.command][0](args)


if __name__ == "__main__":
    sys.exit(main())
