"""Second blind marketer set: an independent re-computation of a question's customers from its ``conditions``,
reading the shop's jsonl files with the json module and plain Python (no pandas, no ``marketer_reference``),
to check the golds the generator computed with pandas."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path


def _ts(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


class Shop:
    def __init__(self, folder: Path) -> None:
        self.items = {}
        for line in open(folder / "products.jsonl", encoding="utf-8"):
            if line.strip():
                p = json.loads(line)
                self.items[str(p["item_id"])] = p
        self.by_user: dict[str, list] = defaultdict(list)
        for line in open(folder / "events.jsonl", encoding="utf-8"):
            if not line.strip():
                continue
            e = json.loads(line)
            e["_ts"] = _ts(e["ts"])
            item = self.items.get(str(e.get("item_id"))) if e.get("item_id") is not None else None
            e["_cat"] = item.get("category") if item else None
            e["_brand"] = item.get("brand") if item else None
            e["_title"] = item.get("title") if item else None
            self.by_user[str(e["user_id"])].append(e)
        self.clock = max(e["_ts"] for evs in self.by_user.values() for e in evs)

    def users(self) -> list:
        return sorted(self.by_user)

    # per-customer facts
    def typed(self, u: str, t: str) -> list:
        return [e for e in self.by_user[u] if e["type"] == t]

    @staticmethod
    def amount(e: dict) -> float:
        q = e.get("quantity")
        p = e.get("price")
        return (1 if q is None else float(q)) * (0.0 if p is None else float(p))

    def country(self, u: str):
        c = Counter((e.get("attrs") or {}).get("country") for e in self.typed(u, "purchase"))
        c.pop(None, None)
        c.pop("", None)
        if not c:
            return None
        best = max(c.values())
        return min(k for k, v in c.items() if v == best)

    def n_orders(self, u: str) -> int:
        keys = set()
        for e in self.typed(u, "purchase"):
            a = e.get("attrs") or {}
            keys.add(str(a.get("order_id") or a.get("invoice") or e["_ts"].strftime("%Y-%m-%d")))
        return len(keys)

    def gross(self, u: str) -> float:
        return sum(self.amount(e) for e in self.typed(u, "purchase"))

    def net(self, u: str) -> float:
        return round(self.gross(u) - sum(self.amount(e) for e in self.typed(u, "return")), 2)

    def ratings(self, u: str) -> list:
        rs = sorted((e["_ts"], e["event_id"], e["rating"]) for e in self.typed(u, "review") if e.get("rating") is not None)
        return [float(r[2]) for r in rs]


def compare(x, op: str, v, hi=None) -> bool:
    if x is None:
        return False
    return {"ge": lambda: x >= v, "gt": lambda: x > v, "lt": lambda: x < v, "le": lambda: x <= v, "eq": lambda: x == v,
            "between": lambda: v <= x <= hi}[op]()


def holds(shop: Shop, u: str, c: dict) -> bool:
    if "kind" not in c:
        vals = [holds(shop, u, a) for a in c["args"]]
        return {"and": all, "or": any}.get(c["op"], lambda v: not v[0])(vals)
    k = c["kind"]
    cut = shop.clock - timedelta(days=c["days"]) if c.get("days") else None
    evs = shop.by_user[u]
    buys = [e for e in evs if e["type"] == "purchase"]
    recent = lambda es: [e for e in es if cut is None or e["_ts"] >= cut]  # noqa: E731
    if k == "country":
        return shop.country(u) == c["country"]
    if k == "country_not":
        return shop.country(u) is not None and shop.country(u) != c["country"]
    if k in ("bought_category", "bought_category_within"):
        return any(e["_cat"] == c["category"] for e in recent(buys))
    if k in ("bought_brand", "bought_brand_within"):
        return any(e["_brand"] == c["brand"] for e in recent(buys))
    if k == "bought_product":
        return any(e["_title"] == c["product"] for e in buys)
    if k == "last_purchase_within":
        return bool(recent(buys))
    if k == "last_purchase_more":
        return bool(buys) and max(e["_ts"] for e in buys) < cut
    if k == "last_seen_within":
        return max(e["_ts"] for e in evs) >= cut
    if k == "first_seen":
        first = min(e["_ts"] for e in evs)
        if c["op"] == "within":
            return first >= cut
        d = datetime.strptime(c["date"], "%Y-%m-%d").replace(tzinfo=timezone.utc)
        return {"before": first < d, "after": first >= d + timedelta(days=1), "since": first >= d}[c["op"]]
    if k == "orders":
        return compare(shop.n_orders(u), c["op"], c["value"], c.get("high"))
    if k == "aov":
        n = shop.n_orders(u)
        return n > 0 and compare(round(shop.gross(u) / n, 2), c["op"], c["value"], c.get("high"))
    if k == "net_spend_over":
        return shop.net(u) > c["value"]
    if k == "net_spend_under":
        return shop.net(u) < c["value"] and (not c.get("buyers_only") or bool(buys))
    if k in ("returns_count", "reviews_count", "support_count"):
        t = {"returns_count": "return", "reviews_count": "review", "support_count": "support_message"}[k]
        return compare(sum(1 for e in evs if e["type"] == t), c["op"], c["value"], c.get("high"))
    if k in ("returned", "reviewed"):
        t = "return" if k == "returned" else "review"
        return any(e["type"] == t and e["_cat"] == c["category"] for e in evs)
    if k.startswith("rating_"):
        rs = shop.ratings(u)
        if not rs:
            return False
        x = {"rating_min": min, "rating_max": max, "rating_average": lambda r: sum(r) / len(r),
             "rating_latest": lambda r: r[-1]}[k](rs)
        return compare(x, c["op"], c["value"], c.get("high"))
    if k == "viewed_not_bought":
        seen = any(e["type"] == "view" and e["_cat"] == c["category"] for e in recent(evs))
        return seen and not any(e["_cat"] == c["category"] for e in recent(buys))
    raise ValueError(k)


def answer(shop: Shop, conditions: dict) -> list:
    return sorted(u for u in shop.users() if holds(shop, u, conditions))
