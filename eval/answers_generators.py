"""Which small generator words summaries better: SmolLM2-135M-Instruct (chat) against a base model
used by few-shot completion (Gemma 3 270M ships no chat template). Same drafts, same checker.

    python -m eval.answers_generators --home HOME --gguf /path/gemma-3-270m-q4_k_m.gguf --customers 8 --out R.json

Reports per model: raw faithfulness (model claims the sheet supports), how many summaries fell back
to the draft, tokens/s, and the texts, to read for fluency.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from agent.assistant import ProfileAssistant
from agent.grounding import check
from agent.summaries import draft_summary
from encoders.settings import Settings
from retrieval.home import open_home

# Two made-up notes (no customer of any shop): the pattern a base model continues.
FEW_SHOT = [
    ("C1 is an active customer from Spain with 4 orders and a net spend of 210.50. Most-bought category: kitchen. "
     "Last bought Steel Pan on 2026-03-02.",
     "C1 is an active customer from Spain who has placed 4 orders, spending 210.50 in total, mostly in kitchen; "
     "the latest purchase was Steel Pan on 2026-03-02."),
    ("C2 is a lapsed customer from Canada with 1 order and a net spend of 15.00. Most-bought category: toys & games.",
     "C2, a lapsed customer from Canada, has placed 1 order worth 15.00 in net spend, in toys & games."),
]


def few_shot_prompt(draft: str) -> str:
    shots = "".join(f"Note: {note}\nFriendlier: {friendly}\n\n" for note, friendly in FEW_SHOT)
    return f"{shots}Note: {draft}\nFriendlier:"


def complete(model: Any, tokenizer: Any, prompt: str, max_new_tokens: int) -> tuple[str, int]:
    import torch

    inputs = tokenizer(prompt, return_tensors="pt")
    with torch.inference_mode():
        output = model.generate(**inputs, max_new_tokens=max_new_tokens, do_sample=False)
    new = output[0][inputs["input_ids"].shape[1]:]
    return tokenizer.decode(new, skip_special_tokens=True).split("\n")[0].strip(), len(new)


def measure(assistant: ProfileAssistant, user_ids: list[str], generate: Any) -> dict[str, Any]:
    rows, tokens, seconds, claims, supported = [], 0, 0.0, 0, 0
    for user_id in user_ids:
        sheet = assistant.sheet(user_id)
        draft = draft_summary(sheet)
        started = time.perf_counter()
        text, n_tokens = generate(draft)
        seconds += time.perf_counter() - started
        tokens += n_tokens
        checked = check(text, sheet)
        claims += len(checked.claims)
        supported += sum(c.supported for c in checked.claims)
        kept = {c.entry for s in checked.kept for c in s.claims if c.entry}
        rows.append({"user_id": user_id, "text": text, "kept": checked.text, "fallback": len(kept) < 2})
    return {
        "raw_faithfulness": round(supported / claims, 4) if claims else None,
        "fallbacks": sum(r["fallback"] for r in rows), "customers": len(rows),
        "tokens_per_second": round(tokens / seconds, 2) if seconds else None, "samples": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--gguf", type=Path, required=True, help="The base model's GGUF file.")
    parser.add_argument("--customers", type=int, default=8)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    from agent.llm.local import load_gguf
    from agent.prompts import summary_messages

    settings = Settings(home=args.home, llm_backend="local", show_progress=False)
    assistant = ProfileAssistant(open_home(settings))
    user_ids = assistant.home.log.user_ids()[: args.customers]
    chat = assistant.chat_model

    def smollm(draft: str) -> tuple[str, int]:
        reply = chat.invoke(summary_messages(draft))
        return " ".join(str(reply.content).split()), int((reply.usage_metadata or {}).get("output_tokens", 0))

    loaded = load_gguf(args.gguf)
    report = {
        "smollm2-135m-instruct": measure(assistant, user_ids, smollm),
        "gemma3-270m-base-few-shot": measure(
            assistant, user_ids, lambda d: complete(loaded.model, loaded.tokenizer, few_shot_prompt(d), settings.max_new_tokens)
        ),
    }
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    for name, figures in report.items():
        print(f"{name}: raw faithfulness {figures['raw_faithfulness']}, fallbacks {figures['fallbacks']}/{figures['customers']}, "
              f"{figures['tokens_per_second']} tok/s")


if __name__ == "__main__":
    main()
