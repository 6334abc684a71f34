from app.crud import crud_router
from app.sources.schemas import SourceCreate, SourceUpdate
from app.sources.service import SourceQuery, sources

router = crud_router(
    sources,
    create_model=SourceCreate,
    update_model=SourceUpdate,
    query_model=SourceQuery,
    noun="source",
    tag="sources",
)
