"""`portrait eval answers`: staff questions answered and scored, chat latency, claim rates, batch throughput."""

from __future__ import annotations

import json
import platform
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.progress import Progress

COMMAND = "answers"
console = Console()


def answers(
    shop: Annotated[Path, typer.Option(help="Shop folder with products.jsonl and events.jsonl (the layout generate-demo writes).")],
    questions: Annotated[Path, typer.Option(help="JSONL of {id, user_id, question, expected?}; expected null = outside the data.")],
    out: Annotated[Path, typer.Option(help="JSON report path.")],
    llm: Annotated[Optional[str], typer.Option("--llm", help="local or openai (default: from settings).")] = None,
    summaries: Annotated[int, typer.Option(help="Customers summarised for the claim rates and the batch throughput.")] = 16,
    compare_local: Annotated[bool, typer.Option(help="With --llm openai, also time the in-process batch on the same customers.")] = False,
    home: Annotated[Optional[Path], typer.Option(help="Folder for the fresh home (default: a temporary one).")] = None,
) -> None:
    """Build a fresh home from --shop, answer every question, score it, and measure the batch."""
    from eval.answers import load_questions

    rows = load_questions(questions)
    with tempfile.TemporaryDirectory(prefix="portrait-answers-") as scratch:
        folder = home or Path(scratch) / "home"
        report, details = _evaluate(shop, rows, folder, llm, summaries, compare_local)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    side = out.with_name(out.stem + ".details.json")
    side.write_text(json.dumps(details, indent=2, ensure_ascii=False), encoding="utf-8")
    _print(report, details)
    console.print(f"report: {out}; details: {side}")


def _evaluate(shop: Path, rows: list[dict[str, Any]], folder: Path, llm: str | None, n_summaries: int,
              compare_local: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    from agent.assistant import ProfileAssistant
    from eval.answers import answer_all, build_home, claim_rates, outcomes, percentile, score, sweep
    from encoders.settings import Settings
    from retrieval.home import open_home

    settings = Settings(home=folder, show_progress=False)
    if llm is not None:
        settings = settings.model_copy(update={"llm_backend": llm})
    started = time.perf_counter()
    with console.status("building a fresh home from the shop ..."):
        if not settings.event_db.exists():  # --home of an earlier run of the same shop is reused
            build_home(shop, settings)
    build_seconds = time.perf_counter() - started
    with open_home(settings) as opened, Progress(console=console, disable=not console.is_terminal) as bar:
        assistant = ProfileAssistant(opened)
        task = bar.add_task("questions", total=len(rows))
        answers_out = answer_all(assistant, rows, lambda: bar.advance(task))
        user_ids = opened.log.user_ids()[:n_summaries]
        mode, phrasing = assistant.mode, assistant.phrases_answers
    accuracy, per_kind = score(rows, answers_out)
    batch, records = _batch(settings, user_ids, folder / "reports" / "summaries.jsonl")
    supported, raw = claim_rates(records)
    seconds = [a["seconds"] for a in answers_out]
    report = {
        "answers": answers_out, "answer_accuracy": round(accuracy, 4) if accuracy is not None else None,
        "outcomes": outcomes(rows, answers_out, "split"),
        "threshold_sweep": {split: sweep(rows, answers_out, split) for split in sorted({str(r.get("split", "all")) for r in rows})},
        "chat_p50_seconds": percentile(seconds, 50), "chat_p95_seconds": percentile(seconds, 95),
        "supported_claim_rate": supported, "raw_supported_claim_rate": raw,
        "batch_customers_per_minute": round(batch.per_minute, 2),
    }
    follow_ups = [(q, a) for q, a in zip(rows, answers_out) if q.get("history")]
    report["follow_up_accuracy"] = outcomes([q for q, _ in follow_ups], [a for _, a in follow_ups]).get("all", {}).get("right")
    details: dict[str, Any] = {
        "machine": platform.platform(), "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "llm_backend": settings.resolved_llm_backend, "model": records[0]["model"] if records else None,
        "agent_mode": mode, "model_phrases_answers": phrasing, "questions": len(rows),
        "scored": sum("expected" in r for r in rows), "accuracy_by_kind": per_kind, "build_seconds": round(build_seconds, 1),
        "batch": {settings.resolved_llm_backend: _batch_figures(batch, settings)},
        "summaries_fallback": sum(r["fallback"] for r in records), "summaries": len(records),
        "wrong": [{"id": q["id"], "question": q["question"], "expected": q.get("expected"), "answer": a["answer"]}
                  | {"outcome": _verdict(a, q), "history": q.get("history"), "split": q.get("split")}
                  for q, a in zip(rows, answers_out) if "expected" in q and _verdict(a, q) != "right"],
    }
    if compare_local and settings.resolved_llm_backend == "openai":
        local = settings.model_copy(update={"llm_backend": "local"})
        local_batch, _ = _batch(local, user_ids, folder / "reports" / "summaries-local.jsonl")
        details["batch"]["local"] = _batch_figures(local_batch, local)
    return report, details


def _verdict(answer: dict[str, Any], question: dict[str, Any]) -> str:
    from eval.answers import judge

    return judge(question, answer)


def _batch(settings: Any, user_ids: list[str], out: Path) -> tuple[Any, list[dict[str, Any]]]:
    from eval.answers import run_batch

    with Progress(console=console, disable=not console.is_terminal) as bar:
        task = bar.add_task(f"batch ({settings.resolved_llm_backend})", total=len(user_ids))
        return run_batch(settings, user_ids, out, lambda n: bar.advance(task, n))


def _batch_figures(result: Any, settings: Any) -> dict[str, Any]:
    served = settings.resolved_llm_backend == "openai"
    return {"customers": result.written, "seconds": round(result.seconds, 1), "customers_per_minute": round(result.per_minute, 2),
            "concurrency": settings.batch_concurrency if served else 1}


def _print(report: dict[str, Any], details: dict[str, Any]) -> None:
    console.print(f"[bold]answer accuracy[/bold] {report['answer_accuracy']} over {details['scored']} scored questions "
                  f"({details['llm_backend']}, {details['agent_mode']} mode)")
    console.print(f"by kind: {details['accuracy_by_kind']}")
    for group, shares in report["outcomes"].items():
        console.print(f"[bold]{group}[/bold] ({shares['questions']}): right {shares['right']}, asked back {shares['asked_back']} "
                      f"(best reading right {shares['asked_back_best_reading_right']}), declined wrongly {shares['declined_wrongly']}, "
                      f"[bold]confidently wrong {shares['confidently_wrong']}[/bold]")
    console.print(f"follow-ups right: {report['follow_up_accuracy']}")
    console.print(f"chat p50 {report['chat_p50_seconds']} s, p95 {report['chat_p95_seconds']} s")
    console.print(f"kept summary claims supported {report['supported_claim_rate']} (raw model claims {report['raw_supported_claim_rate']}); "
                  f"{details['summaries_fallback']}/{details['summaries']} summaries fell back to the draft")
    for backend, figures in details["batch"].items():
        console.print(f"batch {backend}: {figures['customers_per_minute']} customers/min "
                      f"({figures['customers']} in {figures['seconds']} s, concurrency {figures['concurrency']})")
