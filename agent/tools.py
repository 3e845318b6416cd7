"""LangChain tools over a home: typed arguments, no logic of their own (each calls a room's function).

``make_tools(home)`` returns StructuredTools usable by any LangChain/LangGraph agent; each returns a
JSON-serialisable dict whose facts carry their evidence event ids. The planner calls the same tools.

| tool | what it returns |
|---|---|
| get_profile(user_id) | the customer's exact facts from the event log plus the profile's facts, each with evidence |
| customer_timeline(user_id, types?, since?, until?, category?, limit?) | events, newest first |
| recommend_products(user_id, k?) | suggestions with their reasons and evidence |
| similar_customers(user_id, k?) | the customers nearest by interest vector |
| find_customers(query, k?, country?, stage?, top_category?, segment?) | semantic search over profiles with filters |
| segment_stats() | the customer segments: names, sizes, descriptions |
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from functools import cached_property
from typing import Any, Literal

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, Field

from encoders.data.schema import Event, EventType, Product
from retrieval.customer_facts import Finding, customer_findings, timeline
from retrieval.home import Home, UnknownCustomerError
from retrieval.query.customer import CustomerQuery

EventKind = Literal["view", "search", "cart", "purchase", "return", "review", "support_message"]


class CustomerArgs(BaseModel):
    user_id: str = Field(description="The customer's id, e.g. U0003.")


class TimelineArgs(CustomerArgs):
    types: list[EventKind] = Field(default_factory=list, description="Only these event types (default: all).")
    since: datetime | None = Field(None, description="Only events at or after this time (ISO 8601).")
    until: datetime | None = Field(None, description="Only events at or before this time (ISO 8601).")
    category: str | None = Field(None, description="Only events on products of this category.")
    limit: int = Field(20, ge=1, le=200, description="At most this many events, newest first.")


class RecommendArgs(CustomerArgs):
    k: int = Field(5, ge=1, le=20, description="How many products.")


class SimilarArgs(CustomerArgs):
    k: int = Field(5, ge=1, le=20, description="How many customers.")


class FindArgs(BaseModel):
    query: str = Field(description="What the customers are into, in words, e.g. 'camping gear on a budget'.")
    k: int = Field(10, ge=1, le=50)
    country: str | None = None
    stage: Literal["new", "active", "at risk", "lapsed"] | None = None
    top_category: str | None = None
    segment: int | None = None


class NoArgs(BaseModel):
    pass


class QueryArgs(CustomerArgs):
    query: CustomerQuery = Field(description="What of the customer's events: a measure (count, units, orders, amount, net, "
                                             "mean/min/max/first/last/list/distinct of a field, share) over a scope of events.")


class CustomerData:
    """The event-log side of the tools: one customer's events and findings (products read once)."""

    def __init__(self, home: Home) -> None:
        self.home = home

    @cached_property
    def products(self) -> dict[str, Product]:
        return self.home.log.products()

    @cached_property
    def vocabulary(self) -> set[str]:
        from agent.sheet import shop_vocabulary

        return shop_vocabulary(self.products)

    def events(self, user_id: str) -> list[Event]:
        events = self.home.log.events_by_user([user_id]).get(user_id, [])
        if not events:
            raise UnknownCustomerError(f"No events for customer {user_id!r}: a customer is anyone with at least one event.")
        return events

    def findings(self, user_id: str) -> dict[str, Finding]:
        return customer_findings(self.events(user_id), self.products)


def _finding_dict(finding: Finding) -> dict[str, Any]:
    return {"value": finding.value, "text": finding.text, "evidence": finding.evidence[-5:]}


# Tools that read one customer's data; the marketer role gets only the aggregate ones.
ONE_CUSTOMER_TOOLS = frozenset({"get_profile", "customer_timeline", "customer_query", "recommend_products", "similar_customers"})
ROLES = ("support", "marketer", "admin")


def tools_for(role: str) -> frozenset[str] | None:
    """The tool names a caller with ``role`` may use (None: all of them)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    return frozenset({"find_customers", "segment_stats"}) if role == "marketer" else None


def make_tools(home: Home, data: CustomerData | None = None, role: str = "support") -> list[BaseTool]:
    """The tools over ``home`` that the caller's role may use (all six for support and admin)."""
    data = data or CustomerData(home)
    allowed = tools_for(role)

    def get_profile(user_id: str) -> dict[str, Any]:
        facts = {k: _finding_dict(f) for k, f in data.findings(user_id).items()}
        try:
            stored = home.profile(user_id).facts
        except UnknownCustomerError:
            stored = {}
        profile = {k: {"value": f.value, "evidence": f.evidence[-5:]} for k, f in stored.items()}
        return {"user_id": user_id, "facts": facts, "profile": profile}

    def customer_timeline(user_id: str, types: list[str] | None = None, since: datetime | None = None,
                          until: datetime | None = None, category: str | None = None, limit: int = 20) -> dict[str, Any]:
        kinds = [EventType(t) for t in types or []]
        rows = timeline(data.events(user_id), data.products, kinds, since, until, category, limit)
        return {"user_id": user_id, "events": rows}

    def customer_query(user_id: str, query: CustomerQuery) -> dict[str, Any]:
        from retrieval.query.measure import run_customer_query
        from retrieval.query.words import answer_text

        clock = home.data_clock()
        query = CustomerQuery.model_validate(query)
        result = run_customer_query(query, data.events(user_id), data.products, clock)
        titles = {item: p.title for item, p in data.products.items()}
        return {"user_id": user_id, "value": result.value, "text": result.text, "evidence": result.evidence[-5:],
                "answer": answer_text(query, result, clock, titles)}

    def recommend_products(user_id: str, k: int = 5) -> dict[str, Any]:
        return {"user_id": user_id, "suggestions": [asdict(s) for s in home.recommend(user_id, k=k)]}

    def similar_customers(user_id: str, k: int = 5) -> dict[str, Any]:
        profile = home.profile(user_id)
        hits = home.vectors.nearest_profiles(profile.interest_vector or [], k=k + 1) if profile.interest_vector else []
        others = [h for h in hits if h.id != user_id][:k]
        return {"user_id": user_id, "customers": [{"user_id": h.id, "similarity": round(1 - h.distance, 3), **h.metadata} for h in others]}

    def find_customers(query: str, k: int = 10, country: str | None = None, stage: str | None = None,
                       top_category: str | None = None, segment: int | None = None) -> dict[str, Any]:
        filters = {"country": country, "stage": stage, "top_category": top_category, "segment": segment}
        clauses = [{f: {"$eq": v}} for f, v in filters.items() if v is not None]
        where = None if not clauses else clauses[0] if len(clauses) == 1 else {"$and": clauses}
        hits = home.vectors.search_profiles(query, k=k, where=where)
        return {"customers": [{"user_id": h.id, "similarity": round(1 - h.distance, 3), **h.metadata} for h in hits]}

    def segment_stats() -> dict[str, Any]:
        model = home.segments
        if model is None:
            return {"segments": [], "note": "no segment model: run `portrait segments --fit`"}
        return {"segments": [asdict(s) for s in model.segments]}

    specs = [
        (get_profile, CustomerArgs, "One customer's facts: orders, net spend, country, last purchase, returns, latest review, support messages, most-bought categories, last search, plus profile facts (stage, likes, brands, price band, segment), each with evidence event ids."),
        (customer_timeline, TimelineArgs, "One customer's events, newest first, filtered by event type, time window and product category."),
        (customer_query, QueryArgs, "An exact measure of one customer's events (spend on a category, orders in the last 90 days, first purchase date, average rating, ...), with the event ids it used."),
        (recommend_products, RecommendArgs, "Products to suggest to one customer, each with its reasons and evidence."),
        (similar_customers, SimilarArgs, "Customers whose interests are closest to this customer's."),
        (find_customers, FindArgs, "Customers matching a description of their interests, optionally filtered by country, lifecycle stage, top category or segment."),
        (segment_stats, NoArgs, "The customer segments with their names, sizes and descriptions."),
    ]
    return [StructuredTool.from_function(fn, name=fn.__name__, description=desc, args_schema=args)
            for fn, args, desc in specs if allowed is None or fn.__name__ in allowed]
