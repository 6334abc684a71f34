"""`python -m app ingest FILE...`: the extractor over article files, from the command line.

Each file is one article (UTF-8 text); `--published-at`, `--title`, `--url` and `--publisher` say
what POST /v1/ingest's fields say (for every file given). By default it is a dry run that prints
what the extractor proposes; `--commit` stores each article in its own transaction; `--out DIR`
writes each proposal as an annotation file (`NAME.yaml` beside a copy of `NAME.txt`) for an
analyst to review and load with `python -m app seed DIR`.
"""

import argparse
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError
from tqdm import tqdm

from app.errors import Unprocessable
from app.ingest.loader import read_text
from app.ingest.service import KINDS, load, propose, with_source
from app.schemas import Name, Timestamp, Title, Url
from app.settings import get_settings


def _checked(kind: Any) -> Callable[[str], Any]:
    """An argparse type that checks an option as the API checks the field of that type."""
    adapter: TypeAdapter[Any] = TypeAdapter(kind)

    def parse(value: str) -> Any:
        try:
            return adapter.validate_python(value)
        except ValidationError as exc:
            raise argparse.ArgumentTypeError(f"{value!r}: {exc.errors()[0]['msg']}") from None

    return parse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="article text files (UTF-8)")
    parser.add_argument("--commit", action="store_true", help="store the proposals (default: dry run)")
    parser.add_argument("--out", type=Path, help="write each proposal as DIR/NAME.yaml (with DIR/NAME.txt)")
    parser.add_argument("--language", help="BCP 47 tag of the articles' language (guessed when absent)")
    # As POST /v1/ingest takes them; the publication time dates "on Tuesday" and "yesterday".
    parser.add_argument(
        "--published-at", type=_checked(Timestamp), help="when the article was published (RFC 3339)"
    )
    parser.add_argument("--title", type=_checked(Title), help="the article's title (default: its headline)")
    parser.add_argument("--url", type=_checked(Url), help="where the article was published")
    parser.add_argument("--publisher", type=_checked(Name), help="who published it")


def run(args: argparse.Namespace) -> int:
    from app.db import make_engine, make_sessions

    engine = make_engine(get_settings().database_url)
    sessions = make_sessions(engine)
    failed = 0
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
    try:
        for name in tqdm(
            args.files, desc="articles", unit="file", file=sys.stderr, disable=len(args.files) < 2
        ):
            path = Path(name)
            text = read_text(path)
            with sessions() as session:
                session.connection(execution_options={"sqlite_immediate": True})
                given = {name: getattr(args, name) for name in ("title", "published_at", "url", "publisher")}
                proposal = propose(session, text, language=args.language, **given)
                try:
                    proposal = with_source(proposal, given)
                    result = load(session, text, proposal, fill_only=True)
                except Unprocessable as exc:
                    session.rollback()
                    failed += 1
                    print(f"{path}: refused: {exc.detail}", file=sys.stderr)
                    continue
                if args.commit:
                    session.commit()
                else:
                    session.rollback()
            counts = ", ".join(
                f"{kind} {result.summary[kind].created}+{result.summary[kind].updated}" for kind in KINDS
            )
            verb = "stored" if args.commit else "proposed (dry run)"
            print(f"{path}: {verb}: {counts} (created+updated)")
            for note in proposal.notes:
                print(f"  note: {note}")
            if args.out is not None:
                target = args.out / path.with_suffix(".yaml").name
                data = proposal.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
                target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
                if path.resolve() != (args.out / path.with_suffix(".txt").name).resolve():
                    shutil.copyfile(path, args.out / path.with_suffix(".txt").name)
    finally:
        engine.dispose()
    return 1 if failed else 0
