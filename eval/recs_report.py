"""The recommendation report: top-level figures for Portrait's hybrid, the same keys per baseline,
the targets of the issue checked against this run, a console table and a Markdown page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.table import Table

from eval.recs_benchmark import METRICS, console
from retrieval.recommend.registry import PORTRAIT

LIST_KEYS = ("recall@10_list_raw", "recall@10_list", "ils_raw", "ils")
HR_AIM = 0.58
P95_LIMIT_MS = 50.0
RATIO = 1.1


def _targets(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    baselines = report["baselines"]
    targets: dict[str, dict[str, Any]] = {}
    for metric in ("hr@10", "ndcg@10"):
        best = max(baselines.items(), key=lambda kv: kv[1][metric])
        ratio = report[metric] / best[1][metric] if best[1][metric] else float("inf")
        targets[f"{metric} >= {RATIO}x best baseline"] = {"value": round(ratio, 3), "best_baseline": best[0], "met": ratio >= RATIO}
    targets[f"hr@10 >= {HR_AIM} (aim)"] = {"value": report["hr@10"], "met": report["hr@10"] >= HR_AIM}
    for metric in ("recall@10_full", "ndcg@10_full"):
        best = max(baselines.items(), key=lambda kv: kv[1][metric])
        targets[f"{metric} above every baseline"] = {"value": report[metric], "best_baseline": best[0], "best": best[1][metric], "met": report[metric] > best[1][metric]}
    retail = report.get("online_retail", {}).get("recommenders")
    if retail and PORTRAIT in retail:
        best = max(((n, r) for n, r in retail.items() if n != PORTRAIT), key=lambda kv: kv[1]["recall@10"])
        targets["online retail recall@10 above every baseline"] = {"value": retail[PORTRAIT]["recall@10"], "best_baseline": best[0], "best": best[1]["recall@10"], "met": retail[PORTRAIT]["recall@10"] > best[1]["recall@10"]}
    if "recommend_p95_ms" in report:
        targets[f"recommend p95 <= {P95_LIMIT_MS} ms at {report.get('latency', {}).get('latency_stored_profiles')} profiles"] = {"value": report["recommend_p95_ms"], "met": report["recommend_p95_ms"] <= P95_LIMIT_MS}
    return targets


def summarise(report: dict[str, Any], results: dict[str, dict[str, float]]) -> None:
    """Top-level keys for the hybrid, ``baselines`` for the rest, targets; prints the table."""
    ours = results.get(PORTRAIT, {})
    for key in (*METRICS, *LIST_KEYS):
        if key in ours:
            report[key] = ours[key]
    report["intra_list_similarity"] = {n: {"raw": r.get("ils_raw"), "shown": r.get("ils")} for n, r in results.items()}
    report["baselines"] = {n: r for n, r in results.items() if n != PORTRAIT}
    if "candidates_only" in ours:
        report["hybrid_candidates_only"] = ours["candidates_only"]
    if "latency" in report:
        report["recommend_p50_ms"] = report["latency"]["recommend_p50_ms"]
        report["recommend_p95_ms"] = report["latency"]["recommend_p95_ms"]
    if ours and report["baselines"]:
        report["targets"] = _targets(report)
    _print(results, report)


def refresh_targets(report: dict[str, Any]) -> None:
    if "hr@10" in report and report.get("baselines"):
        report["targets"] = _targets(report)
        for name, target in report["targets"].items():
            console.print(f"{'✓' if target['met'] else '✗'} {name}: {target['value']}")


def _print(results: dict[str, dict[str, float]], report: dict[str, Any]) -> None:
    table = Table(title="Recommenders, test split")
    table.add_column("recommender")
    for key in (*METRICS, *LIST_KEYS):
        table.add_column(key, justify="right")
    for name, row in results.items():
        table.add_row(name, *(f"{row.get(k, float('nan')):.4f}" for k in (*METRICS, *LIST_KEYS)))
    console.print(table)
    for name, target in report.get("targets", {}).items():
        console.print(f"{'✓' if target['met'] else '✗'} {name}: {target['value']}")


def _load(report: dict[str, Any]) -> str:
    if "load_avg_before" not in report:
        return ""
    return f"; load average {report['load_avg_before']} before, {report.get('load_avg_after')} after"


def write_markdown(report: dict[str, Any], path: Path) -> None:
    results = {**report.get("baselines", {})}
    if "hr@10" in report:
        results[PORTRAIT] = {k: report[k] for k in (*METRICS, *LIST_KEYS) if k in report}
    lines = ["# Recommendation benchmark (`portrait eval recs`)", "", f"Run {report['started']} on {report['machine']} ({report['cpus']} CPUs{_load(report)}); {report['seconds']} s in all.", ""]
    header = ("recommender", *METRICS, *LIST_KEYS)
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, row in results.items():
        lines.append("| " + " | ".join([f"**{name}**" if name == PORTRAIT else name, *(f"{row.get(k, float('nan')):.4f}" for k in header[1:])]) + " |")
    lines += ["", "hr/ndcg@10: the held-out item against the file's 99 negatives; *_full: against every item the user does not have;",
              "*_list: the recommend() lists a shopper sees (raw top 10, and after collapsing near-duplicates and substitutes); ils: mean pairwise cosine of a list's item vectors.", ""]
    cut = report.get("hybrid_candidates_only")
    if cut:
        lines += ["## The hybrid ranking only its retrieved candidates (what it does above `rank_all` items)", "",
                  "- " + ", ".join(f"{k} {cut[k]:.4f}" for k in METRICS if k in cut), ""]
    if "latency" in report:
        lat = report["latency"]
        lines += ["## recommend() latency (through the home: profile, events, Chroma neighbour search, ranker, reasons)", "",
                  f"- data's profiles only: p50 {lat['recommend_p50_ms_data_profiles']:.1f} ms, p95 {lat['recommend_p95_ms_data_profiles']:.1f} ms",
                  f"- {lat['latency_stored_profiles']} profiles stored: p50 {lat['recommend_p50_ms']:.1f} ms, p95 {lat['recommend_p95_ms']:.1f} ms", ""]
    retail = report.get("online_retail", {}).get("recommenders")
    if retail:
        lines += ["## Online Retail, last invoice held out (new products of that invoice)", "", "| recommender | recall@10 | ndcg@10 | customers |", "|---|---|---|---|"]
        lines += [f"| {n} | {r['recall@10']:.4f} | {r['ndcg@10']:.4f} | {r['customers']} |" for n, r in retail.items()]
        lines.append("")
    if "targets" in report:
        lines += ["## Targets", ""] + [f"- {'met' if t['met'] else 'NOT met'}: {n} ({t['value']})" for n, t in report["targets"].items()]
    path.write_text("\n".join(lines) + "\n")
