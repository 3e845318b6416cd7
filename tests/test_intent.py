"""The intent head: a tiny real fine-tune on synthetic support texts, its folder, errors, profiles."""

from __future__ import annotations

import csv
import json
import re
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from encoders.intent.classifier import IntentClassifier
from encoders.intent.loop import Plateau, lr_candidates
from encoders.intent.ood import OODDetector, auroc, choose_threshold
from encoders.intent.training import DataError, TrainConfig, train_intent_model
from encoders.profile.support import intent_mix, is_problem_intent, is_resolving_intent, open_problems
from encoders.data.readers import LoadError
from encoders.data.schema import Event, EventType
from encoders.data.synthetic import SUPPORT_INTENTS, SUPPORT_TEMPLATES, generate_shop, support_intent_examples

INTENTS = ("cancel_order", "check_payment_methods", "get_refund", "gift_wrap", "recover_password", "track_order")
OFF_TOPIC = ["what is the capital of Australia?", "tell me a joke", "will it rain tomorrow?",
             "who wrote Pride and Prejudice?", "good morning, how are you?", "play some relaxing music"]
# A still-improving run: two epochs, two dev evaluations each, patience larger than the run.
TINY = TrainConfig(batch_size=16, lr=1e-4, lr_search=1, max_epochs=2, evals_per_epoch=2, patience=5, seed=5)
# The head alone over the frozen encoder's vectors (cached once): seconds.
QUICK = TrainConfig(batch_size=16, max_epochs=3, evals_per_epoch=1, patience=2, freeze_backbone=True, lr=2e-3, seed=5)


def _write(path: Path, rows: list[tuple[str, str]], header: tuple[str, str] = ("utterance", "intent")) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("intent-data")
    rows = [r for r in support_intent_examples(per_intent=28, seed=3) if r[1] in INTENTS]
    by_intent = {i: [r for r in rows if r[1] == i] for i in INTENTS}
    train = [r for i in INTENTS for r in by_intent[i][:14]]
    dev = [r for i in INTENTS for r in by_intent[i][14:18]]
    test = [r for i in INTENTS for r in by_intent[i][18:]]
    return {"train": _write(folder / "train.csv", train), "dev": _write(folder / "dev.csv", dev),
            "test": _write(folder / "test.csv", test), "folder": folder}


@pytest.fixture(scope="module")
def trained(data: dict[str, Path], tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("intent-model") / "model"
    started = time.perf_counter()
    result = train_intent_model(TINY, data["train"], out, dev=data["dev"], test=data["test"], progress=False)
    result.metrics["wall"] = time.perf_counter() - started
    return result


def test_a_tiny_head_learns(trained) -> None:
    chance = 1 / len(INTENTS)
    assert trained.metrics["split"] == "test"
    assert trained.metrics["accuracy"] >= max(0.7, 3 * chance), trained.metrics
    assert trained.metrics["macro_f1"] >= 0.6
    # 84 texts in batches of 16: 6 steps an epoch, dev every 3 steps, 2 epochs.
    assert [h["step"] for h in trained.history] == [3, 6, 9, 12]


def test_a_run_still_improving_is_not_cut_by_the_schedule(trained) -> None:
    training = json.loads((trained.folder / "training.json").read_text())
    history = training["history"]
    # No planned step sends the learning rate to zero: every evaluation improved, so the rate stayed
    # at its peak, and only the epoch cap ended the run, keeping its last (best) checkpoint.
    assert [h["decision"] for h in history] == ["improved"] * len(history)
    assert all(h["lr"] == TINY.lr for h in history)
    assert training["stop_reason"] == "epoch cap: 2 epochs"
    assert training["best_step"] == training["steps"] == history[-1]["step"]


def test_plateau_reduces_then_stops_and_lr_candidates() -> None:
    plateau = Plateau(patience=3)
    assert [plateau.update(f1, 1.0 - f1) for f1 in (0.5, 0.6, 0.7, 0.8, 0.9)] == ["improved"] * 5
    assert [plateau.update(0.85, 0.2) for _ in range(3)] == ["reduce", "reduce", "stop"]
    again = Plateau(patience=2)
    assert [again.update(0.9, loss) for loss in (0.5, 0.4, 0.399, 0.3)] == ["improved", "improved", "reduce", "improved"]
    assert lr_candidates(1e-4, 3) == [1e-4, 2e-4, 5e-5] and lr_candidates(1e-4, 1) == [1e-4]


def test_the_folder_is_self_contained(trained) -> None:
    folder = trained.folder
    for name in ("config.json", "model.safetensors", "head.safetensors", "tokenizer.json", "labels.json", "training.json",
                 "metrics.json", "ood.npz", "confusion_matrix.png", "ood_dev_curve.png"):
        assert (folder / name).exists(), name
    for png in ("confusion_matrix.png", "ood_dev_curve.png"):
        assert (folder / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    labels = json.loads((folder / "labels.json").read_text())
    assert labels == {"labels": sorted(INTENTS), "oos_label": "other"}
    training = json.loads((folder / "training.json").read_text())
    assert training["config"]["lr"] == TINY.lr and training["config"]["seed"] == TINY.seed
    assert training["rows"] == {"train": 84, "dev": 24, "test": 60}
    metrics = json.loads((folder / "metrics.json").read_text())
    assert {"accuracy", "macro_f1", "in_scope_accuracy", "per_intent"} <= set(metrics)
    assert set(metrics["per_intent"]) <= set(INTENTS)
    assert {"precision", "recall", "f1", "support"} == set(metrics["per_intent"]["get_refund"])
    thresholds = training["choices"]["ood"]["thresholds"]
    assert {"fp32", "int8"} <= set(metrics["by_precision"]) and {"combined/fp32", "knn/int8"} <= set(thresholds)
    assert training["choices"]["lr"] == TINY.lr and training["choices"]["lr_search"][0]["chosen"]


def test_faster_precisions_agree_with_fp32(trained, data: dict[str, Path]) -> None:
    from encoders.data.adapters.bitext import load_labelled_texts

    texts = load_labelled_texts(data["test"]).texts
    exact = [p.top_intent for p in IntentClassifier(trained.folder).predict_details(texts)]
    fast = IntentClassifier(trained.folder, precision="int8")
    saved = json.loads((trained.folder / "training.json").read_text())["choices"]["ood"]["thresholds"]
    assert fast.detector.threshold() == saved["combined/int8"]
    assert np.mean([a == b for a, b in zip(exact, (p.top_intent for p in fast.predict_details(texts)))]) >= 0.95
    with pytest.raises(ValueError, match="precision"):
        IntentClassifier(trained.folder, precision="fp8")


def test_reloaded_folder_predicts_identically(trained, data: dict[str, Path]) -> None:
    from encoders.data.adapters.bitext import load_labelled_texts

    test = load_labelled_texts(data["test"])
    first = IntentClassifier(trained.folder).predict_details(test.texts)
    second = IntentClassifier(trained.folder).predict_details(test.texts, batch_size=7)
    assert [p.top_intent for p in first] == [p.top_intent for p in second]
    assert np.allclose([p.prob for p in first], [p.prob for p in second], atol=1e-5)
    # The reloaded model scores the test set exactly as the training run did.
    accuracy = np.mean([p.top_intent == gold for p, gold in zip(first, test.labels)])
    assert accuracy == pytest.approx(trained.metrics["accuracy"])
    pairs = IntentClassifier(trained.folder).predict(test.texts[:5])
    assert all(isinstance(label, str) and 0.0 <= prob <= 1.0 for label, prob in pairs)


def test_off_topic_texts_come_back_as_other(trained, data: dict[str, Path]) -> None:
    from encoders.data.adapters.bitext import load_labelled_texts

    classifier = IntentClassifier(trained.folder)
    off = classifier.predict(OFF_TOPIC)
    assert sum(label == "other" for label, _ in off) >= len(OFF_TOPIC) - 1, off
    dev = load_labelled_texts(data["dev"])
    kept = [label != "other" for label, _ in classifier.predict(dev.texts)]
    assert np.mean(kept) >= 0.95  # calibrated to reject at most half the 5% budget of this small dev set


def test_operating_point_rule() -> None:
    rng = np.random.default_rng(0)
    # A large dev set rejects the budget less two standard errors: 5% - 2*sqrt(.05*.95/3000) = 4.2%.
    scores = rng.random(3000)
    threshold, accepted = choose_threshold(scores, budget=0.05)
    assert accepted == pytest.approx(1 - 0.05 + 2 * np.sqrt(0.05 * 0.95 / 3000), abs=0.001)
    assert np.mean(scores <= threshold) == accepted
    # Unseen in-scope scores from the same distribution stay under the budget.
    assert np.mean(rng.random(100_000) > threshold) < 0.05
    # A small dev set keeps half the budget as headroom and still rejects its highest score.
    small = rng.random(20)
    threshold, accepted = choose_threshold(small, budget=0.05)
    assert np.sort(small)[-2] < threshold < small.max() and accepted == 0.95
    assert choose_threshold(scores, 0.0) == (float("inf"), 1.0)
    with pytest.raises(ValueError):
        choose_threshold(scores, 1.0)
    with pytest.raises(ValueError):
        OODDetector.fit("entropy", np.zeros((2, 2)), np.array([0, 1]), 2)
    assert auroc(np.array([0.1, 0.2]), np.array([0.3, 0.9])) == 1.0


def test_calibration_sees_dev_only(data: dict[str, Path], tmp_path: Path) -> None:
    """The test file (and any out-of-scope text, which training never takes) cannot move the
    weights or the thresholds: two runs with the same seed and different test files are identical,
    and every stored threshold is the operating-point rule applied to the in-scope dev texts alone."""
    from encoders.data.adapters.bitext import load_labelled_texts
    from safetensors.numpy import load_file

    other_test = _write(tmp_path / "other.csv", [(t, "track_order") for t in OFF_TOPIC])
    runs = [train_intent_model(QUICK, data["train"], tmp_path / name, dev=data["dev"], test=test, progress=False)
            for name, test in (("a", data["test"]), ("b", other_test))]
    assert all(r.metrics["split"] == "test" for r in runs)
    assert [{**h, "seconds": 0} for h in runs[0].history] == [{**h, "seconds": 0} for h in runs[1].history]
    heads = [load_file(str(tmp_path / name / "head.safetensors")) for name in "ab"]
    assert all(np.array_equal(heads[0][k], heads[1][k]) for k in heads[0])
    detectors = [OODDetector.load(tmp_path / name) for name in "ab"]
    assert detectors[0].thresholds == detectors[1].thresholds
    classifier = IntentClassifier(tmp_path / "a")
    dev = load_labelled_texts(data["dev"])
    output = classifier.forward(dev.texts)
    for method in ("combined", "knn", "mahalanobis", "energy"):
        expected, _ = choose_threshold(detectors[0].score(output, method), QUICK.oos_budget)
        assert detectors[0].threshold(method, "fp32") == pytest.approx(expected, rel=1e-5)
    texts = ["where is my order", "I forgot my password", "tell me a joke"]
    assert classifier.predict(texts) == IntentClassifier(tmp_path / "b").predict(texts)


def test_detector_rejects_a_held_out_intent(data: dict[str, Path], tmp_path: Path) -> None:
    """Train without one intent; its texts are then out of scope and should score as such. The
    fine-tuned encoder (the product's default, a few seconds here): a head over frozen vectors
    separates an unseen intent too weakly for a 20-text dev set's operating point."""
    from encoders.data.adapters.bitext import load_labelled_texts

    held = "gift_wrap"
    files = {}
    for split in ("train", "dev", "test"):
        rows = load_labelled_texts(data[split])
        files[split] = _write(tmp_path / f"{split}.csv", [(t, y) for t, y in zip(rows.texts, rows.labels) if y != held])
    train_intent_model(TINY, files["train"], tmp_path / "m", dev=files["dev"], progress=False)
    test = load_labelled_texts(data["test"])
    unseen = [t for t, y in zip(test.texts, test.labels) if y == held]
    known = [t for t, y in zip(test.texts, test.labels) if y != held]
    classifier = IntentClassifier(tmp_path / "m")
    assert held not in classifier.labels
    scores_known = classifier.detector.score(classifier.forward(known))
    scores_unseen = classifier.detector.score(classifier.forward(unseen))
    assert auroc(scores_known, scores_unseen) >= 0.9
    rejected = [p.label == "other" for p in classifier.predict_details(unseen)]
    kept = [p.label != "other" for p in classifier.predict_details(known)]
    assert np.mean(rejected) >= 0.5 and np.mean(kept) >= 0.9, (np.mean(rejected), np.mean(kept))


def test_training_json_records_the_threads_it_trained_with(data: dict[str, Path], tmp_path: Path) -> None:
    import dataclasses

    import torch

    before = torch.get_num_threads()
    wanted = 1 if before != 1 else 2
    train_intent_model(dataclasses.replace(QUICK, threads=wanted), data["train"], tmp_path / "m", dev=data["dev"], progress=False)
    recorded = json.loads((tmp_path / "m" / "training.json").read_text())["versions"]
    assert recorded["torch_threads"] == str(wanted) and torch.get_num_threads() == before


def test_no_dev_file_holds_out_part_of_train(data: dict[str, Path], tmp_path: Path) -> None:
    quick = TrainConfig(**{**QUICK.__dict__, "oos_method": "knn"})
    result = train_intent_model(quick, data["train"], tmp_path / "m", progress=False)
    training = json.loads((tmp_path / "m" / "training.json").read_text())
    assert training["rows"]["train"] + training["rows"]["dev"] == 84 and training["rows"]["dev"] >= len(INTENTS)
    assert result.metrics["split"] == "dev"


def test_unknown_column_and_empty_file_are_clear_errors(data: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no column 'label'.*utterance, intent"):
        train_intent_model(TrainConfig(label_col="label"), data["train"], tmp_path / "m", progress=False)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(LoadError):
        train_intent_model(TrainConfig(), empty, tmp_path / "m", progress=False)
    header_only = tmp_path / "header.csv"
    header_only.write_text("utterance,intent\n")
    with pytest.raises(LoadError, match="no data rows"):
        train_intent_model(TrainConfig(), header_only, tmp_path / "m", progress=False)
    one_label = _write(tmp_path / "one.csv", [("where is my parcel", "track_order")] * 5)
    with pytest.raises(DataError, match="at least 2 labels"):
        train_intent_model(TrainConfig(), one_label, tmp_path / "m", progress=False)
    unseen = _write(tmp_path / "unseen.csv", [("hello", "greeting")])
    with pytest.raises(DataError, match="greeting"):
        train_intent_model(TrainConfig(), data["train"], tmp_path / "m", dev=unseen, progress=False)
    assert not (tmp_path / "m").exists()


def test_a_missing_gpu_or_unknown_device_is_a_clear_error(data: dict[str, Path], tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(ValueError, match="device cuda was asked for, but torch finds no CUDA GPU"):
        train_intent_model(TrainConfig(device="cuda"), data["train"], tmp_path / "m", progress=False)
    with pytest.raises(ValueError, match="device must be one of cpu, cuda, not 'tpu'"):
        train_intent_model(TrainConfig(device="tpu"), data["train"], tmp_path / "m", progress=False)
    assert not (tmp_path / "m").exists()


def test_cli_reports_a_bad_column_and_classifies(trained, data: dict[str, Path], tmp_path: Path) -> None:
    from ui.cli import app

    runner = CliRunner()
    bad = runner.invoke(app, ["--home", str(tmp_path), "train-intent", "--train", str(data["train"]), "--label-col", "nope"])
    assert bad.exit_code == 2 and "no column 'nope'" in " ".join(bad.output.split())
    ok = runner.invoke(app, ["--home", str(tmp_path), "intent", "--model", str(trained.folder), "--json",
                             "please cancel order #123456", "tell me a joke"])
    assert ok.exit_code == 0, ok.output
    lines = [json.loads(line) for line in ok.output.splitlines() if line.startswith("{")]
    assert [line["intent"] for line in lines] == ["cancel_order", "other"]


def test_benchmark_report_has_the_promised_keys(trained, data: dict[str, Path], tmp_path: Path) -> None:
    from eval.intent_benchmark import load_oos, run_intent_benchmark

    oos = tmp_path / "oos.txt"
    oos.write_text("# off-topic\n" + "\n".join(OFF_TOPIC) + "\n")
    report = run_intent_benchmark(data["train"], data["test"], tmp_path / "report.json", dev=data["dev"], oos=oos,
                                  model=trained.folder, throughput_texts=128, compare_precisions=False)
    saved = json.loads((tmp_path / "report.json").read_text())
    for key in ("accuracy", "macro_f1", "oos_recall", "in_scope_accuracy", "train_seconds", "utterances_per_s"):
        assert key in saved and saved[key] == report[key]
    assert report["n_oos"] == len(OFF_TOPIC) and report["oos_recall"] >= 0.8
    assert report["accuracy"] == pytest.approx(trained.metrics["accuracy"], abs=1e-4)
    assert set(report["detectors"]) == {"combined", "knn", "mahalanobis", "energy", "max_logit", "msp"}
    assert all(0.0 <= m["auroc"] <= 1.0 for m in report["detectors"].values())
    assert report["baselines"]["frozen_vectors_logreg"]["accuracy"] >= 0.7
    assert (trained.folder / "ood_curve.png").exists() and (tmp_path / "report.png").exists()
    builtin = load_oos(None)
    assert len(builtin.texts) >= 300 and {"builtin", "catalogue_title"} == set(builtin.sources)


# --- profiles ----------------------------------------------------------------------------------------

T0 = datetime(2026, 10, 1, tzinfo=timezone.utc)


def msg(i: int, day: float, order: str | None = None) -> Event:
    attrs = {"order_id": order} if order else {}
    return Event(event_id=f"M{i}", user_id="U1", ts=T0 + timedelta(days=day), type="support_message",
                 text=f"message {i}", attrs=attrs)


def test_intent_facts_mix_and_open_problems() -> None:
    events = [
        msg(1, 0, "A"), msg(2, 1, "A"), msg(3, 2, "B"), msg(4, 3, "B"), msg(5, 4), msg(6, 5, "C"), msg(7, 6, "C"),
        Event(event_id="P1", user_id="U1", ts=T0 + timedelta(days=7), type="purchase", item_id="X", price=5.0),
    ]
    intents = {"M1": ("track_order", 0.9), "M2": ("track_order", 0.95), "M3": ("get_refund", 0.9),
               "M4": ("problem_resolved", 0.8), "M5": ("check_payment_methods", 0.9), "M6": ("complaint", 0.7),
               "M7": ("other", 0.4)}
    mix = intent_mix(events, intents)
    assert mix.value[0] == {"intent": "track_order", "share": round(2 / 7, 3), "count": 2}
    assert abs(sum(m["share"] for m in mix.value) - 1.0) < 0.01
    assert mix.evidence == [f"M{i}" for i in range(1, 8)]
    found = open_problems(events, intents, reference_time=T0 + timedelta(days=10))
    problems = found.value
    # M1/M2 collapse to the latest; M3 was resolved on the same order; M6 has no resolution.
    assert [(p["intent"], p["event_id"], p.get("order_id")) for p in problems] == [
        ("track_order", "M2", "A"), ("complaint", "M6", "C")]
    assert found.evidence == ["M2", "M6"]
    # Thirty days later nothing is recent enough to be open.
    assert open_problems(events, intents, reference_time=T0 + timedelta(days=60)).value == []
    # A resolution without an order closes every earlier problem, not later ones.
    closing = {**intents, "M5": ("problem_resolved", 0.9)}
    assert [p["event_id"] for p in open_problems(events, closing).value] == ["M6"]


def test_problem_rules_work_on_other_label_sets() -> None:
    assert is_problem_intent("get_refund") and is_problem_intent("refund_not_showing") and is_problem_intent("card_declined")
    assert not is_problem_intent("check_refund_policy") and not is_problem_intent("check_cancellation_fee")
    assert not is_problem_intent("delivery_options") and not is_problem_intent("other")
    assert is_resolving_intent("problem_resolved") and is_resolving_intent("thank_you") and not is_resolving_intent("complaint")


def test_profiles_carry_the_intent_mix(trained, settings) -> None:
    from encoders.embedder import Embedder
    from encoders.profile.builder import ProfileBuilder
    from encoders.profile.facts import fact_descriptions

    events = [
        Event(event_id="E1", user_id="U1", ts=T0, type="view", item_id="G1"),
        Event(event_id="E2", user_id="U1", ts=T0 + timedelta(days=1), type="support_message",
              text="Please cancel order #481516.", attrs={"order_id": "481516"}),
        Event(event_id="E3", user_id="U1", ts=T0 + timedelta(days=2), type="support_message", text="Can I pay with PayPal?"),
        Event(event_id="E4", user_id="U1", ts=T0 + timedelta(days=3), type="support_message",
              text="I forgot my password."),
    ]
    builder = ProfileBuilder(settings, Embedder(settings), {}, intent_classifier=IntentClassifier(trained.folder))
    profile = builder.build("U1", events, reference_time=T0 + timedelta(days=4))
    mix = profile.facts["intent_mix"]
    assert sorted(m["intent"] for m in mix.value) == ["cancel_order", "check_payment_methods", "recover_password"]
    assert mix.evidence == ["E2", "E3", "E4"]
    assert [p["event_id"] for p in profile.facts["open_problems"].value] == ["E2", "E4"]
    assert {"intent_mix", "open_problems"} <= set(fact_descriptions())
    plain = ProfileBuilder(settings, Embedder(settings), {}).build("U1", events, reference_time=T0 + timedelta(days=4))
    assert "intent_mix" not in plain.facts


# --- synthetic ground truth --------------------------------------------------------------------------


def _matches(text: str, template: str) -> bool:
    pattern = re.escape(template)
    for slot in ("order", "noun", "title", "brand"):
        pattern = pattern.replace(re.escape("{" + slot + "}"), ".+")
    return re.fullmatch(pattern, text) is not None


def test_synthetic_shop_writes_labelled_support_texts(tmp_path: Path) -> None:
    files = generate_shop(tmp_path / "shop", n_products=60, n_users=40, seed=4)
    with files.support_intents.open() as handle:
        training = list(csv.DictReader(handle))
    counts = {i: sum(r["intent"] == i for r in training) for i in SUPPORT_INTENTS}
    assert set(counts) == set(SUPPORT_INTENTS) and min(counts.values()) >= 40
    events = {e.event_id: e for e in map(Event.model_validate_json, files.events.read_text().splitlines())}
    with files.support_labels.open() as handle:
        labels = list(csv.DictReader(handle))
    messages = [e for e in events.values() if e.type is EventType.support_message]
    assert labels and len(labels) >= len(messages) - 3  # the planted injections have no intent
    for row in labels:
        assert events[row["event_id"]].text == row["utterance"]
        assert any(_matches(row["utterance"], t) for t in SUPPORT_TEMPLATES[row["intent"]]), row
    again = generate_shop(tmp_path / "again", n_products=60, n_users=40, seed=4)
    assert again.support_intents.read_bytes() == files.support_intents.read_bytes()
    assert again.support_labels.read_bytes() == files.support_labels.read_bytes()
