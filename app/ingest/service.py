"""The ingest pipeline: an article and its annotation become records, through the domain services.

`load()` is what the seed command and `POST /v1/ingest` both run. It never writes a row itself:
every record goes through the same service (`sources.add`, `actors.change`, `incidents.add_actor`,
...) as the API, so it gets the same validation and the same history rows. It flushes and never
commits: the caller owns the transaction, so an error anywhere leaves the database as it was.

Matching rules (what makes a second load a no-op; docs/seeding.md has the long version):

* the source is the one with the same text (its SHA-256);
* an actor is the existing one whose name or alias equals the annotation's name or an alias,
  case-insensitively (a name match beats an alias match; `actor_id` pins one), but an alias never
  joins actors of two different countries ("protesters" of "Protesters (Bolivia)" and of
  "Protesters (Kenya)");
* the incident is the one linked to the source with the same title, else the only one linked to
  it (`incident_id` pins one);
* an incident actor is (incident, actor, role); a statement is (speaker, text); a casualty
  report is (incident, source, reported_by, group).

A matched record is changed only where the annotation states something different; list fields
(aliases, affiliations, tags, sources, evidence from other sources) are added to, never cut, because
other articles may have contributed to them.
"""

import json
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from app import history
from app.actors.models import Actor
from app.actors.schemas import ActorCreate, ActorUpdate
from app.actors.service import actors
from app.casualties.models import CasualtyReport
from app.casualties.schemas import CasualtyReportCreate, CasualtyReportUpdate
from app.casualties.service import casualty_reports
from app.crud import CrudService, U
from app.errors import NotFound, Unprocessable
from app.evidence import Evidence, EvidenceIn, locate, span
from app.incidents.models import Incident, IncidentActor, IncidentSource
from app.incidents.schemas import IncidentActorIn, IncidentActorRead, IncidentCreate, IncidentUpdate
from app.incidents.service import incidents
from app.ingest.schemas import (
    ActorAnnotation,
    Annotation,
    CasualtyAnnotation,
    Quote,
    SourceAnnotation,
    StatementAnnotation,
)
from app.sources.models import Source
from app.sources.schemas import SourceCreate, SourceUpdate
from app.sources.service import sources
from app.statements.models import Statement
from app.statements.schemas import StatementCreate, StatementUpdate
from app.statements.service import statements
from app.vocab import ActorKind, StatementKind

_CROWDS = frozenset({ActorKind.protesters, ActorKind.civilians})
Action = Literal["created", "updated", "unchanged"]
Kind = Literal["sources", "actors", "incidents", "incident_actors", "statements", "casualty_reports"]
KINDS: tuple[Kind, ...] = (
    "sources",
    "actors",
    "incidents",
    "incident_actors",
    "statements",
    "casualty_reports",
)

# Create/update models name references `<thing>_id`; the annotation names them by actor key.
_FIELD_NAMES = {"speaker_id": "speaker", "reported_by_id": "reported_by", "actor_id": "actor"}


if TYPE_CHECKING:
    from app.ingest.extract import KnownActor


class Counts(BaseModel):
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class Span(BaseModel):
    """A located quote: `text[start:end] == quote` (code points), with context and UTF-16 offsets."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    start_utf16: int
    end_utf16: int


class IngestRecord(BaseModel):
    kind: Kind
    ref: str = Field(description="Where the record is in the annotation, e.g. `statements.2`.")
    key: str | None = Field(None, description="The actor's key in the annotation (actors only).")
    action: Action
    id: uuid.UUID = Field(description="The record's id (provisional for a created record in a dry run).")
    evidence: list[Span] = Field(
        description="The annotation's quotes for this record, located in the text. Actors have no "
        "evidence of their own in the model, so theirs is checked and shown here but not stored."
    )
    record: dict[str, Any] = Field(description="The record as `GET` would return it after the load.")


class IngestResult(BaseModel):
    committed: bool
    source_id: uuid.UUID | None = Field(description="The article's source; null for a blank text.")
    incident_id: uuid.UUID | None
    summary: dict[Kind, Counts]
    records: list[IngestRecord]
    notes: list[str] = []
    proposal: Annotation | None = Field(
        None,
        description="When no annotation was sent: what the extractor read out of the text, with a `score` "
        "(0 to 1) on each record. Drop what you disagree with and send it back as `annotation` with "
        "`commit=true` to store the rest.",
    )


def load(session: Session, text: str, annotation: Annotation, *, fill_only: bool = False) -> IngestResult:
    """Create or update what `annotation` says about `text`; flushes, never commits. `fill_only`
    (the extractor's proposals): a record already stored only gains what it lacks (`_Loader._filling`).

    Raises `Unprocessable` naming the record (`statements.2.evidence.0.quote`) when the annotation
    is inconsistent with the text or with the services' rules. A blank text with nothing annotated
    (the extractor's proposal for it) stores nothing, not even a source: there is nothing to cite.
    """
    if not text.strip() and not _records_in(annotation):
        return IngestResult(
            committed=False,
            source_id=None,
            incident_id=None,
            summary={kind: Counts() for kind in KINDS},
            records=[],
            notes=annotation.notes,
        )
    return _Loader(session, text, annotation, fill_only).run()


def _records_in(annotation: Annotation) -> bool:
    return bool(
        annotation.actors
        or annotation.incident
        or annotation.roles
        or annotation.statements
        or annotation.casualty_reports
    )


def known_actors(session: Session) -> list["KnownActor"]:
    """The actors the database holds, for the extractor to recognise by name and alias."""
    from app.actors.models import Actor
    from app.ingest.extract import KnownActor

    rows = session.execute(select(Actor.name, Actor.kind, Actor.aliases, Actor.country_code)).all()
    return [
        KnownActor(
            name=r.name,
            kind=r.kind,
            # A crowd's aliases are common nouns ("protesters"): in another article they are another crowd.
            aliases=() if r.kind in _CROWDS else tuple(r.aliases or ()),
            country_code=r.country_code,
        )
        for r in rows
    ]


def propose(session: Session, text: str, **source: Any) -> Annotation:
    """What the automatic extractor reads out of `text`, knowing the database's actors."""
    from app.ingest.extract import extract

    proposal = extract(text, known_actors=known_actors(session), **source)
    # What the extractor could not tell is left unsaid, so that it never blanks a stored value.
    return Annotation.model_validate(proposal.model_dump(exclude_none=True))


def with_source(annotation: Annotation, given: dict[str, Any]) -> Annotation:
    """`annotation` with the source fields the caller gave (those not None) in place of its own."""
    source = annotation.source.model_dump(exclude_unset=True)
    source.update({name: value for name, value in given.items() if value is not None})
    return annotation.model_copy(update={"source": SourceAnnotation.model_validate(source)})


def prefixed(exc: Unprocessable, prefix: str) -> Unprocessable:
    """The same error with every field path under `prefix` (e.g. `annotation.`)."""
    errors = [{**e, "field": prefix + e["field"]} for e in exc.extra.get("errors", [])]
    first = errors[0] if errors else {"field": prefix.rstrip("."), "message": exc.detail}
    out = Unprocessable(first["field"], first["message"])
    out.extra["errors"] = errors or [first]
    return out


def _renamed(loc: Sequence[int | str]) -> list[str]:
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body":
        parts = parts[1:]
    if parts:
        parts[0] = _FIELD_NAMES.get(parts[0], parts[0])
    return parts


def _path(where: str, loc: Sequence[int | str]) -> str:
    parts = _renamed(loc)
    if where == "incident" and parts and parts[0] == "actors":
        # The incident is created with its roles in one step; the service names them `actors.N`.
        return ".".join(["roles", *parts[1:]])
    return ".".join([where, *parts])


@contextmanager
def _at(where: str) -> Iterator[None]:
    """Errors raised while building or storing one record carry that record's path (do not nest)."""
    try:
        yield
    except ValidationError as exc:
        errors = [{"field": _path(where, e["loc"]), "message": e["msg"]} for e in exc.errors()]
    except Unprocessable as exc:
        errors = [{**e, "field": _path(where, e["field"].split("."))} for e in exc.extra.get("errors", [])]
    else:
        return
    out = Unprocessable(errors[0]["field"], errors[0]["message"])
    out.extra["errors"] = errors
    raise out from None


def _like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _triples(items: Sequence[Evidence] | Sequence[EvidenceIn]) -> list[tuple[uuid.UUID, int, int]]:
    return [(e.source_id, e.start, e.end) for e in items]


class _Loader:
    def __init__(self, session: Session, text: str, annotation: Annotation, fill_only: bool) -> None:
        self.session = session
        self.text = text
        self.a = annotation
        self.fill_only = fill_only
        self.spans: dict[str, list[tuple[int, int, str]]] = {}
        self.source: Source
        self.actor_rows: dict[str, Actor] = {}
        self.records: list[tuple[Kind, str, str | None, Action, Any]] = []

    def _filling(self, row: Any, patch: dict[str, Any]) -> dict[str, Any]:
        """The changes to a stored record. From the extractor (`fill_only`), only those that add what
        it lacks: an empty field set, a list grown. A machine's guess (a headline for a title, a
        gazetteer's point for a curated place) never replaces what a person stored."""
        if not self.fill_only:
            return patch
        kept: dict[str, Any] = {}
        for name, value in patch.items():
            stored = getattr(row, name)
            grows = isinstance(value, list) and isinstance(stored, list) and value[: len(stored)] == stored
            if stored is None or stored == [] or grows:
                kept[name] = value
        return kept

    # --- checks that need no database ---
    def _check_references(self) -> None:
        a = self.a
        keys: dict[str, int] = {}
        for i, actor in enumerate(a.actors):
            if actor.key in keys:
                raise Unprocessable(
                    f"actors.{i}.key", f"duplicate key {actor.key!r} (also actors.{keys[actor.key]})"
                )
            keys[actor.key] = i
        known = ", ".join(repr(k) for k in keys) or "none"

        def check(field: str, key: str | None) -> None:
            if key is not None and key not in keys:
                raise Unprocessable(field, f"unknown actor key {key!r} (keys in this annotation: {known})")

        names: dict[str, str] = {}
        for i, actor in enumerate(a.actors):
            for j, other in enumerate(actor.affiliated_with):
                check(f"actors.{i}.affiliated_with.{j}", other)
                if other == actor.key:
                    raise Unprocessable(
                        f"actors.{i}.affiliated_with.{j}", "an actor cannot be affiliated with itself"
                    )
            for field, name in [("name", actor.name)] + [
                (f"aliases.{j}", alias) for j, alias in enumerate(actor.aliases)
            ]:
                owner = names.setdefault(name.casefold(), f"actors.{i}")
                if owner != f"actors.{i}":
                    raise Unprocessable(
                        f"actors.{i}.{field}",
                        f"{name!r} also names {owner}: two actors of one annotation must not share a name",
                    )
        for i, role in enumerate(a.roles):
            if a.incident is None:
                raise Unprocessable(f"roles.{i}", "there is no incident to give a role in")
            check(f"roles.{i}.actor", role.actor)
        for i, statement in enumerate(a.statements):
            check(f"statements.{i}.speaker", statement.speaker)
        for i, report in enumerate(a.casualty_reports):
            if a.incident is None:
                raise Unprocessable(f"casualty_reports.{i}", "there is no incident for the report to count")
            check(f"casualty_reports.{i}.reported_by", report.reported_by)

    def _locate(self, where: str, quotes: Sequence[Quote], label: str) -> None:
        found = []
        for i, q in enumerate(quotes):
            try:
                start, end = locate(self.text, q.quote, q.occurrence)
            except LookupError as exc:
                raise Unprocessable(f"{where}.evidence.{i}.quote", f"{exc} ({label})") from None
            found.append((start, end, q.quote))
        self.spans[where] = found

    def _locate_all(self) -> None:
        a = self.a
        for i, actor in enumerate(a.actors):
            self._locate(f"actors.{i}", actor.evidence, f"actor {actor.key!r}")
        if a.incident is not None:
            self._locate("incident", a.incident.evidence, "the incident")
        for i, role in enumerate(a.roles):
            self._locate(f"roles.{i}", role.evidence, f"{role.actor!r} as {role.role.value}")
        for i, s in enumerate(a.statements):
            label = f"{s.kind.value} by {s.speaker!r}"
            if s.kind is StatementKind.direct_quote and s.text not in self.text:
                raise Unprocessable(
                    f"statements.{i}.text", f"a direct quote must appear verbatim in the text ({label})"
                )
            quotes = s.evidence
            if not quotes and s.kind is StatementKind.direct_quote:
                quotes = [Quote(quote=s.text)]
            self._locate(f"statements.{i}", quotes, label)
        for i, report in enumerate(a.casualty_reports):
            self._locate(f"casualty_reports.{i}", report.evidence, f"casualty report {i}")

    def _evidence(self, where: str, current: Sequence[Evidence] = ()) -> list[EvidenceIn]:
        """Evidence from other sources is kept; this source's is what the annotation says."""
        kept = [
            EvidenceIn(source_id=e.source_id, start=e.start, end=e.end, quote=e.quote)
            for e in current
            if e.source_id != self.source.id
        ]
        ours = [
            EvidenceIn(source_id=self.source.id, start=start, end=end, quote=quote)
            for start, end, quote in self.spans[where]
        ]
        return kept + ours

    def _note(self, kind: Kind, ref: str, action: Action, row: Any, key: str | None = None) -> None:
        self.records.append((kind, ref, key, action, row))

    def _update(
        self,
        kind: Kind,
        where: str,
        service: CrudService[Any, Any, U, Any],
        update: type[U],
        row: Any,
        patch: dict[str, Any],
        key: str | None = None,
    ) -> bool:
        """Apply what `_filling` keeps of `patch` through the resource's own service, and note it."""
        patch = self._filling(row, patch)
        if patch:
            with _at(where):
                service.change(self.session, row, update.model_validate(patch))
        self._note(kind, where, "updated" if patch else "unchanged", row, key)
        return bool(patch)

    # --- the pipeline ---
    def run(self) -> IngestResult:
        self._check_references()
        self._locate_all()
        self._load_source()
        self._load_actors()
        incident = self._load_incident()
        self._load_statements(incident)
        self._load_casualty_reports(incident)
        self.session.flush()
        return self._result(incident)

    def _load_source(self) -> None:
        a = self.a.source
        row = sources.find_by_text(self.session, self.text)
        if row is None:
            with _at("source"):
                body = SourceCreate.model_validate({**a.model_dump(), "text": self.text})
                self.source = sources.add(self.session, body)
            self._note("sources", "source", "created", self.source)
            return
        self.source = row
        patch = {
            name: getattr(a, name) for name in a.model_fields_set if getattr(a, name) != getattr(row, name)
        }
        self._update("sources", "source", sources, SourceUpdate, row, patch)

    # --- actors ---
    def _affiliation_order(self) -> list[int]:
        """Affiliations first, so each actor is created with its affiliations in one step."""
        index = {actor.key: i for i, actor in enumerate(self.a.actors)}
        order: list[int] = []
        state: dict[int, str] = {}

        def visit(i: int, path: list[int]) -> None:
            if state.get(i) == "done":
                return
            if state.get(i) == "visiting":
                cycle = " -> ".join(self.a.actors[j].key for j in [*path, i])
                raise Unprocessable(f"actors.{i}.affiliated_with", f"affiliations form a cycle: {cycle}")
            state[i] = "visiting"
            for other in self.a.actors[i].affiliated_with:
                visit(index[other], [*path, i])
            state[i] = "done"
            order.append(i)

        for i in range(len(self.a.actors)):
            visit(i, [])
        return order

    def _match_actor(self, i: int, a: ActorAnnotation) -> Actor | None:
        where = f"actors.{i}"
        if a.actor_id is not None:
            try:
                return actors.get(self.session, a.actor_id)
            except NotFound as exc:
                raise Unprocessable(f"{where}.actor_id", exc.detail) from None
        terms = {a.name.casefold(), *(alias.casefold() for alias in a.aliases)}
        # A coarse SQL filter (the aliases' JSON text, both escaped and raw), then the exact rule here.
        patterns = {
            "%" + _like(json.dumps(term, ensure_ascii=ascii_only).lower()) + "%"
            for term in terms
            for ascii_only in (True, False)
        }
        aliases_text = func.lower(cast(Actor.aliases, String))
        candidates = self.session.scalars(
            select(Actor)
            .where(
                or_(
                    func.lower(Actor.name).in_([t.lower() for t in terms]),
                    *(aliases_text.like(p, escape="\\") for p in patterns),
                )
            )
            .order_by(Actor.created_at, Actor.id)
            .options(*actors.load_options())
        ).all()
        by_name = [c for c in candidates if c.name.casefold() == a.name.casefold()]
        by_alias = [
            c
            for c in candidates
            if terms & {c.name.casefold(), *(alias.casefold() for alias in c.aliases)}
            and not (a.country_code and c.country_code and a.country_code != c.country_code)
        ]
        best = by_name or by_alias
        if len(best) > 1:
            listed = ", ".join(f"{c.name!r} ({c.id})" for c in best)
            raise Unprocessable(
                where,
                f"actor {a.key!r} matches {len(best)} existing actors by name or alias: {listed}; "
                "set actor_id to say which",
            )
        return best[0] if best else None

    def _load_actors(self) -> None:
        claimed: dict[uuid.UUID, int] = {}
        for i in self._affiliation_order():
            a = self.a.actors[i]
            where = f"actors.{i}"
            affiliated = [self.actor_rows[key].id for key in a.affiliated_with]
            row = self._match_actor(i, a)
            if row is None:
                with _at(where):
                    body = ActorCreate.model_validate(
                        {
                            "name": a.name,
                            "kind": a.kind,
                            "aliases": a.aliases,
                            "country_code": a.country_code,
                            "description": a.description,
                            "affiliated_with": affiliated,
                        }
                    )
                    row = actors.add(self.session, body)
                self.actor_rows[a.key] = row
                self._note("actors", where, "created", row, a.key)
                continue
            if row.id in claimed:
                raise Unprocessable(
                    where,
                    f"actor {a.key!r} and actors.{claimed[row.id]} both match the existing actor "
                    f"{row.name!r} ({row.id}); set actor_id on one of them",
                )
            claimed[row.id] = i
            self.actor_rows[a.key] = row
            patch: dict[str, Any] = {}
            if a.name != row.name and a.name.casefold() == row.name.casefold():
                patch["name"] = a.name
            for name in ("kind", "country_code", "description"):
                if name in a.model_fields_set and getattr(a, name) != getattr(row, name):
                    patch[name] = getattr(a, name)
            known = {row.name.casefold(), *(alias.casefold() for alias in row.aliases)}
            extra = [
                alias
                for alias in dict.fromkeys([a.name, *a.aliases])
                if alias.casefold() not in known and alias.casefold() != row.name.casefold()
            ]
            if extra:
                patch["aliases"] = [*row.aliases, *extra]
            missing = [actor_id for actor_id in affiliated if actor_id not in row.affiliated_with]
            if missing:
                patch["affiliated_with"] = [*row.affiliated_with, *missing]
            self._update("actors", where, actors, ActorUpdate, row, patch, a.key)

    # --- the incident and its actors ---
    def _match_incident(self) -> Incident | None:
        a = self.a.incident
        assert a is not None
        if a.incident_id is not None:
            try:
                return incidents.get(self.session, a.incident_id)
            except NotFound as exc:
                raise Unprocessable("incident.incident_id", exc.detail) from None
        linked = incidents.rows_where(
            self.session,
            Incident.id.in_(
                select(IncidentSource.incident_id).where(IncidentSource.source_id == self.source.id)
            ),
        )
        titled = [row for row in linked if row.title.casefold() == a.title.casefold()]
        if len(titled) == 1:
            return titled[0]
        if not titled and len(linked) == 1:
            return linked[0]
        if not linked:
            return None
        listed = ", ".join(f"{row.title!r} ({row.id})" for row in (titled or linked))
        raise Unprocessable(
            "incident",
            f"the source is linked to {len(titled or linked)} incidents that could be this one: {listed}; "
            "set incident_id to say which",
        )

    def _role_body(self, i: int, current: Sequence[Evidence] = ()) -> IncidentActorIn:
        role = self.a.roles[i]
        with _at(f"roles.{i}"):
            return IncidentActorIn.model_validate(
                {
                    "actor_id": self.actor_rows[role.actor].id,
                    "role": role.role,
                    "confidence": role.confidence,
                    "evidence": self._evidence(f"roles.{i}", current),
                }
            )

    def _load_incident(self) -> Incident | None:
        a = self.a.incident
        if a is None:
            return None
        row = self._match_incident()
        fields = {
            name: getattr(a, name)
            for name in (
                "title",
                "summary",
                "event_type",
                "sub_event_type",
                "occurred_at",
                "occurred_at_precision",
                "timezone",
                "status",
                "claim_status",
            )
        }
        location = a.location.model_dump(exclude_unset=True) if a.location is not None else None
        if row is None:
            with _at("incident"):
                body = IncidentCreate.model_validate(
                    {
                        **fields,
                        "location": location,
                        "tags": a.tags,
                        "source_ids": [self.source.id],
                        "evidence": self._evidence("incident"),
                    }
                )
            body.actors = [self._role_body(i) for i in range(len(self.a.roles))]
            with _at("incident"):
                row = incidents.add(self.session, body)
            self._note("incidents", "incident", "created", row)
            for i in range(len(self.a.roles)):
                self._note("incident_actors", f"roles.{i}", "created", self._link(row, i))
            return row

        patch: dict[str, Any] = {
            name: value
            for name, value in fields.items()
            if name in a.model_fields_set and value != getattr(row, name)
        }
        if "location" in a.model_fields_set:
            current = row.location or {}
            if location is None:
                if row.location is not None:
                    patch["location"] = None
            elif any(current.get(name) != value for name, value in location.items()):
                patch["location"] = location
        new_tags = [tag for tag in dict.fromkeys(a.tags) if tag not in row.tags]
        if new_tags:
            patch["tags"] = [*row.tags, *new_tags]
        if self.source.id not in row.source_ids:
            patch["source_ids"] = [*row.source_ids, self.source.id]
        evidence = self._evidence("incident", row.evidence)
        if _triples(evidence) != _triples(row.evidence):
            patch["evidence"] = evidence
        changed = self._update("incidents", "incident", incidents, IncidentUpdate, row, patch)
        if self._load_roles(row) and not changed:
            at = next(i for i, record in enumerate(self.records) if record[0] == "incidents")
            self.records[at] = ("incidents", "incident", None, "updated", row)
        return row

    def _link(self, row: Incident, i: int) -> IncidentActor:
        role = self.a.roles[i]
        actor_id = self.actor_rows[role.actor].id
        return next(link for link in row.actor_links if link.actor_id == actor_id and link.role == role.role)

    def _load_roles(self, row: Incident) -> bool:
        """Roles of an incident that already exists; one history row for all of them."""
        before = incidents.snapshot(row)
        changed = False
        for i, role in enumerate(self.a.roles):
            actor_id = self.actor_rows[role.actor].id
            link = next(
                (link for link in row.actor_links if link.actor_id == actor_id and link.role == role.role),
                None,
            )
            body = self._role_body(i, link.evidence if link is not None else ())
            with _at(f"roles.{i}"):
                if link is None:
                    incidents.add_actor(self.session, row, body)
                    action: Action = "created"
                elif not self.fill_only and (
                    link.confidence != role.confidence or _triples(body.evidence) != _triples(link.evidence)
                ):
                    # A role has no endpoint of its own to change it: it is replaced, as a client would.
                    # (Not for the extractor's guess at a confidence: see `_filling`.)
                    incidents.remove_actor(self.session, row, actor_id, role.role)
                    self.session.flush()
                    incidents.add_actor(self.session, row, body)
                    action = "updated"
                else:
                    action = "unchanged"
            changed = changed or action != "unchanged"
            self._note("incident_actors", f"roles.{i}", action, self._link(row, i))
        if changed:
            self.session.flush()
            history.record(
                self.session,
                incidents.resource,
                row.id,
                "update",
                before=before,
                after=incidents.snapshot(row),
                version=row.version,
            )
        return changed

    # --- statements and casualty reports ---
    def _load_statements(self, incident: Incident | None) -> None:
        for i, s in enumerate(self.a.statements):
            self._load_statement(i, s, incident)

    def _load_statement(self, i: int, s: StatementAnnotation, incident: Incident | None) -> None:
        where = f"statements.{i}"
        speaker_id = self.actor_rows[s.speaker].id
        incident_id = incident.id if s.about_incident and incident is not None else None
        matches = statements.rows_where(
            self.session, Statement.speaker_id == speaker_id, Statement.text == s.text
        )
        row = next((m for m in matches if m.incident_id == incident_id), None) or (
            min(matches, key=lambda m: (m.created_at, str(m.id))) if matches else None
        )
        if row is None:
            with _at(where):
                body = StatementCreate.model_validate(
                    {
                        "incident_id": incident_id,
                        "speaker_id": speaker_id,
                        "kind": s.kind,
                        "text": s.text,
                        "stated_at": s.stated_at,
                        "stated_at_precision": s.stated_at_precision,
                        "channel": s.channel,
                        "stance": s.stance,
                        "evidence": self._evidence(where),
                    }
                )
                row = statements.add(self.session, body)
            self._note("statements", where, "created", row)
            return
        patch: dict[str, Any] = {
            name: getattr(s, name)
            for name in ("kind", "stated_at", "stated_at_precision", "channel", "stance")
            if name in s.model_fields_set and getattr(s, name) != getattr(row, name)
        }
        if row.incident_id != incident_id and (
            incident_id is not None or "about_incident" in s.model_fields_set
        ):
            patch["incident_id"] = incident_id
        evidence = self._evidence(where, row.evidence)
        if _triples(evidence) != _triples(row.evidence):
            patch["evidence"] = evidence
        self._update("statements", where, statements, StatementUpdate, row, patch)

    def _load_casualty_reports(self, incident: Incident | None) -> None:
        for i, report in enumerate(self.a.casualty_reports):
            assert incident is not None  # checked in _check_references
            self._load_casualty_report(i, report, incident)

    def _load_casualty_report(self, i: int, c: CasualtyAnnotation, incident: Incident) -> None:
        where = f"casualty_reports.{i}"
        reported_by_id = self.actor_rows[c.reported_by].id if c.reported_by is not None else None
        reported_at = c.reported_at or self.source.published_at
        if reported_at is None:
            raise Unprocessable(f"{where}.reported_at", "required when the source has no published_at")
        by = (
            CasualtyReport.reported_by_id.is_(None)
            if reported_by_id is None
            else CasualtyReport.reported_by_id == reported_by_id
        )
        row = next(
            iter(
                casualty_reports.rows_where(
                    self.session,
                    CasualtyReport.incident_id == incident.id,
                    CasualtyReport.source_id == self.source.id,
                    CasualtyReport.group == c.group,
                    by,
                )
            ),
            None,
        )
        counts = ("killed", "killed_min", "killed_max", "injured", "injured_min", "injured_max")
        if row is None:
            with _at(where):
                body = CasualtyReportCreate.model_validate(
                    {
                        "incident_id": incident.id,
                        "reported_by_id": reported_by_id,
                        "source_id": self.source.id,
                        "reported_at": reported_at,
                        "group": c.group,
                        "qualifier": c.qualifier,
                        "evidence": self._evidence(where),
                        **{name: getattr(c, name) for name in counts},
                    }
                )
                row = casualty_reports.add(self.session, body)
            self._note("casualty_reports", where, "created", row)
            return
        patch: dict[str, Any] = {
            name: getattr(c, name)
            for name in (*counts, "qualifier")
            if name in c.model_fields_set and getattr(c, name) != getattr(row, name)
        }
        if reported_at != row.reported_at:
            patch["reported_at"] = reported_at
        evidence = self._evidence(where, row.evidence)
        if _triples(evidence) != _triples(row.evidence):
            patch["evidence"] = evidence
        self._update("casualty_reports", where, casualty_reports, CasualtyReportUpdate, row, patch)

    # --- the answer ---
    def _result(self, incident: Incident | None) -> IngestResult:
        summary = {kind: Counts() for kind in KINDS}
        records = []
        for kind, ref, key, action, row in self.records:
            counts = summary[kind]
            setattr(counts, action, getattr(counts, action) + 1)
            if kind == "incident_actors":
                record = IncidentActorRead.model_validate(row).model_dump(mode="json")
            else:
                service: Any = {
                    "sources": sources,
                    "actors": actors,
                    "incidents": incidents,
                    "statements": statements,
                    "casualty_reports": casualty_reports,
                }[kind]
                record = service.to_read(row).model_dump(mode="json")
            located = [
                Span.model_validate(span(self.text, start, end)) for start, end, _ in self.spans.get(ref, [])
            ]
            records.append(
                IngestRecord(
                    kind=kind, ref=ref, key=key, action=action, id=row.id, evidence=located, record=record
                )
            )
        return IngestResult(
            committed=False,
            source_id=self.source.id,
            incident_id=incident.id if incident is not None else None,
            summary=summary,
            records=records,
            notes=self.a.notes,
        )
