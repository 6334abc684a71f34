from app.crud import crud_router
from app.statements.schemas import StatementCreate, StatementUpdate
from app.statements.service import StatementQuery, statements

router = crud_router(
    statements,
    create_model=StatementCreate,
    update_model=StatementUpdate,
    query_model=StatementQuery,
    noun="statement",
    tag="statements",
)
