"""ACLED CSV (codebook columns) read as our records: the inverse of the `format=acled` export.

One ACLED row becomes: a source (its `notes` as the text, `source` as the publisher), the actors
it names (created once per name), an incident citing the source, with `actor1`/`assoc_actor_1`
as perpetrators and `actor2`/`assoc_actor_2` as targets, and a casualty report (`fatalities`
killed, qualifier `exact`, group `all`) from that source. Ids are UUIDv5 of `event_id_cnty` (and
of the actor's name), so re-importing a file changes nothing. The event's id
is also kept as the tag `acled:<event_id_cnty>`.

Inverse maps (the forward ones are in app/vocab.py): `time_precision` 1 day, 2 week, 3 month;
`geo_precision` 1 city, 2 and 3 region (ACLED's 2 is "near the town or in the district", which
our vocabulary has no closer word for); `inter` 1 security_force, 2-4 armed_group, 5-6
protesters, 7 civilians, 8 other; associated actors, whose type ACLED does not code, are `other`.
"""

import csv
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pycountry

from app.importer.records import NAMESPACE, Record, Refusal
from app.vocab import ACLED_COLUMNS, ActorKind, GeoPrecision, TimePrecision

COLUMNS = ACLED_COLUMNS
# The columns a file must have to be read as ACLED (the rest are optional).
REQUIRED = frozenset({"event_id_cnty", "event_date", "event_type", "actor1", "country", "fatalities"})

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


def _scale(value: str) -> str:
    lowered = value.lower()
    for word, scale in (
        ("international", "international"),
        ("regional", "regional"),
        ("subnational", "local"),
        ("local", "local"),
        ("national", "national"),
    ):
        if word in lowered:
            return scale
    return "unknown"


def _date(value: str) -> datetime:
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%m/%d/%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise ValueError(f"event_date {value!r} is not a date (YYYY-MM-DD or '05 January 2024')")


def _country(iso: str, name: str) -> str | None:
    found: Any = None
    if iso.strip():
        found = pycountry.countries.get(numeric=iso.strip().zfill(3))
    if found is None and name.strip():
        try:
            found = pycountry.countries.lookup(name.strip())
        except LookupError:
            found = None
    return found.alpha_2 if found is not None else None


def _number(value: str) -> float | None:
    return float(value) if value.strip() else None


def _names(value: str) -> list[str]:
    return [n.strip() for n in value.split(";") if n.strip()]


class AcledReader:
    """Turns rows into records; remembers the actors it has already emitted in this load."""

    def __init__(self) -> None:
        self.actors: set[str] = set()

    def actor_id(self, name: str) -> uuid.UUID:
        return uuid.uuid5(NAMESPACE, "acled-actor:" + name)

    def rows(
        self, path: Path, stream: Iterable[str], advance: Callable[[int], object] = lambda n: None
    ) -> Iterator[Record | Refusal]:
        reader = csv.DictReader(stream)
        file = str(path)
        last = 1
        for row in reader:
            line = reader.line_num
            advance(line - last)
            last = line
            try:
                yield from self.records(
                    file, line, {k.strip().lower(): (v or "") for k, v in row.items() if k}
                )
            except ValueError as exc:
                yield Refusal(file, line, [("row", str(exc))])

    def _actor(
        self, file: str, line: int, name: str, kind: ActorKind, country: str | None
    ) -> Iterator[Record]:
        if name in self.actors:
            return
        self.actors.add(name)
        data: dict[str, Any] = {"name": name, "kind": kind.value}
        if country is not None and kind is not ActorKind.other:
            data["country_code"] = country
        yield Record(file, line, "actor", self.actor_id(name), data)

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
        for column, assoc, inter, role in (
            ("actor1", "assoc_actor_1", "inter1", "perpetrator"),
            ("actor2", "assoc_actor_2", "inter2", "target"),
        ):
            main = row.get(column, "").strip()
            if main:
                kind = INTER_KIND.get(row.get(inter, "").strip().lower(), ActorKind.other)
                yield from self._actor(file, line, main, kind, country)
                links.append({"actor_id": str(self.actor_id(main)), "role": role})
            for name in _names(row.get(assoc, "")):
                yield from self._actor(file, line, name, ActorKind.other, country)
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
        latitude, longitude = _number(row.get("latitude", "")), _number(row.get("longitude", ""))
        if latitude is not None and longitude is not None:
            location["latitude"], location["longitude"] = latitude, longitude
        if row.get("geo_precision", "").strip() in GEO_PRECISION:
            location["precision"] = GEO_PRECISION[row["geo_precision"].strip()].value

        tags = [f"acled:{event_id}"[:64]] + [
            t for t in (s.strip() for s in row.get("tags", "").split(";")) if t
        ]
        incident_id = uuid.uuid5(NAMESPACE, "acled-event:" + event_id)
        place = location_name or row.get("admin1", "").strip() or row.get("country", "").strip()
        incident: dict[str, Any] = {
            "title": f"{sub_event or row.get('event_type', '').strip()} in {place}"[:500],
            "event_type": row.get("event_type", "").strip(),
            "occurred_at": occurred.isoformat(),
            "occurred_at_precision": TIME_PRECISION.get(
                row.get("time_precision", "").strip(), TimePrecision.day
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
                "killed": int(fatalities) if fatalities.lstrip("-").isdigit() else fatalities,
                "group": "all",
                "qualifier": "exact",
            }
            yield Record(
                file, line, "casualty_report", uuid.uuid5(NAMESPACE, "acled-report:" + event_id), report
            )
