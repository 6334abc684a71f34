"""Full-text search behind one interface: SQLite FTS5 and PostgreSQL `tsvector` + GIN.

Each searchable resource has a *document table* `<name>_search (id, owner_id, document)`: one row
per record holding the text that `q` searches (incidents: title, summary and the text of their
statements; actors: name and aliases; statements: their text). The documents are kept in step
by an ORM flush hook (`_after_flush`, below), so every write path of the service, on both
databases, rewrites the affected documents in the same transaction as the change itself. Bulk
loaders that bypass the ORM (`session.execute(insert(Incident), rows)`) call `reindex()`.

The database indexes the document:

* SQLite: an external-content FTS5 table `<name>_search_fts` (tokenizer `porter unicode61`, so
  English stemming and case/diacritic folding), kept in step with the document table by the three
  triggers the FTS5 manual prescribes for external content.
* PostgreSQL: a narrow companion table `<name>_search_terms (id, owner_id, tsv)` holding
  `to_tsvector('english', document)` under a GIN index, kept by statement-level triggers on the
  document table (migration 0006): ranking reads every match's `tsv`, and beside the document text
  it took twice the pages.

Neither lives in the SQLAlchemy metadata (they are dialect-specific); `include_name` hides them
from Alembic's autogenerate so that models and migrations still agree.

Documents and queries are cut into words here, once, the same way for both databases (`words`):
runs of letters and digits, everything else (punctuation, `-`, `.`, `/`, `_`) separating them. A
stored document is its text's words one space apart (`searchable`), so neither database's own
parser ever sees "F-16", "U.N." or "50.4501": PostgreSQL's read `-16` as a signed number, `U.N`
as a file name and `50.4501` as one float, while the query was cut at every non-letter, so such
terms never matched there (migration 0011 rewrote the documents stored before).

`q` is never handed to a query parser: it is cut into the same plain words, and a row matches
when its document contains every word (after stemming). Quotes, `AND`/`OR`, `*`, `NEAR`, or
SQL-looking text are just words or are dropped, so no input can make a search fail.

Relevance (`score`) is computed from the row alone on both databases, so a row's score does not
move when other rows are written and a relevance-ordered walk through pages never repeats or
skips a row: PostgreSQL's `ts_rank`, and on SQLite, for each distinct stem of the query but stop
words, BM25's saturating term frequency `2.2 n / (n + 1.2)` of its `n` occurrences in the row
(in thousandths, an integer, so that sums are exact), read from FTS5's `instance` vocabulary
table (migration 0011). FTS5's own `bm25()` weighs words by their rarity in the whole table and
documents by the average length: every write anywhere moved every score, and a cursor's score
then pointed somewhere else in the order (a walk repeated the same 100 rows for ever while
unrelated rows were added).
"""

import re
import sqlite3
import threading
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Float,
    ForeignKey,
    Integer,
    Join,
    Select,
    String,
    Table,
    Text,
    Uuid,
    bindparam,
    cast,
    column,
    false,
    func,
    literal,
    literal_column,
    select,
    table,
    true,
    union_all,
    update,
)
from sqlalchemy import event as sa_event
from sqlalchemy.dialects.postgresql import DOUBLE_PRECISION
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.sql.elements import ColumnElement, Grouping

from app.db import Base, among
from app.importer.writer import write_rows

MAX_TERMS = 16
# A run of letters and digits (Unicode's L* and N*, as FTS5's unicode61 tokenizer reads them);
# the same in ASCII text, found twice as fast (documents are written by every load).
_WORD = re.compile(r"[^\W_]+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
# The FTS5 tables' tokenizer (migration 0002); `stems` reads a query with the same one.
FTS5_TOKENIZE = "porter unicode61"
# PostgreSQL's English stop words (tsearch_data/english.stop), which its `english` configuration
# drops from documents and queries; on SQLite they still match, but add nothing to a row's score.
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
    her hers herself it its itself they them their theirs themselves what which who whom this that
    these those am is are was were be been being have has had having do does did doing a an the
    and but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now""".split()  # noqa: SIM905
)


def words(text: str) -> list[str]:
    """The words of a text, as documents and queries are both cut (NFC first, so that a composed
    and a decomposed "é" are one letter): runs of letters and digits; everything else separates."""
    if text.isascii():
        return _ASCII_WORD.findall(text)
    return _WORD.findall(unicodedata.normalize("NFC", text))


def searchable(text: str) -> str:
    """What the databases index of a text: its words, one space apart."""
    return " ".join(words(text))


def terms(q: str) -> list[str]:
    """The words of a query, each once (whatever its case), at most MAX_TERMS. They keep their
    case: each database folds a query's words exactly as it folds its documents'."""
    unique: dict[str, str] = {}
    for word in words(q):
        unique.setdefault(word.casefold(), word)
    return list(unique.values())[:MAX_TERMS]


class _Stemmer(threading.local):
    """SQLite: the terms FTS5 makes of some words (case folded, accents removed, Porter stems), from
    a one-row in-memory FTS5 table with the same tokenizer, one per thread."""

    def __init__(self) -> None:
        self.conn = sqlite3.connect(":memory:")
        self.conn.execute(f"CREATE VIRTUAL TABLE q USING fts5(text, tokenize='{FTS5_TOKENIZE}')")
        self.conn.execute("CREATE VIRTUAL TABLE q_terms USING fts5vocab(q, 'instance')")

    def stems(self, words: list[str]) -> list[str]:
        with self.conn:
            self.conn.execute("INSERT INTO q (rowid, text) VALUES (1, ?)", (" ".join(words),))
            found = [t for (t,) in self.conn.execute("SELECT term FROM q_terms ORDER BY offset")]
            self.conn.execute("DELETE FROM q")
        return list(dict.fromkeys(found))


_stemmer = _Stemmer()


def stems(words: list[str]) -> list[str]:
    """The distinct FTS5 terms of these words, in order (SQLite's index holds these)."""
    return _stemmer.stems(words) if words else []


def _document_table(name: str, owner: str) -> Table:
    return Table(
        f"{name}_search",
        Base.metadata,
        Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
        Column(
            "owner_id",
            Uuid(),
            ForeignKey(f"{owner}.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        Column("document", Text, nullable=False),
    )


@dataclass(frozen=True)
class SearchIndex:
    name: str  # "incident": tables incident_search, and incident_search_fts (SQLite) or _terms
    owner: str  # the table searched, e.g. "incidents"
    table: Table
    build: Callable[[Connection, list[uuid.UUID]], dict[uuid.UUID, str]]

    @property
    def fts(self) -> str:
        return f"{self.name}_search_fts"

    @property
    def terms(self) -> Any:
        """PostgreSQL's table of each document's terms (not in the metadata: see the module)."""
        return table(f"{self.name}_search_terms", column("id"), column("owner_id", Uuid()), column("tsv"))

    @property
    def instances(self) -> Any:
        """SQLite: FTS5's vocabulary of the index, one row per occurrence of a term (migration 0011)."""
        return table(f"{self.fts}_instances", column("term", String()), column("doc", Integer()))


def _incident_documents(conn: Connection, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    from app.incidents.models import Incident
    from app.statements.models import Statement

    parts: dict[uuid.UUID, tuple[str, str | None, list[str]]] = {}
    for row in conn.execute(
        select(Incident.id, Incident.title, Incident.summary).where(
            among(conn.dialect.name, Incident.id, ids)
        )
    ):
        parts[row.id] = (row.title, row.summary, [])
    texts = conn.execute(
        select(Statement.incident_id, Statement.text)
        .where(among(conn.dialect.name, Statement.incident_id, list(parts)))
        .order_by(Statement.created_at, Statement.id)
    )
    for incident_id, text in texts:
        if incident_id is not None:
            parts[incident_id][2].append(text)
    return {key: incident_document(*values) for key, values in parts.items()}


def incident_document(title: str, summary: str | None, statements: list[str]) -> str:
    """An incident's document: its title, summary and its statements' text, oldest first."""
    return "\n".join(p for p in [title, summary, *statements] if p)


def actor_document(name: str, aliases: list[str] | None) -> str:
    return "\n".join([name, *(aliases or [])])


def _actor_documents(conn: Connection, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    from app.actors.models import Actor

    rows = conn.execute(
        select(Actor.id, Actor.name, Actor.aliases).where(among(conn.dialect.name, Actor.id, ids))
    )
    return {row.id: actor_document(row.name, row.aliases) for row in rows}


def _statement_documents(conn: Connection, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    from app.statements.models import Statement

    rows = conn.execute(
        select(Statement.id, Statement.text).where(among(conn.dialect.name, Statement.id, ids))
    )
    return {row.id: row.text for row in rows}


INCIDENTS = SearchIndex(
    "incident", "incidents", _document_table("incident", "incidents"), _incident_documents
)
ACTORS = SearchIndex("actor", "actors", _document_table("actor", "actors"), _actor_documents)
STATEMENTS = SearchIndex(
    "statement", "statements", _document_table("statement", "statements"), _statement_documents
)
INDEXES = {"incidents": INCIDENTS, "actors": ACTORS, "statements": STATEMENTS}


def index_for(resource: str) -> SearchIndex | None:
    """The search index of a resource (by its wire name), if it has one."""
    return INDEXES.get(resource)


# --- querying ---


def _pg_match(terms: Any, words: list[str]) -> tuple[Any, ColumnElement[Any], ColumnElement[float]]:
    """PostgreSQL: the FROM element holding the query of `words`, the match condition on the
    `terms` table and the score. The query is selected FROM `plainto_tsquery(...) AS query`, so it
    is computed once: inline, the generic plan of the prepared statement (PostgreSQL's choice after
    five runs) parsed it again for every matching row (16 ms instead of 10 for a word with 6,600
    matches at 100,000 incidents)."""
    # The words are written into the statement (they are letters and digits only, see `terms`):
    # with them as a parameter, PostgreSQL's generic plan of the prepared statement kept the query
    # a function scan joined to every match, and ranked 10,000 matches in 16 ms instead of 10.
    text = bindparam("q", " ".join(words), type_=String(), literal_execute=True)
    query = func.plainto_tsquery(literal_column("'english'"), text).alias("query")
    tsv: ColumnElement[Any] = terms.c.tsv
    return query, tsv.op("@@")(query.column), cast(func.ts_rank(tsv, query.column), DOUBLE_PRECISION)


class _InOrder(Join):
    """A join that SQLite runs in the order written, left table outside (`CROSS JOIN ... ON`, the
    planner's documented hint): see `apply`."""

    inherit_cache = True


@compiles(_InOrder)
def _in_order(element: _InOrder, compiler: Any, **kw: Any) -> str:
    return compiler.visit_join(element, **kw)  # type: ignore[no-any-return]


@compiles(_InOrder, "sqlite")
def _in_order_sqlite(element: _InOrder, compiler: Any, **kw: Any) -> str:
    kw.pop("asfrom", None)
    return (
        element.left._compiler_dispatch(compiler, asfrom=True, **kw)
        + " CROSS JOIN "
        + element.right._compiler_dispatch(compiler, asfrom=True, **kw)
        + " ON "
        + element.onclause._compiler_dispatch(compiler, **kw)  # type: ignore[union-attr]
    )


def _sqlite_match(index: SearchIndex, words: list[str]) -> tuple[Any, ColumnElement[bool]]:
    """SQLite: the FTS5 table (its `rowid`) and the condition that it matches every word, each
    an FTS5 string: never an operator, a column filter or a prefix."""
    fts: ColumnElement[Any] = literal_column(index.fts)
    match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    return table(index.fts, column("rowid", Integer())), fts.op("MATCH")(match)


def _sqlite_scores(index: SearchIndex, words: list[str]) -> Any | None:
    """SQLite: `(doc, score)` of the documents that hold every stem of `words` but stop words
    (None when there is no other word: then every match scores 0).

    A stem's occurrences come from FTS5's `instance` vocabulary: one row each, the whole index's,
    so a word found everywhere costs one row per place. Stop words (`STOP_WORDS`, PostgreSQL's
    English list, whose words PostgreSQL leaves out of its scores too) do not count: "the" alone
    is 435,000 rows at 100,000 incidents, and "the attack on the market" took half a second."""
    vocab = index.instances
    ranking = [w for w in words if w.casefold() not in STOP_WORDS]
    if not ranking:
        return None
    found = stems(ranking) or [""]  # no term at all (none FTS5 reads as one): nothing matches
    # One row per occurrence of any of the stems, tagged with the stem's number; one GROUP BY
    # counts each stem's in each document (a GROUP BY per stem, then one to add them up, took
    # half as long again for two words).
    occurrences = union_all(
        *(
            select(vocab.c.doc, literal(k, Integer()).label("k")).where(vocab.c.term == t)
            for k, t in enumerate(found)
        )
    ).subquery("occurrences")
    n = [func.sum(occurrences.c.k == k, type_=Integer()) for k in range(len(found))]
    counts = (
        select(occurrences.c.doc, *(count.label(f"n{k}") for k, count in enumerate(n)))
        .group_by(occurrences.c.doc)
        # Only documents with every stem (the MATCH decides, but this spares looking up the
        # documents that hold one word of two: twice as many for "drone strike").
        .having(*(count > 0 for count in n if len(n) > 1))
        .subquery("counts")
    )
    # 2.2 n / (n + 1.2) in thousandths, with integer division: sums of integers are exact, so a
    # row's score is the same number on every page, whatever order SQLite adds the stems in.
    saturated = [
        Grouping(n * 22000).op("/", return_type=Integer())(Grouping(n * 10 + 12))
        for n in (counts.c[f"n{k}"] for k in range(len(found)))
    ]
    total: ColumnElement[Any] = saturated[0]
    for part in saturated[1:]:
        total = total + part
    return select(counts.c.doc, total.label("score")).subquery("scores")


def apply(
    stmt: Select[Any], owner_id: Any, index: SearchIndex, q: str, dialect: str
) -> tuple[Select[Any], ColumnElement[float]]:
    """`stmt` narrowed to the rows whose document holds every word of `q`, and a relevance score
    (larger is more relevant) to order them by."""
    words = terms(q)
    if dialect == "postgresql":
        found = index.terms
        stmt = stmt.join(found, found.c.owner_id == owner_id)
        if not words:
            return stmt.where(false()), cast(literal(0.0), Float)
        query, matches, score = _pg_match(found, words)
        return stmt.join(query, true()).where(matches), score
    doc = index.table
    if not words:
        return stmt.join(doc, doc.c.owner_id == owner_id).where(false()), cast(literal(0.0), Float)
    fts_rows, matches = _sqlite_match(index, words)
    scores = _sqlite_scores(index, words)
    if scores is None:
        stmt = stmt.join(doc, doc.c.owner_id == owner_id).join(fts_rows, fts_rows.c.rowid == doc.c.id)
        return stmt.where(matches), cast(literal(0), Integer())
    owner = Base.metadata.tables[index.owner]
    # The scores lead the join, then their documents, then the owner's rows, in that order:
    # nothing indexes the scores, and joined the other way round (as SQLite's planner would
    # choose, taking the vocabulary for a table of 25 rows) every match would scan them all.
    joined = _InOrder(_InOrder(scores, doc, doc.c.id == scores.c.doc), owner, doc.c.owner_id == owner_id)
    return stmt.select_from(joined).where(
        doc.c.id.in_(select(fts_rows.c.rowid).where(matches))
    ), scores.c.score


def ranked(
    index: SearchIndex, q: str, dialect: str
) -> tuple[Select[Any], ColumnElement[float], ColumnElement[Any]]:
    """(owner id, score) of every match, from the search tables alone, with the score and the id
    column to order by: a search with no other filter need not touch the owner's table until it
    has its page. Same scores and ids as `apply`, so cursors work across both."""
    words = terms(q)
    doc = index.table
    if not words:
        score: ColumnElement[float] = cast(literal(0.0), Float)
        return select(doc.c.owner_id, score).where(false()), score, doc.c.owner_id
    if dialect == "postgresql":
        found = index.terms
        query, matches, score = _pg_match(found, words)
        # Labelled `id` (as below): a page read as its ids takes these rows as they are (crud._ranked).
        ids = (
            select(found.c.owner_id.label("id"), score).select_from(found.join(query, true())).where(matches)
        )
        return ids, score, found.c.owner_id
    fts_rows, matches = _sqlite_match(index, words)
    scores = _sqlite_scores(index, words)
    if scores is None:
        zero: ColumnElement[Any] = cast(literal(0), Integer())
        stmt = select(doc.c.owner_id.label("id"), zero).select_from(
            fts_rows.join(doc, doc.c.id == fts_rows.c.rowid)
        )
        return stmt.where(matches), zero, doc.c.owner_id
    stmt = (
        select(doc.c.owner_id.label("id"), scores.c.score)
        .select_from(_InOrder(scores, doc, doc.c.id == scores.c.doc))  # in this order: see `apply`
        .where(doc.c.id.in_(select(fts_rows.c.rowid).where(matches)))
    )
    return stmt, scores.c.score, doc.c.owner_id


# --- keeping documents in step ---


def refresh(conn: Connection, index: SearchIndex, ids: Iterable[uuid.UUID]) -> None:
    """Rewrite the documents of these rows, as `searchable` makes them (a row that no longer exists
    is left to the FK cascade)."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return
    doc = index.table
    documents = {key: searchable(text) for key, text in index.build(conn, wanted).items()}
    stored = select(doc.c.owner_id, doc.c.id, doc.c.document).where(
        among(conn.dialect.name, doc.c.owner_id, list(documents))
    )
    existing = {row.owner_id: (row.id, row.document) for row in conn.execute(stored)}
    missing = [{"owner_id": key, "document": text} for key, text in documents.items() if key not in existing]
    write_rows(conn, doc, missing)
    for owner_id, text in documents.items():
        seen = existing.get(owner_id)
        if seen is not None and seen[1] != text:
            conn.execute(update(doc).where(doc.c.id == seen[0]).values(document=text))


def add(conn: Connection, index: SearchIndex, documents: dict[uuid.UUID, str]) -> None:
    """Store the documents of rows that have none yet (rows created in this transaction), as
    `searchable` makes them."""
    rows = [{"owner_id": key, "document": searchable(text)} for key, text in documents.items()]
    write_rows(conn, index.table, rows)


def reindex(session: Session, resource: str | None = None, *, batch: int = 1000) -> int:
    """Rebuild every document (of one resource, or all): for bulk loads that bypass the ORM."""
    import app.models  # noqa: F401  (every table in the metadata, also when called from a script)

    conn = session.connection()
    count = 0
    for name, index in INDEXES.items():
        if resource is not None and name != resource:
            continue
        owner = Base.metadata.tables[index.owner]
        ids = list(conn.execute(select(owner.c.id)).scalars())
        for start in range(0, len(ids), batch):
            refresh(conn, index, ids[start : start + batch])
        count += len(ids)
    return count


def _changed(obj: Any, *names: str) -> bool:
    from sqlalchemy import inspect

    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def _previous(obj: Any, name: str) -> list[Any]:
    from sqlalchemy import inspect

    return list(inspect(obj).attrs[name].history.deleted or ())


@sa_event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _ctx: UOWTransaction) -> None:
    from app.actors.models import Actor
    from app.incidents.models import Incident
    from app.statements.models import Statement

    incidents: list[uuid.UUID] = []
    actors: list[uuid.UUID] = []
    statements: list[uuid.UUID] = []
    for obj in session.new:
        if isinstance(obj, Incident):
            incidents.append(obj.id)
        elif isinstance(obj, Actor):
            actors.append(obj.id)
        elif isinstance(obj, Statement):
            statements.append(obj.id)
            if obj.incident_id is not None:
                incidents.append(obj.incident_id)
    for obj in session.dirty:
        if isinstance(obj, Incident) and _changed(obj, "title", "summary"):
            incidents.append(obj.id)
        elif isinstance(obj, Actor) and _changed(obj, "name", "aliases"):
            actors.append(obj.id)
        elif isinstance(obj, Statement) and _changed(obj, "text", "incident_id"):
            statements.append(obj.id)
            incidents.extend(i for i in [obj.incident_id, *_previous(obj, "incident_id")] if i is not None)
    for obj in session.deleted:
        if isinstance(obj, Statement) and obj.incident_id is not None:
            incidents.append(obj.incident_id)
    if not (incidents or actors or statements):
        return
    conn = session.connection()
    refresh(conn, INCIDENTS, incidents)
    refresh(conn, ACTORS, actors)
    refresh(conn, STATEMENTS, statements)


# --- Alembic ---


def include_name(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """Alembic `include_name`: hide the dialect-specific search internals from autogenerate."""
    if name is None:
        return True
    if type_ == "table":
        return not any(
            name.startswith(f"{i.name}_search_fts") or name == f"{i.name}_search_terms"
            for i in INDEXES.values()
        )
    return True
