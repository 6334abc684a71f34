"""The current casualty figure of an incident, from its casualty reports (UCDP-style low/best/high).

The rule, also in docs/casualties.md:

1. A later report supersedes an earlier one from the same source about the same group: for each
   (source, group) only the report with the latest `reported_at` counts (ties: the later created).
2. Each counting report gives, per measure (killed, injured), a (low, best, high) triple:
   `none_reported` is (0, 0, 0); a null count with no range is unknown and gives nothing (never 0);
   otherwise best is the count (or the middle of min..max), low is `min` or the count, and high
   is `max` or the count.
3. Reports from different sources about the same group are combined: low is the lowest low, high
   the highest high, and best the median of the bests (the lower one of the two middle values).
4. Per measure, the incident's figure uses the `all` group when any report that counts that
   measure covers it; otherwise it is the sum over the specific groups (civilians, military, ...)
   that count it. A measure no report knows stays null.
5. `report_ids` lists the reports the figure rests on: those that gave it a killed or an injured
   triple.
"""

import statistics
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.vocab import CasualtyGroup, Qualifier

Triple = tuple[int, int, int]


class ReportLike(Protocol):
    id: uuid.UUID
    source_id: uuid.UUID
    group: CasualtyGroup
    qualifier: Qualifier
    reported_at: datetime
    created_at: datetime
    killed: int | None
    killed_min: int | None
    killed_max: int | None
    injured: int | None
    injured_min: int | None
    injured_max: int | None


@dataclass(frozen=True)
class Figure:
    killed: Triple | None
    injured: Triple | None
    report_ids: list[uuid.UUID]


def _triple(report: ReportLike, measure: str) -> Triple | None:
    if report.qualifier is Qualifier.none_reported:
        return (0, 0, 0)
    count: int | None = getattr(report, measure)
    low: int | None = getattr(report, f"{measure}_min")
    high: int | None = getattr(report, f"{measure}_max")
    if count is None:
        if low is None and high is None:
            return None
        if low is not None and high is not None:
            count = (low + high) // 2
        else:
            count = low if low is not None else high
    assert count is not None
    return (low if low is not None else count, count, high if high is not None else count)


def _combine(triples: Sequence[Triple]) -> Triple | None:
    if not triples:
        return None
    bests = sorted(t[1] for t in triples)
    return (min(t[0] for t in triples), int(statistics.median_low(bests)), max(t[2] for t in triples))


def _sum(triples: Iterable[Triple | None]) -> Triple | None:
    known = [t for t in triples if t is not None]
    if not known:
        return None
    return (sum(t[0] for t in known), sum(t[1] for t in known), sum(t[2] for t in known))


def current_reports(reports: Iterable[ReportLike]) -> list[ReportLike]:
    """The reports that count: the latest per (source, group)."""
    latest: dict[tuple[uuid.UUID, CasualtyGroup], ReportLike] = {}
    for report in reports:
        key = (report.source_id, report.group)
        seen = latest.get(key)
        if seen is None or (report.reported_at, report.created_at) > (seen.reported_at, seen.created_at):
            latest[key] = report
    return sorted(latest.values(), key=lambda r: (r.reported_at, r.created_at, str(r.id)))


def figure(reports: Iterable[ReportLike]) -> Figure:
    current = current_reports(reports)
    used: set[uuid.UUID] = set()

    def measure(name: str) -> Triple | None:
        # Per measure: a report that does not count it says nothing about it, so an `all` report
        # of the injured alone does not hide the deaths a civilians report counts.
        knowing = [(r, t) for r in current if (t := _triple(r, name)) is not None]
        chosen = [(r, t) for r, t in knowing if r.group is CasualtyGroup.all] or knowing
        by_group: dict[CasualtyGroup, list[Triple]] = {}
        for report, triple in chosen:
            by_group.setdefault(report.group, []).append(triple)
            used.add(report.id)
        return _sum(_combine(triples) for triples in by_group.values())

    killed, injured = measure("killed"), measure("injured")
    return Figure(killed=killed, injured=injured, report_ids=[r.id for r in current if r.id in used])
