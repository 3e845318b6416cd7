"""Audiences: a typed query over a shop's customers (query), run exactly over columnar copies of the
event log and profile labels (tables, execute), the data's vocabulary (vocabulary), the query in
plain words (words) and the marketer's result (result). Sentences are read in agent.audience_parser."""

from retrieval.audience.execute import QueryError, Selection, execute
from retrieval.audience.query import AudienceQuery
from retrieval.audience.result import MARKETER_COLUMNS, AudienceAnswer
from retrieval.audience.tables import AudienceTables, tables_for
from retrieval.audience.vocabulary import Vocabulary

__all__ = ["MARKETER_COLUMNS", "AudienceAnswer", "AudienceQuery", "AudienceTables", "QueryError", "Selection", "Vocabulary",
           "execute", "tables_for"]
