"""Fit the reader's doubt model (``agent.reader.doubt``) on question sets with known audiences, and report how it
would have done on each set while that set was left out of the fit.

Every question is read and run with doubt switched off; each complete reading that was answered becomes a row
(its signs, and whether its audience was wrong). Rows can be frozen (``--rows-out``) and fitted later
(``--rows``): the first reading of a set nobody had studied yet is the kind of reading the model must judge,
and it is kept as it was, even after the reader learns from that set.

    .venv/bin/portrait generate-demo --out /tmp/qshop
    .venv/bin/python eval/fit_doubt.py --shop /tmp/qshop --home /tmp/dhome \
        --questions eval/data/marketer_questions.jsonl --rows eval/data/doubt_rows.jsonl --out agent/reader/doubt_model.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agent.reader.doubt import FEATURES, DoubtModel  # noqa: E402
from encoders.settings import Settings  # noqa: E402


def read_rows(settings: Settings, path: Path, label: str) -> list[dict]:
    """One row per answered question of ``path``: {set, id, signs, wrong}."""
    from eval.audiences import answer_all, read_questions, verdict

    lines = read_questions(path)
    rows = []
    for line, answer in zip(lines, answer_all(settings, lines)):
        if answer.get("abstained") or not answer.get("signs") or "expected_user_ids" not in line:
            continue
        rows.append({"set": label, "id": line["id"], "signs": answer["signs"], "wrong": verdict(line, answer) == "wrong"})
    return rows


def fit(rows: list[dict], strength: float = 1.0) -> DoubtModel:
    from sklearn.linear_model import LogisticRegression

    x = np.array([[row["signs"].get(name, 0.0) for name in FEATURES] for row in rows], dtype=float)
    y = np.array([row["wrong"] for row in rows], dtype=bool)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=strength, max_iter=5000, class_weight=None).fit((x - mean) / scale, y)
    return DoubtModel(FEATURES, tuple(mean.round(6)), tuple(scale.round(6)), tuple(model.coef_[0].round(6)),
                      round(float(model.intercept_[0]), 6))


def left_out(rows: list[dict], ask_at: float) -> dict[str, dict]:
    """Per set, the model fitted on every other set: what it would have asked back on this one."""
    from sklearn.metrics import roc_auc_score

    out = {}
    for name in sorted({row["set"] for row in rows}):
        test = [row for row in rows if row["set"] == name]
        model = fit([row for row in rows if row["set"] != name])
        p = np.array([model.p_wrong(row["signs"]) for row in test])
        wrong = np.array([row["wrong"] for row in test])
        asked = p >= ask_at
        out[name] = {"answered": len(test), "wrong": int(wrong.sum()),
                     "auc": round(float(roc_auc_score(wrong, p)), 3) if 0 < wrong.sum() < len(wrong) else None,
                     "mean_p_wrong": round(float(p.mean()), 3), "asked_back": int(asked.sum()),
                     "wrong_asked_back": int((asked & wrong).sum()), "right_asked_back": int((asked & ~wrong).sum()),
                     "wrong_left": int((~asked & wrong).sum())}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shop", type=Path, help="the shop the questions are about (built into --home first)")
    ap.add_argument("--home", type=Path, required=True)
    ap.add_argument("--questions", type=Path, nargs="*", default=[], help="question sets read now")
    ap.add_argument("--rows", type=Path, nargs="*", default=[], help="frozen rows (JSONL) fitted as they are")
    ap.add_argument("--rows-out", type=Path, help="write the rows read now here (JSONL) and stop")
    ap.add_argument("--out", type=Path, help="the fitted model (JSON)")
    ap.add_argument("--ask-at", type=float, default=None, help="report asks at this probability (default: the setting)")
    args = ap.parse_args()
    settings = Settings(home=args.home, llm_backend="local", show_progress=False, audience_doubt_ask_at=1.01)
    ask_at = args.ask_at if args.ask_at is not None else Settings().audience_doubt_ask_at
    if args.shop is not None and not settings.event_db.exists():
        from eval.audiences import build_home

        build_home(settings, args.shop, None, True)
    rows = [row for path in args.questions for row in read_rows(settings, path, path.stem)]
    if args.rows_out is not None:
        args.rows_out.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        print(f"{len(rows)} rows ({sum(r['wrong'] for r in rows)} wrong) -> {args.rows_out}")
        return
    rows += [json.loads(line) for path in args.rows for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    report = left_out(rows, ask_at)
    for name, figures in report.items():
        print(name, figures)
    if args.out is not None:
        sets = {name: {"answered": f["answered"], "wrong": f["wrong"]} for name, f in report.items()}
        args.out.write_text(json.dumps({"model": fit(rows).to_json(), "fitted_on": sets, "ask_at_reported": ask_at,
                                        "left_out": report}, indent=1) + "\n", encoding="utf-8")
        print(f"model -> {args.out}")


if __name__ == "__main__":
    main()
