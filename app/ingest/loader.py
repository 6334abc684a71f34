"""Seed files: an annotation (`NAME.yaml`, YAML or JSON) beside its article (`NAME.txt`, verbatim).

`seed_files` loads them all in ONE transaction through the ingest pipeline: either every file is
stored or, on the first error, nothing is. Loading again changes nothing, so `make run` seeds on
every start.
"""

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import yaml
from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import Unprocessable
from app.health import ROOT
from app.ingest.schemas import Annotation
from app.ingest.service import KINDS, IngestResult, load

SEEDS_DIR = ROOT / "seeds"
ANNOTATION_SUFFIXES = (".yaml", ".yml", ".json")


class SeedError(Exception):
    """A seed file that cannot be loaded; the message names the file and the record."""


class _YamlLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates and times as strings, so Pydantic parses every one the same way
    (PyYAML would turn `2023-12-08` into a date and an offset-less time into a naive datetime)."""


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class SeedFile:
    annotation_path: Path
    text_path: Path


def discover(paths: Sequence[str | Path]) -> list[SeedFile]:
    """Annotation files named (or found in the directories named), each with its sibling `.txt`."""
    found: list[Path] = []
    for raw in paths or [SEEDS_DIR]:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in ANNOTATION_SUFFIXES))
        elif path.suffix == ".txt" and path.with_suffix(".yaml").exists():
            found.append(path.with_suffix(".yaml"))
        elif path.exists():
            found.append(path)
        else:
            raise SeedError(f"{path}: no such file or directory")
    seeds = []
    for annotation_path in found:
        text_path = annotation_path.with_suffix(".txt")
        if not text_path.exists():
            raise SeedError(f"{annotation_path}: the article {text_path.name} is missing beside it")
        seeds.append(SeedFile(annotation_path, text_path))
    return seeds


def read_annotation(path: Path) -> Annotation:
    try:
        data: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise SeedError(f"{path}: not valid YAML or JSON: {exc}") from None
    try:
        return Annotation.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise SeedError(f"{path}: {problems}") from None


def read_text(path: Path) -> str:
    # newline="" keeps the article byte-for-byte (no \r\n translation): offsets count its characters.
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def already_stored(sessions: sessionmaker[Session], seeds: Iterable[SeedFile]) -> list[SeedFile]:
    """The seeds whose article is a stored source (the same text)."""
    from app.sources.service import sources

    with sessions() as session:
        return [
            seed for seed in seeds if sources.find_by_text(session, read_text(seed.text_path)) is not None
        ]


def seed_files(
    sessions: sessionmaker[Session], seeds: Iterable[SeedFile]
) -> list[tuple[SeedFile, IngestResult]]:
    """Load every seed in one transaction; any error rolls all of them back."""
    prepared = [(seed, read_text(seed.text_path), read_annotation(seed.annotation_path)) for seed in seeds]
    results = []
    with sessions() as session:
        session.connection(execution_options={"sqlite_immediate": True})
        try:
            for seed, text, annotation in prepared:
                try:
                    result = load(session, text, annotation)
                except Unprocessable as exc:
                    raise SeedError(f"{seed.annotation_path}: {exc.detail}") from None
                results.append((seed, result.model_copy(update={"committed": True})))
            session.commit()
        except BaseException:
            session.rollback()
            raise
    return results


def print_summary(results: Sequence[tuple[SeedFile, IngestResult]], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    for seed, result in results:
        print(
            f"{seed.annotation_path.name} (source {result.source_id}, incident {result.incident_id})",
            file=out,
        )
        print(f"  {'records':<18}{'created':>9}{'updated':>9}{'unchanged':>11}", file=out)
        for kind in KINDS:
            counts = result.summary[kind]
            print(f"  {kind:<18}{counts.created:>9}{counts.updated:>9}{counts.unchanged:>11}", file=out)
    changed = sum(r.summary[k].created + r.summary[k].updated for _, r in results for k in KINDS)
    print(
        f"{len(results)} seed file(s) loaded; "
        + (f"{changed} record(s) created or updated." if changed else "nothing to change: already seeded."),
        file=out,
    )
