"""One drawn condition of the blind marketer set: each kind's mask from the shop's facts and its phrasings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from blind_words import COUNTRY, DAY, Leaf, _b, _round, an, brand_words, cat_words, money

if TYPE_CHECKING:
    from blind_world import World


def draw_leaf(world: World, kind: str) -> Leaf | None:  # noqa: PLR0911, PLR0912, PLR0915
    r = world.rng
    cat = r.choice(world.categories)
    brand = r.choice(world.brands)
    cw, bw = cat_words(cat, r), brand_words(brand, r)
    plural_cat = cat in ("books", "pet supplies", "sports & outdoors", "toys & games")
    item = r.choice(["", "", "products"] if plural_cat else ["items", "products", "stuff", "", "things"])
    cat_np = f"{cw} {item}".strip()
    if kind == "country":
        code = r.choice(world.countries)
        places, adjs, codes = COUNTRY[code]
        p, a, c = r.choice(places), r.choice(adjs), r.choice(codes)
        return Leaf(kind, {"country": code}, _b(world.country == code),
                    [f"are based in {p}", f"live in {p}", f"are from {p}", f"shop with us from {p}", f"order from {p}"],
                    [f"from {p}", f"based in {p}", f"in {p}", f"located in {p}"], [a], [],
                    [c, f"{c} only", f"country={c}", a], implies_purchase=True)
    if kind == "country_not":
        code = r.choice(world.countries[:4])
        places, adjs, codes = COUNTRY[code]
        p, a, c = r.choice(places), r.choice(adjs), r.choice(codes)
        mask = world.buyer & (world.country != code)
        return Leaf(kind, {"country": code}, _b(mask),
                    [f"have ordered from outside {p}", f"buy from us from anywhere but {p}", f"have placed orders from outside {p}"],
                    [f"who buy from outside {p}"], [], [],
                    [f"buyers outside {c}", f"non-{c} buyers", f"buyers ex-{c}"], implies_purchase=True)
    if kind == "bought_category":
        mask = world.who(world.rows("purchase", category=cat))
        return Leaf(kind, {"category": cat}, mask,
                    [f"have bought {cat_np}", f"bought something from {cw}", f"have ordered {cat_np}", f"purchased from the {cw} range",
                     f"have {an(cw)} purchase on record"],
                    [f"with {an(cw)} purchase", f"who've bought {cw}"], [], [f"have never bought {cat_np}", f"have never ordered anything from {cw}"],
                    [f"bought {cw}", f"{cw} buyers", f"{cw} purchasers"], [f"no {cw} purchase", f"never bought {cw}"], implies_purchase=True)
    if kind == "bought_brand":
        mask = world.who(world.rows("purchase", brand=brand))
        return Leaf(kind, {"brand": brand}, mask,
                    [f"have bought {bw}", f"bought {bw} products", f"have purchased anything from {bw}", f"ordered {bw}"],
                    [f"with {an(bw)} purchase", f"who bought {bw}"], [], [f"have never bought {bw}", f"have never purchased anything by {bw}"],
                    [f"{bw} buyers", f"bought {bw}"], [f"no {bw} purchase"], implies_purchase=True)
    if kind == "bought_product":
        title = r.choice(world.titles)
        mask = world.who(world.rows("purchase", title=title))
        t = title if r.random() < 0.7 else title.lower()
        return Leaf(kind, {"product": title}, mask,
                    [f"bought the {t}", f"have purchased \"{t}\"", f"have ordered the {t}", f"bought {t}"],
                    [f"who own a {t} from us", f"with \"{t}\" in a past order"], [], [f"have never bought the {t}"],
                    [f"bought \"{t}\"", f"{t} buyers"], [], implies_purchase=True)
    if kind in ("bought_category_within", "bought_brand_within"):
        match = {"category": cat} if kind == "bought_category_within" else {"brand": brand}
        what = cat_np if "category" in match else f"{bw} products"
        short = cw if "category" in match else bw
        got = world.window(lambda cut: world.who(world.rows("purchase", cut, **match)))
        if got is None:
            return None
        d, sd, n, mask, cal = got
        return Leaf(kind, {**match, "days": n, "calendar_agrees": cal}, mask,
                    [f"bought {what} in the last {d}", f"have ordered {what} within the past {d}", f"picked up {what} in the past {d}"],
                    [f"with {an(short)} purchase in the last {d}"], [], [],
                    [f"{short} buyers {sd}", f"bought {short} last {sd}".replace("last last", "last")], [], implies_purchase=True)
    if kind == "last_purchase_within":
        got = world.window(lambda cut: _b(world.last_buy >= cut))
        if got is None:
            return None
        d, sd, n, mask, cal = got
        return Leaf(kind, {"days": n, "calendar_agrees": cal}, mask,
                    [f"bought something in the last {d}", f"have placed an order within the past {d}", f"made a purchase in the past {d}",
                     f"have ordered in the last {d}"],
                    [f"with an order in the last {d}", f"who purchased in the past {d}"], [],
                    [f"haven't bought anything in the last {d}", f"haven't ordered in the past {d}"],
                    [f"purchased in last {sd}".replace("last last", "last"), f"ordered {sd}", f"bought sth {sd}"],
                    [f"no order {sd}", f"nothing bought {sd}"],
                    implies_purchase=True, neg_needs_purchase=True)
    if kind == "last_purchase_more":
        got = world.window(lambda cut: _b(world.buyer & (world.last_buy < cut)), [30, 45, 60, 60, 90])
        if got is None:
            return None
        d, sd, n, mask, cal = got
        dd = d if d[0].isdigit() or " " in d else f"a {d}"
        return Leaf(kind, {"days": n, "calendar_agrees": cal}, mask,
                    [f"last bought something more than {dd} ago", f"placed their last order over {dd} ago",
                     f"made their most recent purchase more than {dd} ago"],
                    [f"whose last order was more than {dd} ago", f"whose latest purchase is over {dd} old"], [], [],
                    [f"last order > {dd} ago", f"last purchase {dd}+ ago"], [], implies_purchase=True)
    if kind == "viewed_not_bought":
        within = r.choice([None, None, 30, 60, 14])
        target = r.choice(["category", "category", "brand"])
        match = {"category": cat} if target == "category" else {"brand": brand}
        name = cw if target == "category" else bw
        cut = None if within is None else world.clock - within * DAY
        views = world.who(world.rows("view", cut, **match))
        mask = views & ~world.who(world.rows("purchase", cut, **match))
        alts = [world.who(world.rows(("view", "cart"), cut, **match)) & ~world.who(world.rows("purchase", cut, **match)),
                views & ~world.who(world.rows("purchase", **match))]
        if within is not None:
            alts += [world.who(world.rows("view", c, **match)) & ~world.who(world.rows("purchase", c, **match))
                     for c in world.cuts([within])]
        if not all(a.equals(mask) for a in alts) or not world.ok(mask):
            return None
        tail = "" if within is None else r.choice([f" in the last {within} days", f" over the past {within} days"])
        return Leaf(kind, {**match, "days": within}, mask,
                    [f"looked at {name}{tail} but never bought any", f"viewed {name} products{tail} without buying",
                     f"browsed {name}{tail} but didn't purchase", f"checked out {name}{tail} and never ordered"],
                    [f"who browsed {name}{tail} without buying"], [], [],
                    [f"viewed {name}{tail}, no purchase", f"{name} browsers{tail} w/o purchase"])
    if kind == "returned":
        scope = r.choice(["any", "category", "any_within"])
        if scope == "category":
            mask = world.who(world.rows("return", category=cat))
            return Leaf(kind, {"category": cat}, mask,
                        [f"returned {cat_np}", f"have sent back something from {cw}", f"have returned {an(cw)} order"],
                        [f"with {an(cw)} return"], [], [f"have never returned {cw}"], [f"{cw} returners", f"returned {cw}"])
        if scope == "any_within":
            got = world.window(lambda cut: world.who(world.rows("return", cut)))
            if got is None:
                return None
            d, sd, n, mask, cal = got
            return Leaf(kind, {"days": n, "calendar_agrees": cal}, mask,
                        [f"returned something in the last {d}", f"have sent something back within the past {d}", f"made a return in the past {d}"],
                        [f"with a return in the last {d}"], [], [f"haven't returned anything in the last {d}"],
                        [f"returned sth {sd}", f"returners {sd}"])
        mask = world.returns >= 1
        return Leaf(kind, {}, mask, ["have returned something", "have sent an item back", "have made a return", "returned an order"],
                    ["with at least one return", "with a return on record"], [],
                    ["have never returned anything", "have never sent anything back"],
                    ["returners", "has returned sth", "1+ returns"], ["no returns", "zero returns"])
    if kind == "reviewed":
        scope = r.choice(["any", "category", "brand"])
        if scope == "any":
            return Leaf(kind, {}, world.reviews >= 1, ["have left a review", "have written at least one review", "reviewed a product"],
                        ["with at least one review"], [], ["have never written a review", "have never left us a review"],
                        ["reviewers", "left a review"], ["no reviews", "never reviewed"])
        match = {"category": cat} if scope == "category" else {"brand": brand}
        name = cw if scope == "category" else bw
        mask = world.who(world.rows("review", **match))
        return Leaf(kind, match, mask, [f"have reviewed {name} products", f"left a review on {an(name)} item", f"wrote a review of something from {name}"],
                    [f"with {an(name)} review"], [], [f"have never reviewed {name}"], [f"reviewed {name}", f"{name} reviewers"])
    if kind == "orders":
        return world.compare_leaf(kind, world.orders, "order", [1, 2, 3, 4, 5, 6, 8, 10, 12], purchase_word=True)
    if kind == "returns_count":
        leaf = world.compare_leaf(kind, world.returns, "return", [2, 3, 4], ops=["ge", "gt"])
        if leaf is None:
            return None
        k = leaf.params["value"]
        units = world.return_units >= k if leaf.params["op"] == "ge" else world.return_units > k
        if units.equals(leaf.mask):  # the item reading agrees: may also say "items"
            leaf.vps.append(f"have returned {'at least ' + str(k) if leaf.params['op'] == 'ge' else 'more than ' + str(k)} items")
        return leaf
    if kind == "reviews_count":
        return world.compare_leaf(kind, world.reviews, "review", [2, 3, 4, 5, 6], ops=["ge", "gt", "ge", "eq", "le"])
    if kind == "support_count":
        return world.compare_leaf(kind, world.support, "support message", [1, 2, 3, 4, 5], ops=["ge", "gt", "ge", "eq"])
    if kind in ("net_spend_over", "net_spend_under"):
        over = kind == "net_spend_over"
        q = r.choice([0.4, 0.6, 0.75, 0.9] if over else [0.2, 0.3, 0.5])
        x = _round(float(world.spend[world.spend > 0].quantile(q)))
        mask = world.spend > x if over else world.spend < x
        if not _b(world.spend >= x if over else world.spend <= x).equals(mask) or not world.ok(mask):
            return None
        gross_ok = (world.gross > x if over else world.gross < x).equals(mask)
        m = money(x, r)
        word = "more than" if over else "less than"
        word2 = r.choice(["over", "above", "more than"]) if over else r.choice(["under", "below", "less than"])
        net_vps = [f"have spent {word2} {m} after returns", f"have a net spend {word2} {m}", f"spent {word} {m} net of refunds"]
        plain = [f"have spent {word2} {m}", f"spent {word} {m} in total", f"have spent {word2} {m} with us"]
        vps = net_vps + (plain if gross_ok else [])
        sym = ">" if over else "<"
        return Leaf(kind, {"value": x, "gross_agrees": gross_ok}, mask, vps,
                    [f"with a net spend {word2} {m}", f"whose spend after returns is {word2} {m}"] + ([f"who've spent {word2} {m}"] if gross_ok else []),
                    [], [], [f"net spend {sym} {m}", f"net {sym}{m}"] + ([f"spend {sym} {m}", f"spent {sym}{m}"] if gross_ok else []),
                    implies_purchase=over)
    if kind == "aov":
        over = r.random() < 0.6
        x = _round(float(world.aov.quantile(r.choice([0.3, 0.5, 0.7, 0.85]))))
        mask = _b(world.aov > x if over else world.aov < x)
        alts = [_b(world.aov >= x if over else world.aov <= x)]
        if not all(a.equals(mask) for a in alts) or not world.ok(mask):
            return None
        m = money(x, r)
        w = r.choice(["above", "over", "more than"]) if over else r.choice(["below", "under", "less than"])
        sym = ">" if over else "<"
        return Leaf(kind, {"op": "gt" if over else "lt", "value": x}, mask,
                    [f"have an average order value {w} {m}", f"spend {w} {m} per order on average", f"have an AOV {w} {m}"],
                    [f"whose average order value is {w} {m}", f"with an average basket {w} {m}", f"with AOV {w} {m}"], [], [],
                    [f"AOV {sym} {m}", f"AOV {sym}{m}", f"avg order {sym} {m}"], implies_purchase=True)
    if kind == "first_seen":
        how = r.choice(["before", "after", "since", "within"])
        if how == "within":
            got = world.window(lambda cut: _b(world.first >= cut), [60, 75, 90, 90, 100, 110])
            if got is None:
                return None
            d, sd, n, mask, cal = got
            return Leaf(kind, {"op": "within", "days": n, "calendar_agrees": cal}, mask,
                        [f"first showed up in the last {d}", f"are new to the shop in the past {d}", f"first visited us within the last {d}"],
                        [f"first seen in the last {d}", f"new in the past {d}"], [], [],
                        [f"new {sd}", f"first seen {sd}"])
        for _ in range(30):
            day = (world.first.dropna().sample(1, random_state=r.randrange(10**6)).iloc[0]).normalize() + r.choice([-1, 1]) * DAY
            if day in world.first_days:  # nobody first seen on D: every reading of before / after / since agrees
                continue
            if how == "before":
                mask = _b(world.first < day)
            elif how == "after":
                mask = _b(world.first >= day + DAY)
            else:
                mask = _b(world.first >= day)
            if world.ok(mask):
                break
        else:
            return None
        dw = world.date_words(day)
        params = {"op": how, "date": day.strftime("%Y-%m-%d")}
        if how == "before":
            return Leaf(kind, params, mask, [f"first visited before {dw}", f"have been around since before {dw}", f"first showed up before {dw}"],
                        [f"first seen before {dw}", f"whose first visit was before {dw}", f"acquired before {dw}"], [], [],
                        [f"first seen < {dw}", f"first seen before {dw}"])
        word = "after" if how == "after" else "since"
        return Leaf(kind, params, mask, [f"first visited {word} {dw}", f"first showed up {word} {dw}", f"are new {word} {dw}"],
                    [f"first seen {word} {dw}", f"whose first visit was {word} {dw}"], [], [],
                    [f"first seen {'>' if how == 'after' else '>='} {dw}", f"new {word} {dw}"])
    if kind == "last_seen_within":
        got = world.window(lambda cut: _b(world.last_any >= cut), [3, 5, 7, 7, 10, 14, 21, 30, 45])
        if got is None:
            return None
        d, sd, n, mask, cal = got
        return Leaf(kind, {"days": n, "calendar_agrees": cal}, mask,
                    [f"have been active in the last {d}", f"visited the site in the past {d}", f"were on the shop within the last {d}"],
                    [f"active in the last {d}", f"seen in the past {d}"], [],
                    [f"haven't been active in the last {d}", f"haven't visited in the past {d}"],
                    [f"active {sd}", f"seen {sd}"], [f"inactive {sd}", f"not seen {sd}"])
    if kind == "rating":
        which = r.choice(["min", "max", "average", "latest"])
        s = world.ref.rating(which)
        if which == "min":
            k = r.choice([1, 2])
            mask, op, vps, mods = _b(s <= k), "le", [f"have ever given a {k}-star review" if k == 1 else f"have ever given {k} stars or fewer",
                                                     f"left a {k}-star review or worse"], [f"whose lowest rating is {k} or below"]
            sh = [f"min rating <= {k}", f"lowest rating {k} or less"]
        elif which == "max":
            k = r.choice([3, 2, 5])
            if k == 5:
                mask, op, vps, mods = _b(s >= 5), "ge", ["have given a 5-star review", "left at least one five-star rating"], ["with a 5-star review"]
                sh = ["gave 5*", "5-star reviewers"]
            else:
                mask, op = _b(s <= k), "le"
                vps = [f"have never rated anything above {k} stars", f"gave {k} stars at most in every review"]
                mods = [f"whose best rating is {k} stars or less", f"whose highest review score is at most {k}"]
                sh = [f"max rating <= {k}", f"best rating {k}* or lower"]
        elif which == "average":
            x = r.choice([2, 2.5, 3, 4, 4.5])
            high = x >= 4
            mask, op = (_b(s >= x), "ge") if high else (_b(s < x), "lt")
            w = "at least" if high else "below"
            vps = [f"have an average rating of {w} {x}", f"give {x} stars or more on average" if high else f"rate us under {x} stars on average"]
            mods = [f"whose average rating is {w} {x}", f"with an average review score {'of ' + str(x) + '+' if high else 'under ' + str(x)}"]
            sh = [f"avg rating {'>=' if high else '<'} {x}", f"avg stars {'>=' if high else '<'} {x}"]
            k = x
        else:
            k = r.choice([1, 2, 3, 5])
            if k == 5:
                mask, op = _b(s >= 5), "ge"
                vps = ["gave five stars in their latest review", "left 5 stars on their most recent review"]
                mods = ["whose latest review is 5 stars", "whose most recent rating was a 5"]
                sh = ["latest rating = 5", "last review 5*"]
            else:
                mask, op = _b(s <= k), "le"
                vps = [f"gave {k} star{'s' if k > 1 else ''} or less in their latest review", f"left {k} star{'s' if k > 1 else ''} or below on their most recent review"]
                mods = [f"whose latest rating is {k} or lower", f"whose most recent review is at most {k} star{'s' if k > 1 else ''}"]
                sh = [f"latest rating <= {k}", f"last review {k}* or less"]
        if not world.ok(mask):
            return None
        return Leaf(f"rating_{which}", {"op": op, "value": k}, mask, vps, mods, [], [], sh)
    raise ValueError(kind)

