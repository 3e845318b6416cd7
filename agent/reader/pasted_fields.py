"""The fields, operators and values of a pasted definition ("netSpend greaterThan 150", ``min_orders: 3``,
``{"event": "order placed", "category": "kitchen"}``) as a condition tree whose leaves the reader reads."""

from __future__ import annotations

from typing import Any

from agent.reader import regex as rx
from agent.reader.condition_tree import Node, all_of, any_of, in_words

ALL_WORDS = {"all", "allof", "and", "every", "matchall", "must", "include", "includes", "included", "where", "filter", "filters", "conditions",
        "rules", "criteria", "requirements", "entry", "enter", "when", "if"}
ANY_WORDS = {"any", "anyof", "or", "either", "matchany", "should", "oneof", "atleastone"}
_NONE = {"none", "noneof", "not", "exclude", "excludes", "excluded", "exclusion", "exclusions", "except", "mustnot", "suppress", "suppression",
         "skip", "skipif", "without", "remove", "drop", "never", "nor"}
META_WORDS = {"name", "id", "title", "label", "description", "desc", "segment", "segmentname", "audiencename", "created", "createdat", "updated",
         "updatedat", "owner", "author", "source", "version", "schema", "status", "tags", "type", "kind", "note", "notes", "comment",
         "export", "exportedat", "tool", "platform", "destination", "sync", "refresh", "output", "columns", "fields", "limit", "sort"}
_FIELD_KEYS = ("field", "attribute", "property", "metric", "dimension", "key", "column", "trait", "filter", "subject")
_OP_KEYS = ("op", "operator", "comparison", "comparator", "condition", "match", "relation", "predicate")
_VALUE_KEYS = ("value", "values", "threshold", "target", "amount", "number", "count", "equals")
_WINDOW_KEYS = ("window", "timeframe", "time_frame", "period", "within", "lookback", "in_last", "inlast", "last", "days", "within_days",
                "time_window", "timewindow", "date_range", "range", "over", "during")
_EVENT_KEYS = ("event", "action", "activity", "behaviour", "behavior", "did", "has_done", "hasdone", "what")
OPERATORS = {"eq": "is", "equals": "is", "equal": "is", "is": "is", "=": "is", "==": "is", "exactly": "is",
        "neq": "is not", "ne": "is not", "notequals": "is not", "isnot": "is not", "!=": "is not", "<>": "is not", "doesnotequal": "is not",
        "gt": ">", ">": ">", "greaterthan": ">", "morethan": ">", "above": ">", "over": ">", "isgreaterthan": ">", "ismorethan": ">",
        "gte": ">=", "ge": ">=", ">=": ">=", "atleast": ">=", "min": ">=", "minimum": ">=", "isatleast": ">=", "greaterthanorequal": ">=", "from": ">=",
        "lt": "<", "<": "<", "lessthan": "<", "fewerthan": "<", "below": "<", "under": "<", "islessthan": "<",
        "lte": "<=", "le": "<=", "<=": "<=", "atmost": "<=", "max": "<=", "maximum": "<=", "isatmost": "<=", "lessthanorequal": "<=", "upto": "<=",
        "in": "is", "isin": "is", "isoneof": "is", "oneof": "is", "contains": "is", "includes": "is", "has": "is", "anyof": "is",
        "notin": "is not", "isnotin": "is not", "isnotoneof": "is not", "doesnotcontain": "is not", "notcontains": "is not", "excludes": "is not",
        "noneof": "is not", "between": "between", "isbetween": "between", "range": "between"}
OPERATORS.update({f"{lead}{key}{tail}": said for key, said in list(OPERATORS.items()) for lead in ("", "is") for tail in ("", "to")
                  if key.isalpha() and f"{lead}{key}{tail}" not in OPERATORS})  # "is greater than or equal to", "is equal to"
OPERATORS.update({"greaterthanorequalto": ">=", "isgreaterthanorequalto": ">=", "lessthanorequalto": "<=", "islessthanorequalto": "<=",
                  "equalto": "is", "isequalto": "is", "doesnotcontain": "is not", "isnotequalto": "is not", "notequalto": "is not"})
_COUNTRY_FIELDS = {"country", "countries", "geo", "location", "market", "region", "billingcountry", "shippingcountry", "countrycode", "homecountry"}


def field_key(word: Any) -> str:
    return rx.sub(r"[^a-z0-9<>=!]", "", str(word).lower())


def field_words(word: Any) -> str:
    """A field's name in words: "netSpend", "net_spend", "last-purchase" -> "net spend", "last purchase"."""
    word = rx.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(word))
    return rx.sub(r"[_.\-]+", " ", word).lower().strip()


def window_words(value: Any) -> str:
    if isinstance(value, dict):
        return window_words(next(iter(value.values()), ""))
    said = field_words(value)
    if rx.fullmatch(r"\d+", said):
        return f"in the last {said} days"
    if (span := rx.search(r"\b(?:last|past|previous)\s+\d+\s*[a-z]+", said)) is not None:  # "last 30 days: viewed in the window, …"
        return f"in the {span.group(0)}"
    if rx.search(r"\d", said) and not rx.match(r"(?:in|within|over|during|the|last|past)\b", said):
        return f"in the last {said}"
    return "" if rx.fullmatch(r"(?:all time|any time|at any time|ever|—|-|n/?a|none)?", said.strip()) else said


def _value(value: Any) -> str:
    if isinstance(value, list):
        return " or ".join(_value(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


_VERBS = (("viewed", "viewed"), ("browsed", "viewed"), ("returned", "returned"), ("reviewed", "reviewed"), ("rated", "reviewed"),
          ("purchased", "bought"), ("bought", "bought"), ("ordered", "bought"), ("purchase", "bought"), ("order", "bought"))


def leaf(field: str, op: str, value: Any, window: str = "") -> Node:
    """One condition: "orders >= 2", "in france", "bought kitchen in the last 30 days", not (returned something)."""
    op_said = OPERATORS.get(field_key(op), op)
    field = rx.sub(r"\s+(?:date|at|on|timestamp|time|dt)$", "", _spaced(field))  # "last order date", "first seen at"
    words = field.split()
    negative = op_said == "is not"
    timed = TIMED_OPERATORS.get(field_key(op))
    if timed is not None and not isinstance(value, (list, dict, bool)):  # "last_order_date more_than_days_ago 45"
        what = "last purchase" if rx.search(r"\b(?:order|purchase|bought)", field) else field
        return ("leaf", timed.format(what=what, value=_value(value)))
    if isinstance(value, bool) or field_key(value) in ("true", "false", "yes", "no"):
        positive = (value is True or field_key(value) in ("true", "yes")) != negative
        verb = next((v for cue, v in _VERBS if cue in words), None)
        node = ("leaf", f"{verb} something {window}".strip() if verb else f"{field} {window}".strip())
        return node if positive else ("not", node)
    if field_key(field) in _COUNTRY_FIELDS or "country" in words:
        return ("leaf", f"{'outside' if negative else 'in'} {_value(value)}")
    verb = next((v for cue, v in _VERBS if cue in words), None)
    named = set(words) & {"category", "brand", "product", "item", "sku", "title", "name"} or verb and len(words) <= 2 and op_said in ("is", "is not")
    if verb and named and op_said in ("is", "is not") and not rx.fullmatch(r"[\d.]+", _value(value)):
        node = ("leaf", f"{verb} {_value(value)} {window}".strip() if verb != "viewed" or "not" not in words
                else f"viewed {_value(value)} {window} without buying".strip())
        return ("not", node) if negative else node
    if rx.search(r"\bdays?\s+(?:ago|since)\b|\bdays\s+since\b|\bsince\b.*\bdays\b|\bdays\b.*\bsince\b|\brecency\b", field):
        what = rx.sub(r"\b(?:days?|ago|since|recency)\b", " ", field).split()
        what = " ".join(w for w in what if w not in ("the", "number", "of")) or "last purchase"
        number = _value(value)
        if op_said in (">", ">="):
            return ("leaf", f"{what} more than {number} days ago")
        if op_said in ("<", "<="):
            return ("leaf", f"{what} within the last {number} days")
    if op_said == "between" and isinstance(value, list) and len(value) == 2:
        return ("leaf", f"{field} between {value[0]} and {value[1]} {window}".strip())
    if op_said in ("is", "is not") and not rx.fullmatch(r"[\d.]+", _value(value)):
        node = ("leaf", f"{field} is {_value(value)} {window}".strip())
        return ("not", node) if negative else node
    if negative:
        return ("not", ("leaf", f"{field} = {_value(value)} {window}".strip()))
    return ("leaf", f"{field} {'=' if op_said == 'is' else op_said} {_value(value)} {window}".strip())


TIMED_OPERATORS = {"morethandaysago": "{what} more than {value} days ago", "olderthandays": "{what} more than {value} days ago",
              "daysagomorethan": "{what} more than {value} days ago", "notinlastdays": "{what} more than {value} days ago",
              "inlastdays": "{what} within the last {value} days", "withinlastdays": "{what} within the last {value} days",
              "inthelastdays": "{what} within the last {value} days", "withindays": "{what} within the last {value} days",
              "inlast": "{what} within the last {value} days", "withinlast": "{what} within the last {value} days",
              "lessthandaysago": "{what} within the last {value} days", "after": "{what} after {value}", "isafter": "{what} after {value}",
              "before": "{what} before {value}", "isbefore": "{what} before {value}", "onorafter": "{what} since {value}",
              "since": "{what} since {value}", "onorbefore": "{what} on or before {value}"}
"""Operators that compare a time: the field is when something happened."""

_ABBREVIATIONS = {"avg", "aov", "num", "qty", "cnt", "msgs", "msg", "nps", "ltv", "clv", "cs", "sku", "id"}


def _spaced(field: str) -> str:
    """A field's words when they were typed glued together ("totalorders", "lastpurchasedaysago"): the split into the
    fewest English words, where one exists; otherwise the field as it is."""
    from agent.reader.names import english_words
    lexicon = english_words() | _ABBREVIATIONS
    out = []
    for word in field.split():
        if word in lexicon or len(word) < 6 or not word.isalpha():
            out.append(word)
            continue
        best: list[list[str] | None] = [[]] + [None] * len(word)
        for end in range(1, len(word) + 1):
            for start in range(max(0, end - 14), end):
                piece = word[start:end]
                if best[start] is not None and (piece in lexicon and (len(piece) > 1 or piece == "a")) and \
                        (best[end] is None or len(best[start]) + 1 < len(best[end])):
                    best[end] = best[start] + [piece]
        out.append(" ".join(best[-1]) if best[-1] else word)
    return " ".join(out)


def tree_of(tree: Any, joint: str = "and") -> Node | None:
    """A parsed definition as a condition tree."""
    if isinstance(tree, list):
        parts = [tree_of(item) for item in tree]
        return any_of(parts) if joint == "or" else all_of(parts)
    if not isinstance(tree, dict):
        return ("leaf", field_words(tree)) if tree not in (None, "") else None
    keys = {field_key(k): k for k in tree}
    field = next((tree[keys[k]] for k in map(field_key, _FIELD_KEYS) if k in keys and not isinstance(tree[keys[k]], (dict, list))), None)
    event = next((tree[keys[k]] for k in map(field_key, _EVENT_KEYS) if k in keys and isinstance(tree[keys[k]], str)), None)
    window = next((window_words(tree[keys[k]]) for k in keys if is_window(k)), "")
    op = next((tree[keys[k]] for k in map(field_key, _OP_KEYS) if k in keys and isinstance(tree[keys[k]], str)), None)
    if field is not None and (op is not None or any(field_key(k) in keys for k in _VALUE_KEYS)):
        value = next((tree[keys[k]] for k in map(field_key, _VALUE_KEYS) if k in keys), True)
        if "min" in keys and "max" in keys:  # "op": "between", "min": 15, "max": 40
            value, op = [tree[keys["min"]], tree[keys["max"]]], "between"
        node = leaf(field_words(field), op or "is", value, window)
        zero = next((tree[keys[k]] for k in keys if rx.search(r"without(?:any)?orders|nonbuyers|noorders|zero|nopurchases", k)), None)
        if zero is not None and node[0] == "leaf":  # "includeCustomersWithoutOrders": non-buyers count, at zero, or not
            said = field_key(zero) in ("true", "yes", "1")
            node = ("leaf", f"{node[1]} ({'including those who have spent nothing' if said else 'who bought something'})")
        return node
    if event is not None:
        return _event(tree, keys, field_words(event), window)
    logic = next((field_key(tree[keys[k]]) for k in ("logic", "combinator", "match", "matchtype", "operator", "op", "type", "mode") if k in keys
                  and isinstance(tree[keys[k]], str) and field_key(tree[keys[k]]) in ALL_WORDS | ANY_WORDS), None)
    parts: list[Node | None] = []
    excluded: list[Node | None] = []
    for key, item in tree.items():
        bare = field_key(key)
        if bare in META_WORDS or bare in ("logic", "combinator", "match", "matchtype", "mode") or (bare in ("operator", "op", "type") and logic):
            continue
        group = group_kind(bare)
        if group == "none":
            excluded += [tree_of(i) for i in _items(item)]
        elif group == "any":
            parts.append(any_of([tree_of(i) for i in _items(item)]))
        elif bare in _NONE:
            excluded += [tree_of(i) for i in _items(item)]
        elif group == "all" or isinstance(item, (dict, list)) and bare in ("audience", "segment", "definition", "query", "group", "groups", "root"):
            parts.append(tree_of(item, "or" if logic in ANY_WORDS else "and"))
        elif isinstance(item, dict) and not any(field_key(k) in map(field_key, _FIELD_KEYS) or group_kind(k) for k in item) \
                and all(not isinstance(v, (dict, list)) for v in item.values()):  # "orders": {"gte": 2, "lte": 5}
            parts.append(all_of([leaf(field_words(key), op, value, window) for op, value in item.items() if not is_window(field_key(op))]))
        elif not isinstance(item, (dict, list)) or isinstance(item, list) and all(not isinstance(i, (dict, list)) for i in item):
            parts.append(key_value(field_words(key), item))
        else:
            parts.append(tree_of(item))
    combined = any_of(parts) if logic in ANY_WORDS else all_of(parts)
    return all_of([combined] + [("not", e) for e in excluded if e is not None])


def is_window(key: str) -> bool:
    """A key holding the time a condition looks back over: "lookback_days", "withinDays", "timeframe", "in_last"."""
    key = field_key(key)
    return key in map(field_key, _WINDOW_KEYS) or rx.search(r"lookback|within|window|timeframe|period|inlast|days$", key) is not None


def group_kind(key: str) -> str | None:
    """How a key groups what it holds: "exclude_if_any", "match_none" -> none; "match_any", "anyOf" -> any;
    "require_all", "match_all", "include" -> all."""
    key = field_key(key)
    if key in _NONE or rx.search(r"exclud|none|suppress|mustnot", key):
        return "none"
    if key in ANY_WORDS or rx.search(r"any|either|oneof", key):
        return "any"
    if key in ALL_WORDS or rx.search(r"all|requir|includ|must|every", key):
        return "all"
    return None


def _items(item: Any) -> list[Any]:
    return item if isinstance(item, list) else [item]


def key_value(key: str, value: Any) -> Node:
    """``min_orders: 3``, ``orders_gte: 2``, ``country: france``, ``returned: true``: a bound or a value said with its field."""
    words = key.split()
    for i, word in enumerate(words):
        op = OPERATORS.get(field_key(word))
        if op is not None and op not in ("is",) and len(words) > 1:
            return leaf(" ".join(words[:i] + words[i + 1:]), op, value)
    return leaf(key, "is", value)


def _event(tree: dict[str, Any], keys: dict[str, str], event: str, window: str) -> Node:
    """``{"event": "order placed", "category": "kitchen", "within_days": 30}``: the act, on what, when."""
    verb = next((v for cue, v in (("not purch", "viewed"), ("without", "viewed"), ("view", "viewed"), ("brows", "viewed"), ("return", "returned"),
                                  ("review", "reviewed"), ("rat", "reviewed"), ("purch", "bought"), ("order", "bought"), ("buy", "bought"),
                                  ("bought", "bought")) if cue in event), event)
    what = next((_value(tree[keys[k]]) for k in ("category", "brand", "product", "item", "sku", "name", "object") if k in keys), "something")
    node: Node = ("leaf", f"{verb} {what} {window}".strip())
    if verb == "viewed" and ("not" in event or "without" in event):
        node = ("leaf", f"viewed {what} {window} without buying".strip())
    count = next((tree[keys[k]] for k in ("count", "times", "frequency", "occurrences") if k in keys), None)
    if count is not None:  # "bought … at least 2 times" is a count of orders only where nothing narrows it; else said as asked
        bounds = count if isinstance(count, dict) else {">=": count}
        noun = {"bought": "orders", "returned": "returns", "reviewed": "reviews"}.get(verb)
        if noun and what == "something" and not window:
            return all_of([leaf(noun, op, n) for op, n in bounds.items()])
        return ("leaf", f"{in_words(node)} " + " and ".join(f"{OPERATORS.get(field_key(op), op)} {n} times" for op, n in bounds.items()))
    negated = any(field_key(tree[keys[k]]) in ("false", "no", "never", "0") for k in ("happened", "done", "did", "exists", "occurred") if k in keys)
    return ("not", node) if negated else node


def listed(value: str) -> Any:
    return value.split(",") if "," in value and not rx.search(r"\d,\d", value) else value
