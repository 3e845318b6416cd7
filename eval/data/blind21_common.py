"""Blind set 21's shared phrasing: greetings, thanks, one condition row said as a line, and a condition on data the
shop does not hold phrased like a leaf."""

from __future__ import annotations

from blind21_words import GREETINGS, THANKS, UNHELD


class Missing:
    """A condition on data the shop does not hold, phrased like a leaf."""

    neg = False

    def __init__(self, what: str) -> None:
        self.p = UNHELD[what]

    def clause(self, rng):
        return self.p["clause"]

    say = clause

    def row(self, rng):
        return (*self.p["row"], "")

    def kv(self, rng):
        return dict(self.p["kv"])

    def expr(self, rng):
        return self.p["expr"]


def _g(rng):
    return rng.choice(GREETINGS)


def _cap(text: str) -> str:
    """Sentence-initial capital after an empty greeting or one ending in punctuation."""
    return text[:1].upper() + text[1:]


def _t(rng):
    return rng.choice(THANKS)


def _line(r: tuple, rng, paren=True) -> str:
    f, o, v, w = r
    body = " ".join(x for x in (f, o, v) if x)
    if w:
        body += f" ({w})" if paren or rng.random() < 0.5 else f", {w}"
    return body


# ===================================================================================== 1. rule group pasted from an ESP
