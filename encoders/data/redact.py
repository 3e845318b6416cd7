"""Contact and payment details in shopper-written text, replaced by placeholders at the door.

Reviews and support messages are data about taste and problems; an email address, a phone number or
a card number in them is personal data no profile, prompt or answer needs. They are redacted when an
event is read, before anything is stored, embedded or shown, so no later step can leak them.

Patterns are deliberately conservative where a miss is cheaper than mangling ordinary text: a phone
number needs a leading ``+``, parentheses or at least two separators, so an order number such as
``#100106`` stays; a card number must pass the Luhn check.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w-])|\+\d{8,15}(?!\d)")
PLACEHOLDERS = {"email": "[email removed]", "card": "[card number removed]", "phone": "[phone removed]"}


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group())
    return PLACEHOLDERS["card"] if 13 <= len(digits) <= 19 and _luhn(digits) else match.group()


def _phone(match: re.Match[str]) -> str:
    text = match.group()
    digits = re.sub(r"\D", "", text)
    separators = len(re.findall(r"[\s.-]", text))
    shaped = text.startswith("+") or "(" in text or separators >= 2
    return PLACEHOLDERS["phone"] if shaped and 9 <= len(digits) <= 15 else text


def redact(text: str) -> str:
    """The text with emails, card numbers and phone numbers replaced by placeholders."""
    text = EMAIL.sub(PLACEHOLDERS["email"], text)
    text = PHONE.sub(_phone, text)
    return CARD.sub(_card, text)
