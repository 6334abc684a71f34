from typing import Annotated

from fastapi import APIRouter, Query

from app.db import SessionDep
from app.stats.service import Stats, StatsQuery, incident_stats

router = APIRouter(prefix="/v1/stats", tags=["statistics"])


@router.get(
    "/incidents",
    summary="Incident counts and casualty sums per group",
    description="Groups the incidents that match the same filters as `GET /v1/incidents` (`q`, "
    "`country_code`, `occurred_after`, …) by `group_by` and returns, per group, the number of incidents "
    "and the sums of their current best killed and injured figures, computed in the database. Months "
    "and ISO weeks are UTC; time groups come in time order, the others largest first. Example: "
    "`/v1/stats/incidents?group_by=month&country_code=IQ`.",
    response_model=Stats,
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "group_by": "month",
                        "groups": [
                            {"key": "2024-01", "incidents": 12, "killed": 30, "injured": 41},
                            {"key": "2024-02", "incidents": 7, "killed": 4, "injured": 9},
                        ],
                    }
                }
            }
        }
    },
    response_model_exclude_unset=True,
)
def stats_incidents(session: SessionDep, query: Annotated[StatsQuery, Query()]) -> Stats:
    return incident_stats(session, query)
