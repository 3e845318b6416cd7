"""Fit the reader's structure model (``agent.reader.structure``) and report how it does on sets it never saw.

1. The heads: every question of ``--questions`` with a ``conditions`` tree (the blind sets' format) is
   delexicalised with the shop's names and labelled with its audience's shape. Each set in turn is predicted by
   heads fitted on all the others (leave one writer out); the shipped heads are fitted on all of them.
   Short plain questions composed from the clause corpus (``agent.reader.structure.compositions``) and question
   sets without trees (``--read-questions``: our own, the 160), labelled by the reader's own readings where their
   audiences are exactly right, add the plain wording the blind writers' long messages rarely hold.
2. The stack: ``--first-readings`` are evaluation reports (``portrait eval audiences --out``) of the first reading
   of a set nobody had studied yet, with each answer's query and the doubt model's probability. Each complete
   reading there gets the gaps between its shape and its set's left-out prediction; a logistic regression over the
   doubt's log-odds and the gaps is fitted, and reported set by set while that set is left out.

    .venv/bin/python eval/fit_structure.py --home /tmp/mhome \
        --questions eval/data/marketer_questions_blind.jsonl eval/data/marketer_questions_blind{2..18}.jsonl \
        --read-questions eval/data/marketer_questions.jsonl eval/data/audience_questions.jsonl \
        --first-readings eval/reports/marketer_questions_blind{14..18}_start_of_session.json \
        --out agent/reader/structure_model.npz --report eval/reports/structure_model.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agent.reader.frames import Words  # noqa: E402
from agent.reader.structure import (GAPS, LABELS, StructureCheck, StructureModel, compositions, delexicalise, gaps,  # noqa: E402
                                    gold_shape, reading_shape)
from encoders.settings import Settings  # noqa: E402
from retrieval.audience.query import AudienceQuery  # noqa: E402

MIN_COUNT = 5  # a word feature must occur in this many training questions
STRENGTH = 0.5  # inverse L2 strength of each head


def labelled(settings: Settings, paths: list[Path]) -> tuple[list[dict], np.ndarray]:
    """(rows {set, id, text, shape}, sentence vectors) of every question with a conditions tree and an audience."""
    from agent.reader.names import NameFinder
    from retrieval.audience.tables import tables_for
    from retrieval.audience.vocabulary import Vocabulary
    from retrieval.home import open_home

    rows = []
    with open_home(settings) as home:
        names = NameFinder(Vocabulary.of(tables_for(settings.event_db, settings.fact_db)), ("category", "brand", "product", "country"))
        for path in paths:
            for line in path.read_text(encoding="utf-8").splitlines():
                question = json.loads(line) if line.strip() else {}
                if isinstance(question.get("conditions"), dict) and question.get("expected_user_ids") is not None:
                    rows.append({"set": path.stem, "id": question["id"], "text": delexicalise(question["question"], names),
                                 "shape": gold_shape(question["conditions"])})
        vectors = np.asarray(home.embedder.encode([row["text"] for row in rows], show_progress=False), dtype=np.float32)
    return rows, vectors


def reading_labelled(settings: Settings, paths: list[Path]) -> tuple[list[dict], np.ndarray]:
    """Rows of question sets without conditions trees (our own, the 160), labelled by the reader's own reading where
    its audience is exactly the expected one: plain, short questions the blind writers rarely wrote."""
    from agent.audience import answer_audience, clause_reader
    from retrieval.audience.tables import tables_for
    from retrieval.audience.vocabulary import Vocabulary
    from retrieval.home import open_home

    rows = []
    with open_home(settings) as home:
        names = clause_reader(home, Vocabulary.of(tables_for(settings.event_db, settings.fact_db))).names
        for path in paths:
            for line in path.read_text(encoding="utf-8").splitlines():
                question = json.loads(line) if line.strip() else {}
                if not question.get("expected_user_ids"):
                    continue
                answer = answer_audience(home, question["question"], confirm=True)
                if answer.query is not None and not answer.abstained and set(answer.user_ids) == set(question["expected_user_ids"]):
                    rows.append({"set": path.stem, "id": question["id"], "text": delexicalise(question["question"], names),
                                 "shape": reading_shape(answer.query.condition)})
        vectors = np.asarray(home.embedder.encode([row["text"] for row in rows], show_progress=False), dtype=np.float32)
    return rows, vectors


def _embed(settings: Settings, texts: list[str]) -> np.ndarray:
    from retrieval.home import open_home

    with open_home(settings) as home:
        return np.asarray(home.embedder.encode(texts, show_progress=False), dtype=np.float32)


def fit_heads(rows: list[dict], vectors: np.ndarray) -> tuple[Words, np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    words = Words.learn([row["text"] for row in rows], min_count=MIN_COUNT)
    x = np.hstack([vectors, words.features([row["text"] for row in rows])])
    weights = np.zeros((x.shape[1], len(LABELS)), dtype=np.float32)
    bias = np.zeros(len(LABELS), dtype=np.float32)
    for j, label in enumerate(LABELS):
        y = np.array([row["shape"][label] for row in rows]) > 0.5
        if y.all() or not y.any():
            bias[j] = 9.0 if y.all() else -9.0
            continue
        head = LogisticRegression(C=STRENGTH, max_iter=3000).fit(x, y)
        weights[:, j], bias[j] = head.coef_[0], head.intercept_[0]
    return words, weights, bias


def left_out_predictions(rows: list[dict], vectors: np.ndarray) -> tuple[dict[str, dict], dict[str, dict]]:
    """(prediction of every "set/id" by heads fitted without its set, per set and label the held-out AUC)."""
    from sklearn.metrics import roc_auc_score

    predictions: dict[str, dict] = {}
    report: dict[str, dict] = {}
    empty = StructureCheck((), (), 0.0)
    for name in sorted({row["set"] for row in rows}):
        train = [i for i, row in enumerate(rows) if row["set"] != name]
        test = [i for i, row in enumerate(rows) if row["set"] == name]
        model = StructureModel(*fit_heads([rows[i] for i in train], vectors[train]), empty)
        predicted = model.predict([rows[i]["text"] for i in test], vectors[test])
        for i, p in zip(test, predicted):
            predictions[f"{rows[i]['set']}/{rows[i]['id']}"] = p
        report[name] = {}
        for label in LABELS:
            y = np.array([rows[i]["shape"][label] for i in test]) > 0.5
            if 0 < y.sum() < len(y):
                report[name][label] = round(float(roc_auc_score(y, [p[label] for p in predicted])), 3)
    return predictions, report


def first_readings(paths: list[Path], sets: list[str], predictions: dict[str, dict], questions: dict[str, dict]) -> list[dict]:
    """One row per complete reading (the doubt model judged it) of each report: {set, doubt, gaps, wrong}."""
    rows = []
    for path in paths:
        name = max((s for s in sets if path.stem.startswith(f"{s}_")), key=len, default=None)
        if name is None:
            raise SystemExit(f"{path}: its name does not start with one of the question sets ({', '.join(sets)})")
        for answer in json.loads(path.read_text(encoding="utf-8"))["answers"]:
            key = f"{name}/{answer['id']}"
            if answer.get("abstained") or answer.get("doubt") is None or key not in predictions:
                continue
            read = reading_shape(AudienceQuery.model_validate(answer["query"]).condition)
            wrong = set(answer["user_ids"]) != set(questions[key]["expected_user_ids"])
            doubt = answer.get("doubt_alone", answer["doubt"])  # the doubt model's own figure, before any stack
            rows.append({"set": name, "doubt": float(doubt), "gaps": gaps(predictions[key], read), "wrong": wrong})
    return rows


def fit_check(rows: list[dict]) -> StructureCheck:
    from sklearn.linear_model import LogisticRegression

    names = ("doubt_logit",) + GAPS
    x = np.array([[np.log(r["doubt"] / (1 - r["doubt"]))] + [r["gaps"][g] for g in GAPS] for r in rows])
    model = LogisticRegression(C=1.0, max_iter=5000).fit(x, [r["wrong"] for r in rows])
    return StructureCheck(names, tuple(round(float(c), 6) for c in model.coef_[0]), round(float(model.intercept_[0]), 6))


def check_left_out(rows: list[dict], ask_at: float) -> dict[str, dict]:
    from sklearn.metrics import roc_auc_score

    out = {}
    for name in sorted({r["set"] for r in rows}):
        test = [r for r in rows if r["set"] == name]
        check = fit_check([r for r in rows if r["set"] != name])
        p = np.array([check.combined(r["doubt"], r["gaps"]) for r in test])
        base = np.array([r["doubt"] for r in test])
        wrong = np.array([r["wrong"] for r in test])
        both = 0 < wrong.sum() < len(wrong)
        out[name] = {"complete_readings": len(test), "wrong": int(wrong.sum()),
                     "auc_doubt_alone": round(float(roc_auc_score(wrong, base)), 3) if both else None,
                     "auc_with_structure": round(float(roc_auc_score(wrong, p)), 3) if both else None,
                     "asked_back_doubt_alone": int((base >= ask_at).sum()), "wrong_left_doubt_alone": int((wrong & (base < ask_at)).sum()),
                     "asked_back_with_structure": int((p >= ask_at).sum()), "wrong_left_with_structure": int((wrong & (p < ask_at)).sum())}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--home", type=Path, required=True, help="a home built from the shop the questions are about")
    ap.add_argument("--questions", type=Path, nargs="+", required=True, help="question sets with conditions trees")
    ap.add_argument("--read-questions", type=Path, nargs="*", default=[],
                    help="question sets without conditions trees, labelled by the reader's right readings")
    ap.add_argument("--compositions", type=int, default=3000, help="short questions composed from the clause corpus (0: none)")
    ap.add_argument("--first-readings", type=Path, nargs="*", default=[], help="reports of first readings, named <set>_….json")
    ap.add_argument("--out", type=Path, help="the fitted model (.npz)")
    ap.add_argument("--report", type=Path, help="held-out figures (JSON)")
    args = ap.parse_args()
    settings = Settings(home=args.home, show_progress=False)
    rows, vectors = labelled(settings, args.questions)
    if args.compositions:
        composed = [{"set": "compositions", "id": str(i), "text": text, "shape": shape} for i, (text, shape) in enumerate(compositions(size=args.compositions))]
        rows, vectors = rows + composed, np.vstack([vectors, _embed(settings, [row["text"] for row in composed])])
    if args.read_questions:
        read_rows, read_vectors = reading_labelled(settings, args.read_questions)
        rows, vectors = rows + read_rows, np.vstack([vectors, read_vectors])
    predictions, heads_report = left_out_predictions(rows, vectors)
    for name, aucs in heads_report.items():
        print(name, "held-out AUC", {k: v for k, v in aucs.items() if k in ("not", "or", "two_plus")}, "families min",
              min((v for k, v in aucs.items() if k.startswith("fam_")), default=None))
    questions = {}
    for path in args.questions + args.read_questions:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                question = json.loads(line)
                questions[f"{path.stem}/{question['id']}"] = question
    readings = first_readings(args.first_readings, [p.stem for p in args.questions], predictions, questions)
    check_report = check_left_out(readings, settings.audience_doubt_ask_at) if readings else {}
    for name, figures in check_report.items():
        print(name, figures)
    if args.out is not None:
        if not readings:
            raise SystemExit("--out needs --first-readings: the stack is fitted on them")
        StructureModel(*fit_heads(rows, vectors), fit_check(readings)).save(args.out)
        print(f"model -> {args.out}")
    if args.report is not None:
        args.report.write_text(json.dumps({"questions": len(rows), "sets": sorted({r["set"] for r in rows}), "heads_left_out_auc": heads_report,
                                           "first_readings": len(readings), "check_left_out": check_report,
                                           "ask_at": settings.audience_doubt_ask_at}, indent=1) + "\n", encoding="utf-8")
        print(f"report -> {args.report}")


if __name__ == "__main__":
    main()
