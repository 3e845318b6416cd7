"""`portrait eval audiences`: marketers' questions -> exact audiences, scored and timed."""

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

COMMAND = "audiences"
console = Console()
TARGETS = {"exact_set_accuracy": (">=", 0.9)}


def audiences(
    questions: Annotated[Path, typer.Option(help="JSONL: {id, question, expected_user_ids?} per line (null = must be declined).")],
    out: Annotated[Path, typer.Option(help="JSON report path.")],
    shop: Annotated[Optional[Path], typer.Option(help="Folder with products.jsonl and events.jsonl.")] = None,
    online_retail: Annotated[Optional[Path], typer.Option(help="Online Retail CSV(.gz) instead of --shop.")] = None,
    home: Annotated[Optional[Path], typer.Option(help="Where to build the fresh home (default: a temporary folder, removed after).")] = None,
    p95_target: Annotated[float, typer.Option(help="Target p95 seconds per question for this data set.")] = 1.0,
    compare_engines: Annotated[bool, typer.Option(help="Also time SQL over the SQLite log against the pandas executor on the same conditions.")] = True,
    scale_copies: Annotated[int, typer.Option(help="Also time the questions on an event log of this many renamed copies of the shop's customers (e.g. 334 x 300 = 100,200).")] = 0,
    scale_p95_target: Annotated[float, typer.Option(help="Target p95 seconds per question at scale.")] = 3.0,
    profiles: Annotated[bool, typer.Option(help="Build profiles (labels, 'likely to buy'); --no-profiles times the event-log path alone.")] = True,
    doubt_ask_at: Annotated[Optional[float], typer.Option(help="Ask back when the doubt model gives a complete reading at least this "
                                                               "probability of being wrong (default: the setting; 1.0 never asks).")] = None,
    phrase_rules: Annotated[bool, typer.Option(help="--no-phrase-rules: the learned clause frames read every clause alone, "
                                                    "without the phrase rules' spans, slots and cross-check (an ablation).")] = True,
) -> None:
    """Build a fresh home from a shop, answer every question, write {answers, exact_set_accuracy,
    mean_jaccard, p50_seconds, p95_seconds} and print the figures."""
    from encoders.settings import Settings
    from eval.audiences import answer_all, build_home, read_questions, score, threshold_sweep

    if (shop is None) == (online_retail is None):
        raise typer.BadParameter("give exactly one of --shop or --online-retail")
    lines = read_questions(questions)
    with tempfile.TemporaryDirectory(prefix="portrait-audiences-") as scratch:
        settings = Settings(home=home or Path(scratch) / "home", show_progress=console.is_terminal, llm_backend="local",
                            audience_phrase_rules=phrase_rules,
                            **({"audience_doubt_ask_at": doubt_ask_at} if doubt_ask_at is not None else {}))
        console.print(f"Building a fresh home in {settings.home} ...")
        built = build_home(settings, shop, online_retail, profiles)
        console.print(f"Home ready: {built['customers']} customers, {built['events']} events, {built['profiles']} profiles, {built['build_seconds']} s")
        with Progress(console=console, disable=not console.is_terminal) as progress:
            task = progress.add_task("questions", total=len(lines))
            answers = answer_all(settings, lines, lambda: progress.advance(task))
        engines = None
        if compare_engines:
            from eval.audiences_engines import compare_engines as run_comparison

            engines = run_comparison(settings.event_db, settings.fact_db)
            console.print(f"SQL {engines['sql_seconds_per_condition']} s vs pandas {engines['pandas_seconds_per_condition']} s "
                          f"per condition ({engines['sql_over_pandas']}x), same customers: {engines['same_customers']}")
        segments = _segment_support(settings) if profiles else None
        scale = None
        if scale_copies > 0:
            from eval.audiences_scale import LABEL_KINDS, run_scale

            console.print(f"Scale: {scale_copies} renamed copies of every customer ...")
            scale = run_scale(settings, Path(scratch), scale_copies, lines, LABEL_KINDS)
            console.print(f"Scale: {scale['customers']} customers, {scale['events']} events; load {scale['load_seconds']} s; accuracy "
                          f"{scale['exact_set_accuracy']}, p50 {scale['p50_seconds']} s, p95 {scale['p95_seconds']} s (target <= {scale_p95_target})")
    scores = score(lines, answers)
    report: dict[str, Any] = {
        "answers": [{k: a.get(k) for k in ("id", "query", "count", "user_ids", "abstained", "seconds", "confidence", "doubt")}
                    | {"doubt_alone": (a.get("signs") or {}).get("doubt_alone", a.get("doubt"))} for a in answers],
        "threshold_sweep": {split: threshold_sweep(lines, answers, split) for split in sorted({str(q.get("split", "all")) for q in lines})},
        "ask_threshold": settings.audience_ask_threshold,
        "doubt_ask_at": settings.audience_doubt_ask_at,
        **{k: scores[k] for k in ("exact_set_accuracy", "mean_jaccard", "p50_seconds", "p95_seconds")},
        "questions": len(lines), "scored": scores["scored"], "errors": scores["errors"], "by_split": scores["by_split"],
        "phrase_rules": phrase_rules,
        "first_question_seconds": answers[0]["seconds"] if answers else None,
        "data": str(shop or online_retail), **built, "machine": platform.platform(), "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "targets": {"exact_set_accuracy": ">= 0.9", "p95_seconds": f"<= {p95_target}"},
        "engines": engines, "segment_name_support": segments,
        "scale": scale, "scale_p95_target": scale_p95_target if scale_copies else None,
        "wrong": scores["wrong"],
        "declined_answers": {a["id"]: a.get("declined") for a in answers if a["abstained"]},
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n")
    console.print(f"exact-set accuracy {report['exact_set_accuracy']} over {scores['scored']} scored questions, mean Jaccard "
                  f"{report['mean_jaccard']}, p50 {report['p50_seconds']} s, p95 {report['p95_seconds']} s (target <= {p95_target}), "
                  f"errors {scores['errors']}")
    for group, figures in scores["by_split"].items():
        console.print(f"[bold]{group}[/bold] ({figures['questions']}): exact-set {figures['exact_set_accuracy']}, asked back "
                      f"{figures['asked_back']}, refused {figures['refused']}, [bold]answered wrongly {figures['answered_wrongly']}[/bold]")
    for miss in scores["wrong"][:15]:
        console.print(f"  ✗ {miss['id']} {miss['question']!r}: expected {miss['expected']}, got {miss['got']} {miss['why'] or ''}"[:240])
    console.print(f"Report: {out}")


def _segment_support(settings: Any) -> dict[str, dict[str, float]] | None:
    """Per segment, the share of members for whom each part of its name holds."""
    from retrieval.home import open_home
    from retrieval.segments import name_support

    with open_home(settings) as home:
        model = home.segments
        return name_support(home.vectors.all_profiles(), model) if model is not None else None
