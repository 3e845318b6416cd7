"""The batch job: an explainable summary for every customer, written as JSON lines."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from agent.assistant import ProfileAssistant


def summary_record(assistant: ProfileAssistant, user_id: str) -> dict[str, Any]:
    answer = assistant.summarize(user_id)
    return {
        "user_id": user_id,
        "summary": answer.text,
        "citations": [c.__dict__ for c in answer.citations],
        "fallback": answer.fallback,
        "removed": answer.removed,
    }


def summarize_all(
    assistant: ProfileAssistant,
    user_ids: Iterable[str],
    out: Path,
    progress: Callable[[Iterable[str]], Iterable[str]] = iter,
) -> int:
    """Summarise each customer into ``out``. The file is written beside and moved into place at the
    end, so a failed run leaves the previous results untouched. Returns the number written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    written = 0
    with partial.open("w", encoding="utf-8") as sink:
        for user_id in progress(user_ids):
            sink.write(json.dumps(summary_record(assistant, user_id)) + "\n")
            written += 1
    partial.replace(out)
    return written
