"""`portrait eval batch`: the summary batch on the same customers by every engine, in one run."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.progress import Progress

COMMAND = "batch"
console = Console()


def batch(
    shop: Annotated[Path, typer.Option(help="Shop folder with products.jsonl and events.jsonl (the layout generate-demo writes).")],
    out: Annotated[Path, typer.Option(help="JSON report path.")],
    customers: Annotated[int, typer.Option(help="The first N customers, summarised by every engine.")] = 40,
    concurrency: Annotated[int, typer.Option(help="Requests in flight for the concurrent served run and Ray.")] = 8,
    openai_base_url: Annotated[Optional[str], typer.Option(help="Use these running servers (comma-separated) instead of starting vLLM here.")] = None,
    cpu_bind: Annotated[Optional[list[str]], typer.Option(help="VLLM_CPU_OMP_THREADS_BIND for the started server; repeat to compare bindings (the served runs are repeated per binding).")] = None,
    skip_in_process: Annotated[bool, typer.Option(help="Leave out the in-process model (slow).")] = False,
    skip_one_at_a_time: Annotated[bool, typer.Option(help="Leave out the served run at concurrency 1 (slow on many customers).")] = False,
    ray_cpus: Annotated[Optional[int], typer.Option(help="CPUs of the local Ray (default: all).")] = None,
    home: Annotated[Optional[Path], typer.Option(help="Folder for the fresh home (default: a temporary one).")] = None,
    reuse_home: Annotated[bool, typer.Option(help="With --home: keep a home built by an earlier run instead of rebuilding it.")] = False,
) -> None:
    """Build a fresh home from --shop; summarise the same customers in-process, served at concurrency 1 and N,
    and with Ray local; report customers/min, tokens/s, the server's running requests and fallbacks."""
    with tempfile.TemporaryDirectory(prefix="portrait-batch-") as scratch:
        report = _evaluate(shop, home or Path(scratch) / "home", customers, concurrency, openai_base_url,
                           cpu_bind or [None], skip_in_process, ray_cpus, reuse_home, skip_one_at_a_time)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    for name, row in report["runs"].items():
        console.print(f"{name:>28}: {row['customers_per_minute']:7.2f} customers/min ({row['steady_customers_per_minute']} "
                      f"from the first record on, first after {row['first_record_seconds']} s), {row['tokens_per_second']} tok/s, "
                      f"running p50 {row['running_requests_p50']} (max {row['running_requests_max']}), "
                      f"{row['fallbacks']}/{row['customers']} fallbacks")
    for key, value in report["comparisons"].items():
        console.print(f"{key}: {value}")
    console.print(f"report: {out}")


def _evaluate(shop: Path, folder: Path, n: int, concurrency: int, urls: str | None, binds: list[str | None],
              skip_in_process: bool, ray_cpus: int | None, reuse: bool = False, skip_one: bool = False) -> dict[str, Any]:
    from agent.batch.metrics import RunningSampler, counters
    from agent.llm.convert import served_dtype
    from agent.llm.launch import cpu_bind
    from agent.llm.serving import free_port, start_vllm
    from encoders.settings import Settings
    from eval.answers import build_home
    from eval.batch_benchmark import Stamps, figures, kept_claims, machine, records, run_local, run_ray
    from retrieval.home import open_home

    settings = Settings(home=folder, show_progress=False, temperature=0.0)
    started = time.perf_counter()
    if not (reuse and settings.event_db.exists()):
        with console.status("building a fresh home from the shop ..."):
            build_home(shop, settings)
    with open_home(settings) as opened:
        user_ids = opened.log.user_ids()[:n]
    report: dict[str, Any] = {"machine": machine(), "customers": len(user_ids), "build_seconds": round(time.perf_counter() - started, 1),
                              "max_new_tokens": settings.max_new_tokens, "runs": {}, "comparisons": {}}
    outs = folder / "reports"

    def bar(name: str):  # noqa: ANN202
        progress = Progress(console=console, disable=not console.is_terminal, transient=True)
        return progress, progress.add_task(name, total=len(user_ids))

    if not skip_in_process:
        local = settings.model_copy(update={"llm_backend": "local"})
        progress, task = bar("in-process")
        with progress:
            stamps = Stamps(lambda k: progress.advance(task, k))
            result = run_local(local, user_ids, outs / "in-process.jsonl", None, stamps)
        report["runs"]["in-process"] = figures(result, records(outs / "in-process.jsonl"), None, stamps)

    for bind in binds:
        server, used_bind = None, None
        if urls is None:
            serving = settings.model_copy(update={"vllm_cpu_threads_bind": bind})
            server = start_vllm(serving, port=free_port(), echo=lambda text: console.print(f"[dim]{text}[/dim]"))
            base = server.base_url
            used_bind = cpu_bind(serving)
            report["served_dtype"] = served_dtype(serving)
        else:
            base = urls
        served = settings.model_copy(update={"llm_backend": "openai", "openai_base_url": base})
        suffix = f" bind={bind}" if bind else ""
        try:
            plan = [("served c=1", 1, "local")] if not skip_one else []
            plan += [(f"served c={concurrency}", concurrency, "local"), (f"ray local c={concurrency}", concurrency, "ray")]
            for name, width, engine in plan:
                out = outs / f"{name.replace(' ', '-').replace('=', '')}{bind or ''}.jsonl"
                progress, task = bar(name)
                before = counters(served.openai_base_urls)
                with RunningSampler(served.openai_base_urls) as sampler, progress:
                    step = stamps = Stamps(lambda k: progress.advance(task, k))
                    result = (run_ray(served, user_ids, out, width, ray_cpus, step) if engine == "ray"
                              else run_local(served, user_ids, out, width, step))
                report["runs"][name + suffix] = figures(result, records(out), sampler, stamps)
                report["runs"][name + suffix]["cpu_bind"] = used_bind
                after = counters(served.openai_base_urls)
                queries = after.get("vllm:prefix_cache_queries_total", 0) - before.get("vllm:prefix_cache_queries_total", 0)
                hits = after.get("vllm:prefix_cache_hits_total", 0) - before.get("vllm:prefix_cache_hits_total", 0)
                report["runs"][name + suffix]["prefix_cache_hit_rate"] = round(hits / queries, 3) if queries else None
        finally:
            if server is not None:
                server.stop()
        plain = kept_claims(records(outs / f"served-c{concurrency}{bind or ''}.jsonl"))
        ray = kept_claims(records(outs / f"ray-local-c{concurrency}{bind or ''}.jsonl"))
        report["comparisons"][f"ray vs served c={concurrency}{suffix}"] = {
            "same_customers": sorted(plain) == sorted(ray),
            "same_kept_claims": sum(plain[u] == ray.get(u) for u in plain), "of": len(plain),
        }
        runs = report["runs"]
        if "in-process" in runs:
            base_rate = runs["in-process"]["customers_per_minute"]
            report["comparisons"][f"served c={concurrency} / in-process{suffix}"] = round(
                runs[f"served c={concurrency}{suffix}"]["customers_per_minute"] / base_rate, 2) if base_rate else None
        report["comparisons"][f"ray / served c={concurrency}{suffix}"] = round(
            runs[f"ray local c={concurrency}{suffix}"]["customers_per_minute"] / runs[f"served c={concurrency}{suffix}"]["customers_per_minute"], 3)
    return report
