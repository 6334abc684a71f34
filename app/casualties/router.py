from app.casualties.schemas import CasualtyReportCreate, CasualtyReportUpdate
from app.casualties.service import CasualtyReportQuery, casualty_reports
from app.crud import crud_router

router = crud_router(
    casualty_reports,
    create_model=CasualtyReportCreate,
    update_model=CasualtyReportUpdate,
    query_model=CasualtyReportQuery,
    noun="casualty report",
    tag="casualty reports",
)
