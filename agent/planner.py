"""The planner driver, for small models that cannot call tools: route the question to a kind, run
that kind's tool, compose the answer from the returned facts, let the model rephrase it (optional),
and keep the model's wording only when the checker supports every claim in it and it still states
what the composed answer states."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.tools import BaseTool

from agent.answer import DECLINE, Answer
from agent.grounding import Citation, check
from agent.prompts import PROMPT_MARKERS, phrase_messages
from agent.routing import Route
from agent.sheet import Entry, FactSheet

CAN_ASK = (
    "I can tell you their orders, net spend, country, last purchase, returns, latest review, support messages, "
    "most-bought category, last search, suggestions for them and similar customers."
)

TOOL_OF: dict[str, str] = {"suggestions": "recommend_products", "similar": "similar_customers"}
# The facts each kind of answer rests on: always cited, also when the answer states them in words ("no returns").
PRIMARY: dict[str, tuple[str, ...]] = {
    "orders": ("frequency",), "net_spend": ("monetary",), "country": ("country",),
    "last_purchase_date": ("last_purchase_date",), "last_product": ("last_product",), "returns": ("returns",),
    "latest_review": ("latest_review",), "support": ("support_messages", "latest_support"),
    "top_category": ("top_bought_categories",), "last_search": ("last_search",), "stage": ("lifecycle_stage",),
    "likes": ("top_categories", "top_brands"), "segment": ("segment", "spend_band"),
    "suggestions": ("suggestions",), "similar": ("similar_customers",),
}


def _fact(result: dict[str, Any], key: str) -> dict[str, Any] | None:
    return result["facts"].get(key)


def _profile_value(result: dict[str, Any], key: str) -> Any:
    fact = result["profile"].get(key)
    return None if fact is None else fact["value"]


def _plural(n: float, word: str) -> str:
    count = int(n)
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _orders(uid: str, r: dict[str, Any]) -> str:
    n = _fact(r, "frequency")["value"]
    return f"{uid} has placed {_plural(n, 'order')}." if n else f"{uid} has placed no orders yet."


def _net_spend(uid: str, r: dict[str, Any]) -> str:
    return f"{uid}'s net spend is {_fact(r, 'monetary')['text']} (purchases minus returns)."


def _country(uid: str, r: dict[str, Any]) -> str:
    found = _fact(r, "country")
    return f"{uid}'s orders come mostly from the country {found['text']}." if found else f"{uid}'s orders name no country."


def _last_purchase_date(uid: str, r: dict[str, Any]) -> str:
    date, title = _fact(r, "last_purchase_date"), _fact(r, "last_product")
    if not date:
        return f"{uid} has not bought anything yet."
    return f"{uid}'s last purchase was on {date['text']}, when they bought {title['text']}."


def _last_product(uid: str, r: dict[str, Any]) -> str:
    date, title = _fact(r, "last_purchase_date"), _fact(r, "last_product")
    if not title:
        return f"{uid} has not bought anything yet."
    return f"{uid}'s most recent purchase is {title['text']}, bought on {date['text']}."


def _returns(uid: str, r: dict[str, Any]) -> str:
    n = _fact(r, "returns")["value"]
    return f"{uid} has made {_plural(n, 'return')}." if n else f"{uid} has made no returns."


def _latest_review(uid: str, r: dict[str, Any]) -> str:
    found = _fact(r, "latest_review")
    if not found:
        return f"{uid} has written no reviews."
    if found["value"] is None:
        return f"{uid}'s latest review gave no rating."
    return f"{uid}'s latest review rating is {found['text']} out of 5."


def _support(uid: str, r: dict[str, Any]) -> str:
    count, latest = _fact(r, "support_messages"), _fact(r, "latest_support")
    if not count["value"]:
        return f"{uid} has sent no support messages."
    return f"{uid} has sent {_plural(count['value'], 'support message')}; the latest message said: \"{latest['text']}\""


def _top_category(uid: str, r: dict[str, Any]) -> str:
    found = _fact(r, "top_bought_categories")
    if not found:
        return f"{uid} has not bought anything in a known category."
    tied = " (tied)" if len(found["value"]) > 1 else ""
    return f"{uid}'s most-bought category by units is {found['text']}{tied}."


def _last_search(uid: str, r: dict[str, Any]) -> str:
    found = _fact(r, "last_search")
    return f"{uid}'s last search was \"{found['text']}\"." if found else f"{uid} has not searched the shop."


def _overview(uid: str, r: dict[str, Any]) -> str:
    stage = _profile_value(r, "lifecycle_stage")
    first = f"{uid} is {'an' if str(stage or '').startswith(('a', 'e', 'i', 'o', 'u')) else 'a'} {stage} customer with " if stage else f"{uid} has "
    first += f"{_plural(_fact(r, 'frequency')['value'], 'order')} and a net spend of {_fact(r, 'monetary')['text']}."
    return first + (" " + _likes(uid, r) if _profile_value(r, "top_categories") else "")


def _stage(uid: str, r: dict[str, Any]) -> str:
    stage = _profile_value(r, "lifecycle_stage")
    last = _fact(r, "last_seen")["text"]
    return f"{uid} is in the {stage} stage; last seen on {last}." if stage else f"{uid} was last seen on {last}."


def _likes(uid: str, r: dict[str, Any]) -> str:
    categories = [c["category"] for c in _profile_value(r, "top_categories") or []]
    brands = [b["brand"] for b in _profile_value(r, "top_brands") or []]
    if not categories:
        return f"{uid}'s profile shows no clear interests yet."
    text = f"{uid} is mostly interested in the categories {', '.join(categories)}"
    return text + (f"; favourite brands: {', '.join(brands)}." if brands else ".")


def _segment(uid: str, r: dict[str, Any]) -> str:
    segment, band = _profile_value(r, "segment"), _profile_value(r, "spend_band")
    parts = [f"{uid} is in segment \"{segment['name']}\"" if segment else f"{uid} has no segment yet"]
    if band:
        parts.append(f"spend band {band}")
    return "; ".join(parts) + "."


def _suggestions(uid: str, r: dict[str, Any]) -> str:
    items = r["suggestions"][:3]
    if not items:
        return f"There is nothing to suggest to {uid} yet."
    titles = "; ".join(s["title"] for s in items)
    reason = items[0]["reasons"][0]["text"] if items[0]["reasons"] else ""
    return f"Suggested for {uid}: {titles}." + (f" Why: {reason}." if reason else "")


def _similar(uid: str, r: dict[str, Any]) -> str:
    others = [c["user_id"] for c in r["customers"][:5]]
    return f"Customers most similar to {uid}: {', '.join(others)}." if others else f"No similar customers found for {uid}."


COMPOSERS: dict[str, Callable[[str, dict[str, Any]], str]] = {
    "orders": _orders, "net_spend": _net_spend, "country": _country, "last_purchase_date": _last_purchase_date,
    "last_product": _last_product, "returns": _returns, "latest_review": _latest_review, "support": _support,
    "top_category": _top_category, "last_search": _last_search, "overview": _overview, "stage": _stage,
    "likes": _likes, "segment": _segment, "suggestions": _suggestions, "similar": _similar,
}


def tool_result_entries(kind: str, result: dict[str, Any]) -> list[Entry]:
    """Sheet entries for what a non-profile tool returned, so the checker can support its claims."""
    if kind == "suggestions":
        items = result["suggestions"][:3]
        entry = Entry("suggestions", "suggested", "; ".join(s["title"] for s in items),
                      [e for s in items for r in s["reasons"] for e in r["evidence"]][:5])
        entry.terms |= {s["title"].lower() for s in items} | {s["category"].lower() for s in items if s["category"]}
        return [entry]
    if kind == "similar":
        ids = [c["user_id"] for c in result["customers"][:5]]
        entry = Entry("similar_customers", "similar customers", ", ".join(ids), [])
        entry.terms |= {i.lower() for i in ids}
        return [entry]
    return []


def declined() -> Answer:
    return Answer(text=f"{DECLINE} {CAN_ASK}", kind="decline", declined=True)


def plan_answer(
    user_id: str,
    route: Route,
    tools: dict[str, BaseTool],
    sheet_of: Callable[[str], FactSheet],
    phraser: BaseChatModel | None = None,
) -> Answer:
    """Run the routed tool, compose from its result, optionally let the model rephrase, check."""
    if route.kind == "decline":
        return declined()
    tool_name = TOOL_OF.get(route.kind, "get_profile")
    result = tools[tool_name].invoke({"user_id": user_id})
    composed = COMPOSERS[route.kind](user_id, result)
    sheet = sheet_of(user_id)
    for entry in tool_result_entries(route.kind, result):
        sheet.entries[entry.key] = entry
    checked = check(composed, sheet)
    primary = [k for k in PRIMARY.get(route.kind, ()) if k in sheet.entries]
    citations = [Citation(k, sheet.entries[k].text, sheet.entries[k].evidence[-3:]) for k in primary]
    citations += [c for c in checked.citations if c.fact not in primary]
    answer = Answer(text=checked.text or composed, citations=citations, tools=[tool_name], kind=route.kind)
    if phraser is not None:
        answer = _phrased(answer, composed, checked, sheet, phraser)
    return answer


def _phrased(answer: Answer, composed: str, composed_check: Any, sheet: FactSheet, phraser: BaseChatModel) -> Answer:
    """The model's wording when it restates every claim of the composed answer, adds none the sheet
    does not support and does not echo the prompt; else the composed answer stands."""
    needed = {c.text.lower() for c in composed_check.claims if c.kind != "word"}
    if not needed:  # an answer in words ("no returns") has nothing the checker could hold the model to
        return answer
    budget = min(phraser_budget(composed), 200)
    reply = " ".join(str(phraser.invoke(phrase_messages(composed), max_tokens=budget).content).split())
    rephrased = check(reply, sheet)
    said = {c.text.lower() for c in rephrased.claims if c.supported}
    echoed = any(marker in reply.lower() for marker in PROMPT_MARKERS)
    if reply and not echoed and not rephrased.removed and needed <= said:
        return Answer(text=rephrased.text, citations=answer.citations, tools=answer.tools, kind=answer.kind)
    answer.removed = rephrased.removed or [reply]
    answer.fallback = True
    return answer


def phraser_budget(composed: str) -> int:
    """Tokens a rewording may take: about twice the composed answer's."""
    return 2 * len(composed.split()) + 16
