"""``answer_audience(home, question)``: the one function the CLI, the app and the agent's
find_customers / segment_stats tools call to turn a marketer's question into an exact audience."""

from __future__ import annotations

import time
from datetime import date
from typing import Literal

from pydantic import ValidationError

from agent.audience_parser import Parsed, check_names, parse_question
from agent.reader.doubt import doubt_model, features
from agent.reader.pasted import pasted
from agent.reader.structure import delexicalise, gaps, reading_shape, structure_model, worst_gap
from retrieval.audience.execute import QueryError, execute
from retrieval.audience.query import AudienceQuery
from retrieval.audience.result import AudienceAnswer, audience_table
from retrieval.audience.similarity import interest_similarity
from retrieval.audience.tables import tables_for
from retrieval.audience.vocabulary import Vocabulary
from retrieval.audience.words import Describer, clock_datetime

Role = Literal["marketer", "service", "analyst"]


def _check_role(role: str) -> None:
    if role not in ("marketer", "service", "analyst"):
        raise ValueError(f"role must be marketer, service or analyst, got {role!r}")


def clause_reader(home, vocabulary: Vocabulary, clock: date | None = None):  # noqa: ANN001, ANN201 - Home -> ClauseReader
    """The learned clause frames over this shop's names (countries included); ``clock``: the data clock's day."""
    from agent.reader.joining import FILLER
    from agent.reader.audience_clauses import ClauseReader
    from agent.reader.clauses import clause_model
    from agent.reader.names import NameFinder

    def embed(texts: list[str]):  # noqa: ANN202
        return home.embedder.encode(texts, show_progress=False)

    model = clause_model(embed, home.settings.home / "models")
    return ClauseReader(model, NameFinder(vocabulary, ("category", "brand", "product", "country")), embed, FILLER, clock)


def answer_audience(home, question: str, role: Role = "marketer", confirm: bool = False) -> AudienceAnswer:  # noqa: ANN001 - retrieval.home.Home
    """The question's audience over the home's event log and profiles, a question back with the best
    reading (run it with ``confirm=True``), or a clear refusal.

    Every role gets the same columns (customer ids and shop aggregates): the audience view never shows
    contact details, whoever asks."""
    _check_role(role)
    started = time.perf_counter()
    if not home.settings.event_db.exists():
        return AudienceAnswer(question=question, query=None, query_words="", declined="This home has no events yet: run `portrait ingest` first.")
    tables = tables_for(home.settings.event_db, home.settings.fact_db)
    vocabulary = Vocabulary.of(tables)
    clock = clock_datetime(tables.clock).date() if tables.clock else None
    clauses = clause_reader(home, vocabulary, clock)
    parsed = parse_question(question, vocabulary, home.settings, clauses)
    return _run(home, question, parsed, tables, vocabulary, started, confirm, clauses)


def answer_query(home, query: dict[str, object], role: Role = "marketer") -> AudienceAnswer:  # noqa: ANN001
    """Run a query given as data (the parsed query as a marketer edited it in the app): validated by the
    same schema and vocabulary checks as a parsed one, or declined saying what is wrong."""
    _check_role(role)
    started = time.perf_counter()
    tables = tables_for(home.settings.event_db, home.settings.fact_db)
    vocabulary = Vocabulary.of(tables)
    try:
        typed = AudienceQuery.model_validate(query)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "query"
        return AudienceAnswer(question="(edited conditions)", query=None, query_words="",
                              declined=f"The conditions are not valid at {where}: {first['msg']}")
    return _run(home, "(edited conditions)", check_names(typed, vocabulary), tables, vocabulary, started)


def _run(home, question: str, parsed: Parsed, tables, vocabulary: Vocabulary, started: float,  # noqa: ANN001
         confirm: bool = False, clauses=None) -> AudienceAnswer:  # noqa: ANN001 - ClauseReader
    describe = Describer(clock_datetime(tables.clock), vocabulary.titles)
    threshold = home.settings.audience_ask_threshold
    if parsed.query is not None and parsed.ask_back is None and parsed.confidence < threshold:
        parsed.ask_back = f"I am not sure I read it right (confidence {parsed.confidence:.2f}, below {threshold:.2f})"
    signs, doubt, why = _doubt(question, parsed, clauses)
    if doubt is not None and parsed.ask_back is None and doubt >= home.settings.audience_doubt_ask_at:
        parsed.ask_back = (f"Readings shaped like this one were wrong about {doubt:.0%} of the time on questions written by "
                           f"people new to the reader" + (f" ({why})" if why else ""))
    if parsed.query is not None and parsed.ask_back is not None and not confirm:
        words = describe.query(parsed.query)
        return AudienceAnswer(question=question, query=parsed.query, query_words=words, mappings=parsed.mappings,
                              ask_back=f"I read: {words}. {parsed.ask_back} — run it like this?",
                              seconds=time.perf_counter() - started, reader=parsed.reader, confidence=parsed.confidence,
                              doubt=doubt, signs=signs)
    if parsed.query is None:
        return AudienceAnswer(question=question, query=None, query_words="", mappings=parsed.mappings,
                              declined=parsed.declined, seconds=time.perf_counter() - started, reader=parsed.reader)
    similarity = interest_similarity(home) if home.settings.fact_db.exists() else None
    try:
        selection = execute(parsed.query, tables, similarity)
    except QueryError as error:
        return AudienceAnswer(question=question, query=None, query_words=describe.query(parsed.query), mappings=parsed.mappings,
                              declined=f"Cannot run: {error}", seconds=time.perf_counter() - started, reader=parsed.reader)
    if parsed.check is not None and not confirm:
        try:
            other = execute(parsed.check, tables, similarity)
        except QueryError:
            other = selection
        if set(other.user_ids) != set(selection.user_ids):  # two readers, two audiences: never answer with one of them
            words = describe.query(parsed.query)
            return AudienceAnswer(question=question, query=parsed.query, query_words=words, mappings=parsed.mappings,
                                  ask_back=f"I read: {words}. The phrase rules read it as: {describe.query(parsed.check)} "
                                           f"({len(other.user_ids)} customers, not {len(selection.user_ids)}) — run my reading?",
                                  seconds=time.perf_counter() - started, reader=parsed.reader)
    return AudienceAnswer(
        question=question, query=parsed.query, query_words=describe.query(parsed.query), mappings=parsed.mappings,
        user_ids=selection.user_ids, table=audience_table(selection, tables), seconds=time.perf_counter() - started,
        reader=parsed.reader, confidence=parsed.confidence, doubt=doubt, signs=signs,
    )


def _doubt(question: str, parsed: Parsed, clauses=None) -> tuple[dict[str, float], float | None, str | None]:  # noqa: ANN001
    """The signs of a complete reading by the learned-first reader, the probability that it is wrong and, where the
    structure model weighed it, the gap most likely to be a misreading. The doubt model weighs how the reading was
    made; the structure model (``agent.reader.structure``) adds how far its shape is from the shape the question
    itself predicts. No doubt for a reading already asked back, declined, edited by hand or written by a served model."""
    if parsed.query is None or not parsed.evidence:
        return {}, None, None
    signs = features(question, parsed.query, parsed.evidence)
    model = doubt_model()
    if model is None or parsed.ask_back is not None:
        return signs, None, None
    doubt = model.p_wrong(signs)
    shapes = structure_model()
    if shapes is None or clauses is None:
        return signs, doubt, None
    text = delexicalise(pasted(question), clauses.names)  # a pasted JSON or table is weighed in the words it was read as
    predicted = shapes.predict([text], clauses.embed([text]))[0]
    read = reading_shape(parsed.query.condition)
    shape_gaps = gaps(predicted, read)
    signs |= {"doubt_alone": doubt} | shape_gaps
    return signs, shapes.check.combined(doubt, shape_gaps), worst_gap(predicted, read)


def segment_stats(home, question: str) -> dict[str, object]:  # noqa: ANN001
    """Counts by segment (or country) of a question's audience, for the agent's segment_stats tool."""
    answer = answer_audience(home, question)
    if answer.abstained:
        return {"declined": answer.declined}
    counts = answer.counts_by()
    return {"query": answer.query_words, "count": answer.count, "by": counts.index.name, "counts": counts.to_dict(),
            "mappings": answer.mappings}
