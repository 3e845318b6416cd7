"""Write an audience question set with expected customers computed by an independent pandas
reference over a shop's own files (never by Portrait's query engine).

    python eval/data/make_audience_questions.py --shop DIR --out eval/data/audience_questions.jsonl
    python eval/data/make_audience_questions.py --online-retail online_retail.csv.gz --out Q.jsonl

Every line: {"id", "kind", "question", "expected_user_ids"} (null = the question must be declined).
The meanings follow retrieval/audience/query.py's documentation, re-implemented here from scratch.
Thresholds come from the data (quantiles rounded to round numbers); phrasings vary per kind.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np
import pandas as pd

DAY = pd.Timedelta(days=1)
WEIGHTS = {"view": 0.3, "search": 0.5, "cart": 0.6, "purchase": 1.0, "review": 0.8}


def read_shop(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    events = pd.read_json(folder / "events.jsonl", lines=True, dtype=False)
    products = pd.read_json(folder / "products.jsonl", lines=True, dtype=False)
    return events, products


def read_online_retail(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    from encoders.data.sources import SourceFormat, load_source  # the reader only, to get the same valid rows

    loaded = load_source(path, SourceFormat.online_retail)
    events = pd.DataFrame([e.model_dump(mode="json") for e in loaded.events])
    products = pd.DataFrame([p.model_dump() for p in loaded.products])
    return events, products


class Reference:
    def __init__(self, events: pd.DataFrame, products: pd.DataFrame) -> None:
        ev = events.copy()
        ev["ts"] = pd.to_datetime(ev["ts"], utc=True, format="ISO8601")
        attrs = ev["attrs"].apply(lambda a: a if isinstance(a, dict) else {})
        ev["order"] = attrs.apply(lambda a: a.get("order_id", a.get("invoice")))
        ev["country"] = attrs.apply(lambda a: a.get("country"))
        for column in ("quantity", "price", "rating"):
            ev[column] = pd.to_numeric(ev.get(column), errors="coerce")
        ev["money"] = ev["quantity"].fillna(1) * ev["price"].fillna(0)
        cat = dict(zip(products["item_id"].astype(str), products["category"].fillna("")))
        brand = dict(zip(products["item_id"].astype(str), products["brand"].fillna("")))
        ev["item_id"] = ev["item_id"].where(ev["item_id"].notna(), None)
        ev["category"] = ev["item_id"].map(lambda i: cat.get(i, "") if isinstance(i, str) else "")
        ev["brand"] = ev["item_id"].map(lambda i: brand.get(i, "") if isinstance(i, str) else "")
        self.ev = ev.sort_values(["user_id", "ts", "event_id"], kind="stable")
        self.products = products
        self.users = sorted(ev["user_id"].unique())
        self.clock = ev["ts"].max()

    def ids(self, mask: pd.Series) -> list[str]:
        return sorted(mask[mask].index)

    def everyone(self, value: bool) -> pd.Series:
        return pd.Series(value, index=self.users)

    def who(self, rows: pd.DataFrame) -> pd.Series:
        return pd.Series(self.users, index=self.users).isin(set(rows["user_id"]))

    def of(self, kind: str | None = None, since_days: int | None = None, **match: str) -> pd.DataFrame:
        rows = self.ev if kind is None else self.ev[self.ev["type"] == kind]
        if since_days is not None:
            rows = rows[rows["ts"] >= self.clock - since_days * DAY]
        for column, value in match.items():
            rows = rows[rows[column] == value]
        return rows

    # --- per-customer values --------------------------------------------------------------------

    def country(self) -> pd.Series:
        def main(rows: pd.DataFrame) -> str | None:
            for subset in (rows[rows["type"] == "purchase"], rows):
                known = subset["country"].dropna()
                known = known[known != ""]
                if len(known):
                    counts = known.value_counts()
                    return sorted(counts[counts == counts.max()].index)[0]
            return None
        return self.ev.groupby("user_id").apply(main, include_groups=False).reindex(self.users)

    def orders(self) -> pd.Series:
        buys = self.of("purchase")
        key = buys["order"].astype(object).where(buys["order"].notna(), buys["ts"].dt.strftime("%Y-%m-%d"))
        return key.groupby(buys["user_id"]).nunique().reindex(self.users).fillna(0)

    def net_spend(self) -> pd.Series:
        signed = np.where(self.ev["type"] == "purchase", self.ev["money"], np.where(self.ev["type"] == "return", -self.ev["money"], 0.0))
        return pd.Series(signed, index=self.ev.index).groupby(self.ev["user_id"]).sum().reindex(self.users).fillna(0).round(2)

    def aov(self) -> pd.Series:
        spent = self.of("purchase").groupby("user_id")["money"].sum().reindex(self.users)
        orders = self.orders()
        return (spent / orders.where(orders > 0)).round(2)

    def count(self, kind: str) -> pd.Series:
        return self.of(kind).groupby("user_id").size().reindex(self.users).fillna(0)

    def rating(self, which: str) -> pd.Series:
        rated = self.ev[self.ev["rating"].notna()].groupby("user_id")["rating"]
        values = {"latest": rated.last(), "min": rated.min(), "max": rated.max()}[which]
        return values.reindex(self.users)

    def newest(self, kind: str | None) -> pd.Series:
        return self.of(kind).groupby("user_id")["ts"].max().reindex(self.users)

    def oldest(self) -> pd.Series:
        return self.ev.groupby("user_id")["ts"].min().reindex(self.users)

    def stage(self) -> pd.Series:
        recency = ((self.clock - self.newest(None)) // DAY).astype(int)
        tenure = ((self.clock - self.oldest()) // DAY).astype(int)
        return pd.Series(np.select([recency > 180, recency > 60, tenure <= 30], ["lapsed", "at risk", "new"], "active"), index=self.users)

    def spend_band(self) -> pd.Series:
        spend = self.net_spend()
        cuts = np.quantile(spend.to_numpy(), [1 / 3, 2 / 3])
        bands = np.array(["low spend", "medium spend", "high spend"])
        return pd.Series(bands[np.searchsorted(cuts, spend.to_numpy(), side="right")], index=self.users)

    def top_category(self) -> pd.Series:
        rows = self.ev[self.ev["type"].isin(list(WEIGHTS)) & (self.ev["category"] != "")]
        best = {}
        for user, group in rows.groupby("user_id"):
            weight: dict[str, float] = {}
            for kind, category in zip(group["type"], group["category"]):
                weight[category] = weight.get(category, 0.0) + WEIGHTS[kind]
            best[user] = sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        return pd.Series(best).reindex(self.users)


def _round(value: float) -> int:
    step = 10 ** max(0, len(str(int(abs(value)))) - 1) if value >= 10 else 1
    return int(max(step, round(value / step) * step))


ALIASES = {"Germany": "Deutschland", "United Kingdom": "the UK", "United States": "the USA", "Netherlands": "Holland",
           "Spain": "España", "France": "Frankreich"}
DECLINE = [
    "What are the email addresses of customers in {country}?",
    "Give me the phone numbers of customers who spent more than {spend}",
    "customers who own a dog",
    "Which customers have an income above 50000?",
    "List the home addresses of customers who returned something",
    "customers older than 40 who bought {category}",
    "female customers in {country}",
    "customers with kids",
    "Show me the names and emails of repeat customers",
    "married customers who ordered in the last 30 days",
    "customers whose salary is over 3000",
    "contact details of customers who never bought {category}",
    "customers who own a car",
    "customers with a birthday in December",
    "which customers are homeowners",
    "customers by religion",
]


def build(ref: Reference, seed: int = 7) -> list[dict[str, object]]:
    rng = random.Random(seed)
    qs: list[tuple[str, str, pd.Series | None]] = []
    add = lambda kind, text, mask: qs.append((kind, text, mask))  # noqa: E731
    not_ = lambda mask: ~mask  # noqa: E731
    countries = ref.country().dropna().value_counts().index.tolist()
    categories = sorted({c for c in ref.products["category"].fillna("") if c})
    brands = ref.of("purchase")["brand"].value_counts()
    brands = [b for b in brands.index if b][:6]
    country = ref.country()
    for c in countries[:4]:
        add("country", rng.choice(["customers in {c}", "How many customers are from {c}?", "shoppers based in {c}"]).format(c=c), country == c)
    for c in countries[:3]:
        add("country alias", f"customers in {ALIASES.get(c, c)}", country == c)
    if len(countries) >= 2:
        add("country or", f"customers from {countries[0]} or {countries[1]}", country.isin(countries[:2]))
        add("country not", f"customers not in {countries[0]}", country.notna() & (country != countries[0]))
    bought_phr = ["customers who bought {x}", "who has purchased {x} items?", "shoppers who ordered something from {x}", "How many customers bought {x}?"]
    for n, cat in enumerate(categories):
        add("bought category", bought_phr[n % len(bought_phr)].format(x=cat), ref.who(ref.of("purchase", category=cat)))
    for n, cat in enumerate(categories[:6]):
        days = [30, 60, 14][n % 3]
        add("bought window", [f"customers who bought {cat} in the last {days} days", f"who purchased {cat} within the past {days} days"][n % 2],
            ref.who(ref.of("purchase", since_days=days, category=cat)))
    for n, cat in enumerate(categories[:6]):
        add("never bought", [f"customers who never bought {cat}", f"customers who have not purchased {cat}", f"shoppers who didn't buy {cat} items"][n % 3],
            not_(ref.who(ref.of("purchase", category=cat))))
    for n, brand in enumerate(brands):
        add("bought brand", [f"customers who bought {brand}", f"customers who purchased from {brand} in the last 60 days"][n % 2],
            ref.who(ref.of("purchase", since_days=None if n % 2 == 0 else 60, brand=brand)))
    for n, cat in enumerate(categories[:7]):
        looked = ref.who(pd.concat([ref.of("view", category=cat), ref.of("cart", category=cat)]))
        add("browsed", [f"customers who viewed {cat} but did not buy", f"shoppers who looked at {cat} without buying",
                        f"customers who browsed {cat} but never purchased"][n % 3], looked & not_(ref.who(ref.of("purchase", category=cat))))
    for n, cat in enumerate(categories[:5]):
        add("returned", [f"customers who returned {cat} items", f"who returned something from {cat}?"][n % 2], ref.who(ref.of("return", category=cat)))
    add("returned", "customers who returned something", ref.who(ref.of("return")))
    add("returned", "customers who never returned anything", not_(ref.who(ref.of("return"))))
    orders = ref.orders()
    for n, k in enumerate([2, 3, 5, 8]):
        add("orders", [f"customers with at least {k} orders", f"customers who placed more than {k} orders", f"shoppers with {k} or more orders",
                       f"customers with fewer than {k} orders"][n], [orders >= k, orders > k, orders >= k, orders < k][n])
    add("orders", "repeat customers", orders >= 2)
    add("orders", "customers who never ordered", orders == 0)
    spend = ref.net_spend()
    for n, q in enumerate([0.25, 0.5, 0.75, 0.9]):
        x = _round(float(spend.quantile(q)))
        add("net spend", [f"customers who spent more than {x}", f"customers with net spend below {x}", f"customers whose total spend is at least €{x:,}",
                          f"customers who have spent over {x} euros"][n], [spend > x, spend < x, spend >= x, spend > x][n])
    lo, hi = _round(float(spend.quantile(0.3))), _round(float(spend.quantile(0.6)))
    add("net spend", f"customers who spent between {lo} and {hi}", (spend >= lo) & (spend <= hi))
    aov = ref.aov()
    for n, q in enumerate([0.5, 0.8]):
        x = _round(float(aov.quantile(q)))
        add("aov", [f"customers with an average order value above {x}", f"customers whose average basket is under {x}"][n], [aov > x, aov < x][n].fillna(False).astype(bool))
    if ref.count("review").sum():
        reviews = ref.count("review")
        add("reviews", "customers who left a review", reviews >= 1)
        add("reviews", "customers who never left a review", reviews == 0)
        add("reviews", "customers who wrote a review", reviews >= 1)
        for which, op, v, text in (("latest", "<", 3, "customers whose latest rating is below 3"), ("min", "<=", 2, "customers whose lowest rating is at most 2"),
                                   ("max", "=", 5, "customers whose highest rating is 5"), ("latest", ">=", 4, "customers whose most recent rating is 4 or more"),
                                   ("min", "<=", 1, "customers who gave a 1-star review")):
            r = ref.rating(which)
            add("rating", text, {"<": r < v, "<=": r <= v, "=": r == v, ">=": r >= v}[op].fillna(False).astype(bool))
        add("reviewed", f"customers who reviewed {categories[0]}", ref.who(ref.of("review", category=categories[0]))) if categories else None
    if ref.count("support_message").sum():
        support = ref.count("support_message")
        add("support", "customers who contacted support more than 2 times", support > 2)
        add("support", "customers with at least 3 support messages", support >= 3)
        add("support", "customers who never contacted support", support == 0)
        add("support", "customers who contacted customer service", support >= 1)
    last_buy, last_any, first = ref.newest("purchase"), ref.newest(None), ref.oldest()
    cut = lambda days: ref.clock - days * DAY  # noqa: E731
    for n, days in enumerate([30, 60, 90]):
        add("no purchase in", [f"customers who haven't ordered in {days} days", f"customers who have not bought anything in the last {days} days",
                               f"shoppers who did not purchase in the past {days} days"][n], not_((last_buy >= cut(days)).fillna(False).astype(bool)))
    for n, days in enumerate([30, 60]):
        add("last purchase ago", [f"customers whose last purchase was more than {days} days ago", f"customers whose last order was over {days} days ago"][n],
            (last_buy < cut(days)).fillna(False).astype(bool))
    for n, days in enumerate([7, 14, 30]):
        add("ordered within", [f"customers who ordered in the last {days} days", f"customers who bought something within the past {days} days",
                               f"customers whose last purchase was in the last {days} days"][n], (last_buy >= cut(days)).fillna(False).astype(bool))
    add("ordered within", "customers who ordered in the last 2 weeks", (last_buy >= cut(14)).fillna(False).astype(bool))
    for n, days in enumerate([30, 60]):
        add("first seen", [f"customers first seen in the last {days} days", f"customers who joined in the past {days} days"][n], first >= cut(days))
    mid = (ref.ev["ts"].min() + (ref.clock - ref.ev["ts"].min()) / 3).normalize()
    add("first seen", f"customers who joined before {mid.date().isoformat()}", first < mid)
    add("first seen", f"customers first seen after {mid.strftime('%-d %B %Y')}", first >= mid + DAY)
    for n, days in enumerate([7, 30]):
        add("last seen", [f"customers active in the last {days} days", f"customers who have not been seen for {days} days"][n],
            [last_any >= cut(days), ~(last_any >= cut(days))][n])
    stage = ref.stage()
    for s in ["active", "at risk", "lapsed", "new"]:
        if (stage == s).any():
            add("stage", {"active": "active customers", "at risk": "at-risk customers", "lapsed": "lapsed customers", "new": "new customers"}[s], stage == s)
    band = ref.spend_band()
    add("spend band", "high spenders", band == "high spend")
    add("spend band", "customers in the low spend band", band == "low spend")
    top = ref.top_category()
    for n, cat in enumerate(categories[:4]):
        add("top category", [f"customers whose top category is {cat}", f"customers whose favourite category is {cat}"][n % 2], top == cat)
    # combinations
    for n, (c, cat, days) in enumerate(zip(countries * 3, categories[::-1][:6], [60, 30, 90, 60, 30, 45])):
        base = (country == c) & ref.who(ref.of("purchase", category=cat))
        add("combo", [f"How many customers in {c} bought {cat} items but haven't ordered in {days} days?",
                      f"customers from {c} who bought {cat} and have not purchased in the last {days} days"][n % 2],
            base & not_((last_buy >= cut(days)).fillna(False).astype(bool)))
    for n, (cat, other) in enumerate(zip(categories[:4], categories[4:8])):
        add("combo not", f"customers who bought {cat} but not {other}", ref.who(ref.of("purchase", category=cat)) & not_(ref.who(ref.of("purchase", category=other))))
    for n, c in enumerate(countries[:3]):
        x = _round(float(spend.quantile(0.6)))
        add("combo", [f"customers in {c} who spent more than {x}", f"{c} customers with at least 3 orders", f"customers in {c} who returned something"][n],
            (country == c) & [spend > x, orders >= 3, ref.who(ref.of("return"))][n])
    for n, (a, b) in enumerate(zip(categories[:3], categories[3:6])):
        add("combo or", f"customers who bought {a} or {b}", ref.who(ref.of("purchase", category=a)) | ref.who(ref.of("purchase", category=b)))
    if brands and countries:
        add("combo", f"customers in {countries[1 % len(countries)]} who bought {brands[0]} in the last 90 days",
            (country == countries[1 % len(countries)]) & ref.who(ref.of("purchase", since_days=90, brand=brands[0])))
    more_phrasings(ref, add, countries, categories, brands, country, orders, spend, aov, last_buy, last_any, cut, stage)
    lines = [{"kind": k, "question": t, "expected_user_ids": ref.ids(m.astype(bool))} for k, t, m in qs]
    fill = {"country": countries[0] if countries else "Germany", "category": categories[0] if categories else "gifts", "spend": 500}
    lines += [{"kind": "decline", "question": t.format(**fill), "expected_user_ids": None} for t in DECLINE]
    return [{"id": f"q{n:03d}", **line} for n, line in enumerate(lines, 1)]


LABEL_KINDS = {"stage", "spend band", "top category"}
ADJECTIVES = {"Germany": "German", "United Kingdom": "British", "United States": "American", "France": "French",
              "Netherlands": "Dutch", "Spain": "Spanish", "Ireland": "Irish", "EIRE": "Irish"}


def more_phrasings(ref, add, countries, categories, brands, country, orders, spend, aov, last_buy, last_any, cut, stage) -> None:  # noqa: ANN001, PLR0913
    """Other ways of asking the same kinds, and more combinations."""
    fill = lambda m: m.fillna(False).astype(bool)  # noqa: E731
    bought = lambda **kw: ref.who(ref.of("purchase", **kw))  # noqa: E731
    if countries:
        c = countries[0]
        add("country", f"Which shoppers live in {c}?", country == c)
        add("country", f"customers located in {countries[-1]}", country == countries[-1])
        add("country not", f"customers outside {c}", country.notna() & (country != c))
        if c in ADJECTIVES:
            add("country adjective", f"{ADJECTIVES[c]} shoppers", country == c)
    if categories:
        a = categories[1 % len(categories)]
        add("bought", f"people who purchased {a} products", bought(category=a))
        add("bought window", f"customers who bought {a} in the past 2 weeks", bought(category=a, since_days=14))
        add("returned window", "customers who returned something in the last 30 days", ref.who(ref.of("return", since_days=30)))
    if brands:
        add("bought brand", f"shoppers who have bought {brands[-1]} products", bought(brand=brands[-1]))
        add("never bought brand", f"customers who never purchased from {brands[0]}", ~bought(brand=brands[0]))
    x = _round(float(spend.quantile(0.7)))
    add("net spend", f"customers with a lifetime value above {x}", spend > x)
    add("net spend", f"customers who spent less than {_round(float(spend.quantile(0.2)))} in total", spend < _round(float(spend.quantile(0.2))))
    add("orders", "customers who ordered at least 3 times", orders >= 3)
    add("orders", "customers with exactly 1 order", orders == 1)
    add("orders", "one-time buyers", orders == 1)
    add("aov", f"customers with an average order value of at least {_round(float(aov.quantile(0.3)))}", fill(aov >= _round(float(aov.quantile(0.3)))))
    if ref.count("support_message").sum():
        support = ref.count("support_message")
        add("support", "customers who reached out to support at least 2 times", support >= 2)
        add("support", "customers with more than 3 support messages", support > 3)
    if ref.count("review").sum():
        reviews = ref.count("review")
        add("reviews", "customers without reviews", reviews == 0)
        add("reviews", "shoppers who have written reviews", reviews >= 1)
    add("last seen", "customers inactive for 60 days", ~(last_any >= cut(60)))
    add("last seen", "customers who haven't visited in 30 days", ~(last_any >= cut(30)))
    add("stage", "customers in the at risk stage", stage == "at risk")
    if countries and categories:
        c, c2 = countries[0], countries[1 % len(countries)]
        x = _round(float(spend.quantile(0.5)))
        add("combo", f"customers in {c} who spent more than {x} and ordered in the last 30 days", (country == c) & (spend > x) & fill(last_buy >= cut(30)))
        add("combo", f"customers in {c} or {c2} who bought {categories[0]}", country.isin([c, c2]) & bought(category=categories[0]))
        if c2 in ADJECTIVES:
            add("combo", f"{ADJECTIVES[c2]} customers who never returned anything", (country == c2) & ~ref.who(ref.of("return")))
        add("combo", "customers with at least 2 orders who haven't ordered in 30 days", (orders >= 2) & ~fill(last_buy >= cut(30)))
        add("combo", f"repeat customers in {c2} who bought {categories[-1]} in the last 60 days", (orders >= 2) & (country == c2) & bought(category=categories[-1], since_days=60))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shop", type=Path, help="folder with products.jsonl and events.jsonl")
    parser.add_argument("--online-retail", type=Path, help="Online Retail CSV(.gz) instead of a shop folder")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--no-labels", action="store_true", help="leave out questions on profile labels (for a home built without profiles)")
    args = parser.parse_args()
    events, products = read_online_retail(args.online_retail) if args.online_retail else read_shop(args.shop)
    lines = build(Reference(events, products))
    if args.no_labels:
        lines = [line for line in lines if line["kind"] not in LABEL_KINDS]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(line) + "\n" for line in lines))
    declined = sum(line["expected_user_ids"] is None for line in lines)
    print(f"{len(lines)} questions ({declined} to decline) -> {args.out}")


if __name__ == "__main__":
    main()
