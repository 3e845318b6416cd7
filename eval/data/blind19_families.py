"""Request shapes of the NINETEENTH blind marketer set: noisy typing and formats. Requests typed fast into a search
field or chat box, dictated to a phone or spoken to an assistant, pasted as a spreadsheet formula, shouted in capitals,
split by an early Enter: typos, text-speak, symbols, numbers and dates in many formats, fillers and stated
self-corrections, never changing what a colleague would read. Ten structures, each able to carry one condition,
and / or / and-not / not / and-(or), and the declines (data the shop does not hold, as a condition or a column)."""

from __future__ import annotations

import random
import re

import blind19_words as W

FAMILIES = ["search_operators", "phone_runon", "sheet_formula", "textspeak", "caps_urgent", "enter_too_soon",
            "voice_command", "howto_question", "typo_storm", "dotdot_trail"]


class Missing:
    """A condition on (or a column of) data the shop does not hold, worded like a leaf."""

    def __init__(self, what: str, rng: random.Random) -> None:
        spec = W.DECLINE_SPEC[what]
        i = rng.randrange(len(spec["rel"]))
        self.rel, self.tok = spec["rel"][i], spec["tok"][min(i, len(spec["tok"]) - 1)]
        self.field = rng.choice(spec["field"])
        self.neg, self.kind = False, "missing"

    def say(self, rng: random.Random, mode: str = "rel", no_or: bool = False, noise: float = 0.0,
            slip_rate: float = 0.0, fix: bool = False) -> str:
        if mode in ("tok", "fx"):
            return self.tok
        out = self.rel
        if mode == "spoken":
            out = _speak(out)
        elif mode == "sms":
            out = W.sms(out)
        if noise:
            out = W.typo(out, rng, noise)
        return out


def _speak(text: str) -> str:
    """Digits and symbols of a decline phrase as an assistant would hear them."""
    text = re.sub(r"(\d+)k\+", lambda m: "over " + W.words(int(m.group(1))) + " thousand", text)
    text = re.sub(r"(\d+)k\b", lambda m: W.words(int(m.group(1))) + " thousand", text)
    text = re.sub(r"(\d+)-(\d+)", lambda m: W.words(int(m.group(1))) + " to " + W.words(int(m.group(2))), text)
    text = re.sub(r"\+(\d+)", lambda m: "plus " + " ".join(W.words(int(c)) for c in m.group(1)), text)
    text = re.sub(r"\d+", lambda m: W.words(int(m.group(0))), text)
    return text.lower()


# ---- helpers -------------------------------------------------------------------------------------------------

def _c(rng: random.Random, *opts: str) -> str:
    return rng.choice(opts)


def _has(parts: list[str], word: str) -> bool:
    return any(re.search(rf"\b{word}\b", p, re.I) for p in parts)


def _phrases(rng: random.Random, shape: str, leaves: list, mode: str, **kw) -> list[str]:
    no_or = shape in ("or", "and_or")
    return [lf.say(rng, mode, no_or=no_or, **kw) for lf in leaves]


def _body(rng: random.Random, shape: str, p: list[str], *, and_=(" and ",), and3=None, either=("either ",),
          or_=(" or ",), but=(" but ", " and "), also=(" and also ", " and "), comma=(", ",)) -> str:
    """The parts (verb phrases after "who", the negated one already negated) joined for the shape."""
    if shape in ("leaf", "not"):
        return p[0]
    if shape == "and":
        if len(p) == 2:
            return p[0] + rng.choice(and_) + p[1]
        if and3 is not None:
            return and3(p)
        sep = " and " if _has(p, "and") or any("," in x for x in p) else rng.choice(comma)
        return p[0] + sep + p[1] + rng.choice(and_) + p[2]
    if shape == "or":
        return rng.choice(either) + p[0] + rng.choice(or_) + p[1]
    if shape == "and_not":
        joins = [j for j in but if not (j.strip().startswith("but") and _has(p[:1], "but"))] or [" and "]
        return p[0] + rng.choice(joins) + p[1]
    # and_or: first and (second or third)
    return p[0] + rng.choice(also) + rng.choice(either) + p[1] + rng.choice(or_) + p[2]


def _noapos(text: str, rng: random.Random, rate: float) -> str:
    """Apostrophes left out, as in fast typing (haven't -> havent)."""
    return re.sub(r"\b(\w+)'(t|s|m|re|ve|ll|d)\b", lambda m: m.group(1) + m.group(2) if rng.random() < rate else m.group(0), text)


def _double_space(text: str, rng: random.Random) -> str:
    spaces = [m.start() for m in re.finditer(" ", text)]
    if spaces and rng.random() < 0.4:
        i = rng.choice(spaces)
        text = text[:i] + "  " + text[i + 1:]
    return text


# ---- 1: a search-box string with boolean operators, quotes and brackets -----------------------------------------

def _search(rng, shape, leaves, field=None):
    t = [lf.say(rng, "tok", slip_rate=0.25) for lf in leaves]
    AND = _c(rng, " AND ", " AND ", " && ", " and ")
    OR = _c(rng, " OR ", " OR ", " || ", " or ")
    NOT = _c(rng, "NOT ", "NOT ", "-", "not ")

    def neg(x: str) -> str:
        return f"-({x})" if NOT == "-" else f"{NOT}({x})" if " " in x and rng.random() < 0.5 else NOT + x

    if shape == "leaf":
        q = t[0]
    elif shape == "and":
        q = AND.join(t)
    elif shape == "or":
        q = f"({t[0]}{OR}{t[1]})" if rng.random() < 0.6 else f"{t[0]}{OR}{t[1]}"
    elif shape == "and_not":
        q = t[0] + (" " if NOT == "-" else AND) + neg(t[1])
    elif shape == "not":
        q = neg(t[0])
    else:
        q = f"{t[0]}{AND}({t[1]}{OR}{t[2]})"
    head = _c(rng, "customers ", "customers: ", "cust ", "customer search: ", "find customers ", "", "shoppers ",
              "audience ")
    tail = _c(rng, "", "", "", " ", "  ", " ?", " .", "..")
    if field:
        tail = _c(rng, f" | show: id, {field}", f" fields:{field.replace(' ', '_')}", f" +col:{field}")
    return _double_space(head + q + tail, rng)


# ---- 2: a dictated run-on with fillers, spoken punctuation and a clearly stated self-correction ----------------

def _phone(rng, shape, leaves, field=None):
    fix = rng.random() < 0.45
    named = [i for i, lf in enumerate(leaves) if lf.kind in ("country", "country_not", "bought_category",
                                                                  "bought_category_within", "bought_brand",
                                                                  "bought_brand_within", "returned", "reviewed",
                                                                  "viewed_not_bought")]
    who = rng.choice(named) if fix and named else -1
    no_or = shape in ("or", "and_or")
    p = [lf.say(rng, "dict", no_or=no_or, fix=(i == who)) for i, lf in enumerate(leaves)]
    um = lambda: _c(rng, "", "", "um ", "uh ", "like ")  # noqa: E731
    body = _body(rng, shape, p, and_=(" and ", " and also ", " and um "), comma=(" comma ", " and "),
                 either=("either ",), or_=(" or ", " or else "), but=(" but ", " and "),
                 also=(" and also ", " and they also "))
    start = _c(rng, "okay so ", "um so ", "hey so ", "right so ", "so uh ", "okay um ", "hi so ")
    ask = _c(rng, "I need ", "can you pull ", "I'm after ", "could you get me ", "we need ", "I want ")
    who_ = _c(rng, "the customers who ", "all the customers who ", "a list of the customers who ",
              "all the ones who ", "the people who ")
    end = _c(rng, " period", " full stop", " thanks", " thank you period", "", " that's it full stop",
             " that's it thanks")
    if ask.startswith(("can", "could")):
        end = _c(rng, " question mark", " question mark thanks", "", " thanks")
    extra = ""
    if field:
        extra = _c(rng, f" and um I need their {field} as well", f" comma and include their {field}",
                   f" and also give me their {field} in the list")
    return start + um() + ask + who_ + um() + body + extra + end


# ---- 3: a spreadsheet formula ------------------------------------------------------------------------------

def _seps(text: str, sep: str) -> str:
    """", " between formula arguments replaced by ``sep``, leaving quoted names alone."""
    out = re.split(r'("[^"]*")', text)
    return "".join(x if x.startswith('"') else x.replace(", ", sep) for x in out)


def _formula(rng, shape, leaves, field=None):
    a = [lf.say(rng, "fx") for lf in leaves]
    if shape == "leaf":
        x = a[0]
    elif shape == "and":
        x = "AND(" + ", ".join(a) + ")"
    elif shape == "or":
        x = f"OR({a[0]}, {a[1]})"
    elif shape == "and_not":
        x = f"AND({a[0]}, NOT({a[1]}))"
    elif shape == "not":
        x = f"NOT({a[0]})"
    else:
        x = f"AND({a[0]}, OR({a[1]}, {a[2]}))"
    table = _c(rng, "customers", "Customers", "all_customers", "customers")
    if field:
        table = f"{table}[[id],[{field}]]"
    fn = _c(rng, "=FILTER(", "=FILTER(", "=filter(", "=FITLER(", "= FILTER(")
    f = f"{fn}{table}, {x})"
    if fn == "=filter(":
        f = re.sub(r"\b(AND|OR|NOT)\(", lambda m: m.group(1).lower() + "(", f)
    sep = _c(rng, ", ", ", ", ",", "; ")
    f = _seps(f, sep)
    if rng.random() < 0.2:
        f = f[:-1]  # the last bracket left off
    pre = _c(rng, "", "", "basically ", "in sheet terms: ", "can someone run this for me ", "something like ",
             "pls: ", "what i want is ")
    post = _c(rng, "", "", " ← that", " pls", " (sorry, spreadsheet brain)", "  thx", " ^^")
    return pre + f + post


# ---- 4: a text-speak ask to a colleague --------------------------------------------------------------------

def _textspeak(rng, shape, leaves, field=None):
    p = _phrases(rng, shape, leaves, "sms", noise=0.12, slip_rate=0.3)
    amp = not any("&" in x for x in p)
    and_ = (" n ", " & ", " and ") if amp else (" n ", " and ")
    body = _body(rng, shape, p, and_=and_, comma=(", ",), either=("either ", "eithr "), or_=(" or ", " OR "),
                 but=(" but ", " bt "), also=(" n also ", " and also ", " + also "))
    start = _c(rng, "hey ", "hi ", "yo ", "hiya ", "", "morning ")
    ask = _c(rng, "can u pull ", "cn u get me ", "need ", "pls send ", "could u grab ", "u got a list of ")
    aud = _c(rng, "ppl who ", "all ppl who ", "custs who ", "the customers who ", "all the ppl who ")
    end = _c(rng, " pls thx", " thx", " ty", " asap pls", "?? thx", " ta", "")
    if field:
        end = _c(rng, f" + their {field} pls", f" w/ their {field} thx", f" n include their {field}")
    out = start + ask + aud + body + end
    return out.lower() if rng.random() < 0.7 else out


# ---- 5: shouted in capitals ------------------------------------------------------------------------------------

def _caps(rng, shape, leaves, field=None):
    p = _phrases(rng, shape, leaves, "rel", noise=0.08, slip_rate=0.2)
    body = _body(rng, shape, p, and_=(" AND ", " AND ALSO "), comma=(", ",), either=("EITHER ",), or_=(" OR ",),
                 but=(" BUT ", " AND "), also=(" AND ALSO ", " AND "))
    start = _c(rng, "URGENT!! ", "URGENT - ", "HELP!! ", "ASAP!!! ", "", "PLEASE!! ", "NEED THIS TODAY!! ")
    ask = _c(rng, "I NEED ", "GET ME ", "SEND ME ", "PULL ", "NEED ")
    aud = _c(rng, "ALL CUSTOMERS WHO ", "ALL THE PEOPLE WHO ", "THE CUSTOMERS WHO ", "ALL THOSE WHO ")
    end = _c(rng, "!!!", "!!", " ASAP!!", "!!! THANKS", " - ASAP", "!!!!", "?!")
    if field:
        end = _c(rng, f" WITH THEIR {field.upper()}!!", f" + THEIR {field.upper()} ASAP!!")
    return (start + ask + aud + body.upper() + end).upper()


# ---- 6: one sentence broken across two messages by an early Enter ------------------------------------------------

def _enter(rng, shape, leaves, field=None):
    p = _phrases(rng, shape, leaves, "rel", noise=0.06, slip_rate=0.15)
    chunks = [_c(rng, "can you get me", "could you pull", "i need", "pls send me", "would you grab me"),
              _c(rng, "the customers who", "all customers who", "all the people who", "the list of customers who")]
    conn = {"and": [" and ", " and also "], "or": [" or "], "but": [" but ", " and "], "also": [" and also ", " and who "]}
    if shape in ("leaf", "not"):
        chunks.append(p[0])
    elif shape == "and":
        for i, x in enumerate(p):
            if i:
                chunks.append(rng.choice(conn["and"]).strip())
            chunks.append(x)
    elif shape == "or":
        chunks += ["either " + p[0], "or", p[1]]
    elif shape == "and_not":
        j = " and " if _has(p[:1], "but") else rng.choice(conn["but"])
        chunks += [p[0], j.strip(), p[1]]
    else:
        chunks += [p[0], rng.choice(conn["also"]).strip() + " either", p[1], "or", p[2]]
    if field:
        chunks += ["and add their " + field]
    cut = rng.randrange(1, len(chunks))
    first, second = " ".join(chunks[:cut]), " ".join(chunks[cut:])
    glue = _c(rng, "\n", "\n", "\n...", "\nsorry hit enter - ", "\n(pressed enter too soon) ", "\noops ")
    out = first + glue + second + _c(rng, "", "", "?", " thanks", ".", f" for the {W.spelling(rng, 'catalogue')} mailer")
    return out.lower() if rng.random() < 0.5 else out


# ---- 7: a command spoken to an assistant, everything in words ------------------------------------------------

def _voice(rng, shape, leaves, field=None):
    p = _phrases(rng, shape, leaves, "spoken")
    body = _body(rng, shape, p, and_=(" and ", " and also "), comma=(" and ",), either=("either ",), or_=(" or ",),
                 but=(" but ", " and "), also=(" and also ", " and who also "))
    wake = _c(rng, "hey portrait ", "ok portrait ", "portrait ", "hey assistant ", "okay assistant ")
    cmd = _c(rng, "show me ", "find ", "get me ", "pull up ", "list ", "give me ")
    aud = _c(rng, "customers who ", "all the customers that ", "all those who ", "the customers who ")
    end = _c(rng, "", "", " please", " thanks", " thank you")
    if field:
        end = _c(rng, f" and read out their {field}", f" with their {field}")
    return (wake + cmd + aud + body + end).lower()


# ---- 8: a how-do-I question about getting the list ------------------------------------------------------------

def _howto(rng, shape, leaves, field=None):
    p = _phrases(rng, shape, leaves, "rel", noise=0.1, slip_rate=0.2)
    body = _body(rng, shape, p, and_=(" and ", " & also "), comma=(", ",), either=("either ",), or_=(" or ",),
                 but=(" but ", " and "), also=(" and also ", " and "))
    q = _c(rng, "how do i find ", "how do i get ", "how can i see ", "how would i pull ", "hw do i get a list of ",
           "whats the quickest way to find ", "how do I get the list of ")
    aud = _c(rng, "customers who ", "the people who ", "all the people who ", "shoppers that ", "all customers who ")
    end = _c(rng, "??", "?", " ?", "", "? thx", "???", f"? want to {W.spelling(rng, 'analyse')} them",
             f"?? it's for our {W.spelling(rng, 'favourite')} retention report")
    if field:
        end = _c(rng, f" and see their {field}??", f", with their {field}?")
    out = _noapos(q + aud + body + end, rng, 0.6)
    return out.lower() if rng.random() < 0.6 else out


# ---- 9: the group named first, then "that's who I need", typed in a hurry with many slips ---------------------

def _typo_storm(rng, shape, leaves, field=None):
    p = _phrases(rng, shape, leaves, "rel", noise=0.35, slip_rate=0.35)
    body = _body(rng, shape, p, and_=(" and ", " adn ", " and also "), comma=(",", ", ", " ,"),
                 either=("either ", "eithr "), or_=(" or ",), but=(" but ", " btu ", " and "),
                 also=(" and also ", " adn also "))
    aud = _c(rng, "Customers who ", "CUstomers who ", "cusotmers who ", "Peolpe who ", "All teh people who ", "customers taht ")
    tail = _c(rng, " - thats who i need", " - thats the list im after", " = who i need for the campaign",
              " -- tahts the list", ", those are the ones i need", " -> that's my audience")
    if field:
        tail += _c(rng, f", adn i need their {field} too", f" + thier {field}")
    end = _c(rng, "", ".", "..", "!!", " thx", " thnaks")
    return _double_space(_noapos(aud + body + tail + end, rng, 0.5), rng)


# ---- 10: fragments trailing off with double dots ----------------------------------------------------------------

def _dotdot(rng, shape, leaves, field=None):
    p = _phrases(rng, shape, leaves, "rel", noise=0.08, slip_rate=0.2)
    d = _c(rng, ".. ", "... ", ".. ")
    start = _c(rng, "ok so.. ", "so um.. ", "right.. ", "hmm ok.. ", "need a list.. ", "ok.. ")
    aud = _c(rng, "customers who", "people who", "the ones who", "the folks who")
    if shape in ("leaf", "not"):
        body = p[0]
    elif shape == "and":
        body = d.join(p[:-1]) + d + "and " + p[-1]
    elif shape == "or":
        body = "either " + p[0] + d + "or " + p[1]
    elif shape == "and_not":
        j = "and " if _has(p[:1], "but") else _c(rng, "but ", "and ")
        body = p[0] + d + j + p[1]
    else:
        body = p[0] + d + _c(rng, "and also either ", "plus either ", "and either ") + p[1] + d + "or " + p[2]
    end = _c(rng, ".. thats it", "... i think thats all", "..", "...", ".. thx", ".. yeah")
    if field:
        end = d + _c(rng, f"oh and their {field}..", f"plus their {field} pls..")
    out = start + aud + d + body + end
    return out.lower() if rng.random() < 0.6 else out


RENDER = {"search_operators": _search, "phone_runon": _phone, "sheet_formula": _formula, "textspeak": _textspeak,
          "caps_urgent": _caps, "enter_too_soon": _enter, "voice_command": _voice, "howto_question": _howto,
          "typo_storm": _typo_storm, "dotdot_trail": _dotdot}


def render(rng: random.Random, family: str, shape: str, leaves: list) -> str:
    return RENDER[family](rng, shape, leaves)


def decline(rng: random.Random, family: str, beside, what: str, field_ask: bool) -> tuple[str, str]:
    """A request that needs ``what`` (not held): alone, beside an answerable leaf as a condition, or (``field_ask``)
    beside it as a column asked for."""
    miss = Missing(what, rng)
    if field_ask and beside is not None:
        return what, RENDER[family](rng, "leaf", [beside], field=miss.field)
    if beside is None:
        return what, RENDER[family](rng, "leaf", [miss])
    leaves = [beside, miss] if rng.random() < 0.5 else [miss, beside]
    return what, RENDER[family](rng, "and", leaves)
