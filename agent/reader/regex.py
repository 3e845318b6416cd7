"""The reader's regular expressions, each compiled once. The reader applies several hundred patterns to every question,
more than the ``re`` module's own cache holds (512), so through ``re`` directly every question would compile them all
again (most of its time). Same signatures as ``re``'s functions."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

_Pattern = str | re.Pattern[str]


@functools.lru_cache(maxsize=8192)  # the reader's fixed patterns plus the few built from a question's own names
def compiled(pattern: _Pattern, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def sub(pattern: _Pattern, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0, flags: int = 0) -> str:
    return compiled(pattern, flags).sub(repl, string, count)


def search(pattern: _Pattern, string: str, flags: int = 0) -> re.Match[str] | None:
    return compiled(pattern, flags).search(string)


def match(pattern: _Pattern, string: str, flags: int = 0) -> re.Match[str] | None:
    return compiled(pattern, flags).match(string)


def fullmatch(pattern: _Pattern, string: str, flags: int = 0) -> re.Match[str] | None:
    return compiled(pattern, flags).fullmatch(string)


def findall(pattern: _Pattern, string: str, flags: int = 0) -> list[Any]:
    return compiled(pattern, flags).findall(string)


def finditer(pattern: _Pattern, string: str, flags: int = 0) -> Iterator[re.Match[str]]:
    return compiled(pattern, flags).finditer(string)


def split(pattern: _Pattern, string: str, maxsplit: int = 0, flags: int = 0) -> list[str]:
    return compiled(pattern, flags).split(string, maxsplit)
