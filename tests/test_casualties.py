"""The casualty figure rule (docs/casualties.md), on plain objects: no database needed."""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from app.casualties.figures import figure
from app.vocab import CasualtyGroup, Qualifier

T0 = datetime(2024, 1, 5, tzinfo=UTC)


@dataclass
class Report:
    source_id: uuid.UUID
    reported_at: datetime = T0
    killed: int | None = None
    killed_min: int | None = None
    killed_max: int | None = None
    injured: int | None = None
    injured_min: int | None = None
    injured_max: int | None = None
    group: CasualtyGroup = CasualtyGroup.all
    qualifier: Qualifier = Qualifier.exact
    created_at: datetime = T0
    id: uuid.UUID = field(default_factory=uuid.uuid4)


A, B, C = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def test_no_reports_is_unknown() -> None:
    result = figure([])
    assert (result.killed, result.injured, result.report_ids) == (None, None, [])


def test_none_reported_is_a_real_zero() -> None:
    report = Report(A, killed=0, injured=0, qualifier=Qualifier.none_reported)
    result = figure([report])
    assert result.killed == (0, 0, 0)
    assert result.injured == (0, 0, 0)
    assert result.report_ids == [report.id]


def test_unknown_count_is_null_not_zero() -> None:
    result = figure([Report(A, killed=3, qualifier=Qualifier.exact)])
    assert result.killed == (3, 3, 3)
    assert result.injured is None


def test_later_report_from_same_source_supersedes() -> None:
    early = Report(A, killed=2, reported_at=T0)
    late = Report(A, killed=5, reported_at=T0.replace(day=6))
    result = figure([late, early])
    assert result.killed == (5, 5, 5)
    assert result.report_ids == [late.id]


def test_conflicting_sources_give_a_range_and_the_median() -> None:
    reports = [Report(A, killed=2), Report(B, killed=9), Report(C, killed=4, killed_min=3, killed_max=6)]
    assert figure(reports).killed == (2, 4, 9)


def test_groups_are_summed_unless_an_all_report_exists() -> None:
    civilians = Report(A, killed=3, group=CasualtyGroup.civilians)
    soldiers = Report(A, killed=2, group=CasualtyGroup.military)
    assert figure([civilians, soldiers]).killed == (5, 5, 5)
    overall = Report(B, killed=7, group=CasualtyGroup.all)
    result = figure([civilians, soldiers, overall])
    assert result.killed == (7, 7, 7)
    assert result.report_ids == [overall.id]


def test_range_only_report_uses_its_middle() -> None:
    assert figure([Report(A, killed_min=10, killed_max=20, qualifier=Qualifier.approximately)]).killed == (
        10,
        15,
        20,
    )


def test_an_all_report_hides_only_the_measures_it_counts() -> None:
    """Nine civilians killed and fourteen people injured: the deaths are a civilians
    count, the injured an `all` one; neither hides the other's measure."""
    civilians = Report(A, killed=9, group=CasualtyGroup.civilians)
    everyone = Report(A, injured=14, group=CasualtyGroup.all)
    result = figure([civilians, everyone])
    assert (result.killed, result.injured) == ((9, 9, 9), (14, 14, 14))
    assert sorted(result.report_ids) == sorted([civilians.id, everyone.id])
    unknown = Report(B, group=CasualtyGroup.all, qualifier=Qualifier.unknown)
    assert figure([unknown]).report_ids == []  # it gave the figure nothing
