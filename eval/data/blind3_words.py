"""Third blind marketer set: the surface forms of one leaf in four registers — a relative clause ("who ..."),
its negation, a filter-builder expression, and terse non-native English."""

from __future__ import annotations

import random

import pandas as pd

from blind3_leaves import Leaf
from marketer_reference import ADJ, MONTHS, place

NUM = {0: "zero", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 8: "eight", 10: "ten", 12: "twelve"}


def cat(c: str, rng: random.Random) -> str:
    out = rng.choice([c, c, c.title(), c.replace(" & ", " and ")])
    return out if rng.random() > 0.1 else out.lower()


def num(v: float, rng: random.Random) -> str:
    if float(v).is_integer() and int(v) in NUM and rng.random() < 0.4:
        return NUM[int(v)]
    return f"{v:g}"


def money(v: float, rng: random.Random) -> str:
    return rng.choice([f"{v:g}", f"€{v:g}", f"${v:g}", f"{v:g} EUR", f"£{v:g}", f"{v:,.0f}"])


def span(p: dict, rng: random.Random) -> str:
    n = p["days"]
    opts = [f"the last {n} days", f"the past {n} days", f"the last {n} days"]
    opts += {7: ["the past week", "the last seven days"], 14: ["the last two weeks", "the past fortnight"],
             21: ["the last three weeks"], 42: ["the last six weeks"]}.get(n, [])
    if p.get("month"):
        opts += ["the last month", "the past month"]
    if p.get("quarter"):
        opts += ["the last three months", "the past 3 months"]
    return rng.choice(opts)


def date(d: pd.Timestamp, rng: random.Random) -> str:
    m = MONTHS[d.month - 1]
    return rng.choice([f"{d.day} {m} {d.year}", f"{m} {d.day}, {d.year}", d.strftime("%Y-%m-%d"), f"{m} {d.day}",
                       f"{d.day} {m[:3]} {d.year}"])


def where(c: str, rng: random.Random) -> str:
    return place(c) if rng.random() < 0.85 else c.replace("United Kingdom", "the UK").replace("United States", "the US")


def _count(op: str, v: float, hi: float | None, noun: str, rng: random.Random) -> str:
    n = num(v, rng)
    s = noun if v == 1 else noun + "s"
    ns = noun + "s"
    if op == "ge":
        return rng.choice([f"at least {n} {s}", f"{n} or more {ns}", f"{v:g}+ {ns}"])
    if op == "gt":
        return rng.choice([f"more than {n} {ns}", f"over {n} {ns}"])
    if op == "lt":
        return rng.choice([f"fewer than {n} {ns}", f"less than {n} {ns}"])
    if op == "le":
        return rng.choice([f"at most {n} {s}", f"{n} or fewer {ns}", f"no more than {n} {s}"])
    if op == "eq":
        return rng.choice([f"exactly {n} {s}", f"exactly {n} {s}"])
    return rng.choice([f"between {n} and {num(hi, rng)} {ns}", f"{n} to {num(hi, rng)} {ns}"])


def _stars(op: str, v: float, rng: random.Random) -> str:
    n = f"{v:g}"
    if v == 1 and op in ("le", "eq"):
        return rng.choice(["1 star", "a single star", "just 1 star"])
    return {"ge": rng.choice([f"{n} stars or more", f"at least {n} stars"]), "gt": f"more than {n} stars",
            "le": rng.choice([f"{n} stars or less", f"at most {n} stars"]), "lt": rng.choice([f"below {n} stars", f"under {n} stars"]),
            "eq": rng.choice([f"exactly {n} star{'s' * (v != 1)}", f"{n} star{'s' * (v != 1)}"]) if v != 5
            else rng.choice(["5 stars", "a full 5 stars"])}[op]


def who(leaf: Leaf, rng: random.Random) -> str:  # noqa: PLR0911, PLR0912
    """A relative clause: 'customers who ___'."""
    p, k, ch = leaf.p, leaf.kind, rng.choice
    if k == "country":
        c = p["country"]
        return ch([f"are based in {where(c, rng)}", f"are from {where(c, rng)}", f"order from {where(c, rng)}",
                   f"are {ADJ.get(c, c)} customers", f"live in {where(c, rng)}"])
    if k == "country_not":
        c = where(p["country"], rng)
        return ch([f"have ordered from us but are not based in {c}", f"are buyers outside {c}",
                   f"have made a purchase and aren't in {c}", f"buy from us from outside {c}"])
    if k == "bought_category":
        c = cat(p["category"], rng)
        return ch([f"bought something from {c}", f"have purchased {c} products", f"have ever bought {c}",
                   f"ordered from the {c} category", f"bought {c} items"])
    if k == "bought_brand":
        b = p["brand"]
        return ch([f"bought {b}", f"have purchased anything from {b}", f"bought {b} products", f"ordered {b} at some point"])
    if k == "bought_product":
        t = p["product"]
        return ch([f"bought the {t}", f"purchased \"{t}\"", f"ordered the {t}", f"bought '{t}'"])
    if k in ("bought_category_within", "bought_brand_within"):
        x = cat(p["category"], rng) if "category" in p else p["brand"]
        w = span(p, rng)
        return ch([f"bought {x} in {w}", f"purchased something from {x} in {w}", f"have ordered {x} within {w}"])
    if k == "last_purchase_within":
        w = span(p, rng)
        return ch([f"made a purchase in {w}", f"ordered in {w}", f"have bought something in {w}", f"placed an order in {w}"])
    if k == "last_purchase_more":
        w = span(p, rng)
        return ch([f"have bought before but not in {w}", f"haven't ordered in {w} (but did order before that)",
                   f"last purchased more than {p['days']} days ago", f"are lapsed buyers with no purchase in {w}"])
    if k == "last_seen_within":
        w = span(p, rng)
        visit = [f"visited the site in {w}", f"have been on the site in {w}"] if p["visit_agrees"] else []
        return ch([f"were active in {w}", f"showed any activity in {w}", f"have had any activity in {w}"] + visit)
    if k == "viewed_not_bought":
        c = cat(p["category"], rng)
        if "days" in p:
            w = span(p, rng)
            return ch([f"viewed {c} products in {w} but didn't buy any", f"browsed {c} in {w} without buying"])
        return ch([f"looked at {c} products but never bought any", f"browsed {c} without ever buying from it",
                   f"viewed {c} items but have never purchased {c}"])
    if k == "returned":
        c = cat(p["category"], rng)
        return ch([f"returned a {c} item", f"sent back something from {c}", f"have returned {c} products"])
    if k == "reviewed":
        c = cat(p["category"], rng)
        return ch([f"reviewed a {c} product", f"left a review on something in {c}", f"wrote a review for a {c} item"])
    if k == "orders":
        if p["op"] == "le":
            return ch([f"have placed {_count('le', p['value'], None, 'order', rng)} (people with no orders count too)",
                       f"have {_count('le', p['value'], None, 'order', rng)}, including those who never ordered"])
        if p["op"] == "lt":
            return f"have {_count('lt', p['value'], None, 'order', rng)}, zero included"
        return ch([f"placed {_count(p['op'], p['value'], p['high'], 'order', rng)}",
                   f"have {_count(p['op'], p['value'], p['high'], 'order', rng)}"])
    if k in ("returns_count", "reviews_count", "support_count"):
        if p["op"] == "eq" and p["value"] == 0:
            return {"returns_count": ch(["never returned anything", "have no returns at all"]),
                    "reviews_count": ch(["never wrote a review", "have not left a single review"]),
                    "support_count": ch(["never contacted support", "have never messaged customer service"])}[k]
        noun = {"returns_count": "return", "reviews_count": "review", "support_count": "support message"}[k]
        if k == "support_count" and rng.random() < 0.4:
            return f"contacted support {_count(p['op'], p['value'], None, 'time', rng)}".replace("one time", "once")
        return ch([f"have {_count(p['op'], p['value'], None, noun, rng)}",
                   f"made {_count(p['op'], p['value'], None, noun, rng)}" if k != "support_count"
                   else f"sent {_count(p['op'], p['value'], None, noun, rng)}"])
    if k == "net_spend_over":
        m = money(p["value"], rng)
        if p["gross_agrees"]:
            return ch([f"spent more than {m} in total", f"have a total spend over {m}", f"spent over {m} with us"])
        return ch([f"spent more than {m} after returns", f"have a net spend (purchases minus returns) above {m}"])
    if k == "net_spend_under":
        m = money(p["value"], rng)
        tail = "" if p["gross_agrees"] else ch([" after returns", ", net of returns"])
        return ch([f"have bought something but spent less than {m} in total{tail}",
                   f"are buyers with under {m} total spend{tail}"])
    if k == "aov":
        m = money(p["value"], rng)
        op = {"gt": ch(["above", "over", "higher than"]), "lt": ch(["below", "under", "lower than"]),
              "ge": "of at least"}[p["op"]]
        forms = [f"have an average order value {op} {m}", f"have an AOV {op} {m}"]
        return ch(forms + ([f"spend on average {op.replace('of ', '')} {m} per order"] if p["net_agrees"] else []))
    if k == "first_seen":
        if p["op"] == "within":
            w = span(p, rng)
            return ch([f"are new in {w} (first seen in that time)", f"first showed up in {w}"])
        d = date(p["date"], rng)
        verb = ch(["were first seen", "first showed up", "signed up / first appeared", "joined"])
        if p["op"] == "since" and verb == "joined":
            verb = "first appeared"
        return {"before": f"{verb} before {d}", "after": f"{verb} after {d}", "since": f"{verb} on or after {d}"}[p["op"]]
    if k.startswith("rating_"):
        s = _stars(p["op"], p["value"], rng)
        if k == "rating_average":
            return ch([f"have an average review rating {s.replace('below', 'under')}", f"rate us on average {s}"])
        if k == "rating_latest":
            return ch([f"gave {s} in their most recent review", f"left {s} in their latest review"])
        if k == "rating_min":
            return {"le": f"gave at least one review of {s}", "lt": f"have given at least one rating {s}",
                    "ge": f"have reviewed and never rated anything below {p['value']:g} stars"}[p["op"]]
        return {"ge": f"have given at least one {p['value']:g}-star review", "eq": f"have given at least one {p['value']:g}-star review",
                "le": f"have reviewed but never gave more than {p['value']:g} stars",
                "lt": f"have reviewed but never gave {p['value']:g} stars or more"}[p["op"]]
    raise ValueError(k)


def neg(leaf: Leaf, rng: random.Random) -> str:
    """The negated relative clause (complement over all customers; last_purchase_within only beside a buyer)."""
    p, k, ch = leaf.p, leaf.kind, rng.choice
    if k == "bought_category":
        c = cat(p["category"], rng)
        return ch([f"have never bought anything from {c}", f"never purchased {c}", f"haven't ever bought {c}"])
    if k == "bought_brand":
        return ch([f"have never bought {p['brand']}", f"never purchased anything from {p['brand']}"])
    if k == "bought_product":
        return ch([f"never bought the {p['product']}", f"haven't bought \"{p['product']}\""])
    if k == "returned":
        c = cat(p["category"], rng)
        return ch([f"never returned a {c} item", f"have not sent back anything from {c}"])
    if k == "reviewed":
        c = cat(p["category"], rng)
        return ch([f"never reviewed a {c} product", f"haven't written any review of a {c} item"])
    if k == "last_seen_within":
        w = span(p, rng)
        return ch([f"haven't been active in {w}", f"have had no activity at all in {w}"]
                  + ([f"have not visited in {w}"] if p["visit_agrees"] else []))
    if k == "last_purchase_within":
        w = span(p, rng)
        return ch([f"haven't bought anything in {w}", f"have not ordered in {w}"])
    raise ValueError(k)


def _op(op: str) -> str:
    return {"ge": ">=", "gt": ">", "le": "<=", "lt": "<", "eq": "="}[op]


def bi(leaf: Leaf, rng: random.Random, negate: bool = False) -> str:  # noqa: PLR0911
    """A filter-builder expression."""
    p, k, ch = leaf.p, leaf.kind, rng.choice
    if negate:
        return ch(["NOT ", "not "]) + "(" + bi(leaf, rng) + ")"
    if k == "country":
        return ch([f"country = {p['country']}", f"country is {p['country']}", f"country == '{p['country']}'"])
    if k == "country_not":
        return ch([f"country != {p['country']} (buyers only)", f"has_purchased = true AND country is not {p['country']}"])
    if k == "bought_category":
        return ch([f"purchased_category = {p['category']}", f"bought category is '{p['category']}'"])
    if k == "bought_brand":
        return ch([f"purchased_brand = {p['brand']}", f"bought brand is \"{p['brand']}\""])
    if k == "bought_product":
        return ch([f"purchased_product = \"{p['product']}\"", f"bought product is '{p['product']}'"])
    if k in ("bought_category_within", "bought_brand_within"):
        what = f"category = {p['category']}" if "category" in p else f"brand = {p['brand']}"
        return ch([f"purchase {what} in last {p['days']} days", f"bought {what}, date >= today - {p['days']}d"])
    if k == "last_purchase_within":
        return ch([f"last_purchase_date within last {p['days']} days", f"days_since_last_order <= {p['days']}"])
    if k == "last_purchase_more":
        return ch([f"days_since_last_order > {p['days']} (buyers only)", f"last_purchase_date older than {p['days']} days"])
    if k == "last_seen_within":
        return ch([f"last_active within last {p['days']} days", f"last_seen >= today - {p['days']} days"])
    if k == "viewed_not_bought":
        tail = f" (both in last {p['days']} days)" if "days" in p else ""
        return f"viewed category = {p['category']} AND purchased category != {p['category']}{tail}"
    if k == "returned":
        return ch([f"returned_category = {p['category']}", f"has return in category '{p['category']}'"])
    if k == "reviewed":
        return ch([f"reviewed_category = {p['category']}", f"has review in category '{p['category']}'"])
    if k in ("orders", "returns_count", "reviews_count", "support_count"):
        f = {"orders": ch(["orders", "order_count", "# orders"]), "returns_count": ch(["returns", "return_count"]),
             "reviews_count": ch(["reviews", "review_count"]), "support_count": ch(["support_messages", "support tickets sent"])}[k]
        if p["op"] == "between":
            return f"{f} between {p['value']:g} and {p['high']:g} (inclusive)"
        return f"{f} {_op(p['op'])} {p['value']:g}"
    if k == "net_spend_over":
        return f"{'total_spend' if p['gross_agrees'] else 'net_spend_after_returns'} > {p['value']:g}"
    if k == "net_spend_under":
        return f"orders >= 1 AND {'total_spend' if p['gross_agrees'] else 'net_spend_after_returns'} < {p['value']:g}"
    if k == "aov":
        return f"{ch(['aov', 'avg_order_value'])} {_op(p['op'])} {p['value']:g}"
    if k == "first_seen":
        if p["op"] == "within":
            return f"first_seen within last {p['days']} days"
        d = p["date"].strftime("%Y-%m-%d")
        return {"before": f"first_seen < {d}", "after": f"first_seen > {d} (after that day)", "since": f"first_seen >= {d}"}[p["op"]]
    if k.startswith("rating_"):
        f = {"rating_min": "min_rating", "rating_max": "max_rating", "rating_average": "avg_rating",
             "rating_latest": "latest_rating"}[k]
        return f"{f} {_op(p['op'])} {p['value']:g}"
    raise ValueError(k)


def terse(leaf: Leaf, rng: random.Random) -> str:
    """Terse, non-native English for the leaf (falls back to a trimmed relative clause)."""
    p, k, ch = leaf.p, leaf.kind, rng.choice
    if k == "country":
        return ch([f"from {p['country']}", f"in {p['country']}", f"country {p['country']}"])
    if k == "bought_category":
        return ch([f"buy {p['category']}", f"buyed {p['category']} product", f"purchase {p['category']} before"])
    if k == "bought_brand":
        return ch([f"buy brand {p['brand']}", f"purchase {p['brand']}"])
    if k == "bought_product":
        return ch([f"buy product \"{p['product']}\"", f"purchase '{p['product']}'"])
    if k in ("bought_category_within", "bought_brand_within"):
        x = p.get("category") or f"brand {p['brand']}"
        return ch([f"buy {x} last {p['days']} day", f"purchase {x} in last {p['days']} days"])
    if k == "last_purchase_within":
        return ch([f"buy something last {p['days']} day", f"make order in last {p['days']} days"])
    if k == "orders" and p["op"] in ("ge", "gt", "eq"):
        word = {"ge": "minimum", "gt": "more than", "eq": "exactly"}[p["op"]]
        return f"order {word} {p['value']:g} times"
    if k == "support_count" and p["op"] in ("ge", "gt"):
        return f"contact support {'minimum' if p['op'] == 'ge' else 'more than'} {p['value']:g} times"
    out = who(leaf, rng)
    for lead in ("are ", "were "):
        out = out[len(lead):] if out.startswith(lead) else out
    return out.replace(" the ", " ")


def terse_neg(leaf: Leaf, rng: random.Random) -> str:
    p, k = leaf.p, leaf.kind
    if k == "bought_category":
        return rng.choice([f"never buy {p['category']}", f"not buy {p['category']} ever"])
    if k == "bought_brand":
        return f"never buy {p['brand']}"
    return neg(leaf, rng).replace("have ", "").replace("haven't", "not")
