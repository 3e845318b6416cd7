"""The recommendation harness: metrics on hand-computed rankings, test rows never reaching fitting
(a planted test-only item), and `portrait eval recs` end to end on a tiny data set in the layout."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from eval.recs_data import HeldOut, read_interactions, read_split
from eval.recs_metrics import hit_at, intra_list_similarity, ndcg_at, ndcg_set_at, rank_among, recall_at
from retrieval.recommend.data import Catalog, Interaction
from retrieval.recommend.registry import create


def test_rank_hit_and_ndcg_on_hand_computed_rankings() -> None:
    assert rank_among(0.9, np.array([0.1, 0.5, 0.95])) == 1
    assert rank_among(0.5, np.array([0.5, 0.5, 0.1])) == 1  # two ties: one counted above
    assert rank_among(1.0, np.zeros(99)) == 0
    assert hit_at(9) == 1.0 and hit_at(10) == 0.0
    assert ndcg_at(0) == 1.0
    assert ndcg_at(2) == pytest.approx(1 / math.log2(4)) == 0.5
    assert ndcg_at(10) == 0.0
    ranked = ["a", "b", "c", "d"]
    assert recall_at(ranked, {"b", "x"}, k=2) == 0.5
    # gains at positions 2 and 4 over an ideal of two hits at 1 and 2
    assert ndcg_set_at(ranked, {"b", "d"}, k=4) == pytest.approx((1 / math.log2(3) + 1 / math.log2(5)) / (1 + 1 / math.log2(3)))
    same = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    assert intra_list_similarity(same) == pytest.approx(1 / 3)


def _catalog(n: int) -> Catalog:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(n, 8))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return Catalog([f"i{k}" for k in range(n)], [f"Item number {k}" for k in range(n)], ["c"] * n, vectors)


def test_evaluate_matches_a_hand_computed_popularity_ranking() -> None:
    from eval.recs_benchmark import evaluate

    catalog = _catalog(14)
    # popularity: i0 bought by 3 users, i1 by 2, the rest once (u3 buys i2..i13)
    train = [Interaction("u1", "i0", 1), Interaction("u2", "i0", 1), Interaction("u2", "i1", 2), Interaction("u3", "i0", 1), Interaction("u3", "i1", 2)]
    train += [Interaction("u3", f"i{k}", 3 + k) for k in range(2, 14)]
    model = create("popularity").fit(train, catalog)
    held = [
        HeldOut(Interaction("u1", "i1", 9), ["i2", "i3"]),  # i1 (2 buyers) above both negatives: rank 0
        HeldOut(Interaction("u2", "i5", 9), ["i0", "i6"]),  # i0 above, i6 tied: rank 1 + 1//2 = 1
    ]
    scores = evaluate(model, held)
    assert scores["hr@10"] == 1.0
    assert scores["ndcg@10"] == pytest.approx((1.0 + 1 / math.log2(3)) / 2)
    # full ranking, owned items left out: u1 (owns i0): i1 first -> rank 0; u2 (owns i0, i1): i5 among
    # 11 other items tied at one buyer -> rank 11 // 2 = 5
    assert scores["recall@10_full"] == 1.0
    assert scores["ndcg@10_full"] == pytest.approx((1.0 + 1 / math.log2(7)) / 2)


def _write_layout(folder: Path, planted: str) -> dict[str, Path]:
    """A tiny data set in the layout: 30 users over 24 items in 3 groups; the planted item is in
    items.tsv and test.tsv only."""
    rng = np.random.default_rng(3)
    folder.mkdir(parents=True, exist_ok=True)
    kinds = ["Blue Ballpoint Pen", "Spiral Notebook", "Printer Ink Cartridge"]
    items = [f"{n}\t{kinds[n % 3]} model {n}\t{n % 3}\t1" for n in range(1, 25)] + [f"{planted}\tSolar Garden Lantern\t9\t1"]
    (folder / "items.tsv").write_text("item_id\ttext\tcategory_id\tbrand_id\n" + "\n".join(items) + "\n")
    train, dev, test = [], [], []
    for user in range(1, 31):
        group = [n for n in range(1, 25) if n % 3 == user % 3]
        bought = rng.choice(group, size=6, replace=False)
        others = [n for n in range(1, 25) if n not in bought]
        train += [f"{user}\t{b}\t{1000 + t}" for t, b in enumerate(bought[:4])]
        dev.append(f"{user}\t{bought[4]}\t2000\t{[int(x) for x in rng.choice(others, 5)]}")
        target = planted if user == 1 else bought[5]
        test.append(f"{user}\t{target}\t3000\t{[int(x) for x in rng.choice(others, 5)]}")
    paths = {}
    for name, rows, header in (("train", train, "user_id\titem_id\ttime"), ("dev", dev, "user_id\titem_id\ttime\tneg_items"), ("test", test, "user_id\titem_id\ttime\tneg_items")):
        paths[name] = folder / f"{name}.tsv"
        paths[name].write_text(header + "\n" + "\n".join(rows) + "\n")
    paths["items"] = folder / "items.tsv"
    return paths


def test_test_rows_never_reach_fitting(tmp_path, shared_cache) -> None:
    from encoders.embedder import EmbeddingCache, Embedder
    from encoders.settings import Settings
    from eval.recs_benchmark import fit_all, score_test
    from eval.recs_data import read_catalog

    planted = "999"
    paths = _write_layout(tmp_path / "data", planted)
    embedder = Embedder(Settings(home=tmp_path / "home", show_progress=False), cache=EmbeddingCache(shared_cache))
    catalog = read_catalog(paths["items"], embedder)
    test_reads: list[str] = []
    names = ("popularity", "itemknn", "ease", "content")
    chosen, final = fit_all(read_interactions(paths["train"]), read_split(paths["dev"], "dev"), catalog, names)
    for model in [*final.values(), *(c.dev_model for c in chosen.values())]:
        assert model.fitted.counts[catalog.index[planted]] == 0
        assert all(catalog.index[planted] not in h.items for h in map(model.context, model.fitted.user_ids))
        assert ("1", "999") not in {(u, catalog.item_ids[s.item]) for u, h in model.fitted.histories.items() for s in h}

    def read_test() -> list[HeldOut]:
        test_reads.append("test")
        return read_split(paths["test"], "test")

    results = score_test(final, read_test, list_users=5)
    assert test_reads == ["test"]
    assert set(results) == set(names)
    assert all(0.0 <= r["hr@10"] <= 1.0 for r in results.values())


def test_a_whole_dev_basket_reaches_the_refit_but_not_the_dev_fit() -> None:
    """Online Retail's dev is a whole invoice, scored for choices on one sampled product per
    customer: the refit on train + dev takes every product of the basket, the dev-time fit none."""
    from eval.recs_benchmark import fit_all

    catalog = _catalog(12)
    train = [Interaction(u, f"i{k}", k) for u in ("u1", "u2", "u3") for k in range(3)]
    basket = [Interaction("u1", f"i{k}", 20) for k in (5, 6, 7)] + [Interaction("u2", "i8", 20)]
    dev = [HeldOut(basket[0], ["i9", "i10"]), HeldOut(basket[3], ["i9", "i11"])]
    chosen, final = fit_all(train, dev, catalog, ("popularity", "ease"), valid=basket)
    for name in ("popularity", "ease"):
        fitted = final[name].fitted
        assert {catalog.item_ids[s.item] for s in fitted.histories["u1"]} == {"i0", "i1", "i2", "i5", "i6", "i7"}
        assert chosen[name].dev_model.fitted.counts[[catalog.index[i] for i in ("i5", "i6", "i7", "i8")]].sum() == 0
        assert fitted.counts[catalog.index["i6"]] == 1


@pytest.mark.slow
def test_eval_recs_command_writes_the_report(tmp_path) -> None:
    from typer.testing import CliRunner

    from eval.cli import app

    paths = _write_layout(tmp_path / "data", "999")
    out = tmp_path / "recs.json"
    args = ["recs", "--train", str(paths["train"]), "--dev", str(paths["dev"]), "--test", str(paths["test"]), "--items", str(paths["items"]),
            "--out", str(out), "--latency-users", "0", "--list-users", "5"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    for key in ("hr@10", "ndcg@10", "recall@10_full", "ndcg@10_full", "baselines", "intra_list_similarity", "targets"):
        assert key in report
    assert set(report["baselines"]) == {"popularity", "itemknn", "ease", "als", "content", "sequence"}
    assert all("hr@10" in row and "ndcg@10_full" in row for row in report["baselines"].values())
    assert {"hr@10", "ndcg@10", "recall@10_full", "ndcg@10_full"} <= set(report["hybrid_candidates_only"])
    assert out.with_suffix(".md").read_text().startswith("# Recommendation benchmark")
