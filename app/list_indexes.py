"""Indexes that serve the lists' sorts, declared beside the models they index.

Every list sorts by (key, id) and pages by keyset, so an index on (key, id) answers a page by
reading `limit + 1` index entries instead of sorting the whole table. The domain models declare
their own (incidents: occurred_at; actors: name); these cover the `-created_at` default of the
other lists and `sort=created_at` on incidents.
"""

from sqlalchemy import Index

from app.actors.models import Actor
from app.casualties.models import CasualtyReport
from app.incidents.models import Incident
from app.sources.models import Source
from app.statements.models import Statement

CREATED_AT = [
    Index(f"ix_{model.__tablename__}_created_at_id", model.created_at, model.id)
    for model in (Source, Incident, Actor, Statement, CasualtyReport)
]
