"""Write the staff-question set for `portrait eval answers` over a generated shop.

Expected values are computed here with pandas straight from ``events.jsonl`` and ``products.jsonl``,
independently of Portrait's own code, with the meanings the README documents:

- orders: distinct order_id of purchase events; net spend: price x quantity of purchases minus returns;
- country: most common over their orders, ties broken by the most recent order; last purchase: UTC date
  and product title of the newest purchase (ties by event id); returns: number of return events;
- latest review: rating of the newest review; support: number of messages, text of the newest;
- most-bought category: most purchased units, every tied category; last search: newest search text.

    python eval/data/make_answer_questions.py SHOP_DIR eval/data/answers_questions.jsonl

(SHOP_DIR = the folder `portrait generate-demo` writes with its defaults: 300 users, 300 products,
120 days, seed 7.)
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pandas as pd

PHRASINGS: dict[str, list[str]] = {
    "orders": ["How many orders has this customer made?", "What's her order count?", "How many times has he ordered?",
               "Number of orders placed by this shopper?"],
    "net_spend": ["What is this customer's net spend?", "How much money has she spent with us overall?",
                  "Total spend after returns?", "How much has he spent in total?"],
    "country": ["What country does she order from?", "Which country is this shopper based in?", "Where is he from?"],
    "last_purchase_date": ["When did she last buy something?", "What was the date of his most recent purchase?",
                           "When was this customer's last order?"],
    "last_product": ["What did she buy last?", "Which product did he purchase most recently?",
                     "What was the last item this customer bought?"],
    "returns": ["How many returns has she made?", "How many times has this customer returned something?",
                "Has he sent anything back? How many returns?"],
    "latest_review": ["What rating did she give in her latest review?", "How many stars was his most recent review?",
                      "What was the score of this customer's last review?"],
    "support_count": ["How many support messages has she sent?", "How often has this customer contacted customer service?",
                      "How many messages did he send to support?"],
    "support_about": ["What was her latest support message about?", "What did he last contact support about?",
                      "What was this customer's most recent customer-service request?"],
    "top_category": ["Which category does she buy the most?", "What is his most-bought category?",
                     "In which product category has this customer bought the most units?"],
    "last_search": ["What did she search for last?", "What was his most recent search?",
                    "What was the last thing this customer searched for?"],
}
UNSCORED = {
    "suggestions": ["What should we recommend to her?", "Any product suggestions for this customer?"],
    "similar": ["Which customers are similar to him?", "Find shoppers like this customer."],
}
OUT_OF_DATA = [
    "What is her phone number?", "What's his email address?", "What will the weather be tomorrow?",
    "What is her street address?", "How old is this customer?", "What is her favourite colour?",
    "Who is the prime minister?", "What is the customer's shoe size?", "What did he have for breakfast?",
    "Is she married?",
]
PER_KIND = 13


def load(shop: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    events = pd.read_json(shop / "events.jsonl", lines=True, dtype={"event_id": str, "user_id": str, "item_id": str})
    events["ts"] = pd.to_datetime(events["ts"], utc=True)
    events["quantity"] = events["quantity"].fillna(1.0)
    events["order_id"] = [str(a.get("order_id")) if isinstance(a, dict) and a.get("order_id") else None for a in events.get("attrs", [None] * len(events))]
    events["country"] = [a.get("country") if isinstance(a, dict) else None for a in events.get("attrs", [None] * len(events))]
    products = pd.read_json(shop / "products.jsonl", lines=True, dtype={"item_id": str})
    return events.sort_values(["user_id", "ts", "event_id"]), products.set_index("item_id")


def expected_values(user: pd.DataFrame, products: pd.DataFrame) -> dict[str, object]:
    buys, returns = user[user.type == "purchase"], user[user.type == "return"]
    reviews, messages, searches = user[user.type == "review"], user[user.type == "support_message"], user[user.type == "search"]
    out: dict[str, object] = {"returns": len(returns), "support_count": len(messages)}
    out["net_spend"] = round(float((buys.price * buys.quantity).sum() - (returns.price * returns.quantity).sum()), 2)
    out["orders"] = int(buys.order_id.fillna("event:" + buys.event_id).nunique())
    if len(buys):
        newest = buys.iloc[-1]
        out["last_purchase_date"] = newest.ts.strftime("%Y-%m-%d")
        out["last_product"] = products.title.get(newest.item_id, newest.item_id)
        orders = buys.dropna(subset=["country"]).groupby("order_id").agg(country=("country", "last"), ts=("ts", "max"))
        if len(orders):
            counts = orders.country.value_counts()
            tied = orders[orders.country.isin(counts[counts == counts.max()].index)]
            out["country"] = tied.sort_values("ts").country.iloc[-1]
        units = buys.assign(category=buys.item_id.map(products.category)).dropna(subset=["category"])
        units = units.groupby("category").quantity.sum()
        if len(units):
            out["top_category"] = sorted(units[units == units.max()].index)
    if len(reviews) and pd.notna(reviews.iloc[-1].rating):
        out["latest_review"] = float(reviews.iloc[-1].rating)
    if len(messages):
        out["support_about"] = " ".join(str(messages.iloc[-1].text).split())
    if len(searches):
        out["last_search"] = " ".join(str(searches.iloc[-1].text).split())
    return out


def questions(shop: Path, seed: int = 13) -> list[dict[str, object]]:
    events, products = load(shop)
    rng = random.Random(seed)
    facts = {uid: expected_values(group, products) for uid, group in events.groupby("user_id")}
    rows: list[dict[str, object]] = []
    for kind, phrasings in PHRASINGS.items():
        users = sorted(u for u, f in facts.items() if kind in f)
        for n, uid in enumerate(rng.sample(users, min(PER_KIND, len(users)))):
            rows.append({"id": f"{kind}-{n:02d}", "user_id": uid, "question": phrasings[n % len(phrasings)], "expected": facts[uid][kind], "kind": kind})
    everyone = sorted(facts)
    for kind, phrasings in UNSCORED.items():
        for n, question in enumerate(phrasings * 2):
            rows.append({"id": f"{kind}-{n:02d}", "user_id": rng.choice(everyone), "question": question, "kind": kind})
    for n, question in enumerate(OUT_OF_DATA * 2):
        rows.append({"id": f"out_of_data-{n:02d}", "user_id": rng.choice(everyone), "question": question, "expected": None, "kind": "out_of_data"})
    return rows


def main() -> None:
    shop, out = Path(sys.argv[1]), Path(sys.argv[2])
    rows = questions(shop)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} questions ({sum('expected' in r for r in rows)} scored) -> {out}")


if __name__ == "__main__":
    main()
