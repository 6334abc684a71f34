"""ACLED CSV (codebook columns) read as our records: the inverse of the `format=acled` export.

One ACLED row becomes: a source (its `notes` as the text, `source` as the publisher), the actors
it names (created once per name), an incident citing the source, with `actor1`/`assoc_actor_1`
as perpetrators and `actor2`/`assoc_actor_2` as targets, and a casualty report (`fatalities`
killed, qualifier `exact`, group `all`) from that source. Ids are UUIDv5 of `event_id_cnty` (and
of the actor's name), so re-importing a file changes nothing. The event's id
is also kept as the tag `acled:<event_id_cnty>`.

A row is stored whole or not at all: its records are validated with the API's create schemas as
the row is read, and a row that fails is one refusal, with all its errors, at its first line. An
actor is described by the first row that names it: a later row, or another file, that names it
with another country or kind reuses the stored actor as it is (ACLED gives actors no id).

Inverse maps (the forward ones are in app/vocab.py): `time_precision` 1 day, 2 week, 3 month;
`geo_precision` 1 city, 2 and 3 region (ACLED's 2 is "near the town or in the district", which
our vocabulary has no closer word for); `inter` 1 security_force, 2-4 armed_group, 5-6
protesters, 7 civilians, 8 other; associated actors, whose type ACLED does not code, are `other`.
"""

import csv
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pycountry

from app.importer.records import NAMESPACE, Record, Refusal, check
from app.vocab import ACLED_COLUMNS, ACLED_COUNTRY_NAMES, ActorKind, GeoPrecision, TimePrecision

COLUMNS = ACLED_COLUMNS
# The columns a file must have to be read as ACLED (the rest are optional).
REQUIRED = frozenset({"event_id_cnty", "event_date", "event_type", "actor1", "country", "fatalities"})
# Python's csv module refuses a field over 131,072 characters; above it, the API's own limits say
# what is too long (a source's text: 100,000). A field over this one is refused as unreadable.
FIELD_LIMIT = 16 << 20
# What the file's reader (cli.py) makes of bytes that are not UTF-8: lone surrogates.
_UNDECODED = re.compile("[\udc80-\udcff]")

INTER_KIND: dict[str, ActorKind] = {
    "1": ActorKind.security_force,
    "2": ActorKind.armed_group,
    "3": ActorKind.armed_group,
    "4": ActorKind.armed_group,
    "5": ActorKind.protesters,
    "6": ActorKind.protesters,
    "7": ActorKind.civilians,
    "8": ActorKind.other,
    # Since 2023 ACLED writes the names instead of the codes.
    "state forces": ActorKind.security_force,
    "rebel group": ActorKind.armed_group,
    "political militia": ActorKind.armed_group,
    "identity militia": ActorKind.armed_group,
    "rioters": ActorKind.protesters,
    "protesters": ActorKind.protesters,
    "civilians": ActorKind.civilians,
    "external/other forces": ActorKind.other,
}
TIME_PRECISION = {"1": TimePrecision.day, "2": TimePrecision.week, "3": TimePrecision.month}
GEO_PRECISION = {"1": GeoPrecision.city, "2": GeoPrecision.region, "3": GeoPrecision.region}


def is_acled(header: list[str]) -> bool:
    return {h.strip().lower() for h in header} >= REQUIRED


def missing_columns(header: list[str]) -> list[str]:
    """The columns the importer needs that a header lacks, when it is meant as ACLED's (it has
    `event_id_cnty`, or most of ACLED's columns): such a file is refused, not read as NDJSON."""
    names = {h.strip().lower() for h in header}
    if "event_id_cnty" not in names and len(names & set(COLUMNS)) <= len(COLUMNS) // 2:
        return []
    return sorted(REQUIRED - names)


_SCALE_WIDTH = ("unknown", "local", "national", "regional", "international")


def _scale(value: str) -> str:
    """ACLED's `source_scale` as one of ours. A row is one source here, so a joined value
    ("Subnational-National", "National-International", as the export writes an incident with
    several sources) becomes its widest part."""
    scales = ["unknown"]
    for part in re.split(r"[-/]", value.lower()):
        if "international" in part:
            scales.append("international")
        elif "regional" in part:
            scales.append("regional")
        elif "subnational" in part or "local" in part:
            scales.append("local")
        elif "national" in part:
            scales.append("national")
    return max(scales, key=_SCALE_WIDTH.index)


def _date(value: str) -> datetime:
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%m/%d/%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise ValueError(f"event_date {value!r} is not a date (YYYY-MM-DD or '05 January 2024')")


# ACLED's own names ("Russia", "Ivory Coast"), which the export writes and pycountry does not know.
_ACLED_NAME_TO_CODE = {name.casefold(): code for code, name in ACLED_COUNTRY_NAMES.items()}


def _country(iso: str, name: str) -> str | None:
    found: Any = None
    if iso.strip():
        found = pycountry.countries.get(numeric=iso.strip().zfill(3))
    if found is None and name.strip().casefold() in _ACLED_NAME_TO_CODE:
        return _ACLED_NAME_TO_CODE[name.strip().casefold()]
    if found is None and name.strip():
        try:
            found = pycountry.countries.lookup(name.strip())
        except LookupError:
            found = None
    return found.alpha_2 if found is not None else None


def _number(value: str, column: str) -> float | None:
    try:
        return float(value) if value.strip() else None
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a number") from None


def _whole(value: str, column: str) -> int:
    if not value.lstrip("-").isdigit():
        raise ValueError(f"{column} {value!r} is not a whole number")
    return int(value)


def _code(row: dict[str, str], column: str, codes: dict[str, Any]) -> Any:
    """The codebook value of `column` (None when empty); a code the codebook lacks refuses the row."""
    value = row.get(column, "").strip()
    if value and value not in codes:
        raise ValueError(f"{column} {value!r} is not one of {', '.join(codes)}")
    return codes.get(value)


def _names(value: str) -> list[str]:
    return [n.strip() for n in value.split(";") if n.strip()]


class AcledReader:
    """Turns rows into records; remembers the actors it has already emitted in this load."""

    def __init__(self) -> None:
        self.actors: set[str] = set()  # the names of the actors of the rows read and not refused

    def actor_id(self, name: str) -> uuid.UUID:
        return uuid.uuid5(NAMESPACE, "acled-actor:" + name)

    def rows(
        self, path: Path, stream: Iterable[str], advance: Callable[[int], object] = lambda n: None
    ) -> Iterator[Record | Refusal]:
        """The records of each row, or one refusal for the row. `stream` decodes UTF-8 with
        `surrogateescape`, so that a byte that is not UTF-8 refuses its row, not the file."""
        csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
        reader = csv.DictReader(stream)
        file = str(path)
        last = 1
        while True:
            try:
                row = next(reader, None)
            except csv.Error as exc:  # a field over FIELD_LIMIT (an unclosed quote, say)
                yield Refusal(file, last + 1, [("row", f"is not readable as CSV: {exc}")])
                last = reader.line_num
                continue
            if row is None:
                return
            line = last + 1  # the row's first line (a quoted field may hold line breaks)
            advance(reader.line_num - last)
            last = reader.line_num
            fields = {k.strip().lower(): (v or "") for k, v in row.items() if k}
            yield from self._row(file, line, fields)

    def _row(self, file: str, line: int, row: dict[str, str]) -> Iterator[Record | Refusal]:
        """A row's records, validated, or one refusal with all their errors: a row is stored whole
        or not at all. Only then do its actors count as emitted, so a later row that names an
        actor of a refused row brings it (no record may cite an actor never written)."""
        if _UNDECODED.search("".join(row.values())) is not None:
            column, undecoded = next((c, u) for c, v in row.items() if (u := _UNDECODED.search(v)))
            byte = ord(undecoded[0]) - 0xDC00
            yield Refusal(file, line, [("row", f"is not valid UTF-8 (byte 0x{byte:02x} in {column})")])
            return
        try:
            records = list(self.records(file, line, row))
        except ValueError as exc:
            yield Refusal(file, line, [("row", str(exc))])
            return
        errors = [error for record in records for error in check(record)]
        if errors:
            yield Refusal(file, line, errors)
            return
        self.actors.update(r.data["name"] for r in records if r.type == "actor")
        yield from records

    def _actor(
        self, file: str, line: int, name: str, kind: ActorKind, country: str | None, named: set[str]
    ) -> Iterator[Record]:
        """The actor's record, the first time the load names it (`named`: the row's own names)."""
        if name in self.actors or name in named:
            return
        named.add(name)
        data: dict[str, Any] = {"name": name, "kind": kind.value}
        if country is not None and kind is not ActorKind.other:
            data["country_code"] = country
        yield Record(file, line, "actor", self.actor_id(name), data, reuse_stored=True)

    def records(self, file: str, line: int, row: dict[str, str]) -> Iterator[Record]:
        event_id = row.get("event_id_cnty", "").strip()
        if not event_id:
            raise ValueError("event_id_cnty is empty")
        occurred = _date(row.get("event_date", ""))
        country = _country(row.get("iso", ""), row.get("country", ""))
        location_name = row.get("location", "").strip()
        sub_event = row.get("sub_event_type", "").strip()
        notes = row.get("notes", "").strip()
        publisher = row.get("source", "").strip()
        text = notes or f"{row.get('event_type', '').strip()} in {location_name or row.get('country', '')}"

        # Two events with the same notes share one source: the loader merges the second by its text.
        source_id = uuid.uuid5(NAMESPACE, "acled-source:" + event_id)
        source: dict[str, Any] = {
            "kind": "other",
            "title": f"ACLED {event_id}: {publisher or 'unknown source'}"[:500],
            "source_scale": _scale(row.get("source_scale", "")),
            "text": text,
        }
        if publisher:
            source["publisher"] = publisher[:200]
        yield Record(file, line, "source", source_id, source)

        links: list[dict[str, Any]] = []
        named: set[str] = set()
        for column, assoc, inter, role in (
            ("actor1", "assoc_actor_1", "inter1", "perpetrator"),
            ("actor2", "assoc_actor_2", "inter2", "target"),
        ):
            main = row.get(column, "").strip()
            if main:
                kind = INTER_KIND.get(row.get(inter, "").strip().lower(), ActorKind.other)
                yield from self._actor(file, line, main, kind, country, named)
                links.append({"actor_id": str(self.actor_id(main)), "role": role})
            for name in _names(row.get(assoc, "")):
                yield from self._actor(file, line, name, ActorKind.other, country, named)
                links.append({"actor_id": str(self.actor_id(name)), "role": role})
        # One actor may appear twice in a row (as actor1 and in assoc_actor_1): one role each.
        unique_links = list({(link["actor_id"], link["role"]): link for link in links}.values())

        location: dict[str, Any] = {}
        for key, column in (
            ("name", "location"),
            ("admin1", "admin1"),
            ("admin2", "admin2"),
            ("city", "admin3"),
        ):
            if row.get(column, "").strip():
                location[key] = row[column].strip()
        if country is not None:
            location["country_code"] = country
        latitude = _number(row.get("latitude", ""), "latitude")
        longitude = _number(row.get("longitude", ""), "longitude")
        if (latitude is None) != (longitude is None):
            raise ValueError("latitude and longitude are given together or not at all")
        if latitude is not None and longitude is not None:
            location["latitude"], location["longitude"] = latitude, longitude
        geo_precision = _code(row, "geo_precision", GEO_PRECISION)
        if geo_precision is not None:
            location["precision"] = geo_precision.value

        tags = [f"acled:{event_id}"[:64]] + [
            t for t in (s.strip() for s in row.get("tags", "").split(";")) if t
        ]
        incident_id = uuid.uuid5(NAMESPACE, "acled-event:" + event_id)
        place = location_name or row.get("admin1", "").strip() or row.get("country", "").strip()
        incident: dict[str, Any] = {
            "title": f"{sub_event or row.get('event_type', '').strip()} in {place}"[:500],
            "event_type": row.get("event_type", "").strip(),
            "occurred_at": occurred.isoformat(),
            "occurred_at_precision": (
                _code(row, "time_precision", TIME_PRECISION) or TimePrecision.day
            ).value,
            "tags": list(dict.fromkeys(t for t in tags if len(t) <= 64)),
            "source_ids": [str(source_id)],
            "actors": unique_links,
        }
        if sub_event:
            incident["sub_event_type"] = sub_event
        if notes:
            incident["summary"] = notes
        if location:
            incident["location"] = location
        yield Record(file, line, "incident", incident_id, incident)

        fatalities = row.get("fatalities", "").strip()
        if fatalities:
            stamp = row.get("timestamp", "").strip()
            reported = datetime.fromtimestamp(int(stamp), UTC) if stamp.isdigit() else occurred
            report: dict[str, Any] = {
                "incident_id": str(incident_id),
                "source_id": str(source_id),
                "reported_at": reported.isoformat(),
                "killed": _whole(fatalities, "fatalities"),
                "group": "all",
                "qualifier": "exact",
            }
            yield Record(
                file, line, "casualty_report", uuid.uuid5(NAMESPACE, "acled-report:" + event_id), report
            )
