"""Counts and casualty sums per group, in SQL on both databases (nothing is summed in Python).

Time groups are UTC calendar months (`2024-01`) and ISO weeks named by their Monday
(`2024-01-01`). An incident with several actors counts once for each of them under
`group_by=actor_id` (so those groups add up to more than the total). Unknown casualty figures add
nothing to `killed` and `injured`.
"""

from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, Select, func, literal_column, select
from sqlalchemy.orm import Session

from app.actors.models import Actor
from app.incidents.models import Incident, IncidentActor
from app.incidents.service import IncidentFilters, incidents
from app.schemas import FilterTime

GroupBy = Literal["month", "week", "country_code", "event_type", "actor_id"]


class StatsQuery(IncidentFilters):
    group_by: GroupBy = Field(
        description="`month` (UTC, `2024-01`), `week` (ISO week, named by its Monday, `2024-01-01`), "
        "`country_code`, `event_type` or `actor_id` (each actor the incidents involve; with `role`, only "
        "actors in that role).",
        examples=["month"],
    )
    updated_since: FilterTime | None = Field(
        None, description="Only incidents changed at or after this time."
    )


class Group(BaseModel):
    key: str | None = Field(description="The group's value; null for incidents without one (no country).")
    label: str | None = Field(None, description="For `actor_id`: the actor's name.")
    incidents: int = Field(description="Number of matching incidents in the group.")
    killed: int = Field(description="Sum of the incidents' current best killed figures (unknown adds 0).")
    injured: int = Field(description="Sum of the incidents' current best injured figures (unknown adds 0).")


class Stats(BaseModel):
    group_by: GroupBy
    groups: list[Group]


def _time_bucket(group_by: str, column: Any, dialect: str) -> ColumnElement[Any]:
    """A cheap per-row bucket (formatting happens once per group, in `_time_label`)."""
    if dialect == "postgresql":
        return func.date_trunc("month" if group_by == "month" else "week", func.timezone("UTC", column))
    # SQLite keeps the time as text, "YYYY-MM-DD HH:MM:SS.ffffff" in UTC. Its date functions
    # round the fraction to milliseconds (23:59:59.9995 on a Sunday fell in the next week), so
    # they only see the date.
    if group_by == "month":
        return func.substr(column, 1, 7)
    # The next Sunday (or today, if Sunday), minus six days, is this week's Monday.
    return func.date(func.substr(column, 1, 10), "weekday 0", "-6 days")


def _time_label(group_by: str, bucket: Any, dialect: str) -> ColumnElement[Any]:
    if dialect == "postgresql":
        return func.to_char(bucket, "YYYY-MM" if group_by == "month" else "YYYY-MM-DD")
    return bucket  # type: ignore[no-any-return]


def incident_stats(session: Session, query: StatsQuery) -> Stats:
    dialect = session.get_bind().dialect.name
    matching, _ = incidents.matching(session, query)
    rows = matching.with_only_columns(
        Incident.id,
        Incident.occurred_at,
        Incident.country_code,
        Incident.event_type,
        Incident.killed_best,
        Incident.injured_best,
    ).subquery("matching")
    count = func.count()  # each incident is one row of `rows` (and of each (incident, actor) pair)
    killed = func.coalesce(func.sum(rows.c.killed_best), 0)
    injured = func.coalesce(func.sum(rows.c.injured_best), 0)
    stmt: Select[Any]
    if query.group_by == "actor_id":
        pairs = select(IncidentActor.incident_id, IncidentActor.actor_id).distinct()
        if query.role is not None:
            pairs = pairs.where(IncidentActor.role == query.role)
        links = pairs.subquery("links")
        # Grouped by the id alone, the names joined to the ~3,000 groups rather than to every pair.
        by_actor = (
            select(links.c.actor_id, count.label("n"), killed.label("killed"), injured.label("injured"))
            .select_from(rows)
            .join(links, links.c.incident_id == rows.c.id)
            .group_by(links.c.actor_id)
            .subquery("by_actor")
        )
        stmt = (
            select(by_actor.c.actor_id, Actor.name, by_actor.c.n, by_actor.c.killed, by_actor.c.injured)
            .join(Actor, Actor.id == by_actor.c.actor_id)
            .order_by(by_actor.c.n.desc(), Actor.name, by_actor.c.actor_id)
        )
    elif query.group_by in ("month", "week"):
        bucket = _time_bucket(query.group_by, rows.c.occurred_at, dialect).label("bucket")
        inner = (
            select(bucket, count.label("n"), killed.label("killed"), injured.label("injured"))
            .group_by(bucket)
            .subquery("buckets")
        )
        label = _time_label(query.group_by, inner.c.bucket, dialect)
        stmt = select(label, literal_column("NULL"), inner.c.n, inner.c.killed, inner.c.injured).order_by(
            inner.c.bucket
        )
    else:
        key: ColumnElement[Any] = rows.c[query.group_by]
        if dialect == "sqlite":
            # Not a bare column: SQLite would otherwise group by walking the column's index and
            # fetch every row from it at random, slower than one table scan (2x at 100k rows).
            key = func.coalesce(key, None)
        stmt = (
            select(key, literal_column("NULL"), count, killed, injured)
            .group_by(key)
            .order_by(count.desc(), key.asc().nulls_last())
        )
    groups = [
        Group(
            key=None if key_value is None else str(key_value),
            incidents=n,
            killed=k,
            injured=i,
            **({"label": name} if query.group_by == "actor_id" else {}),
        )
        for key_value, name, n, k, i in session.execute(stmt)
    ]
    return Stats(group_by=query.group_by, groups=groups)
