"""Second blind marketer set: the leaves over per-customer measures (order / return / review / support counts,
average order value, net spend, ratings), with their thresholds and phrasings; see ``blind2_leaves``."""

from __future__ import annotations

import random

from blind2_leaves import Leaf, World, cmp_is, cmp_money, count_crit, count_mask, count_phrase, money, times


def counts(w: World, rng: random.Random, add) -> None:
    specs = {
        "orders": [("ge", 2), ("ge", 3), ("ge", 5), ("ge", 8), ("ge", 10), ("gt", 4), ("gt", 6), ("eq", 1), ("eq", 0),
                   ("lt", 3), ("le", 2), ("between", 2, 4), ("between", 3, 6)],
        "returns_count": [("ge", 1), ("ge", 2), ("ge", 3), ("gt", 1), ("eq", 1), ("eq", 0), ("le", 1), ("between", 1, 2)],
        "reviews_count": [("ge", 1), ("ge", 2), ("ge", 3), ("ge", 5), ("gt", 2), ("eq", 0), ("eq", 1), ("le", 1), ("between", 2, 4)],
        "support_count": [("ge", 2), ("ge", 3), ("ge", 5), ("gt", 3), ("eq", 0), ("eq", 1), ("le", 1), ("between", 2, 3)],
    }
    series = {"orders": w.orders, "returns_count": w.count["return"], "reviews_count": w.count["review"],
              "support_count": w.count["support_message"]}
    for kind, spec in specs.items():
        s = series[kind]
        for op, v, *hi in spec:
            hi = hi[0] if hi else None
            mask = count_mask(s, op, v, hi)
            cond = {"kind": kind, "op": op, "value": v} | ({"high": hi} if hi is not None else {})
            ph = lambda noun, plural: [count_phrase(op, v, noun, plural, rng, hi) for _ in range(2)]  # noqa: E731
            tm = [times(op, v, rng, hi) for _ in range(2)]
            crit = [count_crit(op, v, lab, hi) for lab in {"orders": ["orders", "# orders"], "returns_count": ["returns", "return count"],
                                                           "reviews_count": ["reviews", "review count"],
                                                           "support_count": ["support messages", "support contacts"]}[kind]]
            if kind == "orders":
                if v == 0:
                    leaf = Leaf(cond, mask, np=["customers who have never ordered", "non-buyers (zero orders)"],
                                vp=["have never placed an order", "have never ordered anything", "have never bought anything at all"],
                                post=["with no orders at all", "who have never ordered"], crit=crit)
                else:
                    leaf = Leaf(cond, mask, vp=[f"have placed {x}" for x in ph("order", "orders")] + [f"ordered {x}" for x in tm],
                                post=[f"with {x}" for x in ph("order", "orders")] + [f"who have placed {ph('order', 'orders')[0]}"],
                                crit=crit, buyer=op in ("ge", "gt", "eq", "between"))
                    if op in ("ge", "gt") and v >= 2:
                        leaf.np = [f"repeat customers with {x}" for x in ph("order", "orders")]
            elif kind == "returns_count":
                if v == 0:
                    leaf = Leaf(cond, mask, vp=["have never returned anything", "have made no returns"],
                                post=["with no returns", "who never sent anything back"], crit=crit)
                elif op == "ge" and v == 1:
                    leaf = Leaf(cond, mask, vp=["have returned something", "made at least one return", "sent something back"],
                                post=["with at least one return", "with a return on record"], crit=crit)
                else:
                    leaf = Leaf(cond, mask, vp=[f"have made {x}" for x in ph("return", "returns")] + [f"returned something {x}" for x in tm],
                                post=[f"with {x}" for x in ph("return", "returns")], crit=crit)
                    if op in ("ge", "gt") and count_mask(w.return_qty, op, v, hi).equals(mask):
                        leaf.vp += [f"returned {x}" for x in ph("item", "items")]
            elif kind == "reviews_count":
                if v == 0:
                    leaf = Leaf(cond, mask, vp=["have never written a review", "never left a review"],
                                post=["with no reviews", "who have never reviewed anything"], crit=crit)
                elif op == "ge" and v == 1:
                    leaf = Leaf(cond, mask, vp=["have written a review", "left at least one review"],
                                post=["with at least one review", "who have reviewed something"], crit=crit)
                else:
                    leaf = Leaf(cond, mask, vp=[f"have written {x}" for x in ph("review", "reviews")] + [f"left {ph('review', 'reviews')[0]}",
                                                                                                       f"posted {ph('review', 'reviews')[1]}"],
                                post=[f"with {x}" for x in ph("review", "reviews")], crit=crit)
            else:
                if v == 0:
                    leaf = Leaf(cond, mask, vp=["have never contacted support", "never messaged customer service"],
                                post=["with no support contact", "who never wrote to support"], crit=crit)
                else:
                    leaf = Leaf(cond, mask, vp=[f"contacted support {x}" for x in tm] + [f"have messaged customer service {tm[0]}",
                                                                                         f"sent {ph('support message', 'support messages')[0]}"],
                                post=[f"with {x}" for x in ph("support message", "support messages")]
                                + [f"who wrote to customer support {tm[1]}"], crit=crit)
            add(leaf)


def money_leaves(w: World, rng: random.Random, add) -> None:
    for op, v, *hi in [("gt", 20), ("gt", 30), ("gt", 50), ("gt", 75), ("gt", 100), ("gt", 150), ("ge", 40), ("ge", 60),
                       ("lt", 20), ("lt", 25), ("lt", 40), ("le", 30), ("between", 30, 80), ("between", 50, 150)]:
        hi = hi[0] if hi else None
        mask = count_mask(w.aov, op, v, hi).fillna(False)
        if op in ("gt", "ge") and not count_mask(w.aov, "gt", v).equals(count_mask(w.aov, "ge", v)):
            continue
        if op in ("lt", "le") and not count_mask(w.aov, "lt", v).equals(count_mask(w.aov, "le", v)):
            continue
        cs = [cmp_money(op, v, rng, hi) for _ in range(3)]
        cis = [cmp_is(op, v, rng, hi) for _ in range(2)]
        net_aov = (w.net / w.orders.where(w.orders > 0)).round(2)
        net_aov_agrees = count_mask(net_aov, op, v, hi).fillna(False).equals(mask)
        sym = {"gt": ">", "ge": "≥", "lt": "<", "le": "≤"}
        crit = [f"AOV {sym[op]} €{v}" if op != "between" else f"AOV €{v}-{hi}",
                f"average order value {cs[0]}"]
        add(Leaf({"kind": "aov", "op": op, "value": v} | ({"high": hi} if hi else {}), mask,
                 vp=[f"have an average order value {c}" for c in cs] + [f"have an AOV {cs[2]}"]
                 + ([f"spend {cis[1]} per order on average"] if net_aov_agrees else []),
                 post=[f"whose average order value is {c}" for c in cis] + [f"with an AOV {cs[2]}",
                                                                                                  f"with average baskets {cs[0]}"],
                 crit=crit, buyer=True))
    for v in (100, 200, 250, 500, 750, 1000, 1500, 2000):
        mask = w.net > v
        if not mask.equals(w.net >= v):
            continue
        spent = (w.gross > v).equals(mask)
        ms = [money(v, rng) for _ in range(4)]
        vp = [f"have a net spend above {ms[0]}", f"spent more than {ms[1]} after returns", f"have spent over {ms[2]} net of returns"]
        if spent:
            vp += [f"have spent more than {ms[3]}", f"spent over {ms[0]} in total"]
        add(Leaf({"kind": "net_spend_over", "value": v}, mask, vp=vp,
                 np=[f"high-value customers (net spend over {ms[1]})"],
                 post=[f"whose net spend exceeds {ms[2]}", f"with lifetime net spend over {ms[3]}", f"with more than {ms[0]} in net revenue"],
                 crit=[f"net spend > {ms[0]}", f"net revenue after returns over {ms[1]}"], buyer=True))
    for v in (20, 30, 50, 75, 100):
        ms = [money(v, rng) for _ in range(4)]
        if not (w.net < v).equals(w.net <= v):
            continue
        add(Leaf({"kind": "net_spend_under", "value": v, "buyers_only": True}, w.buyers & (w.net < v),
                 np=[f"buyers whose net spend is below {ms[0]}", f"customers who have ordered but whose net spend after returns is under {ms[1]}"],
                 vp=[f"have bought from us but have a net spend under {ms[2]}", f"placed orders yet spent less than {ms[3]} net of returns"],
                 post=[f"who have ordered but whose net spend is below {ms[0]}"],
                 crit=[f"buyers with net spend < {ms[1]}", f"has ordered and net spend under {ms[2]}"], buyer=True))
        add(Leaf({"kind": "net_spend_under", "value": v, "buyers_only": False}, w.net < v,
                 vp=[f"have a net spend under {ms[2]} (people who never bought count as zero)",
                     f"have spent less than {ms[3]} net (non-buyers count as zero)"],
                 post=[f"with a net spend below {ms[0]} (including those who have never bought)"],
                 crit=[f"net spend < {ms[1]} (non-buyers included)"], solo=True))


def stars(v: float, rng: random.Random) -> str:
    n = int(v) if float(v).is_integer() else v
    return rng.choice([sv(n), sv(n), f"{n}★"]) if isinstance(n, int) else f"{n} stars"


def sv(v: float) -> str:
    return "1 star" if v == 1 else f"{int(v) if float(v).is_integer() else v} stars"


def ratings(w: World, rng: random.Random, add) -> None:
    for which, spec in {"min": [("le", 1), ("le", 2), ("le", 3), ("ge", 4), ("ge", 5)],
                        "max": [("le", 3), ("le", 4), ("eq", 5), ("ge", 4)],
                        "average": [("lt", 3), ("lt", 2.5), ("ge", 4), ("ge", 4.5), ("gt", 4), ("between", 3, 4)],
                        "latest": [("le", 2), ("eq", 5), ("ge", 4), ("le", 3), ("eq", 1)]}.items():
        s = w.rating[which]
        for op, v, *hi in spec:
            hi = hi[0] if hi else None
            mask = count_mask(s, op, v, hi).fillna(False)
            cond = {"kind": f"rating_{which}", "op": op, "value": v} | ({"high": hi} if hi else {})
            st = stars(v, rng)
            sym = {"gt": ">", "ge": "≥", "lt": "<", "le": "≤", "eq": "="}
            crit = [f"{which} rating {sym[op]} {v}" if op != "between" else f"{which} rating {v}-{hi}"]
            if which == "min":
                if op == "le":
                    vp = [f"have given at least one rating of {st} or lower", f"left a review of {sv(v)} or below at some point"]
                    if v == 1:
                        vp += ["have left a one-star review", "gave a 1-star rating at least once"]
                    post = ([f"whose lowest rating is {sv(v)} or less", f"whose worst review score was {v} or under"] if v > 1
                            else ["whose lowest rating is a single star", "with at least one 1-star review"])
                else:
                    vp = [f"have reviewed and never rated anything below {v} stars", f"rated every product they reviewed {st} or more"]
                    if v == 5:
                        vp = ["gave five stars in every review they wrote", "have only ever left 5-star reviews (and have left some)"]
                    post = [f"whose lowest rating is at least {v} stars", f"whose every review scored {v} or higher"]
                crit += [f"lowest rating {sym[op]} {v}"]
            elif which == "max":
                if op == "le":
                    vp = [f"have reviewed but never given more than {st}", f"have left reviews but never more than {sv(v)}"]
                    post = [f"whose best rating was {v} stars or less", f"whose highest review score is at most {v}"]
                else:
                    vp = (["have given a 5-star review", "left at least one five-star rating", "rated something 5 stars"] if v == 5
                          else [f"have rated something {v} stars or more", f"gave at least one review of {st} or higher"])
                    post = [f"whose highest rating is {v} stars" + (" or more" if op == "ge" else ""),
                            f"with at least one {v}{'+' if op == 'ge' else ''}-star review"]
                crit += [f"highest rating {sym[op]} {v}"]
            elif which == "average":
                c = {"lt": [f"below {v}", f"under {v} stars"], "ge": [f"of at least {v}", f"of {v} stars or more"],
                     "gt": [f"above {v}", f"higher than {v} stars"], "between": [f"between {v} and {hi} stars"]}[op]
                vp = [f"have an average rating {x}" for x in c] + [f"rate products {c[0].replace('of ', '')} on average"]
                post = [f"whose average review score is {c[0].replace('of ', '')}", f"with a mean rating {c[-1]}"]
                crit += [f"avg rating {sym.get(op, '')} {v}" if op != "between" else f"avg rating {v}-{hi}"]
            else:
                if op == "eq":
                    vp = [f"gave {st} in their most recent review", f"left {sv(v)} in their latest review"]
                    post = [f"whose latest review was {st}", f"whose most recent rating is {v}"]
                elif op == "le":
                    vp = [f"gave {v} stars or fewer in their most recent review", f"left {st} or less in their latest review"]
                    post = [f"whose latest review was {v} stars or lower", f"whose last rating was {v} or below"]
                else:
                    vp = [f"gave at least {st} in their most recent review"]
                    post = [f"whose most recent review was {v} stars or better", f"whose latest rating is {v}+"]
                crit += [f"latest rating {sym[op]} {v}"]
            add(Leaf(cond, mask, vp=vp, post=post, crit=crit))
