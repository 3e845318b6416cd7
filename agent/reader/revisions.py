"""A request revised inside the message before it was sent: what was struck, unticked or withdrawn goes, a value
replaced in a note takes the old one's place. Each edit is applied only where its target can be found; an edit
left in place is caught by ``framing.CORRECTION`` and the reader asks back.

- markup: ``~~kitchen~~ garden`` and ``<s>…</s>`` / ``<del>…</del>`` are struck; a check-list line with an empty
  box (``[ ]``, ``☐``) is not part of the request, a ticked one (``[x]``, ``☑``, ``✅``) is;
- references to a numbered item: "delete item 2", "drop point 3", "remove #2";
- a note right after a clause: "[remove this]", "(drop this one)"; "[correction: 45 days]" / "[should be Germany]"
  becomes the plain correction "…, make that 45 days" that ``framing.corrections`` lines up;
- a part withdrawn by what it says: "scratch the returns part", "forget the bit about France", "drop the review
  condition": the one clause before it that names it goes;
- a value swapped in a later line: "Spain instead of France", "France → Germany", "change France to Spain",
  "item 3 should be at least 4 orders";
- drafts and a choice ("Draft 1: … Draft 2: … go with draft 2"), and a change list under a restated request
  ("removed: reviewed something", "added: live in Germany").
"""

from __future__ import annotations

import re

from agent.reader import regex as rx

_BOX_EMPTY = r"(?:\[\s?\]|☐|□|⬜|❌|✗|✘)"
_BOX_TICKED = r"(?:\[[x✓✔]\]|☑|☒|✅|✓|✔|🗹)"
_ITEM = r"(?:item|point|line|condition|criterion|bullet|row|requirement|no\.?|number|#)"
_WITHDRAW = r"(?:scratch|drop|delete|remove|forget|ignore|strike|cut|lose|skip|kill|nix|bin)"
_PART = r"(?:part|bit|condition|criterion|clause|line|filter|requirement|piece|one|rule|restriction)"
_SEPARATOR = r"(?:\n|[,;.]\s|\s(?:and|but|who|whose|that|with|or|plus)\s)"
_NOTE_DROP = rx.compiled(rf"\s*[\[(]\s*(?:edit\s*:\s*|note\s*:\s*)?(?:please\s+)?{_WITHDRAW}\s+(?:(?:this|that|it)(?:\s+(?:one|part|bit|condition|line))?|"
                         r"the\s+(?:condition|part|bit|line|clause|criterion)\s+(?:just\s+|right\s+|immediately\s+)?(?:before|above|preceding)\s+(?:this|the)\s+(?:note|bracket|comment))"
                         r"\s*[.!]?\s*[\])]")
_NOTE_FIX = rx.compiled(r"\s*[\[(]\s*(?:correction|corrected|typo|fix|edit|update|should\s+(?:be|read|say)|read|i\s+meant|make\s+(?:that|it))"
                       r"\s*[:,-]?\s*(?:(?:should\s+(?:be|read)|read|it'?s|is)\s*:?\s*)?(?P<y>[^\])]+?)\s*[\])]")
_THE_PART = rx.compiled(rf"(?:^|(?<=[\s,.;:—–-]))(?:(?:also|and|oh|actually|ok|okay|sorry|wait|please|pls|then|but)[,!]?\s+)*(?:{_WITHDRAW}|(?:run|do|use|send)\s+(?:it|that|this|them)\s+without)\s+"
                       rf"(?:the|that|this|my)\s+(?:(?P<a>[^\n,;.]{{2,40}}?|[\"“][^\"”\n]{{2,90}}[\"”])\s+{_PART}|{_PART}\s+(?:about|on|with|for|re|regarding)\s+(?P<b>[\"“][^\"”\n]{{2,90}}[\"”]|[^\n,;.]{{2,40}}?))"
                       r"(?:\s+(?:please|pls|entirely|altogether|completely))?\s*(?=[\n,;.!]|$)")
_NUMBERED_EDIT = rx.compiled(rf"(?:^|(?<=[\s,.;:—–-]))(?:edit\s*:\s*|also\s+|and\s+|please\s+)?{_WITHDRAW}\s+{_ITEM}\s*(?P<n>\d{{1,2}})\b\s*[.!]?")
_EDIT_LEAD = (r"(?:(?:edit|correction|change|update|fix)\s+(?:to|on|for)\s+(?:\(?\d{1,2}\)?|item\s*\d{1,2})\s*:\s*|"
              r"(?:on\s+second\s+thoughts?|actually|wait|sorry|hmm|oops)\s*[,:]?\s*|make\s+(?:that|it)\s+|go\s+with\s+|use\s+)*")
_INSTEAD = rx.compiled(r"(?:^|(?<=[\n.;!]))\s*(?:(?:same|ditto|as\s+above|the\s+same)\s+(?:thing\s+|list\s+|request\s+|again\s+)?(?:but|except|only)\s+(?:with\s+)?)?"
                      + _EDIT_LEAD + r"(?P<y>(?:[^\n.;!,]|(?<=\d)[.,](?=\d)){2,40}?)\s+(?:instead\s+of|rather\s+than)\s+(?P<x>(?:[^\n.;!,]|(?<=\d)[.,](?=\d)){2,40}?)\s*(?:please)?\s*(?=[\n;!]|\.(?!\d)|$)")
# "Scratch 4 stars, put 3 stars there instead"
_PUT = rx.compiled(r"(?:^|(?<=[\n.;!]))\s*(?:scratch|drop|forget|cross\s+out|strike)\s+(?P<x>(?:[^\n.;!,]|(?<=\d)[.,](?=\d)){1,40}?)\s*,?\s*(?:and\s+)?(?:put|use|write|make\s+it)\s+"
                   r"(?P<y>(?:[^\n.;!,]|(?<=\d)[.,](?=\d)){1,40}?)\s+(?:there\s+)?instead\s*(?=[\n;!]|\.(?!\d)|$)")
_VALUE = r"(?:[^\n:→>().,;]|(?<=\d)[.,](?=\d))"  # a value's characters: no clause punctuation, but "2.5" and "1,200"
_ARROW = rx.compiled(rf"(?P<x>[a-z0-9]{_VALUE}{{0,40}}?)\s*(?:→|->|=>|⟶)\s*(?P<y>{_VALUE}{{1,40}}?)\s*(?=[\n,;)]|\.(?!\d)|$)")


def revised(text: str) -> str:
    """``text`` (lower case) with every edit it makes to itself applied."""
    text = rx.sub(r"~~[^~\n]*~~|<(s|del|strike)>.*?</\1>", " ", text)
    # a message sent too soon and carried on: "pls send me\noops the list of …" ("oops" opens the rest, it corrects nothing)
    text = rx.sub(r"\n\s*(?:oops|whoops|oh|sorry|argh|ugh)\b[\s,!.:—–-]*(?:(?:i\s+)?(?:hit|pressed|sent|pushed)\s+(?:enter|send|return)"
                  r"(?:\s+too\s+(?:soon|early))?[\s,!.:—–-]*)?(?!\s*(?:i\s+mean|i\s+meant|make\s+(?:that|it)|should|scratch|not\b|wrong|"
                  r"correction|change|instead|replace|no\b|wait\b))", " ", text)
    text = rx.sub(r"\b(make\s+(?:that|it)\s+[^\n,;.]+?)\s+instead\b(?!\s+of)", r"\1", text)  # "… 30 days. make that 60 days instead"
    # "Actually, only the ones who also …" narrows, "actually, also add …" widens: a plain addition, not a correction
    text = rx.sub(r"(?:^|(?<=[.\n!]))(\s*)actually\s*[,:—–-]?\s*(?=(?:only|just)\s+(?:the\s+ones|those|people|customers|ones|keep)\b|"
                  r"(?:also|and|then)\s+(?:add|include|throw\s+in|bring\s+in|keep|limit|restrict|narrow)\b|(?:add|include|limit|restrict|narrow)\b)", r"\1", text)
    text = _ticked(text)
    text = _chosen_draft(text)
    text = _changelog(text)
    text = _numbered(text)
    text = _notes(text)
    text = _withdrawn(text)
    return _swapped(text)


def _ticked(text: str) -> str:
    """A check list with a ticked box counts only its ticked lines (one without any tick is left as it is)."""
    rows = text.split("\n")
    if not any(rx.match(rf"\s*(?:[-*•]\s*)?{_BOX_TICKED}", row) for row in rows):
        return text
    kept = [rx.sub(rf"^\s*(?:[-*•]\s*)?{_BOX_TICKED}\s*", "- ", row) for row in rows if not rx.match(rf"\s*(?:[-*•]\s*)?{_BOX_EMPTY}", row)]
    return "\n".join(kept)


_DRAFT = r"(?:draft|option|version|variant|plan|take|v)"
_CHOICE = rx.compiled(rf"^\s*(?:ok\s*,?\s*|so\s*,?\s*)?(?:let'?s\s+|please\s+|i'?d\s+|we'?ll\s+)?(?:go\s+with|use|run|pick|take|choose|do|prefer|keep|send)\s+"
                      rf"(?:the\s+)?(?:{_DRAFT}\s*)?(?P<pick>[a-d1-4])\b(?:\s+(?:one|version|draft|option))?(?:\s+please)?\s*[.!]?\s*$")


# "Run v2, ignore the other", "Draft 2 is the one I want", "Please use Option A; the other one was my first pass"
_NAMED_CHOICE = rx.compiled(rf"(?:(?:go\s+with|use|run|pick|take|choose|prefer|keep|send|want)\s+(?:the\s+)?{_DRAFT}\s*(?P<pick>[a-d1-4])\b|"
                            rf"\b{_DRAFT}\s*(?P<pick2>[a-d1-4])\s+is\s+(?:the\s+(?:one|right\s+one|final\s+one|version)|what\s+i\s+(?:want|need|meant)|correct|final))")


def _chosen_draft(text: str) -> str:
    """ "Draft 1: … / Draft 2: … / go with draft 2": only the chosen draft is the request."""
    label = rf"(?:{_DRAFT}\s*|\(?)"
    blocks = list(rx.finditer(rf"(?:^|(?<=[\n.;]))\s*{label}(?P<key>[a-d1-4])\s*[:.)]\s*(?P<body>[^\n]*?)(?=(?:[.;]\s*{label}[a-d1-4]\s*[:.)])|\n|$)", text))
    if len(blocks) < 2:
        return text
    outside = text
    for block in reversed(blocks):
        outside = outside[:block.start()] + "\n" + outside[block.end():]
    last_line = outside.strip().split("\n")[-1]
    last_sentence = rx.split(r"(?<=[.!?;])\s+", outside.strip())[-1]
    choice = _CHOICE.search(last_line) or _CHOICE.search(last_sentence) or _NAMED_CHOICE.search(outside)
    if choice is None:
        return text
    pick = choice.group("pick") or choice.groupdict().get("pick2")
    chosen = [b for b in blocks if b.group("key") == pick]
    return chosen[0].group("body").strip(" .;") if len(chosen) == 1 else text


_REMOVED = rx.compiled(r"(?:^|(?<=\n))\s*(?:[-*•]\s*)?(?:removed?|dropped|drop|deleted?|taken\s+out|minus|out)\s*:\s*(?P<x>[^\n]+)")
_ADDED = rx.compiled(r"(?:^|(?<=\n))\s*(?:[-*•]\s*)?(?:added|add|new|plus|also|in)\s*:\s*(?P<y>[^\n]+)")


def _changelog(text: str) -> str:
    """A list of changes to a request restated above it: "removed: X" takes X's clause out, "added: Y" adds Y."""
    if not rx.search(r"(?m)^\s*(?:[-*•]\s*)?(?:removed?|dropped|deleted?|added|add)\s*:", text):
        return text
    added = [m.group("y").strip(" .") for m in _ADDED.finditer(text)]
    removed = [m.group("x").strip(" .") for m in _REMOVED.finditer(text)]
    body = _REMOVED.sub("", _ADDED.sub("", text))
    body = rx.sub(r"(?m)^\s*(?:changes?|edits?|updates?|diff)\s*:?\s*$", "", body)
    for phrase in removed:
        # every word of "reviewed something" in the clause ("something" / "anything" may differ)
        kept = _without_clause(body, _stems(phrase), share=1.0, free=frozenset({"anyth", "somet"}))
        if kept is None:
            return text  # cannot tell which clause goes: left for the question back
        body = kept
    body = body.strip().rstrip(".")
    return " and ".join([body] + added) + "." if added else body + "."


def _numbered(text: str) -> str:
    """ "delete item 2": the line numbered 2 goes, with the instruction."""
    edit = _NUMBERED_EDIT.search(text)
    if edit is None:
        return text
    line = rx.search(rf"(?m)^\s*(?:\(?{edit.group('n')}[.):]|#{edit.group('n')}\b)[^\n]*\n?", text[:edit.start()])
    if line is None:
        return text
    return _numbered(text[:line.start()] + text[line.end():edit.start()] + " " + text[edit.end():])


def _notes(text: str) -> str:
    """ "[remove this]" drops the clause it follows; "[correction: 45 days]" corrects it."""
    if (note := _NOTE_DROP.search(text)) is not None:
        before = text[:note.start()].rstrip(" .;,")
        cut = max((m.end() for m in rx.finditer(r"\n|[.;]\s", before)), default=0)  # a sentence of its own goes whole
        if cut == 0:
            cut = max((m.end() for m in rx.finditer(_SEPARATOR, before)), default=0)
        after = rx.sub(r"^\s*(?:,\s*)?(?:and|or|plus)\b", "", text[note.end():]) if cut > 0 else text[note.end():]
        return _notes(before[:cut].rstrip(" ,;") + " " + after)
    if (fix := _NOTE_FIX.search(text)) is not None:
        value = rx.sub(r"\s*,?\s*\bnot\s+.*$", "", fix.group("y"))  # "[correction: 2 returns, not 1 return]"
        counted = rx.match(r"(\d+(?:\.\d+)?)\s+([a-z]{3,})", value)
        last = list(rx.finditer(r"(\d+(?:\.\d+)?)\s+([a-z]{3,})", text[:fix.start()]))
        if counted and last and last[-1].group(2)[:4] == counted.group(2)[:4] and \
                not rx.match(r"(?:day|week|month|year|star)", counted.group(2)):  # "1 return [correction: 2 returns]"; a window keeps its unit
            value = counted.group(1)
        return _notes(f"{text[:fix.start()]}, make that {value}, {text[fix.end():]}")
    return text


def _stems(words: str) -> set[str]:
    return {w[:5] for w in rx.findall(r"[a-z0-9&]{3,}", words) if w not in ("the", "and", "about", "with", "customers", "people")}


def _without_clause(text: str, said: set[str], share: float, free: frozenset[str] = frozenset()) -> str | None:
    """``text`` without the one clause naming most of ``said`` (at least ``share`` of it; ``free`` words count as named
    anywhere), or ``None`` when no clause, several, or only the request's first clause does: that is a new request."""
    cuts = [0] + [m.start() for m in rx.finditer(_SEPARATOR, text)] + [len(text)]
    overlap = [(len(said & (_stems(text[a:b]) | free)), a, b) for a, b in zip(cuts, cuts[1:])]
    best = max((n for n, _, _ in overlap), default=0)
    clauses = [(a, b) for n, a, b in overlap if n == best]
    if not said or best < share * len(said) or len(clauses) != 1 or clauses[0][0] == 0:
        return None
    start, end = clauses[0]
    return rx.sub(r"(?:\s+(?:and|or|but|who|whose|that|with|plus))+\s*$", "", text[:start]) + text[end:]


def _withdrawn(text: str) -> str:
    """ "scratch the returns part": the clause before it naming most of "returns" (at least half) goes; else left as it is."""
    found = _THE_PART.search(text)
    if found is None:
        return text
    kept = _without_clause(text[:found.start()], _stems(found.group("a") or found.group("b") or ""), share=0.5)
    return text if kept is None else _withdrawn(kept + " " + text[found.end():])


_CHANGE = rx.compiled(r"(?:^|(?<=[\n.;!]))\s*(?:edit\s*:\s*|update\s*:\s*|also\s+|and\s+|please\s+|pls\s+)?(?:change|swap|switch|replace|update)\s+"
                      r"(?P<x>[^\n.;!,]{1,40}?)\s+(?:to|for|with|into|by)\s+(?P<y>[^\n.;!,]{1,40}?)\s*(?:please|pls)?\s*(?=[\n.;!]|$)")


_SHOULD = rx.compiled(r"(?:^|(?<=[\n.;!,(]))\s*(?:(?:except|but|only|and|wait|sorry|oops|correction|edit|update|note|typo|also)\s*[,:]?\s*)*"
                      r"(?P<x>[^\n.;!,()]{1,40}?)\s+should\s+(?:read|be|say|have\s+(?:been|said|read))\s*:?\s+(?P<y>[^\n.;!,()]{1,40}?)\s*(?=[\n.;!,)]|$)")
_WHERE_IT_SAYS = rx.compiled(r"\bwith\s+(?P<y>[^\n.;!,]{1,60}?)\s+(?:where|wherever)\s+it\s+(?:says|said|reads)\s+(?P<x>[^\n.;!,]{1,60}?)\s*(?=[\n.;!,]|$)")


def _swapped(text: str) -> str:
    """ "Spain instead of France", "France → Germany", "change France to Spain" on a later line: the earlier value
    replaced, once."""
    item = rx.search(r"(?:^|(?<=[\n.;!:]))\s*(?:edit\s*:\s*|update\s*:\s*)?(?:change\s+)?(?:item|point|line|condition|no\.?|#)\s*(?P<n>\d{1,2})\s+"
                     r"(?:should\s+(?:be|read|say)|becomes|to|->|→|:)\s*:?\s*(?P<y>[^\n.;!]{2,60}?)\s*(?=[\n.;!]|$)", text)
    if item is not None:
        line = rx.search(rf"(?m)^(\s*\(?{item.group('n')}[.):]\s*)[^\n]*", text[:item.start()])
        if line is not None:
            return _swapped(text[:line.start()] + line.group(1) + item.group("y") + text[line.end():item.start()] + " " + text[item.end():])
    for pattern in (_INSTEAD, _PUT, _ARROW, _CHANGE, _SHOULD, _WHERE_IT_SAYS):
        found = pattern.search(text)
        if found is None:
            continue
        old, new = (found.group(key).strip().strip("\"“”'‘’").strip() for key in ("x", "y"))
        old = rx.sub(r"^(?:[a-z ]+:\s*)", "", old)  # "country: France → Germany"
        before = text[:found.start()]
        places = [m.start() for m in rx.finditer(rf"(?<![\w.]){re.escape(old)}(?![\w])", before)] if old else []
        if len(places) == 1:  # "5 stars" is not inside "2.5 stars"
            at = places[0]
            rest = rx.sub(r"(?:edit|correction|change|update|fix)\s+(?:to|on|for)\s+(?:\(?\d{1,2}\)?|item\s*\d{1,2})\s*:\s*$", "", before[at + len(old):])
            return _swapped(before[:at] + new + rest + " " + text[found.end():])  # "correction on (1): 2.5 → 3.5" leaves no cue
    return text
